"""Shared fixtures: a migrated database on SQLite and (with MARSAD_TEST_POSTGRES_URL) PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from content import models as m
from content.db import close_database, migrate_database, open_database
from content.reference import load_reference_data

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
POSTGRES_URL = os.environ.get("MARSAD_TEST_POSTGRES_URL")
NO_POSTGRES = "MARSAD_TEST_POSTGRES_URL is not set: the PostgreSQL half of the suite is skipped"


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A new PostgreSQL database for this run, dropped afterwards (the server outlives runs)."""
    import asyncio

    assert POSTGRES_URL
    name = f"marsad_test_{uuid.uuid4().hex[:12]}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(POSTGRES_URL)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield _with_database(POSTGRES_URL, name)
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path_factory.mktemp('db') / 'marsad.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    with throwaway_postgres() as url:
        yield url


@pytest.fixture(scope="session")
async def database(database_url: str) -> AsyncIterator[str]:
    """The migrated database with reference data; yields "sqlite" or "postgres"."""
    await migrate_database(database_url)
    await open_database(database_url)
    await load_reference_data()
    yield "postgres" if database_url.startswith("postgres") else "sqlite"
    await close_database()


# Tables holding content that tests create; reference rows (with a key) are kept.
_TEST_CONTENT = [
    m.Mention, m.AchievementItem, m.MeasureSection, m.ProgramMeasure, m.EventPartner, m.Event,
    m.ParliamentaryPresentation, m.NgoInteraction, m.InformationRequestMechanism, m.InformationRequest,
    m.Communication, m.FollowUpAction, m.RecommendationInstitution, m.RecommendationTheme,
    m.Recommendation, m.Document, m.OutboxEntry,
]


async def reset_content() -> None:
    for model in _TEST_CONTENT:
        await model.all().delete()
    await m.Session.filter(created_by__not="reference-data").delete()
    for model in (m.Mechanism, m.Institution, m.Theme):
        await model.filter(created_by__not="reference-data").delete()


@pytest.fixture
async def db(database: str) -> AsyncIterator[str]:
    """A clean database (reference data only) for one test."""
    await reset_content()
    yield database
    await reset_content()
