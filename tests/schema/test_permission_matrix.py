"""Every role × every content type × read / create / update / delete / transition, through GraphQL.

The expectations are written out below as tables (not computed by calling schema.permissions), so
a change of the rules has to change this file too. Each test builds one small set of items, in
every workflow state, and runs every role against it.
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import pytest

from content import models as m
from content.services.items import save_item
from schema.core.ids import to_global_id
from schema.permissions import Role
from tests.factories import gid, institution, mechanism, theme
from tests.schema.gqlrun import as_role, run

A, P, E, R, C, D = (Role.ANONYMOUS, Role.PARTNER, Role.EDITOR, Role.REVIEWER, Role.CASE_OFFICER, Role.ADMIN)
ROLES = [A, P, E, R, C, D]
NOBODY: frozenset[Role] = frozenset()
STATES = ["private", "pending", "published", "archived"]
ACTIONS = {  # action -> the state it is taken from in the matrix (one valid source each)
    "submit": "private",
    "publish": "pending",
    "reject": "pending",
    "retract": "published",
    "archive": "published",
}

# --- The expectation tables ----------------------------------------------------------------------
# Ordinary content: everyone reads what is published; the staff (editor, reviewer, case officer,
# admin) read everything; editors change drafts, reviewers and admins change anything.
ORDINARY: dict[tuple[str, str | None], frozenset[Role]] = {
    ("read", "private"): frozenset({E, R, C, D}),
    ("read", "pending"): frozenset({E, R, C, D}),
    ("read", "published"): frozenset({A, P, E, R, C, D}),
    ("read", "archived"): frozenset({E, R, C, D}),
    ("create", None): frozenset({E, R, D}),
    ("update", "private"): frozenset({E, R, D}),
    ("update", "pending"): frozenset({E, R, D}),
    ("update", "published"): frozenset({R, D}),
    ("update", "archived"): frozenset({R, D}),
    ("delete", "private"): frozenset({E, R, D}),
    ("delete", "pending"): frozenset({R, D}),
    ("delete", "published"): frozenset({R, D}),
    ("delete", "archived"): frozenset({R, D}),
    ("submit", "private"): frozenset({E, R, D}),
    ("publish", "pending"): frozenset({R, D}),
    ("reject", "pending"): frozenset({R, D}),
    ("retract", "published"): frozenset({R, D}),
    ("archive", "published"): frozenset({R, D}),
}
# Individual complaints: invisible and unchangeable for every role but case officers and admins,
# in every state.
CONFIDENTIAL: dict[tuple[str, str | None], frozenset[Role]] = {
    ("read", "private"): frozenset({C, D}),
    ("read", "pending"): frozenset({C, D}),
    ("read", "published"): frozenset({C, D}),
    ("read", "archived"): frozenset({C, D}),
    ("create", None): frozenset({C, D}),
    ("update", "private"): frozenset({C, D}),
    ("update", "pending"): frozenset({C, D}),
    ("update", "published"): frozenset({C, D}),
    ("update", "archived"): frozenset({C, D}),
    ("delete", "private"): frozenset({C, D}),
    ("delete", "pending"): frozenset({C, D}),
    ("delete", "published"): frozenset({C, D}),
    ("delete", "archived"): frozenset({C, D}),
    ("submit", "private"): frozenset({C, D}),
    ("publish", "pending"): frozenset({C, D}),
    ("reject", "pending"): frozenset({C, D}),
    ("retract", "published"): frozenset({C, D}),
    ("archive", "published"): frozenset({C, D}),
}
EXPECTED: dict[str, dict[tuple[str, str | None], frozenset[Role]]] = {
    "Mechanism": ORDINARY,
    "Session": ORDINARY,
    "Document": ORDINARY,
    "Recommendation": ORDINARY,
    "Institution": ORDINARY,
    "Communication": CONFIDENTIAL,
    "InformationRequest": ORDINARY,
    "NgoInteraction": ORDINARY,
    "ParliamentaryPresentation": ORDINARY,
    "Event": ORDINARY,
    "ProgramMeasure": ORDINARY,
    "AchievementItem": ORDINARY,
    "Theme": ORDINARY,
}
TYPES = list(EXPECTED)

# Root connections (AchievementItem has none: it is read through its measure and `node`).
CONNECTIONS = {
    "Mechanism": "mechanisms", "Session": "sessions", "Document": "documents",
    "Recommendation": "recommendations", "Institution": "institutions", "Communication": "communications",
    "InformationRequest": "informationRequests", "NgoInteraction": "ngoInteractions",
    "ParliamentaryPresentation": "parliamentaryPresentations", "Event": "events",
    "ProgramMeasure": "programMeasures", "Theme": "themes",
}
# A nested list field reaching the item from a published parent: (parent type, field).
NESTED = {
    "Mechanism": ("Mechanism", "children"), "Session": ("Mechanism", "sessions"),
    "Document": ("Mechanism", "documents"), "Recommendation": ("Mechanism", "recommendations"),
    "Institution": ("Institution", "children"), "Communication": ("Mechanism", "communications"),
    "InformationRequest": ("Mechanism", "informationRequests"),
    "NgoInteraction": ("Institution", "ngoInteractions"),
    "ParliamentaryPresentation": ("Institution", "parliamentaryPresentations"),
    "Event": ("Mechanism", "events"), "ProgramMeasure": ("Institution", "programMeasures"),
    "AchievementItem": ("ProgramMeasure", "items"), "Theme": ("Theme", "children"),
}
MUTATION_TYPE_SNAKE = {name: name[0].lower() + name[1:] for name in TYPES}


def _test_ids(values):
    return [getattr(v, "value", v) for v in values]


# --- Items ---------------------------------------------------------------------------------------

class World:
    """The reference items the test items hang from, and a counter for unique numbers."""

    def __init__(self) -> None:
        self.counter = itertools.count(900)

    async def load(self) -> "World":
        self.cat = await mechanism("cat")
        self.amnesty = await institution("amnesty")
        self.chamber = await institution("house_of_representatives")
        self.ministry = await institution("ministry_hr_parliament")
        self.theme = await theme("torture_prevention")
        self.measure = await save_item(m.ProgramMeasure(
            number=899, slug="measure-899", title="تعزيز التفاعل مع هيئات المعاهدات",
            workflow_state=m.WorkflowState.PUBLISHED), actor="tests")
        self.section = await m.MeasureSection.create(measure=self.measure, position=1, number=1,
                                                     title="القسم الأول")
        return self

    def parent(self, type_name: str) -> Any:
        parent_type, _ = NESTED[type_name]
        if type_name == "AchievementItem":
            return self.measure
        if type_name == "Theme":
            return self.theme
        if type_name in ("Institution", "ProgramMeasure"):
            return self.ministry
        if type_name == "NgoInteraction":
            return self.amnesty
        if type_name == "ParliamentaryPresentation":
            return self.chamber
        assert parent_type == "Mechanism"
        return self.cat

    def fields(self, type_name: str) -> dict[str, Any]:
        """Model values for a minimal valid item hanging from `parent(type_name)`."""
        n = next(self.counter)
        return {
            "Mechanism": lambda: {"kind": m.MechanismKind.OTHER, "parent": self.cat},
            "Session": lambda: {"mechanism": self.cat, "number": n},
            "Document": lambda: {"kind": m.DocumentKind.NATIONAL_REPORT, "mechanism": self.cat},
            "Recommendation": lambda: {"mechanism": self.cat},
            "Institution": lambda: {"kind": m.InstitutionKind.NGO, "parent": self.ministry},
            "Communication": lambda: {"mechanism": self.cat, "reference": f"CAT/{n}/2024"},
            "InformationRequest": lambda: {},
            "NgoInteraction": lambda: {"organisation": self.amnesty, "kind": m.NgoInteractionKind.REPORT},
            "ParliamentaryPresentation": lambda: {"chamber": self.chamber},
            "Event": lambda: {"mechanism": self.cat},
            "ProgramMeasure": lambda: {"number": n, "ministry": self.ministry},
            "AchievementItem": lambda: {"section": self.section, "measure": self.measure, "position": n},
            "Theme": lambda: {"parent": self.theme},
        }[type_name]()

    def create_input(self, type_name: str) -> dict[str, Any]:
        """A minimal valid GraphQL create input (only the required fields)."""
        n = next(self.counter)
        title = {"title": "التقرير الوطني حول إعمال اتفاقية مناهضة التعذيب"}
        return title | {
            "Mechanism": {"kind": "OTHER"},
            "Session": {"mechanism": gid(self.cat), "number": n},
            "Document": {"kind": "NATIONAL_REPORT"},
            "Recommendation": {"mechanism": gid(self.cat)},
            "Institution": {"kind": "NGO"},
            "Communication": {"mechanism": gid(self.cat), "reference": f"CAT/{n}/2024"},
            "InformationRequest": {},
            "NgoInteraction": {"organisation": gid(self.amnesty), "kind": "REPORT"},
            "ParliamentaryPresentation": {"chamber": gid(self.chamber)},
            "Event": {},
            "ProgramMeasure": {"number": n},
            "AchievementItem": {"section": str(self.section.id), "measure": gid(self.measure), "position": n},
            "Theme": {},
        }[type_name]

    async def item(self, type_name: str, state: str) -> m.ContentItem:
        model = m.CONTENT_TYPES[type_name]
        n = next(self.counter)
        item = await save_item(model(
            title=f"عنصر اختبار رقم {n} بشأن حقوق الإنسان", slug=f"matrix-{type_name.lower()}-{n}",
            workflow_state=m.WorkflowState(state), **self.fields(type_name)), actor="tests")
        if type_name == "InformationRequest":
            await m.InformationRequestMechanism.create(information_request=item, mechanism=self.cat)
        return item


@pytest.fixture
async def world(db) -> World:
    return await World().load()


def _unknown_id(type_name: str) -> str:
    return to_global_id(type_name, uuid.UUID("00000000-0000-4000-8000-000000000000"))


def _allowed(expected: frozenset[Role], role: Role) -> str:
    return "allow" if role in expected else "deny"


# --- read ----------------------------------------------------------------------------------------

def _read_query(type_name: str) -> str:
    parent_type, field = NESTED[type_name]
    parts = []
    for state in STATES:
        parts.append(f"node_{state}: node(id: $id_{state}) {{ id }}")
        if type_name in CONNECTIONS:
            parts.append(f"conn_{state}: {CONNECTIONS[type_name]}(filter: {{slug: $slug_{state}}}) "
                         "{ totalCount edges { node { id } } }")
    parts.append(f"parent: node(id: $parent) {{ ... on {parent_type} {{ {field} {{ id }} }} }}")
    slug = ", $slug_{0}: String!" if type_name in CONNECTIONS else ""
    params = ", ".join([f"$id_{{0}}: ID!{slug}".format(s) for s in STATES] + ["$parent: ID!"])
    return f"query ({params}) {{ {' '.join(parts)} }}"


@pytest.mark.parametrize("type_name", TYPES)
async def test_read(world, type_name):
    items = {state: await world.item(type_name, state) for state in STATES}
    query = _read_query(type_name)
    variables = {"parent": gid(world.parent(type_name))}
    for state, item in items.items():
        variables[f"id_{state}"] = gid(item)
        if type_name in CONNECTIONS:
            variables[f"slug_{state}"] = item.slug
    expected, found = {}, {}
    for role in ROLES:
        data = await run(query, variables, viewer=as_role(role))
        nested = {entry["id"] for entry in data["parent"][NESTED[type_name][1]]}
        for state, item in items.items():
            expected[role.value, state] = _allowed(EXPECTED[type_name]["read", state], role)
            ways = {"node": data[f"node_{state}"] is not None, "nested": gid(item) in nested}
            if type_name in CONNECTIONS:
                connection = data[f"conn_{state}"]
                ways["connection"] = [e["node"]["id"] for e in connection["edges"]] == [gid(item)]
                ways["count"] = connection["totalCount"] == 1
            # Every way of reading agrees: all see it, or none does.
            assert len(set(ways.values())) == 1, (role, state, ways)
            found[role.value, state] = "allow" if ways["node"] else "deny"
    assert found == expected


# --- create --------------------------------------------------------------------------------------

def _create_mutation(type_name: str) -> str:
    return (f"mutation ($input: Create{type_name}Input!) {{ create{type_name}(input: $input) {{"
            " node { id workflowState confidential createdBy } errors { field message code } } }")


@pytest.mark.parametrize("type_name", TYPES)
async def test_create(world, type_name):
    model = m.CONTENT_TYPES[type_name]
    expected, found = {}, {}
    for role in ROLES:
        before = await model.all().count()
        result = (await run(_create_mutation(type_name), {"input": world.create_input(type_name)},
                            viewer=as_role(role)))[f"create{type_name}"]
        after = await model.all().count()
        expected[role.value] = _allowed(EXPECTED[type_name]["create", None], role)
        if result["errors"]:
            assert result["node"] is None
            assert after == before, f"{role}: denied but a row was written"
            code = "UNAUTHENTICATED" if role == A else "FORBIDDEN"
            assert [e["code"] for e in result["errors"]] == [code], result["errors"]
            found[role.value] = "deny"
        else:
            node = result["node"]
            assert after == before + 1
            assert node["workflowState"] == "PRIVATE"
            assert node["createdBy"] == f"test-{role.value}"
            assert node["confidential"] is (type_name == "Communication")
            found[role.value] = "allow"
    assert found == expected


# --- update, delete, transition --------------------------------------------------------------------
# One document per role: the same mutation on an unknown ID and on an item in each state (aliases).

ERRORS = "errors { field message code }"
UPDATE_INPUT = {"summary": "ملخص معدل بعد المراجعة"}


def _update_mutation(type_name: str, targets: list[str]) -> str:
    params = ", ".join(f"$id_{t}: ID!, $version_{t}: Int!" for t in targets)
    fields = " ".join(f"{t}: update{type_name}(id: $id_{t}, version: $version_{t}, input: $input) "
                      f"{{ node {{ id version summary }} {ERRORS} }}" for t in targets)
    return f"mutation ({params}, $input: Update{type_name}Input!) {{ {fields} }}"


def _delete_mutation(type_name: str, targets: list[str]) -> str:
    params = ", ".join(f"$id_{t}: ID!" for t in targets)
    fields = " ".join(f"{t}: delete{type_name}(id: $id_{t}) {{ ok {ERRORS} }}" for t in targets)
    return f"mutation ({params}) {{ {fields} }}"


def _transition_mutation(targets: list[str]) -> str:
    params = ", ".join(f"$id_{t}: ID!" for t in targets)
    fields = " ".join(f"{t}: transition(id: $id_{t}, action: {ACTION_OF[t].upper()}) "
                      f"{{ node {{ id workflowState }} {ERRORS} }}" for t in targets)
    return f"mutation ({params}) {{ {fields} }}"


ACTION_OF = {f"{action}": action for action in ACTIONS} | {f"unknown_{a}": a for a in ACTIONS}


def _check_denial(type_name: str, role: Role, state: str, errors: list[dict], unknown: list[dict]) -> None:
    """A denial's errors; where the role cannot see the item, exactly those for an unknown ID."""
    assert errors, (role, state)
    code = "UNAUTHENTICATED" if role == A else "FORBIDDEN"
    assert [e["code"] for e in errors] == [code], errors
    if role not in EXPECTED[type_name]["read", state]:
        assert errors == unknown, f"{role} on a hidden {state} {type_name}: the answer differs from an unknown ID"


