"""Outbox writes and reads: the search index follows the database through these rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient

from content.models import OutboxEntry

UPSERT = "upsert"
DELETE = "delete"


async def record_changes(
    changes: Iterable[tuple[str, uuid.UUID, str]], *, using_db: BaseDBAsyncClient | None = None
) -> None:
    """Queue (item_type, item_id, operation) rows, in the caller's transaction."""
    rows = [OutboxEntry(item_type=t, item_id=i, operation=op) for t, i, op in changes]
    if rows:
        await OutboxEntry.bulk_create(rows, using_db=using_db)


async def pending(limit: int = 500) -> list[OutboxEntry]:
    return await OutboxEntry.all().order_by("id").limit(limit)


async def acknowledge(entries: Sequence[OutboxEntry]) -> None:
    if entries:
        await OutboxEntry.filter(id__in=[e.id for e in entries]).delete()
