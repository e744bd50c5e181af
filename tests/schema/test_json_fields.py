"""JSON fields keep the shape their readers rely on; a malformed value is refused, not stored."""

from __future__ import annotations

import pytest

from content import models as m
from schema.permissions import Role
from tests.factories import create
from tests.schema.gqlrun import as_role, run
from schema.core.ids import to_global_id

UPDATE = """mutation ($id: ID!, $v: Int!, $aliases: JSON) {
  updateMechanism(id: $id, version: $v, input: {aliases: $aliases}) {
    node { ... on Mechanism { aliases aliasesAr: aliases(language: "ar") } } errors { field code message } } }"""


@pytest.mark.parametrize("bad", [["x", "y"], {"de": ["Anti-Folter-Ausschuss"]}, {"ar": "لجنة"}, {"ar": [1, 2]}, "نص"])
async def test_malformed_aliases_are_refused(db, bad):
    mech = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية تجريبية", aliases={"ar": ["آلية"]})
    data = await run(UPDATE, {"id": to_global_id("Mechanism", mech.id), "v": mech.version, "aliases": bad},
                     viewer=as_role(Role.REVIEWER))
    assert data["updateMechanism"]["node"] is None
    assert data["updateMechanism"]["errors"][0]["code"] == "INVALID_SHAPE"
    assert (await m.Mechanism.get(id=mech.id)).aliases == {"ar": ["آلية"]}


async def test_well_formed_aliases_are_stored_and_read(db):
    mech = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية تجريبية")
    aliases = {"ar": ["اللجنة التجريبية"], "fr": ["Comité expérimental"]}
    data = await run(UPDATE, {"id": to_global_id("Mechanism", mech.id), "v": mech.version, "aliases": aliases},
                     viewer=as_role(Role.REVIEWER))
    assert data["updateMechanism"]["errors"] == []
    assert data["updateMechanism"]["node"] == {"aliases": ["اللجنة التجريبية", "Comité expérimental"],
                                               "aliasesAr": ["اللجنة التجريبية"]}


async def test_readers_survive_a_malformed_stored_value(db):
    mech = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية ببيانات تالفة", aliases=["x"])
    data = await run("query ($id: ID!) { node(id: $id) { ... on Mechanism { aliases } } }",
                     {"id": to_global_id("Mechanism", mech.id)})
    assert data["node"] == {"aliases": []}
