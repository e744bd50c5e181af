"""Arabic dates as they are written in programme status sheets.

Pure functions, no database.  Recognised forms (with ASCII, Eastern Arabic
``٠-٩`` or Persian ``۰-۹`` digits)::

    15 يوليوز 2020            day month year
    الأربعاء 15 يوليوز 2020   an optional weekday before it ("يوم" too)
    15 من شهر يوليوز 2020     "من شهر" / "شهر" between day and month
    أبريل 2021                month and year  -> the first day of the month
    22 فبراير                 day and month   -> needs a year from elsewhere
    15/07/2020                numeric day/month/year ("-" and "." too)

Month names: Moroccan (يناير ... دجنبر), Mashriq (كانون الثاني ... كانون
الأول), Algerian/Tunisian (جانفي، فيفري، أفريل، جوان، جويلية، أوت) and the
common Egyptian/MSA variants (ابريل، مايو، يوليو، أغسطس، سبتمبر، نوفمبر،
ديسمبر).  Spelling variation in hamza (أ إ آ ا), final ي/ى and ة/ه, and
harakat or tatweel inside the words is tolerated by the patterns, so the
matches keep offsets into the *original* text.

A month name on its own (e.g. the verb "مارس") is never taken for a date:
a day or a year must go with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

__all__ = [
    "MONTHS",
    "MOROCCAN_MONTHS",
    "MASHRIQ_MONTHS",
    "MAGHREB_MONTHS",
    "VARIANT_MONTHS",
    "WEEKDAYS",
    "DIGITS",
    "DateSpan",
    "FoundDate",
    "arabic_pattern",
    "find_dates",
    "find_date_spans",
    "month_number",
    "parse_arabic_date",
    "parse_month_label",
    "to_ascii_digits",
]

# --------------------------------------------------------------------------
# Tables

MOROCCAN_MONTHS: dict[str, int] = {
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "أبريل": 4,
    "ماي": 5,
    "يونيو": 6,
    "يوليوز": 7,
    "غشت": 8,
    "شتنبر": 9,
    "أكتوبر": 10,
    "نونبر": 11,
    "دجنبر": 12,
}

MASHRIQ_MONTHS: dict[str, int] = {
    "كانون الثاني": 1,
    "شباط": 2,
    "آذار": 3,
    "نيسان": 4,
    "أيار": 5,
    "حزيران": 6,
    "تموز": 7,
    "آب": 8,
    "أيلول": 9,
    "تشرين الأول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
}

# Algeria / Tunisia (French-derived).
MAGHREB_MONTHS: dict[str, int] = {
    "جانفي": 1,
    "فيفري": 2,
    "أفريل": 4,
    "جوان": 6,
    "جويلية": 7,
    "أوت": 8,
}

# Egyptian / MSA spellings and common variants of the above.
VARIANT_MONTHS: dict[str, int] = {
    "إبريل": 4,
    "مايو": 5,
    "يونية": 6,
    "يوليو": 7,
    "يولية": 7,
    "أغسطس": 8,
    "اغشت": 8,
    "سبتمبر": 9,
    "سپتمبر": 9,
    "نوفمبر": 11,
    "ديسمبر": 12,
    "دجمبر": 12,
}

MONTHS: dict[str, int] = {
    **MOROCCAN_MONTHS,
    **MASHRIQ_MONTHS,
    **MAGHREB_MONTHS,
    **VARIANT_MONTHS,
}

WEEKDAYS: dict[str, int] = {  # date.weekday() numbering
    "الاثنين": 0,
    "الإثنين": 0,
    "الثلاثاء": 1,
    "الأربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الأحد": 6,
}

DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_DIGIT_TABLE = {
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
}


def to_ascii_digits(text: str) -> str:
    """Eastern Arabic (٠-٩) and Persian (۰-۹) digits to ASCII; nothing else."""
    return text.translate(_DIGIT_TABLE)


# --------------------------------------------------------------------------
# Tolerant patterns

_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*"
_CLASSES = {
    "ا": "[اأإآٱ]",
    "أ": "[اأإآٱ]",
    "إ": "[اأإآٱ]",
    "آ": "[اأإآٱ]",
    "ى": "[يىی]",
    "ي": "[يىی]",
    "ة": "[ةه]",
    "ه": "[ةه]",
    "ك": "[كک]",
    "پ": "[بپ]",
    "ب": "[بپ]",
}


def arabic_pattern(phrase: str) -> str:
    """A regex for ``phrase`` that tolerates the usual spelling variation.

    Alef/hamza forms, final ي/ى, ة/ه, harakat and tatweel after any letter,
    and any run of whitespace between words.  Letters keep their order, so
    the match can be located in the original text.
    """
    out: list[str] = []
    for ch in phrase:
        if ch.isspace():
            if out and out[-1] != r"\s+":
                out.append(r"\s+")
            continue
        out.append(_CLASSES.get(ch, re.escape(ch)) + _MARKS)
    return "".join(out)


_MARK_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def _fold_key(text: str) -> str:
    """A lookup key for a matched month or weekday name (not stored anywhere)."""
    text = _MARK_RE.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text)
    text = text.replace("ى", "ي").replace("ی", "ي").replace("ة", "ه")
    text = text.replace("ک", "ك").replace("پ", "ب")
    return " ".join(text.split())


_MONTH_BY_KEY: dict[str, int] = {_fold_key(k): v for k, v in MONTHS.items()}
# "تشرين أول" / "كانون ثاني" without the article are common too.
for _k, _v in list(MASHRIQ_MONTHS.items()):
    if " ال" in _k:
        _MONTH_BY_KEY[_fold_key(_k.replace(" ال", " "))] = _v
_WEEKDAY_BY_KEY: dict[str, int] = {_fold_key(k): v for k, v in WEEKDAYS.items()}

_month_names = sorted(
    {k for k in _MONTH_BY_KEY}, key=lambda s: (-len(s), s)
)  # longest first: "كانون الثاني" before anything shorter
_MONTH_RE = "(?:" + "|".join(arabic_pattern(m) for m in _month_names) + ")"
_WEEKDAY_RE = "(?:" + "|".join(
    arabic_pattern(w) for w in sorted(_WEEKDAY_BY_KEY, key=len, reverse=True)
) + ")"

_NUM = f"[{DIGITS}]"
_NOT_WORD_BEFORE = r"(?<![\w\u0610-\u061a\u064b-\u065f\u0670])"
_NOT_WORD_AFTER = r"(?![\w])"

# One pattern; longest alternatives first.  The month may take a one-letter
# proclitic only in the month-year form ("خلال فبراير 2021", "بأكتوبر 2020").
_DATE_RE = re.compile(
    rf"""
    (?P<weekday>(?:{arabic_pattern('يوم')}\s+)?{_WEEKDAY_RE}\s*[،,]?\s*)?
    (?:
        (?P<day>{_NUM}{{1,2}})
        \s*(?:{arabic_pattern('من')}\s+)?(?:{arabic_pattern('شهر')}\s+)?
        (?P<dmonth>{_MONTH_RE})
        (?:\s*[،,]?\s*(?P<dyear>{_NUM}{{4}}))?
      |
        (?P<dn>{_NUM}{{1,2}})(?P<sep>[/.\-])(?P<mn>{_NUM}{{1,2}})(?P=sep)(?P<yn>{_NUM}{{4}})
      |
        (?:(?<=[بلو])|{_NOT_WORD_BEFORE})
        (?P<month>{_MONTH_RE})\s*[،,]?\s*(?P<year>{_NUM}{{4}})
    )
    {_NOT_WORD_AFTER}
    """,
    re.VERBOSE,
)


class FoundDate(NamedTuple):
    """What :func:`find_dates` returns: the date and its span in the text."""

    date: date
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date found in text, with what the text actually said.

    ``precision`` is ``"day"`` or ``"month"`` (then ``date`` is the first of
    the month); ``year_inferred`` is true when the year was not written
    next to the day and month but taken from a following date of the same
    range ("من 22 فبراير إلى 23 مارس 2021") or from ``default_year``.
    """

    date: date
    start: int
    end: int
    precision: str
    text: str
    year_inferred: bool = False


