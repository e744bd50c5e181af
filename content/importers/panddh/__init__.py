"""Importer for Arabic programme-measure status sheets (pure part: no database).

* :mod:`.parser` — text → :class:`ParsedSheet`
* :mod:`.dates` — Arabic dates (Moroccan, Mashriq and variant month names)
* :mod:`.numbers` — ordinals written in words
* :mod:`.mentions` — entity linking against reference-data aliases, HRC sessions
* :mod:`.extract` — typed records (presentations, documents, events, ...)
"""

from .parser import ParseError, ParsedItem, ParsedSection, ParsedSheet, parse_file, parse_sheet

__all__ = [
    "ParseError",
    "ParsedItem",
    "ParsedSection",
    "ParsedSheet",
    "parse_file",
    "parse_sheet",
]
