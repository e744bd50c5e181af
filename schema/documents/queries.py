"""Root fields: `documents`, `recommendations`."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from content import models as m
from schema.core.filters import content_connection, ordering
from schema.core.pagination import Connection
from schema.documents.filters import DocumentFilter, RecommendationFilter
from schema.documents.sorters import DocumentOrder, RecommendationOrder
from schema.documents.types import Document, Recommendation


@strawberry.type
class DocumentQueries:
    @strawberry.field
    async def documents(
        self, info: Info, filter: DocumentFilter | None = None, order_by: DocumentOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Document]:
        order = order_by or DocumentOrder()
        return await content_connection(
            info, m.Document, filter, ordering(order.field, order.direction, "modified"), first, after, last, before
        )

    @strawberry.field
    async def recommendations(
        self, info: Info, filter: RecommendationFilter | None = None,
        order_by: RecommendationOrder | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Recommendation]:
        order = order_by or RecommendationOrder()
        return await content_connection(
            info, m.Recommendation, filter, ordering(order.field, order.direction, "created"),
            first, after, last, before,
        )
