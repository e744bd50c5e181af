"""The analysis pipeline: text -> tokens -> index terms.

For each token found by ``tokenizer.TOKEN_RE`` in the original text:
1. ``content.textnorm.clean`` (NFKC, marks and invisible characters removed, case folded).  NFKC can
   split a token (the ligature ﷺ is four words), so the cleaned text is tokenized again;
2. by script: Arabic tokens are looked up in the Arabic stop list and stemmed (``arabic_stem.stem``,
   which folds letter variants) whatever the language; numbers are kept as ASCII digits; Latin tokens go
   through ``latin.latin_term`` with the language's Snowball stemmer and stop list; other scripts are
   kept as cleaned.
Stop words produce no term but still take a position, so phrase queries stay exact.  Every token of
one raw word carries the raw word's offsets in the original string.

Results are cached per (raw word, language) with ``functools.lru_cache``, so a repeated word costs one
dictionary look-up.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from content.textnorm import clean

from .arabic_stem import stem as arabic_stem
from .latin import latin_term
from .stopwords import ENGLISH, FRENCH, is_arabic_stopword
from .tokenizer import TOKEN_RE

__all__ = ["LANGUAGES", "Token", "analyze", "analyze_word", "is_stopword", "tokens"]

LANGUAGES = ("ar", "fr", "en")
_STOPWORDS = {"fr": FRENCH, "en": ENGLISH}
_NUMBER_SEPARATORS = str.maketrans({"\u066B": ".", "\u066C": ","})
_LATIN_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz") | frozenset(map(chr, range(0xC0, 0x250))) | frozenset(
    map(chr, range(0x1E00, 0x1F00))
)


class Token(NamedTuple):
    """One analysed token: ``term`` is the index term; ``position`` counts words (stop words included);
    ``start``/``end`` are character offsets of the word in the original text (``text[start:end]``)."""

    term: str
    position: int
    start: int
    end: int


def _language(language: str | None) -> str | None:
    if language is None or language == "":
        return None
    if not isinstance(language, str):
        raise TypeError(f"language must be a str or None, not {type(language).__name__}")
    code = language.strip().lower().replace("_", "-").split("-", 1)[0]
    if code in LANGUAGES:
        return code
    raise ValueError(f"unsupported language {language!r}: expected one of {', '.join(LANGUAGES)} or None")


def _check_text(text: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")


@lru_cache(maxsize=1 << 16)
def _terms(raw: str, language: str | None) -> tuple[str | None, ...]:
    """Terms of one raw token (None for a stop word); usually one, more if NFKC split it."""
    capitals = len(raw) > 1 and raw.isupper()
    out: list[str | None] = []
    for match in TOKEN_RE.finditer(clean(raw)):
        kind, piece = match.lastgroup, match.group()
        if kind == "ar":
            out.append(None if is_arabic_stopword(piece) else arabic_stem(piece))
        elif kind == "num":
            out.append(piece.translate(_NUMBER_SEPARATORS))
        elif piece[0] in _LATIN_FIRST:
            out.append(latin_term(piece, language, _STOPWORDS.get(language), capitals))
        else:
            out.append(piece)
    return tuple(out)


def iter_tokens(text: str, language: str | None) -> Iterator[tuple[str | None, int, int, int, str]]:
    """(term or None for a stop word, position, start, end, raw word) for every token, stop words
    included.  ``language`` must already be checked; used by ``tokens`` and the Whoosh analyzer."""
    position = 0
    for match in TOKEN_RE.finditer(text):
        raw = match.group()
        start, end = match.span()
        for term in _terms(raw, language):
            yield term, position, start, end, raw
            position += 1


def tokens(text: str, language: str | None = None) -> list[Token]:
    """Analyse ``text`` (language "ar", "fr", "en" or None) into index tokens, stop words left out."""
    _check_text(text)
    return [
        Token(term, position, start, end)
        for term, position, start, end, _ in iter_tokens(text, _language(language))
        if term is not None
    ]


def analyze(text: str, language: str | None = None) -> list[str]:
    """The terms of ``tokens(text, language)``, in order."""
    return [token.term for token in tokens(text, language)]


def analyze_word(word: str, language: str | None = None) -> str | None:
    """The index term of one query word, or None if it is a stop word or has no word in it.

    If ``word`` holds several tokens (covid-19, A/HRC/43), this is the term of the first one that is not
    a stop word: use ``tokens``/``analyze`` for text, this for single words (prefix, fuzzy, range)."""
    _check_text(word)
    language = _language(language)
    for match in TOKEN_RE.finditer(word):
        for term in _terms(match.group(), language):
            if term is not None:
                return term
    return None


def is_stopword(word: str, language: str | None = None) -> bool:
    """True when ``word`` has at least one token and all its tokens are stop words.

    Arabic stop words apply in every language; French/English ones with language "fr"/"en" only."""
    _check_text(word)
    language = _language(language)
    terms = [t for match in TOKEN_RE.finditer(word) for t in _terms(match.group(), language)]
    return bool(terms) and all(t is None for t in terms)
