"""A synthetic archive for benchmarks and demos: realistic Arabic records, from a fixed seed.

:func:`generate` adds ``items`` content items to the open database: programme
measures with sections and achievement items (with mentions of the
mechanisms, sessions and institutions they name), UPR and treaty-body
recommendations with themes and responsible institutions, national reports
and replies, side events and seminars with partners, special-procedures
communications (confidential), questionnaires, NGO interactions and
parliamentary presentations, and HRC and treaty-body sessions.

The text is built from the UN human-rights vocabulary the status sheets use,
with the names of the reference data (mechanisms, institutions, themes), so
search, entity filters and facets behave as on real data.  The same seed
gives the same records (ids included) on the same reference data.  Rows are
written with :func:`content.backup.insert_rows` in one transaction, each
content row with its search-outbox entry.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from tortoise.models import Model
from tortoise.transactions import in_transaction

from content import models as m
from content.backup import backup_models, insert_rows

__all__ = ["GenerateResult", "generate"]

ORDINALS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
          "نونبر", "دجنبر"]
AXES = [
    "المحور الأول : دعم الخيار الديموقراطي ودولة الحق والقانون وترسيخ الجهوية المتقدمة",
    "المحور الثاني : الحكامة الجيدة وتخليق الحياة العامة",
    "المحور الثالث : الحقوق الاقتصادية والاجتماعية والثقافية والبيئية",
    "المحور الرابع : حماية الحقوق الفئوية والنهوض بها",
    "المحور الخامس : الإطار القانوني والمؤسساتي",
]
MEASURE_NAMES = [
    "دعم وتطوير التعاون البناء والتفاعل الإيجابي مع الآليات الدولية لحقوق الإنسان",
    "انتظام تقديم التقارير الدورية أمام هيئات المعاهدات",
    "تتبع تنفيذ التوصيات الصادرة عن آليات الأمم المتحدة لحقوق الإنسان",
    "التكوين المستمر في مجال حقوق الإنسان لفائدة المكلفين بإنفاذ القانون",
    "تعزيز الحوار مع جمعيات المجتمع المدني في مجال حقوق الإنسان",
    "ملاءمة التشريع الوطني مع الاتفاقيات الدولية المصادق عليها",
    "النهوض بثقافة حقوق الإنسان في المنظومة التربوية",
    "تعزيز آليات التظلم وحماية الحقوق",
]
SECTION_TITLES = [
    "إعداد وتقديم التقارير الوطنية", "المشاركة في دورات مجلس حقوق الإنسان",
    "التفاعل مع آليات الإجراءات الخاصة", "تتبع تنفيذ التوصيات", "التفاعل مع طلبات المعلومات",
    "التكوين والتحسيس", "التواصل مع البرلمان", "التفاعل مع تقارير المنظمات غير الحكومية",
    "الشراكة مع المؤسسات الوطنية", "إعداد الدراسات والأدلة المرجعية",
]
STATUSES = ["إجراء ذو طبيعة مستمرة", "في طور الإنجاز", "منجز", "منجز جزئيا", "لم يشرع فيه بعد"]
STATES = ["الأرجنتين", "البرازيل", "فرنسا", "ألمانيا", "إسبانيا", "السنغال", "تونس", "مصر", "الأردن",
          "اليابان", "كندا", "المكسيك", "الشيلي", "النرويج", "السويد", "جنوب أفريقيا", "كوت ديفوار",
          "إندونيسيا", "الهند", "قطر", "إيطاليا", "البرتغال", "بلجيكا", "سويسرا", "أستراليا"]
REC_OPENINGS = [
    "النظر في التصديق على", "مواصلة الجهود الرامية إلى تعزيز", "اتخاذ تدابير فعالة لضمان",
    "تعزيز الإطار التشريعي المتعلق بـ", "مواءمة التشريع الوطني مع المعايير الدولية في مجال",
    "تكثيف حملات التوعية بشأن", "تخصيص موارد كافية لضمان", "وضع خطة عمل وطنية بشأن",
]
ALLEGATIONS = ["الاحتجاز التعسفي", "حرية التعبير", "المدافعون عن حقوق الإنسان", "ظروف الاحتجاز",
               "حرية التجمع السلمي", "الحق في المحاكمة العادلة", "حقوق المهاجرين"]
ACHIEVEMENTS: list[Callable[[Any], tuple[str, list[tuple[str, Any]]]]] = []


def _achievement(fn: Callable[[Any], tuple[str, list[tuple[str, Any]]]]) -> Callable[[Any], tuple[str, list[tuple[str, Any]]]]:
    ACHIEVEMENTS.append(fn)
    return fn


@_achievement
def _report(g: _Gen) -> tuple[str, list[tuple[str, Any]]]:
    body = g.rng.choice(g.treaty_bodies)
    ordinal = g.rng.choice(ORDINALS)
    verb = g.rng.choice(["إعداد", "استكمال مسار إعداد", "تقديم", "إطلاق مسار إعداد"])
    return (f"{verb} التقرير الدوري {ordinal} أمام {body.name_ar} خلال {g.month_year()}؛",
            [("Mechanism", body)])


@_achievement
def _session(g: _Gen) -> tuple[str, list[tuple[str, Any]]]:
    session = g.rng.choice(g.hrc_sessions) if g.hrc_sessions else None
    number = session.number if session else g.rng.randint(30, 60)
    text = (f"تأمين مشاركة وطنية في أشغال الدورة {number} لمجلس حقوق الإنسان وإلقاء كلمة المملكة "
            f"خلال الحوار التفاعلي حول {g.theme()}")
    links: list[tuple[str, Any]] = [("Mechanism", g.hrc)]
    if session:
        links.append(("Session", session))
    return text, links


@_achievement
def _questionnaire(g: _Gen) -> tuple[str, list[tuple[str, Any]]]:
    sp = g.rng.choice(g.special_procedures)
    return (f"إعداد الجواب على استبيان صادر عن {sp.name_ar} حول {g.theme()}، في أفق إعداد تقرير "
            f"موضوعاتي يقدم إلى مجلس حقوق الإنسان", [("Mechanism", sp), ("Mechanism", g.hrc)])


@_achievement
def _seminar(g: _Gen) -> tuple[str, list[tuple[str, Any]]]:
    partner = g.rng.choice(g.partners)
    return (f"تنظيم ندوة وطنية حول {g.theme()} بشراكة مع {partner.name_ar} يوم "
            f"{g.rng.randint(1, 28)} {g.month_year()}", [("Institution", partner)])


@_achievement
def _recommendations(g: _Gen) -> tuple[str, list[tuple[str, Any]]]:
    return (f"تتبع تنفيذ {g.rng.randint(5, 90)} توصية صادرة عن آلية الاستعراض الدوري الشامل "
            f"تتعلق بـ{g.theme()}، بتنسيق مع القطاعات الحكومية المعنية", [("Mechanism", g.upr)])


@_achievement
def _training(g: _Gen) -> tuple[str, list[tuple[str, Any]]]:
    return (f"تكوين {g.rng.randint(20, 300)} من الأطر والمكلفين بإنفاذ القانون في مجال {g.theme()} "
            f"على مدى {g.rng.choice(['يومين', 'ثلاثة أيام', 'أسبوع', 'شهرين'])}", [])


@_achievement
def _parliament(g: _Gen) -> tuple[str, list[tuple[str, Any]]]:
    committee = g.rng.choice(g.committees)
    return (f"تقديم عرض حول حصيلة التفاعل مع {g.rng.choice(g.treaty_bodies).name_ar} أمام "
            f"{committee.name_ar} يوم {g.rng.randint(1, 28)} {g.month_year()}", [("Institution", committee)])


@_achievement
def _ngo(g: _Gen) -> tuple[str, list[tuple[str, Any]]]:
    ngo = g.rng.choice(g.ngos)
    return (f"إعداد ردود السلطات بشأن التقرير السنوي لـ{ngo.name_ar} والادعاءات الواردة فيه حول "
            f"{g.theme()}", [("Institution", ngo)])


@dataclass
class GenerateResult:
    counts: dict[str, int] = field(default_factory=dict)  # content rows by type
    rows: dict[str, int] = field(default_factory=dict)  # every row by table

    @property
    def items(self) -> int:
        return sum(self.counts.values())


class _Gen:
    def __init__(self, seed: int, refs: dict[str, Any], first_number: int) -> None:
        self.rng = random.Random(seed)
        self.base = datetime(2019, 1, 1, tzinfo=timezone.utc)
        mechanisms: list[m.Mechanism] = refs["mechanisms"]
        by_key = {x.key: x for x in mechanisms}
        self.hrc = by_key["hrc"]
        self.upr = by_key["upr"]
        self.treaty_bodies = [x for x in mechanisms if x.kind == m.MechanismKind.TREATY_BODY and x.key != "treaty_bodies"]
        self.special_procedures = [
            x for x in mechanisms if x.kind == m.MechanismKind.SPECIAL_PROCEDURE and x.key != "special_procedures"
        ] or [by_key["special_procedures"]]
        institutions: list[m.Institution] = refs["institutions"]
        self.ministries = [x for x in institutions if x.kind == m.InstitutionKind.MINISTRY]
        self.ngos = [x for x in institutions if x.kind == m.InstitutionKind.NGO]
        self.chambers = [x for x in institutions if x.kind == m.InstitutionKind.PARLIAMENT_CHAMBER]
        self.committees = [x for x in institutions if x.kind == m.InstitutionKind.PARLIAMENT_COMMITTEE]
        self.partners = [x for x in institutions if x.kind in (
            m.InstitutionKind.NHRI, m.InstitutionKind.ACADEMIC, m.InstitutionKind.INTERNATIONAL_ORGANISATION,
            m.InstitutionKind.OTHER, m.InstitutionKind.NGO)]
        self.institutions = institutions
        self.themes: list[m.Theme] = refs["themes"]
        self.sessions: list[Any] = list(refs["sessions"])
        self.hrc_sessions = [s for s in self.sessions if s.mechanism_id == self.hrc.id]
        self.taken_sessions = {(s.mechanism_id, s.number) for s in self.sessions}
        self.number = first_number
        self.tick = 0
        self.rows: dict[type[Model], list[dict[str, Any]]] = {}

    # -- helpers

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def when(self) -> str:
        self.tick += 1
        return (self.base + timedelta(seconds=self.tick * 37)).isoformat()

    def day(self, start: int = 2015, end: int = 2024) -> date:
        return date(self.rng.randint(start, end), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def month_year(self) -> str:
        return f"{self.rng.choice(MONTHS)} {self.rng.randint(2016, 2024)}"

    def theme(self) -> str:
        return self.rng.choice(self.themes).name_ar

    def state(self) -> str:
        r = self.rng.random()
        return "published" if r < 0.8 else "private" if r < 0.9 else "pending" if r < 0.96 else "archived"

    def content(self, model: type[m.ContentItem], title: str, **values: Any) -> dict[str, Any]:
        stamp = self.when()
        row = {
            "id": self.uid(), "slug": f"gen-{model.__name__.lower()}-{self.tick}", "language": "ar",
            "title": title[:1000], "summary": "", "body": "", "workflow_state": self.state(),
            "confidential": False, "version": 1, "created": stamp, "modified": stamp,
            "created_by": "generator", "modified_by": "generator",
        }
        row.update(values)
        self.rows.setdefault(model, []).append(row)
        return row

    def link(self, model: type[Model], **values: Any) -> None:
        self.rows.setdefault(model, []).append(values)

    # -- record kinds

    def measure(self, n_items: int) -> int:
        number = self.number
        self.number += 1
        name = self.rng.choice(MEASURE_NAMES)
        ministry = self.rng.choice(self.ministries) if self.ministries else None
        measure = self.content(
            m.ProgramMeasure, name, number=number, slug=f"gen-measure-{number}",
            axis=self.rng.choice(AXES), sub_measure_name=None,
            description_items=[f"التفاعل مع {self.rng.choice(self.treaty_bodies).name_ar}",
                               f"النهوض بـ{self.theme()}"],
            objectives=["الوفاء بالالتزامات الدولية للمغرب في مجال حقوق الإنسان.",
                        f"تعزيز الحماية في مجال {self.theme()}."],
            ministry_id=str(ministry.id) if ministry else None,
            status=self.rng.choice(STATUSES), status_as_of=self.day(2019, 2023).replace(day=1).isoformat(),
        )
        sections = max(1, min(6, n_items // 4 or 1))
        made = 0
        for s in range(sections):
            section_id = self.uid()
            self.link(m.MeasureSection, id=section_id, measure_id=measure["id"], position=s + 1,
                      number=s + 1, title=self.rng.choice(SECTION_TITLES))
            share = n_items // sections + (1 if s < n_items % sections else 0)
            for _ in range(share):
                made += 1
                text, links = self.rng.choice(ACHIEVEMENTS)(self)
                item = self.content(
                    m.AchievementItem, text if len(text) <= 90 else text[:text.rfind(" ", 0, 90)] + "…",
                    body=text, section_id=section_id, measure_id=measure["id"], position=made,
                    kind="bullet" if self.rng.random() < 0.85 else "paragraph",
                    workflow_state=measure["workflow_state"],
                )
                seen = set()
                for target_type, target in links:
                    if target.id in seen:
                        continue
                    seen.add(target.id)
                    self.link(m.Mention, item_id=item["id"], target_type=target_type, target_id=str(target.id),
                              sentence=text, alias=getattr(target, "name_ar", "") or target.title)
        return 1 + made

    def recommendation(self) -> None:
        upr = self.rng.random() < 0.6
        mechanism = self.upr if upr else self.rng.choice(self.treaty_bodies)
        theme = self.rng.choice(self.themes)
        text = f"{self.rng.choice(REC_OPENINGS)} {theme.name_ar}"
        row = self.content(
            m.Recommendation, text, body=text + ".", mechanism_id=str(mechanism.id),
            paragraph=f"{self.rng.randint(130, 150)}.{self.rng.randint(1, 250)}" if upr else str(self.rng.randint(5, 60)),
            recommending_state=self.rng.choice(STATES) if upr else "",
            affected_groups=[], sdg_targets=[f"{self.rng.randint(1, 17)}.{self.rng.randint(1, 9)}"],
            position=self.rng.choice(["supported", "supported", "noted"]) if upr else None,
            implementation_status=self.rng.choice(
                ["not_started", "in_progress", "partially_implemented", "implemented", "continuous"]),
        )
        self.link(m.RecommendationTheme, recommendation_id=row["id"], theme_id=str(theme.id))
        if self.ministries:
            self.link(m.RecommendationInstitution, recommendation_id=row["id"],
                      institution_id=str(self.rng.choice(self.ministries).id))

    def document(self) -> None:
        body = self.rng.choice(self.treaty_bodies)
        cycle = self.rng.randint(1, 7)
        kind = self.rng.choice(["national_report", "reply_to_list_of_issues", "follow_up_report", "national_report"])
        label = {"national_report": f"التقرير الدوري {ORDINALS[cycle - 1]}",
                 "reply_to_list_of_issues": "الردود على قائمة المسائل",
                 "follow_up_report": "تقرير المتابعة"}[kind]
        status = self.rng.choice(["drafting", "submitted", "submitted", "reviewed"])
        submitted = self.day(2010, 2024)
        self.content(
            m.Document, f"{label} المقدم إلى {body.name_ar}", body=f"{label} حول إعمال الاتفاقية، يتناول {self.theme()}.",
            kind=kind, symbol=f"{(body.acronym or body.key).upper()}/C/MAR/{cycle}", mechanism_id=str(body.id),
            cycle=cycle, status=status, due_date=(submitted - timedelta(days=90)).isoformat(),
            submitted_date=submitted.isoformat() if status != "drafting" else None,
        )

    def session(self) -> bool:
        for _ in range(20):
            mechanism = self.hrc if self.rng.random() < 0.3 else self.rng.choice(self.treaty_bodies)
            number = self.rng.randint(1, 60) if mechanism is self.hrc else self.rng.randint(1, 110)
            if (mechanism.id, number) in self.taken_sessions:
                continue
            self.taken_sessions.add((mechanism.id, number))
            start = self.day(2008, 2024)
            row = self.content(
                m.Session, f"الدورة {number} لـ{mechanism.name_ar}", mechanism_id=str(mechanism.id),
                number=number, start_date=start.isoformat(), end_date=(start + timedelta(days=18)).isoformat(),
                venue="جنيف", modality=self.rng.choice(["in_person", "hybrid", "virtual"]),
            )
            session = _Ref(uuid.UUID(row["id"]), number, mechanism.id, row["title"])
            self.sessions.append(session)
            if mechanism is self.hrc:
                self.hrc_sessions.append(session)
            return True
        return False

    def event(self) -> None:
        kind = self.rng.choice(["side_event", "seminar", "meeting", "other"])
        session = self.rng.choice(self.sessions) if self.sessions and kind == "side_event" else None
        label = {"side_event": "نشاط مواز", "seminar": "ندوة", "meeting": "لقاء تشاوري", "other": "ورشة عمل"}[kind]
        row = self.content(
            m.Event, f"{label} حول {self.theme()}", body=f"تنظيم {label} بمشاركة خبراء وممثلي القطاعات المعنية.",
            kind=kind, date=self.day(2016, 2024).isoformat(),
            mechanism_id=str(session.mechanism_id) if session else None,
            session_id=str(session.id) if session else None,
        )
        for partner in {p.id: p for p in self.rng.sample(self.partners, k=min(2, len(self.partners)))}.values():
            self.link(m.EventPartner, event_id=row["id"], institution_id=str(partner.id))

    def communication(self) -> None:
        sp = self.rng.choice(self.special_procedures)
        received = self.day(2014, 2024)
        topic = self.rng.choice(ALLEGATIONS)
        self.content(
            m.Communication, f"بلاغ من {sp.name_ar} بشأن {topic}", confidential=True,
            body=f"ادعاءات تتعلق بـ{topic}، وردت عن طريق {sp.name_ar}.",
            mechanism_id=str(sp.id), reference=f"AL MAR {self.rng.randint(1, 9)}/{received.year}",
            received_date=received.isoformat(),
            replied_date=(received + timedelta(days=self.rng.randint(20, 120))).isoformat()
            if self.rng.random() < 0.7 else None,
            allegation_category=topic, status=self.rng.choice(["received", "under_review", "replied", "closed"]),
        )

    def information_request(self) -> None:
        sp = self.rng.choice(self.special_procedures)
        received = self.day(2016, 2024)
        row = self.content(
            m.InformationRequest, f"استبيان حول {self.theme()}",
            body=f"استبيان صادر عن {sp.name_ar} في أفق إعداد تقرير موضوعاتي.",
            kind=self.rng.choice(["questionnaire", "call_for_input", "request_for_information"]),
            item_count=self.rng.choice([1, 1, 1, 2, 13]), received_date=received.isoformat(),
            deadline=(received + timedelta(days=45)).isoformat(),
            replied_date=(received + timedelta(days=40)).isoformat() if self.rng.random() < 0.6 else None,
        )
        self.link(m.InformationRequestMechanism, information_request_id=row["id"], mechanism_id=str(sp.id))

    def ngo_interaction(self) -> None:
        ngo = self.rng.choice(self.ngos)
        kind = self.rng.choice(["report", "allegation", "information_request"])
        label = {"report": "التقرير السنوي", "allegation": "ادعاءات", "information_request": "طلب معلومات"}[kind]
        self.content(
            m.NgoInteraction, f"{label} لـ{ngo.name_ar}", body=f"التفاعل مع {label} بشأن {self.theme()}.",
            organisation_id=str(ngo.id), kind=kind, received_date=self.day(2016, 2024).isoformat(),
        )

    def presentation(self) -> None:
        committee = self.rng.choice(self.committees)
        chamber = next((c for c in self.chambers if c.id == committee.parent_id), self.chambers[0])
        self.content(
            m.ParliamentaryPresentation, f"عرض أمام {committee.name_ar} حول {self.theme()}",
            chamber_id=str(chamber.id), committee_id=str(committee.id), date=self.day(2016, 2024).isoformat(),
            presenter_role=self.rng.choice(["المندوب الوزاري المكلف بحقوق الإنسان",
                                            "وزير الدولة المكلف بحقوق الإنسان والعلاقات مع البرلمان"]),
        )


@dataclass
class _Ref:
    id: uuid.UUID
    number: int
    mechanism_id: uuid.UUID
    title: str


SHARES = [  # (kind, share of the items)
    ("recommendation", 0.18), ("document", 0.08), ("event", 0.06), ("communication", 0.06),
    ("information_request", 0.05), ("ngo_interaction", 0.04), ("presentation", 0.03), ("session", 0.005),
]


async def generate(
    items: int, *, seed: int = 2021, progress: Callable[[int], object] | None = None, chunk: int = 5000,
) -> GenerateResult:
    """Add ``items`` content items (exactly) to the open database; see the module doc."""
    if items < 1:
        raise ValueError("items must be at least 1")
    if not await m.Mechanism.filter(key="hrc").exists():
        from content.reference import load_reference_data

        await load_reference_data()
    refs = {
        "mechanisms": await m.Mechanism.all().order_by("key"),
        "institutions": await m.Institution.filter(key__isnull=False).order_by("key"),
        "themes": await m.Theme.all().order_by("key"),
        "sessions": await m.Session.all().order_by("number", "id"),
    }
    last = await m.ProgramMeasure.all().order_by("-number").first()
    g = _Gen(seed, refs, (last.number + 1) if last else 1)

    plan = {kind: int(items * share) for kind, share in SHARES}
    rest = items - sum(plan.values())
    measures_budget = rest  # measures and their achievement items take the rest
    order = backup_models()
    result = GenerateResult()
    made = 0

    async with in_transaction() as connection:

        async def flush() -> None:
            nonlocal made
            for model in order:
                rows = g.rows.pop(model, None)
                if rows:
                    await insert_rows(model, rows, using_db=connection)
                    result.rows[model._meta.db_table] = result.rows.get(model._meta.db_table, 0) + len(rows)
                    if model in m.CONTENT_TYPES.values():
                        result.counts[model.__name__] = result.counts.get(model.__name__, 0) + len(rows)
                        made += len(rows)
            if progress is not None:
                progress(made)

        def pending() -> int:
            return sum(len(v) for v in g.rows.values())

        # sessions first: events refer to them
        for _ in range(plan.pop("session")):
            if not g.session():
                measures_budget += 1
        kinds = [k for k, n in plan.items() for _ in range(n)]
        g.rng.shuffle(kinds)
        for kind in kinds:
            getattr(g, kind)()
            if pending() >= chunk:
                await flush()
        while measures_budget > 0:
            size = min(measures_budget, g.rng.randint(12, 36))
            if measures_budget - size == 1:
                size += 1  # a measure needs at least one item after it
            g.measure(size - 1)
            measures_budget -= size
            if pending() >= chunk:
                await flush()
        await flush()
    return result
