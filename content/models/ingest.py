"""Ingestion bookkeeping: change records, importers' natural keys and file attachments.

None of these is a content type: they describe where content came from and what
happened to it (model docstrings become SQL comments, so they carry no semicolons).
"""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model


class ChangeRecord(Model):
    """What one import created or changed in a programme measure, by whom, from which file."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    measure = fields.ForeignKeyField(
        "content.ProgramMeasure", related_name="change_records", null=True,
        on_delete=fields.SET_NULL,
    )
    # Kept when the measure is deleted later: the history still says which measure it was.
    measure_number = fields.IntField(null=True, db_index=True)
    changed_at = fields.DatetimeField(db_index=True)
    actor = fields.CharField(max_length=100)
    source = fields.CharField(max_length=1000)
    checksum = fields.CharField(max_length=64, default="")
    action = fields.CharField(max_length=16)
    summary: dict = fields.JSONField(default=dict)

    class Meta:
        table = "change_record"
        ordering = ["changed_at"]


class SourceKey(Model):
    """The natural key under which an importer made a record, so a re-import finds it again.

    `measure` is the sheet that owns the record (it may set its descriptive fields and
    delete it when no item mentions it any more), null once no sheet owns it.
    """

    id = fields.IntField(primary_key=True)
    source = fields.CharField(max_length=32)
    key = fields.TextField()
    key_hash = fields.CharField(max_length=64, unique=True)
    target_type = fields.CharField(max_length=40)
    target_id = fields.UUIDField()
    measure = fields.ForeignKeyField(
        "content.ProgramMeasure", related_name="source_keys", null=True,
        on_delete=fields.SET_NULL,
    )

    class Meta:
        table = "source_key"
        indexes = (("target_type", "target_id"),)


class Attachment(Model):
    """A file attached to a content item, stored by checksum, with its extracted text."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    item_type = fields.CharField(max_length=40)
    item_id = fields.UUIDField()
    name = fields.CharField(max_length=500)
    media_type = fields.CharField(max_length=100)
    size = fields.BigIntField()
    checksum = fields.CharField(max_length=64, db_index=True)
    text = fields.TextField(default="")
    created = fields.DatetimeField()
    created_by = fields.CharField(max_length=100, default="system")

    class Meta:
        table = "attachment"
        unique_together = (("item_type", "item_id", "checksum"),)
        indexes = (("item_type", "item_id"),)
