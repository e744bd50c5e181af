"""Database side of the PANDDH importer: a status sheet in, a programme measure out.

:func:`import_sheet` reads one sheet (a path, or the text itself), parses it
(:mod:`.parser`), links its items (:mod:`.mentions`, :mod:`.extract`) against
an :class:`~.mentions.AliasIndex` built from the database's Mechanism and
Institution rows (the pure part: :mod:`.planning`), and writes, in **one
transaction per file**:

* the :class:`ProgramMeasure` (found by its number: a changed sheet updates
  it in place), its :class:`MeasureSection` rows and one
  :class:`AchievementItem` per bullet or paragraph;
* the ministry (an Institution found through the aliases, created with kind
  ``ministry`` when unknown) and the sessions the items name (created when
  the reference data lacks them);
* the typed records the items describe (Document, Event and its partners,
  InformationRequest and its mechanisms, NgoInteraction,
  ParliamentaryPresentation), found again on re-import through a
  :class:`SourceKey` that holds their natural key;
* a :class:`Mention` from each item to every mechanism, institution,
  session and record it names, with the sentence and the alias;
* a :class:`ChangeRecord` saying what was created or changed.

Content items are written only through :func:`content.services.items.save_item`
and :func:`~content.services.items.delete_item` (inside the file's
transaction), so every change has its search-outbox row; an item whose links
changed but whose row did not is queued for reindexing too.

Re-import rules
---------------

* The desired state is computed from the sheet and compared with the
  database field by field: importing the same file again writes nothing (no
  rows, no outbox entries, no change record).
* Items are matched to the existing ones by text and position (same text at
  the same position, then same text anywhere, then same position): a
  matched item is updated in place, an unmatched new one is created, an
  existing one left over is deleted.
* Natural keys of NGO interactions and information requests, and any key
  with a missing part (no mechanism, no date, no title), are scoped by the
  measure number; documents, events and presentations with a complete key
  are shared between sheets (the CAT's fifth report is one Document
  whichever measure speaks of it).
* The sheet that created a record *owns* it: its re-import sets the
  record's descriptive fields; another sheet naming the same record only
  fills fields that are empty and moves a document's status forward (never
  back).  A record the sheet no longer produces is deleted when no item
  mentions it any more.

Failures: a sheet that cannot be read or parsed raises
:class:`SheetImportError` (``"<file>:<line>: <reason>"``) before anything is
written; an error while writing rolls the file's transaction back.
:func:`import_sheets` imports many files, each in its own transaction, and
reports every file's result (a failure does not stop the batch).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, Literal

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model
from tortoise.transactions import in_transaction

from content.models import (
    AchievementItem,
    AchievementItemKind,
    AuditEntry,
    ChangeRecord,
    Tombstone,
    ContentItem,
    Document,
    DocumentKind,
    DocumentStatus,
    Event,
    EventKind,
    EventPartner,
    InformationRequest,
    InformationRequestKind,
    InformationRequestMechanism,
    Institution,
    InstitutionKind,
    Language,
    MeasureSection,
    Mechanism,
    Mention,
    NgoInteraction,
    NgoInteractionKind,
    ParliamentaryPresentation,
    ProgramMeasure,
    Session,
    SourceKey,
    WorkflowState,
)
from content.services.items import delete_item, save_item
from content.services.outbox import UPSERT, record_changes

from . import extract as ex
from .mentions import AliasEntry, AliasIndex, tokenize
from .parser import ParsedSheet
from .planning import Plan, RecordKey, RecordPlan, SheetImportError, plan_sheet, read_sheet, short_title

__all__ = [
    "BatchResult",
    "Catalog",
    "ImportResult",
    "SheetImportError",
    "import_sheet",
    "import_sheets",
]

SOURCE = "panddh"
Status = Literal["created", "updated", "unchanged", "failed"]


# --------------------------------------------------------------------------
# Results and errors


@dataclass
class ImportResult:
    """What importing one sheet did."""

    source: str
    status: Status
    measure_number: int | None = None
    measure_id: uuid.UUID | None = None
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    links: int = 0  # mentions and link rows made
    change_record_id: uuid.UUID | None = None
    error: SheetImportError | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass
class BatchResult:
    """Results of :func:`import_sheets`, one per file, in the order given."""

    results: list[ImportResult] = field(default_factory=list)

    @property
    def failures(self) -> list[ImportResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def summary(self) -> dict[str, Any]:
        counts = Counter(r.status for r in self.results)
        created: Counter[str] = Counter()
        updated: Counter[str] = Counter()
        deleted: Counter[str] = Counter()
        for r in self.results:
            created.update(r.created)
            updated.update(r.updated)
            deleted.update(r.deleted)
        return {
            "files": len(self.results),
            "created": counts["created"],
            "updated": counts["updated"],
            "unchanged": counts["unchanged"],
            "failed": counts["failed"],
            "links": sum(r.links for r in self.results),
            "rows_created": dict(sorted(created.items())),
            "rows_updated": dict(sorted(updated.items())),
            "rows_deleted": dict(sorted(deleted.items())),
        }


# --------------------------------------------------------------------------
# The catalog: entities the alias index links to


def _entity_key(row: Mechanism | Institution) -> str:
    return row.key or f"id:{row.id}"


class Catalog:
    """Mechanisms, institutions and sessions of the database, and the alias index over them.

    Built once per batch (:meth:`load`); rows the importer creates are added
    as it goes, and a batch reloads it after a failed file.
    """

    def __init__(
        self, mechanisms: Sequence[Mechanism], institutions: Sequence[Institution],
        sessions: Sequence[Session],
    ) -> None:
        self.entities: dict[tuple[str, str], Mechanism | Institution] = {}
        self._by_id: dict[uuid.UUID, Mechanism | Institution] = {}
        for row in mechanisms:
            self.entities[("mechanism", _entity_key(row))] = row
            self._by_id[row.id] = row
        for row in institutions:
            self.entities[("institution", _entity_key(row))] = row
            self._by_id[row.id] = row
        self.sessions: dict[tuple[uuid.UUID, int], Session] = {
            (s.mechanism_id, s.number): s for s in sessions
        }
        self._index: AliasIndex | None = None
        self.dirty = False  # rows added by an import not yet committed

    @classmethod
    async def load(cls, using_db: BaseDBAsyncClient | None = None) -> Catalog:
        return cls(
            await Mechanism.all().using_db(using_db),
            await Institution.all().using_db(using_db),
            await Session.all().using_db(using_db),
        )

    def entries(self) -> Iterable[AliasEntry]:
        for (entity_type, key), row in self.entities.items():
            parent = self._by_id.get(row.parent_id) if row.parent_id else None
            parent_key = _entity_key(parent) if parent is not None else None
            kind = row.kind.value if isinstance(row.kind, Enum) else row.kind
            names = [row.name_ar, row.name_fr, row.name_en, row.acronym or ""]
            if not any(names):
                names.append(row.title)
            for values in (row.aliases or {}).values():
                names.extend([values] if isinstance(values, str) else list(values or ()))
            for alias in names:
                if isinstance(alias, str) and alias.strip():
                    yield AliasEntry(entity_type, key, alias, kind, parent_key)

    @property
    def index(self) -> AliasIndex:
        if self._index is None:
            self._index = AliasIndex.build(self.entries())
        return self._index

    def entity(self, entity_type: str, key: str | None) -> Mechanism | Institution | None:
        if key is None:
            return None
        return self.entities.get((entity_type, key))

    def mechanism(self, key: str | None) -> Mechanism | None:
        row = self.entity("mechanism", key)
        return row if isinstance(row, Mechanism) else None

    def institution(self, key: str | None) -> Institution | None:
        row = self.entity("institution", key)
        return row if isinstance(row, Institution) else None

    def add_institution(self, row: Institution) -> None:
        self.entities[("institution", _entity_key(row))] = row
        self._by_id[row.id] = row
        self._index = None
        self.dirty = True

    def add_session(self, row: Session) -> None:
        self.sessions[(row.mechanism_id, row.number)] = row
        self.dirty = True


# --------------------------------------------------------------------------
# Record types

_RECORD_MODELS: dict[str, type[ContentItem]] = {
    "document": Document,
    "event": Event,
    "information_request": InformationRequest,
    "ngo_interaction": NgoInteraction,
    "parliamentary_presentation": ParliamentaryPresentation,
}

# --------------------------------------------------------------------------
# Writing


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str) and len(value) > 300:
        return value[:300] + "…"
    return value


def _same(current: Any, wanted: Any) -> bool:
    if isinstance(current, Enum):
        current = current.value
    if isinstance(wanted, Enum):
        wanted = wanted.value
    return current == wanted


def _diff(row: Model, wanted: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {
        name: (getattr(row, name), value)
        for name, value in wanted.items()
        if not _same(getattr(row, name), value)
    }


def _key_text(key: RecordKey) -> str:
    return json.dumps(list(key), ensure_ascii=False, separators=(",", ":"))


def _key_hash(key: RecordKey) -> str:
    return hashlib.sha256(f"{SOURCE}:{_key_text(key)}".encode()).hexdigest()


_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _record_slug(key: RecordKey) -> str:
    words = [w for part in key if part is not None for w in _ASCII_WORD.findall(str(part).lower())]
    return ("-".join(words)[:150] + "-" + _key_hash(key)[:10]).strip("-")


_DOC_STATUS_RANK = {DocumentStatus.DRAFTING: 0, DocumentStatus.SUBMITTED: 1, DocumentStatus.REVIEWED: 2}
_EVENT_KINDS = {
    "side_event": EventKind.SIDE_EVENT, "seminar": EventKind.SEMINAR,
    "workshop": EventKind.SEMINAR, "conference": EventKind.OTHER,
}
_REQUEST_KINDS = {
    "questionnaire": InformationRequestKind.QUESTIONNAIRE,
    "information_request": InformationRequestKind.REQUEST_FOR_INFORMATION,
    "questionnaire_and_information_request": InformationRequestKind.QUESTIONNAIRE,
}
_REQUEST_LABELS = {
    "questionnaire": "استبيان",
    "information_request": "طلب معلومات",
    "questionnaire_and_information_request": "استبيانات وطلبات معلومات",
}
_NGO_LABELS = {"report": "تقارير", "allegation": "ادعاءات", "information_request": "طلبات معلومات"}


def _period_date(period: str | None) -> date | None:
    if not period:
        return None
    try:
        if len(period) == 4:
            return date(int(period), 1, 1)
        if len(period) == 7:
            return date(int(period[:4]), int(period[5:7]), 1)
        return date.fromisoformat(period)
    except ValueError:
        return None


@dataclass
class _RecordSpec:
    """Fields of one record: `exact` set by the owning sheet, `fill` only where empty."""

    model: type[ContentItem]
    exact: dict[str, Any]
    fill: dict[str, Any] = field(default_factory=dict)
    status: DocumentStatus | None = None  # documents: moves forward only
    partners: list[uuid.UUID] | None = None  # events: EventPartner institutions
    mechanisms: list[uuid.UUID] | None = None  # information requests


def _spec(plan: RecordPlan, catalog: Catalog, sessions: dict[tuple[str, int], Session]) -> _RecordSpec | None:
    first = plan.records[0]
    if isinstance(first, ex.Document):
        docs = [r for r in plan.records if isinstance(r, ex.Document)]
        mechanism = catalog.mechanism(first.mechanism_key)
        submitted = [r for r in docs if r.status == "submitted"]
        exact = {
            "kind": DocumentKind(first.doc_kind),
            "title": (first.title or short_title(first.sentence))[:1000],
            "summary": first.sentence,
        }
        fill = {
            "mechanism_id": mechanism.id if mechanism else None,
            "cycle": first.cycle,
            "submitted_date": _period_date(submitted[0].period) if submitted else None,
        }
        status = DocumentStatus.SUBMITTED if submitted else DocumentStatus.DRAFTING
        return _RecordSpec(Document, exact, fill, status=status)
    if isinstance(first, ex.Event):
        session = sessions.get(first.session) if first.session else None
        mechanism = catalog.mechanism(first.session[0]) if first.session else None
        partners: list[uuid.UUID] = []
        for key in first.partner_keys:
            institution = catalog.institution(key)
            if institution is not None and institution.id not in partners:
                partners.append(institution.id)
            elif mechanism is None:
                mechanism = catalog.mechanism(key)
        exact = {
            "kind": _EVENT_KINDS.get(first.event_type, EventKind.OTHER),
            "title": (first.title or short_title(first.sentence))[:1000],
            "summary": first.sentence,
            "date": first.date,
            "mechanism_id": mechanism.id if mechanism else None,
            "session_id": session.id if session else None,
        }
        return _RecordSpec(Event, exact, partners=partners)
    if isinstance(first, ex.InformationRequest):
        mechanisms = []
        for key in first.sources:
            mechanism = catalog.mechanism(key)
            if mechanism is not None and mechanism.id not in mechanisms:
                mechanisms.append(mechanism.id)
        label = _REQUEST_LABELS.get(first.request_kind, "طلب معلومات")
        if first.subject:
            title = f"{label}: {first.subject}"
        elif first.count and first.count > 1:
            title = f"{label} ({first.count})"
        else:
            title = label
        exact = {
            "kind": _REQUEST_KINDS.get(first.request_kind, InformationRequestKind.QUESTIONNAIRE),
            "item_count": first.count or 1,
            "title": title[:1000],
            "summary": first.sentence,
        }
        return _RecordSpec(InformationRequest, exact, mechanisms=mechanisms)
    if isinstance(first, ex.NgoInteraction):
        organisation = catalog.institution(first.ngo_key)
        if organisation is None:
            return None
        labels = "، ".join(_NGO_LABELS[k] for k in first.interactions if k in _NGO_LABELS)
        exact = {
            "organisation_id": organisation.id,
            "kind": NgoInteractionKind(first.interactions[0]),
            "title": f"{organisation.title}: {labels}"[:1000],
            "summary": first.sentence,
        }
        return _RecordSpec(NgoInteraction, exact)
    if isinstance(first, ex.ParliamentaryPresentation):
        chamber = catalog.institution(first.chamber_key)
        if chamber is None:
            return None
        committee = catalog.institution(first.committee_key)
        before = f"{committee.title} ب{chamber.title}" if committee else chamber.title
        title = f"عرض أمام {before}"
        if first.subject:
            title += f" بخصوص {first.subject}"
        exact = {
            "chamber_id": chamber.id,
            "committee_id": committee.id if committee else None,
            "date": first.date,
            "presenter_role": (first.presenter_role or "")[:300],
            "title": title[:1000],
            "summary": first.sentence,
        }
        return _RecordSpec(ParliamentaryPresentation, exact)
    return None


class _Run:
    """One file's import inside its transaction: the writes and what they changed."""

    def __init__(self, plan: Plan, catalog: Catalog, state: WorkflowState | None, actor: str,
                 connection: BaseDBAsyncClient) -> None:
        self.plan = plan
        self.catalog = catalog
        # What the sheet creates is published unless told otherwise; what exists keeps the state its
        # reviewers gave it unless a state was asked for (re-importing must not republish a retraction).
        self.requested_state = state
        self.state = state or WorkflowState.PUBLISHED
        self.actor = actor
        self.db = connection
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        self.deleted: Counter[str] = Counter()
        self.links = 0
        self.changes: dict[str, Any] = {}
        self.reindex: set[tuple[str, uuid.UUID]] = set()
        self.saved: set[tuple[str, uuid.UUID]] = set()
        self.changed_sections: set[uuid.UUID] = set()
        self.new_links: dict[type[Model], list[Model]] = {}
        self.new_measure = False  # created by this import: it has no rows of its own yet

    # -- bookkeeping

    def note(self, section: str, what: str, value: Any) -> None:
        self.changes.setdefault(section, {}).setdefault(what, []).append(value)

    @property
    def changed(self) -> bool:
        """Content or links changed (adopting a record's natural key is bookkeeping only)."""
        return any(
            n for counter in (self.created, self.updated, self.deleted)
            for kind, n in counter.items() if kind != "SourceKey"
        )

    async def save(self, item: ContentItem, *, created: bool) -> None:
        if not created:
            item.version += 1  # an editor holding the old version gets a conflict, not a silent overwrite
        await save_item(item, actor=self.actor, using_db=self.db)
        name = type(item).__name__
        (self.created if created else self.updated)[name] += 1
        self.saved.add((name, item.id))

    async def delete(self, item: ContentItem) -> None:
        # Like any delete: a tombstone for change feeds, then the row and its outbox entry.
        await Tombstone.create(
            item_type=type(item).__name__, item_id=item.id, title=item.title[:1000], actor=self.actor,
            was_public=item.workflow_state == WorkflowState.PUBLISHED and not item.confidential, using_db=self.db,
        )
        await delete_item(item, using_db=self.db)
        self.deleted[type(item).__name__] += 1

    # -- the steps

    async def run(self) -> ProgramMeasure:
        sheet = self.plan.sheet
        measure = await ProgramMeasure.get_or_none(number=sheet.number, using_db=self.db)
        ministry = await self.ministry(sheet.ministry)
        sessions = await self.sessions()
        measure = await self.measure(measure, ministry)
        records = await self.records(measure, sessions)
        sections, old_sections = await self.sections(measure)
        items = await self.items(measure, sections)
        for section in old_sections:
            await section.delete(using_db=self.db)
            self.deleted["MeasureSection"] += 1
            self.note("sections", "deleted", section.position)
        await self.mentions(items, sessions, records)
        await self.drop_orphans(measure, records)
        pending = [(t, i) for t, i in sorted(self.reindex - self.saved, key=str)]
        if pending:
            await record_changes([(t, i, UPSERT) for t, i in pending], using_db=self.db)
            self.updated["reindexed"] += len(pending)
        return measure

    async def ministry(self, text: str | None) -> Institution | None:
        if not text:
            return None
        tokens = tokenize(text)
        best: Institution | None = None
        for m in self.catalog.index.find(text):
            if m.entity_type != "institution":
                continue
            # the alias must cover the whole name (a clitic aside), not a part of it
            if tokens and m.start <= tokens[0].end and m.end >= tokens[-1].end:
                best = self.catalog.institution(m.key)
                if best is not None and best.kind == InstitutionKind.MINISTRY:
                    break
        if best is not None:
            return best
        name = " ".join(text.split())[:500]
        row = Institution(
            kind=InstitutionKind.MINISTRY, title=name, name_ar=name, language=Language.AR,
            slug=f"ministry-{hashlib.sha256(name.encode()).hexdigest()[:12]}",
            workflow_state=self.state,
        )
        await self.save(row, created=True)
        self.catalog.add_institution(row)
        self.note("institutions", "created", name)
        return row

    async def sessions(self) -> dict[tuple[str, int], Session]:
        out: dict[tuple[str, int], Session] = {}
        for key, number in sorted(self.plan.sessions):
            mechanism = self.catalog.mechanism(key)
            if mechanism is None:
                continue
            row = self.catalog.sessions.get((mechanism.id, number))
            if row is None:
                row = await Session.get_or_none(
                    mechanism_id=mechanism.id, number=number, using_db=self.db
                )
            if row is None:
                row = Session(
                    mechanism_id=mechanism.id, number=number, language=Language.AR,
                    title=f"الدورة {number} لـ{mechanism.name_ar or mechanism.title}"[:1000],
                    slug=f"{(mechanism.key or 'mechanism').replace('_', '-')}-{number}",
                    workflow_state=self.state,
                )
                await self.save(row, created=True)
                self.note("sessions", "created", f"{key}:{number}")
            if (mechanism.id, number) not in self.catalog.sessions:
                self.catalog.add_session(row)
            out[(key, number)] = row
        return out

    async def measure(self, measure: ProgramMeasure | None, ministry: Institution | None) -> ProgramMeasure:
        sheet = self.plan.sheet
        wanted = {
            "title": (sheet.name or f"الإجراء رقم {sheet.number}")[:1000],
            "axis": (sheet.axis or "")[:1000],
            "sub_measure_name": sheet.sub_measure_name[:1000] if sheet.sub_measure_name else None,
            "description_items": list(sheet.description_items),
            "objectives": list(sheet.objectives),
            "ministry_id": ministry.id if ministry else None,
            "status": sheet.status_text or "",
            "status_as_of": sheet.status_as_of,
            "workflow_state": self.state,
            "language": Language.AR,
            "slug": f"measure-{sheet.number}",
        }
        if measure is None:
            measure = ProgramMeasure(number=sheet.number, **wanted)
            await self.save(measure, created=True)
            self.new_measure = True
            self.changes["action"] = "created"
            return measure
        if self.requested_state is None:
            del wanted["workflow_state"]
        changed = _diff(measure, wanted)
        if changed:
            for name, (_, value) in changed.items():
                setattr(measure, name, value)
            await self.save(measure, created=False)
            self.changes["measure"] = {
                name: [_jsonable(old), _jsonable(new)] for name, (old, new) in changed.items()
            }
        return measure

    async def records(
        self, measure: ProgramMeasure, sessions: dict[tuple[str, int], Session]
    ) -> dict[RecordKey, tuple[str, uuid.UUID]]:
        """Create or update the sheet's records; (type name, id) by key."""
        plans = self.plan.records
        hashes = {_key_hash(key): key for key in plans}
        keys = {
            sk.key_hash: sk
            for sk in await SourceKey.filter(key_hash__in=list(hashes)).using_db(self.db)
        } if hashes else {}
        specs = {key: _spec(plan, self.catalog, sessions) for key, plan in plans.items()}
        # current rows, by type
        wanted_ids: dict[type[ContentItem], list[uuid.UUID]] = {}
        for h, sk in keys.items():
            spec = specs.get(hashes[h])
            if spec is not None and sk.target_type == spec.model.__name__:
                wanted_ids.setdefault(spec.model, []).append(sk.target_id)
        rows: dict[uuid.UUID, ContentItem] = {}
        for model, ids in wanted_ids.items():
            for row in await model.filter(id__in=ids).using_db(self.db):
                rows[row.id] = row
        partner_links = await self._links(EventPartner, "event_id", "institution_id", rows)
        mechanism_links = await self._links(
            InformationRequestMechanism, "information_request_id", "mechanism_id", rows
        )

        out: dict[RecordKey, tuple[str, uuid.UUID]] = {}
        new_keys: list[SourceKey] = []
        for key, plan in plans.items():
            spec = specs[key]
            if spec is None:
                continue
            h = _key_hash(key)
            sk = keys.get(h)
            row = rows.get(sk.target_id) if sk is not None and sk.target_type == spec.model.__name__ else None
            if sk is not None and row is not None and sk.measure_id is None:
                sk.measure_id = measure.id  # nobody owned it (its sheet was deleted): this one does now
                await sk.save(using_db=self.db)
                self.updated["SourceKey"] += 1
            owned = sk is None or row is None or sk.measure_id == measure.id
            created = row is None
            if created:
                row = spec.model(
                    **spec.exact, **spec.fill, language=Language.AR, workflow_state=self.state,
                    slug=_record_slug(key),
                )
                if spec.status is not None:
                    row.status = spec.status
                await self.save(row, created=True)
                self.note("records", "created", {"type": spec.model.__name__, "key": list(key)})
                if sk is None:
                    new_keys.append(SourceKey(
                        source=SOURCE, key=_key_text(key), key_hash=h,
                        target_type=spec.model.__name__, target_id=row.id, measure_id=measure.id,
                    ))
                else:  # the record was deleted by someone: make it again, under the same key
                    sk.target_type, sk.target_id, sk.measure_id = spec.model.__name__, row.id, measure.id
                    await sk.save(using_db=self.db)
            else:
                wanted: dict[str, Any] = {}
                if owned:
                    wanted.update(spec.exact)
                    if self.requested_state is not None:
                        wanted["workflow_state"] = self.requested_state
                    wanted["slug"] = _record_slug(key)
                else:
                    wanted.update({k: v for k, v in spec.exact.items() if getattr(row, k) in (None, "")})
                wanted.update({
                    k: v for k, v in spec.fill.items() if v is not None and getattr(row, k) in (None, "")
                })
                if spec.status is not None and _DOC_STATUS_RANK[spec.status] > _DOC_STATUS_RANK[
                    DocumentStatus(row.status)
                ]:
                    wanted["status"] = spec.status
                changed = _diff(row, wanted)
                if changed:
                    for name, (_, value) in changed.items():
                        setattr(row, name, value)
                    await self.save(row, created=False)
                    self.note("records", "updated", {
                        "type": spec.model.__name__, "key": list(key), "fields": sorted(changed),
                    })
            assert row is not None
            if spec.partners is not None:
                await self._sync_links(EventPartner, "event_id", "institution_id", row,
                                       spec.partners, partner_links.get(row.id, []), exact=owned)
            if spec.mechanisms is not None:
                await self._sync_links(InformationRequestMechanism, "information_request_id",
                                       "mechanism_id", row, spec.mechanisms,
                                       mechanism_links.get(row.id, []), exact=owned)
            out[key] = (spec.model.__name__, row.id)
        if new_keys:
            await SourceKey.bulk_create(new_keys, using_db=self.db)
        for model, links in self.new_links.items():
            await model.bulk_create(links, using_db=self.db)
        return out

    async def _links(self, model: type[Model], owner: str, target: str,
                     rows: dict[uuid.UUID, ContentItem]) -> dict[uuid.UUID, list[Model]]:
        owners = [i for i, r in rows.items() if _owns(model, r)]
        if not owners:
            return {}
        out: dict[uuid.UUID, list[Model]] = {}
        for link in await model.filter(**{f"{owner}__in": owners}).using_db(self.db).order_by("id"):
            out.setdefault(getattr(link, owner), []).append(link)
        return out

    async def _sync_links(self, model: type[Model], owner: str, target: str, row: ContentItem,
                          wanted: list[uuid.UUID], current: list[Model], *, exact: bool) -> None:
        have = {getattr(link, target): link for link in current}
        added = [t for t in wanted if t not in have]
        removed = [link for t, link in have.items() if t not in wanted] if exact else []
        for t in added:
            self.new_links.setdefault(model, []).append(model(**{owner: row.id, target: t}))
            self.created[model.__name__] += 1
            self.links += 1
        for link in removed:
            await link.delete(using_db=self.db)
            self.deleted[model.__name__] += 1
        if added or removed:
            self.reindex.add((type(row).__name__, row.id))
            self.note("links", model.__name__, {
                "record": str(row.id), "added": len(added), "removed": len(removed),
            })

    async def sections(self, measure: ProgramMeasure) -> tuple[list[MeasureSection], list[MeasureSection]]:
        """The sheet's section rows in order (matched by position), and the rows left over."""
        existing = [] if self.new_measure else await MeasureSection.filter(
            measure_id=measure.id).using_db(self.db).order_by("position")
        by_position = {s.position: s for s in existing}
        out: list[MeasureSection] = []
        new: list[MeasureSection] = []
        for position, (number, title) in enumerate(self.plan.sections, start=1):
            title = title[:1000]
            row = by_position.pop(position, None)
            if row is None:
                row = MeasureSection(measure_id=measure.id, position=position, number=number, title=title)
                new.append(row)
                self.created["MeasureSection"] += 1
                self.note("sections", "created", position)
            elif row.number != number or row.title != title:
                row.number, row.title = number, title
                await row.save(using_db=self.db)
                self.updated["MeasureSection"] += 1
                self.note("sections", "updated", position)
                self.changed_sections.add(row.id)
            out.append(row)
        if new:
            await MeasureSection.bulk_create(new, using_db=self.db)
        return out, list(by_position.values())

    async def items(self, measure: ProgramMeasure, sections: list[MeasureSection]) -> list[AchievementItem]:
        existing = [] if self.new_measure else list(
            await AchievementItem.filter(measure_id=measure.id).using_db(self.db).order_by("position")
        )
        plans = self.plan.items
        match: list[AchievementItem | None] = [None] * len(plans)
        free = {row.id: row for row in existing}
        # 1. same text at the same position, 2. same text anywhere, 3. same position
        for rule in (
            lambda p, r: r.body == p.text and r.position == p.position,
            lambda p, r: r.body == p.text,
            lambda p, r: r.position == p.position,
        ):
            for i, plan in enumerate(plans):
                if match[i] is not None:
                    continue
                for row in free.values():
                    if rule(plan, row):
                        match[i] = row
                        del free[row.id]
                        break
        # items whose section title changed are reindexed (a hit shows its section)
        changed_sections = self.changed_sections
        out: list[AchievementItem] = []
        for plan, row in zip(plans, match):
            section = sections[plan.section]
            wanted = {
                "section_id": section.id,
                "position": plan.position,
                "kind": AchievementItemKind(plan.kind),
                "title": plan.title[:1000],
                "body": plan.text,
                "slug": f"measure-{measure.number}-item-{plan.position}",
                "workflow_state": measure.workflow_state,  # passages follow their measure
                "language": Language.AR,
            }
            if row is None:
                row = AchievementItem(measure_id=measure.id, **wanted)
                await self.save(row, created=True)
                self.note("items", "created", plan.position)
            else:
                changed = _diff(row, wanted)
                if changed:
                    for name, (_, value) in changed.items():
                        setattr(row, name, value)
                    await self.save(row, created=False)
                    self.note("items", "updated", {"position": plan.position, "fields": sorted(changed)})
                elif section.id in changed_sections:
                    self.reindex.add(("AchievementItem", row.id))
            out.append(row)
        for row in sorted(free.values(), key=lambda r: r.position):
            await self.delete(row)
            self.note("items", "deleted", {"position": row.position, "title": row.title})
        return out

    async def mentions(
        self, items: list[AchievementItem], sessions: dict[tuple[str, int], Session],
        records: dict[RecordKey, tuple[str, uuid.UUID]],
    ) -> None:
        existing: dict[tuple[uuid.UUID, str, uuid.UUID], Mention] = {}
        if items and not self.new_measure:
            for m in await Mention.filter(item_id__in=[i.id for i in items]).using_db(self.db):
                existing[(m.item_id, m.target_type, m.target_id)] = m
        wanted: dict[tuple[uuid.UUID, str, uuid.UUID], tuple[str, str]] = {}
        for row, plan in zip(items, self.plan.items):
            for mention in plan.mentions:
                target = self._target(mention.ref, sessions, records)
                if target is None:
                    continue
                key = (row.id, *target)
                if key not in wanted:
                    wanted[key] = (mention.sentence, mention.alias[:500])
        new: list[Mention] = []
        touched: set[uuid.UUID] = set()
        for key, (sentence, alias) in wanted.items():
            current = existing.pop(key, None)
            if current is None:
                new.append(Mention(item_id=key[0], target_type=key[1], target_id=key[2],
                                   sentence=sentence, alias=alias))
                touched.add(key[0])
            elif current.sentence != sentence or current.alias != alias:
                current.sentence, current.alias = sentence, alias
                await current.save(using_db=self.db)
                self.updated["Mention"] += 1
                touched.add(key[0])
        if new:
            await Mention.bulk_create(new, using_db=self.db)
            self.created["Mention"] += len(new)
            self.links += len(new)
        if existing:
            await Mention.filter(id__in=[m.id for m in existing.values()]).using_db(self.db).delete()
            self.deleted["Mention"] += len(existing)
            touched.update(k[0] for k in existing)
        for item_id in touched:
            self.reindex.add(("AchievementItem", item_id))
        if new or existing:
            self.changes["mentions"] = {"created": len(new), "deleted": len(existing)}

    def _target(self, ref: tuple[Any, ...], sessions: dict[tuple[str, int], Session],
                records: dict[RecordKey, tuple[str, uuid.UUID]]) -> tuple[str, uuid.UUID] | None:
        if ref[0] == "entity":
            row = self.catalog.entity(ref[1], ref[2])
            return (type(row).__name__, row.id) if row is not None else None
        if ref[0] == "session":
            session = sessions.get((ref[1], ref[2]))
            return ("Session", session.id) if session is not None else None
        return records.get(ref[1])

    async def drop_orphans(self, measure: ProgramMeasure, records: dict[RecordKey, tuple[str, uuid.UUID]]) -> None:
        """Records this sheet owned and no longer produces: deleted when nothing mentions them."""
        if self.new_measure:
            return  # it owned nothing before this import
        kept = {_key_hash(k) for k in records}
        for sk in await SourceKey.filter(measure_id=measure.id).using_db(self.db).order_by("id"):
            if sk.key_hash in kept:
                continue
            model = _RECORD_MODELS_BY_NAME.get(sk.target_type)
            mentioned = await Mention.filter(
                target_type=sk.target_type, target_id=sk.target_id
            ).using_db(self.db).exists()
            if mentioned:
                sk.measure_id = None  # another sheet still speaks of it: nobody owns it now
                await sk.save(using_db=self.db)
                self.updated["SourceKey"] += 1
                continue
            row = await model.get_or_none(id=sk.target_id, using_db=self.db) if model else None
            if row is not None:
                await self.delete(row)
                self.note("records", "deleted", {"type": sk.target_type, "key": json.loads(sk.key)})
            await sk.delete(using_db=self.db)


