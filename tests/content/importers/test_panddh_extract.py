from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.importers.panddh import parse_file, parse_sheet
from content.importers.panddh.extract import (
    SHEET_SCOPED_KINDS,
    Document,
    Event,
    ExtractedRecord,
    InformationRequest,
    NgoInteraction,
    ParliamentaryPresentation,
    extract_from_sheet,
    extract_records,
)
from content.importers.panddh.mentions import AliasIndex, load_reference_entries
from content.samples.panddh import read_sample, sample_names

REFERENCE_DIR = Path(__file__).resolve().parents[3] / "content" / "reference" / "data"


@pytest.fixture(scope="module")
def index(alias_entries) -> AliasIndex:
    return AliasIndex.build(alias_entries)


def records_for(index, text, section_title=None):
    return extract_records(text, section_title, index.find(text))


# --------------------------------------------------------------------------
# One kind at a time, on text written for the tests


def test_parliamentary_presentation(index):
    text = (
        "تقديم عرض لوزير الدولة المكلف بحقوق الإنسان والعلاقات مع البرلمان بخصوص التفاعل مع "
        "منظمة العفو الدولية يوم الأربعاء 15 يوليوز 2020 أمام لجنة العدل والتشريع وحقوق الإنسان "
        "بمجلس النواب."
    )
    [rec] = records_for(index, text, "التفاعل مع تقارير وطلبات منظمات غير حكومية")
    assert isinstance(rec, ParliamentaryPresentation)
    assert rec.kind == "parliamentary_presentation"
    assert rec.chamber_key == "house_of_representatives"
    assert rec.committee_key == "hor_justice_committee"
    assert rec.date == date(2020, 7, 15)
    assert rec.presenter_role == "وزير الدولة المكلف بحقوق الإنسان والعلاقات مع البرلمان"
    assert rec.presenter_key == "ministry_hr_parliament"
    assert rec.subject == "التفاعل مع منظمة العفو الدولية"
    assert rec.subject_keys == ("amnesty",)
    assert rec.sentence == text
    assert rec.natural_key == (
        "parliamentary_presentation", "house_of_representatives", "hor_justice_committee",
        "2020-07-15", "amnesty",
    )


def test_presentation_committee_disambiguated_by_chamber(index):
    text = "مداخلة للمندوب الوزاري حول التقرير يوم 3 مارس 2021 أمام لجنة العدل والتشريع وحقوق الإنسان التابعة لمجلس النواب"
    [rec] = records_for(index, text)
    assert (rec.committee_key, rec.chamber_key) == ("hor_justice_committee", "house_of_representatives")
    assert rec.presenter_role == "المندوب الوزاري"
    text = "عرض أمام لجنة العدل والتشريع وحقوق الإنسان"  # either chamber: left open
    [rec] = records_for(index, text)
    assert rec.committee_key is None and rec.chamber_key is None


def test_ngo_interactions_one_per_ngo(index):
    text = (
        "متابعة التقارير السنوية والادعاءات وطلبات المعلومات الصادرة عن منظمات غير حكومية دولية، "
        'لا سيما منظمة العفو الدولية و"هيومن رايتس ووتش" و"فريدم هاوس" و"فرانت لاين ديفندرز"؛'
    )
    recs = records_for(index, text)
    assert all(isinstance(r, NgoInteraction) for r in recs)
    assert [r.ngo_key for r in recs] == ["amnesty", "hrw", "freedom_house", "front_line_defenders"]
    assert {r.interactions for r in recs} == {("report", "allegation", "information_request")}
    assert recs[0].natural_key == ("ngo_interaction", "amnesty", "report+allegation+information_request")
    # an NGO named without reports/allegations/requests is no interaction record
    assert records_for(index, "لقاء مع ممثلي منظمة العفو الدولية") == []
    [only] = records_for(index, "الرد على ادعاءات هيومن رايتس ووتش")
    assert only.interactions == ("allegation",)


