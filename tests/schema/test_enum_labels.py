"""Enum-valued fields carry `<field>Label(language:)`; the default follows Accept-Language."""

from __future__ import annotations

from types import SimpleNamespace

from schema.context import Context
from schema.schema import schema
from tests.schema.gqlrun import run

QUERY = """{ mechanisms(filter: {key: "cat"}) { edges { node {
  kindLabel ar: kindLabel(language: AR) fr: kindLabel(language: FR) en: kindLabel(language: EN)
  workflowStateLabel(language: FR) languageLabel(language: EN) } } } }"""


async def test_labels_in_three_languages(db):
    node = (await run(QUERY))["mechanisms"]["edges"][0]["node"]
    assert node["fr"] == "Organe conventionnel" and node["en"] == "Treaty body"
    assert node["ar"] == node["kindLabel"]  # Arabic when nothing says otherwise
    assert node["ar"] and node["ar"] != node["en"]
    assert node["workflowStateLabel"] == "Publié"
    assert node["languageLabel"] == "Arabic"


async def test_accept_language_chooses_the_default_label(db):
    request = SimpleNamespace(headers={"accept-language": "fr-FR,fr;q=0.9,en;q=0.5"})
    result = await schema.execute(QUERY, context_value=Context(request=request))
    assert not result.errors
    assert result.data["mechanisms"]["edges"][0]["node"]["kindLabel"] == "Organe conventionnel"
