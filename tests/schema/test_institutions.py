"""`institutions` and `themes`: every filter, every ordering both ways, pages, and both sides of
Institution.parent/children (committee → chamber) and Theme.parent/children."""

from __future__ import annotations

import pytest

from content import models as m
from schema.permissions import Role
from tests.factories import at, create, gid, institution, listing, pages, stamp, theme
from tests.schema.gqlrun import as_role, run, run_raw

EDITOR = as_role(Role.EDITOR)
MOROCCAN = {"house_of_representatives", "house_of_councillors", "hor_justice_committee", "hoc_justice_committee",
            "ministry_hr_parliament", "didh", "cndh", "indh"}
NGOS = {"amnesty", "hrw", "freedom_house", "front_line_defenders"}
SPECIFIC_GROUPS = ["children", "migrant_workers", "migrants_refugees", "older_persons", "persons_with_disabilities",
                   "trafficking", "women"]


async def _test_institutions() -> dict[str, m.Institution]:
    """A test network with three published members of distinct kinds, titles and dates."""
    network = await create(m.Institution, kind=m.InstitutionKind.OTHER, title="شبكة اختبار للمؤسسات الوطنية")
    members = {
        "a": await create(m.Institution, kind=m.InstitutionKind.NGO, title="جمعية الدفاع عن حقوق الإنسان",
                          parent=network, country="MA", created=at(2019, 5, 1)),
        "b": await create(m.Institution, kind=m.InstitutionKind.ACADEMIC, title="دار الدراسات الحقوقية",
                          parent=network, created=at(2018, 5, 1)),
        "c": await create(m.Institution, kind=m.InstitutionKind.MINISTRY, title="بيت الحكمة للتكوين",
                          parent=network, created=at(2020, 5, 1)),
    }
    await stamp(members["a"], modified=at(2022, 2, 1))
    await stamp(members["b"], modified=at(2022, 3, 1))
    await stamp(members["c"], modified=at(2022, 1, 1))
    return {"network": network, **members}


# --- institutions: filters -------------------------------------------------------------------


async def test_institution_filters(db):
    made = await _test_institutions()
    await create(m.Institution, kind=m.InstitutionKind.NGO, title="Association de test", language=m.Language.FR)
    await create(m.Institution, kind=m.InstitutionKind.NGO, title="جمعية قيد التسجيل",
                 workflow_state=m.WorkflowState.PRIVATE)
    # Both committees have the same Arabic title: compare as sets.
    assert set(await listing("institutions", {"kind": "PARLIAMENT_COMMITTEE"}, field="key")) == {
        "hor_justice_committee", "hoc_justice_committee"
    }
    assert set(await listing("institutions", {"kind": "PARLIAMENT_CHAMBER"}, field="key")) == {
        "house_of_representatives", "house_of_councillors"
    }
    ngos = await listing("institutions", {"kind": "NGO"}, field="key")
    assert len(ngos) == 6 and set(ngos) == NGOS | {None}
    assert await listing("institutions", {"key": "amnesty"}) == ["منظمة العفو الدولية"]
    assert await listing("institutions", {"parent": gid(await institution("house_of_representatives"))},
                         field="key") == ["hor_justice_committee"]
    assert await listing("institutions", {"parent": gid(await institution("ministry_hr_parliament"))},
                         field="key") == ["didh"]
    assert await listing("institutions", {"parent": gid(made["network"]), "kind": "ACADEMIC"}) == [
        "دار الدراسات الحقوقية"
    ]
    # Countries are stored upper-case; the filter accepts either case.
    assert set(await listing("institutions", {"country": "ma"}, field="key")) == MOROCCAN | {None}
    assert await listing("institutions", {"country": "MA", "parent": gid(made["network"])}) == [
        "جمعية الدفاع عن حقوق الإنسان"
    ]
    assert await listing("institutions", {"country": "FR"}) == []
    assert await listing("institutions", {"language": "FR"}) == ["Association de test"]
    assert await listing("institutions", {"workflowState": "PRIVATE"}, viewer=EDITOR) == ["جمعية قيد التسجيل"]
    assert await listing("institutions", {"workflowState": "PRIVATE"}) == []
    assert await listing("institutions", {"slug": "hor-justice-committee"}, field="key") == ["hor_justice_committee"]
    assert await listing("institutions", {"modified": {"start": "2022-01-15", "end": "2022-02-01"}}) == [
        "جمعية الدفاع عن حقوق الإنسان"
    ]


