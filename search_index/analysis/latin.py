"""Latin-script words: French and English Snowball stemming (PyStemmer) and accent folding.

Every Latin token is accent-folded *before* it is stemmed, in French too, so that a query typed without
accents finds accented text: "egalite" and "égalité" both give "egalit", "delegation" and "délégation"
both give "deleg".  (Stemming the accented form first would give "egal" for one and "egalit" for the
other.)  The cost is that Snowball's few accent-driven French rules do not fire.

Language of a Latin token:
* "fr": French elisions (l' d' qu' jusqu' …) stripped, Snowball French stop words removed, French stemmer.
* "en": possessive 's stripped, Snowball English stop words removed, English stemmer.
* "ar" or None: Latin words in Arabic text are mostly acronyms and names (CAT, SIDH, CTI, OHCHR), with
  some English or French titles.  They get both the French elision and English possessive stripping and
  the English stemmer, which leaves acronyms as they are (lower-cased), but no stop words, since WHO, IT,
  US or AS are acronyms there.
In "fr" and "en" a word written in capitals (WHO) is never a stop word, for the same reason.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import Stemmer

__all__ = ["fold_accents", "latin_term"]

# Combining marks of the Latin-script blocks, dropped after NFD; letters with no decomposition mapped.
_ACCENTS = dict.fromkeys(
    [*range(0x0300, 0x0370), *range(0x1AB0, 0x1B00), *range(0x1DC0, 0x1E00), *range(0x20D0, 0x2100),
     *range(0xFE20, 0xFE30)]
) | str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th",
                   "ħ": "h", "ŧ": "t", "ŋ": "n"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
_ELISION = re.compile(r"^(?:qu|jusqu|lorsqu|puisqu|quoiqu|[cdjlmnst])'(?=.)")

_local = threading.local()  # PyStemmer objects are not thread-safe: one pair per thread


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {"fr": Stemmer.Stemmer("french"), "en": Stemmer.Stemmer("english")}
    return stemmers[language]


def fold_accents(word: str) -> str:
    """Drop the diacritics of a Latin word: "Délégation" -> "Delegation", "œuvre" -> "oeuvre"."""
    if word.isascii():
        return word
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).translate(_ACCENTS))


def latin_term(word: str, language: str | None, stopwords: frozenset[str] | None,
               capitals: bool = False) -> str | None:
    """Index term of one ``clean`` (case-folded) Latin word, or None for a stop word.

    ``stopwords`` is the list of the language (None: keep every word); ``capitals`` says the word was
    written in capitals in the text, which exempts it from the stop list."""
    word = fold_accents(word.translate(_APOSTROPHES))
    if "'" in word:
        if language != "en":
            word = _ELISION.sub("", word, count=1)
        if language != "fr":
            if stopwords is not None and not capitals and word in stopwords:  # don't, it's, let's
                return None
            if word.endswith("'s"):  # the tokenizer never ends a word on an apostrophe
                word = word[:-2]
        word = word.replace("'", "")
    if stopwords is not None and not capitals and word in stopwords:
        return None
    return _stemmer("fr" if language == "fr" else "en").stemWord(word)
