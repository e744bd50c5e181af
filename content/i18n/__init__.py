"""Internationalisation: message catalogs (ar, fr, en), enum labels, and locale-aware formatting.

    translate("Too long: at most {max} characters.", "fr", max=200)  -> "Trop long : 200 caractères au plus."
    enum_label(MechanismKind.TREATY_BODY, "ar")                     -> "هيئة معاهدة"
    negotiate_language("fr-FR,fr;q=0.9,en;q=0.8")                    -> "fr"
    format_date(date(2020, 7, 15), "ar")                             -> "15 يوليوز 2020"

Catalogs live in content/i18n/locales/<lang>/LC_MESSAGES/marsad.po (template: locales/marsad.pot); the
build compiles them to .mo (`make compile-messages`), and a checkout without .mo files compiles the .po
in memory, with the same result. Message ids are the English source text; placeholders are `str.format`
fields, filled after translation. Enum labels use the enum's class name as message context.
This package imports nothing from schema/, hub/ or search_index/.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import Any

from content.i18n.catalogs import clear_cache, compile_all, translations
from content.i18n.formatting import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALES,
    SOURCE_LANGUAGE,
    environment_language,
    format_date,
    format_datetime,
    format_number,
    negotiate_language,
    normalize_language,
)
from content.i18n.labels import CONTENT_TYPE_LABELS, ENUM_LABELS, WORKFLOW_ACTIONS
from content.i18n.markers import NC_, NN_, N_, _

__all__ = [
    "LANGUAGES", "DEFAULT_LANGUAGE", "SOURCE_LANGUAGE", "LOCALES",
    "translate", "translate_plural", "translate_context", "enum_label", "enum_labels",
    "content_type_label", "workflow_action_label",
    "negotiate_language", "normalize_language", "environment_language",
    "format_date", "format_datetime", "format_number",
    "_", "N_", "NC_", "NN_", "ENUM_LABELS", "CONTENT_TYPE_LABELS", "WORKFLOW_ACTIONS",
    "clear_cache", "compile_all",
]

log = logging.getLogger(__name__)


def _fill(text: str, source: str, params: dict[str, Any]) -> str:
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        # A translation with a broken placeholder must not turn a message into a crash.
        log.warning("bad placeholders in the translation of %r: %r", source, text)
        return source.format(**params)


def translate(message: str, language: Any = None, **params: Any) -> str:
    """`message` (a msgid) in `language` (ar/fr/en, ar-MA, Language.FR...), then `.format(**params)`.

    None or an unknown language gives the English (source) text; a message not in the catalogs is
    returned as it is (formatted).
    """
    code = normalize_language(language)
    return _fill(translations(code).gettext(message), message, params)  # type: ignore[arg-type]


def translate_plural(singular: str, plural: str, n: int, language: Any = None, **params: Any) -> str:
    """The plural form for `n` (Arabic has six), then `.format(count=n, **params)`."""
    code = normalize_language(language)
    params.setdefault("count", n)
    return _fill(translations(code).ngettext(singular, plural, n), plural, params)  # type: ignore[arg-type]


def translate_context(context: str, message: str, language: Any = None, **params: Any) -> str:
    """pgettext: `message` in message context `context`, then `.format(**params)`."""
    code = normalize_language(language)
    return _fill(translations(code).pgettext(context, message), message, params)  # type: ignore[arg-type]


def _humanize(name: str) -> str:
    return name.replace("_", " ").capitalize()


def enum_label(member: Enum, language: Any = None) -> str:
    """The label of an enum value, e.g. MechanismKind.TREATY_BODY -> Treaty body / Organe conventionnel
    / هيئة معاهدة. Context = the enum's class name; a value without a catalog entry gets its name."""
    context = type(member).__name__
    source = ENUM_LABELS.get(context, {}).get(member.name)
    if source is None:
        return _humanize(member.name)
    return translate_context(context, source, language)


def enum_labels(enum: type[Enum], language: Any = None) -> list[tuple[Enum, str]]:
    """Every member of `enum` with its label, in declaration order."""
    return [(member, enum_label(member, language)) for member in enum]


def content_type_label(type_name: str, language: Any = None) -> str:
    """The label of a content type by GraphQL name (Mechanism, ProgramMeasure...), e.g. for facets."""
    source = CONTENT_TYPE_LABELS.get(type_name)
    return translate_context("ContentType", source, language) if source else type_name


def workflow_action_label(action: str, language: Any = None) -> str:
    """The verb for a workflow action (edit, submit, publish, unpublish, reject, archive, restore, delete),
    for messages.INVALID_TRANSITION."""
    source = WORKFLOW_ACTIONS.get(action)
    return translate_context("WorkflowAction", source, language) if source else action
