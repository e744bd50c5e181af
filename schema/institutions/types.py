"""GraphQL types of institutions and themes."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from content import models as m
from schema.core.enums import InstitutionKind
from schema.core.interfaces import Content, ModelBacked
from schema.core.mentions import Mentionable
from schema.core.refs import (
    EventRef,
    NgoInteractionRef,
    ParliamentaryPresentationRef,
    ProgramMeasureRef,
    RecommendationRef,
)
from schema.core.names import MultilingualNamed, Names
from schema.core.labels import label_field


@strawberry.type(description="A ministry, chamber, committee, NHRI, NGO or organisation.")
class Institution(ModelBacked, MultilingualNamed, Mentionable, Content):
    __model__ = m.Institution
    key: str | None
    kind: InstitutionKind
    acronym: str | None
    country: str | None
    kind_label = label_field("kind")

    @strawberry.field
    def parent(self, info: Info) -> Institution | None:
        if self.parent_id is None:
            return None
        return info.context.loaders.by_id(m.Institution).load(self.parent_id)

    @strawberry.field
    def children(self, info: Info) -> list[Institution]:
        return info.context.loaders.children(m.Institution, "parent_id", ("title",)).load(self.id)

    @strawberry.field(description="Programme measures this ministry is responsible for.")
    def program_measures(self, info: Info) -> list[ProgramMeasureRef]:
        return info.context.loaders.children(m.ProgramMeasure, "ministry_id", ("number",)).load(self.id)

    @strawberry.field(description="Interactions with this NGO.")
    def ngo_interactions(self, info: Info) -> list[NgoInteractionRef]:
        return info.context.loaders.children(m.NgoInteraction, "organisation_id").load(self.id)

    @strawberry.field(description="Presentations before this chamber or committee.")
    async def parliamentary_presentations(self, info: Info) -> list[ParliamentaryPresentationRef]:
        loaders = info.context.loaders
        as_chamber = await loaders.children(m.ParliamentaryPresentation, "chamber_id", ("date",)).load(self.id)
        as_committee = await loaders.children(m.ParliamentaryPresentation, "committee_id", ("date",)).load(self.id)
        seen = {p.id for p in as_chamber}
        return as_chamber + [p for p in as_committee if p.id not in seen]

    @strawberry.field(description="Events this institution was a partner of.")
    def events(self, info: Info) -> list[EventRef]:
        loader = info.context.loaders.linked(m.EventPartner, "institution_id", "event_id", m.Event)
        return loader.load(self.id)

    @strawberry.field(description="Recommendations this institution is responsible for.")
    def recommendations(self, info: Info) -> list[RecommendationRef]:
        loader = info.context.loaders.linked(
            m.RecommendationInstitution, "institution_id", "recommendation_id", m.Recommendation
        )
        return loader.load(self.id)


@strawberry.type(description="A theme of the human-rights taxonomy.")
class Theme(ModelBacked, Content):
    __model__ = m.Theme
    key: str | None

    @strawberry.field
    def labels(self) -> Names:
        return Names(ar=self.name_ar, fr=self.name_fr, en=self.name_en)

    @strawberry.field
    def parent(self, info: Info) -> Theme | None:
        if self.parent_id is None:
            return None
        return info.context.loaders.by_id(m.Theme).load(self.parent_id)

    @strawberry.field
    def children(self, info: Info) -> list[Theme]:
        return info.context.loaders.children(m.Theme, "parent_id", ("title",)).load(self.id)

    @strawberry.field
    def recommendations(self, info: Info) -> list[RecommendationRef]:
        loader = info.context.loaders.linked(m.RecommendationTheme, "theme_id", "recommendation_id", m.Recommendation)
        return loader.load(self.id)
