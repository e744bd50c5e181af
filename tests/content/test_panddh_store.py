"""The PANDDH importer's database side: sheets in, measures, items, mentions and records out."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path

import pytest

from content import models as m
from content.importers.panddh import parse_file
from content.importers.panddh.store import SheetImportError, import_sheet, import_sheets
from content.samples.panddh import read_sample

REPO_ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = REPO_ROOT.parent / "shared" / "samples" / "panddh" / "measure-04.txt"
CONTENT_MODELS = [*m.CONTENT_TYPES.values()]
ROW_MODELS = [*CONTENT_MODELS, m.MeasureSection, m.Mention, m.EventPartner,
              m.InformationRequestMechanism, m.ChangeRecord, m.SourceKey, m.OutboxEntry]


@pytest.fixture
def published() -> Path:
    if not PUBLISHED.is_file():
        pytest.skip(f"the published sheet is not at {PUBLISHED} (shared/ is laid out on project machines and CI)")
    return PUBLISHED


@pytest.fixture
async def sdb(db):
    """The `db` fixture, with the ingestion tables emptied too."""
    for model in (m.ChangeRecord, m.SourceKey, m.Attachment):
        await model.all().delete()
    yield db
    for model in (m.ChangeRecord, m.SourceKey, m.Attachment):
        await model.all().delete()


def sample_file(tmp_path: Path, name: str, text: str | None = None, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes((text if text is not None else read_sample(name)).replace("\n", newline).encode())
    return path


async def row_counts() -> dict[str, int]:
    return {model.__name__: await model.all().count() for model in ROW_MODELS}


async def mentions_of(item: m.AchievementItem) -> dict[tuple[str, str], m.Mention]:
    """{(target type, target name): mention} for one item."""
    out = {}
    for mention in await m.Mention.filter(item=item):
        model = m.CONTENT_TYPES[mention.target_type]
        target = await model.get(id=mention.target_id)
        name = getattr(target, "key", None) or (
            f"{(await target.mechanism).key}:{target.number}" if isinstance(target, m.Session) else target.title
        )
        out[(mention.target_type, name)] = mention
    return out


# --------------------------------------------------------------------------
# The published sheet, field by field

SECTIONS = [
    (1, "إعداد وتقديم التقارير الوطنية", 8),
    (2, "مواصلة معالجة الشكايات والبلاغات الفردية المعروضة على هيئات المعاهدات وآليات الإجراءات "
        "الخاصة، والمتعلقة بادعاءات التعرض لانتهاكات حقوق الإنسان", 2),
    (3, "إنشاء نظام معلومياتي لتتبع تنفيذ التوصيات الأممية في مجال حقوق الإنسان", 4),
    (4, "المشاركة في دورات مجلس حقوق الإنسان", 4),
    (5, "التفاعل بخصوص التدابير المتخذة لمواجهة جائحة كوفيد 19", 3),
    (6, "المساهمة في إعداد دراسات وتقارير دولية والتفاعل معها", 3),
    (7, "التفاعل مع تقارير وطلبات منظمات غير حكومية", 3),
]
PRESENTATION = (
    "تقديم عرض لوزير الدولة المكلف بحقوق الإنسان والعلاقات مع البرلمان بخصوص التفاعل مع منظمة العفو "
    "الدولية يوم الأربعاء 15 يوليوز 2020 أمام لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب."
)
NGOS_SENTENCE = (
    "متابعة التقارير السنوية والادعاءات وطلبات المعلومات الصادرة عن منظمات غير حكومية دولية والتفاعل "
    "معها، لا سيما منظمة العفو الدولية و\"هيومن رايتس ووتش\" و\"فريدم هاوس\" و\"فرانت لاين ديفندرز\""
)


async def test_published_sheet_measure_fields(sdb, published):
    result = await import_sheet(published)
    assert (result.status, result.measure_number, result.error) == ("created", 4, None)
    measure = await m.ProgramMeasure.get(number=4)
    assert result.measure_id == measure.id
    assert measure.title == "دعم وتطوير التعاون البناء والتفاعل الإيجابي مع الأليات الدولية لحقوق الانسان"
    assert measure.axis == "المحور الأول : دعم الخيار الديموقراطي ودولة الحق والقانون وترسيخ الجهوية المتقدمة"
    assert measure.sub_measure_name is None
    assert measure.description_items == [
        "المشاركة الوطنية في أشغال دورات مجلس حقوق الإنسان وهيئاته الفرعية",
        "التفاعل مع آلية الاستعراض الدوري الشامل من خلال إعداد التقارير الوطنية وتنسيق العمل المتعلق بفحصها",
        "التفاعل مع آلية الإجراءات الخاصة لمجلس حقوق الإنسان",
        "التفاعل مع هيئات المعاهدات",
        "التفاعل مع المفوضية السامية لحقوق الإنسان",
        "التعاون مع الوكالات المتخصصة للأمم المتحدة (برنامج الأمم المتحدة الإنمائي ومنظمة العمل الدولية، "
        "منظمة الصحة العالمية، منظمة الأمم المتحدة للتربية والعلم والثقافة منظمة اليونيسف ...)",
    ]
    assert measure.objectives == [
        "الوفاء بالالتزامات الدولية للمغرب في مجال حقوق الإنسان.",
        "تقوية التفاعل الوطني مع آليات الأمم المتحدة لحقوق الإنسان.",
        "التعريف بالمكتسبات والمنجزات الوطنية في مجال حقوق الإنسان.",
        "المساهمة في تعزيز الجهود الوطنية للدفاع عن القضية الوطنية، من خلال العمل الدبلوماسي الموازي في مجال حقوق الإنسان.",
    ]
    assert (await measure.ministry).key == "ministry_hr_parliament"  # matched through an alias
    assert measure.status == "إجراء ذو طبيعة مستمرة"
    assert measure.status_as_of == dt.date(2021, 4, 1)
    assert measure.workflow_state == m.WorkflowState.PUBLISHED
    assert (measure.slug, measure.language, measure.created_by) == ("measure-4", m.Language.AR, "importer")

    sections = await m.MeasureSection.filter(measure=measure).order_by("position")
    assert [(s.number, s.title) for s in sections] == [(n, t) for n, t, _ in SECTIONS]
    items = await m.AchievementItem.filter(measure=measure).order_by("position")
    assert [i.position for i in items] == list(range(1, 28))
    per_section = Counter(i.section_id for i in items)
    assert [per_section[s.id] for s in sections] == [n for _, _, n in SECTIONS]
    assert all(i.workflow_state == m.WorkflowState.PUBLISHED for i in items)
    assert items[0].body == (
        "تقديم الصيغة المحينة من الوثيقة الأساس التي تشكل جزءا من تقارير الدول الأطراف في الاتفاقيات "
        "الدولية لحقوق الإنسان في أكتوبر 2020، حيث تعود آخر عملية تحيين إلى سنة 2012"
    )
    assert items[0].title == "تقديم الصيغة المحينة من الوثيقة الأساس التي تشكل جزءا من تقارير الدول الأطراف في…"
    assert items[0].kind == m.AchievementItemKind.BULLET
    assert items[7].kind == m.AchievementItemKind.PARAGRAPH
    assert items[7].body.startswith("في إطار مواكبة المسار الإصلاحي الذي انخرطت فيه هيئات المعاهدات")
    assert items[7].body.endswith("واللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية (2021).")
    assert items[12].body == "تنظيم لقاءات واجتماعات عمل مع شبكة بنيات نقط الارتكاز"  # "-تنظيم": no space
    assert items[13].title == items[13].body == "الاستعداد للانطلاق الرسمي لنظام SIDH."
    assert items[26].body == PRESENTATION
    # every item, as the parser read it, in order, in its section
    parsed = parse_file(published)
    expected = [(section.number, item.kind, item.text) for section in parsed.sections for item in section.items]
    numbers = {s.id: s.number for s in sections}
    assert [(numbers[i.section_id], i.kind.value, i.body) for i in items] == expected

    change = await m.ChangeRecord.get(measure=measure)
    assert (change.action, change.measure_number, change.actor, change.source) == (
        "created", 4, "importer", str(published),
    )
    assert change.checksum == hashlib.sha256(published.read_bytes()).hexdigest()
    assert result.change_record_id == change.id
    assert change.summary["items"]["created"] == list(range(1, 28))


async def test_published_sheet_links(sdb, published):
    await import_sheet(published)
    items = await m.AchievementItem.filter(measure__number=4).order_by("position")
    links = [await mentions_of(i) for i in items]

    # every mention keeps the sentence of its item it came from, and the words that named it
    for item in items:
        for mention in await m.Mention.filter(item=item):
            assert mention.sentence and mention.sentence in item.body, (item.position, mention.target_type)
            assert mention.alias
    assert await m.Mention.filter(item__measure__number=4).count() == 59

    # HRC sessions 43 to 46, each with its sentence and the words that named it
    s43 = links[14][("Session", "hrc:43")]
    assert s43.alias == "الدورة 43"
    assert s43.sentence.startswith("تأمين مشاركة وطنية متعددة في أشغال الدورة 43 لمجلس حقوق الإنسان")
    assert links[15][("Session", "hrc:44")].alias == links[15][("Session", "hrc:45")].alias == "الدورتين 44 و45"
    assert links[15][("Session", "hrc:44")].sentence == "تنسيق متابعة الدورتين 44 و45 عن بُعد"
    assert ("Session", "hrc:46") in links[16] and ("Session", "hrc:46") in links[17]
    assert ("Mechanism", "hrc") in links[14]

    # treaty bodies, OHCHR and the special procedures
    expected = {
        "cat": (3, "اتفاقية مناهضة التعذيب",
                "استكمال مسار إعداد التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب"),
        "ced": (4, "اتفاقية حماية جميع الأشخاص من الاختفاء القسري",
                "استكمال مسار إعداد التقرير الأولي حول إعمال اتفاقية حماية جميع الأشخاص من الاختفاء القسري"),
        "spt": (5, "اللجنة الفرعية لمنع التعذيب", None),
        "cedaw": (2, "اللجنة المعنية بالقضاء على التمييز ضد المرأة", None),
        "cmw": (6, "الاتفاقية الدولية لحماية حقوق جميع العمال المهاجرين وأفراد أسرهم", None),
        "crpd": (7, "اللجنة المعنية بالأشخاص في وضعية إعاقة", None),
        "cerd": (7, "لجنة القضاء على جميع أشكال التمييز العنصري", None),
        "cescr": (7, "اللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية", None),
        "ohchr": (21, "المفوضية السامية لحقوق الإنسان", None),
        "special_procedures": (19, "إجراء خاص", None),
    }
    for key, (index, alias, sentence) in expected.items():
        mention = links[index][("Mechanism", key)]
        assert mention.alias == alias, key
        assert mention.sentence == (sentence or mention.sentence) and alias.split()[-1] in mention.sentence
    assert links[14][("Mechanism", "ohchr")].alias == "المفوضة السامية لحقوق الإنسان"
    assert links[21][("Mechanism", "special_procedures")].alias == "الخبراء المستقلين"  # first of three

    # the four NGOs, each with the sentence
    for key in ("amnesty", "hrw", "freedom_house", "front_line_defenders"):
        assert links[24][("Institution", key)].sentence == NGOS_SENTENCE
    ngo = await m.NgoInteraction.filter(organisation__key="hrw").get()
    assert ngo.kind == m.NgoInteractionKind.REPORT and ngo.summary == NGOS_SENTENCE
    assert ngo.title == "هيومن رايتس ووتش: تقارير، ادعاءات، طلبات معلومات"
    assert await m.NgoInteraction.all().count() == 4

    # the presentation before the justice committee of the House of Representatives
    presentation = await m.ParliamentaryPresentation.get()
    assert presentation.date == dt.date(2020, 7, 15)
    assert (await presentation.chamber).key == "house_of_representatives"
    assert (await presentation.chamber).name_ar == "مجلس النواب"
    assert (await presentation.committee).key == "hor_justice_committee"
    assert presentation.presenter_role == "وزير الدولة المكلف بحقوق الإنسان والعلاقات مع البرلمان"
    assert presentation.title == (
        "عرض أمام لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب بخصوص التفاعل مع منظمة العفو الدولية"
    )
    last = links[26]
    assert last[("ParliamentaryPresentation", presentation.title)].sentence == PRESENTATION
    assert last[("Institution", "hor_justice_committee")].alias == "لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب"
    assert last[("Institution", "house_of_representatives")].alias == "مجلس النواب"
    assert last[("Institution", "ministry_hr_parliament")].sentence == PRESENTATION

    # documents
    docs = {(d.kind.value, (await d.mechanism).key if d.mechanism_id else None, d.cycle): d
            for d in await m.Document.all()}
    assert set(docs) == {
        ("common_core_document", "treaty_bodies", None), ("national_report", "wphre", 3),
        ("reply_to_list_of_issues", "cedaw", None), ("national_report", "cat", 5),
        ("national_report", "ced", 1), ("follow_up_report", "spt", None), ("national_report", "cmw", 2),
    }
    core = docs[("common_core_document", "treaty_bodies", None)]
    assert (core.status, core.submitted_date) == (m.DocumentStatus.SUBMITTED, dt.date(2020, 10, 1))
    assert docs[("national_report", "cat", 5)].status == m.DocumentStatus.DRAFTING
    assert docs[("national_report", "cat", 5)].title == "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب"
    cat5 = links[3][("Document", "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب")]
    assert cat5.sentence == expected["cat"][2]

    # events, with their partners and sessions
    events = await m.Event.all().order_by("created", "title")
    by_kind = {(e.kind.value, e.session_id and (await e.session).number): e for e in events}
    side43 = by_kind[("side_event", 43)]
    assert side43.title == "تفعيل اتفاقية مناهضة التعذيب: مؤسسات الدولة والإجراءات والممارسات الفضلى"
    assert [(await p.institution).key for p in await m.EventPartner.filter(event=side43)] == ["cti"]
    assert (await side43.mechanism).key == "hrc"
    assert by_kind[("side_event", 46)].title == (
        "تحقيق الالتقائية بين حقوق الإنسان وأهداف التنمية المستدامة: تقاسم التجارب والممارسات الفضلى"
    )
    seminar = by_kind[("seminar", None)]
    assert seminar.title == "حقوق الإنسان والتحدي الرقمي"
    assert [(await p.institution).key for p in await m.EventPartner.filter(event=seminar)] == ["icesco"]

    # information requests, with their mechanisms and counts
    requests = {}
    for r in await m.InformationRequest.all():
        keys = sorted([(await link.mechanism).key for link in await m.InformationRequestMechanism.filter(information_request=r)])
        requests[tuple(keys)] = r
    assert {k: (r.item_count, r.kind.value) for k, r in requests.items()} == {
        ("spt",): (1, "request_for_information"),
        ("special_procedures",): (1, "questionnaire"),
        ("ohchr", "special_procedures", "treaty_bodies"): (48, "questionnaire"),
    }
    assert requests[("special_procedures",)].title == "استبيان: حماية حقوق الإنسان إبان وبعد جائحة فيروس كورونا"
    many = await m.Mention.get(target_type="InformationRequest",
                               target_id=requests[("ohchr", "special_procedures", "treaty_bodies")].id)
    assert (many.item_id, many.alias) == (items[21].id, "48 استبيانا وطلبا للمعلومات")
    assert many.sentence == items[21].body == (
        "التفاعل مع ما يناهز 48 استبيانا وطلبا للمعلومات والمساهمات صادرا عن هيئات أممية كالمفوضية السامية "
        "لحقوق الإنسان وهيئات المعاهدات والخبراء المستقلين والمقررين الخاصين وفرق العمل الموضوعاتية"
    )


async def test_published_sheet_outbox_is_complete(sdb, published):
    await import_sheet(published)
    queued = Counter((e.item_type, e.item_id) for e in await m.OutboxEntry.all())
    rows = {(model.__name__, row.id) for model in CONTENT_MODELS
            for row in await model.filter(created_by="importer")}
    assert rows and set(queued) == rows
    assert all(e.operation == "upsert" for e in await m.OutboxEntry.all())
    assert len(rows) == 1 + 27 + 7 + 3 + 3 + 4 + 1  # measure, items, documents, events, requests, NGOs, presentation


async def test_reimport_changes_nothing(sdb, published, tmp_path):
    first = await import_sheet(published)
    before = await row_counts()
    modified = {i.id: i.modified for i in await m.AchievementItem.all()}
    again = await import_sheet(published)
    assert again.status == "unchanged"
    assert (dict(again.created), dict(again.updated), dict(again.deleted), again.links) == ({}, {}, {}, 0)
    assert again.change_record_id is None and again.measure_id == first.measure_id
    assert await row_counts() == before  # no new rows at all, outbox included
    assert {i.id: i.modified for i in await m.AchievementItem.all()} == modified
    # the same sheet as text, and with CRLF line ends, is the same sheet
    text = published.read_text(encoding="utf-8")
    assert (await import_sheet(text)).status == "unchanged"
    assert (await import_sheet(sample_file(tmp_path, "crlf.txt", text, "\r\n"))).status == "unchanged"
    assert await row_counts() == before


async def test_changed_sheet_updates_in_place(sdb, published):
    text = published.read_text(encoding="utf-8")
    await import_sheet(text, source="measure-04.txt")
    measure = await m.ProgramMeasure.get(number=4)
    items = {i.body: i for i in await m.AchievementItem.filter(measure=measure)}
    presentation = await m.ParliamentaryPresentation.get()
    await m.OutboxEntry.all().delete()

    removed = "- إطلاق مسار تشكيل شبكة بنيات نقط الارتكاز بالقطاعات والمؤسسات؛\n"
    edited_old = "- تنسيق متابعة الدورتين 44 و45 عن بُعد؛"
    edited_new = "- تنسيق متابعة الدورتين 44 و45 عن بُعد بتنسيق مع البعثة الدائمة بجنيف؛"
    changed = (
        text.replace("الوضعية في شهر أبريل 2021", "الوضعية في شهر ماي 2021")
        .replace("إجراء ذو طبيعة مستمرة", "إجراء ذو طبيعة مستمرة، في طور التحيين")
        .replace(removed, "")
        .replace(edited_old, edited_new)
        .replace("- " + PRESENTATION + "\n", "")
        .replace("- الاستعداد للانطلاق الرسمي لنظام SIDH.",
                 "- الاستعداد للانطلاق الرسمي لنظام SIDH.\n- تكوين نقط الارتكاز على استعمال النظام.")
    )
    assert changed.count("\n") == text.count("\n") - 2 + 1
    result = await import_sheet(changed, source="measure-04.txt")
    assert result.status == "updated" and result.measure_id == measure.id
    assert result.deleted["AchievementItem"] == 2  # the removed bullet and the presentation bullet
    assert result.created["AchievementItem"] == 1
    assert result.deleted["ParliamentaryPresentation"] == 1  # nothing mentions it any more

    measure = await m.ProgramMeasure.get(number=4)
    assert measure.status_as_of == dt.date(2021, 5, 1)
    assert measure.status == "إجراء ذو طبيعة مستمرة، في طور التحيين"
    now = {i.body: i for i in await m.AchievementItem.filter(measure=measure)}
    assert len(now) == 26
    first = "تقديم التقرير الوطني لتقييم المرحلة الثالثة من البرنامج ﺍﻟﻌﺎﳌﻲ للتثقيف في مجال حقوق الإنسان في أكتوبر 2020"
    assert now[first].id == items[first].id  # matched by text: same row
    edited = now[edited_new[2:-1]]
    assert edited.id == items[edited_old[2:-1]].id  # same position, new text: same row, updated
    assert "تكوين نقط الارتكاز على استعمال النظام." in now
    assert await m.ParliamentaryPresentation.filter(id=presentation.id).count() == 0
    assert await m.Mention.filter(target_type="ParliamentaryPresentation").count() == 0

    outbox = {(e.item_type, e.item_id, e.operation) for e in await m.OutboxEntry.all()}
    removed_item = items[removed[2:-2]]
    assert ("AchievementItem", removed_item.id, "delete") in outbox
    assert ("ParliamentaryPresentation", presentation.id, "delete") in outbox
    assert ("AchievementItem", edited.id, "upsert") in outbox
    assert ("ProgramMeasure", measure.id, "upsert") in outbox
    assert ("AchievementItem", now[first].id, "upsert") not in outbox  # untouched

    change = await m.ChangeRecord.filter(measure=measure, action="updated").get()
    assert change.source == "measure-04.txt"
    assert change.summary["measure"]["status_as_of"] == ["2021-04-01", "2021-05-01"]
    assert change.summary["items"]["created"] == [14]  # after the SIDH bullet, one removed before it
    assert {d["position"] for d in change.summary["items"]["deleted"]} == {12, 27}
    assert {"type": "ParliamentaryPresentation", "key": [
        "parliamentary_presentation", "house_of_representatives", "hor_justice_committee", "2020-07-15", "amnesty",
    ]} in change.summary["records"]["deleted"]
    # and importing the changed sheet again is a no-op
    assert (await import_sheet(changed, source="measure-04.txt")).status == "unchanged"


# --------------------------------------------------------------------------
# The project's example sheets and variants


async def test_example_sheets(sdb, tmp_path):
    paths = [sample_file(tmp_path, name) for name in
             ("measure-07-upr-follow-up.txt", "measure-11-treaty-reporting.txt", "measure-15-training.txt")]
    batch = await import_sheets(paths)
    assert [r.status for r in batch.results] == ["created"] * 3
    assert batch.summary["created"] == 3 and batch.summary["failed"] == 0
    assert batch.summary["links"] == sum(r.links for r in batch.results) > 0

    upr = await m.ProgramMeasure.get(number=7)
    assert upr.sub_measure_name == "إعداد التقرير الوطني المرحلي ومواكبة الجولة الرابعة"
    assert (upr.status, upr.status_as_of) == ("في طور الإنجاز", dt.date(2022, 9, 1))
    assert (await upr.ministry).key == "didh"
    # sessions the reference data lacks are created, for the right mechanism
    s49 = await m.Session.get(mechanism__key="hrc", number=49)
    assert (s49.title, s49.created_by) == ("الدورة 49 لـمجلس حقوق الإنسان", "importer")
    report = await m.Document.get(mechanism__key="upr", kind=m.DocumentKind.NATIONAL_REPORT, cycle=4)
    assert (report.status, report.submitted_date) == (m.DocumentStatus.SUBMITTED, dt.date(2022, 8, 1))
    pres = await m.ParliamentaryPresentation.get(chamber__key="house_of_councillors")
    assert (pres.date, pres.presenter_role) == (dt.date(2022, 6, 14), "المندوب الوزاري المكلف بحقوق الإنسان")
    assert (await pres.committee).key == "hoc_justice_committee"

    treaty = await m.ProgramMeasure.get(number=11)  # Eastern Arabic digits
    assert treaty.status_as_of == dt.date(2019, 12, 1)
    assert [s.number for s in await m.MeasureSection.filter(measure=treaty).order_by("position")] == [1, 2, 3]
    crc82 = await m.Session.get(mechanism__key="crc", number=82)
    item = await m.AchievementItem.get(measure=treaty, position=6)
    mention = await m.Mention.get(item=item, target_type="Session")
    assert (mention.target_id, mention.alias) == (crc82.id, "الدورة ٨٢")
    request = await m.InformationRequest.get(title="استبيانات وطلبات معلومات (25)")
    assert request.item_count == 25

    training = await m.ProgramMeasure.get(number=15)
    ministry = await training.ministry
    assert (ministry.title, ministry.kind, ministry.key) == ("وزارة العدل", m.InstitutionKind.MINISTRY, None)
    sections = await m.MeasureSection.filter(measure=training).order_by("position")
    assert [(s.number, s.title) for s in sections][0] == (None, "")
    [first] = await m.AchievementItem.filter(section=sections[0])
    assert (first.kind, first.body) == (
        m.AchievementItemKind.PARAGRAPH, "تميزت الفترة بإدماج وحدة حقوق الإنسان في برامج التكوين الأساسي.",
    )
    workshop = await m.Event.get(title="حقوق الإنسان في أماكن الحرمان من الحرية")
    assert workshop.kind == m.EventKind.SEMINAR and (await workshop.mechanism).key == "ohchr"

    # again, as CRLF files: nothing changes; the new ministry is found again, not made twice
    again = await import_sheets([sample_file(tmp_path, p.name, newline="\r\n") for p in paths])
    assert [r.status for r in again.results] == ["unchanged"] * 3
    assert await m.Institution.filter(title="وزارة العدل").count() == 1


async def test_variants_state_month_and_missing_sections(sdb):
    text = read_sample("measure-15-training.txt")
    result = await import_sheet(text, state="private")
    assert result.status == "created"
    measure = await m.ProgramMeasure.get(number=15)
    assert measure.workflow_state == m.WorkflowState.PRIVATE
    assert {i.workflow_state for i in await m.AchievementItem.filter(measure=measure)} == {m.WorkflowState.PRIVATE}

    # published later, another month and status, no achievements, no objectives: updated in place
    bare = (
        "رقم الإجراء\n15\nاسم الإجراء\nالتكوين المستمر في مجال حقوق الإنسان لفائدة المكلفين بإنفاذ القانون\n"
        "الوزارة المعنية\nوزارة العدل\nالوضعية في شهر دجنبر 2023\nمنجز\n"
    )
    result = await import_sheet(bare, state=m.WorkflowState.PUBLISHED)
    assert result.status == "updated" and result.measure_id == measure.id
    assert result.deleted["AchievementItem"] == 6 and result.deleted["MeasureSection"] == 4
    measure = await m.ProgramMeasure.get(number=15)
    assert (measure.status, measure.status_as_of, measure.objectives, measure.axis) == (
        "منجز", dt.date(2023, 12, 1), [], "",
    )
    assert measure.workflow_state == m.WorkflowState.PUBLISHED
    assert await m.AchievementItem.filter(measure=measure).count() == 0
    assert await m.Event.all().count() == 0  # the workshop only this sheet spoke of is gone

    with pytest.raises(ValueError, match="unknown workflow state"):
        await import_sheet(text, state="draft")


async def test_shared_record_moves_forward_only(sdb, published):
    await import_sheet(published)
    later = (
        "رقم الإجراء\n40\nاسم الإجراء\nتتبع تقديم التقارير\nالوضعية في شهر يونيو 2021\nمستمر\nالإنجازات\n"
        "1. التقارير\n- تقديم التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب في يونيو 2021؛\n"
    )
    await import_sheet(later)
    [report] = await m.Document.filter(mechanism__key="cat", cycle=5)  # one record for both sheets
    assert (report.status, report.submitted_date) == (m.DocumentStatus.SUBMITTED, dt.date(2021, 6, 1))
    assert await m.Mention.filter(target_type="Document", target_id=report.id).count() == 2
    # the owning sheet again: the status does not move back
    assert (await import_sheet(published)).status == "unchanged"
    assert (await m.Document.get(id=report.id)).status == m.DocumentStatus.SUBMITTED
    # the owning sheet drops the report: kept, since the other sheet still speaks of it
    await import_sheet(published.read_text(encoding="utf-8").replace(
        "- استكمال مسار إعداد التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب؛\n", ""))
    assert await m.Document.filter(id=report.id).exists()
    assert (await m.SourceKey.get(target_id=report.id)).measure_id is None
    # the other sheet adopts it on its next import: its wording becomes the record's
    adopted = await import_sheet(later)
    assert adopted.status == "updated" and dict(adopted.updated) == {"Document": 1, "SourceKey": 1}
    assert (await m.SourceKey.get(target_id=report.id)).measure_id == (await m.ProgramMeasure.get(number=40)).id
    report = await m.Document.get(id=report.id)
    assert report.summary == "تقديم التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب في يونيو 2021"
    assert (await import_sheet(later)).status == "unchanged"


# --------------------------------------------------------------------------
# Failures


async def test_malformed_sheets_fail_alone(sdb, tmp_path):
    good = sample_file(tmp_path, "measure-07-upr-follow-up.txt")
    no_number = tmp_path / "no-number.txt"
    no_number.write_text("مثال\nاسم الإجراء\nإجراء بلا رقم\n", encoding="utf-8")
    bad_number = tmp_path / "bad-number.txt"
    bad_number.write_text("\n\nرقم الإجراء\nأربعة\nاسم الإجراء\nس\n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes("رقم الإجراء\n4\n".encode() + b"\xff\xfe\x00")
    missing = tmp_path / "missing.txt"
    other = sample_file(tmp_path, "measure-15-training.txt")
    before = await row_counts()

    with pytest.raises(SheetImportError) as info:
        await import_sheet(bad_number)
    assert (info.value.source, info.value.line) == (str(bad_number), 4)
    assert str(info.value) == f"{bad_number}:4: measure number is not numeric: 'أربعة'"
    assert await row_counts() == before

    batch = await import_sheets([good, no_number, bad_number, binary, missing, other])
    assert [r.status for r in batch.results] == ["created", "failed", "failed", "failed", "failed", "created"]
    errors = [str(r.error) for r in batch.failures]
    assert errors[0] == f"{no_number}:1: not a measure sheet: no 'رقم الإجراء' (measure number) heading"
    assert errors[1].startswith(f"{bad_number}:4: ")
    assert errors[2] == f"{binary}:3: binary file: NUL byte at offset 26"
    assert errors[3].startswith(f"{missing}: cannot read the file")
    assert batch.summary | {"links": 0, "rows_created": {}} == {
        "files": 6, "created": 2, "updated": 0, "unchanged": 0, "failed": 4, "links": 0,
        "rows_created": {}, "rows_updated": {}, "rows_deleted": {},
    }
    assert sorted(p.number for p in await m.ProgramMeasure.all()) == [7, 15]


async def test_database_error_rolls_the_file_back(sdb, monkeypatch):
    from content.importers.panddh import store

    async def broken(self, measure, records):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store._Run, "drop_orphans", broken)
    before = await row_counts()
    with pytest.raises(SheetImportError, match=r"^<string>: not imported \(RuntimeError: disk on fire\)$"):
        await import_sheet(read_sample("measure-15-training.txt"))
    assert await row_counts() == before  # the measure, items, ministry and outbox rows rolled back


async def test_reimport_keeps_a_retraction_and_moves_versions(sdb):
    from content.services.editing import Actor, transition

    text = read_sample("measure-07-upr-follow-up.txt")
    await import_sheet(text)
    measure = await m.ProgramMeasure.get(number=7)
    await transition(m.ProgramMeasure, measure.id, "retract", Actor("مراجع", "reviewer"))
    retracted = await m.ProgramMeasure.get(number=7)
    assert retracted.workflow_state == m.WorkflowState.PRIVATE

    # the same sheet again: nothing changes, the retraction stands
    assert (await import_sheet(text)).status == "unchanged"
    # a changed sheet updates the text in place, but neither the measure nor its passages go public again
    changed = text.replace("الوضعية في شهر شتنبر 2022", "الوضعية في شهر أكتوبر 2022")
    assert changed != text
    assert (await import_sheet(changed)).status == "updated"
    updated = await m.ProgramMeasure.get(number=7)
    assert updated.workflow_state == m.WorkflowState.PRIVATE
    assert updated.status_as_of == dt.date(2022, 10, 1)
    assert updated.version == retracted.version + 1  # an editor holding the old version gets a conflict
    states = {i.workflow_state for i in await m.AchievementItem.filter(measure=updated)}
    assert states <= {m.WorkflowState.PRIVATE}

    # asking for a state explicitly applies it to what exists
    await import_sheet(changed, state="published")
    assert (await m.ProgramMeasure.get(number=7)).workflow_state == m.WorkflowState.PUBLISHED