async def _rows(model: type, items: dict[str, m.ContentItem]) -> dict[str, tuple]:
    rows = {row["id"]: row for row in await model.filter(id__in=[i.id for i in items.values()]).values(
        "id", "version", "summary", "workflow_state", "modified")}
    return {key: tuple((rows.get(item.id) or {}).values()) for key, item in items.items()}


@pytest.mark.parametrize("type_name", TYPES)
async def test_update(world, type_name):
    model = m.CONTENT_TYPES[type_name]
    items = {state: await world.item(type_name, state) for state in STATES}
    mutation = _update_mutation(type_name, ["unknown", *STATES])
    expected, found = {}, {}
    for role in ROLES:
        before = await _rows(model, items)
        variables = {"input": UPDATE_INPUT, "id_unknown": _unknown_id(type_name), "version_unknown": 1}
        for state, item in items.items():
            variables[f"id_{state}"], variables[f"version_{state}"] = gid(item), before[state][1]
        data = await run(mutation, variables, viewer=as_role(role))
        after = await _rows(model, items)
        assert data["unknown"]["errors"] and data["unknown"]["node"] is None
        for state in STATES:
            result = data[state]
            expected[role.value, state] = _allowed(EXPECTED[type_name]["update", state], role)
            if result["errors"]:
                _check_denial(type_name, role, state, result["errors"], data["unknown"]["errors"])
                assert result["node"] is None and after[state] == before[state]
                found[role.value, state] = "deny"
            else:
                assert result["node"]["version"] == before[state][1] + 1 == after[state][1]
                assert after[state][2] == UPDATE_INPUT["summary"]
                found[role.value, state] = "allow"
        await model.filter(id__in=[i.id for i in items.values()]).update(summary="")  # changed again next
    assert found == expected


