from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.importers.panddh import parse_file
from content.importers.panddh.mentions import (
    AliasEntry,
    AliasIndex,
    entries_from_reference,
    find_sessions,
    load_reference_entries,
    sentence_at,
    split_sentences,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
REFERENCE_DIR = REPO_ROOT / "content" / "reference" / "data"


@pytest.fixture(scope="module")
def index(alias_entries) -> AliasIndex:
    return AliasIndex.build(alias_entries)


def spans(text, mentions):
    return [(m.key, text[m.start : m.end]) for m in mentions]


# --------------------------------------------------------------------------
# Matching rules


def test_clitics_and_article_alternation(index):
    text = "رفع تقرير للجنة مناهضة التعذيب، ثم عرض بمجلس النواب، واللجنة المعنية بالقضاء على التمييز ضد المرأة."
    assert spans(text, index.find(text)) == [
        ("cat", "لجنة مناهضة التعذيب"),  # "للجنة" = ل + (ا)لجنة
        ("house_of_representatives", "مجلس النواب"),  # the ب is not part of the span
        ("cedaw", "اللجنة المعنية بالقضاء على التمييز ضد المرأة"),
    ]
    # and the other way round: "اللجنة ..." in the text for an alias "لجنة ..."
    text = "وبعد ذلك ناقشت لجنة الأشخاص"  # first word alone is not an alias
    assert index.find(text) == []
    text = "أمام اللجنة مناهضة التعذيب"
    assert spans(text, index.find(text)) == [("cat", "اللجنة مناهضة التعذيب")]


def test_normalisation_hamza_taa_harakat_tatweel(index):
    text = "المفوضيه الساميه لحقوق الانسان ومجلس حُقُوق الإنســان"
    assert [m.key for m in index.find(text)] == ["ohchr", "hrc"]


def test_longest_match_wins(index):
    text = "زيارة اللجنة الفرعية لمنع التعذيب للمملكة"
    assert [m.key for m in index.find(text)] == ["spt"]
    text = "لقاء نظمته مبادرة اتفاقية مناهضة التعذيب (CTI)"
    assert [m.key for m in index.find(text)] == ["cti", "cti"]


def test_word_boundaries_and_acronym_case(index):
    assert index.find("مجلس حقوق الإنسانية") == []
    assert index.find("who is here? a cat.") == []
    assert [m.key for m in index.find("WHO and CAT")] == ["who", "cat"]


def test_accusative_alif_on_last_word(index):
    text = "استبيان مشترك لــ 13 إجراء خاصا تابعا لمجلس حقوق الإنسان"
    assert spans(text, index.find(text)) == [
        ("special_procedures", "إجراء خاصا"),
        ("hrc", "مجلس حقوق الإنسان"),
    ]


def test_parent_named_inside_alias_is_reported(index):
    text = "عرض أمام لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب."
    found = index.find(text)
    assert spans(text, found) == [
        ("hor_justice_committee", "لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب"),
        ("house_of_representatives", "مجلس النواب"),
    ]
    assert found[1].inside == "hor_justice_committee"
    assert found[0].parent == "house_of_representatives"
    assert found[0].kind == "parliament_committee"


def test_shared_alias_reports_every_entity(index):
    text = "أمام لجنة العدل والتشريع وحقوق الإنسان"
    assert [m.key for m in index.find(text)] == ["hor_justice_committee", "hoc_justice_committee"]


def test_mentions_carry_their_sentence(index):
    text = "شارك الوفد في أشغال مجلس حقوق الإنسان. وتم إعداد الردود؛ والتفاعل مع المقررين الخاصين\nسطر آخر"
    found = index.find(text)
    assert [(m.key, m.sentence) for m in found] == [
        ("hrc", "شارك الوفد في أشغال مجلس حقوق الإنسان."),
        ("special_procedures", "والتفاعل مع المقررين الخاصين"),
    ]


def test_sentences_do_not_split_numbers_or_list_markers():
    text = "1. شمل العفو 5.654 سجينا. ثم ماذا؟ لا شيء!\n2) بند ثان"
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == ["1. شمل العفو 5.654 سجينا.", "ثم ماذا؟", "لا شيء!", "2) بند ثان"]
    assert sentence_at(text, text.index("سجينا")) == "1. شمل العفو 5.654 سجينا."


def test_index_is_keyed_by_first_word_and_fast(alias_entries):
    many = [AliasEntry("mechanism", f"k{i}", f"كلمة{i} ثانية{i} ثالثة") for i in range(20000)]
    index = AliasIndex.build(many + alias_entries)
    assert len(index) == 20000 + len(alias_entries)
    text = ("التفاعل مع مجلس حقوق الإنسان ولجنة مناهضة التعذيب " * 400) + "كلمة19999 ثانية19999 ثالثة"
    t0 = time.perf_counter()
    found = index.find(text)
    elapsed = time.perf_counter() - t0
    assert len(found) == 801 and found[-1].key == "k19999"
    assert elapsed < 2.0, elapsed


@given(st.text(max_size=200))
def test_find_never_fails(index, text):
    for m in index.find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end].strip()
    for s in find_sessions(text, "مجلس حقوق الإنسان", index):
        assert 0 <= s.start < s.end <= len(text)


