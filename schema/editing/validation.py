"""Turn a mutation input into model values, or explain what is wrong with it (field by field)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from strawberry import UNSET
from strawberry.types import Info

from content.models import CONTENT_TYPES
from schema.core.ids import from_global_id
from schema.editing.inputs import InputField
from schema.editing.types import FieldError
from schema.errors import UserError

_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TITLE_FIELDS = frozenset({"title", "name_ar", "name_fr", "name_en"})


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _check_text(name: str, value: str, spec: InputField, errors: list[FieldError]) -> str | None:
    field = _camel(name)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        errors.append(FieldError(field=field, message="Text contains invalid characters (lone surrogates).",
                                 code="INVALID_TEXT"))
        return None
    if _CONTROL.search(value):
        errors.append(FieldError(field=field, message="Text contains control characters.", code="INVALID_TEXT"))
        return None
    if name in _TITLE_FIELDS:
        if _BIDI_CONTROLS.search(value):
            errors.append(FieldError(field=field, code="INVALID_TEXT",
                                     message="Bidirectional control characters are not allowed in titles."))
            return None
        value = value.strip()
        if name == "title" and not value:
            errors.append(FieldError(field=field, message="This field is required.", code="REQUIRED"))
            return None
    if spec.max_length is not None and len(value) > spec.max_length:
        errors.append(FieldError(field=field, message=f"Too long: at most {spec.max_length} characters.",
                                 code="TOO_LONG"))
        return None
    return value


def check_free_text(field: str, value: str, max_length: int | None = None) -> list[FieldError]:
    """Errors for a free-text argument that is no model field (a transition comment, a sentence)."""
    errors: list[FieldError] = []
    _check_text(field, value, InputField(field, field, str, False, max_length=max_length), errors)
    return errors


async def _target_id(info: Info, spec: InputField, raw: str, errors: list[FieldError]) -> uuid.UUID | None:
    field = _camel(spec.name)
    target = spec.target
    assert target is not None
    try:
        if target.__name__ in CONTENT_TYPES:
            item_id = from_global_id(raw, target.__name__)[1]
        else:
            item_id = uuid.UUID(raw)
    except (UserError, ValueError) as exc:
        errors.append(FieldError(field=field, message=str(exc) if isinstance(exc, UserError)
                                 else f"Invalid ID {raw[:80]!r}.", code="INVALID_ID"))
        return None
    found = await info.context.loaders.by_id(target).load(item_id)
    if found is None:
        errors.append(FieldError(field=field, message=f"No {target.__name__} with this ID.", code="NOT_FOUND"))
        return None
    return item_id


async def values_from_input(info: Info, data: Any, specs: list[InputField], *,
                            creating: bool) -> tuple[dict[str, Any], list[FieldError]]:
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for spec in specs:
        value = getattr(data, spec.name, UNSET)
        if value is UNSET:
            continue
        if value is None:
            if spec.required:
                errors.append(FieldError(field=_camel(spec.name), message="This field is required.", code="REQUIRED"))
            else:
                values[spec.column] = None
            continue
        if spec.target is not None:
            target = await _target_id(info, spec, str(value), errors)
            if target is not None:
                values[spec.column] = target
        elif isinstance(value, str):
            checked = _check_text(spec.name, value, spec, errors)
            if checked is not None:
                values[spec.column] = checked
        elif isinstance(value, list):
            items = [_check_text(spec.name, str(v), spec, errors) for v in value]
            if all(i is not None for i in items):
                values[spec.column] = items
        elif isinstance(value, dt.datetime) and value.tzinfo is None:
            values[spec.column] = value.replace(tzinfo=dt.timezone.utc)  # naive means UTC
        else:
            values[spec.column] = value
    if creating and "slug" not in values and "title" in values:
        values["slug"] = _slug(values["title"])
    return values, errors


def _slug(title: str) -> str:
    words = re.findall(r"\w+", title.lower())[:8]
    return ("-".join(words) or "item")[:190]
