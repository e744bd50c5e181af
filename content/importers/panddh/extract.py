"""Typed records that a sheet item describes (pure; no database).

:func:`extract_records` looks at one item (a bullet or paragraph of the
الإنجازات part), sentence by sentence, with the entity mentions already
found in it (:meth:`AliasIndex.find`), and returns records of five kinds.
Every record keeps the sentence it came from (as written) and has a
``natural_key``: a tuple of ``str``/``int``/``None`` that is the same when
the same text is imported again, so an importer can find the record it
made last time.

Kinds, triggers and natural keys
--------------------------------

``parliamentary_presentation``
    A sentence naming a parliamentary committee or chamber together with a
    presentation word (عرض، مداخلة، جلسة).  Fields: chamber and committee
    keys (a committee named without its chamber is disambiguated by a
    chamber named in the sentence; the chamber defaults to the committee's
    parent), the date (day precision preferred), the presenter's role as
    written ("عرض لـ<role> بخصوص ..."), the subject as written and the
    entity keys named in it.
    Key: ``("parliamentary_presentation", chamber, committee, "YYYY-MM-DD",
    subject)`` where subject is the "+"-joined subject keys, else the
    normalised subject text.

``ngo_interaction``
    One per NGO (reference kind ``ngo``) named in a sentence about reports
    (تقارير)، allegations (ادعاءات) or information requests (طلبات
    المعلومات); ``interactions`` lists which of ``report``, ``allegation``,
    ``information_request`` the sentence speaks of, in text order.
    Key: ``("ngo_interaction", ngo_key, "report+allegation+...")``.

``information_request``
    Questionnaires (استبيان) and requests for information (طلب للمعلومات)
    received from mechanisms, in a sentence naming no NGO.  ``count`` is the
    number written before the word (48), or 1 for a singular noun; a joint
    questionnaire of "13 إجراء خاصا" has ``joint=True, mandates=13``;
    ``sources`` are the mechanisms named (the HRC is dropped when the
    special procedures are named, as in "تابعا لمجلس حقوق الإنسان").
    Key: ``("information_request", "+".join(sources), request_kind,
    normalised subject or count)``.

``event``
    Side events (النشاط الموازي، لقاء مواز، حدث مواز), seminars (ندوة),
    workshops (ورشة), conferences (مؤتمر).  Title: the quoted text, else
    what follows حول/بشأن up to بشراكة/بتنسيق/a comma.  Session: one named
    in the sentence, else the only one named in the item ("hrc", 43).
    Partners: entities named in the sentence outside the title, except the
    State's own bodies (ministries, parliament) and the mechanisms that are
    the subject of the work (HRC, treaty bodies, special procedures, UPR).
    Key: ``("event", event_type, "hrc:43" | "YYYY-MM-DD" | None,
    normalised title)``.

``document``
    ``common_core_document`` (الوثيقة الأساس), ``reply_to_list_of_issues``
    (قائمة الأسئلة/المسائل), ``follow_up_report`` (تعليقات ... التوصيات, e.g.
    the comments on the SPT's visit recommendations: the State's follow-up
    to a visit report), ``national_report`` (التقرير الوطني/الدوري/الأولي;
    the cycle is the ordinal after it, also after للجولة/المرحلة: الخامس →
    5, الأولي → 1).  The mechanism is the one named after the trigger
    (treaty names are aliases of their committees in the reference data);
    the common core document belongs to ``treaty_bodies``.  ``period`` is
    the month or year the sentence gives ("2020-10", "2017").  ``status``
    from the verb: تقديم submitted, استكمال/الانتهاء finalised, إطلاق
    launched, إعداد in_preparation.
    Key: ``("document", mechanism, doc_kind, cycle)`` when a cycle is known
    (``("document", "cat", "national_report", 5)``), else
    ``("document", mechanism, doc_kind, period)``.

Keys of ``ngo_interaction`` and ``information_request`` have no date or
cycle of their own: an importer should scope them by the sheet
(measure number and ``status_as_of``); see :data:`SHEET_SCOPED_KINDS`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from .dates import arabic_pattern, find_date_spans, to_ascii_digits
from .mentions import (
    HRC_KEY,
    Mention,
    SessionMention,
    Token,
    _first_word_keys,
    _Sentences,
    find_sessions,
    tokenize,
)
from .numbers import parse_ordinal_prefix

if TYPE_CHECKING:
    from .mentions import AliasIndex
    from .parser import ParsedItem, ParsedSheet

__all__ = [
    "Document",
    "Event",
    "ExtractedRecord",
    "InformationRequest",
    "ItemExtraction",
    "NgoInteraction",
    "ParliamentaryPresentation",
    "SHEET_SCOPED_KINDS",
    "extract_from_sheet",
    "extract_records",
]

SHEET_SCOPED_KINDS = frozenset({"ngo_interaction", "information_request"})

NaturalKey = tuple[str | int | None, ...]


# --------------------------------------------------------------------------
# Records


class ExtractedRecord:
    """Base of the record types; ``kind`` names the type."""

    __slots__ = ()
    kind: ClassVar[str]
    sentence: str

    @property
    def natural_key(self) -> NaturalKey:  # pragma: no cover - abstract
        raise NotImplementedError


def _slug(text: str | None) -> str | None:
    if not text:
        return None
    words = [t.norm for t in tokenize(text)]
    return " ".join(words) or None


@dataclass(frozen=True, slots=True)
class ParliamentaryPresentation(ExtractedRecord):
    kind: ClassVar[str] = "parliamentary_presentation"
    chamber_key: str | None
    committee_key: str | None
    date: date | None
    presenter_role: str | None
    presenter_key: str | None
    subject: str | None
    subject_keys: tuple[str, ...]
    sentence: str

    @property
    def natural_key(self) -> NaturalKey:
        subject = "+".join(self.subject_keys) or _slug(self.subject)
        return (
            self.kind, self.chamber_key, self.committee_key,
            self.date.isoformat() if self.date else None, subject,
        )


@dataclass(frozen=True, slots=True)
class NgoInteraction(ExtractedRecord):
    kind: ClassVar[str] = "ngo_interaction"
    ngo_key: str
    interactions: tuple[str, ...]  # "report" | "allegation" | "information_request"
    sentence: str

    @property
    def natural_key(self) -> NaturalKey:
        return (self.kind, self.ngo_key, "+".join(self.interactions))


@dataclass(frozen=True, slots=True)
class InformationRequest(ExtractedRecord):
    kind: ClassVar[str] = "information_request"
    sources: tuple[str, ...]
    request_kind: str  # "questionnaire" | "information_request" | "questionnaire_and_information_request"
    count: int | None
    joint: bool
    mandates: int | None
    subject: str | None
    sentence: str

    @property
    def natural_key(self) -> NaturalKey:
        return (
            self.kind, "+".join(self.sources) or None, self.request_kind,
            _slug(self.subject) if self.subject else self.count,
        )


@dataclass(frozen=True, slots=True)
class Event(ExtractedRecord):
    kind: ClassVar[str] = "event"
    event_type: str  # "side_event" | "seminar" | "workshop" | "conference"
    title: str | None
    scope: str | None  # "international" | "national" | "regional" | None
    session: tuple[str, int] | None  # (mechanism key, session number)
    date: date | None
    partner_keys: tuple[str, ...]
    sentence: str

    @property
    def natural_key(self) -> NaturalKey:
        when: str | None
        if self.session is not None:
            when = f"{self.session[0]}:{self.session[1]}"
        elif self.date is not None:
            when = self.date.isoformat()
        else:
            when = None
        return (self.kind, self.event_type, when, _slug(self.title))


@dataclass(frozen=True, slots=True)
class Document(ExtractedRecord):
    kind: ClassVar[str] = "document"
    doc_kind: str  # national_report | reply_to_list_of_issues | common_core_document | follow_up_report
    mechanism_key: str | None
    cycle: int | None
    period: str | None  # "YYYY-MM" or "YYYY" given in the sentence
    status: str | None  # submitted | finalised | launched | in_preparation
    title: str  # the words naming the document, as written
    sentence: str

    @property
    def natural_key(self) -> NaturalKey:
        ref: str | int | None = self.cycle if self.cycle is not None else self.period
        return (self.kind, self.mechanism_key, self.doc_kind, ref)


# --------------------------------------------------------------------------
# Sentence helpers


@dataclass(slots=True)
class _Sentence:
    text: str  # the whole item text
    start: int
    end: int
    tokens: list[Token]
    mentions: list[Mention]
    sessions: list[SessionMention]

    @property
    def raw(self) -> str:
        return self.text[self.start : self.end]

    def keys(self, i: int) -> set[str]:
        return set(_first_word_keys(self.tokens[i].norm))

    def find_word(self, words: set[str], start: int = 0) -> int | None:
        for i in range(start, len(self.tokens)):
            if self.keys(i) & words:
                return i
        return None

    def find_seq(self, seq: Sequence[set[str]], start: int = 0, gap: int = 0) -> int | None:
        """First token index where the word sets follow each other (up to
        ``gap`` other words between consecutive ones)."""
        for i in range(start, len(self.tokens)):
            if not (self.keys(i) & seq[0]):
                continue
            pos = i
            ok = True
            for want in seq[1:]:
                for step in range(1, gap + 2):
                    if pos + step < len(self.tokens) and self.tokens[pos + step].norm in want | {
                        k for w in want for k in ("ال" + w, "لل" + w, "ل" + w)
                    }:
                        pos += step
                        break
                    if pos + step < len(self.tokens) and self.keys(pos + step) & want:
                        pos += step
                        break
                else:
                    ok = False
                    break
            if ok:
                return i
        return None

    def mentions_of(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]


def _sentences(
    text: str, mentions: Sequence[Mention], sessions: Sequence[SessionMention]
) -> list[_Sentence]:
    sents = _Sentences(text)
    tokens = tokenize(text)
    out: list[_Sentence] = []
    for s, e in sents.spans:
        out.append(
            _Sentence(
                text, s, e,
                [t for t in tokens if s <= t.start < e],
                [m for m in mentions if s <= m.start < e],
                [x for x in sessions if s <= x.start < e],
            )
        )
    return out


def _unique(keys: Sequence[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for k in keys:
        if k not in seen:
            seen.append(k)
    return tuple(seen)


def _alts(*phrases: str) -> str:
    return "(?:" + "|".join(arabic_pattern(p) for p in phrases) + ")"


_QUOTED_RE = re.compile(r"[\"“”«»„](?P<q>[^\"“”«»„]{3,}?)[\"“”«»„]")


def _quoted(raw: str, after: int = 0) -> re.Match[str] | None:
    return _QUOTED_RE.search(raw, after)


def _period(raw: str) -> str | None:
    spans = find_date_spans(raw)
    if spans:
        d = spans[0].date
        return d.isoformat() if spans[0].precision == "day" else f"{d.year:04d}-{d.month:02d}"
    m = re.search(r"(?<![0-9])(19|20)[0-9]{2}(?![0-9])", to_ascii_digits(raw))
    return m.group() if m else None


def _day_date(raw: str) -> date | None:
    spans = find_date_spans(raw)
    for s in spans:
        if s.precision == "day":
            return s.date
    return spans[0].date if spans else None


# --------------------------------------------------------------------------
# Parliamentary presentations

_PRESENT_WORDS = {"عرض", "عرضا", "عروض", "مداخله", "جلسه", "اجتماع"}
_STOP = _alts("بخصوص", "حول", "بشأن", "يوم", "أمام", "بتاريخ", "خلال")
_PRESENTER_RE = re.compile(
    rf"{_alts('عرض', 'عرضا', 'مداخلة')}\s+(?:(?P<art>لل)|ل|{_alts('من طرف', 'قدمه', 'قدمها')}\s+)"
    rf"(?P<who>.+?)\s+(?={_STOP}\s)"
)
_SUBJECT_RE = re.compile(
    rf"{_alts('بخصوص', 'حول', 'بشأن')}\s+(?P<subj>.+?)\s*(?={_alts('يوم', 'أمام', 'بتاريخ', 'خلال')}\s|[،,؛;.]|$)"
)


def _presentation(s: _Sentence) -> ParliamentaryPresentation | None:
    committees = s.mentions_of("parliament_committee")
    chambers = s.mentions_of("parliament_chamber")
    if not committees and not chambers:
        return None
    if s.find_word(_PRESENT_WORDS) is None:
        return None
    chamber_keys = _unique([m.key for m in chambers])
    committee_key: str | None = None
    candidates = _unique([m.key for m in committees])
    if len(candidates) == 1:
        committee_key = candidates[0]
    elif candidates:
        by_chamber = [m.key for m in committees if m.parent in chamber_keys]
        committee_key = by_chamber[0] if len(set(by_chamber)) == 1 else None
    chamber_key: str | None = chamber_keys[0] if chamber_keys else None
    if chamber_key is None and committee_key is not None:
        chamber_key = next((m.parent for m in committees if m.key == committee_key), None)

    raw = s.raw
    who = _PRESENTER_RE.search(raw)
    presenter = None
    if who:
        # "عرض للمندوب" is ل + المندوب: give the role its article back
        presenter = ("ال" if who.group("art") else "") + who.group("who").strip()
    presenter_key = None
    if who:
        w0, w1 = s.start + who.start("who"), s.start + who.end("who")
        presenter_key = next(
            (m.key for m in s.mentions
             if m.start < w1 and m.end > w0 and m.entity_type == "institution"),
            None,
        )
    subj = _SUBJECT_RE.search(raw)
    subject = subj.group("subj").strip() if subj else None
    subject_keys: tuple[str, ...] = ()
    if subj:
        a, b = s.start + subj.start("subj"), s.start + subj.end("subj")
        subject_keys = _unique([m.key for m in s.mentions if a <= m.start < b])
    return ParliamentaryPresentation(
        chamber_key=chamber_key,
        committee_key=committee_key,
        date=_day_date(raw),
        presenter_role=presenter,
        presenter_key=presenter_key,
        subject=subject,
        subject_keys=subject_keys,
        sentence=raw,
    )


# --------------------------------------------------------------------------
# NGOs and information requests

_REPORT_WORDS = {"تقارير", "تقرير"}
_ALLEGATION_WORDS = {"ادعاءات", "ادعاء"}
_REQUEST_WORDS = {"طلبات", "طلب", "طلبا"}
_INFO_WORDS = {"معلومات", "المعلومات", "للمعلومات"}
_QUESTIONNAIRE_PREFIX = ("استبيان", "الاستبيان")


def _info_request_at(s: _Sentence, start: int = 0) -> int | None:
    for i in range(start, len(s.tokens) - 1):
        if s.keys(i) & _REQUEST_WORDS:
            for k in (1, 2):
                if i + k < len(s.tokens) and s.tokens[i + k].norm in _INFO_WORDS:
                    return i
    return None


def _ngo_interactions(s: _Sentence) -> list[NgoInteraction]:
    ngos = s.mentions_of("ngo")
    if not ngos:
        return []
    found: list[tuple[int, str]] = []
    i = s.find_word(_REPORT_WORDS)
    if i is not None:
        found.append((i, "report"))
    i = s.find_word(_ALLEGATION_WORDS)
    if i is not None:
        found.append((i, "allegation"))
    i = _info_request_at(s)
    if i is not None:
        found.append((i, "information_request"))
    if not found:
        return []
    kinds = tuple(k for _, k in sorted(found))
    return [NgoInteraction(key, kinds, s.raw) for key in _unique([m.key for m in ngos])]


def _is_questionnaire(word: str) -> bool:
    return any(k.startswith(_QUESTIONNAIRE_PREFIX) for k in _first_word_keys(word))


_MANDATE_WORDS = {"اجراء", "اجراءات", "مقررا", "مقررين", "مكلفا", "مكلفين", "خبيرا", "خبراء"}


def _information_request(s: _Sentence) -> InformationRequest | None:
    if s.mentions_of("ngo"):
        return None
    q = next((i for i, t in enumerate(s.tokens) if _is_questionnaire(t.norm)), None)
    r = _info_request_at(s)
    if q is None and r is None:
        return None
    first = min(i for i in (q, r) if i is not None)
    if q is not None and r is not None:
        request_kind = "questionnaire_and_information_request"
    elif q is not None:
        request_kind = "questionnaire"
    else:
        request_kind = "information_request"

    count: int | None = None
    if first > 0 and s.tokens[first - 1].norm.isdigit():
        count = int(s.tokens[first - 1].norm)
    else:
        word = s.tokens[first].norm
        keys = set(_first_word_keys(word))
        singular = {"استبيان", "استبيانا", "طلب", "طلبا"}
        if keys & singular:
            count = 1

    joint = any(t.norm in {"مشترك", "مشتركا", "المشترك"} for t in s.tokens)
    mandates: int | None = None
    for i, t in enumerate(s.tokens[:-1]):
        if t.norm.isdigit() and s.tokens[i + 1].norm in _MANDATE_WORDS and i != first - 1:
            mandates = int(t.norm)
            break

    mechanisms = [m.key for m in s.mentions if m.entity_type == "mechanism"]
    sources = _unique(mechanisms)
    if "special_procedures" in sources and HRC_KEY in sources:
        sources = tuple(k for k in sources if k != HRC_KEY)

    raw = s.raw
    subject: str | None = None
    quoted = _quoted(raw)
    if quoted:
        subject = quoted.group("q").strip()
    else:
        m = re.search(rf"{_alts('حول', 'بشأن', 'بخصوص')}\s+(?P<subj>[^،,؛;.]+)", raw)
        if m:
            subject = m.group("subj").strip()
    return InformationRequest(sources, request_kind, count, joint, mandates, subject, raw)


# --------------------------------------------------------------------------
# Events

_SIDE_HEADS = {"نشاط", "لقاء", "حدث", "فعاليه"}
_EVENT_WORDS = {"ندوه": "seminar", "ندوات": "seminar", "ورشه": "workshop",
                "ورشات": "workshop", "مؤتمر": "conference", "موتمر": "conference"}
_SCOPES = {"دوليه": "international", "دولي": "international", "وطنيه": "national",
           "وطني": "national", "جهويه": "regional", "جهوي": "regional",
           "اقليميه": "regional", "اقليمي": "regional"}
_NOT_PARTNERS = {"ministry", "human_rights_council", "treaty_body", "special_procedure", "upr",
                 "parliament_chamber", "parliament_committee"}
_TITLE_AFTER_RE = re.compile(
    rf"{_alts('حول موضوع', 'حول', 'بشأن', 'في موضوع', 'تحت عنوان', 'بعنوان')}\s+"
    rf"(?P<t>.+?)\s*(?=\s{_alts('بشراكة', 'بتنسيق', 'بتعاون', 'بمشاركة', 'لفائدة', 'يوم', 'بتاريخ')}|[،,؛;.]|$)"
)


def _event_at(s: _Sentence) -> tuple[int, str] | None:
    for i, t in enumerate(s.tokens):
        keys = s.keys(i)
        if keys & _SIDE_HEADS and i + 1 < len(s.tokens):
            nxt = s.tokens[i + 1].norm
            if nxt.startswith(("مواز", "الموازي", "الموازيه")):
                return i, "side_event"
        for k in keys:
            if k in _EVENT_WORDS:
                return i, _EVENT_WORDS[k]
    return None


def _event(s: _Sentence, item_sessions: Sequence[SessionMention]) -> Event | None:
    found = _event_at(s)
    if found is None:
        return None
    i, event_type = found
    raw = s.raw
    after = s.tokens[i].end - s.start
    title_span: tuple[int, int] | None = None
    quoted = _quoted(raw, after)
    title: str | None = None
    if quoted:
        title = quoted.group("q").strip()
        title_span = (s.start + quoted.start(), s.start + quoted.end())
    else:
        m = _TITLE_AFTER_RE.search(raw, after)
        if m:
            title = m.group("t").strip()
            title_span = (s.start + m.start("t"), s.start + m.end("t"))
    scope = None
    for t in s.tokens[i + 1 : i + 3]:
        scope = _SCOPES.get(t.norm)
        if scope:
            break

    session: tuple[str, int] | None = None
    if s.sessions:
        session = (s.sessions[0].mechanism_key, s.sessions[0].number)
    else:
        distinct = {(x.mechanism_key, x.number) for x in item_sessions}
        if len(distinct) == 1:
            session = next(iter(distinct))

    partners = []
    for m in s.mentions:
        if m.kind in _NOT_PARTNERS:
            continue
        if session is not None and m.key == session[0]:
            continue
        if title_span and title_span[0] <= m.start < title_span[1]:
            continue
        partners.append(m.key)
    return Event(event_type, title, scope, session, _day_date(raw), _unique(partners), raw)


# --------------------------------------------------------------------------
# Documents

_STATUS_VERBS = [
    ({"تقديم"}, "submitted"),
    ({"استكمال", "الانتهاء", "انتهاء"}, "finalised"),
    ({"اطلاق"}, "launched"),
    ({"اعداد"}, "in_preparation"),
]
_REPORT_QUALIFIERS = {"الوطني", "الدوري", "الاولي", "الجامع"}
_CYCLE_SKIP = {"للجوله", "الجوله", "جوله", "لتقييم", "تقييم", "المرحله", "للمرحله", "مرحله", "من"}


def _doc_status(s: _Sentence) -> str | None:
    best: tuple[int, str] | None = None
    for words, status in _STATUS_VERBS:
        i = s.find_word(words)
        if i is not None and (best is None or i < best[0]):
            best = (i, status)
    return best[1] if best else None


def _cycle_after(s: _Sentence, i: int) -> int | None:
    if s.tokens[i].norm == "الاولي":  # "التقرير الأولي": the initial report
        return 1
    j = i
    steps = 0
    while j < len(s.tokens) and steps < 4:
        norm = s.tokens[j].norm
        if norm in _CYCLE_SKIP or norm in _REPORT_QUALIFIERS and j == i:
            j += 1
            steps += 1
            continue
        r = parse_ordinal_prefix([t.norm for t in s.tokens[j : j + 2]])
        if r is not None and not s.tokens[j].norm.isdigit():
            return r[0]
        return None
    return None


def _mechanism_after(s: _Sentence, token_index: int) -> str | None:
    pos = s.tokens[token_index].start if token_index < len(s.tokens) else s.start
    mechs = [m for m in s.mentions if m.entity_type == "mechanism"]
    after = [m for m in mechs if m.start >= pos]
    chosen = after or mechs
    return chosen[0].key if chosen else None


def _title_from(s: _Sentence, i: int) -> str:
    """The words from token i up to the end of the first mechanism mention
    after it (or to the end of the clause)."""
    start = s.tokens[i].start
    mech_ends = [m.end for m in s.mentions if m.start >= start and m.entity_type == "mechanism"]
    if mech_ends:
        end = mech_ends[0]
    else:
        rest = s.text[start : s.end]
        cut = re.search(r"[،,؛;.]| (?:في|خلال) ", rest)
        end = start + (cut.start() if cut else len(rest))
    return s.text[start:end].strip()


def _document(s: _Sentence) -> Document | None:
    status = _doc_status(s)
    period = _period(s.raw)

    i = s.find_seq([{"وثيقه"}, {"اساس", "اساسيه"}])
    if i is not None:
        return Document("common_core_document", "treaty_bodies", None, period, status,
                        _title_from(s, i), s.raw)
    i = s.find_seq([{"قائمه"}, {"اسئله", "مسائل", "قضايا"}])
    if i is not None:
        return Document("reply_to_list_of_issues", _mechanism_after(s, i), None, period, status,
                        _title_from(s, i), s.raw)
    i = s.find_word({"تعليقات", "ملاحظات"})
    if i is not None and s.find_word({"توصيات"}, i) is not None:
        mech = _mechanism_after(s, i)
        if mech is not None:
            return Document("follow_up_report", mech, None, period, status,
                            _title_from(s, i), s.raw)
    for i, _t in enumerate(s.tokens[:-1]):
        if s.keys(i) & {"تقرير"} and s.tokens[i + 1].norm in _REPORT_QUALIFIERS:
            cycle = _cycle_after(s, i + 1)
            return Document("national_report", _mechanism_after(s, i), cycle, period, status,
                            _title_from(s, i), s.raw)
    return None


# --------------------------------------------------------------------------
# Entry points


def extract_records(
    item_text: str,
    section_title: str | None,
    mentions: Sequence[Mention],
    sessions: Sequence[SessionMention] | None = None,
) -> list[ExtractedRecord]:
    """Records described by one item.

    ``mentions`` are those found in ``item_text`` (offsets into it).
    ``sessions`` defaults to :func:`find_sessions` on the item with the
    section title (HRC sessions only; pass your own to attach sessions of
    other bodies).
    """
    if sessions is None:
        sessions = find_sessions(item_text, section_title)
    records: list[ExtractedRecord] = []
    for s in _sentences(item_text, mentions, sessions):
        pres = _presentation(s)
        if pres is not None:
            records.append(pres)
        records.extend(_ngo_interactions(s))
        req = _information_request(s)
        if req is not None:
            records.append(req)
        ev = _event(s, sessions)
        if ev is not None:
            records.append(ev)
        doc = _document(s)
        if doc is not None:
            records.append(doc)
    return records


@dataclass(frozen=True, slots=True)
class ItemExtraction:
    section_number: int | None
    section_title: str
    item: ParsedItem
    mentions: list[Mention]
    sessions: list[SessionMention]
    records: list[ExtractedRecord]


def extract_from_sheet(sheet: ParsedSheet, index: AliasIndex) -> list[ItemExtraction]:
    """Mentions, sessions and records for every item of the sheet's sections."""
    out: list[ItemExtraction] = []
    for section in sheet.sections:
        for item in section.items:
            mentions = index.find(item.text)
            sessions = find_sessions(item.text, section.title, index)
            records = extract_records(item.text, section.title, mentions, sessions)
            out.append(
                ItemExtraction(section.number, section.title, item, mentions, sessions, records)
            )
    return out
