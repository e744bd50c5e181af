"""GraphQL types of programme measures, their sections and achievement items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry.types import Info

from content import models as m
from schema.core.enums import AchievementItemKind
from schema.core.interfaces import Content, ModelBacked
from schema.core.mentions import mentions_by_item_loader
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


async def _mentioned(info: Info, item_id: Any, target_type: str) -> list[Any]:
    mentions = await mentions_by_item_loader(info.context.loaders).load(item_id)
    ids = [x.target_id for x in mentions if x.target_type == target_type]
    if not ids:
        return []
    found = await info.context.loaders.by_id(m.CONTENT_TYPES[target_type]).load_many(ids)
    return [x for x in found if x is not None]


@strawberry.type(description="One bullet or paragraph of a measure's achievements: its own record and hit.")
class AchievementItem(ModelBacked, Content):
    __model__ = m.AchievementItem
    position: int
    kind: AchievementItemKind
    kind_label = label_field("kind")

    @strawberry.field
    async def measure(self, info: Info) -> ProgramMeasure | None:
        return await info.context.loaders.by_id(m.ProgramMeasure).load(self.measure_id)

    @strawberry.field
    async def section(self, info: Info) -> MeasureSection | None:
        return await info.context.loaders.by_id(m.MeasureSection).load(self.section_id)

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
    async def mechanisms(self, info: Info) -> list[MechanismRef]:
        return await _mentioned(info, self.id, "Mechanism")

    @strawberry.field
    async def sessions(self, info: Info) -> list[SessionRef]:
        return await _mentioned(info, self.id, "Session")

    @strawberry.field
    async def institutions(self, info: Info) -> list[InstitutionRef]:
        return await _mentioned(info, self.id, "Institution")

    @strawberry.field
    async def documents(self, info: Info) -> list[DocumentRef]:
        return await _mentioned(info, self.id, "Document")

    @strawberry.field
    async def events(self, info: Info) -> list[EventRef]:
        return await _mentioned(info, self.id, "Event")

    @strawberry.field
    async def information_requests(self, info: Info) -> list[InformationRequestRef]:
        return await _mentioned(info, self.id, "InformationRequest")

    @strawberry.field
    async def ngo_interactions(self, info: Info) -> list[NgoInteractionRef]:
        return await _mentioned(info, self.id, "NgoInteraction")

    @strawberry.field
    async def parliamentary_presentations(self, info: Info) -> list[ParliamentaryPresentationRef]:
        return await _mentioned(info, self.id, "ParliamentaryPresentation")


@strawberry.type(description="A numbered achievements section of a measure.")
class MeasureSection:
    number: int | None
    title: str
    position: int

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, m.MeasureSection)

    @strawberry.field
    async def items(self, info: Info) -> list[AchievementItem]:
        return await info.context.loaders.children(m.AchievementItem, "section_id", ("position",)).load(self.id)


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
    async def ministry(self, info: Info) -> InstitutionRef | None:
        if self.ministry_id is None:
            return None
        return await info.context.loaders.by_id(m.Institution).load(self.ministry_id)

    @strawberry.field
    async def sections(self, info: Info) -> list[MeasureSection]:
        return await info.context.loaders.children(m.MeasureSection, "measure_id", ("position",)).load(self.id)

    @strawberry.field(description="All achievement items, in sheet order.")
    async def items(self, info: Info) -> list[AchievementItem]:
        return await info.context.loaders.children(m.AchievementItem, "measure_id", ("position",)).load(self.id)
