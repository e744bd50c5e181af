"""Saving and deleting content items together with their outbox rows."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from content.models import Attachment, Communication, ContentItem
from content.services.outbox import DELETE, UPSERT, record_changes


def _enforce_invariants(item: ContentItem) -> None:
    # Individual complaints are confidential whatever the caller sent.
    if isinstance(item, Communication):
        item.confidential = True


async def save_item(
    item: ContentItem, *, actor: str = "system", using_db: BaseDBAsyncClient | None = None
) -> ContentItem:
    """Create or update `item` and queue it for indexing, atomically."""
    _enforce_invariants(item)
    if item._saved_in_db:
        item.modified_by = actor
    else:
        item.created_by = item.modified_by = actor
    if using_db is not None:
        await item.save(using_db=using_db)
        await record_changes([(type(item).__name__, item.id, UPSERT)], using_db=using_db)
        return item
    async with in_transaction() as connection:
        await item.save(using_db=connection)
        await record_changes([(type(item).__name__, item.id, UPSERT)], using_db=connection)
    return item


async def delete_item(item: ContentItem, *, using_db: BaseDBAsyncClient | None = None) -> None:
    async with in_transaction() if using_db is None else _same(using_db) as connection:
        # Attachment rows point at the item by type and id (no foreign key): they go with it. The
        # files stay (content-addressed, maybe shared); a backup lists what rows still use.
        await Attachment.filter(item_type=type(item).__name__, item_id=item.id).using_db(connection).delete()
        await item.delete(using_db=connection)
        await record_changes([(type(item).__name__, item.id, DELETE)], using_db=connection)


class _same:
    """An async context manager that yields an already-open connection (no nested transaction)."""

    def __init__(self, connection: BaseDBAsyncClient) -> None:
        self.connection = connection

    async def __aenter__(self) -> BaseDBAsyncClient:
        return self.connection

    async def __aexit__(self, *exc: object) -> None:
        return None
