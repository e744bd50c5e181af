"""Root fields: `programMeasures`, `programMeasure(number:)`."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from content import models as m
from schema.core.filters import content_connection, ordering
from schema.core.pagination import Connection
from schema.measures.filters import ProgramMeasureFilter
from schema.measures.sorters import ProgramMeasureOrder
from schema.measures.types import ProgramMeasure
from schema.permissions import visible_q


@strawberry.type
class MeasureQueries:
    @strawberry.field
    async def program_measures(
        self, info: Info, filter: ProgramMeasureFilter | None = None, order_by: ProgramMeasureOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[ProgramMeasure]:
        order = order_by or ProgramMeasureOrder()
        return await content_connection(
            info, m.ProgramMeasure, filter, ordering(order.field, order.direction, "number"),
            first, after, last, before,
        )

    @strawberry.field(description="A measure by its number in the programme.")
    async def program_measure(self, info: Info, number: int) -> ProgramMeasure | None:
        return await m.ProgramMeasure.filter(visible_q(info.context.viewer), number=number).first()
