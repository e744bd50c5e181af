"""search_index.analysis.whoosh.MarsadAnalyzer in a real (in-RAM) Whoosh index."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields, highlight
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from search_index.analysis import tokens
from search_index.analysis.whoosh import MarsadAnalyzer

DOCS = {
    "hrc43": "شارك الوفد في أشغال الدَّوْرَةِ 43 لِمَجْلِسِ حُقُوقِ الإِنْسَانِ بجنيف",
    "cedaw": "تقديم التقرير إلى اللجنة المعنية بالقضاء على التمييز ضد المرأة",
    "npm": "إحداث الآلية الوطنية للوقاية من التعذيب",
    "travel": "توجه الوفد إلى جنيف لتقديم التقرير الوطني",
    "committee": "اجتماع للجنة مع المقررين الخاصين",
}


@pytest.fixture(scope="module")
def index():
    schema = fields.Schema(
        key=fields.ID(stored=True, unique=True),
        body=fields.TEXT(analyzer=MarsadAnalyzer("ar"), stored=True, phrase=True, chars=True),
    )
    storage = RamStorage()
    ix = storage.create_index(schema)
    with ix.writer() as writer:
        for key, body in DOCS.items():
            writer.add_document(key=key, body=body)
    return storage, ix


def search(ix, query: str) -> set[str]:
    parsed = QueryParser("body", ix.schema).parse(query)
    with ix.searcher() as searcher:
        return {hit["key"] for hit in searcher.search(parsed, limit=None)}


def test_arabic_phrase(index):
    _, ix = index
    assert search(ix, '"مجلس حقوق الانسان"') == {"hrc43"}  # no harakat, no hamza, no ل in the query
    assert search(ix, '"الدورة 43"') == {"hrc43"}
    assert search(ix, '"حقوق مجلس"') == set()  # word order matters in a phrase


def test_mechanism_does_not_match_ila(index):
    _, ix = index
    assert search(ix, '"الآلية الوطنية"') == {"npm"}
    assert search(ix, "آليات") == {"npm"}  # not the three documents with إلى
    assert search(ix, "إلى") == set()  # a stop word: not indexed


def test_clitic_forms_meet(index):
    _, ix = index
    assert search(ix, "اللجنة") == {"cedaw", "committee"}  # للجنة in one, اللجنة in the other
    assert search(ix, "تقارير") == set()  # broken plural: a different term
    assert search(ix, "التقرير") == {"cedaw", "travel"}
    assert search(ix, "المقرر") == {"committee"}


def test_highlighting_uses_original_offsets(index):
    _, ix = index
    parsed = QueryParser("body", ix.schema).parse('"مجلس حقوق الانسان"')
    with ix.searcher() as searcher:
        results = searcher.search(parsed)
        results.formatter = highlight.UppercaseFormatter()
        results.fragmenter = highlight.WholeFragmenter()
        assert results[0].highlights("body") == DOCS["hrc43"]  # Arabic has no case: unchanged text
        results.formatter = highlight.HtmlFormatter(tagname="b", classname="m", termclass="")
        html = results[0].highlights("body")
    for word in ("لِمَجْلِسِ", "حُقُوقِ", "الإِنْسَانِ"):  # the words as written, harakat included
        assert f">{word}</b>" in html


def test_same_tokens_as_the_api():
    analyzer = MarsadAnalyzer("fr")
    text = "Le Conseil des droits de l'homme a tenu sa 43e session; الدورة 43 لمجلس حقوق الإنسان"
    got = [(t.text, t.pos, t.startchar, t.endchar)
           for t in analyzer(text, positions=True, chars=True, mode="index")]
    assert got == [tuple(t) for t in tokens(text, "fr")]
    query = [t.text for t in analyzer(text, mode="query")]
    assert query == [t.term for t in tokens(text, "fr")]


@settings(max_examples=200, deadline=None)
@given(st.text(st.one_of(st.characters(), st.sampled_from("الدورة في حقوق SIDH the ٤٣ \u200f ًُ")), max_size=60),
       st.sampled_from([None, "ar", "fr", "en"]))
def test_same_tokens_as_the_api_property(text, language):
    analyzer = MarsadAnalyzer(language)
    got = [(t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)]
    assert got == [tuple(t) for t in tokens(text, language)]


def test_stopped_tokens_and_offsets():
    analyzer = MarsadAnalyzer("ar")
    got = [(t.text, t.stopped, t.pos, t.startchar, t.endchar)
           for t in analyzer("في الدورة", positions=True, chars=True, removestops=False, start_pos=10,
                             start_char=100)]
    assert got == [("في", True, 10, 100, 102), ("دور", False, 11, 103, 109)]
    assert [t.original for t in analyzer("الدَّوْرَة", keeporiginal=True)] == ["الدَّوْرَة"]


def test_untokenized_value():
    analyzer = MarsadAnalyzer("ar")
    assert [t.text for t in analyzer("والدورة", tokenize=False)] == ["دور"]
    assert [t.text for t in analyzer("في", tokenize=False)] == []
    assert [(t.text, t.stopped) for t in analyzer("في", tokenize=False, removestops=False)] == [("في", True)]


def test_pickles_and_reopens(index):
    storage, ix = index
    analyzer = MarsadAnalyzer("en")
    assert pickle.loads(pickle.dumps(analyzer)) == analyzer != MarsadAnalyzer("fr")
    reopened = storage.open_index()
    assert isinstance(reopened.schema["body"].analyzer, MarsadAnalyzer)
    assert search(reopened, '"مجلس حقوق الانسان"') == {"hrc43"}


def test_unsupported_language():
    with pytest.raises(ValueError):
        MarsadAnalyzer("de")
