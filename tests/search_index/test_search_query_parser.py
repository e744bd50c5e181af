"""The query language: syntax, analysis of query words, robustness, aliases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_index.query import AliasExpander, QueryError, ast, parse_query
from search_index.query.parser import MAX_DEPTH, MAX_QUERY_CHARS, MAX_QUERY_WORDS, _parse


def s(text: str, expander=None) -> str:
    return ast.to_string(parse_query(text, expander=expander).root)


CAT_ALIASES = [
    (
        "cat",
        [
            "CAT",
            "Committee against Torture",
            "Comité contre la torture",
            "لجنة مناهضة التعذيب",
        ],
    ),
    ("spt", ["SPT", "Subcommittee on Prevention of Torture", "اللجنة الفرعية لمنع التعذيب"]),
    ("hrc", ["HRC", "Human Rights Council", "Conseil des droits de l'homme", "مجلس حقوق الإنسان"]),
]


# -- syntax -----------------------------------------------------------------


def test_words_are_anded_and_analysed():
    assert s("الاتفاقيات الدولية") == "(اتفاق AND دول)"


def test_stemming_variants_give_the_same_term():
    assert s("الاتفاقيات") == s("الاتفاقية") == s("الاتفاقيه") == "اتفاق"
    assert s("المسؤولية") == s("المسئولية")
    assert s("التَّعْذِيب") == s("التعذيب") == s("بالتعذيب") == "تعذيب"


def test_or_in_latin_and_arabic():
    assert s("التعذيب OR الاحتجاز") == "(تعذيب OR احتجاز)"
    assert s("التعذيب أو الاحتجاز") == "(تعذيب OR احتجاز)"
    assert s("التعذيب | الاحتجاز") == "(تعذيب OR احتجاز)"


def test_or_binds_looser_than_and():
    assert s("حقوق الإنسان OR التعذيب") == "((حقوق AND انسان) OR تعذيب)"


def test_not_and_minus():
    assert s("التعذيب NOT الاحتجاز") == "(تعذيب AND NOT احتجاز)"
    assert s("التعذيب -الاحتجاز") == "(تعذيب AND NOT احتجاز)"
    assert s("NOT NOT التعذيب") == "تعذيب"


def test_only_negative_query_means_everything_else():
    assert s("-التعذيب") == "(* AND NOT تعذيب)"


def test_phrases_in_all_quote_styles():
    expected = '"لجن مناهض تعذيب"'
    assert s('"لجنة مناهضة التعذيب"') == expected
    assert s("«لجنة مناهضة التعذيب»") == expected
    assert s("“لجنة مناهضة التعذيب”") == expected


def test_phrase_keeps_the_gap_of_dropped_stop_words():
    q = parse_query('"حقوق في الإنسان"')
    assert isinstance(q.root, ast.Phrase)
    assert q.root.positions == (0, 2)
    assert s('"Committee against Torture"') == '"committe <2> tortur"'


def test_prefix():
    q = parse_query("الاستعراض*")
    assert isinstance(q.root, ast.Prefix)
    assert "استعراض" in q.root.prefixes
    assert isinstance(parse_query("tortur*").root, ast.Prefix)


def test_parentheses():
    assert s("(التعذيب OR الاحتجاز) الدولة") == "((تعذيب OR احتجاز) AND دول)"


def test_field_filters():
    assert s("type:Document") == "type:document"
    assert s("mechanism:CAT التعذيب") == "(mechanism:cat AND تعذيب)"
    assert s("lang:ar") == "language:ar"
    assert s("lang:Français") == "language:fr"
    assert s("year:2020") == "year:2020..2020"
    assert s("year:٢٠١٨..٢٠٢٠") == "year:2018..2020"
    assert s("year:2021-2019") == "year:2019..2021"
    assert s('type:"AchievementItem"') == "type:achievementitem"


def test_unknown_field_is_a_word():
    assert s("http://example.org") != "<empty>"


def test_bad_field_values_are_query_errors():
    with pytest.raises(QueryError) as err:
        parse_query("year:abc")
    assert "year" in err.value.message
    with pytest.raises(QueryError):
        parse_query("lang:xx")


# -- robustness ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "()", '""', "«»", "OR", "NOT", "- -", "*", "-"])
def test_empty_queries(text):
    assert parse_query(text).root is None


def test_only_stop_words_is_empty_with_a_notice():
    q = parse_query("في من على the of")
    assert q.root is None
    assert q.notices and "في" in q.notices[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"لجنة مناهضة التعذيب', '"لجن مناهض تعذيب"'),  # unclosed quote
        ("«حقوق الإنسان", '"حقوق انسان"'),
        ("((التعذيب OR الاحتجاز", "(تعذيب OR احتجاز)"),  # unclosed parens
        ("التعذيب))) الاحتجاز", "(تعذيب AND احتجاز)"),  # stray closing parens
        ("التعذيب OR", "تعذيب"),  # dangling operators
        ("OR التعذيب", "تعذيب"),
        ("التعذيب NOT", "تعذيب"),
    ],
)
def test_unbalanced_input_is_repaired(text, expected):
    assert s(text) == expected


def test_control_characters_and_bidi_marks_are_ignored():
    assert s("\u200fالتعذيب\u200e\x00\x07 الاحتجاز\u202b\ufeff") == "(تعذيب AND احتجاز)"
    assert s("ال\u200cتعذيب") == "تعذيب"


def test_lone_surrogates_do_not_break_the_parser():
    assert s("التعذيب \ud800") == "تعذيب"


def test_eastern_arabic_digits():
    assert s("٢٠٢٠") == s("2020") == "2020"


def test_ten_thousand_characters_is_a_clear_error():
    with pytest.raises(QueryError) as err:
        parse_query("التعذيب " * 1250)
    assert err.value.code == "too_long"
    assert "too long" in err.value.message


def test_too_many_words_is_a_clear_error():
    text = " ".join(["word%d" % i for i in range(MAX_QUERY_WORDS + 1)])
    assert len(text) <= MAX_QUERY_CHARS
    with pytest.raises(QueryError) as err:
        parse_query(text)
    assert err.value.code == "too_many_words"


def test_deep_nesting_is_a_clear_error():
    with pytest.raises(QueryError):
        parse_query("(" * (MAX_DEPTH + 1) + "التعذيب")
    assert s("(" * MAX_DEPTH + "التعذيب") == "تعذيب"


def test_non_text_query():
    with pytest.raises(QueryError):
        parse_query(42)  # type: ignore[arg-type]


QUERY_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى")
    + list("َُِّْ")
    + list("abcXYZ019٠١٢")
    + list(' "«»“”()-*:|+&\t\n\x00\x1f\u200f\u202e\ufeff\ud800')
    + ["OR ", " NOT ", "أو ", "type:", "year:", "lang:", "mechanism:", "year:20", "..", "\\", "'"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(QUERY_ALPHABET, max_size=60).map("".join))
def test_parse_query_never_raises_anything_but_query_error(text):
    try:
        q = _parse(text)  # without the safety net: finds real bugs
    except QueryError as err:
        assert err.message
        return
    assert q.root is None or ast.to_string(q.root)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parse_query_on_arbitrary_text(text):
    try:
        parse_query(text)
    except QueryError as err:
        assert err.message


# -- aliases ------------------------------------------------------------------


def test_the_four_names_of_cat_expand_to_the_same_query():
    ex = AliasExpander(CAT_ALIASES)
    forms = [
        "CAT",
        "Committee against Torture",
        "comité contre la torture",
        "لجنة مناهضة التعذيب",
        '"Committee against Torture"',
        "«لجنة مناهضة التعذيب»",
        "للجنة مناهضة التعذيب",
    ]
    expanded = {s(f, ex) for f in forms}
    assert len(expanded) == 1
    (tree,) = expanded
    assert '"لجن مناهض تعذيب"' in tree and "cat" in tree


def test_alias_inside_a_longer_query():
    ex = AliasExpander(CAT_ALIASES)
    q = parse_query("تقرير لجنة مناهضة التعذيب 2019", expander=ex)
    assert isinstance(q.root, ast.And)
    kinds = [type(c).__name__ for c in q.root.children]
    assert kinds == ["Term", "Or", "Term"]


def test_longest_alias_wins():
    ex = AliasExpander(CAT_ALIASES)
    # "اللجنة الفرعية لمنع التعذيب" is the SPT, not "التعذيب" of anything
    tree = s("اللجنة الفرعية لمنع التعذيب", ex)
    assert "spt" in tree and "cat" not in tree


def test_alias_under_not_and_or():
    ex = AliasExpander(CAT_ALIASES)
    assert "cat" in s("الاحتجاز -CAT", ex)
    assert s("CAT OR HRC", ex).count(" OR ") >= 6


def test_no_alias_no_change():
    ex = AliasExpander(CAT_ALIASES)
    assert s("الاحتجاز التعسفي", ex) == s("الاحتجاز التعسفي")


def test_expander_lists_aliases():
    ex = AliasExpander(CAT_ALIASES)
    assert set(ex.keys) == {"cat", "spt", "hrc"}
    assert "CAT" in ex.aliases("cat")