def month_number(name: str) -> int | None:
    """1-12 for a month name in any of the tables (spelling-tolerant)."""
    return _MONTH_BY_KEY.get(_fold_key(name))


def _int(digits: str) -> int:
    return int(to_ascii_digits(digits))


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_boundary_ok(text: str, start: int) -> bool:
    # A day number glued to a preceding digit ("2015 يوليوز" is fine, but
    # "115 يوليوز" is not a day).
    return start == 0 or not text[start - 1].isdigit()


_RANGE_JOINERS = re.compile(
    rf"^\s*(?:[-–—/]|{arabic_pattern('إلى')}|{arabic_pattern('الى')}|{arabic_pattern('حتى')}|"
    rf"{arabic_pattern('و')}|{arabic_pattern('ثم')}|[،,])\s*$"
)


def find_date_spans(text: str, default_year: int | None = None) -> list[DateSpan]:
    """All dates in ``text``, in order, as :class:`DateSpan`.

    A day-month without a year takes the year of the next date when only a
    range joiner (إلى، -، و، حتى ...) separates them, otherwise
    ``default_year``; with neither it is left out.
    """
    raw: list[tuple[int, int, str, int | None, int, int | None]] = []
    # (start, end, precision, year, month, day)
    for m in _DATE_RE.finditer(text):
        start = m.start()
        if m.group("day") is not None:
            if not _day_boundary_ok(text, m.start("day")):
                continue
            month = month_number(m.group("dmonth"))
            year = _int(m.group("dyear")) if m.group("dyear") else None
            raw.append((start, m.end(), "day", year, month or 0, _int(m.group("day"))))
        elif m.group("dn") is not None:
            if not _day_boundary_ok(text, m.start("dn")):
                continue
            raw.append(
                (start, m.end(), "day", _int(m.group("yn")), _int(m.group("mn")), _int(m.group("dn")))
            )
        else:
            month = month_number(m.group("month"))
            if m.group("weekday"):
                start = m.start("month")  # a weekday without a day is not part of it
            raw.append((start, m.end(), "month", _int(m.group("year")), month or 0, None))

    found: list[DateSpan] = []
    for i, (start, end, precision, year, month, day) in enumerate(raw):
        inferred = False
        if year is None:
            if i + 1 < len(raw) and raw[i + 1][3] is not None and _RANGE_JOINERS.match(
                text[end : raw[i + 1][0]]
            ):
                year = raw[i + 1][3]
            else:
                year = default_year
            inferred = True
            if year is None:
                continue
        d = _make(year, month, day or 1) if month else None
        if d is None:
            continue
        found.append(DateSpan(d, start, end, precision, text[start:end], inferred))
    return found


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """All dates in ``text`` as ``(date, start, end)`` tuples, in order.

    Month-year forms give the first day of the month.  See
    :func:`find_date_spans` for yearless dates and for the precision.
    """
    return [FoundDate(s.date, s.start, s.end) for s in find_date_spans(text, default_year)]


def parse_arabic_date(text: str, default_year: int | None = None) -> date | None:
    """The date that ``text`` *is* (surrounding whitespace and punctuation aside).

    ``"15 يوليوز 2020"``, ``"الأربعاء 15 يوليوز 2020"``, ``"أبريل 2021"``
    (first of the month), ``"١٥ يوليوز ٢٠٢٠"``.  A day and month without a
    year (``"22 فبراير"``) needs ``default_year``; without it the result is
    ``None``, as it is for text that is not exactly one date or for an
    impossible one ("31 فبراير 2021").
    """
    if not isinstance(text, str):
        return None
    stripped = text.strip().strip("،,.؛;:")
    stripped = stripped.strip()
    if not stripped:
        return None
    spans = find_date_spans(stripped, default_year)
    if len(spans) != 1:
        return None
    s = spans[0]
    if s.start != 0 or s.end != len(stripped):
        return None
    return s.date


def parse_month_label(text: str) -> tuple[str, date] | None:
    """For a status heading tail like ``"أبريل 2021"``: (label as written, date).

    Accepts a month-year (→ first day of the month) or a full date (→ that
    day); the label is the matched text exactly as written.
    """
    for s in find_date_spans(text):
        return s.text.strip(), s.date
    return None
