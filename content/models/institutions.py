"""Institutions: ministries, parliament, NHRI, NGOs, international organisations."""

from __future__ import annotations

from tortoise import fields

from content.models.base import ContentItem, MultilingualNames
from content.models.enums import InstitutionKind


class Institution(MultilingualNames, ContentItem):
    key = fields.CharField(max_length=100, unique=True, null=True)
    kind = fields.CharEnumField(InstitutionKind, max_length=32, db_index=True)
    acronym = fields.CharField(max_length=32, null=True)
    name_ar = fields.CharField(max_length=500, default="")
    name_fr = fields.CharField(max_length=500, default="")
    name_en = fields.CharField(max_length=500, default="")
    aliases: dict = fields.JSONField(default=dict)
    country = fields.CharField(max_length=2, null=True)
    parent = fields.ForeignKeyField(
        "content.Institution", related_name="children", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "institution"


class Theme(MultilingualNames, ContentItem):
    key = fields.CharField(max_length=100, unique=True, null=True)
    name_ar = fields.CharField(max_length=500, default="")
    name_fr = fields.CharField(max_length=500, default="")
    name_en = fields.CharField(max_length=500, default="")
    parent = fields.ForeignKeyField(
        "content.Theme", related_name="children", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "theme"
