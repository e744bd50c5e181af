"""Character-level text normalisation shared by content (entity linking against aliases) and search.

``normalize(text)`` is the one function most callers need.  It is pure, never raises on any ``str``
(lone surrogates included) and is idempotent: ``normalize(normalize(t)) == normalize(t)``.

What it does (NFKC and casefold run first, then one ``str.translate`` does steps 1, 3, 4 and 5, repeated
until the result is stable):

1. drops invisible characters: bidi controls (U+200E/F, U+202A-202E, U+2066-2069, U+061C), zero-width
   characters (U+200B-200D, U+2060, U+FEFF), every other format character (Unicode category Cf, e.g. the
   soft hyphen), lone surrogates, variation selectors, and control characters (Cc) other than whitespace;
2. Unicode NFKC, so Arabic presentation forms (U+FB50-U+FEFF, e.g. "ﺍﻟﻌﺎﳌﻲ" pasted from a PDF) become
   ordinary letters and ligatures such as "ﻻ" split into "لا"; then ``str.casefold``;
3. removes tatweel (U+0640), harakat (U+064B-U+0652), Quranic marks (U+0653-U+065F, U+0610-U+061A,
   U+06D6-U+06ED) and the dagger alef (U+0670);
4. folds Eastern Arabic (U+0660-0669) and Persian (U+06F0-06F9) digits to ASCII;
5. folds Arabic letter variants: آ أ إ ٱ (and the rare wavy-hamza alefs ٲ ٳ) -> ا, ى -> ي, ة -> ه, and the
   Persian-keyboard forms ی -> ي, ک -> ك, ۀ ہ ھ -> ه.  ؤ ئ ء are kept (as Lucene's normaliser does).

Whitespace and punctuation are kept as they are: nothing is collapsed, so the output is still text.

``clean(text)`` is steps 1-4 without the letter folding of step 5: the form in which stop words are
looked up (so that على, a stop word, stays apart from the name علي); ``normalize(t) == fold_letters(
clean(t))``.
``fold_letters`` is step 5 alone and ``fold_digits`` is step 4 alone.
"""

from __future__ import annotations

import unicodedata

__all__ = ["clean", "fold_digits", "fold_letters", "normalize"]

# -- step 1: invisible characters -------------------------------------------------------------------

# Every format character (category Cf) as of Unicode 15.1, plus lone surrogates, variation selectors and
# the combining grapheme joiner.  tests/content/test_textnorm.py checks this against unicodedata, so a
# newer Unicode that adds format characters is noticed.
_INVISIBLE_RANGES = (
    (0x0000, 0x0008), (0x000E, 0x001B), (0x007F, 0x0084), (0x0086, 0x009F),  # Cc that are not whitespace
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xD800, 0xDFFF),  # lone surrogates
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xE0100, 0xE01EF),
)

# -- step 3: Arabic marks ----------------------------------------------------------------------------

_ARABIC_MARK_RANGES = (
    (0x0610, 0x061A),  # honorific and Quranic signs above/below
    (0x0640, 0x0640),  # tatweel
    (0x064B, 0x065F),  # harakat, shadda, sukun, maddah/hamza above/below, other Quranic marks
    (0x0670, 0x0670),  # dagger (superscript) alef
    (0x06D6, 0x06DC), (0x06DF, 0x06E8), (0x06EA, 0x06ED),  # Quranic annotation marks, small waw/yeh
    (0x0898, 0x089F), (0x08CA, 0x08E1), (0x08E3, 0x08FF),  # Arabic Extended-A/B marks
)

# -- step 4: digits ----------------------------------------------------------------------------------

_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}

# -- step 5: Arabic letter variants -------------------------------------------------------------------

_ALEF, _YEH, _HEH, _KAF = "\u0627", "\u064A", "\u0647", "\u0643"
_LETTERS = {
    0x0622: _ALEF,  # آ alef with madda above
    0x0623: _ALEF,  # أ alef with hamza above
    0x0625: _ALEF,  # إ alef with hamza below
    0x0671: _ALEF,  # ٱ alef wasla
    0x0672: _ALEF,  # ٲ alef with wavy hamza above
    0x0673: _ALEF,  # ٳ alef with wavy hamza below
    0x0649: _YEH,  # ى alef maqsura
    0x06CC: _YEH,  # ی Farsi yeh
    0x0629: _HEH,  # ة teh marbuta
    0x06C0: _HEH,  # ۀ heh with yeh above
    0x06C1: _HEH,  # ہ heh goal
    0x06BE: _HEH,  # ھ heh doachashmee
    0x06A9: _KAF,  # ک keheh
}


def _table(*range_lists: tuple[tuple[int, int], ...], **maps: dict[int, str]) -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for ranges in range_lists:
        for first, last in ranges:
            table.update(dict.fromkeys(range(first, last + 1)))
    for mapping in maps.values():
        table.update(mapping)
    return table


_CLEAN = _table(_INVISIBLE_RANGES, _ARABIC_MARK_RANGES, digits=_DIGITS)
_NORMALIZE = _CLEAN | _LETTERS
_DIGITS_ONLY = dict(_DIGITS)
_LETTERS_ONLY = dict(_LETTERS)

_NFKC = unicodedata.normalize
_is_normalized = unicodedata.is_normalized


def _run(text: str, table: dict[int, str | None]) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    if text.isascii():
        return text.translate(table).lower()  # NFKC is the identity and casefold is lower() on ASCII
    text = _NFKC("NFKC", text).casefold().translate(table)
    # Removing an invisible character or a mark can unblock a composition ("e" + U+200B + U+0301), and
    # casefold can leave a sequence NFKC would recompose: iterate to the fixed point (in practice the
    # loop only checks).
    for _ in range(4):
        if _is_normalized("NFKC", text) and text.casefold() == text:
            break
        text = _NFKC("NFKC", text).casefold().translate(table)
    return text


def normalize(text: str) -> str:
    """Full normalisation for matching and search (steps 1-5 of the module docstring)."""
    return _run(text, _NORMALIZE)


def clean(text: str) -> str:
    """Normalisation without folding Arabic letter variants (steps 1-4): أ, ى, ة are kept."""
    return _run(text, _CLEAN)


def fold_letters(text: str) -> str:
    """Step 5 alone: آ أ إ ٱ -> ا, ى -> ي, ة -> ه (and the Persian-keyboard variants)."""
    return text.translate(_LETTERS_ONLY)


def fold_digits(text: str) -> str:
    """Eastern Arabic (٠-٩) and Persian (۰-۹) digits to ASCII 0-9; everything else unchanged."""
    return text.translate(_DIGITS_ONLY)
