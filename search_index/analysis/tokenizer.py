"""Word tokenizer: one precompiled regular expression, run on the original text (offsets stay exact).

A token is one of
* ``ar``: Arabic letters (base and presentation forms), kept whole across harakat, Quranic marks, tatweel
  and invisible characters (ZWNJ, bidi marks), which Whoosh's default ``\\w+`` splits on;
* ``num``: a run of decimal digits in any script, with inner separators (2.5, 1,000, ٣٫٥);
* ``word``: any other letters (Latin, Greek, …) with digits, combining marks and inner apostrophes
  (covid19, l'homme, don't).
Everything else separates tokens: spaces, punctuation (، ؛ ؟ « » " ' - / …), symbols, control characters.
Arabic letters never join digits or Latin letters (و45 is و + 45, بـSIDH is بـ + SIDH), and nothing joins
across a hyphen, so "- تنظيم" and "-تنظيم" both give تنظيم.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["TOKEN_RE"]

ARABIC_LETTERS = (
    "\u0620-\u063F\u0641-\u064A\u066E\u066F\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF"
    "\u0750-\u077F\u0870-\u0887\u0889-\u088E\u08A0-\u08C9"
    "\uFB50-\uFBB1\uFBD3-\uFD3D\uFD50-\uFD8F\uFD92-\uFDC7\uFDF0-\uFDFB\uFE70-\uFE74\uFE76-\uFEFC"
)


def _joiner_class() -> str:
    """Combining marks (Mn, Mc, Me) and format characters (Cf): they belong to the word around them."""
    spans: list[tuple[int, int]] = []
    category = unicodedata.category
    for cp in (*range(0x0300, 0x20000), *range(0xE0000, 0xE01F0)):
        if category(chr(cp)) in ("Mn", "Mc", "Me", "Cf"):
            if spans and spans[-1][1] == cp - 1:
                spans[-1] = (spans[-1][0], cp)
            else:
                spans.append((cp, cp))
    return "\u0640" + "".join(
        f"\\U{a:08X}" if a == b else f"\\U{a:08X}-\\U{b:08X}" for a, b in spans
    )


_JOIN = _joiner_class()
_NOT_ARABIC = f"(?![{ARABIC_LETTERS}\u0640])"

TOKEN_RE = re.compile(
    f"(?P<ar>[{ARABIC_LETTERS}][{ARABIC_LETTERS}{_JOIN}]*)"
    r"|(?P<num>\d+(?:[.,\u066B\u066C]\d+)*)"
    f"|(?P<word>{_NOT_ARABIC}[^\\W\\d_](?:{_NOT_ARABIC}[^\\W_]|[{_JOIN}]|['\u2019\u02BC](?=[^\\W\\d_]))*)"
)
