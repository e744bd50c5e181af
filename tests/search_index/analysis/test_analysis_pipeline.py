"""search_index.analysis public API: tokens, analyze, analyze_word, is_stopword; tokenizer and languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content import textnorm
from search_index import analysis
from search_index.analysis import Token, analyze, analyze_word, is_stopword, tokens

# -- API shape -----------------------------------------------------------------------------------------


def test_public_names():
    assert set(analysis.__all__) >= {"normalize", "Token", "tokens", "analyze", "analyze_word", "is_stopword"}
    assert analysis.normalize is textnorm.normalize


def test_token_is_small_and_named():
    token = Token("دور", 1, 6, 12)
    assert (token.term, token.position, token.start, token.end) == ("دور", 1, 6, 12)
    assert not hasattr(token, "__dict__")
    with pytest.raises(AttributeError):
        token.term = "x"  # type: ignore[misc]


def test_offsets_are_into_the_original_text():
    text = "أشغال الدَّوْرَةِ 43 لِمَجْلِسِ حقوق الإنسان"
    result = tokens(text, "ar")
    assert [(t.term, text[t.start:t.end]) for t in result] == [
        ("اشغال", "أشغال"),
        ("دور", "الدَّوْرَةِ"),
        ("43", "43"),
        ("مجلس", "لِمَجْلِسِ"),
        ("حقوق", "حقوق"),
        ("انسان", "الإنسان"),
    ]
    assert [t.position for t in result] == [0, 1, 2, 3, 4, 5]


def test_stop_words_keep_their_position():
    result = tokens("المشاركة في أشغال الدورة", "ar")
    assert [(t.term, t.position) for t in result] == [("مشارك", 0), ("اشغال", 2), ("دور", 3)]


def test_analyze_is_the_terms_of_tokens():
    text = "تقديم التقرير الوطني حول إعمال اتفاقية مناهضة التعذيب (CAT) في أكتوبر 2020"
    assert analyze(text) == [t.term for t in tokens(text)]
    assert analyze(text) == [
        "تقديم", "تقرير", "وطن", "حول", "اعمال", "اتفاق", "مناهض", "تعذيب", "cat", "اكتوبر", "2020"
    ]


# -- tokenizer ---------------------------------------------------------------------------------------

def test_words_stay_whole_across_harakat_and_tatweel():
    import whoosh.analysis

    text = "الْمَجْلِسُ الـــدورة"
    # Whoosh's default \w+ tokenizer splits the word at every haraka; ours does not.
    assert len([t.text for t in whoosh.analysis.RegexTokenizer()(text)]) > 2
    assert [text[t.start:t.end] for t in tokens(text)] == ["الْمَجْلِسُ", "الـــدورة"]
    assert analyze(text) == ["مجلس", "دور"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("حقوق،الإنسان؛لجنة؟مجلس", ["حقوق", "انسان", "لجن", "مجلس"]),  # Arabic punctuation
        ("«حماية حقوق الإنسان»", ["حما", "حقوق", "انسان"]),  # guillemets
        ('"تفعيل اتفاقية مناهضة التعذيب"', ["تفعيل", "اتفاق", "مناهض", "تعذيب"]),
        ("-تنظيم لقاءات", ["تنظيم", "لقاء"]),  # a bullet glued to the word
        ("- تنظيم لقاءات", ["تنظيم", "لقاء"]),
        ("الدورتين 44 و45", ["دور", "44", "45"]),  # و glued to a number
        ("الدورة ٤٣", ["دور", "43"]),  # Eastern Arabic digits
        ("لــ 13 إجراء", ["13", "اجراء"]),  # tatweel after a lone proclitic
        ("بـSIDH", ["sidh"]),  # Arabic and Latin letters never join
        ("covid-19 COVID19", ["covid", "19", "covid19"]),
        ("2.5 ٣٫٥ 1,000", ["2.5", "3.5", "1,000"]),
        ("A/HRC/43/1", ["a", "hrc", "43", "1"]),
    ],
)
def test_tokenizer(text, expected):
    assert analyze(text) == expected


def test_a_ligature_that_is_several_words():
    # U+FDFA is one character that NFKC spells as four words: each becomes a token with its offsets.
    result = tokens("محمد \ufdfa", "ar")
    assert [t.term for t in result][0] == "محمد"
    assert {(t.start, t.end) for t in result[1:]} == {(5, 6)}
    assert [t.position for t in result] == sorted({t.position for t in result})


# -- Latin script and languages ------------------------------------------------------------------------

def test_latin_in_arabic_text():
    # Language "ar" or None: English stemming, acronyms unchanged, no Latin stop words.
    text = "نظام SIDH و CAT و CTI و OHCHR و UPR و CEDAW و WHO: the Human Rights Council"
    expected = ["نظام", "sidh", "cat", "cti", "ohchr", "upr", "cedaw", "who", "the", "human", "right", "council"]
    assert analyze(text, "ar") == analyze(text) == expected


def test_english():
    assert analyze("The Committee against Torture's reports", "en") == ["committe", "tortur", "report"]
    assert analyze("WHO said who", "en") == ["who", "said"]  # capitals are an acronym, not the stop word
    assert analyze("don't isn't", "en") == []
    assert analyze("Délégation", "en") == analyze("delegation", "en") == ["deleg"]


def test_french():
    assert analyze("Conseil des droits de l'homme", "fr") == ["conseil", "droit", "homm"]
    assert analyze("qu'il jusqu'à aujourd'hui", "fr") == ["aujourdhui"]
    assert analyze("égalité, délégation interministérielle", "fr") == analyze(
        "egalite, delegation interministerielle", "fr"
    )
    assert analyze("même meme", "fr") == []  # stop words are accent-folded too
    assert analyze("l’homme", "fr") == analyze("l'homme", "fr") == ["homm"]


def test_arabic_words_ignore_the_language():
    text = "اللجنة المعنية بحقوق الإنسان"
    assert analyze(text, "ar") == analyze(text, "fr") == analyze(text, "en") == analyze(text)


def test_other_scripts_are_kept_cleaned():
    assert analyze("Ελλάδα Россия") == ["ελλάδα", "россия"]


@pytest.mark.parametrize("language", ["ar", "fr", "en", "AR", "fr-FR", "en_GB", None, ""])
def test_accepted_languages(language):
    assert analyze("Human Rights", language)


@pytest.mark.parametrize("language", ["de", "arabic", "x"])
def test_unsupported_language_is_a_clear_error(language):
    with pytest.raises(ValueError, match="unsupported language"):
        tokens("نص", language)


def test_bad_types():
    with pytest.raises(TypeError):
        tokens(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        analyze_word(b"x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        analyze("x", 5)  # type: ignore[arg-type]


# -- analyze_word and is_stopword ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("والدورة", "ar", "دور"),
        ("الدَّوْرَة", None, "دور"),
        ("في", "ar", None),
        ("وفي", "fr", None),  # Arabic stop words apply in every language
        ("", None, None),
        ("  ", None, None),
        ("،", "ar", None),
        ("Rights", "en", "right"),
        ("the", "en", None),
        ("the", None, "the"),
        ("covid-19", None, "covid"),  # several tokens: the first term
        ("في الدورة", "ar", "دور"),
    ],
)
def test_analyze_word(word, language, expected):
    assert analyze_word(word, language) == expected


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("في", None, True),
        ("وهذا", "ar", True),
        ("حقوق", "ar", False),
        ("the", "en", True),
        ("the", None, False),
        ("The", "en", True),
        ("WHO", "en", False),
        ("les", "fr", True),
        ("", None, False),
        ("43", "ar", False),
        ("في الدورة", "ar", False),
    ],
)
def test_is_stopword(word, language, expected):
    assert is_stopword(word, language) is expected


# -- properties ------------------------------------------------------------------------------------------

_SPECIAL = (
    "اأإآٱىيةهؤئءوفبكل"
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0653\u0670\u0640"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\u061c\u00ad\ufeff\ud800\udc00\x00"
    "،؛؟«»\"'’-/.,:()[] \t\n"
    "٠١٩۰۹0123456789"
    "ﺍﻟﻌﺎﳌﻲﻻﷺ"
    "aeEZéÉß\u0301İ"
    "😀👍🏽\u2764\ufe0f"
)
_CHAR = st.one_of(st.characters(), st.characters(categories=["Cs", "Cf", "Mn"]), st.sampled_from(_SPECIAL))
TEXT = st.text(_CHAR, max_size=120)
WORDS = st.lists(
    st.sampled_from(["الدورة", "في", "لمجلس", "حقوق", "الإِنْسَانِ", "SIDH", "l'homme", "the", "43", "٤٥", "-",
                     "،", "\u200f", "ﺍﻟﻌﺎﳌﻲ", "و", "الآلية"]),
    max_size=30,
).map(" ".join)
LANGUAGE = st.sampled_from([None, "ar", "fr", "en"])


def _check_tokens(text: str, language: str | None) -> list[Token]:
    result = tokens(text, language)
    last = -1
    for token in result:
        assert 0 <= token.start < token.end <= len(text)
        assert token.term and isinstance(token.term, str)
        assert token.position > last
        last = token.position
    assert analyze(text, language) == [t.term for t in result]
    return result


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXT, WORDS), LANGUAGE)
def test_never_raises_and_offsets_are_valid(text, language):
    result = _check_tokens(text, language)
    for token in result:
        # the word at the offsets, analysed alone, gives the same term
        assert token.term in analyze(text[token.start:token.end], language)
    if result:
        analyze_word(text, language)
        is_stopword(text, language)


# Hypothesis cannot draw 10,000 characters at once: repeat a drawn piece up to that length.
LONG = st.one_of(TEXT, WORDS).filter(bool).map(lambda s: (s * (10_000 // len(s) + 1))[:10_000])


@settings(max_examples=15, deadline=None)
@given(LONG, LANGUAGE)
def test_long_text(text, language):
    _check_tokens(text, language)
