#!/usr/bin/env python
"""Search benchmark: Whoosh vs PostgreSQL vs SQLite FTS5 on one synthetic Arabic archive.

    python bench/search.py --items 100000          # the reference run (default)
    python bench/search.py --items 5000            # quick
    python bench/search.py --postgres postgresql://postgres@127.0.0.1:5432/test

Generates a synthetic archive with a fixed seed (UN / human-rights vocabulary,
clitics, diacritics, hamza and ta-marbuta spelling variants, "حقوق الإنسان" in
most items, rarer words and phrases), indexes the same items into every engine
and measures, side by side:

* build rate (items/s, analysis included);
* query latency p50/p95 over a fixed query set (frequent and rare words,
  AND, phrases, OR, NOT, prefix, filters), each query REPS times; every
  engine returns the top 20 by relevance *and* the total count; our two
  backends also apply the visibility rules and compute highlights for the 20
  hits; the "cold" column is the first run of each query (Whoosh: with its
  posting/result caches dropped);
* recall on spelling/morphology variants: items planted with one form
  (الاتفاقية, المسئولية, بالتعذيب …), queried with another (الاتفاقيات,
  المسؤولية, التعذيب …); recall = planted items found / planted items.

SQLite FTS5 (tokenize="unicode61 remove_diacritics 2") is the reference C
engine, run twice: on the raw text ("fts5-raw": its own tokenizer, no
stemming) and on our pre-analysed terms joined by spaces ("fts5-tok"), whose
match sets equal our backends' (checked: the "=tot" column counts queries
whose totals agree with fts5-tok), so latencies compare like with like.
Ratios are to fts5-tok.  "whoosh" ranks block-at-a-time (the backend's default),
"whoosh-m" is the same index ranked by Whoosh's own matcher tree with
block-quality skipping (WhooshBackend(ranking="matcher")).  PostgreSQL runs when --postgres or
MARSAD_TEST_POSTGRES_URL is given, in a throwaway database.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_index.analysis import tokens as analysis_tokens  # noqa: E402
from search_index.backends import make_backend  # noqa: E402
from search_index.documents import SearchDocument, SearchFilter, Visibility  # noqa: E402
from search_index.query import ast, parse_query  # noqa: E402

PUBLIC = Visibility(states=frozenset({"published"}), include_confidential=False)
TOP_K = 20

# ---------------------------------------------------------------------------
# Synthetic archive
# ---------------------------------------------------------------------------

COMMON_NOUNS = """
الدولة اللجنة التقرير الدورة المجلس التوصيات الاتفاقية التعذيب الاحتجاز المرأة الطفل الحرية التعبير
القضاء الاستقلالية المساواة العدالة الهيئة الوطنية الوقاية السجون الإيقاف المحاكمة الاختفاء الإعدام
اللاجئين المهاجرين الإعاقة التمييز العنف الصحة التعليم السكن العمل الجمعيات الإعلام الصحفيين المدافعين
الانتخابات البرلمان الدستور القانون التشريع الإجراءات الشكاوى البلاغات الزيارة المقرر الفريق الأمم
المفوضية الاستعراض البروتوكول الميثاق الحقوق المدنية السياسية الاقتصادية الاجتماعية الثقافية الحوار
التدابير الضمانات الموقوفين المحامين الضحايا الانتهاكات المساءلة الإفلات العقاب التحقيق الشرطة الأمن
الوزارة العدل الداخلية الخارجية الشؤون الدينية البيئة التنمية الفقر البطالة الشباب الأسرة الزواج
المسؤولية الهيئات المنظمات الخبراء الوفد البعثة الملاحظات الختامية الردود المتابعة التنفيذ الخطة
الاستراتيجية البرنامج الميزانية التدريب التوعية النشر الترجمة المؤسسات الرقابة التفتيش المراكز
""".split()

RARE_NOUNS = """
الزنزانات الانفرادية التعقيم القسري الختان الاسترقاق التجنيد التسخير المرتزقة الألغام النازحين عديمي
الجنسية الرحل البدو الأمازيغية التصحر الملوحة الفيضانات الجفاف اللقاحات الأوبئة الكوليرا الملاريا
التشرد الاستغلال الجنسي القرصنة الإلكترونية التشهير التنصت المراقبة الجماعية البيانات البيومترية
الهجرة غير النظامية القوارب الحدود البحرية التهريب الإرهاب التطرف الانتحار الإدمان المخدرات
""".split()

CITIES = "تونس صفاقس سوسة القيروان قفصة بنزرت قابس مدنين تطاوين جندوبة الكاف نابل المنستير المهدية توزر".split()

VERBS = """
قدمت اعتمدت أوصت رحبت أعربت شاركت ناقشت أكدت التزمت نشرت صادقت عززت أنشأت راجعت تابعت دعت طالبت
لاحظت أشارت استعرضت نظمت أطلقت وقعت أحالت تلقت أجابت
""".split()

PREPS = "في من على إلى عن مع بشأن حول خلال ضد لدى بين".split()
ADJ = "الوطنية الدولية الأساسية العامة الخاصة الجديدة الدورية المستقلة الفعالة الشاملة".split()

PHRASES = [
    ("حقوق الإنسان", 0.85),
    ("الدولة الطرف", 0.30),
    ("المجتمع المدني", 0.20),
    ("لجنة مناهضة التعذيب", 0.08),
    ("مجلس حقوق الإنسان", 0.10),
    ("الاستعراض الدوري الشامل", 0.05),
    ("الآلية الوطنية للوقاية من التعذيب", 0.03),
    ("اللجنة الفرعية لمنع التعذيب", 0.02),
]

HARAKAT = "\u064e\u064f\u0650\u0651\u0652\u064b"
TYPES = ["Document", "Recommendation", "AchievementItem", "ProgramMeasure", "NGOReport"]
MECHANISMS = ["cat", "hrc", "upr", "spt", "ccpr", "cedaw", "crc", "crpd"]

# (query, planted forms): the planted items never contain the query's own lexeme otherwise
RECALL_TESTS = [
    ("الاتفاقيات", "الاتفاقية الاتفاقيّة الاتفاقيه بالاتفاقية للاتفاقية واتفاقية"),
    ("المسؤولية", "المسئولية المسؤوليّة مسؤولية والمسؤولية بالمسئولية المسؤوليات"),
    ("التعذيب", "التّعذيب بالتعذيب للتعذيب والتعذيب تعذيب"),
    ("الإنسان", "الانسان للإنسان بالإنسان والانسان الإنسانِ"),
    ("التوصيات", "توصية التوصية بالتوصيات وتوصيات التّوصيات"),
    ("الدورات", "الدورة دورة بالدورة الدّورة دورات"),
    ("المرأة", "المراة للمرأة والمرأة بالمرأة المرأه"),
    ("الهيئة", "الهيئه بالهيئة للهيئة هيئة الهيئات"),
    ("المحاكمات", "المحاكمة محاكمة بالمحاكمة المحاكمه للمحاكمات"),
    ("الانتهاكات", "انتهاك الانتهاك بالانتهاكات وانتهاكات الإنتهاكات"),
]
FILLER = "مذكرة متابعة حول الوضع العام وملف الإصلاح الإداري والمالي".split()


def _variant(word: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.06 and word.endswith("ة"):
        word = word[:-1] + "ه"
    elif r < 0.12:
        word = word.replace("أ", "ا").replace("إ", "ا")
    if rng.random() < 0.08:
        chars = list(word)
        for i in range(1, len(chars)):
            if rng.random() < 0.3:
                chars[i - 1] += rng.choice(HARAKAT)
        word = "".join(chars)
    if rng.random() < 0.15:
        if word.startswith("ال"):
            word = rng.choice(["و", "ب", "ف", "و", "ب"]) + word if rng.random() < 0.8 else "لل" + word[2:]
        else:
            word = rng.choice(["و", "ب", "ل"]) + word
    return word


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.noun_weights = [1.0 / (i + 1) ** 0.8 for i in range(len(COMMON_NOUNS))]

    def noun(self) -> str:
        rng = self.rng
        if rng.random() < 0.04:
            return rng.choice(RARE_NOUNS)
        if rng.random() < 0.03:
            return rng.choice(CITIES)
        return rng.choices(COMMON_NOUNS, self.noun_weights)[0]

    def sentence(self) -> str:
        rng = self.rng
        words = [rng.choice(VERBS), self.noun(), rng.choice(ADJ)]
        for _ in range(rng.randint(2, 6)):
            words.append(rng.choice(PREPS))
            words.append(self.noun())
            if rng.random() < 0.4:
                words.append(rng.choice(ADJ))
        for phrase, p in PHRASES:
            if rng.random() < p / 3:
                pos = rng.randint(1, len(words))
                words[pos:pos] = phrase.split()
        if rng.random() < 0.2:
            words += ["سنة", str(rng.randint(2010, 2024))]
        return " ".join(_variant(w, rng) for w in words) + "."

    def item(self, i: int) -> SearchDocument:
        rng = self.rng
        title_words = [self.noun() for _ in range(rng.randint(2, 5))]
        if rng.random() < 0.3:
            title_words[1:1] = rng.choice(PHRASES)[0].split()
        n_sent = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8, 10])
        body = " ".join(self.sentence() for _ in range(n_sent))
        if rng.random() < 0.85 and "حقوق الإنسان" not in body:
            body += " " + _variant("حقوق", rng) + " " + _variant("الإنسان", rng) + "."
        r = rng.random()
        state = "pending" if r < 0.03 else "private" if r < 0.04 else "published"
        return SearchDocument(
            id=f"Item:{i}",
            type=rng.choice(TYPES),
            title=" ".join(title_words),
            text=body,
            language="ar",
            year=rng.randint(2012, 2024),
            mechanisms=rng.sample(MECHANISMS, rng.randint(1, 2)),
            institutions=[],
            workflow_state=state,
            confidential=rng.random() < 0.02,
        )

    def probe(self, i: int, test: int, form: str) -> SearchDocument:
        rng = self.rng
        filler = " ".join(rng.choice(FILLER) for _ in range(rng.randint(6, 14)))
        return SearchDocument(
            id=f"Probe{test}:{i}", type=f"Probe{test}", title="مذكرة " + rng.choice(FILLER),
            text=f"{filler} {form} {filler}.", language="ar", year=2020, mechanisms=["cat"],
            institutions=[], workflow_state="published", confidential=False,
        )


def generate(n: int, seed: int = 20240229):
    gen = Generator(seed)
    items = [gen.item(i) for i in range(n)]
    per_test = max(10, n // 2000)
    probes = []
    for t, (_, forms) in enumerate(RECALL_TESTS):
        forms = forms.split()
        for j in range(per_test):
            probes.append(gen.probe(j, t, gen.rng.choice(forms)))
    everything = items + probes
    gen.rng.shuffle(everything)
    return everything, per_test


# ---------------------------------------------------------------------------
# Query set
# ---------------------------------------------------------------------------


@dataclass
class BenchQuery:
    name: str
    q: str  # our syntax
    fts_raw: str  # FTS5 MATCH on the raw text
    flt: SearchFilter | None = None
    parsed: ast.Query | None = None
    fts_tok: str = ""


QUERIES = [
    BenchQuery("freq: حقوق", "حقوق", '"حقوق"'),
    BenchQuery("freq: الإنسان", "الإنسان", '"الإنسان"'),
    BenchQuery("freq: الدولة", "الدولة", '"الدولة"'),
    BenchQuery("freq: اللجنة", "اللجنة", '"اللجنة"'),
    BenchQuery("mid: التعذيب", "التعذيب", '"التعذيب"'),
    BenchQuery("mid: الاحتجاز", "الاحتجاز", '"الاحتجاز"'),
    BenchQuery("mid: المرأة", "المرأة", '"المرأة"'),
    BenchQuery("rare: الزنزانات", "الزنزانات", '"الزنزانات"'),
    BenchQuery("rare: الكوليرا", "الكوليرا", '"الكوليرا"'),
    BenchQuery("rare: قفصة", "قفصة", '"قفصة"'),
    BenchQuery("and: حقوق الطفل", "حقوق الطفل", '"حقوق" AND "الطفل"'),
    BenchQuery("and: التعذيب الاحتجاز", "التعذيب الاحتجاز", '"التعذيب" AND "الاحتجاز"'),
    BenchQuery("and: الدولة اللجنة التقرير", "الدولة اللجنة التقرير", '"الدولة" AND "اللجنة" AND "التقرير"'),
    BenchQuery("phrase: حقوق الإنسان", '"حقوق الإنسان"', '"حقوق الإنسان"'),
    BenchQuery("phrase: لجنة مناهضة التعذيب", '"لجنة مناهضة التعذيب"', '"لجنة مناهضة التعذيب"'),
    BenchQuery("phrase: الاستعراض الدوري الشامل", '"الاستعراض الدوري الشامل"', '"الاستعراض الدوري الشامل"'),
    BenchQuery("or: التعذيب OR الاحتجاز", "التعذيب OR الاحتجاز", '"التعذيب" OR "الاحتجاز"'),
    BenchQuery("or: الكوليرا OR الملاريا", "الكوليرا OR الملاريا", '"الكوليرا" OR "الملاريا"'),
    BenchQuery("not: التعذيب -الاحتجاز", "التعذيب -الاحتجاز", '"التعذيب" NOT "الاحتجاز"'),
    BenchQuery("prefix: الاستعراض*", "الاستعراض*", '"الاستعراض"*'),
    BenchQuery("prefix: اللاجئ*", "اللاجئ*", '"اللاجئ"*'),
    BenchQuery("filter: التعذيب year=2020", "التعذيب", '"التعذيب"', SearchFilter(years=[2020])),
    BenchQuery("filter: حقوق type+mech", "حقوق", '"حقوق"',
               SearchFilter(types=["Recommendation"], mechanisms=["cat"])),
]


def fts_from_ast(node) -> str:
    """Our analysed query as an FTS5 MATCH on the pre-analysed column."""

    def q(t: str) -> str:
        return '"' + t.replace('"', '""') + '"'

    if isinstance(node, ast.Term):
        return q(node.terms[0]) if len(node.terms) == 1 else "(" + " OR ".join(map(q, node.terms)) + ")"
    if isinstance(node, ast.Prefix):
        return "(" + " OR ".join(q(p) + "*" for p in node.prefixes) + ")"
    if isinstance(node, ast.Phrase):
        assert all(g == 1 for g in node.gaps()), "bench phrases have no stop words inside"
        assert all(len(s) == 1 for s in node.slots)
        return q(" ".join(s[0] for s in node.slots))
    if isinstance(node, ast.And):
        pos = [c for c in node.children if not isinstance(c, ast.Not)]
        neg = [c.child for c in node.children if isinstance(c, ast.Not)]
        out = "(" + " AND ".join(fts_from_ast(c) for c in pos) + ")"
        for c in neg:
            out = f"({out} NOT {fts_from_ast(c)})"
        return out
    if isinstance(node, ast.Or):
        return "(" + " OR ".join(fts_from_ast(c) for c in node.children) + ")"
    raise TypeError(node)


# ---------------------------------------------------------------------------
# Engines
# ---------------------------------------------------------------------------


@dataclass
class EngineResult:
    name: str
    build_s: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)  # query -> seconds, first = cold
    totals: dict[str, int] = field(default_factory=dict)
    recall: float | None = None
    notes: str = ""


class Fts5:
    def __init__(self, path: str, tokenized: bool) -> None:
        self.name = "fts5-tok" if tokenized else "fts5-raw"
        self.tokenized = tokenized
        self.con = sqlite3.connect(path)
        self.con.execute(
            'CREATE VIRTUAL TABLE docs USING fts5(body, type UNINDEXED, year UNINDEXED, mech UNINDEXED, '
            'vis UNINDEXED, tokenize="unicode61 remove_diacritics 2")'
        )
        self.ids: list[str] = []

    def build(self, docs) -> None:
        rows = []
        for i, d in enumerate(docs):
            if self.tokenized:
                body = " ".join(t.term for t in analysis_tokens(d.title, d.language)) + " " + " ".join(
                    t.term for t in analysis_tokens(d.text, d.language))
            else:
                body = d.title + "\n" + d.text
            vis = 1 if PUBLIC.allows(d) else 0
            rows.append((i, body, d.type, d.year, "," + ",".join(d.mechanisms) + ",", vis))
            self.ids.append(d.id)
        self.con.executemany("INSERT INTO docs(rowid, body, type, year, mech, vis) VALUES (?,?,?,?,?,?)", rows)
        self.con.commit()

    def search(self, match: str, flt: SearchFilter | None):
        where = "docs MATCH ? AND vis = 1"
        params: list = [match]
        if flt is not None:
            if flt.years:
                where += f" AND year IN ({','.join('?' * len(flt.years))})"
                params += list(flt.years)
            if flt.types:
                where += f" AND type IN ({','.join('?' * len(flt.types))})"
                params += list(flt.types)
            if flt.mechanisms:
                where += " AND (" + " OR ".join("instr(mech, ?) > 0" for _ in flt.mechanisms) + ")"
                params += ["," + m + "," for m in flt.mechanisms]
        rows = self.con.execute(
            f"SELECT rowid FROM docs WHERE {where} ORDER BY rank LIMIT {TOP_K}", params).fetchall()
        total = self.con.execute(f"SELECT count(*) FROM docs WHERE {where}", params).fetchone()[0]
        return [self.ids[r[0]] for r in rows], total


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


async def run_backend(name: str, backend, docs, reps: int, per_test: int, batch: int | None,
                      drop_caches=None, build_s: float | None = None) -> EngineResult:
    res = EngineResult(name)
    gc.collect()
    if build_s is not None:  # same index as another engine
        res.build_s = build_s
    else:
        t0 = time.perf_counter()
        if batch:
            for i in range(0, len(docs), batch):
                await backend.index(docs[i:i + batch])
        else:
            await backend.index(docs)
        res.build_s = time.perf_counter() - t0
        print(f"  {name}: built in {res.build_s:.1f}s ({len(docs) / res.build_s:,.0f} items/s)", flush=True)
    # warm-up: open searcher / pool
    await backend.search("حقوق", visibility=PUBLIC, first=1, facets=False)
    for bq in QUERIES:
        res.latencies[bq.name] = []
    for rep in range(reps):
        if rep == 0 and drop_caches is not None:
            drop_caches()
        for bq in QUERIES:
            if rep == 0 and drop_caches is not None:
                drop_caches()
            t = time.perf_counter()
            r = await backend.search(bq.q, visibility=PUBLIC, filter=bq.flt, first=TOP_K, facets=False)
            res.latencies[bq.name].append(time.perf_counter() - t)
            res.totals[bq.name] = r.total
            assert len(r.hits) == min(TOP_K, r.total)
    found = 0
    for t, (query, _) in enumerate(RECALL_TESTS):
        r = await backend.search(query, visibility=PUBLIC, filter=SearchFilter(types=[f"Probe{t}"]),
                                 first=TOP_K, facets=False)
        found += r.total
    res.recall = found / (per_test * len(RECALL_TESTS))
    return res


def run_fts(engine: Fts5, docs, reps: int, per_test: int) -> EngineResult:
    res = EngineResult(engine.name)
    gc.collect()
    t0 = time.perf_counter()
    engine.build(docs)
    res.build_s = time.perf_counter() - t0
    print(f"  {engine.name}: built in {res.build_s:.1f}s ({len(docs) / res.build_s:,.0f} items/s)", flush=True)
    for bq in QUERIES:
        res.latencies[bq.name] = []
    for _ in range(reps):
        for bq in QUERIES:
            match = bq.fts_tok if engine.tokenized else bq.fts_raw
            t = time.perf_counter()
            _, total = engine.search(match, bq.flt)
            res.latencies[bq.name].append(time.perf_counter() - t)
            res.totals[bq.name] = total
    found = 0
    for t, (query, _) in enumerate(RECALL_TESTS):
        if engine.tokenized:
            match = fts_from_ast(parse_query(query).root)
        else:
            match = '"' + query + '"'
        found += engine.search(match, SearchFilter(types=[f"Probe{t}"]))[1]
    res.recall = found / (per_test * len(RECALL_TESTS))
    return res


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def _with_db(dsn: str, name: str) -> str:
    return urlunsplit(urlsplit(dsn)._replace(path="/" + name))


def report(results: list[EngineResult], n_items: int, reps: int) -> str:
    ref = next((r for r in results if r.name == "fts5-tok"), None)
    lines = []
    lines.append(f"items: {n_items:,}   queries: {len(QUERIES)} x {reps} runs   top-k: {TOP_K} with total "
                 f"counts (all engines)")
    head = (f"{'engine':<10} {'build/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'cold p95':>9} {'max ms':>8} "
            f"{'p50 x':>6} {'p95 x':>6} {'recall':>7} {'=tot':>6}")
    lines.append(head)
    lines.append("-" * len(head))
    ref_p50 = ref_p95 = None
    if ref:
        all_ref = [v for vs in ref.latencies.values() for v in vs]
        ref_p50, ref_p95 = pct(all_ref, 0.5), pct(all_ref, 0.95)
    for r in results:
        all_lat = [v for vs in r.latencies.values() for v in vs]
        cold = [vs[0] for vs in r.latencies.values()]
        p50, p95 = pct(all_lat, 0.5), pct(all_lat, 0.95)
        same = sum(1 for q in r.totals if ref and r.totals[q] == ref.totals.get(q))
        lines.append(
            f"{r.name:<10} {n_items / r.build_s:>9,.0f} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f} "
            f"{pct(cold, 0.95) * 1000:>9.1f} {max(all_lat) * 1000:>8.1f} "
            f"{(p50 / ref_p50 if ref_p50 else float('nan')):>6.2f} "
            f"{(p95 / ref_p95 if ref_p95 else float('nan')):>6.2f} "
            f"{r.recall:>7.3f} {same:>3}/{len(r.totals):<2}"
        )
    lines.append("")
    lines.append("per query, median ms (total hits):")
    names = [r.name for r in results]
    lines.append(f"{'query':<36}" + "".join(f"{n:>18}" for n in names))
    for bq in QUERIES:
        row = f"{bq.name:<36}"
        for r in results:
            row += f"{statistics.median(r.latencies[bq.name]) * 1000:>10.1f} ({r.totals[bq.name]:>6})"
        lines.append(row)
    return "\n".join(lines)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--seed", type=int, default=20240229)
    ap.add_argument("--postgres", default=os.environ.get("MARSAD_TEST_POSTGRES_URL"))
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--engines", default="whoosh,whoosh-m,postgres,fts5-raw,fts5-tok")
    ap.add_argument("--workdir", default=None, help="where indexes go (default: a temp dir)")
    ap.add_argument("--json", default=None, help="also write the raw numbers to this file")
    args = ap.parse_args()
    engines = set(args.engines.split(","))

    t = time.perf_counter()
    docs, per_test = generate(args.items, args.seed)
    print(f"generated {len(docs):,} items ({args.items:,} + {len(docs) - args.items} recall probes) "
          f"in {time.perf_counter() - t:.1f}s", flush=True)
    for bq in QUERIES:
        bq.parsed = parse_query(bq.q)
        bq.fts_tok = fts_from_ast(bq.parsed.root)

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="marsad-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results: list[EngineResult] = []
    try:
        if "fts5-raw" in engines:
            results.append(run_fts(Fts5(str(workdir / "raw.db"), False), docs, args.reps, per_test))
        if "fts5-tok" in engines:
            results.append(run_fts(Fts5(str(workdir / "tok.db"), True), docs, args.reps, per_test))
        if "whoosh" in engines:
            backend = make_backend("whoosh", index_dir=workdir / "whoosh")
            results.append(await run_backend("whoosh", backend, docs, args.reps, per_test, None,
                                             drop_caches=backend.drop_caches))
            await backend.close()
            if "whoosh-m" in engines:
                # the same index ranked by Whoosh's own matchers (block-quality skipping)
                from search_index.backends.whoosh_backend import WhooshBackend

                backend = WhooshBackend(workdir / "whoosh", ranking="matcher")
                results.append(await run_backend("whoosh-m", backend, docs, args.reps, per_test, None,
                                                 drop_caches=backend.drop_caches,
                                                 build_s=results[-1].build_s))
                await backend.close()
        if "postgres" in engines and args.postgres and not args.no_postgres:
            import asyncpg

            name = f"marsad_bench_{uuid.uuid4().hex[:10]}"
            admin = await asyncpg.connect(args.postgres)
            await admin.execute(f'CREATE DATABASE "{name}"')
            try:
                backend = make_backend("postgres", postgres_dsn=_with_db(args.postgres, name))
                await backend.setup()
                results.append(await run_backend("postgres", backend, docs, args.reps, per_test, 2000))
                await backend.close()
            finally:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                await admin.close()
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    order = {"whoosh": 0, "whoosh-m": 1, "postgres": 2, "fts5-raw": 3, "fts5-tok": 4}
    results.sort(key=lambda r: order.get(r.name, 9))
    text = report(results, args.items, args.reps)
    print()
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps(
            {r.name: {"build_s": r.build_s, "latencies": r.latencies, "totals": r.totals, "recall": r.recall}
             for r in results}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    asyncio.run(main())
