"""Root field `search`: full-text search over everything the caller may see."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from content import models as m
from content.i18n import content_type_label, enum_label
from schema.core.labels import request_language
from schema.core.ids import cursor_offset, offset_cursor
from schema.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageInfo
from content.i18n import messages
from schema.errors import UserError
from schema.permissions import Viewer, search_visibility, visible_q
from schema.search.visibility import restrict_filter, restrict_query
from schema.search.filters import SearchFilter
from schema.search.types import Facet, FacetBucket, SearchConnection, SearchEdge
from search_index.indexing import parse_doc_id
from search_index.query import QueryError, parse_query

MAX_QUERY_CHARS = 10_000


async def _labels(field: str, values: list[str], language: str, viewer: Viewer) -> dict[str, str]:
    """Facet value labels in the caller's language: type and language names, mechanism acronyms
    (of visible mechanisms only: the others' buckets are dropped)."""
    if field == "mechanism" and values:
        rows = await m.Mechanism.filter(visible_q(viewer), key__in=values).values(
            "key", "acronym", "name_ar", "name_fr", "name_en")
        return {r["key"]: r["acronym"] or r[f"name_{language}"] or r["name_ar"] for r in rows}
    if field == "type":
        return {value: content_type_label(value, language) for value in values}
    if field == "language":
        return {value: enum_label(m.Language(value), language) for value in values if value in ("ar", "fr", "en")}
    return {}


@strawberry.type
class SearchQueries:
    @strawberry.field(description="Search the archive: words (AND), OR, NOT/-word, \"phrases\", prefix*, "
                                  "type:/mechanism:/year:/lang: filters; names of mechanisms in any language.")
    async def search(
        self, info: Info, query: str, first: int | None = None, after: str | None = None,
        filter: SearchFilter | None = None,
    ) -> SearchConnection:
        services = info.context.services
        if services is None or getattr(services, "search", None) is None:
            raise UserError(messages.SEARCH_UNAVAILABLE, "SEARCH_UNAVAILABLE")
        size = DEFAULT_PAGE_SIZE if first is None else first
        if not 0 <= size <= MAX_PAGE_SIZE:
            raise UserError(messages.SEARCH_FIRST_RANGE, "PAGE_TOO_LARGE", max=MAX_PAGE_SIZE)
        if len(query) > MAX_QUERY_CHARS:
            raise UserError(messages.SEARCH_QUERY_TOO_LONG, "INVALID_QUERY", max=MAX_QUERY_CHARS)
        offset = cursor_offset(after) + 1 if after else 0
        try:
            viewer = info.context.viewer
            parsed = await restrict_query(viewer, parse_query(query, expander=services.expander))
            result = await services.search.search(
                parsed, filter=await restrict_filter(viewer, filter.to_backend() if filter else None),
                visibility=search_visibility(viewer), first=size, offset=offset,
            )
        except QueryError as exc:
            raise UserError(exc.message, "INVALID_QUERY") from None
        edges = []
        for i, hit in enumerate(result.hits):
            type_name, item_id = parse_doc_id(hit.id)
            edges.append(SearchEdge(cursor=offset_cursor(offset + i), score=hit.score,
                                    highlights=hit.highlights, _type=type_name, _id=item_id))
        facets = []
        language = request_language(info)
        for field, buckets in result.facets.items():
            labels = await _labels(field, [b.value for b in buckets], language, info.context.viewer)
            if field == "mechanism":
                buckets = [b for b in buckets if b.value in labels]
            facets.append(Facet(field=field, buckets=[
                FacetBucket(value=b.value, label=labels.get(b.value, b.value), count=b.count) for b in buckets
            ]))
        return SearchConnection(
            total_count=result.total,
            suggestion=result.suggestion,
            facets=facets,
            edges=edges,
            page_info=PageInfo(
                has_next_page=offset + len(edges) < result.total,
                has_previous_page=offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            notices=list(result.notices),
        )
