"""GraphQL types of programme measures, their sections and achievement items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry.types import Info

from content import models as m
from schema.core.enums import AchievementItemKind
from schema.core.interfaces import Content, ModelBacked
from schema.core.mentions import mentioned_targets_loader, mentions_by_item_loader
from schema.core.refs import (
    DocumentRef,
    EventRef,
    InformationRequestRef,
    InstitutionRef,
    MechanismRef,
    NgoInteractionRef,
    ParliamentaryPresentationRef,
    SessionRef,
)
from schema.core.labels import label_field


@strawberry.type(description="A link from an achievement item to a record, with the sentence it came from.")
class Mention:
    target_type: str
    sentence: str
    alias: str

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, m.Mention)

    @strawberry.field(description="The record mentioned (null if you may not see it).")
    async def node(self, info: Info) -> Content | None:
        model = m.CONTENT_TYPES.get(self.target_type)
        return None if model is None else await info.context.loaders.by_id(model).load(self.target_id)


def _mentioned(info: Info, item_id: Any, target_type: str) -> Any:
    """The loader's future of the visible `target_type` records an item mentions."""
    return mentioned_targets_loader(info.context.loaders).load((item_id, target_type))


@strawberry.type(description="One bullet or paragraph of a measure's achievements: its own record and hit.")
class AchievementItem(ModelBacked, Content):
    __model__ = m.AchievementItem
    position: int
    kind: AchievementItemKind
    kind_label = label_field("kind")

    @strawberry.field
    def measure(self, info: Info) -> ProgramMeasure | None:
        return info.context.loaders.by_id(m.ProgramMeasure).load(self.measure_id)

    @strawberry.field
    def section(self, info: Info) -> MeasureSection | None:
        return info.context.loaders.by_id(m.MeasureSection).load(self.section_id)

    @strawberry.field(description="Every link of this item to a record you may see, with its provenance.")
    async def mentions(self, info: Info) -> list[Mention]:
        mentions = await mentions_by_item_loader(info.context.loaders).load(self.id)
        # A link to a hidden record would tell that such a record exists: leave it out.
        visible = set()
        for type_name in {x.target_type for x in mentions}:
            model = m.CONTENT_TYPES.get(type_name)
            if model is not None:
                ids = [x.target_id for x in mentions if x.target_type == type_name]
                found = await info.context.loaders.by_id(model).load_many(ids)
                visible |= {(type_name, row.id) for row in found if row is not None}
        return [x for x in mentions if (x.target_type, x.target_id) in visible]

    @strawberry.field
    def mechanisms(self, info: Info) -> list[MechanismRef]:
        return _mentioned(info, self.id, "Mechanism")

    @strawberry.field
    def sessions(self, info: Info) -> list[SessionRef]:
        return _mentioned(info, self.id, "Session")

    @strawberry.field
    def institutions(self, info: Info) -> list[InstitutionRef]:
        return _mentioned(info, self.id, "Institution")

    @strawberry.field
    def documents(self, info: Info) -> list[DocumentRef]:
        return _mentioned(info, self.id, "Document")

    @strawberry.field
    def events(self, info: Info) -> list[EventRef]:
        return _mentioned(info, self.id, "Event")

    @strawberry.field
    def information_requests(self, info: Info) -> list[InformationRequestRef]:
        return _mentioned(info, self.id, "InformationRequest")

    @strawberry.field
    def ngo_interactions(self, info: Info) -> list[NgoInteractionRef]:
        return _mentioned(info, self.id, "NgoInteraction")

    @strawberry.field
    def parliamentary_presentations(self, info: Info) -> list[ParliamentaryPresentationRef]:
        return _mentioned(info, self.id, "ParliamentaryPresentation")


@strawberry.type(description="A numbered achievements section of a measure.")
class MeasureSection:
    number: int | None
    title: str
    position: int

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, m.MeasureSection)

    @strawberry.field
    def items(self, info: Info) -> list[AchievementItem]:
        return info.context.loaders.children(m.AchievementItem, "section_id", ("position",)).load(self.id)


@strawberry.type(description="A government-programme measure and its status sheet.")
class ProgramMeasure(ModelBacked, Content):
    __model__ = m.ProgramMeasure
    number: int
    axis: str
    sub_measure_name: str | None
    description_items: list[str]
    objectives: list[str]
    status: str
    status_as_of: dt.date | None

    @strawberry.field(description="The measure's name (its title).")
    def name(self) -> str:
        return self.title

    @strawberry.field
    def ministry(self, info: Info) -> InstitutionRef | None:
        if self.ministry_id is None:
            return None
        return info.context.loaders.by_id(m.Institution).load(self.ministry_id)

    @strawberry.field
    def sections(self, info: Info) -> list[MeasureSection]:
        return info.context.loaders.children(m.MeasureSection, "measure_id", ("position",)).load(self.id)

    @strawberry.field(description="All achievement items, in sheet order.")
    def items(self, info: Info) -> list[AchievementItem]:
        return info.context.loaders.children(m.AchievementItem, "measure_id", ("position",)).load(self.id)