@pytest.mark.parametrize("type_name", TYPES)
async def test_delete(world, type_name):
    model = m.CONTENT_TYPES[type_name]
    items = {state: await world.item(type_name, state) for state in STATES}
    mutation = _delete_mutation(type_name, ["unknown", *STATES])
    expected, found = {}, {}
    for role in ROLES:
        variables = {"id_unknown": _unknown_id(type_name)} | {f"id_{s}": gid(i) for s, i in items.items()}
        data = await run(mutation, variables, viewer=as_role(role))
        exists = await _rows(model, items)
        tombstones = set(await m.Tombstone.filter(item_id__in=[i.id for i in items.values()])
                         .values_list("item_id", flat=True))
        assert not data["unknown"]["ok"] and data["unknown"]["errors"]
        for state in STATES:
            result, item = data[state], items[state]
            expected[role.value, state] = _allowed(EXPECTED[type_name]["delete", state], role)
            if result["ok"]:
                assert not result["errors"] and not exists[state] and item.id in tombstones
                items[state] = await world.item(type_name, state)  # the next role gets a new one
                found[role.value, state] = "allow"
            else:
                _check_denial(type_name, role, state, result["errors"], data["unknown"]["errors"])
                assert exists[state] and item.id not in tombstones
                found[role.value, state] = "deny"
    assert found == expected