async def test_institution_filter_by_a_mechanism_id_is_refused(db):
    from tests.factories import mechanism

    result = await run_raw("query ($p: ID) { institutions(filter: {parent: $p}) { totalCount } }",
                           {"p": gid(await mechanism("cat"))})
    assert result.errors[0].extensions["code"] == "INVALID_ID"
    assert "not a Institution" in result.errors[0].message


# --- institutions: ordering and pages --------------------------------------------------------


@pytest.mark.parametrize(("field", "ascending", "descending"), [
    ("TITLE", ["c", "a", "b"], ["b", "a", "c"]),  # ب < ج < د
    ("KIND", ["b", "c", "a"], ["a", "c", "b"]),  # academic < ministry < ngo
    ("CREATED", ["b", "a", "c"], ["c", "a", "b"]),
    ("MODIFIED", ["c", "a", "b"], ["b", "a", "c"]),
])
async def test_institution_ordering(db, field, ascending, descending):
    made = await _test_institutions()
    scope = {"parent": gid(made["network"])}
    assert await listing("institutions", scope, {"field": field, "direction": "ASC"}) == [
        made[n].title for n in ascending
    ]
    assert await listing("institutions", scope, {"field": field, "direction": "DESC"}) == [
        made[n].title for n in descending
    ]


async def test_institution_default_order_and_pages(db):
    made = await _test_institutions()
    scope = {"parent": gid(made["network"])}
    assert await listing("institutions", scope) == [made[n].title for n in ("c", "a", "b")]
    assert await pages("institutions", scope, None, size=2) == [
        [made["c"].title, made["a"].title], [made["b"].title]
    ]
    everything = await listing("institutions", None, {"field": "KIND"}, field="key")
    assert len(everything) == 15 + 4
    walked = await pages("institutions", None, {"field": "KIND"}, size=4, field="key")
    assert [len(p) for p in walked] == [4, 4, 4, 4, 3]
    assert [key for page in walked for key in page] == everything


# --- Institution.parent / Institution.children -----------------------------------------------

INSTITUTION_FAMILY = """query ($id: ID!) { node(id: $id) { ... on Institution {
  key kind title(language: FR) parent { key kind title } children { key kind title } } } }"""


async def test_committee_to_chamber_both_ways(db):
    committee = (await run(INSTITUTION_FAMILY, {"id": gid(await institution("hor_justice_committee"))}))["node"]
    assert committee == {
        "key": "hor_justice_committee", "kind": "PARLIAMENT_COMMITTEE",
        "title": "Commission de la justice, de la législation et des droits de l'Homme",
        "parent": {"key": "house_of_representatives", "kind": "PARLIAMENT_CHAMBER", "title": "مجلس النواب"},
        "children": [],
    }
    chamber = (await run(INSTITUTION_FAMILY, {"id": gid(await institution("house_of_representatives"))}))["node"]
    assert chamber["parent"] is None
    assert chamber["children"] == [{"key": "hor_justice_committee", "kind": "PARLIAMENT_COMMITTEE",
                                    "title": "لجنة العدل والتشريع وحقوق الإنسان"}]
    councillors = (await run(INSTITUTION_FAMILY, {"id": gid(await institution("house_of_councillors"))}))["node"]
    assert [c["key"] for c in councillors["children"]] == ["hoc_justice_committee"]
    didh = (await run(INSTITUTION_FAMILY, {"id": gid(await institution("didh"))}))["node"]
    assert didh["parent"]["key"] == "ministry_hr_parliament" and didh["children"] == []


async def test_institution_children_in_title_order(db):
    made = await _test_institutions()
    network = (await run(INSTITUTION_FAMILY, {"id": gid(made["network"])}))["node"]
    assert [c["title"] for c in network["children"]] == [made[n].title for n in ("c", "a", "b")]
    assert (await run(INSTITUTION_FAMILY, {"id": gid(made["a"])}))["node"]["parent"]["title"] == made["network"].title


