"""The search backends, one suite run against both Whoosh and PostgreSQL.

PostgreSQL runs in a throwaway database (``CREATE DATABASE marsad_test_<random>``)
on the server named by ``MARSAD_TEST_POSTGRES_URL``; without it those cases
are skipped with that reason.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import uuid
from collections import Counter
from urllib.parse import urlsplit, urlunsplit

import pytest

from search_index.backends import make_backend
from search_index.backends.base import SearchResult
from search_index.documents import SearchDocument, SearchFilter, Visibility
from search_index.query import AliasExpander, QueryError, parse_query

PG_URL = os.environ.get("MARSAD_TEST_POSTGRES_URL")

PUBLIC = Visibility(states=frozenset({"published"}), include_confidential=False)
EVERYTHING = Visibility(states=None, include_confidential=True)

ALIASES = [
    ("cat", ["CAT", "Committee against Torture", "Comité contre la torture", "لجنة مناهضة التعذيب"]),
    ("spt", ["SPT", "Subcommittee on Prevention of Torture", "Sous-comité pour la prévention de la torture",
             "اللجنة الفرعية لمنع التعذيب"]),
    ("hrc", ["HRC", "Human Rights Council", "Conseil des droits de l'homme", "مجلس حقوق الإنسان"]),
]


def D(id, title, text, *, type="Document", language="ar", year=2020, mechanisms=("cat",),
      institutions=(), state="published", confidential=False, parent=None):
    return SearchDocument(
        id=id, type=type, title=title, text=text, language=language, year=year,
        mechanisms=list(mechanisms), institutions=list(institutions), workflow_state=state,
        confidential=confidential, parent_id=parent,
    )


CORPUS = [
    D("Document:cat-report-3", "التقرير الدوري الثالث المقدَّم إلى لجنة مناهضة التعذيب",
      "قدّمت الدولة تقريرها الدوري الثالث إلى لجنة مناهضة التعذيب وفقاً للمادة 19 من الاتفاقية، "
      "وتضمّن التقرير التدابير التشريعية المتّخذة لتجريم التعذيب وضمان حقّ الموقوفين في الاستعانة بمحامٍ.",
      year=2019, institutions=("ministry-justice",)),
    D("Document:cat-concluding-2021", "الملاحظات الختامية للجنة مناهضة التعذيب",
      "رحّبت اللجنة بالحوار البنّاء مع وفد الدولة الطرف، وأوصت بتعزيز استقلالية الهيئة الوطنية للوقاية "
      "من التعذيب وبالتحقيق في جميع ادعاءات سوء المعاملة في أماكن الاحتجاز.",
      year=2021, type="Recommendation"),
    D("AchievementItem:cat-law", "تعديل المجلة الجزائية",
      "أُدرج تعريف التعذيب المطابق للمادة الأولى من الاتفاقيّة في المجلة الجزائية، تنفيذاً لتوصيات "
      "لجنة مناهضة التعذيب، وأصبحت جريمة التعذيب غير قابلة للتقادم.",
      type="AchievementItem", year=2022, institutions=("ministry-justice", "parliament")),
    D("Document:cat-en", "Third periodic report to the Committee against Torture",
      "The State party submitted its third periodic report to the Committee against Torture, describing "
      "legislative measures & safeguards for persons deprived of liberty.",
      language="en", year=2019),
    D("Document:cat-fr", "Rapport au Comité contre la torture",
      "Le Comité contre la torture a examiné le troisième rapport périodique de l'État partie et salué "
      "la création de l'instance nationale de prévention de la torture.",
      language="fr", year=2019),
    D("Document:hrc-43", "الدورة الثالثة والأربعون لمجلس حقوق الإنسان",
      "شارك الوفد في أشغال الدورة الثالثة والأربعين لمجلس حقوق الإنسان بجنيف، وألقى كلمة خلال الحوار "
      "التفاعلي مع المقرر الخاص المعني بالتعذيب، وتعذّر عقد بعض الاجتماعات بسبب جائحة كوفيد-19.",
      mechanisms=("hrc",), year=2020),
    D("Document:hrc-44", "الدورة الرابعة والأربعون لمجلس حقوق الإنسان",
      "اعتمد مجلس حقوق الإنسان في دورته الرابعة والأربعين قرارات بشأن حرية التعبير وحقوق المرأة، "
      "وقدّمت الدولة ردّها على البلاغات المتعلقة بالاحتجاز التعسفي.",
      mechanisms=("hrc",), year=2020),
    D("Document:hrc-45", "الدورة الخامسة والأربعون لمجلس حقوق الإنسان",
      "ناقش المجلس في دورته الخامسة والأربعين التقارير المتعلقة بالاختفاء القسري وحقوق الطفل، "
      "وشاركت المؤسسة الوطنية لحقوق الإنسان ببيان مكتوب.",
      mechanisms=("hrc",), year=2020, institutions=("nhri",)),
    D("Document:hrc-46", "الدورة السادسة والأربعون لمجلس حقوق الإنسان",
      "خلال الدورة السادسة والأربعين، قدّمت الدولة تقريراً عن تنفيذ توصيات الاستعراض الدوري الشامل "
      "وعن التزاماتها بموجب الاتفاقيات الدولية لحقوق الإنسان.",
      mechanisms=("hrc", "upr"), year=2021),
    D("Document:spt-visit", "زيارة اللجنة الفرعية لمنع التعذيب",
      "أجرت اللجنة الفرعية لمنع التعذيب زيارة إلى أماكن الاحتجاز، واطّلعت على ظروف الإيقاف في مراكز "
      "الأمن والسجون، وأوصت بتحسين سجلّات الاحتفاظ.",
      mechanisms=("spt",), year=2021),
    D("Document:ngo-report", "تقرير موازٍ للمنظمات غير الحكومية",
      "قدّم ائتلاف من المنظمات غير الحكومية تقريراً موازياً إلى لجنة مناهضة التعذيب يرصد حالات سوء "
      "المعاملة ويطالب بضمان استقلال القضاء ومساءلة المسؤولين.",
      type="NGOReport", year=2021, institutions=("ngo-coalition",)),
    D("ProgramMeasure:hamza", "المسئولية الجزائية للموظفين",
      "تحديد المسؤولية الجزائية للموظفين العموميين في جرائم التعذيب، ونشر الاتفاقيه في الرائد الرسمي.",
      type="ProgramMeasure", year=2022, mechanisms=("cat",)),
    D("Document:upr", "الاستعراض الدوري الشامل",
      "تلقّت الدولة في الجولة الرابعة من الاستعراض الدوري الشامل توصيات بشأن مناهضة الإفلات من العقاب.",
      mechanisms=("upr",), year=2022),
    D("Document:escape", "Rights & <b>wrongs</b>",
      "Torture <script>alert('x')</script> & ill-treatment are prohibited; see \"CAT/C/3\" & co.",
      language="en", year=2023),
    # hidden documents: every one mentions a word no visible document has
    D("Document:draft", "مسودة التقرير الدوري الرابع",
      "مسودة أولية للتقرير الرابع إلى لجنة مناهضة التعذيب تتضمن ملاحظات داخلية حول الزنزانات الانفرادية.",
      state="pending", year=2024),
    D("Document:private", "مذكرة داخلية",
      "مذكرة داخلية بشأن التعذيب في الزنزانات الانفرادية لم تُنشر.", state="private", year=2024),
    D("Document:secret", "تقرير سري",
      "تقرير سري عن التعذيب في مركز الإيقاف وعن الزنزانات الانفرادية.", confidential=True, year=2024,
      mechanisms=("spt",)),
    D("Document:archived", "أرشيف الدورة الثانية والأربعين",
      "وثائق أرشيفية عن الدورة الثانية والأربعين لمجلس حقوق الإنسان والزنزانات الانفرادية.",
      state="archived", year=2019, mechanisms=("hrc",)),
]
BY_ID = {d.id: d for d in CORPUS}
VISIBLE = [d for d in CORPUS if PUBLIC.allows(d)]


# -- fixtures ---------------------------------------------------------------


def _pg_admin_dsn() -> str:
    return PG_URL


def _with_db(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path="/" + name))


@pytest.fixture(scope="module", params=["whoosh", "postgres"])
async def backend(request, tmp_path_factory):
    expander = AliasExpander(ALIASES)
    if request.param == "whoosh":
        index_dir = tmp_path_factory.mktemp("whoosh-index")
        b = make_backend("whoosh", index_dir=index_dir, expander=expander)
        await b.setup()
        await b.index(CORPUS)
        yield b
        await b.close()
        return
    if not PG_URL:
        pytest.skip("MARSAD_TEST_POSTGRES_URL is not set: PostgreSQL backend not tested")
    import asyncpg

    name = f"marsad_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(PG_URL)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        b = make_backend("postgres", postgres_dsn=_with_db(PG_URL, name), expander=expander)
        await b.setup()
        await b.setup()  # idempotent
        await b.index(CORPUS)
        yield b
        await b.close()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def ids(backend, query, *, vis=PUBLIC, flt=None, first=50) -> set[str]:
    r = await backend.search(query, visibility=vis, filter=flt, first=first, facets=False)
    assert r.total == len(r.hits) or len(r.hits) == first
    return {h.id for h in r.hits}


# -- matching ---------------------------------------------------------------


async def test_single_word_finds_all_visible_mentions(backend):
    found = await ids(backend, "التعذيب")
    assert "Document:cat-report-3" in found and "Document:spt-visit" in found
    assert not found & {"Document:draft", "Document:private", "Document:secret", "Document:archived"}


async def test_plural_query_finds_singular_text(backend):
    # the text says الاتفاقية / الاتفاقيّة / الاتفاقيه, the query the plural
    found = await ids(backend, "الاتفاقيات")
    assert {"Document:cat-report-3", "AchievementItem:cat-law", "ProgramMeasure:hamza",
            "Document:hrc-46"} <= found


@pytest.mark.parametrize("query, expected", [
    ("المسؤولية", "ProgramMeasure:hamza"),  # hamza on waw ...
    ("المسئولية", "ProgramMeasure:hamza"),  # ... or on ya
    ("الاتفاقية", "ProgramMeasure:hamza"),  # ta marbuta, text has الاتفاقيه
    ("التَّعْذِيبُ", "AchievementItem:cat-law"),  # diacritics in the query
    ("الموقوفين", "Document:cat-report-3"),
    ("للتعذيب", "Document:spt-visit"),  # clitics
    ("والاحتجاز", "Document:spt-visit"),
    ("الأربعين", "Document:hrc-44"),
    ("الدورات", "Document:hrc-45"),
])
async def test_spelling_and_morphology_variants(backend, query, expected):
    assert expected in await ids(backend, query)


async def test_and_is_the_default(backend):
    found = await ids(backend, "التعذيب الاحتجاز")
    assert found == {d.id for d in VISIBLE
                     if "تعذيب" in _terms(d) and "احتجاز" in _terms(d)}
    assert "Document:spt-visit" in found


async def test_or(backend):
    a = await ids(backend, "الاختفاء")
    b = await ids(backend, "الجزائية")
    assert a and b
    assert await ids(backend, "الاختفاء OR الجزائية") == a | b
    assert await ids(backend, "الاختفاء أو الجزائية") == a | b


async def test_not_and_minus(backend):
    all_t = await ids(backend, "التعذيب")
    with_det = await ids(backend, "التعذيب الاحتجاز")
    assert await ids(backend, "التعذيب NOT الاحتجاز") == all_t - with_det
    assert await ids(backend, "التعذيب -الاحتجاز") == all_t - with_det


async def test_only_negative(backend):
    without = await ids(backend, "-التعذيب")
    assert without == {d.id for d in VISIBLE} - await ids(backend, "التعذيب")


async def test_phrase_is_stricter_than_words(backend):
    words = await ids(backend, "الدوري الشامل")
    phrase = await ids(backend, '"الاستعراض الدوري الشامل"')
    assert phrase == {"Document:hrc-46", "Document:upr"}
    assert phrase <= words
    # same words, wrong order
    assert await ids(backend, '"الشامل الدوري"') == set()


async def test_phrase_across_a_stop_word(backend):
    # "من" is a stop word: the phrase still requires it (or another word) in between
    assert "Document:cat-concluding-2021" in await ids(backend, '"للوقاية من التعذيب"')
    assert await ids(backend, '"للوقاية التعذيب"') == set()


async def test_phrase_quote_styles(backend):
    a = await ids(backend, '"مجلس حقوق الإنسان"')
    assert a == await ids(backend, "«مجلس حقوق الإنسان»") == await ids(backend, "“مجلس حقوق الإنسان”")
    assert {"Document:hrc-43", "Document:hrc-44"} <= a


async def test_prefix(backend):
    found = await ids(backend, "الاستعراض*")
    assert {"Document:hrc-46", "Document:upr"} <= found
    assert "Document:cat-fr" in await ids(backend, "préven*")


async def test_parentheses(backend):
    q = "(الاختفاء OR الجزائية) الدورة"
    assert await ids(backend, q) == (await ids(backend, "الاختفاء الدورة")) | (
        await ids(backend, "الجزائية الدورة"))


async def test_field_filters_in_the_query(backend):
    assert await ids(backend, "mechanism:hrc") == {
        d.id for d in VISIBLE if "hrc" in d.mechanisms}
    assert await ids(backend, "type:AchievementItem") == {"AchievementItem:cat-law"}
    assert await ids(backend, "type:achievementitem التعذيب") == {"AchievementItem:cat-law"}
    assert await ids(backend, "year:2019 lang:en") == {"Document:cat-en"}
    assert await ids(backend, "التعذيب year:2021..2022") == {
        d.id for d in VISIBLE if "تعذيب" in _terms(d) and 2021 <= d.year <= 2022}
    assert await ids(backend, "lang:fr OR lang:en") == {
        d.id for d in VISIBLE if d.language in ("fr", "en")}


async def test_search_filter(backend):
    flt = SearchFilter(mechanisms=["hrc"], years=[2020])
    assert await ids(backend, "الإنسان", flt=flt) == {"Document:hrc-43", "Document:hrc-44", "Document:hrc-45"}
    flt = SearchFilter(types=["Recommendation", "AchievementItem"])
    assert await ids(backend, "التعذيب", flt=flt) == {"Document:cat-concluding-2021", "AchievementItem:cat-law"}
    flt = SearchFilter(year_from=2022, languages=["ar"])
    assert await ids(backend, "التعذيب", flt=flt) == {"AchievementItem:cat-law", "ProgramMeasure:hamza"}
    flt = SearchFilter(institutions=["ministry-justice"])
    assert await ids(backend, "التعذيب", flt=flt) == {"Document:cat-report-3", "AchievementItem:cat-law"}


async def test_latin_words_in_french_and_english(backend):
    assert await ids(backend, "torture") >= {"Document:cat-en", "Document:cat-fr", "Document:escape"}
    assert "Document:cat-fr" in await ids(backend, "périodique")
    assert "Document:cat-fr" in await ids(backend, "periodique")


# -- aliases ----------------------------------------------------------------


async def test_four_names_of_cat_find_the_same_passages(backend):
    names = ["CAT", "Committee against Torture", "Comité contre la torture", "لجنة مناهضة التعذيب"]
    results = [await ids(backend, n) for n in names]
    assert all(r == results[0] for r in results)
    arabic = {"Document:cat-report-3", "Document:cat-concluding-2021", "AchievementItem:cat-law",
              "Document:ngo-report"}
    assert arabic | {"Document:cat-en", "Document:cat-fr"} <= results[0]
    # the SPT is a different body
    assert "Document:spt-visit" not in results[0]


async def test_aliases_do_not_reach_hidden_documents(backend):
    assert "Document:draft" not in await ids(backend, "CAT")
    assert "Document:draft" in await ids(backend, "CAT", vis=EVERYTHING)


# -- visibility ---------------------------------------------------------------


HIDDEN_WORD = "الزنزانات"  # only in hidden documents


async def test_hidden_documents_never_show(backend):
    r = await backend.search(HIDDEN_WORD, visibility=PUBLIC)
    assert r.total == 0 and r.hits == []
    assert all(buckets == [] for buckets in r.facets.values())


async def test_hidden_documents_not_in_totals_or_facets(backend):
    r = await backend.search("التعذيب", visibility=PUBLIC, first=100)
    expected = [d for d in VISIBLE if "تعذيب" in _terms(d)]
    assert r.total == len(expected) == len(r.hits)
    years = {b.value: b.count for b in r.facets["year"]}
    assert "2024" not in years
    assert years == dict(Counter(str(d.year) for d in expected))


async def test_visibility_levels(backend):
    pending = Visibility(states=frozenset({"published", "pending"}), include_confidential=False)
    assert await ids(backend, HIDDEN_WORD, vis=pending) == {"Document:draft"}
    conf = Visibility(states=frozenset({"published"}), include_confidential=True)
    assert await ids(backend, HIDDEN_WORD, vis=conf) == {"Document:secret"}
    assert await ids(backend, HIDDEN_WORD, vis=EVERYTHING) == {
        "Document:draft", "Document:private", "Document:secret", "Document:archived"}
    states_all = Visibility(states=None, include_confidential=False)
    assert "Document:secret" not in await ids(backend, HIDDEN_WORD, vis=states_all)


async def test_filter_only_query_respects_visibility(backend):
    r = await backend.search("year:2024", visibility=PUBLIC)
    assert r.total == 0
    r = await backend.search("year:2024", visibility=EVERYTHING)
    assert r.total == 3


# -- facets, paging -------------------------------------------------------------


async def test_facet_counts(backend):
    r = await backend.search("الإنسان OR التعذيب OR torture", visibility=PUBLIC, first=100)
    matched = [BY_ID[h.id] for h in r.hits]
    assert r.total == len(matched)
    f = {name: {b.value: b.count for b in buckets} for name, buckets in r.facets.items()}
    assert f["type"] == dict(Counter(d.type for d in matched))
    assert f["language"] == dict(Counter(d.language for d in matched))
    assert f["year"] == dict(Counter(str(d.year) for d in matched))
    assert f["mechanism"] == dict(Counter(m for d in matched for m in d.mechanisms))
    # buckets sorted by count, largest first
    counts = [b.count for b in r.facets["type"]]
    assert counts == sorted(counts, reverse=True)


async def test_facets_can_be_skipped(backend):
    r = await backend.search("التعذيب", visibility=PUBLIC, facets=False)
    assert r.facets == {} and r.total > 0


async def test_pagination_by_offset(backend):
    full = await backend.search("التعذيب OR الإنسان", visibility=PUBLIC, first=100, facets=False)
    assert full.total >= 8
    pages = []
    for offset in range(0, full.total, 3):
        page = await backend.search("التعذيب OR الإنسان", visibility=PUBLIC, first=3, offset=offset,
                                    facets=False)
        assert page.total == full.total
        pages.extend(h.id for h in page.hits)
    assert pages == [h.id for h in full.hits]
    beyond = await backend.search("التعذيب", visibility=PUBLIC, first=5, offset=1000)
    assert beyond.hits == [] and beyond.total > 0


async def test_scores_are_ordered(backend):
    r = await backend.search("التعذيب", visibility=PUBLIC, first=50)
    scores = [h.score for h in r.hits]
    assert scores == sorted(scores, reverse=True)
    # the document that names torture in its title and twice in its text ranks high
    assert r.hits[0].id in {"AchievementItem:cat-law", "Document:cat-report-3", "Document:spt-visit"}


# -- highlights -----------------------------------------------------------------


MARK_RE = re.compile(r"</?mark>")


def _assert_safe(fragment: str) -> None:
    stripped = MARK_RE.sub("", fragment)
    assert "<" not in stripped and ">" not in stripped
    # every & starts an entity
    assert not re.search(r"&(?!(amp|lt|gt|quot|#x27);)", stripped)


async def test_highlights_are_escaped(backend):
    r = await backend.search("torture", visibility=PUBLIC, first=50)
    hit = next(h for h in r.hits if h.id == "Document:escape")
    joined = " ".join(hit.highlights)
    for frag in hit.highlights:
        _assert_safe(frag)
    assert "<mark>Torture</mark>" in joined
    assert "&lt;script&gt;" in joined and "&amp;" in joined
    r = await backend.search("wrongs", visibility=PUBLIC)
    title = r.hits[0].highlights[0]
    assert title == "Rights &amp; &lt;b&gt;<mark>wrongs</mark>&lt;/b&gt;"


async def test_highlights_mark_original_arabic_words(backend):
    r = await backend.search("الاتفاقيات", visibility=PUBLIC, first=50)
    law = next(h for h in r.hits if h.id == "AchievementItem:cat-law")
    joined = " ".join(law.highlights)
    # the diacritic (shadda) of the original text is inside the mark
    assert "<mark>الاتفاقيّة</mark>" in joined
    hamza = next(h for h in r.hits if h.id == "ProgramMeasure:hamza")
    assert "<mark>الاتفاقيه</mark>" in " ".join(hamza.highlights)
    for h in r.hits:
        for frag in h.highlights:
            _assert_safe(frag)
            assert html.unescape(MARK_RE.sub("", frag)).replace("…", "") in (
                BY_ID[h.id].title + " " + BY_ID[h.id].text)


async def test_phrase_and_prefix_highlights(backend):
    r = await backend.search('"الاستعراض الدوري الشامل"', visibility=PUBLIC)
    assert any("<mark>الاستعراض</mark> <mark>الدوري</mark> <mark>الشامل</mark>" in f
               for h in r.hits for f in h.highlights)
    r = await backend.search("الاستعراض*", visibility=PUBLIC)
    assert all(any("<mark>" in f for f in h.highlights) for h in r.hits)


# -- suggestions ------------------------------------------------------------------


async def test_did_you_mean(backend):
    r = await backend.search("التعديب", visibility=PUBLIC)
    assert r.total == 0
    assert r.suggestion == "التعذيب"
    assert await backend.suggest("التعديب", visibility=PUBLIC) == "التعذيب"


async def test_no_suggestion_when_results_are_plenty(backend):
    r = await backend.search("التعذيب", visibility=PUBLIC)
    assert r.suggestion is None


async def test_suggestions_never_come_from_hidden_documents(backend):
    # الزنزانات exists only in hidden documents: a misspelling of it gets no suggestion
    r = await backend.search("الزنزاتات", visibility=PUBLIC)
    assert r.total == 0 and r.suggestion is None
    r = await backend.search("الزنزاتات", visibility=EVERYTHING)
    assert r.suggestion == "الزنزانات"


# -- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "في من على", '"', "(((", ")", "\x00\x1b[31m", "\u200f\u202e"])
async def test_empty_results_for_empty_queries(backend, text):
    r = await backend.search(text, visibility=PUBLIC)
    assert isinstance(r, SearchResult)
    assert r.total == 0 and r.hits == []


@pytest.mark.parametrize("text", ['"لجنة مناهضة التعذيب', "(التعذيب OR الاحتجاز", "التعذيب)))"])
async def test_unbalanced_queries_still_search(backend, text):
    r = await backend.search(text, visibility=PUBLIC)
    assert r.total > 0


async def test_very_long_query_is_a_query_error(backend):
    with pytest.raises(QueryError):
        await backend.search("حقوق " * 2000, visibility=PUBLIC)


async def test_control_characters_in_the_query(backend):
    a = await ids(backend, "التعذيب\x00\x07 الاحتجاز\u200f")
    assert a == await ids(backend, "التعذيب الاحتجاز")


async def test_bad_paging(backend):
    with pytest.raises(QueryError):
        await backend.search("التعذيب", visibility=PUBLIC, first=-1)


async def test_parsed_query_objects_are_accepted(backend):
    q = parse_query("التعذيب")
    assert await ids(backend, q) == await ids(backend, "التعذيب")


# -- writes -----------------------------------------------------------------------


async def test_upsert_delete_and_count(backend):
    n = await backend.count()
    assert n == len(CORPUS)
    doc = D("Document:temp", "وثيقة مؤقتة", "نص عن الكرامة الإنسانية", year=2025)
    await backend.index([doc])
    assert await backend.count() == n + 1
    assert await ids(backend, "الكرامة") == {"Document:temp"}
    doc.text = "نص معدّل عن الطمأنينة"
    await backend.index([doc])
    assert await backend.count() == n + 1
    assert await ids(backend, "الكرامة") == set()
    assert await ids(backend, "الطمأنينة") == {"Document:temp"}
    # unpublishing is an upsert too
    doc.workflow_state = "private"
    await backend.index([doc])
    assert await ids(backend, "الطمأنينة") == set()
    await backend.delete(["Document:temp", "Document:does-not-exist"])
    assert await backend.count() == n
    assert await ids(backend, "الطمأنينة", vis=EVERYTHING) == set()


# -- helpers ----------------------------------------------------------------------


def _terms(doc: SearchDocument) -> set[str]:
    from search_index.analysis import analyze

    return set(analyze(doc.title, doc.language)) | set(analyze(doc.text, doc.language))


# -- backend-specific ---------------------------------------------------------------


async def test_whoosh_rebuild_gives_the_same_results(tmp_path):
    queries = ["التعذيب", "الاتفاقيات", '"مجلس حقوق الإنسان"', "CAT", "mechanism:hrc", "التعديب"]

    async def run(index_dir):
        b = make_backend("whoosh", index_dir=index_dir, expander=AliasExpander(ALIASES))
        await b.index(CORPUS[:8])
        await b.index(CORPUS[8:])  # two commits: two segments
        out = []
        for q in queries:
            r = await b.search(q, visibility=PUBLIC)
            out.append((r.total, [(h.id, round(h.score, 6), h.highlights) for h in r.hits],
                        r.facets, r.suggestion))
        await b.close()
        return out

    first = await run(tmp_path / "index")
    shutil.rmtree(tmp_path / "index")
    assert await run(tmp_path / "index") == first


async def test_whoosh_sees_writes_of_another_process(tmp_path):
    a = make_backend("whoosh", index_dir=tmp_path / "ix")
    b = make_backend("whoosh", index_dir=tmp_path / "ix")
    await a.index(CORPUS[:3])
    assert (await b.search("التعذيب", visibility=PUBLIC)).total == 3
    await a.index([D("Document:new", "جديد", "التعذيب مجدداً")])
    assert (await b.search("التعذيب", visibility=PUBLIC)).total == 4
    await a.clear()
    assert (await b.search("التعذيب", visibility=PUBLIC)).total == 0
    await a.close()
    await b.close()


def test_tsvector_literal_escaping():
    from search_index.backends.postgres_backend import quote_lexeme, tsquery_text, tsvector_literal
    from search_index.query import ast

    assert quote_lexeme("it's") == "'it''s'"
    assert quote_lexeme("a\\b") == "'a\\\\b'"
    lit, terms = tsvector_literal([("لجن", 0), ("o'brien", 1)], [("قال'", 18), ("لجن", 19)])
    assert lit == "'لجن':1A,20 'o''brien':2A 'قال''':19"
    assert terms == ["لجن", "o'brien", "قال'"]
    q = ast.Phrase("x", (("لجن",), ("a'b", "c\\d")), (0, 2))
    assert tsquery_text(q) == "('لجن' <2> ('a''b' | 'c\\\\d'))"


@pytest.mark.skipif(not PG_URL, reason="MARSAD_TEST_POSTGRES_URL is not set")
async def test_tsvector_literal_round_trips_through_postgres():
    import asyncpg

    from search_index.backends.postgres_backend import tsquery_text, tsvector_literal
    from search_index.query import ast

    terms = ["لجن", "o'brien", "قال'", "back\\slash", "''", "مسءول", "a b"]
    lit, _ = tsvector_literal([(t, i) for i, t in enumerate(terms)], [])
    con = await asyncpg.connect(PG_URL)
    try:
        got = await con.fetchval("SELECT array_agg(lexeme ORDER BY lexeme) FROM unnest($1::tsvector)", lit)
        assert sorted(got) == sorted(terms)
        for t in terms:
            assert await con.fetchval("SELECT $1::tsvector @@ $2::tsquery", lit,
                                      tsquery_text(ast.Term(t, (t,))))
        phrase = ast.Phrase("x", (("o'brien",), ("قال'",)), (0, 1))
        assert await con.fetchval("SELECT $1::tsvector @@ $2::tsquery", lit, tsquery_text(phrase))
    finally:
        await con.close()


async def test_whoosh_block_ranking_equals_whoosh_matcher_ranking(tmp_path):
    """The block-at-a-time BM25F ranking gives Whoosh's own scores and order."""
    blocks = make_backend("whoosh", index_dir=tmp_path / "ix")
    await blocks.index(CORPUS[:9])
    await blocks.index(CORPUS[9:])
    await blocks.delete(["Document:hrc-44"])  # a deletion inside an old segment
    from search_index.backends.whoosh_backend import WhooshBackend

    matcher = WhooshBackend(tmp_path / "ix", ranking="matcher")
    for q in ["التعذيب", "التعذيب الاحتجاز", "الإنسان OR التعذيب", '"مجلس حقوق الإنسان"',
              "التعذيب -الاحتجاز", '"الاستعراض الدوري الشامل" OR torture']:
        a = await blocks.search(q, visibility=EVERYTHING, first=50, facets=False)
        b = await matcher.search(q, visibility=EVERYTHING, first=50, facets=False)
        assert a.total == b.total
        assert [h.id for h in a.hits] == [h.id for h in b.hits], q
        assert [round(h.score, 5) for h in a.hits] == [round(h.score, 5) for h in b.hits], q
        top3 = await blocks.search(q, visibility=EVERYTHING, first=3, facets=False)
        assert [h.id for h in top3.hits] == [h.id for h in a.hits[:3]]
    await blocks.close()
    await matcher.close()


