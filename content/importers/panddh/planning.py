"""The pure half of the PANDDH importer: a sheet file in, a plan of what the database should hold.

:func:`read_sheet` reads and parses one sheet (errors name the file, the line
and the reason); :func:`plan_sheet` links its items against an alias index and
extracts the typed records, keyed by their natural keys.  Nothing here touches
the database: :mod:`.store` compares the plan with what the database holds and
writes the difference.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import extract as ex
from .mentions import AliasIndex
from .parser import ParsedSheet, ParseError, parse_file, parse_sheet

__all__ = [
    "ItemPlan",
    "MentionPlan",
    "Plan",
    "RecordKey",
    "RecordPlan",
    "SheetImportError",
    "plan_sheet",
    "read_sheet",
    "scoped_key",
    "short_title",
]


# --------------------------------------------------------------------------
# Errors and reading


class SheetImportError(Exception):
    """A sheet that could not be imported: ``str(err)`` is ``"<file>:<line>: <reason>"``.

    ``line`` is ``None`` when the failure is not tied to a line (an unreadable
    file, a database error); the message is then ``"<file>: <reason>"``.
    """

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        super().__init__(source, line, reason)
        self.source = source
        self.line = line
        self.reason = reason

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.reason}"


def read_sheet(path_or_text: str | os.PathLike[str], source: str | None = None) -> tuple[ParsedSheet, str, str]:
    """(sheet, source name, sha256 of the bytes); raises :class:`SheetImportError`.

    A ``str`` holding a line break is the text of a sheet, any other ``str`` or path a file.
    """
    is_path = isinstance(path_or_text, os.PathLike) or (
        isinstance(path_or_text, str) and "\n" not in path_or_text and "\r" not in path_or_text
    )
    if is_path:
        name = source or os.fspath(path_or_text)
        try:
            data = Path(path_or_text).read_bytes()
        except OSError as exc:
            raise SheetImportError(name, None, f"cannot read the file: {exc.strerror or exc}") from exc
        checksum = hashlib.sha256(data).hexdigest()
        try:
            sheet = parse_file(path_or_text)
        except ParseError as exc:
            raise SheetImportError(name, exc.line, exc.reason) from exc
        return sheet, name, checksum
    if not isinstance(path_or_text, str):
        raise TypeError(f"expected a path or the text of a sheet, got {type(path_or_text).__name__}")
    name = source or "<string>"
    checksum = hashlib.sha256(path_or_text.encode("utf-8", "surrogatepass")).hexdigest()
    try:
        sheet = parse_sheet(path_or_text, name)
    except ParseError as exc:
        raise SheetImportError(name, exc.line, exc.reason) from exc
    return sheet, name, checksum


# --------------------------------------------------------------------------
# The plan


RecordKey = tuple[str | int | None, ...]


@dataclass
class MentionPlan:
    ref: tuple[Any, ...]  # ("entity", type, key) | ("session", mechanism key, n) | ("record", key)
    sentence: str
    alias: str


@dataclass
class ItemPlan:
    section: int  # index into the plan's sections
    position: int
    kind: str  # "bullet" | "paragraph" (AchievementItemKind values)
    text: str
    title: str
    mentions: list[MentionPlan]


@dataclass
class RecordPlan:
    key: RecordKey  # the stored key (scoped by the measure number where needed)
    kind: str
    records: list[ex.ExtractedRecord]  # every sentence of the sheet that gives this key


@dataclass
class Plan:
    sheet: ParsedSheet
    sections: list[tuple[int | None, str]]
    items: list[ItemPlan]
    records: dict[RecordKey, RecordPlan]
    sessions: set[tuple[str, int]]


def short_title(text: str, limit: int = 90) -> str:
    """The first words of ``text`` (at most ``limit`` characters, cut at a space, with "…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit
    return text[:cut].rstrip(" ،,:؛;-–") + "…"


def scoped_key(number: int, record: ex.ExtractedRecord) -> RecordKey:
    key = record.natural_key
    if record.kind in ex.SHEET_SCOPED_KINDS or any(part is None for part in key[1:]):
        return ("measure", number, *key)
    return tuple(key)


_EVENT_WORDS_RE = re.compile(r"(?:ال)?(?:نشاط|لقاء|حدث|فعالي|ندو|ورش|مؤتمر)\S*(?:\s+\S+)?")
_REQUEST_WORDS_RE = re.compile(r"(?:[0-9\u0660-\u0669]+\s+)?(?:ال)?(?:استبيان|طلب)\S*(?:\s+\S+){0,2}")


def _record_alias(record: ex.ExtractedRecord, mentions: Sequence[Any]) -> str:
    """The words of the sentence that name the record (its title or subject, else its trigger words)."""
    alias: str | None = None
    if isinstance(record, ex.Document):
        alias = record.title
    elif isinstance(record, ex.Event):
        found = _EVENT_WORDS_RE.search(record.sentence)
        alias = record.title or (found.group() if found else None)
    elif isinstance(record, ex.InformationRequest):
        found = _REQUEST_WORDS_RE.search(record.sentence)
        alias = record.subject or (found.group() if found else None)
    elif isinstance(record, ex.NgoInteraction):
        alias = next((m.alias for m in mentions if m.key == record.ngo_key), None)
    elif isinstance(record, ex.ParliamentaryPresentation):
        wanted = record.committee_key or record.chamber_key
        alias = next((m.alias for m in mentions if m.key == wanted), None)
    return (alias or short_title(record.sentence, 60)).strip(" ،,؛;.")


class _Found:
    """Stands in for the alias index in ``find_sessions``: the item's mentions are found already
    (it only calls ``find`` on the same text), so the text is not matched twice."""

    __slots__ = ("mentions",)

    def __init__(self, mentions: list[Any]) -> None:
        self.mentions = mentions

    def find(self, text: str) -> list[Any]:
        return self.mentions


def plan_sheet(sheet: ParsedSheet, index: AliasIndex) -> Plan:
    """What the database should hold for this sheet: sections, items, their mentions, records."""
    sections: list[tuple[int | None, str]] = []
    items: list[ItemPlan] = []
    records: dict[RecordKey, RecordPlan] = {}
    sessions: set[tuple[str, int]] = set()
    position = 0
    for section in sheet.sections:
        sections.append((section.number, section.title))
        for parsed in section.items:
            position += 1
            mentions = index.find(parsed.text)
            found_sessions = ex.find_sessions(parsed.text, section.title, _Found(mentions))  # type: ignore[arg-type]
            extracted = ex.extract_records(parsed.text, section.title, mentions, found_sessions)
            plans: list[MentionPlan] = []
            for m in mentions:
                plans.append(MentionPlan(("entity", m.entity_type, m.key), m.sentence, m.alias))
            for s in found_sessions:
                sessions.add((s.mechanism_key, s.number))
                plans.append(MentionPlan(
                    ("session", s.mechanism_key, s.number), s.sentence, parsed.text[s.start : s.end]
                ))
            for record in extracted:
                key = scoped_key(sheet.number, record)
                plan = records.get(key)
                if plan is None:
                    plan = records[key] = RecordPlan(key, record.kind, [])
                plan.records.append(record)
                plans.append(MentionPlan(("record", key), record.sentence,
                                          _record_alias(record, mentions)))
            items.append(ItemPlan(
                len(sections) - 1, position, parsed.kind, parsed.text,
                short_title(parsed.text), plans,
            ))
    return Plan(sheet, sections, items, records, sessions)

