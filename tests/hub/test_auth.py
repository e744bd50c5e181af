"""API tokens over HTTP: 401s for unknown, revoked and malformed credentials, and the new-user story
end to end (CLI token → editor drafts and submits → reviewer publishes → the public reads and finds it).

The app runs with its lifespan: a migrated SQLite database and a search index under a temporary
MARSAD_HOME, and the indexer task draining the outbox every second.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tortoise.context
from starlette.testclient import TestClient
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.models import Model
from typer.testing import CliRunner, Result

from content import models as m
from content.services.tokens import create_token, revoke_token
from hub.app import create_app
from hub.cli import app as cli
from hub.settings import Settings

REPORT = "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب وغيره من ضروب المعاملة القاسية"
SUMMARY = "يعرض التقرير التدابير التشريعية والمؤسساتية المتخذة منذ تقديم التقرير الرابع"
UNAUTHENTICATED_KEYS = {"data", "errors"}


def _models() -> list[type[Model]]:
    return [v for v in vars(m).values() if isinstance(v, type) and issubclass(v, Model) and not v._meta.abstract]


@contextlib.contextmanager
def suite_database_aside() -> Iterator[None]:
    """The suite's own test database (tests/conftest.py) may be open in this process as Tortoise's
    current and global context: step it aside while the CLI and the app open their own (the CLI's
    asyncio.run and the app's thread would otherwise re-initialise and close it), then put it back."""
    saved_context = tortoise.context._global_context
    saved_bindings = {model: model._meta.default_connection for model in _models()}
    tortoise.context._global_context = None
    token = tortoise.context._current_context.set(None)
    EXECUTOR_CACHE.clear()
    try:
        yield
    finally:
        tortoise.context._current_context.reset(token)
        tortoise.context._global_context = saved_context
        for model, connection in saved_bindings.items():
            model._meta.default_connection = connection
        EXECUTOR_CACHE.clear()


def marsad(home: Path, *args: str) -> Result:
    """`marsad ARGS...` as a user runs it, with MARSAD_HOME=home."""
    env = {"MARSAD_HOME": str(home), "MARSAD_DATABASE_URL": None, "MARSAD_LANGUAGE": "en", "COLUMNS": "200"}
    return CliRunner().invoke(cli, list(args), env=env)


def created_token(result: Result) -> str:
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip("\n").split("\n")
    token = lines[-1]
    assert token.startswith("msd_") and " " not in token and len(token) > 40, lines
    assert all(token not in line for line in lines[:-1])  # alone on its line, and shown once
    return token


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    home = tmp_path_factory.mktemp("marsad-home")
    with suite_database_aside():
        # Tokens made the way a new user is told to: the CLI, before the server starts.
        editor = created_token(marsad(home, "token", "create", "--role", "editor", "--name", "amina"))
        reviewer = created_token(marsad(home, "token", "create", "--role", "reviewer", "--name", "youssef"))
        app = create_app(Settings.from_env({"MARSAD_HOME": str(home)}))
        with TestClient(app, raise_server_exceptions=False) as client:
            yield {"client": client, "home": home, "editor": editor, "reviewer": reviewer}


def post(client: TestClient, query: str, variables: dict[str, Any] | None = None, token: str | None = None,
         headers: dict[str, Any] | None = None):
    headers = dict(headers or {})
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


def assert_401(response, message: str) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["www-authenticate"].startswith('Bearer realm="marsad"')
    body = response.json()
    assert set(body) == UNAUTHENTICATED_KEYS and body["data"] is None
    assert body["errors"] == [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]


DOCUMENTS = "{ documents { totalCount edges { node { title summary workflowState } } } }"


# --- refusals ------------------------------------------------------------------------------------

def test_unknown_token(hub):
    client = hub["client"]
    for token in ("msd_" + "x" * 43, "nonsense", hub["editor"] + "x", hub["editor"][:-1], hub["editor"].upper()):
        assert_401(post(client, DOCUMENTS, token=token), "Unknown or revoked API token.")
    # Bytes that are not ASCII (the server reads them as Latin-1).
    assert_401(post(client, DOCUMENTS, headers={"Authorization": "Bearer msd_تجربة".encode()}),
               "Unknown or revoked API token.")
    # Not even a query that needs no authentication gets through: a bad credential is never anonymous.
    assert_401(post(client, "{ __typename }", token="nonsense"), "Unknown or revoked API token.")
    assert_401(client.get("/graphql", params={"query": "{ __typename }"},
                          headers={"Authorization": "Bearer nonsense"}), "Unknown or revoked API token.")


def test_revoked_token(hub):
    client = hub["client"]
    token, _ = client.portal.call(create_token, "temporary-partner", "partner")
    assert post(client, DOCUMENTS, token=token).status_code == 200
    assert client.portal.call(revoke_token, "temporary-partner") is True
    assert_401(post(client, DOCUMENTS, token=token), "Unknown or revoked API token.")
    assert client.portal.call(revoke_token, "temporary-partner") is False  # once is enough


@pytest.mark.parametrize("header", [
    "Basic YW1pbmE6c2VjcmV0",
    "Bearer",
    "Bearer ",
    "Token msd_abc",
    "msd_abc",
    "Bearer\tmsd_abc",
])
def test_malformed_authorization_header(hub, header):
    response = post(hub["client"], DOCUMENTS, headers={"Authorization": header})
    assert_401(response, "Use the header `Authorization: Bearer <token>`.")


def test_anonymous_requests_need_no_header(hub):
    response = post(hub["client"], "{ __typename }")
    assert response.status_code == 200 and response.json() == {"data": {"__typename": "Query"}}
    assert "www-authenticate" not in response.headers


def test_token_names_are_unique_and_revocation_by_cli(tmp_path):
    with suite_database_aside():
        created_token(marsad(tmp_path, "token", "create", "--role", "case_officer", "--name", "salma"))
        again = marsad(tmp_path, "token", "create", "--role", "admin", "--name", "salma")
        assert again.exit_code == 1 and "A token named 'salma' exists already." in again.output
        unknown_role = marsad(tmp_path, "token", "create", "--role", "superuser", "--name", "omar")
        assert unknown_role.exit_code == 2 and "superuser" in unknown_role.output
        for name, message in [("  ", "A token needs a name"), ("ن" * 101, "at most 100 characters"),
                              ("amina\x1b[31m", "must not contain control characters")]:
            refused = marsad(tmp_path, "token", "create", "--role", "editor", "--name", name)
            assert refused.exit_code == 1 and message in refused.output, refused.output
        # Names are text, not terminal markup: the token is still shown, and listed.
        odd = created_token(marsad(tmp_path, "token", "create", "--role", "partner", "--name", "فريق [/] [bold]"))
        listed = marsad(tmp_path, "token", "list")
        assert listed.exit_code == 0, listed.output
        assert "salma" in listed.output and "case_officer" in listed.output and "فريق [/] [bold]" in listed.output
        assert "omar" not in listed.output and odd not in listed.output and odd[:12] in listed.output
        assert marsad(tmp_path, "token", "revoke", "salma").exit_code == 0
        not_live = marsad(tmp_path, "token", "revoke", "salma")
        assert not_live.exit_code == 1 and "No live token named 'salma'." in not_live.output


# --- the new-user story ----------------------------------------------------------------------------

def test_new_user_story(hub):
    client, editor, reviewer = hub["client"], hub["editor"], hub["reviewer"]

    created = post(client, """mutation ($input: CreateDocumentInput!) { createDocument(input: $input) {
        node { id workflowState createdBy title } errors { field message code } } }""",
                   {"input": {"title": REPORT, "summary": SUMMARY, "kind": "NATIONAL_REPORT",
                              "symbol": "CAT/C/MAR/5"}}, token=editor)
    assert created.status_code == 200, created.text
    payload = created.json()["data"]["createDocument"]
    assert payload["errors"] == []
    assert payload["node"]["workflowState"] == "PRIVATE" and payload["node"]["createdBy"] == "amina"
    assert payload["node"]["title"] == REPORT
    doc_id = payload["node"]["id"]

    transition = """mutation ($id: ID!, $action: WorkflowAction!, $comment: String) {
        transition(id: $id, action: $action, comment: $comment) {
          node { workflowState } errors { field message code } } }"""
    submitted = post(client, transition, {"id": doc_id, "action": "SUBMIT", "comment": "جاهز للمراجعة"},
                     token=editor).json()["data"]["transition"]
    assert submitted == {"node": {"workflowState": "PENDING"}, "errors": []}
    # Not yet public; and the editor cannot publish it.
    assert post(client, DOCUMENTS).json()["data"]["documents"]["totalCount"] == 0
    refused = post(client, transition, {"id": doc_id, "action": "PUBLISH"}, token=editor).json()["data"]
    assert refused["transition"]["errors"][0]["code"] == "FORBIDDEN"

    published = post(client, transition, {"id": doc_id, "action": "PUBLISH"}, token=reviewer).json()["data"]
    assert published["transition"] == {"node": {"workflowState": "PUBLISHED"}, "errors": []}

    public = post(client, DOCUMENTS)
    assert public.status_code == 200
    assert public.json()["data"]["documents"] == {"totalCount": 1, "edges": [
        {"node": {"title": REPORT, "summary": SUMMARY, "workflowState": "PUBLISHED"}}]}

    # The indexer drains the outbox every second: the document turns up in search.
    search = """query ($q: String!) { search(query: $q) { totalCount edges { node { id
        ... on Document { title } } } } }"""
    deadline = time.monotonic() + 8
    while True:
        data = post(client, search, {"q": "مناهضة التعذيب"}).json()
        assert "errors" not in data, data
        if data["data"]["search"]["totalCount"]:
            break
        assert time.monotonic() < deadline, "the published document never reached the search index"
        time.sleep(0.2)
    assert data["data"]["search"]["edges"] == [{"node": {"id": doc_id, "title": REPORT}}]

    # Who did what, as the workflow history tells an authenticated reader.
    history = post(client, """query ($id: ID!) { node(id: $id) { ... on Content {
        workflowHistory { action actor comment } } } }""", {"id": doc_id}, token=reviewer).json()
    assert history["data"]["node"]["workflowHistory"] == [
        {"action": "submit", "actor": "amina", "comment": "جاهز للمراجعة"},
        {"action": "publish", "actor": "youssef", "comment": ""},
    ]
    used = client.portal.call(_last_used, "amina")
    assert used is not None and used <= dt.datetime.now(dt.timezone.utc)


async def _last_used(name: str) -> dt.datetime | None:
    return (await m.ApiToken.get(name=name)).last_used
