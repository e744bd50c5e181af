"""Marsad's Arabic light stemmer, word by word, through the public API (normalisation included).

A small light10 (Larkey et al., as Lucene implements it) is written out below so that each improvement is
shown against it: the same words, light10's terms, and ours.
"""

from __future__ import annotations

import pytest

from content.textnorm import normalize
from search_index.analysis import analyze, analyze_word
from search_index.analysis.arabic_stem import stem


def light10(word: str) -> str:
    """Lucene's ArabicStemmer on a normalised word (rules from shared/reference/lucene-arabic/README.md)."""
    w = normalize(word)
    for p in ("ال", "وال", "بال", "كال", "فال", "لل", "و"):
        if w.startswith(p) and (len(w) >= 4 if p == "و" else len(w) >= len(p) + 2):
            w = w[len(p):]
            break
    for s in ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"):
        if w.endswith(s) and len(w) >= len(s) + 2:
            w = w[: -len(s)]
    return w


def term(word: str) -> str | None:
    return analyze_word(word, "ar")


# -- what light10 gets wrong on these texts -----------------------------------------------------------

def test_mechanism_keeps_a_real_stem():
    # light10: الآلية -> ال, which is also its stem of إلى, so "الآلية الوطنية" matches nearly anything.
    assert light10("الآلية") == light10("إلى") == "ال"
    forms = ["الآلية", "آلية", "الية", "الآليات", "آليات", "الأليات", "وآليات", "بالآلية", "للآلية", "آليتين"]
    assert {term(w) for w in forms} == {"اليه"}
    assert stem(normalize("إلى")) == "الي" != term("الآلية")
    assert analyze("الآلية الوطنية للوقاية من التعذيب") == ["اليه", "وطن", "وقا", "تعذيب"]


@pytest.mark.parametrize(
    ("variant", "base"),
    [
        ("للجنة", "اللجنة"),  # ل + ال + لجنة: one lam is dropped in writing
        ("وللجنة", "اللجنة"),
        ("للجان", "اللجان"),
        ("للقاء", "اللقاء"),
        ("للاجئين", "اللاجئين"),
        ("لحقوق", "حقوق"),  # ل + a word without the article
        ("لمجلس", "مجلس"),
        ("لمنع", "منع"),
    ],
)
def test_lam_forms_conflate(variant, base):
    assert term(variant) == term(base)


def test_light10_splits_the_lam_forms():
    assert light10("للجنة") != light10("اللجنة")
    assert light10("لحقوق") != light10("حقوق")


@pytest.mark.parametrize(
    "family",
    [
        ["الدورة", "الدورات", "الدورتين", "الدورتان", "دورة", "دورته", "بالدورة"],  # dual
        ["استبيان", "استبيانات", "استبيانا", "الاستبيان"],  # accusative tanween
        ["الاتفاقية", "الاتفاقيات", "اتفاقية", "اتفاقيات", "اتفاقيتها", "بالاتفاقية", "للاتفاقيات"],
        ["الإنسان", "الانسان", "للإنسان", "الإنسانية", "إنسان"],  # ان is not stripped
        ["قانون", "القانون", "القانونية", "للقانون", "قانونا"],  # ون of a singular noun kept
        ["التعاون", "تعاون", "والتعاون"],
        ["التكوين", "تكوين", "التكوينية"],  # تفعيل noun: ين kept
        ["قوة", "قوات", "القوة", "وقوة", "بقوة"],  # short feminine family -> قوه
        ["الحرية", "حرية", "حريات", "بحرية", "وحرية", "لحرية"],  # حريه (lexicon): بحرية is not بحر
        ["سنة", "سنتين", "السنة"],
        ["مسؤولية", "مسئولية", "المسؤولية"],  # hamza seat
        ["مستوى", "مستوي", "المستوى", "مستويات"],  # alef maqsura
    ],
)
def test_families_conflate(family):
    terms = {term(w) for w in family}
    assert len(terms) == 1, dict(zip(family, map(term, family)))


def test_light10_splits_those_families():
    assert light10("الدورتين") != light10("الدورة")
    assert light10("استبيانا") != light10("استبيان") != light10("استبيانات")
    assert light10("قانون") != light10("القانونية")
    assert light10("تعاون") == "تعا"


def test_decision_report_rapporteur_stay_apart():
    assert [term(w) for w in ("قرار", "تقرير", "مقرر")] == ["قرار", "تقرير", "مقرر"]
    assert term("القرارات") == "قرار"
    assert term("تقريرها") == term("التقرير") == "تقرير"
    assert term("المقررين") == term("والمقررين") == term("المقررون") == "مقرر"


def test_broken_plurals_are_other_terms():
    # Documented limit of any light stemmer: التقارير is not التقرير, قوانين is not قانون.
    assert term("التقارير") == term("تقارير") == "تقارير" != term("التقرير")
    assert term("القوانين") == "قوانين" != term("القانون")


# -- every clitic and suffix, also written with harakat and with tatweel --------------------------------

def _with_harakat(word: str) -> str:
    """A fatha after every letter and a shadda on the second: "المجلس" -> "اَلَّمَجَلَسَ"."""
    marked = "".join(letter + "\u064e" for letter in word)
    return marked[:3] + "\u0651" + marked[3:]


