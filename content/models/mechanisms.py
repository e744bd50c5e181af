"""UN human-rights mechanisms and their sessions."""

from __future__ import annotations

from tortoise import fields

from content.models.base import ContentItem, MultilingualNames
from content.models.enums import MechanismKind


class Mechanism(MultilingualNames, ContentItem):
    key = fields.CharField(max_length=100, unique=True, null=True)
    kind = fields.CharEnumField(MechanismKind, max_length=32, db_index=True)
    acronym = fields.CharField(max_length=32, null=True, db_index=True)
    name_ar = fields.CharField(max_length=500, default="")
    name_fr = fields.CharField(max_length=500, default="")
    name_en = fields.CharField(max_length=500, default="")
    # {"ar": [...], "fr": [...], "en": [...]}: other wordings texts use for this mechanism.
    aliases: dict = fields.JSONField(default=dict)
    parent = fields.ForeignKeyField(
        "content.Mechanism", related_name="children", null=True, on_delete=fields.SET_NULL
    )
    # {"ar", "fr", "en", "adopted"} of the treaty a treaty body monitors.
    treaty: dict | None = fields.JSONField(null=True)
    reporting_periodicity_years = fields.IntField(null=True)

    class Meta:
        table = "mechanism"


class Session(ContentItem):
    mechanism = fields.ForeignKeyField(
        "content.Mechanism", related_name="sessions", on_delete=fields.CASCADE
    )
    number = fields.IntField(db_index=True)
    start_date = fields.DateField(null=True, db_index=True)
    end_date = fields.DateField(null=True)
    venue = fields.CharField(max_length=200, default="")
    modality = fields.CharField(max_length=32, default="")

    class Meta:
        table = "session"
        unique_together = (("mechanism", "number"),)