def test_information_requests(index):
    text = "التفاعل مع ما يناهز 48 استبيانا وطلبا للمعلومات صادرا عن المفوضية السامية لحقوق الإنسان وهيئات المعاهدات والمقررين الخاصين؛"
    [r] = records_for(index, text)
    assert isinstance(r, InformationRequest)
    assert (r.count, r.request_kind, r.joint, r.mandates) == (
        48, "questionnaire_and_information_request", False, None,
    )
    assert r.sources == ("ohchr", "treaty_bodies", "special_procedures")
    assert r.natural_key == (
        "information_request", "ohchr+treaty_bodies+special_procedures",
        "questionnaire_and_information_request", 48,
    )

    text = "إعداد الجواب على استبيان مشترك لــ 13 إجراء خاصا تابعا لمجلس حقوق الإنسان حول «حماية الحقوق أثناء الجائحة»"
    [r] = records_for(index, text)
    assert (r.count, r.request_kind, r.joint, r.mandates) == (1, "questionnaire", True, 13)
    assert r.sources == ("special_procedures",)  # "تابعا لمجلس حقوق الإنسان" qualifies them
    assert r.subject == "حماية الحقوق أثناء الجائحة"

    text = "إعداد الجواب على طلب للمعلومات وارد من اللجنة الفرعية لمناهضة التعذيب حول التدابير المتخذة، وغير ذلك"
    [r] = records_for(index, text)
    assert (r.count, r.request_kind, r.sources) == (1, "information_request", ("spt",))
    assert r.subject == "التدابير المتخذة"
    assert r.natural_key == ("information_request", "spt", "information_request", "التدابير المتخذه")


def test_events(index):
    text = (
        "أشغال الدورة 43 لمجلس حقوق الإنسان. كما ألقى كلمة في النشاط الموازي حول "
        '"تفعيل اتفاقية مناهضة التعذيب: الممارسات الفضلى"، المنظم من طرف مبادرة اتفاقية مناهضة التعذيب (CTI).'
    )
    [ev] = records_for(index, text, "المشاركة في دورات مجلس حقوق الإنسان")
    assert isinstance(ev, Event)
    assert ev.event_type == "side_event"
    assert ev.title == "تفعيل اتفاقية مناهضة التعذيب: الممارسات الفضلى"
    assert ev.session == ("hrc", 43)  # the item's only session
    assert ev.partner_keys == ("cti",)  # CAT is in the title, not a partner
    assert ev.sentence.startswith("كما ألقى كلمة")
    assert ev.natural_key == (
        "event", "side_event", "hrc:43", "تفعيل اتفاقيه مناهضه التعذيب الممارسات الفضلي",
    )

    text = "تنظيم لقاء مواز على هامش الدورة 46، عبر تقنية الفيديو، حول موضوع \"التنمية وحقوق الإنسان\"."
    [ev] = records_for(index, text, "المشاركة في دورات مجلس حقوق الإنسان")
    assert (ev.event_type, ev.session, ev.title) == ("side_event", ("hrc", 46), "التنمية وحقوق الإنسان")

    text = "تنظيم ندوة دولية حول حقوق الإنسان والتحدي الرقمي بشراكة مع منظمة العالم الإسلامي للتربية والعلوم والثقافة."
    [ev] = records_for(index, text)
    assert (ev.event_type, ev.scope, ev.title, ev.partner_keys, ev.session) == (
        "seminar", "international", "حقوق الإنسان والتحدي الرقمي", ("icesco",), None,
    )
    assert ev.natural_key == ("event", "seminar", None, "حقوق الانسان والتحدي الرقمي")


@pytest.mark.parametrize(
    ("text", "key", "status", "period"),
    [
        ("تقديم الصيغة المحينة من الوثيقة الأساس التي تشكل جزءا من تقارير الدول الأطراف في أكتوبر 2020",
         ("document", "treaty_bodies", "common_core_document", "2020-10"), "submitted", "2020-10"),
        ("إعداد الردود على قائمة الأسئلة الواردة من اللجنة المعنية بالقضاء على التمييز ضد المرأة خلال فبراير 2021",
         ("document", "cedaw", "reply_to_list_of_issues", "2021-02"), "in_preparation", "2021-02"),
        ("استكمال مسار إعداد التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب",
         ("document", "cat", "national_report", 5), "finalised", None),
        ("استكمال مسار إعداد التقرير الأولي حول إعمال اتفاقية حماية جميع الأشخاص من الاختفاء القسري",
         ("document", "ced", "national_report", 1), "finalised", None),
        ("إطلاق مسار إعداد التقرير الوطني الثاني حول إعمال الاتفاقية الدولية لحماية حقوق جميع العمال المهاجرين وأفراد أسرهم.",
         ("document", "cmw", "national_report", 2), "launched", None),
        ("استكمال إعداد تعليقات السلطات بشأن تنفيذ التوصيات الصادرة عن اللجنة الفرعية لمنع التعذيب الواردة في تقرير زيارتها خلال سنة 2017",
         ("document", "spt", "follow_up_report", "2017"), "finalised", "2017"),
        ("تقديم التقرير الوطني للجولة الرابعة من الاستعراض الدوري الشامل في غشت 2022",
         ("document", "upr", "national_report", 4), "submitted", "2022-08"),
    ],
)
def test_documents(index, text, key, status, period):
    [doc] = records_for(index, text)
    assert isinstance(doc, Document)
    assert doc.natural_key == key
    assert (doc.status, doc.period) == (status, period)
    assert doc.sentence == text
    assert doc.title and doc.title in text