_RECORD_MODELS_BY_NAME = {m.__name__: m for m in _RECORD_MODELS.values()}


def _owns(model: type[Model], row: ContentItem) -> bool:
    if model is EventPartner:
        return isinstance(row, Event)
    if model is InformationRequestMechanism:
        return isinstance(row, InformationRequest)
    return False


# --------------------------------------------------------------------------
# Entry points


def _state(state: WorkflowState | str | None) -> WorkflowState | None:
    if state is None:
        return None
    try:
        return WorkflowState(state.value if isinstance(state, WorkflowState) else state)
    except ValueError:
        allowed = ", ".join(s.value for s in WorkflowState)
        raise ValueError(f"unknown workflow state {state!r} (one of {allowed})") from None


async def _write(
    sheet: ParsedSheet, name: str, checksum: str, plan: Plan, *, state: WorkflowState | None, actor: str,
    catalog: Catalog, started: float,
) -> ImportResult:
    try:
        async with in_transaction() as connection:
            run = _Run(plan, catalog, state, actor, connection)
            measure = await run.run()
            record_id = None
            if run.changed:
                run.changes.setdefault("action", "updated")
                change = ChangeRecord(
                    measure_id=measure.id, measure_number=sheet.number, changed_at=datetime.now().astimezone(),
                    actor=actor, source=name[:1000], checksum=checksum, action=run.changes["action"],
                    summary={"state": run.state.value, **{k: v for k, v in run.changes.items() if k != "action"}},
                )
                await change.save(using_db=connection)
                record_id = change.id
                await AuditEntry.create(
                    actor=actor, role="importer", action="import", item_type="ProgramMeasure",
                    item_id=measure.id, using_db=connection,
                    detail={"source": name[:1000], "action": run.changes["action"], "change_record": str(change.id)},
                )
    except Exception as exc:
        catalog.dirty = True  # rows added to it were rolled back
        raise SheetImportError(name, None, f"not imported ({type(exc).__name__}: {exc})") from exc
    catalog.dirty = False
    status: Status = "unchanged"
    if run.changed:
        status = "created" if run.changes.get("action") == "created" else "updated"
    return ImportResult(
        source=name, status=status, measure_number=sheet.number, measure_id=measure.id,
        created=run.created, updated=run.updated, deleted=run.deleted, links=run.links,
        change_record_id=record_id, seconds=time.perf_counter() - started,
    )