async def test_whoosh_block_skipping_keeps_the_exact_top_k(tmp_path):
    """Many posting blocks: skipped blocks never hold a better hit."""
    import random

    rng = random.Random(7)
    words = ["التعذيب", "الاحتجاز", "اللجنة", "التقرير", "الدولة", "المرأة", "الطفل", "العدالة"]
    docs = []
    for i in range(900):
        n = rng.randint(3, 120)
        body = " ".join(rng.choice(words) for _ in range(n))
        docs.append(D(f"Synthetic:{i}", rng.choice(words), body, year=2000 + i % 20,
                      state="published" if i % 10 else "pending"))
    blocks = make_backend("whoosh", index_dir=tmp_path / "ix")
    await blocks.index(docs[:500])
    await blocks.index(docs[500:])
    from search_index.backends.whoosh_backend import WhooshBackend

    matcher = WhooshBackend(tmp_path / "ix", ranking="matcher")
    full = await matcher.search("التعذيب", visibility=PUBLIC, first=200, offset=0, facets=False)
    for first in (1, 5, 20):
        a = await blocks.search("التعذيب", visibility=PUBLIC, first=first, facets=False)
        assert [h.id for h in a.hits] == [h.id for h in full.hits[:first]]
        assert a.total == full.total
    a = await blocks.search("التعذيب OR الطفل", visibility=PUBLIC, first=10, facets=False)
    b = await matcher.search("التعذيب OR الطفل", visibility=PUBLIC, first=10, facets=False)
    assert [h.id for h in a.hits] == [h.id for h in b.hits]
    await blocks.close()
    await matcher.close()


async def test_long_phrases_match_exactly(backend):
    """Three-word phrases and longer: the words in a row, not only each pair somewhere."""
    together = D("phrase-together", "مسار التقارير", "استكمال إعداد التقرير الوطني الخامس حول إعمال الاتفاقية")
    apart = D("phrase-apart", "مسار التقارير",
              "إعداد التقرير الدوري. التقرير الوطني المرحلي. الوطني الخامس في الترتيب")
    await backend.index([together, apart])
    try:
        found = await ids(backend, '"إعداد التقرير الوطني الخامس"')
        assert found == {"phrase-together"}
        assert await ids(backend, "إعداد التقرير الوطني الخامس") >= {"phrase-together", "phrase-apart"}
    finally:
        await backend.delete(["phrase-together", "phrase-apart"])
