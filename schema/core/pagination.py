"""Relay connections over Tortoise querysets, with offset cursors and a lazy totalCount."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import strawberry
from tortoise.queryset import QuerySet

from schema.core.ids import cursor_offset, offset_cursor
from content.i18n import messages
from schema.errors import UserError

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    _queryset: strawberry.Private[Any]
    _total: strawberry.Private[int | None] = None

    @strawberry.field(description="How many items match the filter (not just this page).")
    async def total_count(self) -> int:
        if self._total is None:
            self._total = await self._queryset.count()
        return self._total


def _page_size(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if value < 0:
        raise UserError(messages.PAGE_SIZE_NEGATIVE, name=name)
    if value > MAX_PAGE_SIZE:
        raise UserError(messages.PAGE_TOO_LARGE, "PAGE_TOO_LARGE", name=name, value=value, max=MAX_PAGE_SIZE)
    return value


async def paginate(
    queryset: QuerySet,
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Any]:
    """One page of `queryset` (already filtered, visible and ordered)."""
    first, last = _page_size(first, "first"), _page_size(last, "last")
    if first is not None and last is not None:
        raise UserError(messages.FIRST_OR_LAST)
    start = cursor_offset(after) + 1 if after else 0
    end = cursor_offset(before) if before else None
    total: int | None = None
    if last is not None:
        if end is None:
            total = await queryset.count()
            end = total
        start = max(start, end - last)
    limit = first if first is not None else (None if last is not None else DEFAULT_PAGE_SIZE)
    if end is not None:
        limit = max(0, end - start) if limit is None else max(0, min(limit, end - start))
    # One row beyond the page tells whether there is a next page (also for `first: 0`).
    rows = await queryset.offset(start).limit(limit + 1)
    has_more = len(rows) > limit
    rows = rows[:limit]
    edges = [Edge(cursor=offset_cursor(start + i), node=row) for i, row in enumerate(rows)]
    has_next = has_more if end is None else (start + len(rows) < end or has_more)
    if end is not None and total is None and before is not None:
        has_next = True  # there is at least the `before` item after this page
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _queryset=queryset,
        _total=total,
    )