async def import_sheet(
    path_or_text: str | os.PathLike[str],
    *,
    state: WorkflowState | str | None = None,
    actor: str = "importer",
    source: str | None = None,
    catalog: Catalog | None = None,
) -> ImportResult:
    """Import one sheet (a path, or its text: a ``str`` holding a line break) in one transaction.

    ``source`` names the sheet in errors and change records (default: the
    path, or ``"<string>"``).  Raises :class:`SheetImportError`; the database
    is then as it was.
    """
    wanted = _state(state)
    started = time.perf_counter()
    if catalog is None:
        catalog = await Catalog.load()
    sheet, name, checksum = read_sheet(path_or_text, source)
    plan = plan_sheet(sheet, catalog.index)
    return await _write(sheet, name, checksum, plan, state=wanted, actor=actor, catalog=catalog, started=started)


async def import_sheets(
    paths: Iterable[str | os.PathLike[str]],
    *,
    state: WorkflowState | str | None = None,
    actor: str = "importer",
    on_result: Callable[[ImportResult], object] | None = None,
) -> BatchResult:
    """Import many sheets, each in its own transaction; failures are reported, not raised."""
    wanted = _state(state)
    catalog = await Catalog.load()
    batch = BatchResult()
    for path in paths:
        if catalog.dirty:
            catalog = await Catalog.load()
        started = time.perf_counter()
        try:
            sheet, name, checksum = read_sheet(path)
            plan = plan_sheet(sheet, catalog.index)
            result = await _write(sheet, name, checksum, plan, state=wanted, actor=actor,
                                  catalog=catalog, started=started)
        except SheetImportError as exc:
            result = ImportResult(source=exc.source, status="failed", error=exc,
                                  seconds=time.perf_counter() - started)
        batch.results.append(result)
        if on_result is not None:
            on_result(result)
    return batch
