from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.importers.panddh import ParseError, parse_file, parse_sheet

# --------------------------------------------------------------------------
# The published sheet, field by field


@pytest.fixture(scope="module")
def sheet(published_sample_path: Path):
    return parse_file(published_sample_path)


def test_sample_header_fields(sheet):
    assert sheet.number == 4
    assert sheet.name.startswith("دعم وتطوير التعاون البناء")
    assert sheet.name.endswith("مع الأليات الدولية لحقوق الانسان")  # spelling kept as published
    assert sheet.sub_measure_name is None  # "-" means none
    assert sheet.axis.startswith("المحور الأول : دعم الخيار الديموقراطي")
    assert sheet.axis_number == 1
    assert sheet.axis_title == (
        "دعم الخيار الديموقراطي ودولة الحق والقانون وترسيخ الجهوية المتقدمة"
    )
    assert sheet.ministry == "وزارة الدولة المكلف بحقوق الانسان والعلاقات مع البرلمان"
    assert sheet.status_month_label == "أبريل 2021"
    assert sheet.status_as_of == date(2021, 4, 1)
    assert sheet.status_text == "إجراء ذو طبيعة مستمرة"
    assert sheet.ignored_lines == []
    assert sheet.source.endswith("measure-04.txt")


def test_sample_description_and_objectives(sheet):
    assert len(sheet.description_items) == 6
    assert sheet.description_items[0] == (
        "المشاركة الوطنية في أشغال دورات مجلس حقوق الإنسان وهيئاته الفرعية"
    )
    assert sheet.description_items[3] == "التفاعل مع هيئات المعاهدات"
    assert sheet.description_items[5].endswith("منظمة اليونيسف ...)")
    assert len(sheet.objectives) == 4
    # Numbering removed, the final "." kept (only ";"/"؛" are stripped).
    assert sheet.objectives[1] == "تقوية التفاعل الوطني مع آليات الأمم المتحدة لحقوق الإنسان."
    assert all(not o[0].isdigit() for o in sheet.objectives)


def test_sample_section_titles_and_counts(sheet):
    titles = [(s.number, s.title) for s in sheet.sections]
    assert titles == [
        (1, "إعداد وتقديم التقارير الوطنية"),
        (2, "مواصلة معالجة الشكايات والبلاغات الفردية المعروضة على هيئات المعاهدات وآليات "
            "الإجراءات الخاصة، والمتعلقة بادعاءات التعرض لانتهاكات حقوق الإنسان"),
        (3, "إنشاء نظام معلومياتي لتتبع تنفيذ التوصيات الأممية في مجال حقوق الإنسان"),
        (4, "المشاركة في دورات مجلس حقوق الإنسان"),
        (5, "التفاعل بخصوص التدابير المتخذة لمواجهة جائحة كوفيد 19"),
        (6, "المساهمة في إعداد دراسات وتقارير دولية والتفاعل معها"),
        (7, "التفاعل مع تقارير وطلبات منظمات غير حكومية"),
    ]
    assert [len(s.bullets) for s in sheet.sections] == [7, 2, 4, 4, 3, 3, 3]
    assert [len(s.paragraphs) for s in sheet.sections] == [1, 0, 0, 0, 0, 0, 0]
    assert [s.line for s in sheet.sections] == [27, 38, 42, 48, 55, 60, 65]


def test_sample_bullet_texts(sheet):
    s1, s2, s3 = sheet.sections[:3]
    # trailing "؛" stripped, the rest exactly as written
    assert s1.items[3].text == "استكمال مسار إعداد التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب"
    assert s1.items[3].line == 31
    # trailing "." is kept
    assert s1.items[6].text.endswith("العمال المهاجرين وأفراد أسرهم.")
    assert s2.items[1].text == "مواصلة مشروع إعداد قاعدة معطيات مشتركة خاصة بتتبع الحالات الفردية."
    # "-text" bullets without a space
    assert s3.items[2].text == "تنظيم لقاءات واجتماعات عمل مع شبكة بنيات نقط الارتكاز"
    assert sheet.sections[4].items[2].text.startswith("رصد الأداء المؤسساتي")
    # Presentation forms in the published text are not normalised away.
    assert "\ufe8d\ufedf" in s1.items[1].text
    assert all(not i.text.startswith(("-", " ")) for s in sheet.sections for i in s.items)


def test_sample_paragraph_belongs_to_section_1(sheet):
    para = sheet.sections[0].items[-1]
    assert para.kind == "paragraph"
    assert para.line == 36
    assert para.text.startswith("في إطار مواكبة المسار الإصلاحي")
    assert para.text.endswith("والثقافية (2021).")


