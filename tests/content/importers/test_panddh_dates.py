from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.importers.panddh.dates import (
    MASHRIQ_MONTHS,
    MOROCCAN_MONTHS,
    find_date_spans,
    find_dates,
    month_number,
    parse_arabic_date,
    to_ascii_digits,
)
from content.importers.panddh.numbers import ordinal_value, parse_ordinal_prefix


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 يوليوز 2020", date(2020, 7, 15)),
        ("الأربعاء 15 يوليوز 2020", date(2020, 7, 15)),
        ("يوم الأربعاء، 15 يوليوز 2020", date(2020, 7, 15)),
        ("١٥ يوليوز ٢٠٢٠", date(2020, 7, 15)),
        ("15 من شهر يوليوز 2020", date(2020, 7, 15)),
        ("أبريل 2021", date(2021, 4, 1)),
        ("ابريل 2021", date(2021, 4, 1)),
        ("إبريل 2021", date(2021, 4, 1)),
        ("أَبْرِيل 2021", date(2021, 4, 1)),  # harakat
        ("3 كانون الثاني 2019", date(2019, 1, 3)),
        ("كانون الأول 2019", date(2019, 12, 1)),
        ("تشرين الاول 2020", date(2020, 10, 1)),
        ("تشرين ثاني 2020", date(2020, 11, 1)),
        ("9 آذار 2018", date(2018, 3, 9)),
        ("أيار 2017", date(2017, 5, 1)),
        ("1 ماي 2016", date(2016, 5, 1)),
        ("1 مايو 2016", date(2016, 5, 1)),
        ("غشت 2015", date(2015, 8, 1)),
        ("أغسطس 2015", date(2015, 8, 1)),
        ("شتنبر 2014", date(2014, 9, 1)),
        ("سبتمبر 2014", date(2014, 9, 1)),
        ("نونبر 2013", date(2013, 11, 1)),
        ("نوفمبر 2013", date(2013, 11, 1)),
        ("دجنبر 2012", date(2012, 12, 1)),
        ("ديسمبر 2012", date(2012, 12, 1)),
        ("جويلية 2011", date(2011, 7, 1)),
        ("15/07/2020", date(2020, 7, 15)),
        ("  15 يوليوز 2020.  ", date(2020, 7, 15)),
        ("31 فبراير 2021", None),  # impossible day
        ("22 فبراير", None),  # no year and no default year
        ("مارس", None),  # a month name alone is not a date (also a verb)
        ("سنة 2017", None),
        ("15 يوليوز 2020 و16 يوليوز 2020", None),  # two dates, not one
        ("", None),
    ],
)
def test_parse_arabic_date(text, expected):
    assert parse_arabic_date(text) == expected


def test_parse_arabic_date_default_year():
    assert parse_arabic_date("22 فبراير", default_year=2021) == date(2021, 2, 22)
    assert parse_arabic_date("١ مارس", default_year=2020) == date(2020, 3, 1)


def test_month_tables_complete():
    assert sorted(MOROCCAN_MONTHS.values()) == list(range(1, 13))
    assert sorted(MASHRIQ_MONTHS.values()) == list(range(1, 13))
    for name, n in {**MOROCCAN_MONTHS, **MASHRIQ_MONTHS}.items():
        assert month_number(name) == n
        assert parse_arabic_date(f"{name} 2020") == date(2020, n, 1)


def test_find_dates_range_takes_year_of_the_end():
    text = "خلال الفترة الممتدة من 22 فبراير إلى 23 مارس 2021، وفي أكتوبر 2020."
    found = find_dates(text)
    assert [d for d, *_ in found] == [date(2021, 2, 22), date(2021, 3, 23), date(2020, 10, 1)]
    d, start, end = found[0]
    assert text[start:end] == "22 فبراير"
    spans = find_date_spans(text)
    assert [s.precision for s in spans] == ["day", "day", "month"]
    assert spans[0].year_inferred and not spans[1].year_inferred
    assert text[spans[2].start : spans[2].end] == "أكتوبر 2020"


def test_find_dates_with_proclitic_and_weekday():
    text = "عرض يوم الأربعاء 15 يوليوز 2020 أمام اللجنة، ثم بأكتوبر 2020 وخلال فبراير 2021"
    found = find_dates(text)
    assert [d for d, *_ in found] == [date(2020, 7, 15), date(2020, 10, 1), date(2021, 2, 1)]
    assert text[found[0].start : found[0].end] == "يوم الأربعاء 15 يوليوز 2020"
    assert text[found[1].start : found[1].end] == "أكتوبر 2020"


def test_find_dates_ignores_numbers_that_are_not_days():
    assert find_dates("شمل 5654 سجينا سنة 2017 و115 يوليوز") == []
    assert find_dates("الدورة 43 لمجلس حقوق الإنسان") == []


def test_digits():
    assert to_ascii_digits("٢٠٢١ و۱۲") == "2021 و12"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("الأول", 1), ("الأولى", 1), ("الأولي", 1), ("الثاني", 2), ("الثالثة", 3),
        ("الخامس", 5), ("العاشر", 10), ("الحادي عشر", 11), ("الثانية عشرة", 12),
        ("العشرين", 20), ("الثالثة والأربعين", 43), ("السادسة والأربعين", 46), ("٤", 4),
        ("الكبير", None),
    ],
)
def test_ordinals(text, value):
    assert ordinal_value(text) == value


def test_ordinal_prefix_counts_words():
    assert parse_ordinal_prefix(["الرابعة", "والأربعين", "لمجلس"]) == (44, 2)
    assert parse_ordinal_prefix(["الأول", ":"]) == (1, 1)


@given(st.text())
def test_find_dates_never_fails(text):
    for d, start, end in find_dates(text, default_year=2020):
        assert 0 <= start < end <= len(text)
    parse_arabic_date(text)
