"""Whoosh binding of the Marsad analysis: ``MarsadAnalyzer``.

``MarsadAnalyzer(language)`` yields exactly the terms, positions and character offsets of
``search_index.analysis.tokens(text, language)``.  It honours Whoosh's calling conventions:
``positions``/``chars`` (offsets into the analysed string, shifted by ``start_pos``/``start_char``),
``mode`` ("index" or "query": the same analysis, so query terms meet index terms), ``removestops=False``
(stop words are yielded with ``stopped=True`` and their normalised text, as Whoosh's highlighter wants),
``keeporiginal`` and ``tokenize=False`` (the whole value is one word, as in range queries).

Whoosh pickles the schema into the index, so the class lives at module level and holds only its
language; an index written with it reopens wherever this module is importable.

    from whoosh import fields
    from search_index.analysis.whoosh import MarsadAnalyzer
    schema = fields.Schema(body=fields.TEXT(analyzer=MarsadAnalyzer("ar"), phrase=True, chars=True))
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Analyzer, Token

from content.textnorm import normalize

from .pipeline import _check_text, _language, analyze_word, iter_tokens

__all__ = ["MarsadAnalyzer"]


class MarsadAnalyzer(Analyzer):
    """Whoosh analyzer for Marsad text in ``language`` ("ar", "fr", "en" or None for mixed text)."""

    def __init__(self, language: str | None = None):
        self.language = _language(language)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.language!r})"

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        _check_text(value)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            term = analyze_word(value, self.language)
            if term is None and removestops:
                return
            token.text = term if term is not None else normalize(value)
            token.stopped = term is None
            token.boost = 1.0
            if keeporiginal:
                token.original = value
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for term, position, start, end, raw in iter_tokens(value, self.language):
            if term is None:
                if removestops:
                    continue
                token.text, token.stopped = normalize(raw), True
            else:
                token.text, token.stopped = term, False
            token.boost = 1.0
            if keeporiginal:
                token.original = raw
            if positions:
                token.pos = start_pos + position
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token
