"""Create, update, delete, transition and revert content, with revisions and an audit trail.

Every function runs in one transaction: the item, its revision, workflow event, audit entry and
search-outbox row are written together or not at all. Who may call what is decided in `schema`.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from babel.lists import format_list

from tortoise import fields as tf
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from content.i18n import (
    SOURCE_LANGUAGE,
    content_type_label,
    enum_label,
    messages,
    normalize_language,
    translate,
    translate_context,
    workflow_action_label,
)
from content.i18n.formatting import locale_of
from content.models import (
    CONTENT_TYPES,
    AchievementItem,
    Communication,
    ContentItem,
    Language,
    Mention,
    ProgramMeasure,
    WorkflowState,
)
from content.models.editing import AuditEntry, Revision, Tombstone, WorkflowEvent
from content.services.items import delete_item, save_item
from content.services.outbox import UPSERT, record_changes
from content.services.workflow import TRANSITIONS

# Fields no caller edits directly: identity, bookkeeping, workflow (changed by transitions).
SYSTEM_FIELDS = frozenset({
    "id", "created", "modified", "created_by", "modified_by", "version", "workflow_state",
})
# Stored in revisions but never restored by `revert`: set by the server (translation links).
NOT_REVERTED = frozenset({"translation_group"})
# Types whose very existence is hidden from most roles: never named in a message.
CONFIDENTIAL_TYPES = frozenset({"Communication"})


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    role: str


class Term(str):
    """A message parameter that names something the API has a name for: a content type, a workflow
    action or state, a language, a list of field names. The English text shows it as the API spells
    it (ProgramMeasure, publish, 'fr', mechanism and number); other languages show `label(language)`,
    its label from the catalogs (Mesure du programme gouvernemental, النشر...)."""

    label: Callable[[str], str]

    def __new__(cls, text: str, label: Callable[[str], str]) -> Term:
        term = super().__new__(cls, text)
        term.label = label
        return term

    @classmethod
    def content_type(cls, type_name: str) -> Term:
        return cls(type_name, lambda language: content_type_label(type_name, language))

    @classmethod
    def action(cls, action: str) -> Term:
        def label(language: str) -> str:
            extra = messages.WORKFLOW_ACTION_LABELS.get(action)
            if extra is not None:
                return translate_context("WorkflowAction", extra, language)
            return workflow_action_label(action, language)

        return cls(action, label)

    @classmethod
    def state(cls, state: WorkflowState) -> Term:
        return cls(state.value, lambda language: enum_label(state, language))

    @classmethod
    def language(cls, language: Language) -> Term:
        return cls(language.value, lambda code: enum_label(language, code))

    @classmethod
    def listing(cls, names: Iterable[str], separator: str, each: Callable[[str, str], str] | None = None) -> Term:
        """Names joined by `separator` in English, as the language lists things elsewhere (each
        name through `each(name, language)` when given, e.g. a content type's label)."""
        names = list(names)
        return cls(separator.join(names), lambda language: format_list(
            [each(name, language) if each else name for name in names], locale=locale_of(language)))


def message_text(msgid: str, language: Any, /, **params: Any) -> str:
    """A catalog message (content.i18n.messages) in `language` (ar/fr/en, Accept-Language forms...).

    English is the source text, formatted with the params as they are (Terms as the API spells
    them); Arabic and French are the catalogs' translations, with the Terms' labels.
    """
    code = normalize_language(language)
    if code == SOURCE_LANGUAGE:
        return msgid.format(**params) if params else msgid
    labelled = {name: value.label(code) if isinstance(value, Term) else value  # type: ignore[arg-type]
                for name, value in params.items()}
    return translate(msgid, code, **labelled)


class EditError(Exception):
    """A problem to report to the caller, tied to a field where there is one.

    `msgid` is a catalog message (content.i18n.messages) and `params` fill it: `message` and str() are
    the English text, `text(language)` the caller's (schema's FieldErrors).
    """

    def __init__(self, msgid: str, *, field: str | None = None, code: str = "INVALID", **params: Any) -> None:
        message = message_text(msgid, SOURCE_LANGUAGE, **params)
        super().__init__(message)
        self.message, self.field, self.code = message, field, code
        self.msgid, self.params = msgid, params

    def text(self, language: Any) -> str:
        return message_text(self.msgid, language, **self.params)


@dataclass
class EditResult:
    item: ContentItem | None
    changed: dict[str, list[Any]] = field(default_factory=dict)


def editable_fields(model: type[ContentItem]) -> list[str]:
    """Stored field names a caller may set (foreign keys by their `<name>_id` column)."""
    names = []
    for name, f in model._meta.fields_map.items():
        if name in SYSTEM_FIELDS or isinstance(f, (tf.relational.BackwardFKRelation,
                                                    tf.relational.ManyToManyFieldInstance)):
            continue
        if isinstance(f, tf.relational.ForeignKeyFieldInstance):
            names.append(f"{name}_id")  # the column (Tortoise's default source field)
            continue
        names.append(name)
    return names


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def snapshot(item: ContentItem) -> dict[str, Any]:
    return {name: _jsonable(getattr(item, name)) for name in editable_fields(type(item))}


def _from_json(model: type[ContentItem], name: str, value: Any) -> Any:
    if value is None:
        return None
    if name not in model._meta.fields_map:  # a foreign-key column
        return uuid.UUID(value)
    f = model._meta.fields_map[name]
    if isinstance(f, tf.data.DatetimeField):
        return dt.datetime.fromisoformat(value)
    if isinstance(f, tf.data.DateField):
        return dt.date.fromisoformat(value)
    if isinstance(f, tf.data.UUIDField) or name.endswith("_id"):
        return uuid.UUID(value)
    enum_type = getattr(f, "enum_type", None)
    return enum_type(value) if enum_type else value


def _apply(item: ContentItem, values: dict[str, Any]) -> dict[str, list[Any]]:
    changed: dict[str, list[Any]] = {}
    for name, value in values.items():
        old = getattr(item, name)
        if _jsonable(old) != _jsonable(value):
            changed[name] = [_jsonable(old), _jsonable(value)]
            setattr(item, name, value)
    return changed


async def _record(item: ContentItem, actor: Actor, action: str, changed: dict, connection: BaseDBAsyncClient,
                  note: str = "") -> None:
    type_name = type(item).__name__
    await Revision.create(item_type=type_name, item_id=item.id, version=item.version, actor=actor.name,
                          changes=changed, snapshot=snapshot(item), note=note, using_db=connection)
    await AuditEntry.create(actor=actor.name, role=actor.role, action=action, item_type=type_name,
                            item_id=item.id, detail={"fields": sorted(changed), "note": note},
                            using_db=connection)


def _invariants(item: ContentItem) -> None:
    if isinstance(item, Communication):
        item.confidential = True
    start, end = getattr(item, "start_date", None), getattr(item, "end_date", None)
    if start and end and end < start:
        raise EditError(messages.END_BEFORE_START, field="endDate", code="INVALID_DATE")
    if item.effective and item.expires and item.expires <= item.effective:
        raise EditError(messages.EXPIRY_NOT_AFTER_EFFECTIVE, field="expires", code="INVALID_DATE")


def _camel(name: str) -> str:
    head, *rest = name.removesuffix("_id").split("_")
    return head + "".join(part.title() for part in rest)


async def _check_unique(item: ContentItem, connection: BaseDBAsyncClient) -> None:
    """A clear DUPLICATE error instead of the database's integrity error (unique keys, numbers)."""
    model = type(item)
    meta = model._meta
    groups = [(name,) for name, f in meta.fields_map.items()
              if name != "id" and getattr(f, "unique", False) and not isinstance(f, tf.relational.RelationalField)]
    groups += [tuple(group) for group in meta.unique_together]
    for group in groups:
        filters: dict[str, Any] = {}
        for name in group:
            f = meta.fields_map[name]
            column = f.source_field if isinstance(f, tf.relational.ForeignKeyFieldInstance) else name
            filters[column] = getattr(item, column)
        if any(value is None for value in filters.values()):
            continue  # NULLs never clash
        query = model.filter(**filters).using_db(connection)
        if item._saved_in_db:
            query = query.exclude(id=item.id)
        if await query.exists():
            raise EditError(messages.DUPLICATE_VALUE, field=_camel(group[-1]), code="DUPLICATE",
                            type=Term.content_type(model.__name__),
                            names=Term.listing((_camel(name) for name in group), " and "))


async def _check_translation(item: ContentItem, connection: BaseDBAsyncClient) -> None:
    """A translation group holds one item per language."""
    if item.translation_group is None:
        return
    query = type(item).filter(translation_group=item.translation_group, language=item.language).using_db(connection)
    if item._saved_in_db:
        query = query.exclude(id=item.id)
    if await query.exists():
        raise EditError(messages.DUPLICATE_TRANSLATION, field="language", code="DUPLICATE_TRANSLATION",
                        lang=Term.language(Language(item.language)))


async def _save(item: ContentItem, actor: Actor, connection: BaseDBAsyncClient) -> None:
    await _check_unique(item, connection)
    await _check_translation(item, connection)
    try:
        await save_item(item, actor=actor.name, using_db=connection)
    except IntegrityError:  # a concurrent write won the race for a unique value or a reference
        raise EditError(messages.CHANGE_CONFLICT, code="DUPLICATE") from None


async def create(model: type[ContentItem], values: dict[str, Any], actor: Actor, *,
                 translation_of: ContentItem | None = None) -> EditResult:
    """Create a private item; `translation_of` puts it in that item's translation group."""
    item = model(**values)
    item.workflow_state = WorkflowState.PRIVATE
    item.version = 1
    if not item.slug:
        item.slug = str(uuid.uuid4())[:8]
    _invariants(item)
    async with in_transaction() as connection:
        if translation_of is not None:
            source = await _locked(model, translation_of.id, connection)
            if source.translation_group is None:  # the source starts the group
                await model.filter(id=source.id).using_db(connection).update(translation_group=source.id)
            item.translation_group = source.translation_group or source.id
        await _save(item, actor, connection)
        changed = {name: [None, value] for name, value in snapshot(item).items() if value not in (None, "", [], {})}
        await _record(item, actor, "create", changed, connection)
    return EditResult(item, changed)


async def _locked(model: type[ContentItem], item_id: uuid.UUID, connection: BaseDBAsyncClient) -> ContentItem:
    item = await model.filter(id=item_id).using_db(connection).select_for_update().first()
    if item is None:
        raise EditError(messages.NOT_FOUND_OR_FORBIDDEN, code="NOT_FOUND")
    return item


async def update(model: type[ContentItem], item_id: uuid.UUID, version: int, values: dict[str, Any],
                 actor: Actor, *, note: str = "", action: str = "update") -> EditResult:
    async with in_transaction() as connection:
        item = await _locked(model, item_id, connection)
        if item.version != version:
            raise EditError(messages.VERSION_CONFLICT, field="version", code="CONFLICT", current=item.version)
        changed = _apply(item, values)
        if not changed:
            return EditResult(item, {})
        _invariants(item)
        item.version += 1
        await _save(item, actor, connection)
        await _record(item, actor, action, changed, connection, note)
        if "key" in changed:
            # Search documents carry mechanism and institution keys (facets, filters): requeue them.
            await record_changes(await _referring(model, item.id, connection), using_db=connection)
    return EditResult(item, changed)


async def _referring(model: type[ContentItem], item_id: uuid.UUID,
                     connection: BaseDBAsyncClient) -> list[tuple[str, uuid.UUID, str]]:
    """Content that refers to an item: by foreign key, through a link table, or by a mention."""
    found: set[tuple[str, uuid.UUID]] = set()
    for name in model._meta.backward_fk_fields:
        relation = model._meta.fields_map[name]
        related = relation.related_model
        rows = await related.filter(**{relation.relation_field: item_id}).using_db(connection)
        for row in rows:
            if isinstance(row, ContentItem):
                found.add((type(row).__name__, row.id))
                continue
            for f in related._meta.fields_map.values():  # a link table: the item on its other side
                if isinstance(f, tf.relational.ForeignKeyFieldInstance) and f.source_field != relation.relation_field:
                    other = getattr(row, f.source_field, None)
                    if other is not None and issubclass(f.related_model, ContentItem):
                        found.add((f.related_model.__name__, other))
    for item, in await Mention.filter(target_type=model.__name__, target_id=item_id).using_db(connection).values_list(
            "item_id"):
        found.add(("AchievementItem", item))
    return [(type_name, other_id, UPSERT) for type_name, other_id in sorted(found, key=str)]


def _dependents(model: type[ContentItem]) -> list[tuple[type[ContentItem], str, bool]]:
    """Content that points at `model`: (type, column, whether deleting `model` would delete it too)."""
    found = []
    for name in model._meta.backward_fk_fields:
        relation = model._meta.fields_map[name]
        related = relation.related_model
        if not issubclass(related, ContentItem):
            continue  # link tables and parts: they go with the item
        for f in related._meta.fields_map.values():
            if isinstance(f, tf.relational.ForeignKeyFieldInstance) and f.source_field == relation.relation_field:
                found.append((related, f.source_field, f.on_delete == tf.CASCADE))
    return found


CONFIDENTIAL_MARK = "(confidential)"


async def delete(model: type[ContentItem], item_id: uuid.UUID, actor: Actor) -> None:
    """Delete, leaving a tombstone (for change feeds) and an audit entry.

    Refused while other content depends on the item (the database would delete it too, with no
    tombstone, revision or search update); content that merely refers to it loses the reference
    and is re-indexed.
    """
    async with in_transaction() as connection:
        item = await _locked(model, item_id, connection)
        blocking, referring = [], []
        for related, column, cascades in _dependents(model):
            ids = await related.filter(**{column: item.id}).using_db(connection).values_list("id", flat=True)
            if ids and cascades:
                # A kind is named only if some dependant of that kind is not confidential.
                confidential_only = issubclass(related, ContentItem) and not await related.filter(
                    **{column: item.id}, confidential=False).using_db(connection).exists()
                blocking.append(related.__name__ if not confidential_only else CONFIDENTIAL_MARK)
            referring += [(related.__name__, i, UPSERT) for i in ids if not cascades]
        if blocking:
            named = sorted({name for name in blocking if name not in CONFIDENTIAL_TYPES and name != CONFIDENTIAL_MARK})
            if named:
                raise EditError(messages.IN_USE_BY, code="IN_USE", type=Term.content_type(model.__name__),
                                types=Term.listing(named, ", ", content_type_label))
            raise EditError(messages.IN_USE, code="IN_USE", type=Term.content_type(model.__name__))
        await Tombstone.create(item_type=model.__name__, item_id=item.id, title=item.title, actor=actor.name,
                               was_public=item.workflow_state == WorkflowState.PUBLISHED and not item.confidential,
                               using_db=connection)
        await AuditEntry.create(actor=actor.name, role=actor.role, action="delete", item_type=model.__name__,
                                item_id=item.id, detail={"title": item.title}, using_db=connection)
        # Mentions (type + id, no foreign key) of the item would dangle: removed, and the items that
        # made them re-indexed (their mechanism/institution facets come from mentions).
        mentions = Mention.filter(target_type=model.__name__, target_id=item.id).using_db(connection)
        mentioning = set(await mentions.values_list("item_id", flat=True))
        await mentions.delete()
        referring += [("AchievementItem", i, UPSERT) for i in mentioning if i != item.id]
        await delete_item(item, using_db=connection)
        await record_changes(referring, using_db=connection)


async def transition(model: type[ContentItem], item_id: uuid.UUID, action: str, actor: Actor,
                     comment: str = "") -> EditResult:
    spec = TRANSITIONS.get(action)
    if spec is None:
        raise EditError(messages.UNKNOWN_ACTION, field="action", code="INVALID_TRANSITION", action=action,
                        actions=", ".join(TRANSITIONS))
    async with in_transaction() as connection:
        item = await _locked(model, item_id, connection)
        source = item.workflow_state
        if source not in spec.sources:
            raise EditError(messages.INVALID_TRANSITION, field="action", code="INVALID_TRANSITION",
                            action=Term.action(action), state=Term.state(source))
        item.workflow_state = spec.target
        item.version += 1
        await save_item(item, actor=actor.name, using_db=connection)
        if isinstance(item, ProgramMeasure):
            # A measure's passages share its fate (they are shown, searched and retracted with it).
            for passage in await AchievementItem.filter(measure_id=item.id).using_db(connection):
                if passage.workflow_state != spec.target:
                    passage.workflow_state = spec.target
                    await save_item(passage, actor=actor.name, using_db=connection)
        await WorkflowEvent.create(item_type=model.__name__, item_id=item.id, action=action,
                                   from_state=source.value, to_state=spec.target.value, actor=actor.name,
                                   comment=comment, using_db=connection)
        changed = {"workflow_state": [source.value, spec.target.value]}
        await _record(item, actor, action, changed, connection, comment[:200])
    return EditResult(item, changed)


async def stored_revision(model: type[ContentItem], item_id: uuid.UUID, revision: int) -> Revision | None:
    """The revision that produced `revision` of an item (the latest, if it was reverted to twice)."""
    return await Revision.filter(item_type=model.__name__, item_id=item_id, version=revision).order_by("-id").first()


async def revert(model: type[ContentItem], item_id: uuid.UUID, revision: int, actor: Actor) -> EditResult:
    """Restore the editable fields as they were after `revision` (a new revision records it)."""
    stored = await stored_revision(model, item_id, revision)
    if stored is None:
        raise EditError(messages.NO_REVISION, field="revision", code="NOT_FOUND", revision=revision)
    current = await model.get_or_none(id=item_id)
    if current is None:
        raise EditError(messages.NOT_FOUND_OR_FORBIDDEN, code="NOT_FOUND")
    known = set(editable_fields(model)) - NOT_REVERTED
    values = {name: _from_json(model, name, value) for name, value in stored.snapshot.items() if name in known}
    for f in model._meta.fields_map.values():  # references to items deleted since
        if isinstance(f, tf.relational.ForeignKeyFieldInstance) and values.get(f.source_field) is not None:
            if not await f.related_model.exists(id=values[f.source_field]):
                raise EditError(messages.REVISION_TARGET_GONE, field=_camel(f.source_field), code="NOT_FOUND",
                                revision=revision, type=Term.content_type(f.related_model.__name__),
                                reference=_camel(f.source_field))
    return await update(model, item_id, current.version, values, actor, note=f"revert to {revision}",
                        action="revert")


def model_for(type_name: str) -> type[ContentItem]:
    return CONTENT_TYPES[type_name]
