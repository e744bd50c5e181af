"""`python -m content.i18n.compile [--check]`: compile the .po catalogs to .mo (what the build runs).

--check compiles nothing and fails if a catalog has an untranslated or fuzzy entry, or lacks a msgid of
the template (marsad.pot).
"""

from __future__ import annotations

import argparse
import sys

from content.i18n.catalogs import TEMPLATE, compile_all, read_catalog
from content.i18n.formatting import LANGUAGES


def problems() -> list[str]:
    """What is missing, untranslated or fuzzy in the catalogs."""
    from babel.messages.pofile import read_po

    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    wanted = {(message.context, message.id if isinstance(message.id, str) else message.id[0])
              for message in template if message.id}
    found = []
    for language in LANGUAGES:
        catalog = read_catalog(language)
        have = set()
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            have.add((message.context, key))
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                found.append(f"{language}: fuzzy: {message.context or ''}|{key}")
            if not all(strings) or len(strings) != (catalog.num_plurals if message.pluralizable else 1):
                found.append(f"{language}: untranslated: {message.context or ''}|{key}")
        for context, key in sorted(wanted - have, key=str):
            found.append(f"{language}: missing: {context or ''}|{key}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m content.i18n.compile", description=__doc__)
    parser.add_argument("--check", action="store_true", help="check the catalogs, compile nothing")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    for path in compile_all():
        print(f"compiled {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
