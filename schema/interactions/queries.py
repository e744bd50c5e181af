"""Root fields: `communications`, `informationRequests`, `ngoInteractions`,
`parliamentaryPresentations`, `events`."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from content import models as m
from schema.core.filters import content_connection, ordering
from schema.core.pagination import Connection
from schema.interactions.filters import (
    CommunicationFilter,
    EventFilter,
    InformationRequestFilter,
    NgoInteractionFilter,
    ParliamentaryPresentationFilter,
)
from schema.interactions.sorters import DatedOrder, ReceivedOrder
from schema.interactions.types import (
    Communication,
    Event,
    InformationRequest,
    NgoInteraction,
    ParliamentaryPresentation,
)


@strawberry.type
class InteractionQueries:
    @strawberry.field(description="Confidential: empty for every role but case officers and admins.")
    async def communications(
        self, info: Info, filter: CommunicationFilter | None = None, order_by: ReceivedOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Communication]:
        order = order_by or ReceivedOrder()
        return await content_connection(
            info, m.Communication, filter, ordering(order.field, order.direction, "received_date"),
            first, after, last, before,
        )

    @strawberry.field
    async def information_requests(
        self, info: Info, filter: InformationRequestFilter | None = None, order_by: ReceivedOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[InformationRequest]:
        order = order_by or ReceivedOrder()
        return await content_connection(
            info, m.InformationRequest, filter, ordering(order.field, order.direction, "received_date"),
            first, after, last, before,
        )

    @strawberry.field
    async def ngo_interactions(
        self, info: Info, filter: NgoInteractionFilter | None = None, order_by: ReceivedOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[NgoInteraction]:
        order = order_by or ReceivedOrder()
        return await content_connection(
            info, m.NgoInteraction, filter, ordering(order.field, order.direction, "received_date"),
            first, after, last, before,
        )

    @strawberry.field
    async def parliamentary_presentations(
        self, info: Info, filter: ParliamentaryPresentationFilter | None = None,
        order_by: DatedOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[ParliamentaryPresentation]:
        order = order_by or DatedOrder()
        return await content_connection(
            info, m.ParliamentaryPresentation, filter, ordering(order.field, order.direction, "date"),
            first, after, last, before,
        )

    @strawberry.field
    async def events(
        self, info: Info, filter: EventFilter | None = None, order_by: DatedOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Event]:
        order = order_by or DatedOrder()
        return await content_connection(
            info, m.Event, filter, ordering(order.field, order.direction, "date"), first, after, last, before
        )
