"""Relay `node`, global IDs and the Content interface."""

from __future__ import annotations

import base64

from content import models as m
from schema.core.ids import from_global_id, to_global_id
from tests.factories import measure_with_items, mechanism
from tests.schema.gqlrun import run, run_raw


async def test_every_type_round_trips_through_node(db):
    await measure_with_items(4)
    cat = await mechanism("cat")
    data = await run("""query ($id: ID!) { node(id: $id) { id ... on Mechanism { acronym }
        ... on Content { uuid slug language title(language: EN) text workflowState created modified } } }""",
        {"id": to_global_id("Mechanism", cat.id)})
    node = data["node"]
    assert node["acronym"] == "CAT"
    assert node["uuid"] == str(cat.id)
    assert node["title"] == "Committee against Torture"
    assert node["language"] == "AR" and node["workflowState"] == "PUBLISHED"
    assert "مناهضة التعذيب" in node["text"]
    assert from_global_id(node["id"]) == ("Mechanism", cat.id)
    for model in (m.ProgramMeasure, m.AchievementItem, m.Session, m.Institution, m.Theme):
        row = await model.first()
        global_id = to_global_id(model.__name__, row.id)
        found = await run("query ($id: ID!) { node(id: $id) { id __typename } }", {"id": global_id})
        assert found["node"] == {"id": global_id, "__typename": model.__name__}


async def test_unknown_and_malformed_ids(db):
    unknown = to_global_id("Mechanism", "00000000-0000-0000-0000-000000000000")
    assert (await run("query ($id: ID!) { node(id: $id) { id } }", {"id": unknown}))["node"] is None
    for bad, fragment in [
        ("not-an-id", "not a Marsad global ID"),
        (base64.b64encode(b"Nothing:00000000-0000-0000-0000-000000000000").decode(), "there is no type"),
        ("", "not a Marsad global ID"),
    ]:
        result = await run_raw("query ($id: ID!) { node(id: $id) { id } }", {"id": bad})
        assert result.data == {"node": None}
        assert fragment in result.errors[0].message
        assert result.errors[0].extensions["code"] == "INVALID_ID"


async def test_filter_with_id_of_the_wrong_type(db):
    cat = await mechanism("cat")
    result = await run_raw("query ($id: ID!) { sessions(filter: {mechanism: $id}) { totalCount } }",
                           {"id": to_global_id("Institution", cat.id)})
    assert "names a Institution, not a Mechanism" in result.errors[0].message
