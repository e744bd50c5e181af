"""Anonymous callers see only published, non-confidential items, in every field and count."""

from __future__ import annotations

import datetime as dt

import pytest

from content import models as m
from schema.core.ids import to_global_id
from schema.permissions import Role
from tests.factories import create, mechanism, measure_with_items
from tests.schema.gqlrun import as_role, run


async def _complaint() -> m.Communication:
    return await create(
        m.Communication, mechanism=await mechanism("cat"), reference="CAT/2021/17",
        title="بلاغ فردي بشأن ادعاءات التعرض لسوء المعاملة", received_date=dt.date(2021, 2, 3),
        confidential=False,  # the service forces it to True
    )


async def test_communications_are_always_confidential(db):
    complaint = await _complaint()
    assert (await m.Communication.get(id=complaint.id)).confidential is True


@pytest.mark.parametrize("role", [Role.ANONYMOUS, Role.PARTNER, Role.EDITOR, Role.REVIEWER])
async def test_confidential_records_are_invisible_without_the_role(db, role):
    complaint = await _complaint()
    viewer = as_role(role)
    data = await run(
        """query ($id: ID!) { communications { totalCount edges { node { id } } }
           node(id: $id) { id }
           mechanisms(filter: {key: "cat"}) { edges { node { communications { id } } } } }""",
        {"id": to_global_id("Communication", complaint.id)}, viewer=viewer,
    )
    assert data["communications"] == {"totalCount": 0, "edges": []}
    assert data["node"] is None
    assert data["mechanisms"]["edges"][0]["node"]["communications"] == []


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.ADMIN])
async def test_case_officers_see_confidential_records(db, role):
    complaint = await _complaint()
    data = await run(
        "{ communications { totalCount edges { node { reference confidential mechanism { acronym } } } } }",
        viewer=as_role(role),
    )
    assert data["communications"]["totalCount"] == 1
    assert data["communications"]["edges"][0]["node"] == {
        "reference": complaint.reference, "confidential": True, "mechanism": {"acronym": "CAT"},
    }


async def test_unpublished_items_hidden_from_anonymous_and_partners(db):
    draft = await measure_with_items(7, state=m.WorkflowState.PRIVATE)
    published = await measure_with_items(8)
    query = """query ($id: ID!) { programMeasures { totalCount edges { node { number } } }
        node(id: $id) { id }
        mechanisms(filter: {key: "cat"}) { edges { node { mentionedIn { measure { number } } } } } }"""
    variables = {"id": to_global_id("ProgramMeasure", draft.id)}
    for role in (Role.ANONYMOUS, Role.PARTNER):
        data = await run(query, variables, viewer=as_role(role))
        assert data["programMeasures"]["totalCount"] == 1
        assert data["programMeasures"]["edges"] == [{"node": {"number": published.number}}]
        assert data["node"] is None
        mentioned = data["mechanisms"]["edges"][0]["node"]["mentionedIn"]
        assert {x["measure"]["number"] for x in mentioned} == {8}
    data = await run(query, variables, viewer=as_role(Role.EDITOR))
    assert data["programMeasures"]["totalCount"] == 2
    assert data["node"] == {"id": variables["id"]}


async def test_effective_window_hides_items_from_public_roles(db):
    now = dt.datetime.now(dt.timezone.utc)
    await create(m.Document, kind=m.DocumentKind.NATIONAL_REPORT, title="تقرير لم يحن موعد نشره",
                 effective=now + dt.timedelta(days=3))
    await create(m.Document, kind=m.DocumentKind.NATIONAL_REPORT, title="تقرير انتهت صلاحيته",
                 expires=now - dt.timedelta(days=1))
    await create(m.Document, kind=m.DocumentKind.NATIONAL_REPORT, title="التقرير الوطني الخامس")
    anonymous = await run("{ documents { totalCount edges { node { title } } } }")
    assert anonymous["documents"]["totalCount"] == 1
    assert anonymous["documents"]["edges"][0]["node"]["title"] == "التقرير الوطني الخامس"
    editor = await run("{ documents { totalCount } }", viewer=as_role(Role.EDITOR))
    assert editor["documents"]["totalCount"] == 3
