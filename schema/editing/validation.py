"""Turn a mutation input into model values, or explain what is wrong with it (field by field).

Errors are written in the request's language (schema.errors.context_language: Accept-Language,
English when there is none).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from strawberry import UNSET
from strawberry.types import Info

from content.i18n import SOURCE_LANGUAGE, messages
from content.models import CONTENT_TYPES
from content.services.editing import Term, message_text
from schema.core.ids import from_global_id
from schema.editing.inputs import InputField
from schema.editing.types import FieldError
from schema.errors import UserError, context_language

_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TITLE_FIELDS = frozenset({"title", "name_ar", "name_fr", "name_en"})


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def field_error(language: str, field: str | None, code: str, msgid: str, /, **params: Any) -> FieldError:
    """A FieldError whose message is the catalog message `msgid` in `language` (content.services.editing
    Terms among `params` show as labels outside English)."""
    return FieldError(field=field, message=message_text(msgid, language, **params), code=code)


def user_error_text(error: UserError, language: str) -> str:
    """A UserError's message (a catalog msgid and params) in `language`."""
    return message_text(error.msgid, language, **error.params)


def _check_text(name: str, value: str, spec: InputField, errors: list[FieldError], language: str) -> str | None:
    field = _camel(name)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        errors.append(field_error(language, field, "INVALID_TEXT", messages.TEXT_LONE_SURROGATES))
        return None
    if _CONTROL.search(value):
        errors.append(field_error(language, field, "INVALID_TEXT", messages.TEXT_CONTROL_CHARACTERS))
        return None
    if name in _TITLE_FIELDS:
        if _BIDI_CONTROLS.search(value):
            errors.append(field_error(language, field, "INVALID_TEXT", messages.BIDI_CONTROLS))
            return None
        value = value.strip()
        if name == "title" and not value:
            errors.append(field_error(language, field, "REQUIRED", messages.FIELD_REQUIRED))
            return None
    if spec.max_length is not None and len(value) > spec.max_length:
        errors.append(field_error(language, field, "TOO_LONG", messages.TOO_LONG, max=spec.max_length))
        return None
    return value


def check_free_text(field: str, value: str, max_length: int | None = None, *,
                    language: str = SOURCE_LANGUAGE) -> list[FieldError]:
    """Errors for a free-text argument that is no model field (a transition comment, a sentence)."""
    errors: list[FieldError] = []
    _check_text(field, value, InputField(field, field, str, False, max_length=max_length), errors, language)
    return errors


async def _target_id(info: Info, spec: InputField, raw: str, errors: list[FieldError],
                     language: str) -> uuid.UUID | None:
    field = _camel(spec.name)
    target = spec.target
    assert target is not None
    try:
        if target.__name__ in CONTENT_TYPES:
            item_id = from_global_id(raw, target.__name__)[1]
        else:
            item_id = uuid.UUID(raw)
    except UserError as exc:
        errors.append(FieldError(field=field, message=user_error_text(exc, language), code="INVALID_ID"))
        return None
    except ValueError:
        errors.append(field_error(language, field, "INVALID_ID", messages.INVALID_UUID, id=raw[:80]))
        return None
    found = await info.context.loaders.by_id(target).load(item_id)
    if found is None:
        errors.append(field_error(language, field, "NOT_FOUND", messages.NO_ITEM_WITH_ID,
                                  type=Term.content_type(target.__name__)))
        return None
    return item_id


async def values_from_input(info: Info, data: Any, specs: list[InputField], *,
                            creating: bool) -> tuple[dict[str, Any], list[FieldError]]:
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    language = context_language(info.context)
    for spec in specs:
        value = getattr(data, spec.name, UNSET)
        if value is UNSET:
            continue
        if value is None:
            if spec.required:
                errors.append(field_error(language, _camel(spec.name), "REQUIRED", messages.FIELD_REQUIRED))
            else:
                values[spec.column] = None
            continue
        if spec.column in JSON_SHAPES:
            shaped = _check_json(spec, value, errors, language)
            if shaped is not None:
                values[spec.column] = shaped
        elif spec.target is not None:
            target = await _target_id(info, spec, str(value), errors, language)
            if target is not None:
                values[spec.column] = target
        elif isinstance(value, str):
            checked = _check_text(spec.name, value, spec, errors, language)
            if checked is not None:
                values[spec.column] = checked
        elif isinstance(value, list):
            items = [_check_text(spec.name, str(v), spec, errors, language) for v in value]
            if all(i is not None for i in items):
                values[spec.column] = items
        elif isinstance(value, dt.datetime) and value.tzinfo is None:
            values[spec.column] = value.replace(tzinfo=dt.timezone.utc)  # naive means UTC
        else:
            values[spec.column] = value
    if creating and "slug" not in values and "title" in values:
        values["slug"] = _slug(values["title"])
    return values, errors


# JSON fields with a fixed shape: what readers (GraphQL, the alias expander) rely on.
ALIASES_SHAPE = '{"ar": ["…"], "fr": ["…"], "en": ["…"]}'
TREATY_SHAPE = '{"ar": "…", "fr": "…", "en": "…", "adopted": "YYYY-MM-DD"}'
JSON_SHAPES = {"aliases": ALIASES_SHAPE, "treaty": TREATY_SHAPE}


def _check_json(spec: InputField, value: Any, errors: list[FieldError], language: str) -> Any:
    field = _camel(spec.name)
    shape = JSON_SHAPES[spec.column]
    if spec.column == "aliases":
        ok = isinstance(value, dict) and all(
            key in ("ar", "fr", "en") and isinstance(group, list) and all(isinstance(a, str) for a in group)
            for key, group in value.items()
        )
        if ok:
            checked = {key: [_check_text(spec.name, a, spec, errors, language) for a in group]
                       for key, group in value.items()}
            if all(a is not None for group in checked.values() for a in group):
                return checked
            return None
    else:
        ok = isinstance(value, dict) and all(
            key in ("ar", "fr", "en", "adopted") and isinstance(text, str) for key, text in value.items()
        )
        if ok:
            return value
    errors.append(field_error(language, field, "INVALID_SHAPE", messages.INVALID_SHAPE, shape=shape))
    return None


def _slug(title: str) -> str:
    words = re.findall(r"\w+", title.lower())[:8]
    return ("-".join(words) or "item")[:190]
