from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
PUBLISHED_SAMPLE = REPO_ROOT.parent / "shared" / "samples" / "panddh" / "measure-04.txt"


@pytest.fixture(scope="session")
def published_sample_path() -> Path:
    if not PUBLISHED_SAMPLE.is_file():
        pytest.skip(
            f"published sheet not available at {PUBLISHED_SAMPLE} "
            "(shared/ is only laid out on project machines and CI)"
        )
    return PUBLISHED_SAMPLE


@pytest.fixture(scope="session")
def published_text(published_sample_path: Path) -> str:
    return published_sample_path.read_text(encoding="utf-8")


def _m(key, *aliases, kind="treaty_body", parent=None, entity_type="mechanism"):
    # tuples here; AliasEntry is imported lazily so that the parser tests do
    # not depend on the mentions module (and content.textnorm)
    return [(entity_type, key, a, kind, parent) for a in aliases]


# A small alias list written for the tests (keys as in the reference data).
_ENTRIES = [
    *_m("hrc", "مجلس حقوق الإنسان", "Human Rights Council", "HRC", kind="human_rights_council"),
    *_m("upr", "الاستعراض الدوري الشامل", "آلية الاستعراض الدوري الشامل", kind="upr", parent="hrc"),
    *_m("special_procedures", "الإجراءات الخاصة", "آليات الإجراءات الخاصة",
        "الإجراءات الخاصة لمجلس حقوق الإنسان", "إجراء خاص", "المقررين الخاصين",
        kind="special_procedure", parent="hrc"),
    *_m("ohchr", "المفوضية السامية لحقوق الإنسان", "المفوضة السامية لحقوق الإنسان", kind="ohchr"),
    *_m("treaty_bodies", "هيئات المعاهدات"),
    *_m("cat", "لجنة مناهضة التعذيب", "اتفاقية مناهضة التعذيب", "CAT", parent="treaty_bodies"),
    *_m("spt", "اللجنة الفرعية لمنع التعذيب", "اللجنة الفرعية لمناهضة التعذيب", parent="cat"),
    *_m("ced", "اتفاقية حماية جميع الأشخاص من الاختفاء القسري"),
    *_m("cedaw", "اللجنة المعنية بالقضاء على التمييز ضد المرأة"),
    *_m("cmw", "لجنة العمال المهاجرين",
        "الاتفاقية الدولية لحماية حقوق جميع العمال المهاجرين وأفراد أسرهم"),
    *_m("crpd", "اللجنة المعنية بالأشخاص في وضعية إعاقة"),
    *_m("cerd", "لجنة القضاء على جميع أشكال التمييز العنصري"),
    *_m("cescr", "اللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية"),
    *_m("crc", "لجنة حقوق الطفل", "اتفاقية حقوق الطفل"),
    *_m("who", "منظمة الصحة العالمية", "WHO", kind="un_agency"),
    *_m("undp", "برنامج الأمم المتحدة الإنمائي", kind="un_agency"),
    *_m("house_of_representatives", "مجلس النواب", kind="parliament_chamber",
        entity_type="institution"),
    *_m("hor_justice_committee", "لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب",
        "لجنة العدل والتشريع وحقوق الإنسان", kind="parliament_committee",
        parent="house_of_representatives", entity_type="institution"),
    *_m("hoc_justice_committee", "لجنة العدل والتشريع وحقوق الإنسان", kind="parliament_committee",
        parent="house_of_councillors", entity_type="institution"),
    *_m("ministry_hr_parliament", "وزير الدولة المكلف بحقوق الإنسان والعلاقات مع البرلمان",
        kind="ministry", entity_type="institution"),
    *_m("amnesty", "منظمة العفو الدولية", kind="ngo", entity_type="institution"),
    *_m("hrw", "هيومن رايتس ووتش", kind="ngo", entity_type="institution"),
    *_m("freedom_house", "فريدم هاوس", kind="ngo", entity_type="institution"),
    *_m("front_line_defenders", "فرانت لاين ديفندرز", kind="ngo", entity_type="institution"),
    *_m("cti", "مبادرة اتفاقية مناهضة التعذيب", "CTI", kind="other", entity_type="institution"),
    *_m("icesco", "منظمة العالم الإسلامي للتربية والعلوم والثقافة",
        kind="international_organisation", entity_type="institution"),
]


@pytest.fixture(scope="session")
def alias_entries():
    """A small alias list written for the tests (keys as in the reference data)."""
    from content.importers.panddh.mentions import AliasEntry

    return [AliasEntry(*row) for row in _ENTRIES]
