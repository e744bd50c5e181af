"""Stop-word lists: provenance, what they remove and, above all, what they must not remove."""

from __future__ import annotations

from importlib.resources import files

import pytest

from search_index.analysis import analyze, is_stopword
from search_index.analysis.stopwords import ARABIC, ENGLISH, FRENCH


@pytest.mark.parametrize(
    ("name", "source", "licence"),
    [
        ("stopwords_ar.txt", "Jacques Savoy", "BSD license"),
        ("stopwords_fr.txt", "snowballstem.org/algorithms/french/stop.txt", "BSD licence"),
        ("stopwords_en.txt", "snowballstem.org/algorithms/english/stop.txt", "BSD licence"),
    ],
)
def test_data_files_name_source_and_licence(name, source, licence):
    head = files("search_index.analysis").joinpath(name).read_text(encoding="utf-8")[:1500]
    assert source in head and licence in head


def test_list_sizes():
    assert 150 <= len(ARABIC) <= 400  # Savoy's 119 entries and our additions, with spelling variants
    assert 100 <= len(FRENCH) <= 200
    assert 140 <= len(ENGLISH) <= 200


# Content words of this domain: none may ever be a stop word, in any spelling or with any clitic.
CONTENT_WORDS = [
    "حقوق", "لحقوق", "الإنسان", "الانسان", "لجنة", "اللجنة", "للجنة", "مجلس", "لمجلس", "اتفاقية", "الاتفاقيات",
    "دورة", "الدورة", "الدولية", "التمييز", "ضد", "المرأة", "الطفل", "التعذيب", "آلية", "الآلية", "الية",
    "آليات", "الإجراءات", "الخاصة", "الاستعراض", "الدوري", "الشامل", "المفوضية", "السامية", "تقرير",
    "التقارير", "قرار", "مقرر", "توصيات", "هيئات", "المعاهدات", "علي", "عمل", "وطن", "ولد", "بنت",
    "فهم", "وهم", "أمام",
]


@pytest.mark.parametrize("word", CONTENT_WORDS)
def test_content_words_are_not_stop_words(word):
    assert not is_stopword(word, "ar")
    assert analyze(word, "ar")


@pytest.mark.parametrize(
    "word",
    ["في", "من", "على", "إلى", "الى", "الي", "فى", "التي", "التى", "الذي", "أن", "ان", "إن", "هذا", "هذه",
     "وهذا", "لذلك", "وذلك", "بها", "فإن", "ولكن", "وعلى", "وإلى", "للذين", "للتي", "إليه", "إليها", "عنه",
     "لدى", "ولدى", "هؤلاء", "كذلك", "وكذا", "و", "ف", "ب", "ل", "لــ", "فِي", "عَلَى"],
)
def test_arabic_stop_words(word):
    assert is_stopword(word, "ar")
    assert is_stopword(word)  # Arabic stop words do not depend on the language


def test_letter_variants_that_make_a_difference():
    # على (on) is a stop word, علي (Ali) is a name; إليه (to him) is one, آلية (mechanism) is not.
    assert is_stopword("على") and not is_stopword("علي")
    assert is_stopword("إليه") and not is_stopword("آلية") and not is_stopword("الية")
    assert analyze("علي على الآلية إليه") == ["علي", "اليه"]


def test_latin_stop_words_follow_the_language():
    assert analyze("the rights of the child", "en") == ["right", "child"]
    assert analyze("the rights of the child") == ["the", "right", "of", "the", "child"]
    assert analyze("les droits de l'enfant", "fr") == ["droit", "enfant"]
    assert not is_stopword("été", "fr")  # Snowball omits it: summer
    assert not is_stopword("us", "en")  # Snowball omits it: US
    assert is_stopword("against", "en") and not is_stopword("against", "fr")
