"""The transactional outbox: written with every content change, drained by the indexer."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class OutboxEntry(Model):
    id = fields.BigIntField(primary_key=True)
    item_type = fields.CharField(max_length=40)
    item_id = fields.UUIDField()
    operation = fields.CharField(max_length=8)  # "upsert" or "delete"
    created = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "search_outbox"