def _with_tatweel(word: str) -> str:
    return word[:2] + "\u0640\u0640" + word[2:]



@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("المجلس", "مجلس"),  # ال
        ("والتفاعل", "تفاعل"),  # وال
        ("بالقضاء", "قضاء"),  # بال
        ("كالمفوضية", "مفوض"),  # كال
        ("فالحكومة", "حكوم"),  # فال
        ("للتنمية", "تنم"),  # لل
        ("وللمجلس", "مجلس"),  # ولل
        ("وبالتالي", "تال"),  # وبال
        ("وتعزيز", "تعزيز"),  # و
        ("فتقديم", "تقديم"),  # ف
        ("بمجلس", "مجلس"),  # ب
        ("كعقد", "عقد"),  # ك
        ("لحقوق", "حقوق"),  # ل
        ("وبمشاركة", "مشارك"),  # وب
        ("ولمجلس", "مجلس"),  # ول
    ],
)
def test_each_prefix(word, expected):
    assert term(word) == expected
    assert term(_with_harakat(word)) == term(_with_tatweel(word)) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("عملها", "عمل"),  # ها
        ("حقوقهم", "حقوق"),  # هم
        ("تقريره", "تقرير"),  # ه
        ("دورة", "دور"),  # ة
        ("الدورات", "دور"),  # ات
        ("المهاجرون", "مهاجر"),  # ون
        ("المهاجرين", "مهاجر"),  # ين
        ("الدورتين", "دور"),  # تين
        ("الدولتان", "دول"),  # تان
        ("الوطنية", "وطن"),  # ية
        ("الوطني", "وطن"),  # ي
        ("الوطنيين", "وطن"),  # يين
        ("الوطنيون", "وطن"),  # يون
        ("دورته", "دور"),  # ة written ت before a pronoun
        ("اتفاقيتها", "اتفاق"),
        ("استبيانا", "استبيان"),  # tanween alef
        ("سجينا", "سجين"),
        ("المعلومياتي", "معلوم"),  # nisba on a plural: ي, then ات, then ي
    ],
)
def test_each_suffix(word, expected):
    assert term(word) == expected
    assert term(_with_harakat(word)) == term(_with_tatweel(word)) == expected


@pytest.mark.parametrize(
    ("plain", "written"),
    [
        ("المجلس", "الْمَجْلِسُ"),  # harakat
        ("الإنسان", "الإِنْسَانِ"),
        ("حقوق", "حُقُوقٌ"),  # tanween
        ("الدورة", "الـــدورة"),  # tatweel
        ("الدورة", "الدورة\u200f"),  # bidi mark
        ("هذه", "هٰذه"),  # dagger alef (a stop word either way)
        ("اتفاقية", "اتفاقيه"),  # ta marbuta typed as heh
        ("إعداد", "اعداد"),  # hamza forms
        ("أهداف", "اهداف"),
        ("آليات", "اليات"),
        ("الأمم", "الامم"),
        ("مستوى", "مستوي"),  # alef maqsura
        ("العالمي", "ﺍﻟﻌﺎﳌﻲ"),  # presentation forms
        ("الدورة", "الدورة"),
    ],
)
def test_spelling_variants_give_the_same_term(plain, written):
    assert term(written) == term(plain)


# -- conservative: the first and last letters of a word stay when they are its own --------------------

@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ولد", "ولد"),
        ("بنت", "بنت"),
        ("قوة", "قوه"),
        ("دول", "دول"),
        ("وطن", "وطن"),
        ("بيت", "بيت"),
        ("بيته", "بيت"),
        ("وقت", "وقت"),
        ("وزير", "وزير"),  # lexicon words: not و + زير
        ("وزارة", "وزار"),
        ("الوزارة", "وزار"),
        ("ووزارة", "وزار"),
        ("برنامج", "برنامج"),
        ("وبرنامج", "برنامج"),  # و + برنامج, not وب + رنامج
        ("كرامة", "كرام"),
        ("فريق", "فريق"),
        ("لجنة", "لجن"),
        ("لقاء", "لقاء"),
        ("كبيرة", "كبير"),
        ("وطني", "وطن"),  # و + طني would leave two letters: not stripped
        ("وضعية", "وضع"),
        ("التزام", "التزام"),  # not ال + تزام
        ("الالتزامات", "التزام"),
        ("ألقى", "الق"),  # hamza: not the article
        ("تفاهم", "تفاهم"),  # هم kept on a short stem
        ("مليون", "مليون"),
        ("تحسين", "تحسين"),
    ],
)
def test_conservative(word, expected):
    assert term(word) == expected


def test_light10_is_not_conservative():
    assert light10("وزارة") == "زار" != light10("الوزارة")
    assert light10("قانون") == "قان"


def test_stemmer_input_forms():
    # stem() accepts the clean form (hamza kept, which tells ألقى from ال + قى) or a normalised word.
    assert stem("ألقى") == "الق"
    assert stem(normalize("ألقى")) == "قي"  # without the hamza it reads as ال + قى
    assert stem("") == ""
    assert stem("و") == "و"
    assert stem("English") == "English"