# --------------------------------------------------------------------------
# Sessions


def test_sessions_rules():
    text = "أشغال الدورة 43 لمجلس حقوق الإنسان؛ تنسيق متابعة الدورتين 44 و45 عن بعد"
    got = [(s.mechanism_key, s.number, text[s.start : s.end]) for s in find_sessions(text)]
    # 44/45: no HRC in their sentence and no section title -> not reported
    assert got == [("hrc", 43, "الدورة 43")]
    got = find_sessions(text, section_title="المشاركة في دورات مجلس حقوق الإنسان")
    assert [(s.number, text[s.start : s.end]) for s in got] == [
        (43, "الدورة 43"), (44, "الدورتين 44 و45"), (45, "الدورتين 44 و45"),
    ]
    assert got[1].sentence == "تنسيق متابعة الدورتين 44 و45 عن بعد"


def test_sessions_plural_ordinal_eastern_digits():
    text = "متابعة الدورات 44 و45 و46 لمجلس حقوق الإنسان. وخلال الدورة الثالثة والأربعين للمجلس، عقدت لقاءات في إطار مجلس حقوق الإنسان. الدورة ٤٦ لمجلس حقوق الإنسان"
    got = [(s.mechanism_key, s.number) for s in find_sessions(text)]
    assert got == [("hrc", 44), ("hrc", 45), ("hrc", 46), ("hrc", 43), ("hrc", 46)]


def test_sessions_of_other_bodies_need_the_index(index):
    text = "المشاركة في الحوار التفاعلي خلال الدورة 82 للجنة حقوق الطفل"
    assert find_sessions(text) == []
    got = find_sessions(text, index=index)
    assert [(s.mechanism_key, s.number) for s in got] == [("crc", 82)]
    # a body named right after the phrase wins over the section title
    got = find_sessions(text, "دورات مجلس حقوق الإنسان", index)
    assert [(s.mechanism_key, s.number) for s in got] == [("crc", 82)]


def test_not_sessions():
    assert find_sessions("هذه الدورة عرفت مشاركة واسعة", "مجلس حقوق الإنسان") == []
    assert find_sessions("دورة 2021 من الجائزة في مجلس حقوق الإنسان") == []
    assert find_sessions("دورة تكوينية لفائدة 40 مشاركا في مجلس حقوق الإنسان") == []


# --------------------------------------------------------------------------
# The published sheet


@pytest.fixture(scope="module")
def sample_mentions(published_sample_path: Path, index):
    sheet = parse_file(published_sample_path)
    found = {}
    texts = list(sheet.description_items) + [s.title for s in sheet.sections]
    texts += [i.text for s in sheet.sections for i in s.items]
    for t in texts:
        for m in index.find(t):
            found.setdefault(m.key, []).append((t[m.start : m.end], m.sentence))
    sessions = [
        (x.mechanism_key, x.number)
        for s in sheet.sections for i in s.items
        for x in find_sessions(i.text, s.title, index)
    ]
    return found, sessions


