"""Settings, read from the environment (documented in the README)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from content.db import tortoise_config


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    database_url: str
    search_backend: str
    search_url: str | None
    host: str
    port: int
    debug: bool
    max_body_bytes: int = 1_000_000

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def attachments_dir(self) -> Path:
        return self.home / "attachments"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        home = Path(env.get("MARSAD_HOME", "var")).resolve()
        database_url = env.get("MARSAD_DATABASE_URL") or f"sqlite://{home / 'marsad.sqlite3'}"
        backend = env.get("MARSAD_SEARCH_BACKEND", "whoosh").lower()
        if backend not in ("whoosh", "postgres"):
            raise ValueError(f"MARSAD_SEARCH_BACKEND must be whoosh or postgres, not {backend!r}")
        search_url = env.get("MARSAD_SEARCH_URL") or (
            database_url if database_url.startswith(("postgres", "asyncpg")) else None
        )
        return cls(
            home=home,
            database_url=database_url,
            search_backend=backend,
            search_url=search_url,
            host=env.get("MARSAD_HOST", "127.0.0.1"),
            port=int(env.get("MARSAD_PORT", "8000")),
            debug=env.get("MARSAD_DEBUG", "") in ("1", "true", "yes"),
        )

    def ensure_home(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)


# For Tortoise's own CLI (`tortoise makemigrations`), via [tool.tortoise] in pyproject.toml.
TORTOISE_ORM = tortoise_config(Settings.from_env().database_url)
