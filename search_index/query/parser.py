"""The Marsad query language.

Syntax (case matters only for the operator words)::

    word word          both words (AND is the default)
    a OR b, a أو b     either (``|`` works too)
    NOT a, -a          exclude
    "a phrase"         also «…» and “…”
    prefix*            any word starting with the prefix
    ( … )              grouping
    type:Document  mechanism:cat  lang:ar  institution:…  year:2020  year:2018..2020

Parsing happens in two passes: a forgiving syntax pass (unbalanced quotes
and parentheses are closed at the end, stray ``)`` and dangling operators are
ignored, control characters and bidi marks are removed) produces a tree of
raw leaves, then the analysis pass runs every word and phrase through
:mod:`search_index.analysis` (the same analyser the documents go through), so
the resulting :class:`~search_index.query.ast.Query` carries index terms.
Stop words disappear; a query made only of stop words is an empty query.

Whatever the input, :func:`parse_query` returns a :class:`Query` or raises
:class:`~search_index.query.errors.QueryError` with a human message.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from search_index.query import ast
from search_index.query.analysed import analyse_prefix, analyse_text
from search_index.query.errors import QueryError

if TYPE_CHECKING:  # pragma: no cover
    from search_index.query.aliases import AliasExpander

__all__ = ["parse_query", "MAX_QUERY_CHARS", "MAX_QUERY_WORDS", "MAX_DEPTH"]

log = logging.getLogger(__name__)

#: Longer input is refused (QueryError) rather than silently cut.
MAX_QUERY_CHARS = 1000
#: At most this many words (outside and inside phrases) in one query.
MAX_QUERY_WORDS = 64
#: At most this many nested parentheses.
MAX_DEPTH = 16

OR_WORDS = frozenset({"OR", "|", "||", "أو", "او"})
AND_WORDS = frozenset({"AND", "&", "&&", "+"})
NOT_WORDS = frozenset({"NOT"})

FIELD_NAMES = {
    "type": "type",
    "نوع": "type",
    "mechanism": "mechanism",
    "mech": "mechanism",
    "آلية": "mechanism",
    "الآلية": "mechanism",
    "lang": "language",
    "language": "language",
    "لغة": "language",
    "اللغة": "language",
    "year": "year",
    "سنة": "year",
    "السنة": "year",
    "عام": "year",
    "institution": "institution",
    "inst": "institution",
    "مؤسسة": "institution",
    "المؤسسة": "institution",
}

LANGUAGE_NAMES = {
    "ar": "ar",
    "ara": "ar",
    "arabic": "ar",
    "arabe": "ar",
    "عربي": "ar",
    "عربية": "ar",
    "العربية": "ar",
    "fr": "fr",
    "fra": "fr",
    "fre": "fr",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "فرنسي": "fr",
    "فرنسية": "fr",
    "الفرنسية": "fr",
    "en": "en",
    "eng": "en",
    "english": "en",
    "anglais": "en",
    "انجليزي": "en",
    "إنجليزي": "en",
    "انجليزية": "en",
    "إنجليزية": "en",
    "الانجليزية": "en",
    "الإنجليزية": "en",
}

OPEN_QUOTES = frozenset('"«“„”')
CLOSE_QUOTES = frozenset('"»”“')
QUOTES = OPEN_QUOTES | CLOSE_QUOTES


# --------------------------------------------------------------------------
# Cleaning
# --------------------------------------------------------------------------


def clean_query_text(text: str) -> str:
    """Remove what can never be searched: control characters become spaces,
    format characters (bidi marks, zero-width joiners, BOM), lone surrogates
    and private-use characters are dropped."""
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cc":
            out.append(" ")
        elif cat in ("Cf", "Cs", "Co", "Cn"):
            continue
        elif cat == "Zs" or cat == "Zl" or cat == "Zp":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _ascii_digits(value: str) -> str:
    """'٢٠٢٠' or '۲۰۲۰' -> '2020'; other characters are kept."""
    out = []
    for ch in value:
        if ch.isdigit():
            try:
                out.append(str(unicodedata.decimal(ch)))
                continue
            except ValueError:
                pass
        out.append(ch)
    return "".join(out)


# --------------------------------------------------------------------------
# Syntax pass
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # LP RP OR AND NOT WORD PHRASE FIELD
    value: str = ""
    field: str = ""


@dataclass(frozen=True, slots=True)
class RawWord:
    text: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class RawPhrase:
    text: str


@dataclass(frozen=True, slots=True)
class RawField:
    field: str
    value: str


def _lex(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "(":
            toks.append(_Tok("LP"))
            i += 1
            continue
        if ch == ")":
            toks.append(_Tok("RP"))
            i += 1
            continue
        if ch in OPEN_QUOTES:
            j = i + 1
            while j < n and text[j] not in CLOSE_QUOTES:
                j += 1
            toks.append(_Tok("PHRASE", text[i + 1 : j]))
            i = j + 1  # past the closing quote (or the end)
            continue
        if ch in CLOSE_QUOTES:  # a stray closing quote
            i += 1
            continue
        if ch == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] != "-":
            toks.append(_Tok("NOT"))
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in "()" and text[j] not in QUOTES:
            j += 1
        word = text[i:j]
        i = j
        if word in OR_WORDS:
            toks.append(_Tok("OR"))
            continue
        if word in AND_WORDS:
            toks.append(_Tok("AND"))
            continue
        if word in NOT_WORDS:
            toks.append(_Tok("NOT"))
            continue
        if word.startswith("+") and len(word) > 1:
            word = word.lstrip("+")
        if ":" in word:
            name, _, value = word.partition(":")
            fname = FIELD_NAMES.get(name.casefold())
            if fname is not None:
                if not value and i < n and text[i] in OPEN_QUOTES:
                    j = i + 1
                    while j < n and text[j] not in CLOSE_QUOTES:
                        j += 1
                    value = text[i + 1 : j]
                    i = j + 1
                value = value.strip()
                if value:
                    toks.append(_Tok("FIELD", value, fname))
                continue
        toks.append(_Tok("WORD", word))
    return toks


class _SyntaxParser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.i = 0

    def peek(self) -> str:
        return self.toks[self.i].kind if self.i < len(self.toks) else "EOF"

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self):
        parts = []
        while self.peek() != "EOF":
            node = self.parse_or(0)
            if node is not None:
                parts.append(node)
            if self.peek() in ("RP", "OR"):  # stray ')' or dangling OR at top level
                self.take()
        return _and(parts)

    def parse_or(self, depth: int):
        branches = [self.parse_and(depth)]
        while self.peek() == "OR":
            self.take()
            branches.append(self.parse_and(depth))
        branches = [b for b in branches if b is not None]
        if not branches:
            return None
        if len(branches) == 1:
            return branches[0]
        return ast.Or(tuple(branches))

    def parse_and(self, depth: int):
        items = []
        while self.peek() not in ("EOF", "OR", "RP"):
            if self.peek() == "AND":
                self.take()
                continue
            node = self.parse_unary(depth)
            if node is not None:
                items.append(node)
        return _and(items)

    def parse_unary(self, depth: int):
        negations = 0
        while self.peek() == "NOT":
            self.take()
            negations += 1
        if self.peek() in ("EOF", "OR", "RP", "AND"):
            return None  # dangling NOT
        node = self.parse_primary(depth)
        if node is None:
            return None
        return ast.Not(node) if negations % 2 else node

    def parse_primary(self, depth: int):
        tok = self.take()
        if tok.kind == "LP":
            if depth + 1 > MAX_DEPTH:
                raise QueryError(
                    f"The query nests parentheses too deeply (at most {MAX_DEPTH} levels).",
                    code="too_deep",
                )
            node = self.parse_or(depth + 1)
            if self.peek() == "RP":
                self.take()
            return node
        if tok.kind == "PHRASE":
            return RawPhrase(tok.value)
        if tok.kind == "FIELD":
            return RawField(tok.field, tok.value)
        if tok.kind == "WORD":
            word = tok.value
            if word.endswith("*") and word.rstrip("*"):
                return RawWord(word.rstrip("*"), prefix=True)
            word = word.strip("*")
            return RawWord(word) if word else None
        return None  # pragma: no cover - unreachable


def _and(items):
    items = [x for x in items if x is not None]
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return ast.And(tuple(items))


def _count_words(toks: list[_Tok]) -> int:
    count = 0
    for tok in toks:
        if tok.kind == "WORD":
            count += 1
        elif tok.kind == "PHRASE":
            count += len(tok.value.split())
    return count


# --------------------------------------------------------------------------
# Analysis pass
# --------------------------------------------------------------------------


def _field_node(field: str, value: str):
    if field == "year":
        return _year_node(value)
    if field == "language":
        code = LANGUAGE_NAMES.get(value.casefold())
        if code is None:
            raise QueryError(
                f"Unknown language “{value}”: use lang:ar, lang:fr or lang:en.",
                code="bad_field",
            )
        return ast.Field("language", code)
    return ast.Field(field, value.casefold())


def _year_node(value: str):
    raw = _ascii_digits(value).strip()
    for sep in ("..", "–", "—", "-", ":"):
        if sep in raw:
            lo, _, hi = raw.partition(sep)
            break
    else:
        lo = hi = raw
    try:
        start = int(lo) if lo.strip() else None
        end = int(hi) if hi.strip() else None
    except ValueError:
        raise QueryError(
            f"“year:{value}” is not a year: write e.g. year:2020 or year:2018..2020.",
            code="bad_field",
        ) from None
    for y in (start, end):
        if y is not None and not (0 <= y <= 9999):
            raise QueryError(f"“year:{value}” is not a year.", code="bad_field")
    if start is None and end is None:
        raise QueryError(f"“year:{value}” is not a year.", code="bad_field")
    if start is not None and end is not None and start > end:
        start, end = end, start
    return ast.YearRange(start, end)


def _text_node(raw: str, slots):
    """Build a Term (one word) or Phrase (several) from analysed slots."""
    if not slots:
        return None
    if len(slots) == 1:
        return ast.Term(raw, slots[0][1])
    base = slots[0][0]
    return ast.Phrase(
        raw,
        tuple(alts for _, alts in slots),
        tuple(pos - base for pos, _ in slots),
    )


def _analyse(node, dropped: list[str]):
    if node is None:
        return None
    if isinstance(node, RawWord):
        if node.prefix:
            return analyse_prefix(node.text, dropped)
        result = _text_node(node.text, analyse_text(node.text))
        if result is None:
            dropped.append(node.text)
        return result
    if isinstance(node, RawPhrase):
        result = _text_node(node.text.strip(), analyse_text(node.text))
        if result is None and node.text.strip():
            dropped.append(node.text.strip())
        return result
    if isinstance(node, RawField):
        return _field_node(node.field, node.value)
    if isinstance(node, ast.Not):
        child = _analyse(node.child, dropped)
        return None if child is None else ast.Not(child)
    if isinstance(node, (ast.And, ast.Or)):
        children = [_analyse(c, dropped) for c in node.children]
        children = [c for c in children if c is not None]
        if not children:
            return None
        if len(children) == 1:
            return children[0]
        return type(node)(tuple(children))
    raise TypeError(node)  # pragma: no cover


# --------------------------------------------------------------------------
# Simplification
# --------------------------------------------------------------------------


def simplify(node):
    """Normalise a tree so backends can rely on a few invariants.

    * nested AND/OR are flattened, duplicate children removed, single-child
      AND/OR replaced by the child, double negation cancelled;
    * a :class:`~ast.Not` only ever appears as a child of an :class:`~ast.And`
      that also has a positive child (``MatchAll`` is added when the
      conjunction is purely negative, e.g. ``-word``);
    * ``MatchAll`` only survives where it is needed.
    """
    node = _simplify(node)
    if isinstance(node, ast.Not):
        node = ast.And((ast.MatchAll(), node))
    return node


def _simplify(node):
    if node is None:
        return None
    if isinstance(node, ast.Not):
        child = _simplify(node.child)
        if child is None:
            return None
        if isinstance(child, ast.Not):
            return child.child
        if isinstance(child, ast.MatchAll):
            return None  # NOT everything: nothing left to search for
        return ast.Not(child)
    if not isinstance(node, (ast.And, ast.Or)):
        return node
    kind = type(node)
    flat = []
    for child in node.children:
        child = _simplify(child)
        if child is None:
            continue
        if isinstance(child, kind):
            flat.extend(child.children)
        else:
            flat.append(child)
    seen, unique = set(), []
    for child in flat:
        key = ast.to_string(child)
        if key not in seen:
            seen.add(key)
            unique.append(child)
    if kind is ast.And:
        positives = [c for c in unique if not isinstance(c, (ast.Not, ast.MatchAll))]
        negatives = [c for c in unique if isinstance(c, ast.Not)]
        if positives:
            unique = positives + negatives
        else:
            unique = [ast.MatchAll()] + negatives
    else:
        if any(isinstance(c, ast.MatchAll) for c in unique):
            return ast.MatchAll()
        unique = [ast.And((ast.MatchAll(), c)) if isinstance(c, ast.Not) else c for c in unique]
    if not unique:
        return None
    if len(unique) == 1:
        return unique[0]
    return kind(tuple(unique))


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def _parse(text: str, expander: "AliasExpander | None" = None) -> ast.Query:
    if text is None:
        return ast.Query("", None)
    if not isinstance(text, str):
        raise QueryError("The query must be text.", code="not_text")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"The query is too long ({len(text):,} characters); "
            f"the limit is {MAX_QUERY_CHARS:,}. Search for a few distinctive words instead.",
            code="too_long",
        )
    cleaned = clean_query_text(text)
    toks = _lex(cleaned)
    if _count_words(toks) > MAX_QUERY_WORDS:
        raise QueryError(
            f"The query has too many words (the limit is {MAX_QUERY_WORDS}). "
            "Search for a few distinctive words instead.",
            code="too_many_words",
        )
    raw_tree = _SyntaxParser(toks).parse()
    dropped: list[str] = []
    root = _analyse(raw_tree, dropped)
    if expander is not None and root is not None:
        root = expander.expand(root)
    root = simplify(root)
    notices = ()
    if dropped:
        notices = ("ignored: " + ", ".join(dict.fromkeys(dropped)),)
    return ast.Query(text, root, notices)


def parse_query(text: str, expander: "AliasExpander | None" = None) -> ast.Query:
    """Parse ``text`` into an analysed :class:`Query`.

    Never raises anything but :class:`QueryError`.
    """
    try:
        return _parse(text, expander)
    except QueryError:
        raise
    except RecursionError:
        raise QueryError("The query is too complex.", code="too_complex") from None
    except Exception as exc:  # a bug somewhere below: still answer cleanly
        log.exception("query parser failed on %r", text[:200] if isinstance(text, str) else text)
        raise QueryError("The query could not be understood.", code="internal") from exc
