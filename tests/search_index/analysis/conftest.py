"""Paths to the outside material the analysis tests read (never copied into the project)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED = REPO_ROOT.parent / "shared"
LUCENE_DIR = SHARED / "reference" / "lucene-arabic"
SAMPLE_SHEET = SHARED / "samples" / "panddh" / "measure-04.txt"


def _need(path: Path, what: str) -> Path:
    if not path.exists():
        pytest.skip(f"{what} not available at {path} (shared/ is laid out only on project machines and CI)")
    return path


@pytest.fixture(scope="session")
def lucene_dir() -> Path:
    return _need(LUCENE_DIR, "Lucene Arabic reference vectors")


@pytest.fixture(scope="session")
def lucene_vectors(lucene_dir: Path) -> list[tuple[str, str, str]]:
    with (lucene_dir / "lucene_vectors.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["kind", "input", "expected"]
    return [tuple(row) for row in rows[1:]]


@pytest.fixture(scope="session")
def sample_text() -> str:
    return _need(SAMPLE_SHEET, "the published PANDDH sample sheet").read_text(encoding="utf-8")
