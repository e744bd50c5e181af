"""Filters of the `mechanisms` and `sessions` connections."""

from __future__ import annotations

import strawberry
from tortoise.expressions import Q

from schema.core.enums import MechanismKind
from schema.core.filters import ContentFilter, DateRange, date_range_q, id_of


@strawberry.input
class MechanismFilter(ContentFilter):
    RELATED = {"parent": "parent"}
    kind: MechanismKind | None = None
    key: str | None = None
    acronym: str | None = None
    parent: strawberry.ID | None = None

    def extra_q(self) -> Q:
        q = Q()
        if self.kind is not None:
            q &= Q(kind=self.kind.value)
        if self.key is not None:
            q &= Q(key=self.key)
        if self.acronym is not None:
            q &= Q(acronym__iexact=self.acronym)
        if self.parent is not None:
            q &= Q(parent_id=id_of(self.parent, "Mechanism"))
        return q


@strawberry.input
class SessionFilter(ContentFilter):
    RELATED = {"mechanism": "mechanism", "mechanism_key": "mechanism"}
    mechanism: strawberry.ID | None = None
    mechanism_key: str | None = None
    number: int | None = None
    dates: DateRange | None = strawberry.field(default=None, description="Sessions starting in this range.")

    def extra_q(self) -> Q:
        q = date_range_q("start_date", self.dates)
        if self.mechanism is not None:
            q &= Q(mechanism_id=id_of(self.mechanism, "Mechanism"))
        if self.mechanism_key is not None:
            q &= Q(mechanism__key=self.mechanism_key)
        if self.number is not None:
            q &= Q(number=self.number)
        return q