def test_no_records_from_plain_text(index):
    assert records_for(index, "إطلاق مسار تشكيل شبكة بنيات نقط الارتكاز بالقطاعات والمؤسسات") == []
    assert records_for(index, "إعداد مشروع التقرير؛ ومتابعة تقارير أممية موضوعاتية") == []
    assert records_for(index, "") == []


def test_natural_keys_are_stable_across_reimport(index):
    text = "استكمال مسار إعداد التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب؛"
    assert records_for(index, text)[0].natural_key == records_for(index, text)[0].natural_key
    # later status of the same report: same key, other status
    later = records_for(index, "تقديم التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب في يونيو 2021")
    assert later[0].natural_key == ("document", "cat", "national_report", 5)
    assert later[0].status == "submitted"


# --------------------------------------------------------------------------
# The published sheet


@pytest.fixture(scope="module")
def sample_extraction(published_sample_path, index):
    return extract_from_sheet(parse_file(published_sample_path), index)


def _records(extraction) -> list[ExtractedRecord]:
    return [r for ie in extraction for r in ie.records]


def test_sample_record_counts(sample_extraction):
    counts = Counter(r.kind for r in _records(sample_extraction))
    assert counts == {
        "document": 7, "event": 3, "information_request": 3, "ngo_interaction": 4,
        "parliamentary_presentation": 1,
    }
    keys = [r.natural_key for r in _records(sample_extraction)]
    assert len(keys) == len(set(keys))


def test_sample_parliamentary_presentation(sample_extraction):
    [rec] = [r for r in _records(sample_extraction) if r.kind == "parliamentary_presentation"]
    assert rec.date == date(2020, 7, 15)
    assert (rec.chamber_key, rec.committee_key) == ("house_of_representatives", "hor_justice_committee")
    assert rec.subject_keys == ("amnesty",)
    assert rec.sentence.endswith("أمام لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب.")


def test_sample_documents(sample_extraction):
    docs = {r.natural_key: r for r in _records(sample_extraction) if r.kind == "document"}
    assert set(docs) == {
        ("document", "treaty_bodies", "common_core_document", "2020-10"),
        # no alias for the World Programme in the test list: no mechanism
        ("document", None, "national_report", 3),
        ("document", "cedaw", "reply_to_list_of_issues", "2021-02"),
        ("document", "cat", "national_report", 5),
        ("document", "ced", "national_report", 1),
        ("document", "spt", "follow_up_report", "2017"),
        ("document", "cmw", "national_report", 2),
    }
    assert docs[("document", "cat", "national_report", 5)].sentence.startswith(
        "استكمال مسار إعداد التقرير الوطني الخامس"
    )


def test_sample_events_and_requests(sample_extraction):
    recs = _records(sample_extraction)
    events = [r for r in recs if r.kind == "event"]
    assert [(e.event_type, e.session, e.partner_keys) for e in events] == [
        ("side_event", ("hrc", 43), ("cti",)),
        ("side_event", ("hrc", 46), ()),
        ("seminar", None, ("icesco",)),
    ]
    reqs = [r for r in recs if r.kind == "information_request"]
    assert [(r.sources, r.count, r.joint, r.mandates) for r in reqs] == [
        (("spt",), 1, False, None),
        (("special_procedures",), 1, True, 13),
        (("ohchr", "treaty_bodies", "special_procedures"), 48, False, None),
    ]
    ngos = [r for r in recs if r.kind == "ngo_interaction"]
    assert [n.ngo_key for n in ngos] == ["amnesty", "hrw", "freedom_house", "front_line_defenders"]
    assert SHEET_SCOPED_KINDS == {"ngo_interaction", "information_request"}


