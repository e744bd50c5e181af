"""Keep hidden mechanisms and institutions out of a caller's search: filters, `mechanism:` terms in
the query text, and facet buckets name only what the caller may see."""

from __future__ import annotations

import dataclasses
from typing import Any

from content import models as m
from schema.permissions import Viewer, visible_q
from search_index.documents import SearchFilter as BackendFilter
from search_index.query import ast as qa

# A key no row can have: a filter on a hidden key must match nothing, as an unknown key does.
NO_SUCH_KEY = "\x1fhidden"
_MODELS = {"mechanism": m.Mechanism, "institution": m.Institution}


async def visible_keys(viewer: Viewer, kind: str, keys: set[str]) -> set[str]:
    if not keys:
        return set()
    rows = await _MODELS[kind].filter(visible_q(viewer), key__in=list(keys)).values_list("key", flat=True)
    return set(rows)


def _field_keys(node: Any, found: dict[str, set[str]]) -> None:
    if isinstance(node, qa.Field) and node.field in _MODELS:
        found[node.field].add(node.value)
    for child in getattr(node, "children", ()) or ():
        _field_keys(child, found)
    if isinstance(node, qa.Not):
        _field_keys(node.child, found)


def _replace_keys(node: Any, allowed: dict[str, set[str]]) -> Any:
    if isinstance(node, qa.Field) and node.field in _MODELS and node.value not in allowed[node.field]:
        return qa.Field(node.field, NO_SUCH_KEY)
    if isinstance(node, (qa.And, qa.Or)):
        return type(node)(tuple(_replace_keys(c, allowed) for c in node.children))
    if isinstance(node, qa.Not):
        return qa.Not(_replace_keys(node.child, allowed))
    return node


async def restrict_query(viewer: Viewer, query: qa.Query) -> qa.Query:
    found: dict[str, set[str]] = {"mechanism": set(), "institution": set()}
    _field_keys(query.root, found)
    if not any(found.values()):
        return query
    allowed = {kind: await visible_keys(viewer, kind, keys) for kind, keys in found.items()}
    return dataclasses.replace(query, root=_replace_keys(query.root, allowed))


async def restrict_filter(viewer: Viewer, flt: BackendFilter | None) -> BackendFilter | None:
    if flt is None:
        return None
    changes = {}
    for kind, attr in (("mechanism", "mechanisms"), ("institution", "institutions")):
        keys = getattr(flt, attr)
        if keys:
            allowed = await visible_keys(viewer, kind, set(keys))
            changes[attr] = [k for k in keys if k in allowed] or [NO_SUCH_KEY]
    return dataclasses.replace(flt, **changes) if changes else flt
