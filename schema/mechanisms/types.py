"""GraphQL types of UN mechanisms and their sessions."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from content import models as m
from schema.core.enums import MechanismKind
from schema.core.interfaces import Content, ModelBacked
from schema.core.mentions import Mentionable
from schema.core.names import MultilingualNamed
from schema.core.refs import (
    CommunicationRef,
    DocumentRef,
    EventRef,
    InformationRequestRef,
    RecommendationRef,
)
from schema.core.labels import label_field


@strawberry.type(description="A UN human-rights mechanism: the Council, a treaty body, a mandate...")
class Mechanism(ModelBacked, MultilingualNamed, Mentionable, Content):
    __model__ = m.Mechanism
    key: str | None
    kind: MechanismKind
    acronym: str | None
    reporting_periodicity_years: int | None
    treaty: JSON | None
    kind_label = label_field("kind")

    @strawberry.field
    def parent(self, info: Info) -> Mechanism | None:
        if self.parent_id is None:
            return None
        return info.context.loaders.by_id(m.Mechanism).load(self.parent_id)

    @strawberry.field
    def children(self, info: Info) -> list[Mechanism]:
        return info.context.loaders.children(m.Mechanism, "parent_id", ("title",)).load(self.id)

    @strawberry.field
    def sessions(self, info: Info) -> list[Session]:
        return info.context.loaders.children(m.Session, "mechanism_id", ("number",)).load(self.id)

    @strawberry.field
    def documents(self, info: Info) -> list[DocumentRef]:
        return info.context.loaders.children(m.Document, "mechanism_id").load(self.id)

    @strawberry.field
    def recommendations(self, info: Info) -> list[RecommendationRef]:
        return info.context.loaders.children(m.Recommendation, "mechanism_id").load(self.id)

    @strawberry.field
    def communications(self, info: Info) -> list[CommunicationRef]:
        return info.context.loaders.children(m.Communication, "mechanism_id").load(self.id)

    @strawberry.field
    def events(self, info: Info) -> list[EventRef]:
        return info.context.loaders.children(m.Event, "mechanism_id").load(self.id)

    @strawberry.field
    def information_requests(self, info: Info) -> list[InformationRequestRef]:
        loader = info.context.loaders.linked(
            m.InformationRequestMechanism, "mechanism_id", "information_request_id", m.InformationRequest
        )
        return loader.load(self.id)


@strawberry.type(description="A session of a mechanism (e.g. the 46th session of the Council).")
class Session(ModelBacked, Mentionable, Content):
    __model__ = m.Session
    number: int
    start_date: dt.date | None
    end_date: dt.date | None
    venue: str
    modality: str

    @strawberry.field
    def mechanism(self, info: Info) -> Mechanism | None:
        return info.context.loaders.by_id(m.Mechanism).load(self.mechanism_id)

    @strawberry.field
    def documents(self, info: Info) -> list[DocumentRef]:
        return info.context.loaders.children(m.Document, "session_id").load(self.id)

    @strawberry.field
    def recommendations(self, info: Info) -> list[RecommendationRef]:
        return info.context.loaders.children(m.Recommendation, "session_id").load(self.id)

    @strawberry.field
    def events(self, info: Info) -> list[EventRef]:
        return info.context.loaders.children(m.Event, "session_id").load(self.id)