@pytest.mark.parametrize("type_name", TYPES)
async def test_transition(world, type_name):
    model = m.CONTENT_TYPES[type_name]
    items = {action: await world.item(type_name, source) for action, source in ACTIONS.items()}
    mutation = _transition_mutation([*ACTIONS, *(f"unknown_{a}" for a in ACTIONS)])
    expected, found = {}, {}
    for role in ROLES:
        variables = {f"id_{a}": gid(i) for a, i in items.items()}
        variables |= {f"id_unknown_{a}": _unknown_id(type_name) for a in ACTIONS}
        data = await run(mutation, variables, viewer=as_role(role))
        states = dict(await model.filter(id__in=[i.id for i in items.values()]).values_list("id", "workflow_state"))
        events = await m.WorkflowEvent.filter(item_id__in=[i.id for i in items.values()]).values_list(
            "item_id", flat=True)
        for action, source in ACTIONS.items():
            result, item = data[action], items[action]
            unknown = data[f"unknown_{action}"]["errors"]
            assert unknown
            expected[role.value, action] = _allowed(EXPECTED[type_name][action, source], role)
            if result["errors"]:
                _check_denial(type_name, role, source, result["errors"], unknown)
                assert result["node"] is None
                assert states[item.id] == source and item.id not in events
                found[role.value, action] = "deny"
            else:
                assert result["node"]["workflowState"] != source.upper()
                assert states[item.id] != source and events.count(item.id) == 1
                found[role.value, action] = "allow"
        for action, source in ACTIONS.items():  # back where they were, for the next role
            await model.filter(id=items[action].id).update(workflow_state=source)
        await m.WorkflowEvent.filter(item_id__in=[i.id for i in items.values()]).delete()
    assert found == expected


