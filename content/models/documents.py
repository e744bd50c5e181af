"""Documents and recommendations: what the state reports and what the mechanisms recommend."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from content.models.base import ContentItem
from content.models.enums import (
    DocumentKind,
    DocumentStatus,
    ImplementationStatus,
    RecommendationPosition,
)


class Document(ContentItem):
    kind = fields.CharEnumField(DocumentKind, max_length=32, db_index=True)
    symbol = fields.CharField(max_length=100, null=True, db_index=True)
    mechanism = fields.ForeignKeyField(
        "content.Mechanism", related_name="documents", null=True, on_delete=fields.SET_NULL
    )
    session = fields.ForeignKeyField(
        "content.Session", related_name="documents", null=True, on_delete=fields.SET_NULL
    )
    cycle = fields.IntField(null=True)
    status = fields.CharEnumField(
        DocumentStatus, max_length=16, default=DocumentStatus.DRAFTING, db_index=True
    )
    due_date = fields.DateField(null=True, db_index=True)
    submitted_date = fields.DateField(null=True, db_index=True)

    class Meta:
        table = "document"


class Recommendation(ContentItem):
    mechanism = fields.ForeignKeyField(
        "content.Mechanism", related_name="recommendations", on_delete=fields.CASCADE
    )
    session = fields.ForeignKeyField(
        "content.Session", related_name="recommendations", null=True, on_delete=fields.SET_NULL
    )
    source_document = fields.ForeignKeyField(
        "content.Document", related_name="recommendations", null=True, on_delete=fields.SET_NULL
    )
    paragraph = fields.CharField(max_length=50, default="")
    recommending_state = fields.CharField(max_length=200, default="", db_index=True)
    affected_groups: list = fields.JSONField(default=list)
    sdg_targets: list = fields.JSONField(default=list)
    position = fields.CharEnumField(RecommendationPosition, max_length=16, null=True)
    implementation_status = fields.CharEnumField(
        ImplementationStatus, max_length=32, default=ImplementationStatus.NOT_STARTED, db_index=True
    )

    class Meta:
        table = "recommendation"


class RecommendationTheme(Model):
    id = fields.IntField(primary_key=True)
    recommendation = fields.ForeignKeyField(
        "content.Recommendation", related_name="theme_links", on_delete=fields.CASCADE
    )
    theme = fields.ForeignKeyField(
        "content.Theme", related_name="recommendation_links", on_delete=fields.CASCADE
    )

    class Meta:
        table = "recommendation_theme"
        unique_together = (("recommendation", "theme"),)


class RecommendationInstitution(Model):
    """An institution responsible for implementing a recommendation."""

    id = fields.IntField(primary_key=True)
    recommendation = fields.ForeignKeyField(
        "content.Recommendation", related_name="institution_links", on_delete=fields.CASCADE
    )
    institution = fields.ForeignKeyField(
        "content.Institution", related_name="recommendation_links", on_delete=fields.CASCADE
    )

    class Meta:
        table = "recommendation_institution"
        unique_together = (("recommendation", "institution"),)


class FollowUpAction(Model):
    id = fields.UUIDField(primary_key=True)
    recommendation = fields.ForeignKeyField(
        "content.Recommendation", related_name="follow_up_actions", on_delete=fields.CASCADE
    )
    date = fields.DateField(null=True)
    description = fields.TextField()
    institution = fields.ForeignKeyField(
        "content.Institution", related_name="follow_up_actions", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "follow_up_action"
        ordering = ["date"]
