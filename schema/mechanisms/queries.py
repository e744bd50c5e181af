"""Root fields: `mechanisms`, `sessions`."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from content import models as m
from schema.core.filters import content_connection, ordering
from schema.core.pagination import Connection
from schema.mechanisms.filters import MechanismFilter, SessionFilter
from schema.mechanisms.sorters import MechanismOrder, SessionOrder
from schema.mechanisms.types import Mechanism, Session


@strawberry.type
class MechanismQueries:
    @strawberry.field
    async def mechanisms(
        self, info: Info, filter: MechanismFilter | None = None, order_by: MechanismOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Mechanism]:
        order = order_by or MechanismOrder()
        return await content_connection(
            info, m.Mechanism, filter, ordering(order.field, order.direction, "title"), first, after, last, before
        )

    @strawberry.field
    async def sessions(
        self, info: Info, filter: SessionFilter | None = None, order_by: SessionOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Session]:
        order = order_by or SessionOrder()
        return await content_connection(
            info, m.Session, filter, ordering(order.field, order.direction, "start_date"), first, after, last, before
        )
