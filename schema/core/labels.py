"""Labels of enum values in the caller's language, so that dashboards need no translation tables.

Two pieces, for others to mount:

- `LabelQueries`, a root-field class (merge it into `Query`):
      enumLabels(enum: "MechanismKind", language: FR) { value label }
  -> [{value: "HUMAN_RIGHTS_COUNCIL", label: "Conseil des droits de l'homme"}, ...]
- `label_field(attr)`, a field to put beside an enum field of a domain type:
      kind_label = label_field("kind")          # kindLabel(language: Language = null): String!
      position_label = label_field("position", nullable=True)   # for an optional enum field
  -> `kindLabel(language: FR)` gives "Organe conventionnel".

A null `language` means the request's Accept-Language (negotiated to ar/fr/en), then Arabic.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info
from strawberry.types.enum import has_enum_definition

from content import i18n
from content.i18n import messages
from schema.core import enums as graphql_enums
from schema.core.enums import Language
from schema.errors import UserError


def _labelled_enums() -> dict[str, type[Enum]]:
    """The GraphQL enums of schema.core.enums, by GraphQL name."""
    found: dict[str, type[Enum]] = {}
    for value in vars(graphql_enums).values():
        if isinstance(value, type) and issubclass(value, Enum) and has_enum_definition(value):
            found[value.__strawberry_definition__.name] = value
    return found


LABELLED_ENUMS: dict[str, type[Enum]] = _labelled_enums()


def _accept_language(context: Any) -> str | None:
    request = context.get("request") if isinstance(context, dict) else getattr(context, "request", None)
    headers = getattr(request, "headers", None)
    if headers is None:
        return None
    return headers.get("accept-language") or headers.get("Accept-Language")


def request_language(info: Info, language: Any = None) -> str:
    """`language` when given (Language.FR, "fr"...), else the request's Accept-Language, else Arabic."""
    if language is not None:
        return i18n.normalize_language(language, i18n.DEFAULT_LANGUAGE) or i18n.DEFAULT_LANGUAGE
    return i18n.negotiate_language(_accept_language(info.context))


@strawberry.type(description="An enum value (as GraphQL names it) and its label in one language.")
class EnumValueLabel:
    value: str = strawberry.field(description="The GraphQL enum value, e.g. TREATY_BODY.")
    label: str = strawberry.field(description="Its label, e.g. Organe conventionnel.")


@strawberry.type
class LabelQueries:
    @strawberry.field(description="The labels of every value of a GraphQL enum (e.g. MechanismKind) in a language; "
                                  "without `language`, in the request's Accept-Language, else Arabic.")
    def enum_labels(self, info: Info, enum: str, language: Language | None = None) -> list[EnumValueLabel]:
        code = request_language(info, language)
        enum_class = LABELLED_ENUMS.get(enum.strip())
        if enum_class is None:
            raise UserError(
                i18n.translate(messages.UNKNOWN_ENUM, code, name=enum[:80], names=", ".join(sorted(LABELLED_ENUMS))),
                "INVALID_ENUM",
            )
        return [EnumValueLabel(value=member.name, label=i18n.enum_label(member, code)) for member in enum_class]


def _label_of(value: Any, enum: type[Enum] | None, code: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, Enum):
        if enum is None:
            return str(value)
        try:
            value = enum(value)
        except ValueError:
            return str(value)
    return i18n.enum_label(value, code)


def label_field(attr: str, enum: type[Enum] | None = None, *, nullable: bool = False,
                description: str | None = None) -> Any:
    """A field `<attr>Label(language: Language = null): String!` giving the label of the enum in `attr`.

    Declare it in a strawberry type beside the enum field, e.g. `kind_label = label_field("kind")`.
    `enum` converts a stored string to the member when the attribute holds plain values; `nullable=True`
    makes it `String` (null when the value is null) for optional enum fields.
    """
    description = description or (
        f"The label of `{attr}` in `language` (default: the request's Accept-Language, else Arabic)."
    )
    if nullable:
        def resolve_optional(root: Any, info: Info, language: Language | None = None) -> str | None:
            return _label_of(getattr(root, attr), enum, request_language(info, language))

        return strawberry.field(resolver=resolve_optional, description=description)

    def resolve(root: Any, info: Info, language: Language | None = None) -> str:
        label = _label_of(getattr(root, attr), enum, request_language(info, language))
        return "" if label is None else label

    return strawberry.field(resolver=resolve, description=description)
