"""From content rows to search documents, and the outbox-driven indexer.

The database is the source of truth: the index is rebuilt from it (`rebuild`) and kept up to date
by draining the transactional outbox (`drain_outbox`), which every content write fills.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from tortoise.expressions import Q

from content import models as m
from content.models.base import aliases_in
from content.importers.panddh.dates import find_dates
from content.services import outbox
from search_index.backends.base import SearchBackend
from search_index.documents import SearchDocument
from search_index.leader import Leadership
from search_index.query.aliases import AliasExpander

log = logging.getLogger("marsad.indexer")

BATCH = 500

# The date that places an item in time (the `year` facet), by type; `created` otherwise.
_DATE_FIELD = {
    "Session": "start_date",
    "Document": "submitted_date",
    "Communication": "received_date",
    "InformationRequest": "received_date",
    "NgoInteraction": "received_date",
    "ParliamentaryPresentation": "date",
    "Event": "date",
    "ProgramMeasure": "status_as_of",
}


def doc_id(type_name: str, item_id: uuid.UUID | str) -> str:
    return f"{type_name}:{item_id}"


def parse_doc_id(value: str) -> tuple[str, uuid.UUID]:
    type_name, _, raw = value.partition(":")
    return type_name, uuid.UUID(raw)


# Indexed state of a published item outside its effective window: public roles never match it.
SCHEDULED = "scheduled"


def _public_state(item: m.ContentItem, now: dt.datetime) -> str:
    """The workflow state as search must see it now: published-but-embargoed/expired is not public."""
    state = item.workflow_state.value
    if state == "published" and (
        (item.effective is not None and item.effective > now) or (item.expires is not None and item.expires <= now)
    ):
        return SCHEDULED
    return state


def _item_year(item: m.AchievementItem, measure_years: dict[uuid.UUID, int | None]) -> int | None:
    """When an achievement happened: the first date its text gives, else its sheet's status date."""
    dates = find_dates(item.body)
    return dates[0].date.year if dates else measure_years.get(item.measure_id)


def _year(item: m.ContentItem) -> int | None:
    field = _DATE_FIELD.get(type(item).__name__)
    value = getattr(item, field, None) if field else None
    if value is None and type(item).__name__ == "Document":
        value = item.due_date
    if value is None:
        value = item.created
    return value.year if isinstance(value, (dt.date, dt.datetime)) else None


def _text(item: m.ContentItem) -> str:
    """The searchable body: summary, body and the type's own text fields."""
    parts: list[str] = [item.summary, item.body]
    if isinstance(item, m.ProgramMeasure):
        parts += [item.sub_measure_name or "", item.axis, *item.description_items, *item.objectives, item.status]
    elif isinstance(item, (m.Mechanism, m.Institution, m.Theme)):
        parts += [item.name_ar, item.name_fr, item.name_en, getattr(item, "acronym", None) or ""]
    elif isinstance(item, m.Communication):
        parts += [item.reference, item.allegation_category]
    elif isinstance(item, m.Document):
        parts += [item.symbol or ""]
    return "\n".join(p for p in parts if p)


async def _related_keys(type_name: str, items: Sequence[m.ContentItem]) -> tuple[dict, dict]:
    """Mechanism and institution keys each item is linked to (FKs, link tables, mentions)."""
    ids = [i.id for i in items]
    mech_ids: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    inst_ids: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for item in items:
        for attr in ("mechanism_id",):
            if getattr(item, attr, None):
                mech_ids[item.id].add(getattr(item, attr))
        for attr in ("organisation_id", "chamber_id", "committee_id", "ministry_id"):
            if getattr(item, attr, None):
                inst_ids[item.id].add(getattr(item, attr))
        if isinstance(item, m.Mechanism):
            mech_ids[item.id].add(item.id)
        if isinstance(item, m.Institution):
            inst_ids[item.id].add(item.id)
    if type_name == "InformationRequest":
        for row in await m.InformationRequestMechanism.filter(information_request_id__in=ids).values(
            "information_request_id", "mechanism_id"
        ):
            mech_ids[row["information_request_id"]].add(row["mechanism_id"])
    if type_name == "Event":
        for row in await m.EventPartner.filter(event_id__in=ids).values("event_id", "institution_id"):
            inst_ids[row["event_id"]].add(row["institution_id"])
    if type_name == "Recommendation":
        for row in await m.RecommendationInstitution.filter(recommendation_id__in=ids).values(
            "recommendation_id", "institution_id"
        ):
            inst_ids[row["recommendation_id"]].add(row["institution_id"])
    if type_name in ("AchievementItem", "ProgramMeasure"):
        field = "item_id" if type_name == "AchievementItem" else "item__measure_id"
        rows = await m.Mention.filter(
            **{f"{field}__in": ids}, target_type__in=["Mechanism", "Institution", "Session"]
        ).values(field, "target_type", "target_id")
        # A session mentioned is a mention of its mechanism too ("الدورة 46" is the Council's).
        session_ids = {r["target_id"] for r in rows if r["target_type"] == "Session"}
        session_mechanism = dict(await m.Session.filter(id__in=session_ids).values_list("id", "mechanism_id"))
        for row in rows:
            if row["target_type"] == "Institution":
                inst_ids[row[field]].add(row["target_id"])
            elif row["target_type"] == "Mechanism":
                mech_ids[row[field]].add(row["target_id"])
            elif row["target_id"] in session_mechanism:
                mech_ids[row[field]].add(session_mechanism[row["target_id"]])
    mech_keys = dict(await m.Mechanism.filter(id__in={i for s in mech_ids.values() for i in s}).values_list("id", "key"))
    inst_keys = dict(
        await m.Institution.filter(id__in={i for s in inst_ids.values() for i in s}).values_list("id", "key")
    )

    def keys(ids_by_item: dict, names: dict) -> dict[uuid.UUID, list[str]]:
        return {item: sorted({names[i] or str(i) for i in found if i in names}) for item, found in ids_by_item.items()}

    return keys(mech_ids, mech_keys), keys(inst_ids, inst_keys)