def test_sample_mentions(sample_mentions):
    found, _ = sample_mentions
    for key in ("hrc", "upr", "special_procedures", "ohchr", "treaty_bodies", "cat", "spt", "ced",
                "cedaw", "cmw", "crpd", "cerd", "cescr", "amnesty", "hrw", "freedom_house",
                "front_line_defenders", "house_of_representatives", "hor_justice_committee",
                "ministry_hr_parliament", "cti", "icesco", "undp", "who"):
        assert key in found, key
    assert [t for t, _ in found["spt"]] == [
        "اللجنة الفرعية لمنع التعذيب", "اللجنة الفرعية لمناهضة التعذيب",
    ]
    text, sentence = found["hor_justice_committee"][0]
    assert text == "لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب"
    assert sentence.startswith("تقديم عرض لوزير الدولة") and sentence.endswith("بمجلس النواب.")
    assert "hoc_justice_committee" not in found
    # the CTI sentence: the convention inside the initiative's name is not CAT
    assert ("مبادرة اتفاقية مناهضة التعذيب", ) == tuple(
        t for t, _ in found["cti"] if not t.isascii()
    )
    for key in ("amnesty", "hrw", "freedom_house", "front_line_defenders"):
        assert found[key][0][1].startswith("متابعة التقارير السنوية والادعاءات")
    assert len(found["cerd"]) == 1 and found["cerd"][0][1].startswith("في إطار مواكبة")
    assert found["ohchr"][1][0] == "المفوضة السامية لحقوق الإنسان"


def test_sample_sessions(sample_mentions):
    _, sessions = sample_mentions
    assert sessions == [("hrc", 43), ("hrc", 44), ("hrc", 45), ("hrc", 46), ("hrc", 46)]


# --------------------------------------------------------------------------
# Reference data (written by another part of the project)


@pytest.fixture(scope="module")
def reference_index() -> AliasIndex:
    if not (REFERENCE_DIR / "mechanisms.json").is_file():
        pytest.skip("content/reference/data/mechanisms.json not present")
    return AliasIndex.build(load_reference_entries(REFERENCE_DIR))


def test_entries_from_reference_shapes():
    mech = {"mechanisms": [{"key": "cat", "kind": "treaty_body", "acronym": "CAT",
                            "names": {"ar": "لجنة مناهضة التعذيب", "en": "Committee against Torture"},
                            "aliases": {"ar": ["اتفاقية مناهضة التعذيب"], "en": []},
                            "parent": "treaty_bodies"}]}
    inst = [{"key": "amnesty", "kind": "ngo", "names": {"ar": "منظمة العفو الدولية"}}]
    entries = entries_from_reference(mech, inst)
    assert AliasEntry("mechanism", "cat", "CAT", "treaty_body", "treaty_bodies") in entries
    assert AliasEntry("institution", "amnesty", "منظمة العفو الدولية", "ngo", None) in entries
    assert len(entries) == 5


def test_reference_data_on_the_sample(published_sample_path, reference_index):
    sheet = parse_file(published_sample_path)
    keys = set()
    for s in sheet.sections:
        for i in s.items:
            keys |= {m.key for m in reference_index.find(i.text)}
            keys |= {(x.mechanism_key, x.number) for x in find_sessions(i.text, s.title, reference_index)}
    for d in sheet.description_items:
        keys |= {m.key for m in reference_index.find(d)}
    expected = {
        "hrc", "upr", "special_procedures", "ohchr", "treaty_bodies", "cat", "spt", "ced", "cedaw",
        "cmw", "crpd", "cerd", "cescr", "wphre", "amnesty", "hrw", "freedom_house",
        "front_line_defenders", "house_of_representatives", "hor_justice_committee", "cti",
        "icesco", "geneva_academy", "undp", "ilo", "who", "unesco", "unicef",
        ("hrc", 43), ("hrc", 44), ("hrc", 45), ("hrc", 46),
    }
    assert expected <= keys, expected - keys
    assert "hoc_justice_committee" not in keys