def test_sample_noise_removed(sheet):
    every = [sheet.name, sheet.axis or "", sheet.ministry or "", sheet.status_text or ""]
    every += sheet.description_items + sheet.objectives
    every += [s.title for s in sheet.sections] + [i.text for s in sheet.sections for i in s.items]
    assert not any("@" in t or "usepg" in t for t in every)
    assert not any(t.startswith("نشر") for t in every)
    assert sheet.sections[-1].items[-1].text.endswith("بمجلس النواب.")


def test_parse_sheet_on_text_equals_parse_file(published_sample_path, published_text, sheet):
    again = parse_sheet(published_text, source=str(published_sample_path))
    assert again == sheet


def test_sample_with_crlf_cr_and_bom(published_text, sheet):
    for text in (
        "\ufeff" + published_text.replace("\n", "\r\n"),
        published_text.replace("\n", "\r"),
    ):
        other = parse_sheet(text, source=sheet.source)
        assert other == sheet


# --------------------------------------------------------------------------
# Variants written for the tests (own text)

VARIANT = """\
رقم الإجراء
12
إسم الإجراء
تعزيز قدرات الفاعلين في مجال التربية على حقوق الإنسان
إسم الإجراء الفرعي
تكوين المكونين في المؤسسات الجهوية
المحور
المحور الثالث : النهوض بالحقوق الثقافية والبيئية
بيان الإجراء
1) إعداد دليل تكويني
2) تنظيم دورات تكوينية جهوية
أهداف الإجراء
-تملك المعايير الدولية من طرف المكونين؛
-نشر ثقافة حقوق الإنسان
الوزارة المعنية
وزارة التربية الوطنية
الوضعية في شهر نونبر 2019
في طور الإنجاز
الإنجازات
1- تكوين المكونين
- تنظيم ورشة أولى بمدينة فاس؛
- تنظيم ورشة ثانية بمدينة أكادير.
2- إعداد الدليل
صدر الدليل في نسخته الأولى.
"""


def test_variant_with_sub_measure_and_other_month():
    s = parse_sheet(VARIANT)
    assert s.number == 12
    assert s.sub_measure_name == "تكوين المكونين في المؤسسات الجهوية"
    assert (s.axis_number, s.axis_title) == (3, "النهوض بالحقوق الثقافية والبيئية")
    assert s.description_items == ["إعداد دليل تكويني", "تنظيم دورات تكوينية جهوية"]
    assert s.objectives == ["تملك المعايير الدولية من طرف المكونين", "نشر ثقافة حقوق الإنسان"]
    assert s.status_month_label == "نونبر 2019"
    assert s.status_as_of == date(2019, 11, 1)
    assert s.status_text == "في طور الإنجاز"
    assert [(x.number, x.title) for x in s.sections] == [(1, "تكوين المكونين"), (2, "إعداد الدليل")]
    assert [i.text for i in s.sections[0].items] == [
        "تنظيم ورشة أولى بمدينة فاس",
        "تنظيم ورشة ثانية بمدينة أكادير.",
    ]
    assert s.sections[1].items[0].kind == "paragraph"


def test_variant_crlf_and_extra_blank_lines_give_same_result():
    base = parse_sheet(VARIANT)
    spaced = "\n\n".join(VARIANT.split("\n"))
    assert parse_sheet(spaced) == _relined(base, parse_sheet(spaced))
    crlf = VARIANT.replace("\n", "\r\n")
    assert parse_sheet(crlf) == base
    cr = VARIANT.replace("\n", "\r")
    assert parse_sheet(cr) == base


def _relined(base, other):
    """``base`` with the line numbers of ``other`` (same structure expected)."""
    import dataclasses

    sections = [
        dataclasses.replace(
            s, line=o.line,
            items=[dataclasses.replace(i, line=oi.line) for i, oi in zip(s.items, o.items)],
        )
        for s, o in zip(base.sections, other.sections)
    ]
    return dataclasses.replace(base, sections=sections)


