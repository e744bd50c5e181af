"""Loading the message catalogs: compiled .mo files, or the .po compiled in memory when there is none.

The build (`make install`, `python -m content.i18n.compile`) writes locales/<lang>/LC_MESSAGES/marsad.mo
beside each marsad.po. A source checkout without them, or with a .po newer than its .mo, still gets the
same translations: the .po is read and compiled in memory.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "marsad"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"

_lock = threading.Lock()
_cache: dict[str, Translations] = {}


def po_path(language: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def read_catalog(language: str, locales_dir: Path = LOCALES_DIR) -> Catalog:
    """The parsed .po catalog of `language`."""
    with po_path(language, locales_dir).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def compile_catalog(catalog: Catalog) -> bytes:
    """A .mo image of `catalog`, fuzzy entries left out (as `pybabel compile` does)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _mo_is_current(language: str, locales_dir: Path) -> bool:
    mo, po = mo_path(language, locales_dir), po_path(language, locales_dir)
    try:
        return mo.stat().st_mtime >= po.stat().st_mtime
    except FileNotFoundError:
        return mo.exists() and not po.exists()


def load_translations(language: str, locales_dir: Path = LOCALES_DIR, *, use_mo: bool = True) -> Translations:
    """Translations of `language` from its .mo, or from its .po compiled in memory (`use_mo=False`, or
    no .mo, or a .mo older than the .po)."""
    if use_mo and _mo_is_current(language, locales_dir):
        with mo_path(language, locales_dir).open("rb") as handle:
            return Translations(fp=handle, domain=DOMAIN)
    return Translations(fp=io.BytesIO(compile_catalog(read_catalog(language, locales_dir))), domain=DOMAIN)


def translations(language: str) -> Translations:
    """The cached translations of one of our languages."""
    cached = _cache.get(language)
    if cached is None:
        with _lock:
            cached = _cache.get(language)
            if cached is None:
                cached = _cache[language] = load_translations(language)
    return cached


def clear_cache() -> None:
    """Forget loaded catalogs (after compiling or editing them in a running process)."""
    with _lock:
        _cache.clear()


def compile_all(locales_dir: Path = LOCALES_DIR, languages: tuple[str, ...] | None = None) -> list[Path]:
    """Write every language's .mo from its .po; returns the files written."""
    from content.i18n.formatting import LANGUAGES

    written = []
    for language in languages or LANGUAGES:
        target = mo_path(language, locales_dir)
        target.write_bytes(compile_catalog(read_catalog(language, locales_dir)))
        written.append(target)
    clear_cache()
    return written
