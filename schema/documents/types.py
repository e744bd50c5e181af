"""GraphQL types of documents, recommendations and their follow-up."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from content import models as m
from schema.core.enums import DocumentKind, DocumentStatus, ImplementationStatus, RecommendationPosition
from schema.core.interfaces import Content, ModelBacked
from schema.core.mentions import Mentionable
from schema.core.refs import InstitutionRef, MechanismRef, NgoInteractionRef, SessionRef, ThemeRef
from schema.core.labels import label_field


@strawberry.type(description="A report, reply or statement the state wrote, or a mechanism's text.")
class Document(ModelBacked, Mentionable, Content):
    __model__ = m.Document
    kind: DocumentKind
    symbol: str | None
    cycle: int | None
    status: DocumentStatus
    due_date: dt.date | None
    submitted_date: dt.date | None
    kind_label = label_field("kind")
    status_label = label_field("status")

    @strawberry.field
    def mechanism(self, info: Info) -> MechanismRef | None:
        if self.mechanism_id is None:
            return None
        return info.context.loaders.by_id(m.Mechanism).load(self.mechanism_id)

    @strawberry.field
    def session(self, info: Info) -> SessionRef | None:
        if self.session_id is None:
            return None
        return info.context.loaders.by_id(m.Session).load(self.session_id)

    @strawberry.field(description="Recommendations this document is the source of.")
    def recommendations(self, info: Info) -> list[Recommendation]:
        return info.context.loaders.children(m.Recommendation, "source_document_id").load(self.id)

    @strawberry.field(description="NGO interactions this document responds to.")
    def ngo_interactions(self, info: Info) -> list[NgoInteractionRef]:
        return info.context.loaders.children(m.NgoInteraction, "response_document_id").load(self.id)


@strawberry.type
class FollowUpAction:
    date: dt.date | None
    description: str

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, m.FollowUpAction)

    @strawberry.field
    def institution(self, info: Info) -> InstitutionRef | None:
        if self.institution_id is None:
            return None
        return info.context.loaders.by_id(m.Institution).load(self.institution_id)


@strawberry.type(description="A recommendation a mechanism addressed to the state.")
class Recommendation(ModelBacked, Mentionable, Content):
    __model__ = m.Recommendation
    paragraph: str
    recommending_state: str
    affected_groups: list[str]
    sdg_targets: list[str]
    position: RecommendationPosition | None
    implementation_status: ImplementationStatus
    position_label = label_field("position", nullable=True)
    implementation_status_label = label_field("implementation_status")

    @strawberry.field
    def mechanism(self, info: Info) -> MechanismRef | None:
        return info.context.loaders.by_id(m.Mechanism).load(self.mechanism_id)

    @strawberry.field
    def session(self, info: Info) -> SessionRef | None:
        if self.session_id is None:
            return None
        return info.context.loaders.by_id(m.Session).load(self.session_id)

    @strawberry.field
    def source_document(self, info: Info) -> Document | None:
        if self.source_document_id is None:
            return None
        return info.context.loaders.by_id(m.Document).load(self.source_document_id)

    @strawberry.field
    def themes(self, info: Info) -> list[ThemeRef]:
        loader = info.context.loaders.linked(m.RecommendationTheme, "recommendation_id", "theme_id", m.Theme)
        return loader.load(self.id)

    @strawberry.field
    def responsible_institutions(self, info: Info) -> list[InstitutionRef]:
        loader = info.context.loaders.linked(
            m.RecommendationInstitution, "recommendation_id", "institution_id", m.Institution
        )
        return loader.load(self.id)

    @strawberry.field
    def follow_up_actions(self, info: Info) -> list[FollowUpAction]:
        loader = info.context.loaders.children(m.FollowUpAction, "recommendation_id", ("date", "id"))
        return loader.load(self.id)
