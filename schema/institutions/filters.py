"""Filters of the `institutions` and `themes` connections."""

from __future__ import annotations

import strawberry
from tortoise.expressions import Q

from schema.core.enums import InstitutionKind
from schema.core.filters import ContentFilter, id_of


@strawberry.input
class InstitutionFilter(ContentFilter):
    RELATED = {"parent": "parent"}
    kind: InstitutionKind | None = None
    key: str | None = None
    parent: strawberry.ID | None = None
    country: str | None = None

    def extra_q(self) -> Q:
        q = Q()
        if self.kind is not None:
            q &= Q(kind=self.kind.value)
        if self.key is not None:
            q &= Q(key=self.key)
        if self.parent is not None:
            q &= Q(parent_id=id_of(self.parent, "Institution"))
        if self.country is not None:
            q &= Q(country=self.country.upper())
        return q


@strawberry.input
class ThemeFilter(ContentFilter):
    RELATED = {"parent": "parent"}
    key: str | None = None
    parent: strawberry.ID | None = None
    top_level: bool | None = strawberry.field(default=None, description="Only themes without a parent.")

    def extra_q(self) -> Q:
        q = Q()
        if self.key is not None:
            q &= Q(key=self.key)
        if self.parent is not None:
            q &= Q(parent_id=id_of(self.parent, "Theme"))
        if self.top_level is not None:
            q &= Q(parent_id__isnull=self.top_level)
        return q
