from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
PUBLISHED_SAMPLE = REPO_ROOT.parent / "shared" / "samples" / "panddh" / "measure-04.txt"


@pytest.fixture(scope="session")
def published_sample_path() -> Path:
    if not PUBLISHED_SAMPLE.is_file():
        pytest.skip(
            f"published sheet not available at {PUBLISHED_SAMPLE} "
            "(shared/ is only laid out on project machines and CI)"
        )
    return PUBLISHED_SAMPLE


@pytest.fixture(scope="session")
def published_text(published_sample_path: Path) -> str:
    return published_sample_path.read_text(encoding="utf-8")
