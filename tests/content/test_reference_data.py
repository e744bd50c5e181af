"""Checks on the reference data shipped in content/reference/data.

Plain synchronous tests: they read the JSON files directly (no database, no
loader), so they guard the data itself — structure, keys, parents, the facts
that were researched (session dates, acronyms), alias collisions, and that the
real Moroccan status sheet in ../shared can be matched through the shipped
names and aliases.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "content" / "reference" / "data"
SHEET = REPO_ROOT.parent / "shared" / "samples" / "panddh" / "measure-04.txt"

LANGS = ("ar", "fr", "en")
MECHANISM_KINDS = {
    "human_rights_council", "upr", "special_procedure", "treaty_body", "ohchr", "un_agency", "other",
}
INSTITUTION_KINDS = {
    "ministry", "nhri", "parliament_chamber", "parliament_committee", "ngo", "un_agency",
    "international_organisation", "academic", "other",
}
MODALITIES = {"in_person", "hybrid", "virtual"}
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


# --------------------------------------------------------------------------
# A small, local normaliser (deliberately independent of search_index).
# --------------------------------------------------------------------------
_HARAKAT = re.compile("[\u064b-\u0652\u0640]")  # tanwin, short vowels, shadda, sukun; tatweel
_ALEFS = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627",
                        "\u0649": "\u064a", "\u0629": "\u0647"})


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _HARAKAT.sub("", text)
    text = text.translate(_ALEFS)
    text = text.casefold()
    return " ".join(text.split())


def clitic_forms(phrase: str) -> set[str]:
    """The normalised phrase and the forms with one leading clitic stripped.

    Covers و، ب، ل، لل، ال and their combinations with a leading و
    (e.g. "ولجنة" -> "لجنة", "وال..." -> "...").
    """
    p = norm(phrase)
    forms = {p}
    stems = [p]
    if p.startswith("و") and len(p) > 3:
        stems.append(p[1:])
    for s in stems:
        forms.add(s)
        for prefix in ("لل", "ال", "ب", "ل"):
            if s.startswith(prefix) and len(s) - len(prefix) >= 3:
                forms.add(s[len(prefix):])
    return forms


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------
def _load(name: str) -> dict:
    path = DATA_DIR / name
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def mechanisms() -> list[dict]:
    return _load("mechanisms.json")["mechanisms"]


@pytest.fixture(scope="module")
def institutions() -> list[dict]:
    return _load("institutions.json")["institutions"]


@pytest.fixture(scope="module")
def themes() -> list[dict]:
    return _load("themes.json")["themes"]


@pytest.fixture(scope="module")
def sessions() -> list[dict]:
    return _load("sessions.json")["sessions"]


def _by_key(entries: list[dict]) -> dict[str, dict]:
    return {e["key"]: e for e in entries}


# --------------------------------------------------------------------------
# Files and format
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, list_key",
    [("mechanisms.json", "mechanisms"), ("institutions.json", "institutions"),
     ("themes.json", "themes"), ("sessions.json", "sessions")],
)
def test_file_parses_and_names_its_sources(name, list_key):
    raw = (DATA_DIR / name).read_text(encoding="utf-8")
    data = json.loads(raw)
    assert set(data) == {"sources", list_key}
    assert data["sources"] and all(isinstance(s, str) and s.strip() for s in data["sources"])
    assert isinstance(data[list_key], list) and data[list_key]
    # Arabic is stored unescaped and the files use 2-space indentation.
    assert "\\u06" not in raw
    assert raw.startswith('{\n  "sources"')


def test_readme_exists():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    for name in ("mechanisms.json", "sessions.json", "institutions.json", "themes.json"):
        assert name in readme
    assert "review" in readme.lower()


def _check_trilingual(mapping: dict, where: str) -> None:
    assert set(mapping) == set(LANGS), where
    for lang in LANGS:
        value = mapping[lang]
        assert isinstance(value, str) and value.strip(), f"{where}: empty {lang}"
    assert re.search("[\u0600-\u06ff]", mapping["ar"]), f"{where}: ar is not Arabic"
    assert not re.search("[\u0600-\u06ff]", mapping["fr"] + mapping["en"]), f"{where}: Arabic in fr/en"


def _check_aliases(aliases: dict, where: str) -> None:
    assert set(aliases) == set(LANGS), where
    for lang in LANGS:
        assert isinstance(aliases[lang], list), where
        for a in aliases[lang]:
            assert isinstance(a, str) and a.strip() == a and a, f"{where}: bad alias {a!r}"
        if lang == "ar":
            assert all(re.search("[\u0600-\u06ff]", a) for a in aliases[lang]), where


def test_mechanism_entries_are_well_formed(mechanisms):
    for m in mechanisms:
        where = f"mechanism {m.get('key')}"
        assert set(m) >= {"key", "kind", "acronym", "names", "aliases", "parent", "treaty",
                          "reporting_periodicity_years"}, where
        assert set(m) <= {"key", "kind", "acronym", "names", "aliases", "parent", "treaty",
                          "reporting_periodicity_years", "notes", "source"}, where
        assert KEY_RE.match(m["key"]), where
        assert m["kind"] in MECHANISM_KINDS, where
        assert m["acronym"] is None or (isinstance(m["acronym"], str) and m["acronym"]), where
        _check_trilingual(m["names"], where)
        _check_aliases(m["aliases"], where)
        if m["treaty"] is not None:
            assert m["kind"] == "treaty_body", where
            assert set(m["treaty"]) == {"ar", "fr", "en", "adopted"}, where
            _check_trilingual({k: m["treaty"][k] for k in LANGS}, where + " treaty")
            date.fromisoformat(m["treaty"]["adopted"])
        p = m["reporting_periodicity_years"]
        assert p is None or (isinstance(p, int) and 1 <= p <= 10), where


def test_institution_entries_are_well_formed(institutions):
    for i in institutions:
        where = f"institution {i.get('key')}"
        assert set(i) >= {"key", "kind", "acronym", "names", "aliases", "parent", "country"}, where
        assert KEY_RE.match(i["key"]), where
        assert i["kind"] in INSTITUTION_KINDS, where
        assert i["country"] in ("MA", None), where
        _check_trilingual(i["names"], where)
        _check_aliases(i["aliases"], where)


def test_theme_entries_are_well_formed(themes):
    assert 25 <= len(themes) <= 40
    for t in themes:
        where = f"theme {t.get('key')}"
        assert set(t) == {"key", "labels", "parent"}, where
        assert KEY_RE.match(t["key"]), where
        _check_trilingual(t["labels"], where)


@pytest.mark.parametrize("fixture_name", ["mechanisms", "institutions", "themes"])
def test_keys_unique(fixture_name, request):
    entries = request.getfixturevalue(fixture_name)
    keys = [e["key"] for e in entries]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes


@pytest.mark.parametrize("fixture_name", ["mechanisms", "institutions", "themes"])
def test_parents_exist_and_no_cycles(fixture_name, request):
    entries = _by_key(request.getfixturevalue(fixture_name))
    for key, e in entries.items():
        seen = {key}
        parent = e["parent"]
        while parent is not None:
            assert parent in entries, f"{key}: unknown parent {parent}"
            assert parent not in seen, f"cycle through {key}"
            seen.add(parent)
            parent = entries[parent]["parent"]


# --------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------
EXPECTED_ACRONYMS = {
    "hrc": ("human_rights_council", "HRC"),
    "upr": ("upr", "UPR"),
    "ohchr": ("ohchr", "OHCHR"),
    "cerd": ("treaty_body", "CERD"),
    "cescr": ("treaty_body", "CESCR"),
    "ccpr": ("treaty_body", "CCPR"),
    "cedaw": ("treaty_body", "CEDAW"),
    "cat": ("treaty_body", "CAT"),
    "crc": ("treaty_body", "CRC"),
    "cmw": ("treaty_body", "CMW"),
    "crpd": ("treaty_body", "CRPD"),
    "ced": ("treaty_body", "CED"),
    "spt": ("treaty_body", "SPT"),
    "undp": ("un_agency", "UNDP"),
    "ilo": ("un_agency", "ILO"),
    "who": ("un_agency", "WHO"),
    "unesco": ("un_agency", "UNESCO"),
    "unicef": ("un_agency", "UNICEF"),
}


def test_core_mechanisms_present_with_acronyms(mechanisms):
    by_key = _by_key(mechanisms)
    for key, (kind, acronym) in EXPECTED_ACRONYMS.items():
        assert key in by_key, key
        assert by_key[key]["kind"] == kind, key
        assert by_key[key]["acronym"] == acronym, key


def test_mechanism_hierarchy(mechanisms):
    by_key = _by_key(mechanisms)
    assert by_key["spt"]["parent"] == "cat"
    assert by_key["upr"]["parent"] == "hrc"
    assert by_key["special_procedures"]["parent"] == "hrc"
    assert by_key["special_procedures"]["kind"] == "special_procedure"


TREATY_FACTS = {  # key: (adopted, periodicity)
    "cerd": ("1965-12-21", 2),
    "cescr": ("1966-12-16", 5),
    "ccpr": ("1966-12-16", 4),
    "cedaw": ("1979-12-18", 4),
    "cat": ("1984-12-10", 4),
    "crc": ("1989-11-20", 5),
    "cmw": ("1990-12-18", 5),
    "crpd": ("2006-12-13", 4),
    "ced": ("2006-12-20", None),
    "spt": ("2002-12-18", None),
}


def test_treaty_dates_and_periodicity(mechanisms):
    by_key = _by_key(mechanisms)
    for key, (adopted, periodicity) in TREATY_FACTS.items():
        assert by_key[key]["treaty"]["adopted"] == adopted, key
        assert by_key[key]["reporting_periodicity_years"] == periodicity, key


def test_thematic_special_procedures(mechanisms):
    mandates = [m for m in mechanisms
                if m["kind"] == "special_procedure" and m["key"] != "special_procedures"]
    assert all(m["parent"] == "special_procedures" for m in mandates)
    # OHCHR counted 44 thematic mandates in 2017-2020, 45 after 2021 (climate change)
    # and 46 after 2023 (rights of peasants).
    assert len(mandates) == 46
    keys = {m["key"] for m in mandates}
    for k in ("sr_torture", "wg_arbitrary_detention", "wg_disappearances", "sr_freedom_expression",
              "sr_hrds", "sr_migrants", "sr_climate_change", "wg_peasants"):
        assert k in keys
    for m in mandates:
        first = m["names"]["en"].split()[0:2]
        assert first in (["Special", "Rapporteur"], ["Independent", "Expert"], ["Working", "Group"]), m["key"]


EXPECTED_SESSIONS = {
    43: ("2020-02-24", "2020-06-23"),
    44: ("2020-06-30", "2020-07-17"),
    45: ("2020-09-14", "2020-10-07"),
    46: ("2021-02-22", "2021-03-24"),
}


def test_hrc_sessions(sessions, mechanisms):
    mech_keys = {m["key"] for m in mechanisms}
    by_number = {}
    for s in sessions:
        assert s["mechanism"] in mech_keys
        assert s["modality"] in MODALITIES
        _check_trilingual(s["title"], f"session {s['number']}")
        start, end = date.fromisoformat(s["start_date"]), date.fromisoformat(s["end_date"])
        assert start <= end
        if s["mechanism"] == "hrc":
            by_number[s["number"]] = s
    for number, (start, end) in EXPECTED_SESSIONS.items():
        assert number in by_number, number
        assert (by_number[number]["start_date"], by_number[number]["end_date"]) == (start, end), number
    # HRC43's suspension must be recorded, and HRC46 was held remotely.
    assert "suspended" in by_number[43]["notes"]
    assert by_number[46]["modality"] == "virtual"


def test_institutions_present(institutions):
    by_key = _by_key(institutions)
    chambers = {k for k, i in by_key.items() if i["kind"] == "parliament_chamber"}
    assert {by_key[k]["names"]["ar"] for k in chambers} == {"مجلس النواب", "مجلس المستشارين"}
    committees = [i for i in institutions if i["kind"] == "parliament_committee"]
    assert {c["parent"] for c in committees} == chambers
    assert by_key["cndh"]["kind"] == "nhri"
    assert by_key["didh"]["acronym"] == "DIDH"
    for key in ("amnesty", "hrw", "freedom_house", "front_line_defenders"):
        assert by_key[key]["kind"] == "ngo", key
    assert by_key["geneva_academy"]["kind"] == "academic"
    assert by_key["icesco"]["kind"] == "international_organisation"
    assert by_key["cti"]["kind"] in ("other", "international_organisation")


# --------------------------------------------------------------------------
# Alias collisions across the files
# --------------------------------------------------------------------------
# Official names that are genuinely shared: both chambers call their committee
# "لجنة العدل والتشريع وحقوق الإنسان". Only these names may be claimed twice, and
# only by these two entries (their chamber-qualified aliases stay unique).
HOMONYMS = {
    ("institutions", "hoc_justice_committee"), ("institutions", "hor_justice_committee"),
}


def _all_forms(mechanisms, institutions, themes):
    """(normalised form) -> set of (file, key, is_name) claiming it."""
    claims: dict[str, set[tuple[str, str, bool]]] = {}

    def claim(text, owner, is_name):
        claims.setdefault(norm(text), set()).add((*owner, is_name))

    for file, entries, field in (("mechanisms", mechanisms, "names"),
                                 ("institutions", institutions, "names"),
                                 ("themes", themes, "labels")):
        for e in entries:
            owner = (file, e["key"])
            for lang in LANGS:
                claim(e[field][lang], owner, True)
                for a in e.get("aliases", {}).get(lang, []):
                    claim(a, owner, False)
    return claims


def test_no_alias_claimed_by_two_entries(mechanisms, institutions, themes):
    clashes = {}
    for form, claimants in _all_forms(mechanisms, institutions, themes).items():
        owners = {(f, k) for f, k, _ in claimants}
        if len(owners) < 2:
            continue
        only_names = all(is_name for *_, is_name in claimants)
        if owners <= HOMONYMS and only_names:
            continue
        clashes[form] = sorted(owners)
    assert not clashes, clashes


# --------------------------------------------------------------------------
# The real status sheet (read from ../shared; absent on a user's machine)
# --------------------------------------------------------------------------
# Wordings as they stand in the April 2021 sheet for measure 4 (leading
# conjunctions and prepositions included where the sheet has them).
SHEET_WORDINGS = [
    "مجلس حقوق الإنسان",
    "آلية الاستعراض الدوري الشامل",
    "آلية الإجراءات الخاصة لمجلس حقوق الإنسان",
    "هيئات المعاهدات",
    "المفوضية السامية لحقوق الإنسان",
    "برنامج الأمم المتحدة الإنمائي",
    "ومنظمة العمل الدولية",
    "منظمة الصحة العالمية",
    "منظمة الأمم المتحدة للتربية والعلم والثقافة",
    "منظمة اليونيسف",
    "البرنامج العالمي للتثقيف في مجال حقوق الإنسان",
    "اللجنة المعنية بالقضاء على التمييز ضد المرأة",
    "اتفاقية مناهضة التعذيب",
    "اتفاقية حماية جميع الأشخاص من الاختفاء القسري",
    "اللجنة الفرعية لمنع التعذيب",
    "الاتفاقية الدولية لحماية حقوق جميع العمال المهاجرين وأفراد أسرهم",
    "المندوبية الوزارية المكلفة بحقوق الإنسان",
    "لجنة العمال المهاجرين",
    "واللجنة المعنية بالأشخاص في وضعية إعاقة",
    "ولجنة القضاء على جميع أشكال التمييز العنصري",
    "واللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية",
    "وآليات الإجراءات الخاصة",
    "وزير الدولة المكلف بحقوق الإنسان والعلاقات مع البرلمان",
    "مبادرة اتفاقية مناهضة التعذيب",
    "المفوضة السامية لحقوق الإنسان",
    "اللجنة الفرعية لمناهضة التعذيب",
    "إجراء خاص",
    "هيئات أممية كالمفوضية السامية لحقوق الإنسان",
    "والخبراء المستقلين",
    "والمقررين الخاصين",
    "وفرق العمل الموضوعاتية",
    "أكاديمية جنيف للقانون الدولي الإنساني وحقوق الإنسان",
    "منظمة العالم الإسلامي للتربية والعلوم والثقافة",
    "منظمة العفو الدولية",
    "هيومن رايتس ووتش",
    "فريدم هاوس",
    "فرانت لاين ديفندرز",
    "لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب",
    "بمجلس النواب",
    "وزارة الدولة المكلف بحقوق الانسان والعلاقات مع البرلمان",
    "المبادرة الوطنية للتنمية البشرية",
]

# Wordings that contain a mention rather than being one: match the entry whose
# alias they contain (e.g. "هيئات أممية كالمفوضية …" -> the OHCHR alias after "كال").
CONTAINS_ONLY = {"هيئات أممية كالمفوضية السامية لحقوق الإنسان": "ohchr"}

# Entries the sheet names, which must all be findable in it.
SHEET_KEYS = {
    "mechanisms": ["hrc", "upr", "special_procedures", "treaty_bodies", "ohchr", "undp", "ilo",
                   "who", "unesco", "unicef", "wphre", "cedaw", "cat", "ced", "spt", "cmw", "crpd",
                   "cerd", "cescr"],
    "institutions": ["ministry_hr_parliament", "didh", "cti", "geneva_academy", "icesco", "amnesty",
                     "hrw", "freedom_house", "front_line_defenders", "hor_justice_committee",
                     "house_of_representatives", "indh"],
}


@pytest.fixture(scope="module")
def sheet_text() -> str:
    if not SHEET.is_file():
        pytest.skip(f"real status sheet not available at {SHEET} (shared/ samples are not shipped "
                    "with the project)")
    return norm(SHEET.read_text(encoding="utf-8"))


def _entry_forms(entries, field="names"):
    out = {}
    for e in entries:
        forms = set()
        for lang in LANGS:
            forms |= clitic_forms(e[field][lang])
            for a in e.get("aliases", {}).get(lang, []):
                forms |= clitic_forms(a)
        out[e["key"]] = forms
    return out


def test_sheet_wordings_are_in_the_sheet(sheet_text):
    missing = [w for w in SHEET_WORDINGS if norm(w) not in sheet_text]
    assert not missing, missing


def test_sheet_wordings_match_an_entry(sheet_text, mechanisms, institutions):
    forms = {**_entry_forms(mechanisms), **_entry_forms(institutions)}
    unmatched = []
    for wording in SHEET_WORDINGS:
        if wording in CONTAINS_ONLY:
            key = CONTAINS_ONLY[wording]
            if not any(f in norm(wording) for f in forms[key]):
                unmatched.append(wording)
            continue
        wanted = clitic_forms(wording)
        if not any(wanted & f for f in forms.values()):
            unmatched.append(wording)
    assert not unmatched, unmatched


def test_every_named_entry_is_found_in_the_sheet(sheet_text, mechanisms, institutions):
    by_file = {"mechanisms": _by_key(mechanisms), "institutions": _by_key(institutions)}
    not_found = []
    for file, keys in SHEET_KEYS.items():
        for key in keys:
            e = by_file[file][key]
            candidates = [e["names"]["ar"], *e["aliases"]["ar"], *e["aliases"]["fr"], *e["aliases"]["en"]]
            if not any(norm(c) in sheet_text for c in candidates):
                not_found.append(key)
    assert not not_found, not_found


def test_treaty_named_resolves_to_cat(mechanisms):
    # "اتفاقية مناهضة التعذيب" names the Convention; the matcher should land on CAT.
    owners = [m["key"] for m in mechanisms
              if norm("اتفاقية مناهضة التعذيب") in {norm(a) for a in m["aliases"]["ar"]}]
    assert owners == ["cat"]
