"""schema.core.labels: `enumLabels` and `<field>Label(language:)` on a small schema built here."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import strawberry
from starlette.requests import Request

from content import models as m
from schema.core.enums import MechanismKind, RecommendationPosition
from schema.core.labels import LABELLED_ENUMS, LabelQueries, label_field


@strawberry.type
class Thing:
    kind: MechanismKind
    kind_label = label_field("kind")
    position: RecommendationPosition | None
    position_label = label_field("position", nullable=True)
    stored: str
    stored_label = label_field("stored", m.DocumentKind)


@strawberry.type
class Query(LabelQueries):
    @strawberry.field
    def things(self) -> list[Thing]:
        return [
            Thing(kind=m.MechanismKind.TREATY_BODY, position=m.RecommendationPosition.NOTED,
                  stored="concluding_observations"),
            Thing(kind=m.MechanismKind.UPR, position=None, stored="national_report"),
        ]


schema = strawberry.Schema(query=Query)


class FakeRequest:
    def __init__(self, accept_language: str | None) -> None:
        self.headers = {"accept-language": accept_language} if accept_language is not None else {}


async def run(query: str, variables: dict[str, Any] | None = None, *, request: Any = None) -> Any:
    result = await schema.execute(query, variable_values=variables, context_value=SimpleNamespace(request=request))
    assert not result.errors, result.errors
    return result.data


def labels(data: dict[str, Any]) -> dict[str, str]:
    return {row["value"]: row["label"] for row in data["enumLabels"]}


ENUM_LABELS = """query($enum: String!, $language: Language) {
  enumLabels(enum: $enum, language: $language) { value label }
}"""


async def test_enum_labels_in_the_three_languages():
    ar = labels(await run(ENUM_LABELS, {"enum": "MechanismKind", "language": "AR"}))
    fr = labels(await run(ENUM_LABELS, {"enum": "MechanismKind", "language": "FR"}))
    en = labels(await run(ENUM_LABELS, {"enum": "MechanismKind", "language": "EN"}))
    assert list(ar) == ["HUMAN_RIGHTS_COUNCIL", "UPR", "SPECIAL_PROCEDURE", "TREATY_BODY", "OHCHR", "UN_AGENCY",
                        "OTHER"]
    assert ar["TREATY_BODY"] == "هيئة معاهدة"
    assert ar["UPR"] == "الاستعراض الدوري الشامل"
    assert ar["HUMAN_RIGHTS_COUNCIL"] == "مجلس حقوق الإنسان"
    assert fr["TREATY_BODY"] == "Organe conventionnel"
    assert fr["UPR"] == "Examen périodique universel"
    assert en["TREATY_BODY"] == "Treaty body"
    assert en["UPR"] == "Universal Periodic Review"

    positions = labels(await run(ENUM_LABELS, {"enum": "RecommendationPosition", "language": "AR"}))
    assert positions == {"SUPPORTED": "حظيت بالتأييد", "NOTED": "أحيط بها علماً"}
    states = labels(await run(ENUM_LABELS, {"enum": "WorkflowState", "language": "AR"}))
    assert states == {"PRIVATE": "خاص", "PENDING": "قيد المراجعة", "PUBLISHED": "منشور", "ARCHIVED": "مؤرشف"}
    documents = labels(await run(ENUM_LABELS, {"enum": "DocumentKind", "language": "FR"}))
    assert documents["CONCLUDING_OBSERVATIONS"] == "Observations finales"
    assert labels(await run(ENUM_LABELS, {"enum": "OrderDirection", "language": "FR"})) == {
        "ASC": "Croissant", "DESC": "Décroissant"}


async def test_every_graphql_enum_has_labels_in_every_language():
    assert len(LABELLED_ENUMS) == 14  # the 13 content enums and OrderDirection
    for name, enum in LABELLED_ENUMS.items():
        for language in ("AR", "FR", "EN"):
            rows = (await run(ENUM_LABELS, {"enum": name, "language": language}))["enumLabels"]
            assert [row["value"] for row in rows] == [member.name for member in enum]
            assert all(row["label"].strip() for row in rows)
            assert all(row["label"] != row["value"] for row in rows)


@pytest.mark.parametrize(("request_", "expected"), [
    (FakeRequest("fr-FR,fr;q=0.9,en;q=0.8"), "Organe conventionnel"),
    (FakeRequest("en-GB"), "Treaty body"),
    (FakeRequest("ar-MA"), "هيئة معاهدة"),
    (FakeRequest("de-DE"), "هيئة معاهدة"),
    (FakeRequest(None), "هيئة معاهدة"),
    (None, "هيئة معاهدة"),
    (Request({"type": "http", "method": "POST", "path": "/graphql",
              "headers": [(b"accept-language", b"en-US,en;q=0.9")]}), "Treaty body"),
])
async def test_a_null_language_follows_accept_language_then_arabic(request_, expected):
    data = await run('{ enumLabels(enum: "MechanismKind") { value label } }', request=request_)
    assert labels(data)["TREATY_BODY"] == expected


async def test_an_explicit_language_wins_over_accept_language():
    data = await run('{ enumLabels(enum: "MechanismKind", language: AR) { value label } }',
                     request=FakeRequest("fr"))
    assert labels(data)["TREATY_BODY"] == "هيئة معاهدة"


async def test_an_unknown_enum_is_a_clear_error_in_the_request_language():
    result = await schema.execute('{ enumLabels(enum: "Nope") { value } }',
                                  context_value=SimpleNamespace(request=FakeRequest("en")))
    [error] = result.errors
    assert error.message.startswith("Unknown enum 'Nope': use one of AchievementItemKind, CommunicationStatus,")
    assert "MechanismKind" in error.message and "WorkflowState" in error.message
    assert error.extensions == {"code": "INVALID_ENUM"}
    result = await schema.execute('{ enumLabels(enum: "Nope", language: FR) { value } }',
                                  context_value=SimpleNamespace(request=None))
    assert result.errors[0].message.startswith("Énumération 'Nope' inconnue : utilisez l'une des suivantes : ")
    result = await schema.execute('{ enumLabels(enum: "Nope") { value } }',
                                  context_value=SimpleNamespace(request=None))
    assert result.errors[0].message.startswith("التعداد 'Nope' غير معروف: استعمل أحد الأسماء التالية: ")


async def test_label_fields_beside_enum_fields():
    query = """query($language: Language) {
      things {
        kind kindLabel(language: $language)
        position positionLabel(language: $language)
        storedLabel(language: $language)
      }
    }"""
    fr = (await run(query, {"language": "FR"}))["things"]
    assert fr[0] == {"kind": "TREATY_BODY", "kindLabel": "Organe conventionnel", "position": "NOTED",
                     "positionLabel": "Notée", "storedLabel": "Observations finales"}
    assert fr[1]["positionLabel"] is None
    ar = (await run(query, {"language": "AR"}))["things"]
    assert [row["kindLabel"] for row in ar] == ["هيئة معاهدة", "الاستعراض الدوري الشامل"]
    assert ar[0]["positionLabel"] == "أحيط بها علماً"
    assert ar[1]["storedLabel"] == "تقرير وطني"
    by_header = (await run("{ things { kindLabel } }", request=FakeRequest("en-GB")))["things"]
    assert by_header[0]["kindLabel"] == "Treaty body"
    default = (await run("{ things { kindLabel } }"))["things"]
    assert default[0]["kindLabel"] == "هيئة معاهدة"


def test_the_sdl_of_the_label_fields():
    sdl = schema.as_str()
    assert "enumLabels(enum: String!, language: Language = null): [EnumValueLabel!]!" in sdl
    assert "kindLabel(language: Language = null): String!" in sdl
    assert "positionLabel(language: Language = null): String\n" in sdl
    assert "type EnumValueLabel {" in sdl
