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


# --- Added for the read-API tests: look-ups, global IDs, fixed timestamps, link rows. ---

UTC = dt.timezone.utc


def gid(item: Any) -> str:
    """The Relay global ID of a content item."""
    from schema.core.ids import to_global_id

    return to_global_id(type(item).__name__, item.id)


async def theme(key: str) -> m.Theme:
    return await m.Theme.get(key=key)


async def session(mechanism_key: str, number: int) -> m.Session:
    return await m.Session.get(mechanism__key=mechanism_key, number=number)


async def stamp(item: Any, *, created: dt.datetime | None = None, modified: dt.datetime | None = None) -> Any:
    """Set `created`/`modified` to fixed instants (a queryset update bypasses auto_now)."""
    values = {name: value for name, value in (("created", created), ("modified", modified)) if value}
    if values:
        await type(item).filter(id=item.id).update(**values)
        for name, value in values.items():
            setattr(item, name, value)
    return item


def at(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    """A UTC instant, for `stamp`."""
    return dt.datetime(year, month, day, hour, tzinfo=UTC)


async def mention(item: m.AchievementItem, target: Any, sentence: str = "", alias: str = "") -> m.Mention:
    """An achievement item's link to `target` (any mentionable content item)."""
    return await m.Mention.create(
        item=item, target_type=type(target).__name__, target_id=target.id,
        sentence=sentence or item.body, alias=alias or target.title,
    )


# --- Reading a connection back through the API (shared by tests/schema/test_<domain>.py). ---

_INPUT_TYPES = {
    "mechanisms": ("MechanismFilter", "MechanismOrder"),
    "sessions": ("SessionFilter", "SessionOrder"),
    "documents": ("DocumentFilter", "DocumentOrder"),
    "recommendations": ("RecommendationFilter", "RecommendationOrder"),
    "institutions": ("InstitutionFilter", "InstitutionOrder"),
    "themes": ("ThemeFilter", "ThemeOrder"),
    "communications": ("CommunicationFilter", "ReceivedOrder"),
    "informationRequests": ("InformationRequestFilter", "ReceivedOrder"),
    "ngoInteractions": ("NgoInteractionFilter", "ReceivedOrder"),
    "parliamentaryPresentations": ("ParliamentaryPresentationFilter", "DatedOrder"),
    "events": ("EventFilter", "DatedOrder"),
    "programMeasures": ("ProgramMeasureFilter", "ProgramMeasureOrder"),
}


def connection_query(name: str, field: str = "title") -> str:
    filter_type, order_type = _INPUT_TYPES[name]
    return f"""query ($filter: {filter_type}, $order: {order_type}, $first: Int, $after: String) {{
      {name}(filter: $filter, orderBy: $order, first: $first, after: $after) {{
        totalCount pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
        edges {{ cursor node {{ {field} }} }} }} }}"""


async def listing(
    name: str, filter: dict | None = None, order: dict | None = None, *, field: str = "title",
    viewer: Any = None, first: int = 100,
) -> list[Any]:
    """The `field` of every item `name(filter:, orderBy:)` returns, in order (one page of 100).

    Also checks that totalCount agrees with what came back.
    """
    from schema.permissions import ANONYMOUS
    from tests.schema.gqlrun import run

    data = (await run(connection_query(name, field), {"filter": filter, "order": order, "first": first},
                      viewer=viewer or ANONYMOUS))[name]
    values = [edge["node"][field] for edge in data["edges"]]
    assert data["totalCount"] == len(values), (name, filter, data["totalCount"], values)
    assert data["pageInfo"]["hasNextPage"] is False
    return values


async def pages(
    name: str, filter: dict | None = None, order: dict | None = None, *, size: int, field: str = "title",
    viewer: Any = None,
) -> list[list[Any]]:
    """Walk the connection `size` items at a time with first/after; the values page by page."""
    from schema.permissions import ANONYMOUS
    from tests.schema.gqlrun import run

    result: list[list[Any]] = []
    after = None
    while True:
        data = (await run(connection_query(name, field),
                          {"filter": filter, "order": order, "first": size, "after": after},
                          viewer=viewer or ANONYMOUS))[name]
        result.append([edge["node"][field] for edge in data["edges"]])
        assert data["pageInfo"]["hasPreviousPage"] is (after is not None)
        if data["edges"]:
            assert data["pageInfo"]["startCursor"] == data["edges"][0]["cursor"]
            assert data["pageInfo"]["endCursor"] == data["edges"][-1]["cursor"]
        if not data["pageInfo"]["hasNextPage"]:
            return result
        assert len(result) < 1000, "pagination does not end"
        after = data["pageInfo"]["endCursor"]
