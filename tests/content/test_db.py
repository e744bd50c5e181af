"""Migrations: several processes starting at once (hub workers, containers) migrate safely."""

from __future__ import annotations

import subprocess
import sqlite3
import sys

SCRIPT = """
import asyncio, sys
from content.db import close_database, migrate_database

async def main(url):
    await migrate_database(url)
    await close_database()

asyncio.run(main(sys.argv[1]))
"""


def test_concurrent_migrations_of_a_new_database(tmp_path):
    url = f"sqlite://{tmp_path / 'marsad.sqlite3'}"
    processes = [subprocess.Popen([sys.executable, "-c", SCRIPT, url], stderr=subprocess.PIPE) for _ in range(3)]
    errors = [p.communicate(timeout=60)[1].decode() for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], errors
    with sqlite3.connect(tmp_path / "marsad.sqlite3") as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"mechanism", "program_measure", "search_outbox", "revision", "attachment"} <= tables
