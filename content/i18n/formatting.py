"""Languages, Accept-Language negotiation, and locale-aware dates and numbers (Babel, CLDR data)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from typing import Any

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.core import negotiate_locale

LANGUAGES: tuple[str, ...] = ("ar", "fr", "en")
DEFAULT_LANGUAGE = "ar"  # what a request that states no usable preference gets
SOURCE_LANGUAGE = "en"  # the language of the msgids
# The CLDR locale each language is formatted in: Moroccan Arabic (15 يوليوز 2020, 5.654, Latin digits).
LOCALES: dict[str, str] = {"ar": "ar_MA", "fr": "fr", "en": "en"}


def normalize_language(language: Any, default: str | None = SOURCE_LANGUAGE) -> str | None:
    """'ar', 'AR', 'ar-MA', 'fr_FR', Language.FR -> 'ar'/'fr'/'en'; anything else -> `default`."""
    if language is None:
        return default
    code = str(getattr(language, "value", language)).strip().replace("-", "_").split("_", 1)[0].lower()
    return code if code in LANGUAGES else default


def _preferences(header: str) -> list[str]:
    """Language tags of an Accept-Language header, most preferred first; q=0 and '*' dropped."""
    weighted = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate_language(accept_language_header: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """The best of ar/fr/en for an Accept-Language header (ar-MA, fr-FR;q=0.8, en-GB...); else `default`."""
    if not accept_language_header:
        return default
    preferred = _preferences(accept_language_header[:1000])
    if not preferred:
        return default
    match = negotiate_locale(preferred, LANGUAGES, sep="-", aliases={})
    if match is None:  # tags written with '_' (ar_MA) or odd cases
        match = negotiate_locale([t.replace("_", "-") for t in preferred], LANGUAGES, sep="-", aliases={})
    return normalize_language(match, default) or default


def environment_language(default: str = SOURCE_LANGUAGE) -> str:
    """The command line's language: MARSAD_LANGUAGE, else LANGUAGE/LC_ALL/LC_MESSAGES/LANG, else `default`."""
    for name in ("MARSAD_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        for candidate in value.split(":"):
            candidate = candidate.split(".")[0]
            if candidate and candidate not in ("C", "POSIX"):
                found = normalize_language(candidate, None)
                if found:
                    return found
        if value:
            return default  # set but not one of ours (C.UTF-8, de_DE...): stop here, as gettext does
    return default


def locale_of(language: Any) -> str:
    """The CLDR locale used to format for `language` (unknown -> English)."""
    return LOCALES[normalize_language(language)]  # type: ignore[index]


def format_date(value: dt.date | dt.datetime, language: Any, format: str = "long") -> str:
    """A date as the language writes it: ar 15 يوليوز 2020, fr 15 juillet 2020, en July 15, 2020.

    `format` is short, medium, long, full or a CLDR pattern (e.g. "MMMM y").
    """
    return babel_dates.format_date(value, format=format, locale=locale_of(language))


def format_datetime(value: dt.datetime, language: Any, format: str = "medium",
                    tzinfo: dt.tzinfo | str | None = None) -> str:
    """A date and time in the language's style, in `tzinfo` (e.g. "Africa/Casablanca") when given."""
    zone = babel_dates.get_timezone(tzinfo) if isinstance(tzinfo, str) else tzinfo
    return babel_dates.format_datetime(value, format=format, tzinfo=zone, locale=locale_of(language))


def format_number(value: int | float | Decimal, language: Any, decimals: int | None = None) -> str:
    """A number with the language's separators: ar 5.654, fr 5 654 (narrow no-break space), en 5,654.

    `decimals` fixes the number of fraction digits (rounded half-even); by default up to three are shown.
    """
    if decimals is None:
        return babel_numbers.format_decimal(value, locale=locale_of(language))
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=locale_of(language))
