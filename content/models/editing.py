"""API tokens, revisions, workflow history, tombstones and the audit log."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class ApiToken(Model):
    """An API token (only its SHA-256 is stored), sent as `Authorization: Bearer`."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    role = fields.CharField(max_length=32)
    prefix = fields.CharField(max_length=12)
    token_hash = fields.CharField(max_length=64, unique=True)
    created = fields.DatetimeField(auto_now_add=True)
    revoked = fields.DatetimeField(null=True)
    last_used = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"


class Revision(Model):
    """One stored change of an item: who, when, which fields, old and new values, and the result."""

    id = fields.BigIntField(primary_key=True)
    item_type = fields.CharField(max_length=40)
    item_id = fields.UUIDField()
    version = fields.IntField()
    actor = fields.CharField(max_length=100)
    created = fields.DatetimeField(auto_now_add=True)
    # {field: [old, new]} for what changed, and the editable fields after the change.
    changes: dict = fields.JSONField(default=dict)
    snapshot: dict = fields.JSONField(default=dict)
    note = fields.CharField(max_length=200, default="")

    class Meta:
        table = "revision"
        indexes = (("item_type", "item_id", "version"),)


class WorkflowEvent(Model):
    id = fields.BigIntField(primary_key=True)
    item_type = fields.CharField(max_length=40)
    item_id = fields.UUIDField(db_index=True)
    action = fields.CharField(max_length=16)
    from_state = fields.CharField(max_length=16)
    to_state = fields.CharField(max_length=16)
    actor = fields.CharField(max_length=100)
    comment = fields.TextField(default="")
    created = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "workflow_event"


class Tombstone(Model):
    """What remains of a deleted item, for change feeds."""

    id = fields.BigIntField(primary_key=True)
    item_type = fields.CharField(max_length=40)
    item_id = fields.UUIDField(unique=True)
    title = fields.CharField(max_length=1000, default="")
    was_public = fields.BooleanField(default=False)
    actor = fields.CharField(max_length=100)
    deleted = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "tombstone"


class AuditEntry(Model):
    """Every write: actor, time, item, change (readable by admins)."""

    id = fields.BigIntField(primary_key=True)
    actor = fields.CharField(max_length=100)
    role = fields.CharField(max_length=32)
    action = fields.CharField(max_length=32)
    item_type = fields.CharField(max_length=40, default="")
    item_id = fields.UUIDField(null=True)
    detail: dict = fields.JSONField(default=dict)
    created = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "audit_entry"
