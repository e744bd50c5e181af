"""The fields every content item shares (Plone's Dublin Core, reduced to what we use)."""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model

from content.models.enums import Language, WorkflowState


class ContentItem(Model):
    """Abstract base of every content type (each concrete type has its own table)."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    slug = fields.CharField(max_length=200, db_index=True)
    language = fields.CharEnumField(Language, max_length=2, default=Language.AR)
    title = fields.CharField(max_length=1000)
    summary = fields.TextField(default="")
    body = fields.TextField(default="")
    workflow_state = fields.CharEnumField(
        WorkflowState, max_length=16, default=WorkflowState.PRIVATE, db_index=True
    )
    confidential = fields.BooleanField(default=False, db_index=True)
    # Outside [effective, expires] the item is hidden from anonymous and partner callers.
    effective = fields.DatetimeField(null=True)
    expires = fields.DatetimeField(null=True)
    translation_group = fields.UUIDField(null=True, db_index=True)
    version = fields.IntField(default=1)
    created = fields.DatetimeField(auto_now_add=True, db_index=True)
    modified = fields.DatetimeField(auto_now=True, db_index=True)
    created_by = fields.CharField(max_length=100, default="system")
    modified_by = fields.CharField(max_length=100, default="system")

    class Meta:
        abstract = True

    def title_in(self, language: str | None) -> str:
        """The title in `language` where the type keeps per-language names, else the title."""
        if language:
            name = getattr(self, f"name_{language}", None)
            if name:
                return name
        return self.title

    def plain_text(self) -> str:
        """Title, summary and body as one plain text (what search and `text` expose)."""
        return "\n".join(part for part in (self.title, self.summary, self.body) if part)


class MultilingualNames:
    """Mixin for types named in the three working languages (mechanisms, institutions, themes)."""

    name_ar: str
    name_fr: str
    name_en: str

    def names(self) -> dict[str, str]:
        return {"ar": self.name_ar, "fr": self.name_fr, "en": self.name_en}

    def alias_list(self, language: str | None = None) -> list[str]:
        """The other wordings ({language: [alias, ...]} stored), for one language or all."""
        return aliases_in(getattr(self, "aliases", None), language)


def aliases_in(aliases: object, language: str | None = None) -> list[str]:
    """The wordings of an `aliases` value, ignoring anything not shaped {language: [text, ...]}."""
    if not isinstance(aliases, dict):
        return []
    groups = [aliases.get(language)] if language else list(aliases.values())
    return [a for group in groups if isinstance(group, list) for a in group if isinstance(a, str) and a]
