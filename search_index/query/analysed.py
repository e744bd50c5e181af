"""Query-side analysis: turn query words into the terms the index holds.

Documents are analysed with their own language (``doc.language``); a query
has no language, so each query word is analysed for every language it could
be written in (by script: Arabic script -> ``ar``; Latin script -> ``fr``
and ``en``; anything else -> language-neutral) and the distinct results
become alternatives.  A word that is a stop word in any of its candidate
languages is dropped (documents in that language dropped it too), keeping
its position so phrases still require the same distance.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from search_index.query import ast

__all__ = ["analyse_text", "analyse_prefix", "candidate_languages", "MIN_PREFIX_CHARS"]

#: ``x*`` with fewer characters than this is searched as the word itself.
MIN_PREFIX_CHARS = 2


def _analysis():
    from search_index import analysis

    return analysis


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff" \
            or "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff":
        return "arabic"
    if ch.isalpha():
        try:
            name = unicodedata.name(ch)
        except ValueError:
            return "other"
        if name.startswith("LATIN"):
            return "latin"
        return "other"
    return ""


def candidate_languages(text: str) -> tuple[str | None, ...]:
    scripts = {_script(ch) for ch in text}
    langs: list[str | None] = []
    if "arabic" in scripts:
        langs.append("ar")
    if "latin" in scripts:
        langs.extend(["fr", "en"])
    if not langs:
        langs.append(None)
    return tuple(langs)


@lru_cache(maxsize=8192)
def analyse_text(text: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Analyse a word or a phrase into ``((position, alternatives), …)``.

    Positions are those of :func:`search_index.analysis.tokens` (they count
    removed stop words).  Tokens are aligned across the candidate languages
    by their character offsets.
    """
    analysis = _analysis()
    langs = candidate_languages(text)
    spans: dict[tuple[int, int], tuple[int, list[str]]] = {}
    present: list[set[tuple[int, int]]] = []
    for lang in langs:
        seen = set()
        for tok in analysis.tokens(text, lang):
            key = (tok.start, tok.end)
            seen.add(key)
            pos, alts = spans.setdefault(key, (tok.position, []))
            if tok.term and tok.term not in alts:
                alts.append(tok.term)
        present.append(seen)
    keep = set.intersection(*present) if present else set()
    out = []
    for key in sorted(keep):
        pos, alts = spans[key]
        if alts:
            out.append((pos, tuple(alts)))
    out.sort()
    # two tokens at the same position (should not happen): keep the first
    dedup: list[tuple[int, tuple[str, ...]]] = []
    for pos, alts in out:
        if dedup and dedup[-1][0] == pos:
            continue
        dedup.append((pos, alts))
    return tuple(dedup)


def analyse_prefix(text: str, dropped: list[str]):
    """``text*`` -> a :class:`~ast.Prefix` node (or a Term / And when the
    prefix is too short or holds several words)."""
    analysis = _analysis()
    slots = analyse_text(text)
    if not slots:
        # the prefix itself is a stop word ("ال*", "de*"): search its
        # normalised form as a prefix
        norm = analysis.normalize(text).strip()
        if len(norm) >= MIN_PREFIX_CHARS and norm.isalnum():
            return ast.Prefix(text + "*", (norm,))
        dropped.append(text + "*")
        return None
    # several words: the last one is the prefix, the others plain words
    toks = []
    for lang in candidate_languages(text):
        toks = analysis.tokens(text, lang)
        if toks:
            break
    last = toks[-1] if toks else None
    surface = text[last.start : last.end] if last is not None else text
    forms: list[str] = []
    for alt in slots[-1][1]:
        if len(alt) >= MIN_PREFIX_CHARS and alt not in forms:
            forms.append(alt)
    norm = analysis.normalize(surface).strip()
    if len(norm) >= MIN_PREFIX_CHARS and norm not in forms and " " not in norm:
        forms.append(norm)
    leaf: ast.Node
    if forms:
        leaf = ast.Prefix(surface + "*", tuple(forms))
    else:
        leaf = ast.Term(surface, slots[-1][1])
    if len(slots) == 1:
        return leaf
    others = [ast.Term(text, alts) for _, alts in slots[:-1]]
    return ast.And(tuple(others) + (leaf,))
