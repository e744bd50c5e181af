"""Government-programme measures: status sheets, their sections and achievement items."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from content.models.base import ContentItem
from content.models.enums import AchievementItemKind


class ProgramMeasure(ContentItem):
    number = fields.IntField(unique=True)
    axis = fields.CharField(max_length=1000, default="")
    sub_measure_name = fields.CharField(max_length=1000, null=True)
    description_items: list = fields.JSONField(default=list)
    objectives: list = fields.JSONField(default=list)
    ministry = fields.ForeignKeyField(
        "content.Institution", related_name="program_measures", null=True, on_delete=fields.SET_NULL
    )
    status = fields.TextField(default="")
    status_as_of = fields.DateField(null=True, db_index=True)

    class Meta:
        table = "program_measure"

    def plain_text(self) -> str:
        parts = [self.title, self.sub_measure_name or "", self.axis, *self.description_items, *self.objectives,
                 self.status, self.summary, self.body]
        return "\n".join(part for part in parts if part)


class MeasureSection(Model):
    id = fields.UUIDField(primary_key=True)
    measure = fields.ForeignKeyField(
        "content.ProgramMeasure", related_name="sections", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    number = fields.IntField(null=True)
    title = fields.CharField(max_length=1000, default="")

    class Meta:
        table = "measure_section"
        ordering = ["position"]


class AchievementItem(ContentItem):
    """One bullet or paragraph of a section: its own search hit and link source."""

    section = fields.ForeignKeyField(
        "content.MeasureSection", related_name="items", on_delete=fields.CASCADE
    )
    measure = fields.ForeignKeyField(
        "content.ProgramMeasure", related_name="items", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    kind = fields.CharEnumField(AchievementItemKind, max_length=16, default=AchievementItemKind.BULLET)

    class Meta:
        table = "achievement_item"
        ordering = ["position"]

    def plain_text(self) -> str:
        # The title is only a short label cut from the text: the text alone is the passage.
        return self.body or self.title


class Mention(Model):
    """A link from an achievement item to a record it mentions, with the sentence it came from."""

    id = fields.IntField(primary_key=True)
    item = fields.ForeignKeyField(
        "content.AchievementItem", related_name="mentions", on_delete=fields.CASCADE
    )
    target_type = fields.CharField(max_length=40)
    target_id = fields.UUIDField()
    sentence = fields.TextField(default="")
    alias = fields.CharField(max_length=500, default="")

    class Meta:
        table = "mention"
        unique_together = (("item", "target_type", "target_id"),)
        indexes = (("target_type", "target_id"),)
