"""The demo data: the project's own example sheets, and the published sample sheets when present."""

from __future__ import annotations

from pathlib import Path

from content.i18n import messages, translate, translate_context
from content.importers.panddh.store import Catalog, SheetImportError, import_sheet
from content.samples.panddh import read_sample, sample_names

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the project root holds the published sheet on project machines and CI.
SHARED_SHEETS = PROJECT_ROOT.parent / "shared" / "samples" / "panddh"


def shared_sheets(folder: Path = SHARED_SHEETS) -> list[Path]:
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


async def load_demo_sheets(folder: Path = SHARED_SHEETS, language: str = "en") -> list[str]:
    """Import the example sheets and any published ones; returns one line per sheet, in `language`."""
    lines: list[str] = []
    catalog = await Catalog.load()
    sources: list[tuple[str, str | Path]] = [(f"example:{n}", read_sample(n)) for n in sample_names()]
    sources += [(str(p), p) for p in shared_sheets(folder)]
    for name, sheet in sources:
        try:
            result = await import_sheet(sheet, source=name, catalog=catalog)
        except SheetImportError as exc:
            lines.append(translate(messages.CLI_DEMO_SHEET_FAILED, language, error=exc))
            continue
        outcome = messages.IMPORT_RESULTS.get(result.status)
        lines.append(translate(messages.CLI_DEMO_SHEET, language, name=name, number=result.measure_number,
                               result=translate_context("ImportResult", outcome, language) if outcome
                               else result.status))
        if catalog.dirty:
            catalog = await Catalog.load()
    return lines
