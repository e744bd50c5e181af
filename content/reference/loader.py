"""Load the shipped reference data into the database, idempotently (upsert by key)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from content.models import Institution, Mechanism, Session, Theme, WorkflowState
from content.services.items import save_item


def reference_file(name: str) -> dict[str, Any]:
    """One of the JSON files under content/reference/data/, parsed."""
    return json.loads(files("content.reference.data").joinpath(name).read_text("utf-8"))


@dataclass
class LoadSummary:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1


def _names(entry: dict[str, Any], key: str = "names") -> dict[str, str]:
    names = entry.get(key) or {}
    return {f"name_{lang}": names.get(lang, "") for lang in ("ar", "fr", "en")}


async def _upsert(model: type, lookup: dict[str, Any], values: dict[str, Any], summary: LoadSummary,
                  connection: BaseDBAsyncClient) -> Any:
    item = await model.get_or_none(**lookup, using_db=connection)
    created = item is None
    if created:
        item = model(**lookup, **values)
    else:
        changed = {k: v for k, v in values.items() if getattr(item, k) != v}
        if not changed:
            return item
        for name, value in changed.items():
            setattr(item, name, value)
    await save_item(item, actor="reference-data", using_db=connection)
    summary.count(model.__name__, created)
    return item


async def _load_named(model: type, entries: list[dict[str, Any]], names_key: str,
                      extra: callable, summary: LoadSummary, connection: BaseDBAsyncClient) -> dict[str, Any]:
    by_key: dict[str, Any] = {}
    for entry in entries:
        names = _names(entry, names_key)
        values = {
            **names,
            **extra(entry),
            "slug": entry["key"].replace("_", "-"),
            "title": names["name_ar"] or names["name_en"],
            "language": "ar",
            "workflow_state": WorkflowState.PUBLISHED,
        }
        by_key[entry["key"]] = await _upsert(model, {"key": entry["key"]}, values, summary, connection)
    for entry in entries:  # parents last: an entry may name a parent listed after it
        item = by_key[entry["key"]]
        parent = by_key.get(entry.get("parent") or "")
        if (item.parent_id or None) != (parent.id if parent else None):
            item.parent = parent
            await save_item(item, actor="reference-data", using_db=connection)
    return by_key


async def load_reference_data() -> LoadSummary:
    """Create or update every reference record; running it twice changes nothing."""
    summary = LoadSummary()
    async with in_transaction() as connection:
        mechanisms = await _load_named(
            Mechanism, reference_file("mechanisms.json")["mechanisms"], "names",
            lambda e: {
                "kind": e["kind"],
                "acronym": e.get("acronym"),
                "aliases": e.get("aliases") or {},
                "treaty": e.get("treaty"),
                "reporting_periodicity_years": e.get("reporting_periodicity_years"),
                "summary": e.get("notes") or "",
            },
            summary, connection,
        )
        await _load_named(
            Institution, reference_file("institutions.json")["institutions"], "names",
            lambda e: {
                "kind": e["kind"],
                "acronym": e.get("acronym"),
                "aliases": e.get("aliases") or {},
                "country": e.get("country"),
                "summary": e.get("notes") or "",
            },
            summary, connection,
        )
        await _load_named(Theme, reference_file("themes.json")["themes"], "labels",
                          lambda e: {}, summary, connection)
        for entry in reference_file("sessions.json")["sessions"]:
            mechanism = mechanisms[entry["mechanism"]]
            title = entry.get("title") or {}
            await _upsert(
                Session,
                {"mechanism_id": mechanism.id, "number": entry["number"]},
                {
                    "slug": f"{entry['mechanism']}-{entry['number']}",
                    "title": title.get("ar") or title.get("en") or str(entry["number"]),
                    "language": "ar",
                    "summary": entry.get("notes") or "",
                    "start_date": dt.date.fromisoformat(entry["start_date"]),
                    "end_date": dt.date.fromisoformat(entry["end_date"]),
                    "venue": entry.get("venue") or "",
                    "modality": entry.get("modality") or "",
                    "workflow_state": WorkflowState.PUBLISHED,
                },
                summary, connection,
            )
    return summary
