"""Entity linking in sheet text: which mechanisms and institutions it names.

Pure: the aliases come in as :class:`AliasEntry` rows (built from the
reference data by :func:`entries_from_reference`); nothing is read from a
database.

Matching rules (:meth:`AliasIndex.find`):

* Text and aliases are cut into words the same way and each word is
  normalised with :func:`content.textnorm.normalize` (hamza/alef, ى/ي, ة/ه,
  harakat, tatweel, digits, case).  Offsets always refer to the original
  text, and stored text is never changed.
* Words must match whole words, in order.  The *first* word may carry one
  proclitic (و ف ب ل ك وب ول فب فل وك فك ...), and the article alternates:
  text "للجنة" matches "اللجنة" and "لجنة"; "بمجلس النواب" matches "مجلس
  النواب"; "واللجنة المعنية ..." matches "اللجنة المعنية ...".  The *last*
  word may carry the accusative alif ("إجراء خاصا" matches "إجراء خاص").
* Acronym aliases written in capitals ("CAT", "WHO") only match the same
  capitals in the text, so English words ("who", "cat") are not mentions.
* Leftmost-longest: at a position the alias with the most words wins, and
  the words it covers are not searched again, so "اللجنة الفرعية لمنع
  التعذيب" is SPT and not CAT through a shorter alias.  If several
  entities share that longest alias, each gets a mention.
* The index is a dict keyed by the first word (article removed), so a
  lookup costs a few dict probes per word, not a scan of all aliases.

Sessions (:func:`find_sessions`): "الدورة 43", "الدورتين 44 و45", "الدورات
44 و45 و46", "الدورة الثالثة والأربعين", "الدورة العادية 46".  A session
number is attached to a mechanism by this rule, first that applies:

1. the mechanism named right after the phrase ("الدورة 43 لمجلس حقوق
   الإنسان" → hrc; "الدورة 82 للجنة حقوق الطفل" → crc when an index is
   given);
2. the Human Rights Council, when the same sentence names it;
3. the Human Rights Council, when the enclosing section title names it
   (the sample's "المشاركة في دورات مجلس حقوق الإنسان");
4. otherwise the number is not reported: a session of an unknown body.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from content.textnorm import normalize

from .numbers import parse_ordinal_prefix

__all__ = [
    "AliasEntry",
    "AliasIndex",
    "Mention",
    "SessionMention",
    "Token",
    "entries_from_reference",
    "find_sessions",
    "load_reference_entries",
    "sentence_at",
    "split_sentences",
    "tokenize",
]

HRC_KEY = "hrc"

# --------------------------------------------------------------------------
# Words and sentences

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
# Invisible joiners/soft hyphens inside a word keep it one word (normalize drops them).
_TOKEN_RE = re.compile(rf"[\w{_MARKS}\u200b-\u200d\u00ad]+")
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True, slots=True)
class Token:
    norm: str  # normalised word
    start: int  # span of the original word
    end: int
    raw: str  # original word


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with their normalised form and original span.

    A word whose normalised form splits (a ligature expanding to several
    words) gives several tokens sharing the same span.
    """
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        for piece in _word_pieces(word):
            out.append(Token(piece, m.start(), m.end(), word))
    return out


@lru_cache(maxsize=65_536)  # sheets repeat their vocabulary: normalise each word once
def _word_pieces(word: str) -> tuple[str, ...]:
    return tuple(_TOKEN_RE.findall(normalize(word)))


