"""Filters of the `programMeasures` connection."""

from __future__ import annotations

import strawberry
from tortoise.expressions import Q

from schema.core.filters import ContentFilter, DateRange, date_range_q, id_of


@strawberry.input
class ProgramMeasureFilter(ContentFilter):
    RELATED = {"ministry": "ministry"}
    number: int | None = None
    ministry: strawberry.ID | None = None
    axis_contains: str | None = None
    status_as_of: DateRange | None = None

    def extra_q(self) -> Q:
        q = date_range_q("status_as_of", self.status_as_of)
        if self.number is not None:
            q &= Q(number=self.number)
        if self.ministry is not None:
            q &= Q(ministry_id=id_of(self.ministry, "Institution"))
        if self.axis_contains:
            q &= Q(axis__icontains=self.axis_contains)
        return q