async def test_hidden_parent_and_children_institutions(db):
    chamber = await institution("house_of_representatives")
    await create(m.Institution, kind=m.InstitutionKind.PARLIAMENT_COMMITTEE, parent=chamber,
                 title="لجنة مؤقتة لم يعلن عنها", workflow_state=m.WorkflowState.PENDING)
    await create(m.Institution, kind=m.InstitutionKind.PARLIAMENT_COMMITTEE, parent=chamber,
                 title="لجنة تقصي الحقائق (سري)", confidential=True)
    hidden = await create(m.Institution, kind=m.InstitutionKind.OTHER, title="هيئة غير منشورة",
                          workflow_state=m.WorkflowState.PRIVATE)
    child = await create(m.Institution, kind=m.InstitutionKind.OTHER, title="فرع منشور", parent=hidden)
    keys = lambda data: [c["title"] for c in data["node"]["children"]]  # noqa: E731
    assert keys(await run(INSTITUTION_FAMILY, {"id": gid(chamber)})) == ["لجنة العدل والتشريع وحقوق الإنسان"]
    assert keys(await run(INSTITUTION_FAMILY, {"id": gid(chamber)}, viewer=EDITOR)) == [
        "لجنة العدل والتشريع وحقوق الإنسان", "لجنة مؤقتة لم يعلن عنها"
    ]
    assert keys(await run(INSTITUTION_FAMILY, {"id": gid(chamber)}, viewer=as_role(Role.ADMIN))) == [
        "لجنة العدل والتشريع وحقوق الإنسان", "لجنة تقصي الحقائق (سري)", "لجنة مؤقتة لم يعلن عنها"
    ]
    assert (await run(INSTITUTION_FAMILY, {"id": gid(child)}))["node"]["parent"] is None
    assert (await run(INSTITUTION_FAMILY, {"id": gid(child)}, viewer=EDITOR))["node"]["parent"]["title"] == (
        "هيئة غير منشورة"
    )


# --- themes ----------------------------------------------------------------------------------


async def _test_themes() -> dict[str, m.Theme]:
    root = await create(m.Theme, title="محور اختبار")
    made = {
        "a": await create(m.Theme, title="جودة الخدمات العمومية", parent=root),
        "b": await create(m.Theme, title="دعم المشاركة المواطنة", parent=root),
        "c": await create(m.Theme, title="بناء القدرات", parent=root),
    }
    await stamp(made["a"], modified=at(2021, 6, 3))
    await stamp(made["b"], modified=at(2021, 6, 1))
    await stamp(made["c"], modified=at(2021, 6, 2))
    return {"root": root, **made}


async def test_theme_filters(db):
    made = await _test_themes()
    await create(m.Theme, title="Thème de test", language=m.Language.FR, parent=made["root"])
    await create(m.Theme, title="موضوع قيد الإعداد", parent=made["root"], workflow_state=m.WorkflowState.PRIVATE)
    assert set(await listing("themes", {"topLevel": True}, field="key")) == {
        "civil_political", "esc_rights", "specific_groups", "cross_cutting", None
    }
    not_top = await listing("themes", {"topLevel": False}, field="key")
    assert len(not_top) == 36 + 4 and "violence_against_women" in not_top and "women" in not_top  # 36 + ours
    assert "civil_political" not in not_top
    assert sorted(await listing("themes", {"parent": gid(await theme("specific_groups"))}, field="key")) == (
        SPECIFIC_GROUPS
    )
    assert await listing("themes", {"parent": gid(await theme("women"))}, field="key") == ["violence_against_women"]
    assert await listing("themes", {"parent": gid(await theme("women")), "topLevel": True}) == []
    assert await listing("themes", {"key": "torture_prevention"}) == ["مناهضة التعذيب والوقاية منه"]
    assert await listing("themes", {"slug": "torture-prevention"}, field="key") == ["torture_prevention"]
    assert await listing("themes", {"language": "FR"}) == ["Thème de test"]
    assert await listing("themes", {"workflowState": "PRIVATE"}, viewer=EDITOR) == ["موضوع قيد الإعداد"]
    assert await listing("themes", {"workflowState": "PRIVATE"}) == []
    assert await listing("themes", {"modified": {"start": "2021-06-02", "end": "2021-06-03"}}, {"field": "MODIFIED"}) == [
        "بناء القدرات", "جودة الخدمات العمومية"
    ]


