"""Text analysis for Marsad search: Arabic (light stemming), French and English (Snowball), numbers.

Public API (other packages code against these names):

* ``normalize(text) -> str``: character normalisation, the same function as ``content.textnorm.normalize``.
* ``Token(term, position, start, end)``: one index token; offsets are into the original text.
* ``tokens(text, language=None) -> list[Token]``; ``analyze(text, language=None) -> list[str]``.
* ``analyze_word(word, language=None) -> str | None``: one query word to its term (None: stop word).
* ``is_stopword(word, language=None) -> bool``.
* ``search_index.analysis.whoosh.MarsadAnalyzer``: the same analysis as a Whoosh analyzer (import that
  module explicitly; this package does not import Whoosh).

``language`` is "ar", "fr", "en" (region subtags such as "fr-FR" accepted) or None for unknown/mixed
text; anything else raises ValueError.  Arabic-script words always go through the Arabic pipeline; the
language decides how Latin-script words are stemmed and which stop list applies to them (see latin.py).
"""

from content.textnorm import normalize

from .pipeline import LANGUAGES, Token, analyze, analyze_word, is_stopword, tokens

__all__ = ["LANGUAGES", "Token", "analyze", "analyze_word", "is_stopword", "normalize", "tokens"]
