"""Which hub process applies the outbox: exactly one at a time (the others only read the index).

Several processes draining one outbox could apply an old upsert after a newer delete. The
embedded set-up elects with a file lock beside the index; the PostgreSQL set-up with a
session-level advisory lock (held until the process ends or its connection drops).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Protocol

import asyncpg

ADVISORY_KEY = 0x6D61727361640001  # "marsad" + 1: the indexer's lock


class Leadership(Protocol):
    async def acquire(self) -> bool:
        """True when this process is (or has just become) the indexer."""

    async def release(self) -> None: ...


class FileLeadership:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    async def acquire(self) -> bool:
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    async def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class PostgresLeadership:
    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self._connection: asyncpg.Connection | None = None

    async def acquire(self) -> bool:
        if self._connection is not None and not self._connection.is_closed():
            return True
        connection = await asyncpg.connect(self.dsn)
        if await connection.fetchval("SELECT pg_try_advisory_lock($1)", ADVISORY_KEY):
            self._connection = connection
            return True
        await connection.close()
        return False

    async def release(self) -> None:
        if self._connection is not None:
            await self._connection.close()  # ends the session, and so the lock
            self._connection = None
