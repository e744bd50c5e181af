"""Marsad's Arabic light stemmer: Larkey's light10, made safe for UN and human-rights text.

``stem(word)`` takes one word passed through ``content.textnorm.clean`` (no harakat, tatweel or invisible
characters) and returns its index term.  It folds letter variants itself (ة -> ه, ى -> ي, أ إ آ -> ا) but
reads the hamza first: an alef with hamza or madda is never the article's, so ألقى, إلغاء and آليات keep
their first two letters.  (A word already ``normalize``d is accepted too, without that hint.)

Like light10 it strips at most one prefix group and a few suffix layers and never guesses roots, so it
keeps قرار, تقرير and مقرر apart (a root stemmer such as ISRI merges them).  Where it departs from light10
(each case is tested in tests/search_index/analysis/test_analysis_arabic_stem.py and, against Lucene's
own vectors, in test_analysis_lucene_vectors.py):

Prefixes
* The article group: ال وال فال بال كال لل and also ولل فلل وبال فبال وكال.  At least two letters must
  remain and they may not be a bare suffix, so الية (آلية typed without madda) is not read as ال + يه.
* لل is ل + ال with the article's alef dropped; when the word itself starts with ل one more lam is dropped
  in writing (للجنة = ل + اللجنة).  The stemmer puts that lam back when the result is a known ل-initial
  word (see arabic_lexicon.txt), so للجنة and اللجنة give the same term.
* Single proclitics و ف ب ك ل and the pairs وب ول (light10 strips only و): stripped only when what
  remains is at least three letters and reduces cleanly to a stem of at least three letters, so ولد,
  بنت, وطني, بنات and لجنة keep their first letter while لحقوق, بمجلس, وتعزيز lose theirs.  Words listed
  in arabic_lexicon.txt (وزارة, برنامج, كرامة, لقاء, …) are never stripped, and a proclitic before a
  short word listed there is (بحرية -> حريه, where the length rule alone would give بحر).

Suffixes, from the outside in (each with a minimum stem length of three letters unless said otherwise)
1. one pronoun or the accusative alef: ها, هم (stem of four or more: تفاهم is kept), ه (also the
   ta marbuta after folding), or the tanween alef of استبيانا, سجينا, خصوصا;
2. one gender/number ending: تين تان (the feminine dual: الدورتين -> دور), ات, ون (stem of four or more:
   قانون, تعاون, مليون are kept), ين (not in the تفعيل nouns تكوين, تحسين, تمكين nor in the فواعيل
   plurals قوانين, ميادين), and ت when a pronoun followed it and three letters remain (دورته,
   اتفاقيتها; not بيته);
3. the nisba or possessive ي; after it, layer 2 and 3 are tried again (معلومياتي -> معلوم).
* The bare ان ending (a nominative dual) is not stripped: it would cut إنسان, استبيان, برلمان, بيان.
* A feminine ending that would leave only two letters is replaced by ه instead of being dropped, giving
  one term for the whole family: قوة/قوات -> قوه, سنة/سنتين -> سنه, آلية/آليات/الآليات -> اليه.  The
  last one is why الآلية الوطنية no longer stems to ال (the stem of إلى) as it does in light10.

Finally the hamza seats ؤ and ئ are written ء, so مسؤول and مسئول, شؤون and شئون meet.

Broken plurals are out of reach of any light stemmer and are left alone: التقارير (تقارير) and
التقرير (تقرير) are different terms, as are قوانين and قانون.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from content.textnorm import fold_letters, normalize

__all__ = ["stem"]

_ARTICLES = ("وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
_LAM_ARTICLES = frozenset({"لل", "ولل", "فلل"})
_CLITICS = ("وب", "ول", "و", "ف", "ب", "ك", "ل")
# Strings that are only ever suffixes: never the whole remainder after a prefix (ال + يه is not a word).
_SUFFIX_ONLY = frozenset({"ات", "ان", "ون", "ين", "يه", "ها", "هم", "يات", "يين", "يون", "تين", "تان"})
_HAMZA_SEATS = str.maketrans({"ؤ": "ء", "ئ": "ء"})
_MIN = 3  # minimum stem length after a suffix


def _suffixes(w: str) -> tuple[str, bool]:
    """Strip suffix layers; return (stem, clean) where clean is False if a suffix was found but the stem
    would have been too short (the word was kept, or given the short feminine form ending in ه)."""
    clean = True
    fem = False  # a feminine ending (or a final ه that may be one) was removed
    pronoun = False
    n = len(w)
    # Layer 1: one pronoun, or the tanween alef.
    if w.endswith("ها"):
        if n - 2 >= _MIN:
            w, pronoun = w[:-2], True
        else:
            clean = False
    elif w.endswith("هم"):
        if n - 2 >= 4:
            w, pronoun = w[:-2], True
    elif w.endswith("ه"):
        if n - 1 >= _MIN:
            w, pronoun, fem = w[:-1], True, True
        else:
            clean = False
    elif w.endswith("ا") and n - 1 >= _MIN:
        w = w[:-1]
    # Layers 2 and 3, repeated after a nisba ي (at most three rounds).
    for _ in range(3):
        n = len(w)
        if (w.endswith("تين") or w.endswith("تان")) and not w.endswith("ستان") and n - 3 >= 2:
            cut = 3
        elif w.endswith("ات"):
            cut = 2
        elif pronoun and w.endswith("ت"):  # ta marbuta written ت before a pronoun (not بيته, وقته)
            cut = 1 if n - 1 >= _MIN else 0
        elif w.endswith("ون"):
            cut = 2 if n - 2 >= 4 else 0
        elif w.endswith("ين"):
            tafil = n == 5 and w[0] == "ت"  # تكوين, تحسين, تمكين, تعيين
            fawail = n == 6 and w[2] == "ا"  # قوانين, ميادين, مضامين
            cut = 0 if tafil or fawail else 2
        else:
            cut = 0
        pronoun = False
        if cut:
            rest = n - cut
            feminine = cut != 2 or w.endswith("ات")
            if rest >= _MIN:
                w = w[:-cut]
                fem = fem or feminine
            elif rest == 2 and feminine:
                return w[:-cut] + "ه", False
            else:
                clean = False
        # Layer 3: nisba / possessive ي.
        if not w.endswith("ي"):
            break
        if len(w) - 1 >= _MIN:
            w = w[:-1]
            continue
        if fem:  # آلية -> الي + ه, not الي (which is إلى)
            return w + "ه", False
        clean = False
        break
    return w, clean


def _load_lexicon() -> frozenset[str]:
    text = files(__package__).joinpath("arabic_lexicon.txt").read_text(encoding="utf-8")
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(_suffixes(normalize(w))[0] for w in words if w)


_PROTECTED = _load_lexicon()


def _stem(spelled: str) -> str:
    word = fold_letters(spelled)
    if len(word) < 3:
        return word
    whole, _ = _suffixes(word)
    if whole in _PROTECTED:
        return whole
    for prefix in _ARTICLES:
        if not word.startswith(prefix):
            continue
        if prefix.endswith("ال") and spelled[len(prefix) - 2] not in "اٱ":
            continue  # أل, إل, آل: a hamza is never the article's alef (ألقى, إلغاء, آليات)
        rest = word[len(prefix):]
        if prefix in _LAM_ARTICLES:
            with_lam, _ = _suffixes("ل" + rest)
            if with_lam in _PROTECTED:
                return with_lam
        if len(rest) >= 2 and rest not in _SUFFIX_ONLY:
            return _suffixes(rest)[0]
    fallback = None
    for prefix in _CLITICS:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        if len(rest) < 3 or (len(rest) == 3 and rest[1:] in _SUFFIX_ONLY):
            continue
        stem_, clean = _suffixes(rest)
        if stem_ in _PROTECTED:  # ووزارة, وبرنامج (و + برنامج, not وب + رنامج)
            return stem_
        if fallback is None and clean and len(stem_) >= _MIN:
            fallback = stem_
    return fallback if fallback is not None else whole


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Index term of one Arabic word, given ``clean`` (better: the hamza on alef tells ألقى from ال + قى)
    or already ``normalize``d; see the module docstring."""
    return _stem(word).translate(_HAMZA_SEATS)
