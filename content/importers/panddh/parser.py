"""Parser for Arabic programme-measure status sheets (PANDDH-style).

A sheet is plain text: one heading per line, each followed by its value::

    رقم الإجراء              -> number (required, an integer)
    إسم الإجراء / اسم الإجراء -> name
    إسم الإجراء الفرعي       -> sub_measure_name ("-" means none)
    المحور                   -> axis ("المحور الأول : ..." split into number/title)
    بيان الإجراء             -> description_items (one per numbered/bulleted line)
    أهداف الإجراء            -> objectives
    الوزارة المعنية          -> ministry
    الوضعية في شهر أبريل 2021 -> status_month_label / status_as_of, status_text
    الإنجازات                -> sections: numbered titles, bullets, paragraphs

Headings may also carry their value after a colon on the same line
("رقم الإجراء : 4").  Headings are recognised whole-line only, tolerant of
hamza/ة/ى spelling and harakat; a heading that appears twice is an error.

Rules for the text after الإنجازات:

* ``1.`` / ``1-`` / ``1)`` / ``(1)`` (any digits, Eastern ones too) starts a
  new section when its number is the next one (or higher); a numbered line
  that continues a numbered list inside the current section (``1.``, then
  ``2.`` right after it) is an item of that section instead.
* ``-``, ``–``, ``—``, ``•`` ... start a bullet (with or without a space).
* Any other line is a paragraph of the current section; before the first
  numbered title, items go into a section with ``number=None`` and title "".
* A line with no marker directly under an item (no blank line between)
  whose text does not end in ``. ; ؛ : ! ? ؟`` continues that item (joined
  with one space): that is how wrapped lines come out of PDF exports.

Stored text is kept as written: only surrounding whitespace, the list
marker and one trailing ``;``/``؛`` are removed; Arabic is not normalised.
Page noise (an e-mail or URL alone on a line, ``|`` rulers, ``نشر :``
footers, "صفحة 2 / 5" page numbers) is dropped.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from .dates import DIGITS, arabic_pattern, find_date_spans, to_ascii_digits
from .numbers import parse_ordinal_prefix

__all__ = [
    "ParseError",
    "ParsedItem",
    "ParsedSection",
    "ParsedSheet",
    "parse_file",
    "parse_sheet",
]


# --------------------------------------------------------------------------
# Results


class ParseError(Exception):
    """The text is not a measure sheet, or not readable as one.

    ``str(err)`` is ``"<source>:<line>: <reason>"`` (lines count from 1).
    """

    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(source, line, reason)
        self.source = source
        self.line = line
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ParsedItem:
    kind: Literal["bullet", "paragraph"]
    text: str
    line: int  # line of the item's first line in the source (1-based)


@dataclass(frozen=True, slots=True)
class ParsedSection:
    number: int | None
    title: str
    items: list[ParsedItem]
    line: int | None = None  # line of the title; None for the untitled section

    @property
    def bullets(self) -> list[ParsedItem]:
        return [i for i in self.items if i.kind == "bullet"]

    @property
    def paragraphs(self) -> list[ParsedItem]:
        return [i for i in self.items if i.kind == "paragraph"]


@dataclass(frozen=True, slots=True)
class ParsedSheet:
    number: int
    name: str
    sub_measure_name: str | None
    axis: str | None
    axis_number: int | None
    axis_title: str | None
    description_items: list[str]
    objectives: list[str]
    ministry: str | None
    status_month_label: str | None
    status_as_of: date | None
    status_text: str | None
    sections: list[ParsedSection]
    source: str = "<string>"
    # Non-noise lines that belong to no field (before the first heading, or
    # extra lines under رقم الإجراء): (line, text).  Kept for diagnostics.
    ignored_lines: list[tuple[int, str]] = field(default_factory=list)


# --------------------------------------------------------------------------
# Line classification

_NUMBER, _NAME, _SUB, _AXIS, _DESC, _OBJ, _MINISTRY, _STATUS, _ACHIEVEMENTS = (
    "number", "name", "sub_measure_name", "axis", "description", "objectives",
    "ministry", "status", "achievements",
)

_HEADING_LABELS = {
    _NUMBER: "رقم الإجراء",
    _NAME: "إسم الإجراء",
    _SUB: "إسم الإجراء الفرعي",
    _AXIS: "المحور",
    _DESC: "بيان الإجراء",
    _OBJ: "أهداف الإجراء",
    _MINISTRY: "الوزارة المعنية",
    _STATUS: "الوضعية",
    _ACHIEVEMENTS: "الإنجازات",
}


def _alts(*phrases: str) -> str:
    return "(?:" + "|".join(arabic_pattern(p) for p in phrases) + ")"


_COLON = "[:：]"
_HEADING_TAIL = rf"\s*(?:{_COLON}\s*(?P<value>.*?))?\s*$"
_HEADINGS: list[tuple[str, re.Pattern[str]]] = [
    (field_, re.compile(rf"^\s*{pat}{_HEADING_TAIL}"))
    for field_, pat in [
        (_NUMBER, _alts("رقم الإجراء")),
        (_SUB, _alts("اسم الإجراء الفرعي")),
        (_NAME, _alts("اسم الإجراء")),
        (_AXIS, _alts("المحور")),
        (_DESC, _alts("بيان الإجراء")),
        (_OBJ, _alts("أهداف الإجراء")),
        (_MINISTRY, _alts("الوزارة المعنية", "الوزارات المعنية", "القطاع المعني",
                          "القطاعات المعنية")),
        (_ACHIEVEMENTS, _alts("الإنجازات", "المنجزات")),
    ]
]
# "الوضعية" alone, "الوضعية: ...", "الوضعية في شهر" (month on the next line), or
# "الوضعية [في|بتاريخ|إلى غاية|حتى] [شهر] <date> [: ...]".
_STATUS_RE = re.compile(rf"^\s*{_alts('الوضعية')}(?P<tail>(?:\s.*|{_COLON}.*)?)$")
_STATUS_PREP_RE = re.compile(
    rf"^\s*(?:{_alts('في', 'بتاريخ', 'إلى غاية', 'الى غاية', 'إلى حدود', 'الى حدود', 'حتى', 'عند')}\s*)?"
    rf"(?:{_alts('شهر')}\s*)?"
)
_LEADING_SEP_RE = re.compile(rf"^\s*(?:{_COLON}|[-–—])\s*")

_EMAIL_OR_URL = r"(?:[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|(?:https?://|www\.)\S+)"
_NOISE_RES = [
    re.compile(rf"^[\s|\u00a0\u200e\u200f\u202a-\u202e]*{_EMAIL_OR_URL}[\s|\u00a0\u200e\u200f]*$"),
    re.compile(r"^[\s|\u00a0\u200e\u200f_=]*\|[\s|\u00a0\u200e\u200f_=]*$"),
    re.compile(rf"^\s*{arabic_pattern('نشر')}\s*{_COLON}"),
    re.compile(
        rf"^\s*(?:{_alts('صفحة', 'الصفحة')}|page)\s*[{DIGITS}]+"
        rf"(?:\s*(?:/|{arabic_pattern('من')}|of)\s*[{DIGITS}]+)?\s*$",
        re.IGNORECASE,
    ),
    re.compile(rf"^\s*[{DIGITS}]+\s*/\s*[{DIGITS}]+\s*$"),
    re.compile(rf"^\s*[-–—]\s*[{DIGITS}]+\s*[-–—]\s*$"),
]

_BULLET_CHARS = "-–—•●▪◦·*‐‑⁃○■□➢➤►✓"
_BULLET_RE = re.compile(rf"^\s*[{re.escape(_BULLET_CHARS)}]+\s*(?P<text>.*?)\s*$")
_NUMBERED_RE = re.compile(
    rf"^\s*(?:\((?P<pn>[{DIGITS}]{{1,3}})\)|(?P<n>[{DIGITS}]{{1,3}})\s*[.)\-–—٫۔/])"
    rf"(?![{DIGITS}])\s*(?P<text>.*?)\s*$"
)
_NONE_VALUES = {"-", "–", "—", "_", "/", "--", "...", "…", "لا يوجد", "لا شيء", "n/a", "na"}
_TERMINAL = tuple(".;؛:!?؟")
_BAD_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_MAX_NUMBER_DIGITS = 6
# Invisible direction marks, zero-width characters and BOMs at the edges of a
# line (common in text copied from PDFs and word processors) count as
# whitespace; inside a line they are kept.
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad"
_EDGE_RE = re.compile(rf"^[\s{_INVISIBLE}]+|[\s{_INVISIBLE}]+$")


def _is_noise(line: str) -> bool:
    return any(r.match(line) for r in _NOISE_RES)


def _is_none(value: str) -> bool:
    return value.strip().casefold() in _NONE_VALUES or not value.strip()


def _strip_item(text: str) -> str:
    text = text.strip()
    if text.endswith((";", "؛")):
        text = text[:-1].rstrip()
    return text


def _strip_title(text: str) -> str:
    text = text.strip()
    while text and text[-1] in ":：;؛":
        text = text[:-1].rstrip()
    return text


@dataclass(slots=True)
class _Heading:
    field: str
    value: str | None  # inline value after ":"
    when: str | None = None  # status heading: the date part


def _match_heading(line: str) -> _Heading | None:
    for field_, rx in _HEADINGS:
        m = rx.match(line)
        if m:
            return _Heading(field_, m.group("value") or None)
    m = _STATUS_RE.match(line)
    if m:
        return _status_heading(m.group("tail"))
    return None


def _status_heading(tail: str) -> _Heading | None:
    tail = tail.strip()
    if not tail:
        return _Heading(_STATUS, None)
    sep = _LEADING_SEP_RE.match(tail)
    if sep:
        return _Heading(_STATUS, tail[sep.end():].strip() or None)
    rest = tail[_STATUS_PREP_RE.match(tail).end():].strip()  # type: ignore[union-attr]
    if not rest or rest in (":", "："):
        return _Heading(_STATUS, None)
    spans = find_date_spans(rest)
    if not spans or spans[0].start != 0:
        return None  # "الوضعية الحقوقية ..." is text, not a heading
    when = rest[: spans[0].end]
    after = rest[spans[0].end:]
    sep = _LEADING_SEP_RE.match(after)
    if after.strip() and not sep:
        return None
    value = after[sep.end():].strip() if sep else ""
    return _Heading(_STATUS, value or None, when)


# --------------------------------------------------------------------------
# Field builders


@dataclass(slots=True)
class _Line:
    no: int
    text: str
    blank_before: bool


def _marked(text: str) -> tuple[str, int | None, str] | None:
    """("numbered", n, rest) / ("bullet", None, rest) or None for plain text."""
    m = _NUMBERED_RE.match(text)
    if m and (m.group("text") or "").strip():
        n = m.group("n") or m.group("pn")
        return "numbered", int(to_ascii_digits(n)), m.group("text")
    m = _BULLET_RE.match(text)
    if m:
        return "bullet", None, m.group("text")
    return None


def _continues(prev_text: str, line: _Line) -> bool:
    return not line.blank_before and not prev_text.rstrip().endswith(_TERMINAL)


def _list_items(lines: list[_Line]) -> list[str]:
    """description/objectives: one item per marked line (continuations joined)."""
    items: list[str] = []
    prev_marked = False
    for ln in lines:
        mk = _marked(ln.text)
        if mk is not None:
            text = mk[2].strip()
            if not text:
                continue
            items.append(text)
            prev_marked = True
        elif items and prev_marked and _continues(items[-1], ln):
            items[-1] = items[-1] + " " + ln.text.strip()
        else:
            items.append(ln.text.strip())
            prev_marked = False
    out = [_strip_item(i) for i in items]
    return [i for i in out if i and not _is_none(i)]


def _joined(lines: list[_Line], sep: str = " ") -> str | None:
    value = sep.join(ln.text.strip() for ln in lines).strip()
    return None if _is_none(value) else value


_AXIS_RE = re.compile(rf"^\s*{arabic_pattern('المحور')}\s+(?P<rest>.*)$")


def _split_axis(axis: str) -> tuple[int | None, str | None]:
    m = _AXIS_RE.match(axis)
    if not m:
        return None, axis.strip() or None
    rest = m.group("rest")
    parts = re.split(rf"(\s*{_COLON}\s*|\s+[-–—]\s+)", rest, maxsplit=1)
    label, sep, title = (parts + ["", ""])[:3]
    words = label.split()
    parsed = parse_ordinal_prefix(words)
    if sep:
        number = parsed[0] if parsed and parsed[1] == len(words) else None
        return number, title.strip() or None
    if parsed:
        remaining = " ".join(words[parsed[1]:]).strip()
        return parsed[0], remaining or None
    return None, rest.strip() or None


class _SectionBuilder:
    def __init__(self) -> None:
        self.sections: list[ParsedSection] = []
        self._items: list[list[ParsedItem]] = []
        self.last_number: int | None = None
        self.sub_last: int | None = None  # last number of a numbered list inside a section
        self.prev_kind: str | None = None  # "title" | "bullet" | "paragraph" | "sub"

    def _current(self) -> list[ParsedItem]:
        if not self.sections:
            self.sections.append(ParsedSection(None, "", [], None))
        return self.sections[-1].items

    def _add(self, kind: str, text: str, line: int) -> None:
        text = _strip_item(text)
        if not text or _is_none(text):
            return
        self._current().append(ParsedItem(kind, text, line))  # type: ignore[arg-type]

    def _extend_last(self, text: str) -> None:
        items = self._current()
        last = items[-1]
        items[-1] = ParsedItem(last.kind, _strip_item(last.text + " " + text.strip()), last.line)

    def feed(self, ln: _Line) -> None:
        mk = _marked(ln.text)
        if mk is not None and mk[0] == "numbered":
            n, rest = mk[1], mk[2]
            assert n is not None
            in_sub = (
                self.prev_kind == "sub" and not ln.blank_before and self.sub_last is not None
                and n == self.sub_last + 1
            )
            if in_sub:
                self._add("bullet", rest, ln.no)
                self.sub_last = n
                self.prev_kind = "sub"
                return
            if self.last_number is None or n > self.last_number:
                self.sections.append(ParsedSection(n, _strip_title(rest), [], ln.no))
                self.last_number = n
                self.sub_last = None
                self.prev_kind = "title"
                return
            # A lower number inside a section: a numbered list of items.
            self._add("bullet", rest, ln.no)
            self.sub_last = n
            self.prev_kind = "sub"
            return
        if mk is not None:
            self._add("bullet", mk[2], ln.no)
            self.prev_kind = "bullet"
            return
        items = self._current()
        if (
            items and self.prev_kind in ("bullet", "paragraph", "sub")
            and _continues(items[-1].text, ln)
        ):
            self._extend_last(ln.text)
            return
        self._add("paragraph", ln.text, ln.no)
        self.prev_kind = "paragraph"


# --------------------------------------------------------------------------
# Entry points


_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
_NEWLINE_BYTES_RE = re.compile(rb"\r\n|\r|\n")


def _line_at(text: str, offset: int) -> int:
    return len(_NEWLINE_RE.findall(text, 0, offset)) + 1


def _check_text(text: str, source: str) -> None:
    m = _BAD_CONTROL.search(text)
    if m:
        raise ParseError(
            source, _line_at(text, m.start()),
            f"binary content: control character U+{ord(m.group()):04X}, not a text sheet",
        )


def parse_sheet(text: str, source: str = "<string>") -> ParsedSheet:
    """Parse the text of one status sheet.  Raises :class:`ParseError`."""
    if not isinstance(text, str):
        raise ParseError(source, 1, f"expected text, got {type(text).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ParseError(source, 1, "empty file")
    _check_text(text, source)

    # Lines as an editor counts them: LF, CRLF or CR (form feeds stay inside
    # a line and count as whitespace).
    raw_lines = _NEWLINE_RE.split(text)
    buffers: dict[str, list[_Line]] = {}
    heading_lines: dict[str, int] = {}
    status_when: str | None = None
    ignored: list[tuple[int, str]] = []
    current: str | None = None
    blank = False
    first_content: int | None = None

    for no, line in enumerate(raw_lines, start=1):
        line = _EDGE_RE.sub("", line)
        if not line.strip() or _is_noise(line):
            if not line.strip():
                blank = True
            continue
        if first_content is None:
            first_content = no
        h = _match_heading(line)
        if h is not None:
            if h.field in heading_lines:
                raise ParseError(
                    source, no,
                    f"heading '{_HEADING_LABELS[h.field]}' appears twice "
                    f"(first at line {heading_lines[h.field]}): not a single sheet",
                )
            heading_lines[h.field] = no
            buffers[h.field] = []
            if h.field == _STATUS:
                status_when = h.when
            if h.value is not None and h.value.strip():
                buffers[h.field].append(_Line(no, h.value, False))
            current = h.field
            blank = False
            continue
        if current is None:
            ignored.append((no, line.strip()))
        else:
            buffers[current].append(_Line(no, line, blank))
        blank = False

    if _NUMBER not in heading_lines:
        raise ParseError(
            source, first_content or 1,
            "not a measure sheet: no 'رقم الإجراء' (measure number) heading",
        )
    number_lines = buffers[_NUMBER]
    if not number_lines:
        raise ParseError(source, heading_lines[_NUMBER], "empty measure number under 'رقم الإجراء'")
    first = number_lines[0]
    value = first.text.strip().rstrip(".")
    if not re.fullmatch(rf"[{DIGITS}]+", value):
        raise ParseError(source, first.no, f"measure number is not numeric: {first.text.strip()!r}")
    if len(value) > _MAX_NUMBER_DIGITS:
        raise ParseError(source, first.no, f"measure number is too long: {value!r}")
    number = int(to_ascii_digits(value))
    ignored.extend((ln.no, ln.text.strip()) for ln in number_lines[1:])

    name = _joined(buffers.get(_NAME, [])) or ""
    sub = _joined(buffers.get(_SUB, []))
    axis = _joined(buffers.get(_AXIS, []))
    axis_number, axis_title = _split_axis(axis) if axis else (None, None)
    ministry = _joined(buffers.get(_MINISTRY, []))

    label: str | None = None
    as_of: date | None = None
    status_lines = buffers.get(_STATUS, [])
    if not status_when and status_lines:
        # "الوضعية في شهر" with "أبريل 2021" alone on the next line
        first_status = status_lines[0].text.strip()
        spans = find_date_spans(first_status)
        if spans and spans[0].start == 0 and spans[0].end == len(first_status):
            status_when = first_status
            status_lines = status_lines[1:]
    status_text = _joined(status_lines, sep="\n")
    if status_when:
        spans = find_date_spans(status_when)
        if spans:
            label = spans[0].text.strip()
            as_of = spans[0].date
        else:
            label = status_when.strip() or None

    builder = _SectionBuilder()
    for ln in buffers.get(_ACHIEVEMENTS, []):
        builder.feed(ln)

    return ParsedSheet(
        number=number,
        name=name,
        sub_measure_name=sub,
        axis=axis,
        axis_number=axis_number,
        axis_title=axis_title,
        description_items=_list_items(buffers.get(_DESC, [])),
        objectives=_list_items(buffers.get(_OBJ, [])),
        ministry=ministry,
        status_month_label=label,
        status_as_of=as_of,
        status_text=status_text,
        sections=builder.sections,
        source=source,
        ignored_lines=ignored,
    )


def _decode(data: bytes, source: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(source, 1, f"not valid UTF-16 text: {exc.reason}") from None
    nul = data.find(b"\x00")
    if nul != -1:
        raise ParseError(
            source, len(_NEWLINE_BYTES_RE.findall(data, 0, nul)) + 1,
            f"binary file: NUL byte at offset {nul}",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = len(_NEWLINE_BYTES_RE.findall(data, 0, exc.start)) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise ParseError(
            source, line, f"not UTF-8 text: invalid byte 0x{bad} at offset {exc.start}"
        ) from None


def parse_file(path: str | os.PathLike[str]) -> ParsedSheet:
    """Read a sheet from a file (UTF-8, BOM tolerated; UTF-16 with BOM too).

    The error source is the path as given.  Undecodable bytes and binary
    content raise :class:`ParseError`; a missing file raises ``OSError``.
    """
    source = os.fspath(path)
    data = Path(path).read_bytes()
    if not data:
        raise ParseError(source, 1, "empty file")
    return parse_sheet(_decode(data, source), source=source)
