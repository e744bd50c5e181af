"""Extraction markers: they return their argument unchanged and only tell `pybabel extract` what to collect.

Use them for strings defined at import time (module constants, tables); translate them later, when the
caller's language is known, with `translate`, `translate_plural` or `translate_context`.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark `message` for extraction; no translation happens here."""
    return message


_ = N_


def NC_(context: str, message: str) -> str:  # noqa: N802
    """Mark `message` with a message context (msgctxt) for extraction; returns `message`."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a singular/plural pair for extraction; returns the pair (for `translate_plural(*pair, n=...)`)."""
    return singular, plural
