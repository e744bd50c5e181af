"""Filter and ordering building blocks shared by every domain's connection."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import Enum
from typing import Any, ClassVar

import strawberry
from strawberry.types import Info
from strawberry.utils.str_converters import to_camel_case
from tortoise.expressions import Q, RawSQL
from tortoise.models import Model

from content.i18n import messages
from schema.core.enums import Language, OrderDirection, WorkflowState
from schema.core.ids import from_global_id
from schema.core.pagination import Connection, paginate
from schema.errors import UserError
from schema.permissions import ANONYMOUS, Viewer, visible_q, visible_rows_q


@strawberry.input(description="An inclusive date range; either end may be left open.")
class DateRange:
    start: dt.date | None = None
    end: dt.date | None = None


def date_range_q(field: str, value: DateRange | None) -> Q:
    q = Q()
    if value is not None:
        if value.start is not None:
            q &= Q(**{f"{field}__gte": value.start})
        if value.end is not None:
            q &= Q(**{f"{field}__lte": value.end})
    return q


def id_of(global_id: strawberry.ID | None, type_name: str) -> uuid.UUID | None:
    return None if global_id is None else from_global_id(global_id, type_name)[1]


@strawberry.input
class ContentFilter:
    """Fields every content type can be filtered on; each domain's filter extends it."""

    language: Language | None = None
    workflow_state: WorkflowState | None = None
    slug: str | None = None
    modified: DateRange | None = None

    # Filter field -> the relation it reaches ("mechanism_key" -> "mechanism"). Filtering through a
    # record the caller may not see must find nothing, as if it did not exist.
    RELATED: ClassVar[dict[str, str]] = {}

    def to_q(self, viewer: Viewer = ANONYMOUS) -> Q:
        self._check_text()
        q = Q()
        if self.language is not None:
            q &= Q(language=self.language.value)
        if self.workflow_state is not None:
            q &= Q(workflow_state=self.workflow_state.value)
        if self.slug is not None:
            q &= Q(slug=self.slug)
        if self.modified is not None:
            q &= date_range_q("modified", _as_datetimes(self.modified))
        for name, path in self.RELATED.items():
            if getattr(self, name, None) is not None:
                q &= visible_q(viewer, f"{path}__")
        return q & self.extra_q()

    def extra_q(self) -> Q:
        return Q()

    def _check_text(self) -> None:
        # PostgreSQL cannot store or compare U+0000, and no database takes a lone surrogate: such
        # a value reached the driver and came back as a masked "Unexpected error.".
        for name, value in vars(self).items():
            if isinstance(value, str) and ("\x00" in value or not _is_utf8(value)):
                raise UserError(messages.UNUSABLE_TEXT, field=to_camel_case(name))


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _as_datetimes(value: DateRange) -> DateRange:
    # `modified` is a timestamp: widen the date range to whole days in UTC.
    start = dt.datetime.combine(value.start, dt.time.min, dt.timezone.utc) if value.start else None
    end = dt.datetime.combine(value.end, dt.time.max, dt.timezone.utc) if value.end else None
    return DateRange(start=start, end=end)  # type: ignore[arg-type]


def ordering(field: Enum | None, direction: OrderDirection | None, default: str) -> list[str]:
    """Tortoise order_by arguments, with the primary key last so pages are stable."""
    column = field.value if field is not None else default
    sign = "-" if direction == OrderDirection.DESC else ""
    return [f"{sign}{column}", f"{sign}id"]


async def content_connection(
    info: Info,
    model: type[Model],
    filter: ContentFilter | None,
    ordering: list[str],
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    extra: Q | None = None,
) -> Connection[Any]:
    """A visible, filtered, ordered page of `model`: what every top-level connection returns."""
    queryset = model.filter(visible_rows_q(info.context.viewer, model))
    if filter is not None:
        queryset = queryset.filter(filter.to_q(info.context.viewer))
    if extra is not None:
        queryset = queryset.filter(extra)
    return await paginate(ordered(queryset, model, ordering), first=first, after=after, last=last, before=before)


_NULLS_LAST = "_order_nulls_last"


def ordered(queryset: Any, model: type[Model], ordering: list[str]) -> Any:
    """`queryset` ordered by `ordering`, items without a value in its first column last either way.

    Databases disagree (SQLite sorts NULL first, PostgreSQL last, when ascending): say it explicitly.
    """
    column = ordering[0].lstrip("-")
    field = model._meta.fields_map.get(column)
    if field is not None and field.null:
        # Raw SQL: a CASE with bound 1/0 leaves PostgreSQL guessing their type.
        flag = RawSQL(f'CASE WHEN "{model._meta.db_table}"."{field.source_field or column}" IS NULL THEN 1 ELSE 0 END')
        return queryset.annotate(**{_NULLS_LAST: flag}).order_by(_NULLS_LAST, *ordering)
    return queryset.order_by(*ordering)