def test_eastern_arabic_digits_everywhere():
    text = (
        VARIANT.replace("\n12\n", "\n١٢\n")
        .replace("1) ", "١) ").replace("2) ", "٢) ")
        .replace("1- ", "١- ").replace("2- ", "٢- ")
        .replace("نونبر 2019", "نونبر ٢٠١٩")
    )
    s = parse_sheet(text)
    assert s.number == 12
    assert s.description_items == ["إعداد دليل تكويني", "تنظيم دورات تكوينية جهوية"]
    assert [x.number for x in s.sections] == [1, 2]
    assert s.status_as_of == date(2019, 11, 1)
    assert s.status_month_label == "نونبر ٢٠١٩"  # as written


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("الوضعية في شهر كانون الثاني 2022", date(2022, 1, 1)),
        ("الوضعية في شهر تشرين الأول 2020", date(2020, 10, 1)),
        ("الوضعية في شهر آب 2018", date(2018, 8, 1)),
        ("الوضعية في شهر حزيران 2023", date(2023, 6, 1)),
        ("الوضعية في شهر ابريل 2021", date(2021, 4, 1)),
        ("الوضعية في شهر إبريل 2021", date(2021, 4, 1)),
        ("الوضعية في شهر يوليو 2020", date(2020, 7, 1)),
        ("الوضعية في شهر دجنبر 2020", date(2020, 12, 1)),
        ("الوضعية في شهر ديسمبر 2020", date(2020, 12, 1)),
        ("الوضعية في شهر غشت 2017", date(2017, 8, 1)),
        ("الوضعية في شهر ماي 2016", date(2016, 5, 1)),
        ("الوضعية في أيلول 2019", date(2019, 9, 1)),
        ("الوضعية بتاريخ 30 يونيو 2021", date(2021, 6, 30)),
        ("الوضعية في شهر أبريل 2021 :", date(2021, 4, 1)),
    ],
)
def test_status_heading_months(heading, expected):
    s = parse_sheet(f"رقم الإجراء\n5\nالإسم\n{heading}\nمنجز\n")
    assert s.status_as_of == expected
    assert s.status_text == "منجز"


def test_status_inline_value_and_no_month():
    s = parse_sheet("رقم الإجراء : 9\nالوضعية في شهر شتنبر 2020 : منجز جزئيا\n")
    assert (s.number, s.status_month_label, s.status_as_of) == (9, "شتنبر 2020", date(2020, 9, 1))
    assert s.status_text == "منجز جزئيا"
    s = parse_sheet("رقم الإجراء\n9\nالوضعية\nمستمر\n")
    assert (s.status_month_label, s.status_as_of, s.status_text) == (None, None, "مستمر")


def test_status_month_on_its_own_line_and_status_words_in_text():
    s = parse_sheet(
        "رقم الإجراء\n5\nالوضعية في شهر\nتشرين الثاني 2020\nمنجز\nالإنجازات\n"
        "الوضعية الحقوقية للنزلاء تحسنت.\n"
        "الوضعية في 3 مؤسسات تحسنت\n"
        "الوضعية في 3 مارس 2021 كانت مستقرة\n"
    )
    assert (s.status_month_label, s.status_as_of, s.status_text) == (
        "تشرين الثاني 2020", date(2020, 11, 1), "منجز",
    )
    assert [i.text for i in s.sections[0].items] == [
        "الوضعية الحقوقية للنزلاء تحسنت.",
        "الوضعية في 3 مؤسسات تحسنت الوضعية في 3 مارس 2021 كانت مستقرة",
    ]


def test_invisible_marks_and_form_feeds_at_line_edges():
    s = parse_sheet(
        "\u200fرقم الإجراء\u200f\n\u200e12\n\x0c\nإسم الإجراء\n\u202bتجربة\u202c\n"
    )
    assert (s.number, s.name) == (12, "تجربة")


def test_missing_and_empty_fields():
    s = parse_sheet("رقم الإجراء\n7\nإسم الإجراء\n\nالمحور\n-\nالإنجازات\n")
    assert s.number == 7
    assert s.name == ""
    assert s.axis is None and s.axis_number is None and s.axis_title is None
    assert s.sub_measure_name is None and s.ministry is None
    assert s.description_items == [] and s.objectives == []
    assert s.status_month_label is None and s.status_as_of is None and s.status_text is None
    assert s.sections == []


def test_inline_headings_and_spelling_variants():
    s = parse_sheet(
        "رقم الاجراء: 3\n"
        "اسم الإجراء : إحداث آلية وطنية للتتبع\n"
        "اسم الاجراء الفرعي: -\n"
        "المحور : المحور 2 - الحكامة الأمنية\n"
    )
    assert s.number == 3
    assert s.name == "إحداث آلية وطنية للتتبع"
    assert s.sub_measure_name is None
    assert (s.axis_number, s.axis_title) == (2, "الحكامة الأمنية")


