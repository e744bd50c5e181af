"""Filtering through a record the caller may not see finds nothing, as if it did not exist."""

from __future__ import annotations

from content import models as m
from schema.permissions import Role
from tests.factories import create, mechanism
from tests.schema.gqlrun import as_role, run


async def test_filters_through_hidden_records_find_nothing(db):
    secret = await create(m.Mechanism, key="secretmech", kind=m.MechanismKind.OTHER, title="آلية قيد الإحداث",
                          workflow_state=m.WorkflowState.PRIVATE)
    await create(m.Session, mechanism=secret, number=1, title="الدورة الأولى")
    await create(m.Document, kind=m.DocumentKind.STATEMENT, mechanism=secret, title="بيان حول الآلية الجديدة")
    query = """{ sessions(filter: {mechanismKey: "secretmech"}) { totalCount }
                 documents(filter: {mechanismKey: "secretmech"}) { totalCount } }"""
    assert await run(query) == {"sessions": {"totalCount": 0}, "documents": {"totalCount": 0}}
    assert await run(query, viewer=as_role(Role.EDITOR)) == {"sessions": {"totalCount": 1},
                                                             "documents": {"totalCount": 1}}
    cat = await mechanism("cat")
    assert (await run('{ sessions(filter: {mechanismKey: "cat"}) { totalCount } }'))["sessions"]["totalCount"] == 0
    assert cat.key == "cat"
