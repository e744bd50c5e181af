"""Backup and restore: the whole database as JSON Lines, deterministic and fast to load back.

:func:`export_jsonl` writes every table of the content model — all content
types, link tables, sections, mentions with their sentence and alias, change
records, importers' natural keys and attachment metadata (the attached files
themselves stay under ``MARSAD_HOME/attachments``) — one JSON object per line:

* a header ``{"format": "marsad-jsonl", "tables": [...], "version": 1}``;
* one ``{"row": {column: value}, "table": name}`` per row, tables in
  dependency order (a table comes after the tables it refers to, ties by
  name), rows by primary key;
* a footer ``{"counts": {table: rows}, "end": "marsad-jsonl"}``, so a
  truncated file is noticed.

Keys are sorted, text is UTF-8 (not ``\\u`` escapes), UUIDs and dates are ISO
strings, times are UTC: the same database gives the same bytes, on SQLite and
on PostgreSQL alike.  The search outbox is not exported (it is a queue, not
content): a restore queues every restored content item for indexing instead.

:func:`import_jsonl` restores a file into an **empty** database (it applies
the migrations itself when given a URL) in one transaction, inserting in
batches with ``executemany``; it refuses a database that already holds rows
unless ``merge=True``.  Merging keeps what the database has: a row whose
primary key exists is skipped; a row matching an existing one on a unique key
(a mechanism's ``key``, a session's mechanism and number, a link) is mapped
onto it, and the rows that refer to it follow; a programme measure whose
number exists is the database's, and the dump's sections, items and mentions
of it are left out.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

import orjson
from tortoise import fields as f
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.connection import connections
from tortoise.models import Model
from tortoise.transactions import in_transaction

from content import models as m
from content.db import database

__all__ = [
    "FORMAT",
    "RestoreError",
    "RestoreResult",
    "backup_models",
    "generic_ref",
    "export_jsonl",
    "import_jsonl",
    "insert_rows",
]

FORMAT = "marsad-jsonl"
VERSION = 1
BATCH = 2000
_NOT_EXPORTED = {m.OutboxEntry}
_CONTENT = set(m.CONTENT_TYPES.values())


class RestoreError(Exception):
    """A dump that cannot be restored (``"<file>:<line>: <reason>"``), or a database that may not take it."""


@dataclass
class RestoreResult:
    inserted: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    items: int = 0  # content items inserted (and queued for indexing)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.inserted.values())


# --------------------------------------------------------------------------
# Tables


def _fk_targets(model: type[Model]) -> dict[str, type[Model]]:
    """{source column: referenced model} of the model's foreign keys."""
    meta = model._meta
    out = {}
    for name in meta.fk_fields:
        fk = meta.fields_map[name]
        out[meta.fields_db_projection[fk.source_field]] = fk.related_model
    return out


def generic_ref(model: type[Model]) -> tuple[str, str] | None:
    """(type column, id column) where a table refers to a content item of any type.

    Mentions (``target_*``), attachments, source keys and the editing tables
    (``item_*``) do so: the restore orders them after every content table, and a
    merge remaps the ids there too.
    """
    columns = set(model._meta.fields_db_projection.values())
    fk_columns = set(_fk_targets(model))
    for prefix in ("target", "item"):
        kind, ident = f"{prefix}_type", f"{prefix}_id"
        if kind in columns and ident in columns and ident not in fk_columns:
            return kind, ident
    return None


def backup_models() -> list[type[Model]]:
    """The exported models, in dependency order (ties by table name)."""
    candidates = [
        obj for name in m.__all__
        if isinstance(obj := getattr(m, name), type) and issubclass(obj, Model)
        and not obj._meta.abstract and obj not in _NOT_EXPORTED
    ]
    deps = {
        model: {t for t in _fk_targets(model).values() if t is not model}
        | (_CONTENT if generic_ref(model) else set())
        for model in candidates
    }
    order: list[type[Model]] = []
    done: set[type[Model]] = set()
    while len(order) < len(candidates):
        ready = sorted(
            (mm for mm in candidates if mm not in done and deps[mm] <= done | {mm}),
            key=lambda mm: mm._meta.db_table,
        )
        if not ready:
            raise RuntimeError("circular foreign keys between content tables")
        order.append(ready[0])
        done.add(ready[0])
    return order