def test_numbered_list_inside_a_section_and_paragraph_before_sections():
    s = parse_sheet(
        "رقم الإجراء\n1\nالإنجازات\n"
        "تمهيد عام قبل أي عنوان.\n"
        "1. عنوان أول\n"
        "1. عنصر أ\n"
        "2. عنصر ب\n"
        "2. عنوان ثان\n"
        "• نقطة\n"
        "– نقطة أخرى\n"
        "سطر يتابع النقطة\n"
        "\n"
        "فقرة حرة.\n"
        "فقرة ثانية بعد نقطة النهاية\n"
    )
    assert [(x.number, x.title) for x in s.sections] == [
        (None, ""), (1, "عنوان أول"), (2, "عنوان ثان")
    ]
    assert [i.text for i in s.sections[0].items] == ["تمهيد عام قبل أي عنوان."]
    assert [i.text for i in s.sections[1].items] == ["عنصر أ", "عنصر ب"]
    assert [(i.kind, i.text) for i in s.sections[2].items] == [
        ("bullet", "نقطة"),
        ("bullet", "نقطة أخرى سطر يتابع النقطة"),
        ("paragraph", "فقرة حرة."),
        ("paragraph", "فقرة ثانية بعد نقطة النهاية"),
    ]


def test_noise_lines_anywhere():
    s = parse_sheet(
        "|  contact@example.org\nwww.example.org\nرقم الإجراء\n2\nالإنجازات\n"
        "1. عنوان\nصفحة 2 / 3\n- عنصر\n|\nنشر : 12 ماي 2021\n"
    )
    assert [i.text for i in s.sections[0].items] == ["عنصر"]


# --------------------------------------------------------------------------
# Malformed input


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "empty file"),
        ("   \n\n \n", 1, "empty file"),
        ("شيء ما\nلا علاقة له بالإجراءات\n", 1, "no 'رقم الإجراء'"),
        ("|   a@b.ma\n\nإسم الإجراء\nس\n", 3, "no 'رقم الإجراء'"),
        ("رقم الإجراء\nأربعة\nإسم الإجراء\nس\n", 2, "not numeric: 'أربعة'"),
        ("رقم الإجراء\n4.2\n", 2, "not numeric"),
        ("رقم الإجراء\n\nإسم الإجراء\nس\n", 1, "empty measure number"),
        ("رقم الإجراء\n" + "9" * 40 + "\n", 2, "too long"),
        ("رقم الإجراء\n1\nرقم الإجراء\n2\n", 3, "appears twice (first at line 1)"),
        ("رقم الإجراء\n1\n\x00\x01\x02", 3, "binary content"),
    ],
)
def test_malformed_text(text, line, reason):
    with pytest.raises(ParseError) as exc:
        parse_sheet(text, source="bad.txt")
    err = exc.value
    assert err.source == "bad.txt"
    assert err.line == line
    assert reason in err.reason
    assert str(err) == f"bad.txt:{line}: {err.reason}"


def test_malformed_files(tmp_path):
    cases = {
        "empty.txt": (b"", 1, "empty file"),
        "binary.bin": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary file"),
        "latin1.txt": ("رقم الإجراء\n4\n".encode() + b"caf\xe9\n", 3, "not UTF-8 text"),
        "nonum.txt": ("إسم الإجراء\nس\n".encode(), 1, "no 'رقم الإجراء'"),
        "word.txt": ("رقم الإجراء\nرابع\n".encode(), 2, "not numeric"),
    }
    for name, (data, line, reason) in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(ParseError) as exc:
            parse_file(p)
        assert exc.value.line == line, name
        assert reason in exc.value.reason, name
        assert str(exc.value).startswith(f"{p}:{line}: ")


def test_file_with_bom_and_utf16(tmp_path):
    text = "رقم الإجراء\n8\nإسم الإجراء\nتجربة\n"
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert parse_file(p).number == 8
    p.write_bytes(text.encode("utf-16"))
    assert parse_file(p).name == "تجربة"


def test_missing_file_is_os_error(tmp_path):
    with pytest.raises(OSError):
        parse_file(tmp_path / "absent.txt")


# --------------------------------------------------------------------------
# Property: only ParseError escapes

_sheetish = st.lists(
    st.one_of(
        st.sampled_from([
            "رقم الإجراء", "إسم الإجراء", "اسم الإجراء الفرعي", "المحور", "بيان الإجراء",
            "أهداف الإجراء", "الوزارة المعنية", "الوضعية في شهر أبريل 2021", "الإنجازات",
            "-", "1.", "١)", "- ", "•", "نشر :", "| a@b.c", "4", "٤", "", "الوضعية في 3",
            "المحور الأول :", "(2) نص", "2021-2025", "الوضعية:", "0", "99999999",
        ]),
        st.text(max_size=30),
    ),
    max_size=25,
).map(lambda xs: "\n".join(xs))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(st.text(), _sheetish))
def test_parse_sheet_only_raises_parse_error(text):
    try:
        s = parse_sheet(text)
    except ParseError as err:
        assert err.line >= 1
        assert isinstance(err.reason, str) and err.reason
    else:
        assert isinstance(s.number, int)
        for sec in s.sections:
            for item in sec.items:
                assert item.text == item.text.strip() and item.text
