"""content.textnorm: character-level normalisation shared by content and search."""

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.textnorm import clean, fold_digits, fold_letters, normalize

# Characters the normaliser has rules for, mixed into generated text so that hypothesis exercises them.
_SPECIAL = (
    "اأإآٱٲٳىيةهؤئءیکۀہھ"  # letters and their variants
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640\u06d6\u0610"  # marks
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u00ad\ufeff"
    "\ud800\udfff\x00\x07\x1b\x7f\x85\t\n\r "  # surrogates, controls, whitespace
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789"
    "ﺍﻟﻌﺎﳌﻲﻻﷺﷲ"  # presentation forms and ligatures
    "ÉéeE\u0301\u0300İıßﬁＡ①½"  # Latin, combining accents, compatibility characters
    "😀👍🏽\u2764\ufe0f"
)
_CHAR = st.one_of(
    st.characters(),
    st.characters(categories=["Cs", "Cf", "Cc", "Mn"]),
    st.sampled_from(_SPECIAL),
)
TEXT = st.text(_CHAR, max_size=80)


# -- the rules, one by one ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("آمنة", "امنه"),  # آ -> ا, ة -> ه
        ("أحمد", "احمد"),
        ("إعلان", "اعلان"),
        ("ٱلكتاب", "الكتاب"),  # alef wasla
        ("على", "علي"),  # alef maqsura -> yeh
        ("اللجنة", "اللجنه"),
        ("مسؤول شئون جزء", "مسؤول شئون جزء"),  # hamza seats are kept
        ("الإِنْسَانُ", "الانسان"),  # harakat, shadda, sukun
        ("حُقُوقٌ مُتَّحِدَةٌ", "حقوق متحده"),
        ("ولداً ولدٍ ولدٌ", "ولدا ولد ولد"),  # tanween
        ("هٰذا", "هذا"),  # dagger alef
        ("الدورـــــة", "الدوره"),  # tatweel
        ("بِسْمِ ٱللَّهِ ٱلرَّحْمَـٰنِ", "بسم الله الرحمن"),  # Quranic text: wasla, dagger alef, tatweel
        ("صلى الله عليه وسلم\u06d6", "صلي الله عليه وسلم"),  # Quranic pause mark
        ("الدورة ٤٣ و۴۵", "الدوره 43 و45"),  # Eastern Arabic and Persian digits
        ("فارسی کتاب", "فارسي كتاب"),  # Persian keyboard yeh and keheh
        ("ÉCOLE Straße ﬁn", "école strasse fin"),  # casefold and NFKC
        ("ＣＡＴ　２０２０", "cat\u00202020"),  # full-width forms (the ideographic space becomes a space)
    ],
)
def test_rules(raw, expected):
    assert normalize(raw) == expected


def test_presentation_forms_from_the_sample_sheet():
    # "ﺍﻟﻌﺎﳌﻲ" as it stands in the PANDDH sheet: isolated/initial/final forms and the lam-meem ligature
    # U+FCCC.  NFKC turns it into the ordinary word, the same as the keyboard spelling.
    sample = "\ufe8d\ufedf\ufecc\ufe8e\ufccc\ufef2"
    assert sample == "ﺍﻟﻌﺎﳌﻲ"
    assert normalize(sample) == normalize("العالمي") == "العالمي"
    assert normalize("ﻻ") == "لا"  # lam-alef ligature
    assert normalize("\ufdfa") == "صلي الله عليه وسلم"  # one ligature, four words


@pytest.mark.parametrize(
    "invisible",
    ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
     "\u2069", "\u061c", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\ud800", "\udc00",
     "\x00", "\x07", "\x1b", "\x7f", "\x9b", "\ufe0f"],
)
def test_invisible_characters_are_removed(invisible):
    assert normalize(f"حق{invisible}وق") == "حقوق"
    assert normalize(f"a{invisible}b") == "ab"
    assert clean(f"حق{invisible}وق") == "حقوق"


def test_whitespace_is_kept_as_is():
    text = "حقوق \t الإنسان\n\nمجلس\r\n2020\x85x"
    assert normalize(text) == "حقوق \t الانسان\n\nمجلس\r\n2020\x85x"


def test_lone_surrogates_never_raise():
    assert normalize("\ud83d") == ""
    assert normalize("a\udfffb\ud800") == "ab"
    assert clean("\udc80مجلس") == "مجلس"


def test_clean_keeps_letter_variants():
    assert clean("إِلَى عَلَى الآليَّةُ") == "إلى على الآلية"
    assert clean("الدورة ٤٣") == "الدورة 43"
    assert normalize("إلى على الآلية") == fold_letters(clean("إلى على الآلية")) == "الي علي الاليه"


def test_fold_digits_only_touches_digits():
    assert fold_digits("الدورة ٤٣ و۴۵ (2020)") == "الدورة 43 و45 (2020)"
    assert fold_digits("") == ""


def test_non_str_is_a_type_error():
    with pytest.raises(TypeError):
        normalize(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        clean(None)  # type: ignore[arg-type]


def test_every_format_character_is_removed():
    """The list of invisible characters is written out for speed; check it against this Python's
    Unicode database so a newer Unicode with more format characters is noticed."""
    missing = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in ("Cf", "Cs") and normalize(f"a{chr(cp)}b") != "ab"
    ]
    assert not missing


# -- properties ---------------------------------------------------------------------------------------

@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once
    assert clean(clean(text)) == clean(text)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_output_is_nfkc_casefolded_and_free_of_removed_characters(text):
    out = normalize(text)
    assert unicodedata.is_normalized("NFKC", out)
    assert out.casefold() == out
    assert not any(unicodedata.category(c) in ("Cf", "Cs") for c in out)
    assert not set(out) & set("\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670آأإٱىة٠٩۰۹")


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_normalize_is_clean_then_fold_letters(text):
    assert normalize(text) == fold_letters(clean(text))


# Hypothesis cannot draw 10,000 characters at once: repeat a drawn piece up to that length.
LONG_TEXT = st.text(_CHAR, min_size=1, max_size=200).map(lambda s: (s * (10_000 // len(s) + 1))[:10_000])


@settings(max_examples=20, deadline=None)
@given(LONG_TEXT)
def test_long_text(text):
    assert normalize(normalize(text)) == normalize(text)