def _content_key(row: dict[str, Any]) -> bytes:
    # Sorted keys all the way down: PostgreSQL's jsonb gives back objects in its own key order.
    return orjson.dumps(row, option=orjson.OPT_SORT_KEYS, default=str)


def _columns(model: type[Model]) -> list[tuple[str, str]]:
    """(field name, column) of every stored field, in model order."""
    return list(model._meta.fields_db_projection.items())


def _connection(using_db: BaseDBAsyncClient | None) -> BaseDBAsyncClient:
    return using_db if using_db is not None else connections.get("default")


# --------------------------------------------------------------------------
# Values


def _to_json(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot export a {type(value).__name__}")


def _from_json(fld: f.Field) -> Callable[[Any], Any]:
    """JSON value -> Python value for one field."""
    if isinstance(fld, f.UUIDField):
        return lambda v: v if v is None else uuid.UUID(v)
    if isinstance(fld, f.DatetimeField):
        return lambda v: v if v is None else datetime.fromisoformat(v)
    if isinstance(fld, f.DateField):
        return lambda v: v if v is None else date.fromisoformat(v)
    enum_type = getattr(fld, "enum_type", None)
    if enum_type is not None:
        return lambda v: v if v is None else enum_type(v)
    return lambda v: v


def _default(fld: f.Field) -> Any:
    default = fld.default
    return default() if callable(default) else default


# --------------------------------------------------------------------------
# Export


async def export_jsonl(
    path: str | os.PathLike[str], *, using_db: BaseDBAsyncClient | None = None, batch_size: int = 5000
) -> dict[str, int]:
    """Write the whole database to ``path`` (atomically: a temporary file renamed); rows per table."""
    connection = _connection(using_db)
    models = backup_models()
    target = Path(path)
    tmp = target.with_name(f".{target.name}.partial")
    counts: dict[str, int] = {}
    dumps = orjson.dumps
    option = orjson.OPT_SORT_KEYS
    try:
        with open(tmp, "wb") as out:
            out.write(dumps({"format": FORMAT, "tables": [mm._meta.db_table for mm in models],
                             "version": VERSION}, option=option) + b"\n")
            for model in models:
                table = model._meta.db_table
                names = [name for name, _ in _columns(model)]
                columns = [column for _, column in _columns(model)]
                pk = model._meta.pk_attr
                pk_index = names.index(pk)
                last = None
                count = 0
                while True:
                    query = model.all().using_db(connection).order_by(pk).limit(batch_size)
                    if last is not None:
                        query = query.filter(**{f"{pk}__gt": last})
                    rows = await query.values_list(*names)
                    lines = [
                        dumps({"row": {c: _to_json(v) for c, v in zip(columns, row)}, "table": table},
                              option=option)
                        for row in rows
                    ]
                    if lines:
                        out.write(b"\n".join(lines) + b"\n")
                    count += len(rows)
                    if len(rows) < batch_size:
                        break
                    last = rows[-1][pk_index]
                counts[table] = count
            out.write(dumps({"counts": counts, "end": FORMAT}, option=option) + b"\n")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return counts


# --------------------------------------------------------------------------
# Insert


class _Writer:
    """Batched INSERTs for one model, values converted as Tortoise would, bypassing auto-now fields."""

    def __init__(self, model: type[Model], connection: BaseDBAsyncClient, *, with_pk: bool = True) -> None:
        self.model = model
        self.connection = connection
        executor = connection.executor_class(model=model, db=connection)
        meta = model._meta
        generated = bool(meta.generated_db_fields)
        if with_pk or not generated:
            self.sql, names = executor.insert_query_all, executor.regular_columns_all
        else:
            self.sql, names = executor.insert_query, executor.regular_columns
        self.fields = [meta.fields_map[name] for name in names]
        self.columns = [meta.fields_db_projection[name] for name in names]
        self.convert = [_from_json(fld) for fld in self.fields]

    def values(self, row: dict[str, Any]) -> list[Any]:
        out = []
        model = self.model
        for fld, column, convert in zip(self.fields, self.columns, self.convert):
            if column in row:
                value = convert(row[column])
            else:
                value = _default(fld)
            # the model class, not an instance: auto_now/auto_now_add keep the stored values
            out.append(fld.to_db_value(value, model))
        return out

    async def write(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.connection.execute_many(self.sql, [self.values(r) for r in rows])


async def insert_rows(
    model: type[Model], rows: list[dict[str, Any]], *, using_db: BaseDBAsyncClient | None = None,
    queue: bool = True,
) -> None:
    """Insert rows given as {column: JSON value} in one ``executemany`` (fast path for bulk loads).

    Content rows are queued in the search outbox (``queue``), in the same
    connection, so bulk-loaded content is indexed like any other.
    """
    if not rows:
        return
    connection = _connection(using_db)
    # rows without their generated integer key get one from the database
    with_pk = not model._meta.generated_db_fields or model._meta.db_pk_column in rows[0]
    await _Writer(model, connection, with_pk=with_pk).write(rows)
    if queue and model in _CONTENT:
        await _queue(model.__name__, [r["id"] for r in rows], connection)


async def _queue(type_name: str, ids: list[Any], connection: BaseDBAsyncClient) -> None:
    if not ids:
        return
    now = datetime.now(timezone.utc).isoformat()
    await _Writer(m.OutboxEntry, connection, with_pk=False).write(
        [{"item_type": type_name, "item_id": str(i), "operation": "upsert", "created": now} for i in ids]
    )


async def _reset_sequences(connection: BaseDBAsyncClient, models: list[type[Model]]) -> None:
    """PostgreSQL: move serial sequences past the ids inserted explicitly."""
    if connection.capabilities.dialect != "postgres":
        return
    for model in [*models, m.OutboxEntry]:
        meta = model._meta
        if not meta.generated_db_fields:
            continue
        table, column = meta.db_table, meta.db_pk_column
        await connection.execute_script(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f"COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)"
        )


# --------------------------------------------------------------------------
# Import


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise RestoreError(f"{path}:{number}: not JSON ({exc})") from None
            if not isinstance(obj, dict):
                raise RestoreError(f"{path}:{number}: expected a JSON object")
            yield number, obj


async def _row_counts(connection: BaseDBAsyncClient, models: list[type[Model]]) -> dict[str, int]:
    counts = {}
    for model in models:
        n = await model.all().using_db(connection).count()
        if n:
            counts[model._meta.db_table] = n
    return counts


def _parents_first(rows: list[dict[str, Any]], column: str, pk: str) -> list[dict[str, Any]]:
    """Rows of a self-referencing table ordered so that a parent precedes its children."""
    by_pk = {r[pk]: r for r in rows}
    out: list[dict[str, Any]] = []
    placed: set[Any] = set()

    def place(row: dict[str, Any], seen: set[Any]) -> None:
        key = row[pk]
        if key in placed:
            return
        parent = row.get(column)
        if parent is not None and parent in by_pk and parent not in seen:
            place(by_pk[parent], seen | {key})
        placed.add(key)
        out.append(row)

    for row in rows:
        place(row, {row[pk]})
    return out


class _Merge:
    """What the database already holds, to skip or remap the dump's rows onto it."""

    def __init__(self) -> None:
        self.id_map: dict[Any, Any] = {}
        self.superseded: set[Any] = set()  # dump rows left out, with the rows that depend on them
        self.pks: dict[type[Model], set[Any]] = {}
        self.unique: dict[type[Model], dict[tuple[str, ...], dict[tuple[Any, ...], Any]]] = {}
        # Rows with a generated key and no unique one (audit entries, revisions): known by content.
        self.contents: dict[type[Model], set[bytes]] = {}

    @staticmethod
    def unique_sets(model: type[Model]) -> list[tuple[str, ...]]:
        meta = model._meta
        sets = [
            (meta.fields_db_projection[name],) for name, fld in meta.fields_map.items()
            if fld.unique and not fld.pk and name in meta.fields_db_projection
        ]
        for together in meta.unique_together or ():
            cols = []
            for name in together:
                fld = meta.fields_map[name]
                source = getattr(fld, "source_field", None) or name
                cols.append(meta.fields_db_projection[source])
            sets.append(tuple(cols))
        return sets

    async def load(self, model: type[Model], connection: BaseDBAsyncClient) -> None:
        meta = model._meta
        names = {column: name for name, column in _columns(model)}
        sets = self.unique_sets(model)
        wanted = sorted({meta.db_pk_column, *(c for s in sets for c in s)})
        rows = await model.all().using_db(connection).values_list(*[names[c] for c in wanted])
        pk_i = wanted.index(meta.db_pk_column)
        self.pks[model] = {_to_json(r[pk_i]) for r in rows}
        self.unique[model] = {
            s: {tuple(_to_json(r[wanted.index(c)]) for c in s): _to_json(r[pk_i]) for r in rows} for s in sets
        }
        if meta.generated_db_fields and not sets:
            columns = [c for _, c in _columns(model) if c != meta.db_pk_column]
            stored = await model.all().using_db(connection).values_list(*[names[c] for c in columns])
            self.contents[model] = {_content_key(dict(zip(columns, map(_to_json, r)))) for r in stored}

    def place(self, model: type[Model], row: dict[str, Any], fks: dict[str, type[Model]]) -> bool:
        """Remap the row's references; True if it is to be inserted."""
        meta = model._meta
        pk = meta.db_pk_column
        for column in fks:
            value = row.get(column)
            if value is None:
                continue
            if value in self.superseded:
                self.superseded.add(row[pk])
                return False
            row[column] = self.id_map.get(value, value)
        ref = generic_ref(model)
        if ref is not None and row.get(ref[1]) is not None:
            if row[ref[1]] in self.superseded:
                self.superseded.add(row[pk])
                return False
            row[ref[1]] = self.id_map.get(row[ref[1]], row[ref[1]])
        # generated integer keys mean nothing across databases: only unique keys match those rows
        if not meta.generated_db_fields and row[pk] in self.pks[model]:
            return False
        if model in self.contents:
            key = _content_key({c: v for c, v in row.items() if c != pk})
            if key in self.contents[model]:
                return False
            self.contents[model].add(key)
        for columns, existing in self.unique[model].items():
            values = tuple(row.get(c) for c in columns)
            if None in values:
                continue
            match = existing.get(values)
            if match is not None:
                if model is m.ProgramMeasure:
                    self.superseded.add(row[pk])  # the database's measure, with its own items
                else:
                    self.id_map[row[pk]] = match
                return False
        for columns, existing in self.unique[model].items():
            values = tuple(row.get(c) for c in columns)
            if None not in values:
                existing[values] = row[pk]
        self.pks[model].add(row[pk])
        return True


async def import_jsonl(
    path: str | os.PathLike[str],
    merge: bool = False,
    *,
    database_url: str | None = None,
    batch_size: int = BATCH,
    progress: Callable[[str, int], object] | None = None,
) -> RestoreResult:
    """Restore a dump written by :func:`export_jsonl`, in one transaction.

    With ``database_url`` the database is migrated (created if need be),
    opened for the restore and closed again; without it, the database
    Tortoise has open is used.  Raises :class:`RestoreError`.
    ``progress(table, rows)`` is called after each batch.
    """
    if database_url is not None:
        async with database(database_url):
            return await _restore(Path(path), merge, batch_size, progress)
    return await _restore(Path(path), merge, batch_size, progress)


async def _restore(
    path: Path, merge: bool, batch_size: int, progress: Callable[[str, int], object] | None
) -> RestoreResult:
    started = time.perf_counter()
    models = backup_models()
    by_table = {mm._meta.db_table: mm for mm in models}
    rank = {mm._meta.db_table: i for i, mm in enumerate(models)}
    if not path.is_file():
        raise RestoreError(f"{path}: no such file")
    lines = _lines(path)
    try:
        number, header = next(lines)
    except StopIteration:
        raise RestoreError(f"{path}:1: empty file, not a Marsad dump") from None
    if header.get("format") != FORMAT:
        raise RestoreError(f"{path}:{number}: not a Marsad dump (no {FORMAT!r} header)")
    if header.get("version") != VERSION:
        raise RestoreError(f"{path}:{number}: dump version {header.get('version')!r}, this Marsad reads {VERSION}")

    result = RestoreResult()
    connection = connections.get("default")
    existing = await _row_counts(connection, models)
    if existing and not merge:
        total = sum(existing.values())
        some = ", ".join(f"{n} {t}" for t, n in sorted(existing.items(), key=lambda kv: -kv[1])[:3])
        raise RestoreError(
            f"the database already holds {total} rows ({some}, ...): restore into an empty database, "
            "or merge into this one (--merge)"
        )

    async with in_transaction() as conn:
        merger = _Merge() if merge else None
        writers: dict[type[Model], _Writer] = {}
        fks_of: dict[type[Model], dict[str, type[Model]]] = {}
        counts: dict[str, int] = {}
        current: type[Model] | None = None
        pending: list[dict[str, Any]] = []
        footer: dict[str, Any] | None = None

        async def flush() -> None:
            nonlocal pending
            if current is None or not pending:
                return
            model = current
            rows = pending
            pending = []
            meta = model._meta
            pk = meta.db_pk_column
            self_fk = [c for c, t in fks_of[model].items() if t is model]
            if self_fk:
                rows = _parents_first(rows, self_fk[0], pk)
            if merger is not None:
                kept = [r for r in rows if merger.place(model, r, fks_of[model])]
                result.skipped[meta.db_table] = result.skipped.get(meta.db_table, 0) + len(rows) - len(kept)
                rows = kept
            await writers[model].write(rows)
            result.inserted[meta.db_table] = result.inserted.get(meta.db_table, 0) + len(rows)
            if model in _CONTENT:
                await _queue(model.__name__, [r[pk] for r in rows], conn)
                result.items += len(rows)
            if progress is not None:
                progress(meta.db_table, len(rows))

        for number, obj in lines:
            if footer is not None:
                raise RestoreError(f"{path}:{number}: data after the end of the dump")
            if "end" in obj:
                footer = obj
                continue
            table, row = obj.get("table"), obj.get("row")
            model = by_table.get(table) if isinstance(table, str) else None
            if model is None or not isinstance(row, dict):
                raise RestoreError(f"{path}:{number}: unknown table {table!r}" if model is None
                                   else f"{path}:{number}: a row must be an object")
            if model is not current:
                if current is not None and rank[table] < rank[current._meta.db_table]:
                    raise RestoreError(f"{path}:{number}: table {table!r} out of order")
                if model in writers:
                    raise RestoreError(f"{path}:{number}: table {table!r} appears twice")
                await flush()
                current = model
                meta = model._meta
                unknown = set(row) - set(meta.fields_db_projection.values())
                if unknown:
                    raise RestoreError(f"{path}:{number}: unknown columns of {table}: {sorted(unknown)}")
                writers[model] = _Writer(model, conn, with_pk=merger is None or not meta.generated_db_fields)
                fks_of[model] = _fk_targets(model)
                if merger is not None:
                    await merger.load(model, conn)
            if meta.db_pk_column not in row:
                raise RestoreError(f"{path}:{number}: row of {table} without {meta.db_pk_column!r}")
            pending.append(row)
            counts[table] = counts.get(table, 0) + 1
            # self-referencing tables are written whole (parents first)
            if len(pending) >= batch_size and not any(t is model for t in fks_of[model].values()):
                try:
                    await flush()
                except RestoreError:
                    raise
                except Exception as exc:
                    raise RestoreError(f"{path}:{number}: {table}: {type(exc).__name__}: {exc}") from exc
        try:
            await flush()
        except Exception as exc:
            raise RestoreError(f"{path}: {current and current._meta.db_table}: {type(exc).__name__}: {exc}") from exc
        if footer is None:
            raise RestoreError(f"{path}: truncated dump (no end line): nothing restored")
        expected = footer.get("counts") or {}
        if {t: n for t, n in expected.items() if n} != counts:
            raise RestoreError(f"{path}: row counts differ from the dump's end line: nothing restored")
        await _reset_sequences(conn, models)
    result.seconds = time.perf_counter() - started
    return result