async def documents_for(type_name: str, ids: Iterable[uuid.UUID]) -> list[SearchDocument]:
    model = m.CONTENT_TYPES[type_name]
    items = await model.filter(id__in=list(ids))
    if not items:
        return []
    mechanisms, institutions = await _related_keys(type_name, items)
    attached: dict[uuid.UUID, list[str]] = defaultdict(list)
    for item_id, text in await m.Attachment.filter(item_type=type_name, item_id__in=[i.id for i in items]).order_by(
        "created", "id"
    ).values_list("item_id", "text"):
        attached[item_id].append(text)
    now = dt.datetime.now(dt.timezone.utc)
    states = {i.id: (_public_state(i, now), i.confidential) for i in items}
    if type_name == "AchievementItem":
        measures = await m.ProgramMeasure.filter(id__in={i.measure_id for i in items})
        measure_years = {x.id: (x.status_as_of.year if x.status_as_of else None) for x in measures}
        years = {i.id: _item_year(i, measure_years) for i in items}
        # A passage is only as public as its measure, window included (schema.permissions.visible_rows_q).
        measure_state = {x.id: (_public_state(x, now), x.confidential) for x in measures}
        for i in items:
            state, confidential = measure_state.get(i.measure_id, ("private", False))
            own_state, own_confidential = states[i.id]
            states[i.id] = (own_state if own_state != "published" else state, own_confidential or confidential)
    else:
        years = {i.id: _year(i) for i in items}
    return [
        SearchDocument(
            id=doc_id(type_name, item.id),
            type=type_name,
            # A passage's title is a label cut from its own text: indexing it would count words twice.
            title="" if isinstance(item, m.AchievementItem) else item.title,
            text="\n".join([_text(item), *attached.get(item.id, [])]),
            language=item.language.value,
            year=years[item.id],
            mechanisms=mechanisms.get(item.id, []),
            institutions=institutions.get(item.id, []),
            workflow_state=states[item.id][0],
            confidential=states[item.id][1],
            parent_id=doc_id("ProgramMeasure", item.measure_id) if isinstance(item, m.AchievementItem) else None,
        )
        for item in items
    ]