# --- Communications: hidden and unknown look exactly alike ----------------------------------------

@pytest.mark.parametrize("role", [A, P, E, R], ids=_test_ids([A, P, E, R]))
async def test_hidden_communication_and_unknown_id_get_the_same_answer(world, role):
    complaint = await world.item("Communication", "published")
    draft = await world.item("AchievementItem", "private")  # editors and reviewers may link from it
    viewer = as_role(role)
    answers = []
    for global_id in (gid(complaint), _unknown_id("Communication")):
        answers.append([
            (await run(_update_mutation("Communication", ["x"]), {"id_x": global_id, "version_x": 1,
                                                                   "input": UPDATE_INPUT}, viewer=viewer))["x"]["errors"],
            (await run(_delete_mutation("Communication", ["x"]), {"id_x": global_id}, viewer=viewer))["x"]["errors"],
            (await run(_transition_mutation(["retract"]), {"id_retract": global_id}, viewer=viewer))["retract"]["errors"],
            (await run("mutation ($id: ID!) { revert(id: $id, revision: 1) { errors { field message code } } }",
                       {"id": global_id}, viewer=viewer))["revert"]["errors"],
            (await run("""mutation ($id: ID!, $target: ID!) { link(id: $id, relation: "mentions", target: $target) {
                 errors { field message code } } }""",
                       {"id": gid(draft), "target": global_id}, viewer=viewer))["link"]["errors"],
            (await run("query ($id: ID!) { node(id: $id) { id } }", {"id": global_id}, viewer=viewer))["node"],
        ])
    assert answers[0] == answers[1]
    assert all(answers[0][:5]) and answers[0][5] is None
    stored = await m.Communication.get(id=complaint.id)
    assert (stored.version, stored.workflow_state, stored.summary) == (1, m.WorkflowState.PUBLISHED, "")
    assert not await m.Mention.exists(item_id=draft.id)
