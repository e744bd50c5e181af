"""Create and update inputs for every content type, derived from the model's editable fields.

A foreign key `mechanism_id` becomes `mechanism: ID` (a global ID); JSON lists become `[String!]`;
enums keep their GraphQL enum. Update inputs have every field optional (unset = unchanged).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Optional

import strawberry
from strawberry.scalars import JSON
from tortoise import fields as tf

from content import models
from content.models import CONTENT_TYPES, ContentItem
from content.services.editing import editable_fields

# Set by the server, not by callers (translations are linked with `translationOf`).
NOT_INPUT = frozenset({"translation_group"})
# Filled in when left out: a slug is derived from the title.
OPTIONAL_ON_CREATE = frozenset({"slug"})


@dataclass(frozen=True, slots=True)
class InputField:
    """How one GraphQL input field maps to the model."""

    name: str                        # python/GraphQL name (snake_case)
    column: str                      # model attribute to set
    python_type: Any
    required: bool
    target: type[ContentItem] | None = None   # for foreign keys: the model the ID must name
    max_length: int | None = None


def _python_type(f: tf.Field) -> Any:
    enum_type = getattr(f, "enum_type", None)
    if enum_type is not None:
        return enum_type
    if isinstance(f, tf.data.DatetimeField):
        return dt.datetime
    if isinstance(f, tf.data.DateField):
        return dt.date
    if isinstance(f, tf.data.BooleanField):
        return bool
    if isinstance(f, (tf.data.IntField,)):
        return int
    if isinstance(f, tf.data.JSONField):
        return list[str] if isinstance(f.default, list) or f.default is list else JSON
    return str


def input_fields(model: type[ContentItem]) -> list[InputField]:
    result: list[InputField] = []
    # Read from the field declarations, which need no initialised Tortoise (relations do).
    fk_by_source = {
        f"{name}_id": (name, getattr(models, f.model_name.split(".")[-1]), not f.null)
        for name, f in model._meta.fields_map.items()
        if isinstance(f, tf.relational.ForeignKeyFieldInstance)
    }
    for column in editable_fields(model):
        if column in NOT_INPUT:
            continue
        if column in fk_by_source:
            name, target, required = fk_by_source[column]
            result.append(InputField(name, column, strawberry.ID, required, target=target))
        else:
            f = model._meta.fields_map[column]
            required = not f.null and f.default is None and column not in OPTIONAL_ON_CREATE
            result.append(InputField(column, column, _python_type(f), required,
                                     max_length=getattr(f, "max_length", None)))
    return result


def _input_class(name: str, specs: list[InputField], *, all_optional: bool, extra: dict[str, Any]) -> type:
    annotations: dict[str, Any] = {}
    defaults: dict[str, Any] = {}
    ordered = sorted(specs, key=lambda s: not (s.required and not all_optional))
    for spec in ordered:
        if spec.required and not all_optional:
            annotations[spec.name] = spec.python_type
        else:
            annotations[spec.name] = Optional[spec.python_type]
            defaults[spec.name] = strawberry.UNSET
    for key, (annotation, default) in extra.items():
        annotations[key] = annotation
        defaults[key] = default
    cls = type(name, (), {"__annotations__": annotations, "__module__": __name__, **defaults})
    return strawberry.input(cls)


@dataclass(frozen=True, slots=True)
class TypeInputs:
    fields: list[InputField]
    create: type
    update: type


def build_inputs() -> dict[str, TypeInputs]:
    built: dict[str, TypeInputs] = {}
    for type_name, model in CONTENT_TYPES.items():
        specs = input_fields(model)
        create = _input_class(
            f"Create{type_name}Input", specs, all_optional=False,
            extra={"translation_of": (Optional[strawberry.ID], None)},
        )
        update = _input_class(f"Update{type_name}Input", specs, all_optional=True, extra={})
        built[type_name] = TypeInputs(specs, create, update)
    return built


INPUTS = build_inputs()