@pytest.mark.parametrize(("field", "ascending", "descending"), [
    ("TITLE", ["c", "a", "b"], ["b", "a", "c"]),
    ("MODIFIED", ["b", "c", "a"], ["a", "c", "b"]),
])
async def test_theme_ordering(db, field, ascending, descending):
    made = await _test_themes()
    scope = {"parent": gid(made["root"])}
    assert await listing("themes", scope, {"field": field, "direction": "ASC"}) == [made[n].title for n in ascending]
    assert await listing("themes", scope, {"field": field, "direction": "DESC"}) == [
        made[n].title for n in descending
    ]


async def test_theme_ordering_by_key(db):
    scope = {"parent": gid(await theme("specific_groups"))}
    assert await listing("themes", scope, {"field": "KEY", "direction": "ASC"}, field="key") == SPECIFIC_GROUPS
    assert await listing("themes", scope, {"field": "KEY", "direction": "DESC"}, field="key") == (
        SPECIFIC_GROUPS[::-1]
    )


async def test_theme_default_order_and_pages(db):
    made = await _test_themes()
    scope = {"parent": gid(made["root"])}
    assert await listing("themes", scope) == [made[n].title for n in ("c", "a", "b")]
    assert await pages("themes", scope, None, size=2) == [[made["c"].title, made["a"].title], [made["b"].title]]
    everything = await listing("themes", None, {"field": "KEY"}, field="key")
    walked = await pages("themes", None, {"field": "KEY"}, size=10, field="key")
    assert [key for page in walked for key in page] == everything and [len(p) for p in walked] == [10] * 4 + [4]


THEME_FAMILY = """query ($id: ID!) { node(id: $id) { ... on Theme {
  key labels { ar en } parent { key } children { key title } } } }"""


async def test_theme_parent_and_children(db):
    violence = (await run(THEME_FAMILY, {"id": gid(await theme("violence_against_women"))}))["node"]
    assert violence == {"key": "violence_against_women",
                        "labels": {"ar": "العنف ضد النساء", "en": "Violence against women"},
                        "parent": {"key": "women"}, "children": []}
    women = (await run(THEME_FAMILY, {"id": gid(await theme("women"))}))["node"]
    assert women["parent"] == {"key": "specific_groups"}
    assert women["children"] == [{"key": "violence_against_women", "title": "العنف ضد النساء"}]
    groups = (await run(THEME_FAMILY, {"id": gid(await theme("specific_groups"))}))["node"]
    assert groups["parent"] is None
    titles = [c["title"] for c in groups["children"]]
    assert sorted(c["key"] for c in groups["children"]) == SPECIFIC_GROUPS
    assert titles == sorted(titles)  # in title order


async def test_hidden_theme_parent_and_children(db):
    made = await _test_themes()
    hidden = await create(m.Theme, title="موضوع فرعي غير منشور", parent=made["root"],
                          workflow_state=m.WorkflowState.PENDING)
    orphan = await create(m.Theme, title="موضوع منشور تحت أصل خاص",
                          parent=await create(m.Theme, title="أصل خاص", workflow_state=m.WorkflowState.PRIVATE))
    root = await run(THEME_FAMILY, {"id": gid(made["root"])})
    assert [c["title"] for c in root["node"]["children"]] == [made[n].title for n in ("c", "a", "b")]
    root = await run(THEME_FAMILY, {"id": gid(made["root"])}, viewer=EDITOR)
    assert hidden.title in [c["title"] for c in root["node"]["children"]]
    assert (await run(THEME_FAMILY, {"id": gid(orphan)}))["node"]["parent"] is None
    assert (await run(THEME_FAMILY, {"id": gid(orphan)}, viewer=EDITOR))["node"]["parent"] == {"key": None}