async def drain_outbox(backend: SearchBackend, limit: int = BATCH) -> int:
    """Apply pending outbox rows to the index; returns how many rows were applied."""
    applied = 0
    while True:
        entries = await outbox.pending(limit)
        if not entries:
            return applied
        # The last operation on an item wins; an upsert re-reads the row (it may be gone since).
        latest: dict[tuple[str, uuid.UUID], str] = {}
        for entry in entries:
            latest[(entry.item_type, entry.item_id)] = entry.operation
        upserts: dict[str, list[uuid.UUID]] = defaultdict(list)
        deletions: list[str] = []
        for (type_name, item_id), operation in latest.items():
            if type_name not in m.CONTENT_TYPES:
                continue
            if operation == outbox.DELETE:
                deletions.append(doc_id(type_name, item_id))
            else:
                upserts[type_name].append(item_id)
        if upserts.get("AchievementItem"):
            # A measure's mechanism and institution facets gather its passages' mentions.
            measure_ids = await m.AchievementItem.filter(id__in=upserts["AchievementItem"]).values_list(
                "measure_id", flat=True)
            upserts.setdefault("ProgramMeasure", [])
            upserts["ProgramMeasure"] = list({*upserts["ProgramMeasure"], *measure_ids})
        if upserts.get("ProgramMeasure"):
            # A measure's state and dates shape its passages' documents: reindex them too.
            item_ids = await m.AchievementItem.filter(measure_id__in=upserts["ProgramMeasure"]).values_list(
                "id", flat=True)
            upserts["AchievementItem"] = list({*upserts.get("AchievementItem", []), *item_ids})
        docs: list[SearchDocument] = []
        for type_name, ids in upserts.items():
            found = await documents_for(type_name, ids)
            docs += found
            present = {d.id for d in found}
            deletions += [doc_id(type_name, i) for i in ids if doc_id(type_name, i) not in present]
        if docs:
            await backend.index(docs)
        if deletions:
            await backend.delete(deletions)
        await outbox.acknowledge(entries)
        applied += len(entries)


async def rebuild(backend: SearchBackend, progress: Any = None) -> int:
    """Clear the index and index every content item from the database; returns the count."""
    await backend.clear()
    await m.OutboxEntry.all().delete()  # everything pending is about to be indexed afresh
    total = 0
    for type_name, model in m.CONTENT_TYPES.items():
        ids = await model.all().order_by("id").values_list("id", flat=True)
        for start in range(0, len(ids), BATCH):
            docs = await documents_for(type_name, ids[start:start + BATCH])
            await backend.index(docs)
            total += len(docs)
            if progress is not None:
                progress(type_name, len(docs))
    return total


async def alias_expander() -> AliasExpander:
    """Query-time alias expansion from the mechanisms' and institutions' names and aliases."""
    entries: list[tuple[str, list[str]]] = []
    for model, prefix in ((m.Mechanism, "mechanism"), (m.Institution, "institution")):
        # Only what anyone may see: a hidden mechanism's names must not steer anyone's search.
        public = model.filter(workflow_state=m.WorkflowState.PUBLISHED, confidential=False)
        for row in await public.values("id", "key", "acronym", "name_ar", "name_fr", "name_en", "aliases"):
            names = [row["name_ar"], row["name_fr"], row["name_en"], row["acronym"] or ""]
            names += aliases_in(row["aliases"])
            entries.append((f"{prefix}:{row['key'] or row['id']}", [n for n in names if n]))
    return AliasExpander(entries)


async def reindex_window_changes(since: dt.datetime | None, until: dt.datetime) -> int:
    """Queue items whose effective or expiry time fell in (since, until] (since=None: any time up to
    `until`): their visibility changed."""
    queued = 0
    for type_name, model in m.CONTENT_TYPES.items():
        if since is None:
            window = Q(effective__lte=until) | Q(expires__lte=until)
        else:
            window = Q(effective__gt=since, effective__lte=until) | Q(expires__gt=since, expires__lte=until)
        ids = await model.filter(window).values_list("id", flat=True)
        if ids:
            await outbox.record_changes([(type_name, i, outbox.UPSERT) for i in ids])
            queued += len(ids)
    return queued


async def reference_stamp() -> tuple:
    """Changes whenever a mechanism or institution (and so an alias) is added, edited or removed."""
    stamp: list = []
    for model in (m.Mechanism, m.Institution):
        latest = await model.all().order_by("-modified").first().values_list("modified", flat=True)
        stamp += [latest, await model.all().count()]
    return tuple(stamp)


async def run_indexer(backend: SearchBackend, leadership: Leadership, interval: float = 1.0) -> None:
    """The server's background task: while this process leads, drain the outbox (errors retried).

    The first time it leads, it rebuilds an empty index from the database (a new or deleted index).
    """
    checked_empty = False
    window_checked = dt.datetime.now(dt.timezone.utc)
    try:
        while True:
            try:
                if await leadership.acquire():
                    if not checked_empty:
                        if await backend.count() == 0:
                            await rebuild(backend)
                        else:
                            # Windows may have opened or closed while no indexer ran.
                            await reindex_window_changes(None, window_checked)
                        checked_empty = True
                    now = dt.datetime.now(dt.timezone.utc)
                    await reindex_window_changes(window_checked, now)
                    window_checked = now
                    await drain_outbox(backend)
            except asyncio.CancelledError:
                raise
            except Exception:  # keep indexing after a transient failure; the rows stay queued
                log.exception("indexing failed; will retry")
            await asyncio.sleep(interval)
    finally:
        await leadership.release()