_SENT_SEPS = ".؛;!؟?\n\r"
_LINE_MARKER_RE = re.compile(r"[ \t]*[\(]?[0-9\u0660-\u0669\u06f0-\u06f9]{1,3}[.)\-]?$")
_LEADING_JUNK = " \t\r\n-–—•●▪*"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``, stripped, in order.

    Boundaries: ``. ؛ ; ! ؟ ?`` and line breaks.  A full stop between digits
    ("1.5", "5.654") or ending a list number at the start of a line ("1.")
    is not a boundary; runs of separators ("...", "؟!") end one sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in _SENT_SEPS:
            if ch == "." and 0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                i += 1
                continue
            if ch in ".)-":
                line_start = max(text.rfind("\n", 0, i), text.rfind("\r", 0, i)) + 1
                if _LINE_MARKER_RE.fullmatch(text[line_start : i + 1]):
                    i += 1
                    continue
            j = i + 1
            while j < n and text[j] in _SENT_SEPS:
                j += 1
            end = i if ch in "\n\r" else j
            _push(text, start, end, spans)
            start = j
            i = j
            continue
        i += 1
    _push(text, start, n, spans)
    return spans


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start] in _LEADING_JUNK:
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(c.isalnum() for c in text[start:end]):
        spans.append((start, end))


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` (as written) that contains ``offset``."""
    return _Sentences(text).at(offset)


class _Sentences:
    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = split_sentences(text)
        self.starts = [s for s, _ in self.spans]

    def index(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)

    def span(self, offset: int) -> tuple[int, int]:
        if not self.spans:
            return 0, len(self.text)
        return self.spans[self.index(offset)]

    def at(self, offset: int) -> str:
        s, e = self.span(offset)
        return self.text[s:e]


# --------------------------------------------------------------------------
# Clitics and the article

_CLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")


def _is_arabic(word: str) -> bool:
    return bool(word) and bool(_ARABIC_RE.match(word[0]))


def _strip_article(word: str) -> str:
    if word.startswith("ال") and len(word) > 3:
        return word[2:]
    return word


@lru_cache(maxsize=65_536)  # called for every word of every sheet; callers only read the dict
def _first_word_keys(word: str) -> dict[str, int]:
    """Lookup keys for a (normalised) text word in first-word position.

    Maps each key (article removed) to the number of proclitic letters
    before it: "بالمجلس" → {"بالمجلس": 0, "مجلس": 1}; "للمجلس" (ل + المجلس,
    alef elided) → {..., "مجلس": 1}; "وللجنه" → {..., "لجنه": 2} (with a
    noun that starts with ل the elided article leaves ل + لجنه).
    """
    if not _is_arabic(word):
        return {word: 0}
    forms: dict[str, int] = {word: 0}
    for c in _CLITICS:
        if word.startswith(c) and len(word) - len(c) >= 2:
            forms.setdefault(word[len(c):], len(c))
    for pre in ("", "و", "ف"):
        lead = pre + "لل"
        if word.startswith(lead) and len(word) - len(lead) >= 2:
            # ل + ال → لل: "للجنة" is "ل" + "اللجنة"
            forms.setdefault("ال" + word[len(lead):], len(pre) + 1)
    keys: dict[str, int] = {}
    for form, clitic in forms.items():
        keys.setdefault(_strip_article(form), clitic)
    return keys


def _alias_key(word: str) -> str:
    return _strip_article(word) if _is_arabic(word) else word


def _offset_after_letters(raw: str, letters: int) -> int:
    """Index in ``raw`` after ``letters`` base letters (skipping harakat)."""
    if letters <= 0:
        return 0
    seen = 0
    for i, ch in enumerate(raw):
        if re.match(f"[{_MARKS}\u0640]", ch):
            continue
        seen += 1
        if seen == letters:
            j = i + 1
            while j < len(raw) and re.match(f"[{_MARKS}\u0640]", raw[j]):
                j += 1
            return j
    return 0


# --------------------------------------------------------------------------
# The index


@dataclass(frozen=True, slots=True)
class AliasEntry:
    entity_type: str  # "mechanism" | "institution" | ... (reference-data file)
    key: str  # reference-data key, e.g. "cat", "spt", "house_of_representatives"
    alias: str  # a name or alias as written in the reference data
    kind: str | None = None  # reference "kind": "parliament_committee", "ngo", "treaty_body"...
    parent: str | None = None  # reference "parent" key, e.g. the committee's chamber


@dataclass(frozen=True, slots=True)
class Mention:
    entity_type: str
    key: str
    alias: str  # the alias (as in the reference data) that matched
    start: int  # span in the original text (after a proclitic, if any)
    end: int
    sentence: str  # the sentence of the original text containing the mention
    kind: str | None = None  # from the AliasEntry
    parent: str | None = None  # from the AliasEntry
    inside: str | None = None  # key of the mention whose alias contains this one


@dataclass(slots=True)
class _Alias:
    words: tuple[str, ...]
    entries: list[AliasEntry] = field(default_factory=list)
    exact_case: str | None = None  # original spelling for capital acronyms


_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]{1,7}")


class AliasIndex:
    """Aliases keyed by their first normalised word (article removed)."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[_Alias]] = {}
        self._count = 0

    @classmethod
    def build(cls, entries: Iterable[AliasEntry]) -> AliasIndex:
        index = cls()
        seen: dict[tuple[tuple[str, ...], str | None], _Alias] = {}
        for entry in entries:
            alias_text = entry.alias.strip()
            if not alias_text:
                continue
            words = tuple(t.norm for t in tokenize(alias_text))
            if not words:
                continue
            exact = alias_text if _ACRONYM_RE.fullmatch(alias_text) else None
            k = (words, exact)
            a = seen.get(k)
            if a is None:
                a = seen[k] = _Alias(words, [], exact)
                index._by_first.setdefault(_alias_key(words[0]), []).append(a)
            if all((e.entity_type, e.key) != (entry.entity_type, entry.key) for e in a.entries):
                a.entries.append(entry)
                index._count += 1
        return index

    def __len__(self) -> int:
        return self._count

    def _match_at(
        self, tokens: list[Token], i: int, stop: int | None = None,
        only: frozenset[str] | None = None,
    ) -> tuple[int, int, list[_Alias]] | None:
        """(words matched, proclitic letters, aliases) for the longest match at i.

        ``stop`` bounds the tokens a match may use; ``only`` keeps aliases of
        those entity keys.
        """
        stop = len(tokens) if stop is None else stop
        best_len = 0
        best_clitic = 0
        best: list[_Alias] = []
        tok = tokens[i]
        for key, clitic in _first_word_keys(tok.norm).items():
            for alias in self._by_first.get(key, ()):
                n = len(alias.words)
                if n < best_len or i + n > stop:
                    continue
                if only is not None and not any(e.key in only for e in alias.entries):
                    continue
                if alias.exact_case is not None and tok.raw != alias.exact_case:
                    continue
                ok = True
                for k in range(1, n):
                    word = tokens[i + k].norm
                    want = alias.words[k]
                    if word != want and not (k == n - 1 and word == want + "ا"):
                        ok = False
                        break
                if not ok:
                    continue
                if n > best_len:
                    best_len, best_clitic, best = n, clitic, [alias]
                elif n == best_len:
                    best.append(alias)
                    best_clitic = min(best_clitic, clitic)
        if not best:
            return None
        return best_len, best_clitic, best

    def find(self, text: str) -> list[Mention]:
        """Mentions in ``text``, in order (leftmost-longest, non-overlapping).

        One exception to non-overlap: when the alias that matched contains a
        name of the entity's *parent* (a committee's alias "... بمجلس
        النواب"), the parent is reported too, with its own span and
        ``inside`` set to the enclosing key.
        """
        tokens = tokenize(text)
        sentences = _Sentences(text)
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            match = self._match_at(tokens, i)
            if match is None:
                i += 1
                continue
            n, clitic, aliases = match
            emitted = self._emit(text, tokens, i, n, clitic, aliases, sentences, out, None)
            parents = frozenset(
                e.parent for a in aliases for e in a.entries
                if e.parent and (e.entity_type, e.key) in emitted
            )
            if parents:
                for k in range(i + 1, i + n):
                    sub = self._match_at(tokens, k, stop=i + n, only=parents)
                    if sub is not None:
                        enclosing = next(iter(sorted(key for _, key in emitted)))
                        kept = [
                            _Alias(a.words, [e for e in a.entries if e.key in parents], a.exact_case)
                            for a in sub[2]
                        ]
                        self._emit(text, tokens, k, sub[0], sub[1], kept, sentences, out, enclosing)
                        break
            i += n
        return out

    @staticmethod
    def _emit(
        text: str, tokens: list[Token], i: int, n: int, clitic: int, aliases: list[_Alias],
        sentences: _Sentences, out: list[Mention], inside: str | None,
    ) -> set[tuple[str, str]]:
        first = tokens[i]
        start = first.start + _offset_after_letters(first.raw, clitic)
        end = tokens[i + n - 1].end
        sentence = sentences.at(start)
        emitted: set[tuple[str, str]] = set()
        for alias in aliases:
            for e in alias.entries:
                if (e.entity_type, e.key) in emitted:
                    continue
                emitted.add((e.entity_type, e.key))
                out.append(
                    Mention(e.entity_type, e.key, e.alias, start, end, sentence,
                            e.kind, e.parent, inside)
                )
        return emitted

    def keys_in(self, text: str) -> set[str]:
        return {m.key for m in self.find(text)}


# --------------------------------------------------------------------------
# Reference data → entries


def _names_of(record: Mapping[str, Any]) -> Iterable[str]:
    for value in (record.get("names") or {}).values():
        if isinstance(value, str):
            yield value
    for values in (record.get("aliases") or {}).values():
        if isinstance(values, str):
            yield values
        else:
            yield from (v for v in values or () if isinstance(v, str))
    acronym = record.get("acronym")
    if isinstance(acronym, str):
        yield acronym


def entries_from_reference(
    mechanisms: Mapping[str, Any] | Iterable[Mapping[str, Any]] | None = None,
    institutions: Mapping[str, Any] | Iterable[Mapping[str, Any]] | None = None,
) -> list[AliasEntry]:
    """AliasEntry rows from the reference JSON (already loaded).

    Accepts the files' top-level objects (``{"mechanisms": [...]}``,
    ``{"institutions": [...]}``) or the lists themselves.  Every name and
    alias in every language, and the acronym, becomes an alias; entity
    types are ``"mechanism"`` and ``"institution"``, and each entry keeps
    the record's ``kind`` and ``parent``.
    """
    out: list[AliasEntry] = []
    for entity_type, data in (("mechanism", mechanisms), ("institution", institutions)):
        if data is None:
            continue
        if isinstance(data, Mapping):
            records = data.get(entity_type + "s") or data.get("items") or []
        else:
            records = data
        for rec in records:
            key = rec.get("key")
            if not isinstance(key, str):
                continue
            kind = rec.get("kind") if isinstance(rec.get("kind"), str) else None
            parent = rec.get("parent") if isinstance(rec.get("parent"), str) else None
            for alias in _names_of(rec):
                out.append(AliasEntry(entity_type, key, alias, kind, parent))
    return out


def load_reference_entries(data_dir: str | Path) -> list[AliasEntry]:
    """Read ``mechanisms.json`` and ``institutions.json`` from ``data_dir``
    (either may be absent) and return their alias entries."""
    data_dir = Path(data_dir)
    loaded: dict[str, Any] = {}
    for name in ("mechanisms", "institutions"):
        p = data_dir / f"{name}.json"
        if p.is_file():
            loaded[name] = json.loads(p.read_text(encoding="utf-8"))
    return entries_from_reference(loaded.get("mechanisms"), loaded.get("institutions"))


# --------------------------------------------------------------------------
# Sessions


@dataclass(frozen=True, slots=True)
class SessionMention:
    mechanism_key: str
    number: int
    start: int  # span of the whole phrase ("الدورتين 44 و45")
    end: int
    sentence: str


_SESSION_WORDS = {"دوره", "دورتين", "دورتي", "دورات"}
_SESSION_ADJ = frozenset({"عاديه", "استثنائيه", "رقم"} | {"ال" + w for w in ("عاديه", "استثنائيه")})
_HRC_WORDS = [("مجلس", "حقوق", "الانسان"), ("human", "rights", "council"),
              ("conseil", "des", "droits", "de", "l", "homme")]


def _session_word(word: str) -> bool:
    return any(k in _SESSION_WORDS for k in _first_word_keys(word))


def _hrc_at(tokens: list[Token], i: int) -> int:
    """Words of an HRC name starting at token i (proclitic allowed), else 0."""
    for words in _HRC_WORDS:
        n = len(words)
        if i + n > len(tokens):
            continue
        if words[0] not in _first_word_keys(tokens[i].norm) and tokens[i].norm != words[0]:
            continue
        if all(tokens[i + k].norm == words[k] for k in range(1, n)):
            return n
    # "المجلس الأممي لحقوق الإنسان"
    if (
        i + 3 <= len(tokens)
        and "مجلس" in _first_word_keys(tokens[i].norm)
        and tokens[i + 1].norm == "الاممي"
        and "حقوق" in _first_word_keys(tokens[i + 2].norm)
    ):
        return 3
    return 0


def _mentions_hrc(text: str) -> bool:
    tokens = tokenize(text)
    return any(_hrc_at(tokens, i) for i in range(len(tokens)))


def _number_at(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(value, tokens used) for a session number at i: "43", "و45", ordinals."""
    if i >= len(tokens):
        return None
    word = tokens[i].norm
    if word.startswith("و") and word[1:].isdigit():
        word = word[1:]
    if word.isascii() and word.isdigit():
        value = int(word) if len(word) <= 3 else 0
        return (value, 1) if 0 < value < 1000 else None
    words = [t.norm for t in tokens[i : i + 2]]
    if words and words[0].startswith("و") and len(words[0]) > 3:
        words[0] = words[0][1:]
    r = parse_ordinal_prefix(words)
    if r is None:
        return None
    return r


def find_sessions(
    text: str,
    section_title: str | None = None,
    index: AliasIndex | None = None,
) -> list[SessionMention]:
    """Numbered sessions in ``text`` attached to a mechanism (see module doc)."""
    tokens = tokenize(text)
    sentences = _Sentences(text)
    title_hrc = bool(section_title) and _mentions_hrc(section_title or "")
    mentions = index.find(text) if index is not None else []
    out: list[SessionMention] = []
    i = 0
    while i < len(tokens):
        if not _session_word(tokens[i].norm):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].norm in _SESSION_ADJ:
            j += 1
        numbers: list[int] = []
        while True:
            got = _number_at(tokens, j)
            if got is None:
                if numbers and j < len(tokens) and tokens[j].norm == "و":
                    got = _number_at(tokens, j + 1)
                    if got is not None:
                        j += 1
                if got is None:
                    break
            numbers.append(got[0])
            j += got[1]
        if not numbers:
            i += 1
            continue
        start, end = tokens[i].start, tokens[j - 1].end
        key = _attach(tokens, j, end, mentions, sentences, title_hrc)
        if key is not None:
            sentence = sentences.at(start)
            out.extend(SessionMention(key, n, start, end, sentence) for n in numbers)
        i = j
    return out


def _attach(
    tokens: list[Token],
    j: int,
    end: int,
    mentions: list[Mention],
    sentences: _Sentences,
    title_hrc: bool,
) -> str | None:
    # 1. the body named right after the phrase
    if j < len(tokens):
        if _hrc_at(tokens, j):
            return HRC_KEY
        nxt = tokens[j]
        for m in mentions:
            if m.entity_type == "mechanism" and nxt.start <= m.start < nxt.end:
                return m.key
    # 2. the HRC in the same sentence
    s, e = sentences.span(max(end - 1, 0))
    if _mentions_hrc(sentences.text[s:e]):
        return HRC_KEY
    if any(m.key == HRC_KEY and s <= m.start < e for m in mentions):
        return HRC_KEY
    # 3. the section title
    if title_hrc:
        return HRC_KEY
    return None
