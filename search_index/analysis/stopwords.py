"""Stop-word lists, loaded once from the data files beside this module.

* ``stopwords_ar.txt``: Savoy's Arabic list (BSD, Lucene's default) plus a few Marsad additions.
* ``stopwords_fr.txt``, ``stopwords_en.txt``: the Snowball French and English lists (BSD).

Each file names its source and licence at the top.  Arabic entries are kept in ``clean`` form (letter
variants not folded) and expanded with their hamza-less and final-ى spellings; see stopwords_ar.txt.
"""

from __future__ import annotations

from importlib.resources import files

from content.textnorm import clean

from .latin import fold_accents

__all__ = ["ARABIC", "ENGLISH", "FRENCH", "is_arabic_stopword"]

_HAMZA_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})
# Proclitics that may stand before a stop word and leave it a stop word: وهذا، لذلك، فإن، بها، ولكن.
_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")


def _entries(name: str) -> list[str]:
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [w for line in text.splitlines() if (w := line.split("#", 1)[0].strip())]


def _arabic_forms(word: str) -> set[str]:
    word = clean(word)
    forms = {word, word.translate(_HAMZA_ALEFS)}
    forms |= {f[:-1] + "ى" for f in forms if f.endswith("ي")}
    return forms


ARABIC: frozenset[str] = frozenset().union(*map(_arabic_forms, _entries("stopwords_ar.txt")))
FRENCH: frozenset[str] = frozenset(fold_accents(clean(w)) for w in _entries("stopwords_fr.txt"))
ENGLISH: frozenset[str] = frozenset(fold_accents(clean(w)) for w in _entries("stopwords_en.txt"))


def is_arabic_stopword(word: str) -> bool:
    """``word``: one Arabic token in ``clean`` form (no harakat, letter variants not folded)."""
    if word in ARABIC:
        return True
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) > len(clitic) and word[len(clitic):] in ARABIC:
            return True
    # ل + a relative pronoun drops the article's alef: للذين = ل + الذين, للتي = ل + التي.
    return word.startswith("لل") and "ا" + word[1:] in ARABIC
