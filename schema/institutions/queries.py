"""Root fields: `institutions`, `themes`."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from content import models as m
from schema.core.filters import content_connection, ordering
from schema.core.pagination import Connection
from schema.institutions.filters import InstitutionFilter, ThemeFilter
from schema.institutions.sorters import InstitutionOrder, ThemeOrder
from schema.institutions.types import Institution, Theme


@strawberry.type
class InstitutionQueries:
    @strawberry.field
    async def institutions(
        self, info: Info, filter: InstitutionFilter | None = None, order_by: InstitutionOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Institution]:
        order = order_by or InstitutionOrder()
        return await content_connection(
            info, m.Institution, filter, ordering(order.field, order.direction, "title"), first, after, last, before
        )

    @strawberry.field
    async def themes(
        self, info: Info, filter: ThemeFilter | None = None, order_by: ThemeOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Theme]:
        order = order_by or ThemeOrder()
        return await content_connection(
            info, m.Theme, filter, ordering(order.field, order.direction, "title"), first, after, last, before
        )
