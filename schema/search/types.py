"""GraphQL types of search results."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from content.models import CONTENT_TYPES
from schema.core.interfaces import Content
from schema.core.pagination import PageInfo


@strawberry.type(description="One value of a facet and how many visible hits have it.")
class FacetBucket:
    value: str
    label: str
    count: int


@strawberry.type(description="Counts of the hits by type, mechanism, year or language.")
class Facet:
    field: str
    buckets: list[FacetBucket]


@strawberry.type
class SearchEdge:
    cursor: str
    score: float
    highlights: list[str] = strawberry.field(
        description="HTML-escaped fragments with <mark> around matched words and nothing else unescaped."
    )
    _type: strawberry.Private[str]
    _id: strawberry.Private[Any]

    @strawberry.field(description="The content item hit (a passage, a measure, a document...).")
    async def node(self, info: Info) -> Content | None:
        return await info.context.loaders.by_id(CONTENT_TYPES[self._type]).load(self._id)


@strawberry.type
class SearchConnection:
    total_count: int
    suggestion: str | None = strawberry.field(description="A corrected query when few hits were found.")
    facets: list[Facet]
    edges: list[SearchEdge]
    page_info: PageInfo
    notices: list[str] = strawberry.field(description="What was ignored in the query (stop words...).")