def test_sample_with_reference_data(published_sample_path):
    if not (REFERENCE_DIR / "institutions.json").is_file():
        pytest.skip("content/reference/data/institutions.json not present")
    index = AliasIndex.build(load_reference_entries(REFERENCE_DIR))
    recs = _records(extract_from_sheet(parse_file(published_sample_path), index))
    keys = {r.natural_key for r in recs}
    assert ("document", "wphre", "national_report", 3) in keys
    assert ("document", "cat", "national_report", 5) in keys
    assert (
        "parliamentary_presentation", "house_of_representatives", "hor_justice_committee",
        "2020-07-15", "amnesty",
    ) in keys
    assert Counter(r.kind for r in recs)["ngo_interaction"] == 4


# --------------------------------------------------------------------------
# The project's own example sheets


def test_example_sheets_parse_and_extract(index):
    names = sample_names()
    assert len(names) == 3
    results = {}
    for name in names:
        sheet = parse_sheet(read_sample(name), name)
        assert sheet.ignored_lines and "مثال مكتوب لمشروع مرصد" in sheet.ignored_lines[0][1]
        results[name] = (sheet, _records(extract_from_sheet(sheet, index)))

    upr, upr_recs = results["measure-07-upr-follow-up.txt"]
    assert (upr.number, upr.status_as_of) == (7, date(2022, 9, 1))
    assert upr.sub_measure_name == "إعداد التقرير الوطني المرحلي ومواكبة الجولة الرابعة"
    keys = [r.natural_key for r in upr_recs]
    # launched in January, submitted in August: one document, two sentences
    assert keys.count(("document", "upr", "national_report", 4)) == 2
    [pres] = [r for r in upr_recs if r.kind == "parliamentary_presentation"]
    assert pres.date == date(2022, 6, 14) and pres.presenter_role == "المندوب الوزاري المكلف بحقوق الإنسان"

    treaty, treaty_recs = results["measure-11-treaty-reporting.txt"]
    assert (treaty.number, treaty.status_as_of, treaty.status_month_label) == (
        11, date(2019, 12, 1), "دجنبر ٢٠١٩",
    )
    assert [s.number for s in treaty.sections] == [1, 2, 3]
    assert ("document", "crc", "national_report", 4) in {r.natural_key for r in treaty_recs}
    [req] = [r for r in treaty_recs if r.kind == "information_request"]
    assert req.count == 25

    training, training_recs = results["measure-15-training.txt"]
    assert training.sections[0].number is None
    assert [r.kind for r in training_recs] == ["event"]
    assert training_recs[0].event_type == "workshop"


def test_example_sheet_with_crlf_line_endings():
    text = read_sample("measure-15-training.txt")
    assert "\r" not in text
    assert parse_sheet(text.replace("\n", "\r\n"), "x") == parse_sheet(text, "x")


# --------------------------------------------------------------------------
# Property: extraction never fails on arbitrary text

_words = st.sampled_from([
    "الدورة", "43", "و45", "لمجلس حقوق الإنسان", "عرض", "أمام", "لجنة العدل والتشريع وحقوق الإنسان",
    "بمجلس النواب", "يوم", "15 يوليوز 2020", "التقرير الوطني", "الخامس", "اتفاقية مناهضة التعذيب",
    "48", "استبيانا", "وطلبا للمعلومات", "منظمة العفو الدولية", "تقارير", "ندوة", "حول", '"', "«",
    "»", ":", "؛", ".", "النشاط الموازي", "لقاء مواز", "الأولي", "تعليقات", "التوصيات",
    "الوثيقة الأساس", "قائمة الأسئلة", "\n", "ـ", "\u064e",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_words, max_size=40).map(" ".join)))
def test_extract_never_fails(index, text):
    for rec in extract_records(text, "المشاركة في دورات مجلس حقوق الإنسان", index.find(text)):
        assert isinstance(rec, ExtractedRecord)
        assert rec.sentence and rec.sentence in text
        assert all(isinstance(k, (str, int)) or k is None for k in rec.natural_key)
