"""Test data built through the domain services, with real Arabic text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from content import models as m
from content.services.items import save_item

PUBLISHED = m.WorkflowState.PUBLISHED


async def mechanism(key: str) -> m.Mechanism:
    return await m.Mechanism.get(key=key)


async def institution(key: str) -> m.Institution:
    return await m.Institution.get(key=key)


async def hrc_session(number: int) -> m.Session:
    return await m.Session.get(mechanism__key="hrc", number=number)


async def create(model: type, **fields: Any) -> Any:
    fields.setdefault("workflow_state", PUBLISHED)
    fields.setdefault("slug", fields.get("title", "item")[:50])
    return await save_item(model(**fields), actor="tests")


async def measure_with_items(
    number: int,
    *,
    state: m.WorkflowState = PUBLISHED,
    sections: int = 2,
    items_per_section: int = 2,
    mention_keys: tuple[str, ...] = ("cat", "hrc"),
) -> m.ProgramMeasure:
    """A programme measure whose items mention mechanisms, HRC session 46 and a ministry."""
    ministry = await institution("ministry_hr_parliament")
    measure = await create(
        m.ProgramMeasure,
        number=number,
        title=f"دعم التفاعل مع الآليات الأممية لحقوق الإنسان رقم {number}",
        axis="المحور الأول : دعم الخيار الديموقراطي",
        description_items=["التفاعل مع هيئات المعاهدات"],
        objectives=["الوفاء بالالتزامات الدولية"],
        ministry=ministry,
        status="إجراء ذو طبيعة مستمرة",
        status_as_of=dt.date(2021, 4, 1),
        workflow_state=state,
    )
    mechanisms = [await mechanism(key) for key in mention_keys]
    session = await hrc_session(46)
    position = 0
    for s in range(1, sections + 1):
        section = await m.MeasureSection.create(measure=measure, position=s, number=s, title=f"القسم {s}")
        for _ in range(items_per_section):
            position += 1
            item = await create(
                m.AchievementItem,
                section=section,
                measure=measure,
                position=position,
                title=f"إنجاز {position}",
                body="إعداد التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب",
                workflow_state=state,
            )
            for target in (*mechanisms, session, ministry):
                await m.Mention.create(
                    item=item, target_type=type(target).__name__, target_id=target.id,
                    sentence=item.body, alias=target.title,
                )
    return measure
