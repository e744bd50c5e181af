"""Numbers written in words as the sheets use them: ordinals.

``المحور الأول`` (1), ``التقرير الوطني الخامس`` (5), ``التقرير الأولي``
(initial, 1), ``الدورة الثالثة والأربعين`` (43), ``الحادية عشرة`` (11).
Pure lookups; spelling variation (hamza, ة/ه, ى/ي, harakat) is folded for
the lookup only.
"""

from __future__ import annotations

import re

from .dates import to_ascii_digits

__all__ = ["fold_word", "ordinal_value", "parse_ordinal_prefix"]

_MARK_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def fold_word(word: str) -> str:
    """A lookup key for one Arabic word: no harakat/tatweel, one alef, ي, ه."""
    word = _MARK_RE.sub("", word)
    word = re.sub("[أإآٱ]", "ا", word)
    return word.replace("ى", "ي").replace("ة", "ه").replace("ی", "ي")


# Keys are folded and without the article.
_UNITS: dict[str, int] = {
    "اول": 1, "اولي": 1, "حادي": 1, "حاديه": 1,
    "ثاني": 2, "ثانيه": 2,
    "ثالث": 3, "ثالثه": 3,
    "رابع": 4, "رابعه": 4,
    "خامس": 5, "خامسه": 5,
    "سادس": 6, "سادسه": 6,
    "سابع": 7, "سابعه": 7,
    "ثامن": 8, "ثامنه": 8,
    "تاسع": 9, "تاسعه": 9,
}
_TEN = {"عاشر": 10, "عاشره": 10}
_TEENS = {"عشر", "عشره"}
_TENS: dict[str, int] = {
    "عشرين": 20, "عشرون": 20,
    "ثلاثين": 30, "ثلاثون": 30,
    "اربعين": 40, "اربعون": 40,
    "خمسين": 50, "خمسون": 50,
    "ستين": 60, "ستون": 60,
    "سبعين": 70, "سبعون": 70,
    "ثمانين": 80, "ثمانون": 80,
    "تسعين": 90, "تسعون": 90,
}


def _bare(word: str) -> str:
    w = fold_word(word)
    if w.startswith("ال") and len(w) > 3:
        w = w[2:]
    return w


def _tens(word: str) -> int | None:
    w = fold_word(word)
    if w.startswith("و") and len(w) > 3:
        w = w[1:]
    if w.startswith("ال") and len(w) > 3:
        w = w[2:]
    return _TENS.get(w)


def parse_ordinal_prefix(words: list[str]) -> tuple[int, int] | None:
    """(value, number of words used) for an ordinal at the start of ``words``.

    Handles units (الأول ... التاسع, masculine and feminine, الأولي for
    "initial"), العاشر, teens (الحادي عشر ... التاسعة عشرة), tens alone
    (العشرين) and unit + و + tens (الثالثة والأربعين).  Digits are also
    accepted (``"5"``, ``"٥"``).
    """
    if not words:
        return None
    first = to_ascii_digits(words[0])
    if first.isascii() and first.isdigit() and len(first) <= 4:
        return int(first), 1
    w = _bare(words[0])
    if w in _TEN:
        return 10, 1
    t = _tens(words[0])
    if t is not None:
        return t, 1
    unit = _UNITS.get(w)
    if unit is None:
        return None
    if len(words) > 1:
        nxt = _bare(words[1])
        if nxt in _TEENS:
            return 10 + unit, 2
        t = _tens(words[1])
        if t is not None and fold_word(words[1]).startswith("و"):
            return t + unit, 2
    return unit, 1


def ordinal_value(text: str) -> int | None:
    """The ordinal that ``text`` is exactly (e.g. ``"الخامس"`` → 5)."""
    words = text.split()
    r = parse_ordinal_prefix(words)
    if r is None or r[1] != len(words):
        return None
    return r[0]
