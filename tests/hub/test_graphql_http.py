"""The GraphQL endpoint over HTTP: health, GraphiQL, UTF-8 JSON, and every protection of the hub
(depth, aliases, tokens, page size, body size, batching, malformed input, masking, odd Unicode).

The app runs with its lifespan: a migrated SQLite database under a temporary MARSAD_HOME.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest
import tortoise.context
from starlette.testclient import TestClient
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.models import Model

from content import models as m
from content.reference import load_reference_data
from hub.app import create_app
from hub.settings import Settings
from schema.core.ids import offset_cursor, to_global_id
from tests.factories import create, mechanism

REPORT = "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب"
JSON = {"content-type": "application/json"}


def _models() -> list[type[Model]]:
    return [v for v in vars(m).values() if isinstance(v, type) and issubclass(v, Model) and not v._meta.abstract]


async def _seed() -> dict[str, str]:
    await load_reference_data()
    cat = await mechanism("cat")
    report = await create(m.Document, kind=m.DocumentKind.NATIONAL_REPORT, title=REPORT, mechanism=cat,
                          symbol="CAT/C/MAR/5")
    return {"cat": to_global_id("Mechanism", cat.id), "report": to_global_id("Document", report.id)}


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    home = tmp_path_factory.mktemp("marsad-home")
    # The suite's own test database (tests/conftest.py) may be open in this process, as Tortoise's
    # current and global context: step it aside while the app (whose thread inherits the current
    # context) opens its own, and put it back afterwards.
    saved_context = tortoise.context._global_context
    saved_bindings = {model: model._meta.default_connection for model in _models()}
    tortoise.context._global_context = None
    token = tortoise.context._current_context.set(None)
    EXECUTOR_CACHE.clear()
    try:
        app = create_app(Settings.from_env({"MARSAD_HOME": str(home)}))
        with TestClient(app, raise_server_exceptions=False) as client:
            ids = client.portal.call(_seed)
            yield client, ids
    finally:
        tortoise.context._current_context.reset(token)
        tortoise.context._global_context = saved_context
        for model, connection in saved_bindings.items():
            model._meta.default_connection = connection
        EXECUTOR_CACHE.clear()


@pytest.fixture
def client(hub) -> TestClient:
    return hub[0]


@pytest.fixture
def ids(hub) -> dict[str, str]:
    return hub[1]


def post(client: TestClient, query: str, variables: dict[str, Any] | None = None):
    return client.post("/graphql", json={"query": query, "variables": variables})


def post_raw(client: TestClient, body: bytes, headers: dict[str, str] = JSON):
    return client.post("/graphql", content=body, headers=headers)


def ok(response) -> dict[str, Any]:
    """The body of a 200 answer without errors."""
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def refused(response, status: int = 200) -> str:
    """The one error message of a refused operation (no data)."""
    assert response.status_code == status, response.content
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["data"] is None, body
    assert len(body["errors"]) == 1, body
    return body["errors"][0]["message"]


def bad_request(response, status: int = 400) -> str:
    """A request the endpoint refused before GraphQL: a GraphQL-shaped JSON error."""
    message = refused(response, status)
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_REQUEST"}
    return message


# --- health, GraphiQL, UTF-8 -----------------------------------------------------------------


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "reachable"}


def test_graphiql_for_browsers(client):
    response = client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "graphiql" in response.text.lower()
    assert client.get("/", follow_redirects=False).headers["location"] == "/graphql"


def test_arabic_comes_back_as_utf8_not_escapes(client):
    query = '{ documents(filter: {kind: NATIONAL_REPORT}) { edges { node { title mechanism { names { ar } } } } } }'
    response = post(client, query)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert REPORT.encode("utf-8") in response.content
    assert "لجنة مناهضة التعذيب".encode("utf-8") in response.content
    assert b"\\u06" not in response.content
    assert ok(response)["documents"]["edges"] == [
        {"node": {"title": REPORT, "mechanism": {"names": {"ar": "لجنة مناهضة التعذيب"}}}}
    ]


def test_queries_by_get(client):
    response = client.get("/graphql", params={"query": '{ mechanisms(filter: {key: "spt"}) { edges { node { '
                                                       'parent { title } } } } }'})
    assert ok(response)["mechanisms"]["edges"] == [{"node": {"parent": {"title": "لجنة مناهضة التعذيب"}}}]
    assert "لجنة".encode() in response.content


def test_no_writes_without_a_json_post(client):
    # Mutations never go through GET or a form post (nothing a cross-site page can send blindly).
    assert bad_request(client.get("/graphql", params={"query": "mutation { __typename }"})) == (
        "mutations are not allowed when using GET"
    )
    assert bad_request(client.post("/graphql", data={"query": "mutation { __typename }"})) == "Unsupported content type"


# --- query depth, aliases, tokens ------------------------------------------------------------


def _nested(parents: int) -> str:
    # Depth counts from 0 at the root field (graphql-core's rule): mechanisms 0, edges 1, node 2,
    # the n parents 3 to n + 2 and key n + 3.
    return "{ mechanisms(first: 1) { edges { node { " + "parent { " * parents + "key" + " }" * parents + " } } } }"


def test_query_depth_limit(client):
    ok(post(client, _nested(9)))  # depth 12
    message = refused(post(client, _nested(10)))  # depth 13
    assert message == "'anonymous' exceeds maximum operation depth of 12"
    named = refused(post(client, "query Deep " + _nested(10)))
    assert named == "'Deep' exceeds maximum operation depth of 12"


def test_query_depth_limit_sees_through_fragments(client):
    fragments = "".join(f"fragment F{i} on Mechanism {{ parent {{ ...F{i + 1} }} }} " for i in range(10))
    query = "{ mechanisms(first: 1) { edges { node { ...F0 } } } } " + fragments + "fragment F10 on Mechanism { key }"
    assert "exceeds maximum operation depth of 12" in refused(post(client, query))


def _aliases(count: int) -> str:
    return "{ " + " ".join(f"a{i}: __typename" for i in range(count)) + " }"


def test_alias_limit(client):
    assert ok(post(client, _aliases(15)))["a14"] == "Query"
    assert refused(post(client, _aliases(16))) == "16 aliases found. Allowed: 15"
    in_fragment = "{ mechanisms(first: 1) { edges { node { ...F } } } } fragment F on Mechanism { " + " ".join(
        f"a{i}: key" for i in range(16)) + " }"
    assert refused(post(client, in_fragment)) == "16 aliases found. Allowed: 15"


def _tokens(count: int) -> str:
    # "{" and "}", 249 × 8 tokens (`__typename @skip(if: false)`), then single `__typename`s.
    # (Two thousand identical fields would trip graphql-core's own budget for comparing them.)
    return "{ " + "__typename @skip(if: false) " * 249 + "__typename " * (count - 2 - 249 * 8) + "}"


def test_token_limit(client):
    assert ok(post(client, _tokens(2000))) == {"__typename": "Query"}
    assert refused(post(client, _tokens(2001))) == (
        "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."
    )


def test_quadratic_validation_is_cut_short(client):
    # 1,500 copies of one field: graphql-core stops comparing them rather than spend seconds.
    assert refused(post(client, "{ " + "__typename " * 1500 + "}")) == "Validation aborted."


# --- page size -------------------------------------------------------------------------------


def test_page_size_limit(client, ids):
    data = ok(post(client, "{ mechanisms(first: 100) { totalCount edges { cursor } } }"))
    assert len(data["mechanisms"]["edges"]) == min(100, data["mechanisms"]["totalCount"])
    for argument in ("first: 101", "last: 101", "first: 100000"):
        body = post(client, f"{{ mechanisms({argument}) {{ totalCount }} }}").json()
        assert body["data"] is None
        assert "at most 100 items per page" in body["errors"][0]["message"]
        assert body["errors"][0]["extensions"] == {"code": "PAGE_TOO_LARGE"}
    body = post(client, "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [ids["cat"]] * 101}).json()
    assert body["errors"][0]["message"] == "At most 100 IDs per call."


# --- request body size -----------------------------------------------------------------------


def _padded(size: int) -> bytes:
    head, tail = b'{"query": "{ __typename }", "padding": "', b'"}'
    return head + b" " * (size - len(head) - len(tail)) + tail


def test_body_size_limit(client):
    assert ok(post_raw(client, _padded(1_000_000))) == {"__typename": "Query"}
    response = post_raw(client, _padded(1_000_001))
    assert response.status_code == 413
    assert response.json() == {"data": None, "errors": [{
        "message": "Request body too large: the limit is 1000000 bytes.", "extensions": {"code": "BODY_TOO_LARGE"},
    }]}


def test_body_size_limit_without_content_length(client):
    def chunks():
        for _ in range(12):
            yield b" " * 100_000

    response = client.post("/graphql", content=chunks(), headers=JSON)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {"code": "BODY_TOO_LARGE"}


# --- malformed requests ----------------------------------------------------------------------


def test_batching_is_refused_clearly(client):
    response = client.post("/graphql", json=[{"query": "{ __typename }"}, {"query": "{ __typename }"}])
    assert bad_request(response) == (
        "Batched requests (a JSON list of operations) are not supported: send one operation per request."
    )
    assert "not supported" in bad_request(post_raw(client, b"  []"))


def test_malformed_json(client):
    message = bad_request(post_raw(client, b'{"query": "{ __typename }"'))
    assert message.startswith("Unable to parse request body as JSON: unexpected end of data")
    assert bad_request(post_raw(client, b"")).startswith("Unable to parse request body as JSON")
    assert bad_request(post_raw(client, b"{query: 1}")).startswith("Unable to parse request body as JSON")


@pytest.mark.parametrize("body", [b'"{ __typename }"', b"42", b"null", b"true"])
def test_json_that_is_not_an_object(client, body):
    # These were 500s (strawberry called .get() on them).
    assert bad_request(post_raw(client, body)) == (
        'The request body must be a JSON object: {"query": "...", "variables": {...}}.'
    )


@pytest.mark.parametrize("body", [
    b'{"query": "\xff\xfe{ __typename }"}',  # not UTF-8 (was a 500)
    b"\xef\xbb\xbf" + b'{"query": "{ __typename }"}',  # a byte-order mark
    b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 5000 + b"]" * 5000 + b"}}",  # was a RecursionError
])
def test_undecodable_json(client, body):
    assert bad_request(post_raw(client, body)).startswith("Unable to parse request body as JSON: ")


def test_wrong_shapes_and_methods(client):
    assert "`variables` must be an object" in bad_request(
        client.post("/graphql", json={"query": "{ __typename }", "variables": [1]}))
    assert "`query` must be a string" in bad_request(client.post("/graphql", json={"query": 7}))
    assert bad_request(client.post("/graphql", json={})) == "No GraphQL query found in the request"
    assert bad_request(post_raw(client, b'{"query": "{ __typename }"}', {"content-type": "text/plain"})) == (
        "Unsupported content type"
    )
    assert bad_request(client.put("/graphql", json={"query": "{ __typename }"}), 405) == (
        "GraphQL only supports GET and POST requests."
    )
    assert bad_request(client.get("/graphql", params={"query": "{ __typename }", "variables": "{"})).startswith(
        "Unable to parse request body as JSON"
    )


# --- invalid GraphQL -------------------------------------------------------------------------


def test_syntax_errors_and_unknown_fields_are_explained(client):
    assert refused(post(client, "{ mechanisms { ")) == "Syntax Error: Expected Name, found <EOF>."
    assert refused(post(client, "{ nope }")) == "Cannot query field 'nope' on type 'Query'. Did you mean 'node' or 'nodes'?"
    message = refused(post(client, "{ mechanisms { edges { node { colour } } } }"))
    assert message.startswith("Cannot query field 'colour' on type 'Mechanism'.")
    assert refused(post(client, "{ mechanisms(filter: {kind: NOPE}) { totalCount } }")) == (
        "Value 'NOPE' does not exist in 'MechanismKind' enum."
    )
    assert "Syntax Error" in refused(post(client, "{ sessions(filter: {number: ٤٦}) { totalCount } }"))


# --- IDs and cursors -------------------------------------------------------------------------

NODE = "query ($id: ID!) { node(id: $id) { id ... on Document { title } } }"


def test_unknown_ids_are_null(client, ids):
    assert ok(post(client, NODE, {"id": ids["report"]}))["node"] == {"id": ids["report"], "title": REPORT}
    unknown = to_global_id("Document", "00000000-0000-0000-0000-000000000000")
    assert ok(post(client, NODE, {"id": unknown})) == {"node": None}
    data = ok(post(client, "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [unknown, ids["cat"]]}))
    assert data == {"nodes": [None, {"id": ids["cat"]}]}


@pytest.mark.parametrize(("bad_id", "fragment"), [
    ("not-an-id", "not a Marsad global ID"),
    ("", "not a Marsad global ID"),
    ("🙂", "not a Marsad global ID"),
    (base64.b64encode(b"Nothing:00000000-0000-0000-0000-000000000000").decode(), "there is no type 'Nothing'"),
    (base64.b64encode(b"Document:not-a-uuid").decode(), "not a Marsad global ID"),
])
def test_malformed_ids_are_explained(client, bad_id, fragment):
    response = post(client, NODE, {"id": bad_id})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"node": None}
    assert fragment in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"] == {"code": "INVALID_ID"}


def test_wrong_type_of_id_in_a_filter(client, ids):
    body = post(client, "query ($m: ID) { documents(filter: {mechanism: $m}) { totalCount } }",
                {"m": ids["report"]}).json()
    assert "it names a Document, not a Mechanism" in body["errors"][0]["message"]


@pytest.mark.parametrize("cursor", ["garbage", "b2Zmc2V0Oi0x", "🙂", base64.b64encode(b"offset:abc").decode()])
def test_bad_cursors_are_explained(client, cursor):
    body = post(client, "query ($c: String) { mechanisms(first: 2, after: $c) { totalCount } }", {"c": cursor}).json()
    assert body["data"] is None
    assert "use a cursor from this connection" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"] == {"code": "INVALID_CURSOR"}


def test_a_good_cursor_pages_on(client):
    first = ok(post(client, '{ mechanisms(first: 2, orderBy: {field: ACRONYM}) { pageInfo { endCursor } '
                            'edges { node { key } } } }'))["mechanisms"]
    assert first["pageInfo"]["endCursor"] == offset_cursor(1)
    after = ok(post(client, 'query ($c: String) { mechanisms(first: 2, after: $c, orderBy: {field: ACRONYM}) '
                            '{ edges { node { key } } } }', {"c": first["pageInfo"]["endCursor"]}))["mechanisms"]
    assert len(after["edges"]) == 2
    assert {e["node"]["key"] for e in after["edges"]}.isdisjoint(e["node"]["key"] for e in first["edges"])


# --- unexpected exceptions are masked --------------------------------------------------------

SECRET = "password=hunter2 at /srv/marsad/var/marsad.sqlite3"


def _assert_masked(response, path: list[Any]) -> None:
    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == [{"message": "Unexpected error.", "locations": body["errors"][0]["locations"],
                               "path": path}]
    for leak in (b"hunter2", b"Traceback", b"RuntimeError", b'File "', b"marsad.sqlite3", b"extensions"):
        assert leak not in response.content


def test_exception_in_a_root_resolver_is_masked(client, monkeypatch):
    import schema.documents.queries

    async def broken(*args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(schema.documents.queries, "content_connection", broken)
    response = post(client, "{ documents { totalCount } }")
    _assert_masked(response, ["documents"])
    assert response.json()["data"] is None


def test_exception_in_a_nested_resolver_is_masked(client, monkeypatch, ids):
    from schema.core.dataloaders import Loaders

    def broken(self, *args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(Loaders, "children", broken)
    response = post(client, "query ($id: ID!) { node(id: $id) { ... on Mechanism { key sessions { number } } } }",
                    {"id": ids["cat"]})
    _assert_masked(response, ["node", "sessions"])
    assert response.json()["data"] == {"node": None}


# --- odd Unicode in variables never gives a 500 ----------------------------------------------

BIDI = "\u202ecat\u202c\u200f\u2066\u061c"


@pytest.mark.parametrize(("query", "variables", "expected"), [
    ('query ($k: String) { mechanisms(filter: {key: $k}) { totalCount } }', {"k": BIDI}, {"mechanisms": {"totalCount": 0}}),
    ('query ($a: String) { mechanisms(filter: {acronym: $a}) { totalCount } }', {"a": "\u200fCAT\u200e"},
     {"mechanisms": {"totalCount": 0}}),
    ('query ($s: String) { programMeasures(filter: {axisContains: $s}) { totalCount } }', {"s": "٢٠٢١ ۴۶"},
     {"programMeasures": {"totalCount": 0}}),
    ('query ($s: String) { documents(filter: {symbol: $s}) { totalCount } }', {"s": "ﻻ\u0640\u200d🙂"},
     {"documents": {"totalCount": 0}}),
    ('query ($s: String) { documents(filter: {slug: $s}) { totalCount } }', {"s": "\U0010ffff\ufeff\ufffe"},
     {"documents": {"totalCount": 0}}),
])
def test_odd_unicode_in_variables(client, query, variables, expected):
    assert ok(post(client, query, variables)) == expected


def test_nul_in_a_text_filter_is_a_callers_error(client):
    response = post(client, "query ($s: String) { documents(filter: {symbol: $s}) { totalCount } }",
                    {"s": "CAT/C/MAR/5\u0000"})
    body = response.json()
    assert response.status_code == 200 and body["data"] is None
    assert body["errors"][0]["message"] == "`symbol` contains a character text cannot hold (U+0000 or a lone surrogate)."
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}


def test_eastern_arabic_digits_for_an_int(client):
    response = post(client, "query ($n: Int) { sessions(filter: {number: $n}) { totalCount } }", {"n": "٤٦"})
    assert "Int cannot represent non-integer value: '٤٦'" in refused(response)


@pytest.mark.parametrize("escaped", [b"\\ud800", b"\\udfff", b"a\\ud800b", b"\\ud83d\\ud83d"])
def test_lone_surrogates_are_refused_before_reaching_the_database(client, escaped):
    # A lone surrogate cannot be encoded in UTF-8: it used to reach the database driver and fail
    # there (a masked "Unexpected error." logged as a server error).
    for template in (
        b'{"query": "query ($k: String) { mechanisms(filter: {key: $k}) { totalCount } }", "variables": {"k": "%s"}}',
        b'{"query": "{ mechanisms(filter: {key: \\"%s\\"}) { totalCount } }"}',
    ):
        message = bad_request(post_raw(client, template.replace(b"%s", escaped)))
        assert message.startswith("Unable to parse request body as JSON: ") and "surrogate" in message
    response = client.get("/graphql", params={
        "query": "query ($k: String) { mechanisms(filter: {key: $k}) { totalCount } }",
        "variables": '{"k": "' + escaped.decode() + '"}',
    })
    assert "surrogate" in bad_request(response)


def test_surrogate_pairs_are_fine(client):
    body = b'{"query": "query ($k: String) { mechanisms(filter: {key: $k}) { totalCount } }", ' \
           b'"variables": {"k": "\\ud83d\\ude00"}}'
    assert ok(post_raw(client, body)) == {"mechanisms": {"totalCount": 0}}


def test_no_answer_is_ever_a_500(client, ids):
    """A sweep of hostile inputs: each gets a JSON answer below 500."""
    bodies = [
        b"{", b"[", b"]", b"\x00", b"\xc0\xaf", b'{"query": null}', b'{"query": "\\u0000"}',
        b'{"query": "{ node(id: \\"\\u0000\\") { id } }"}', b'{"query": "{ __typename }", "operationName": 5}',
        json.dumps({"query": "query ($id: ID!) { node(id: $id) { id } }", "variables": {"id": "\u202e" * 500}}).encode(),
        json.dumps({"query": "{ documents(filter: {due: {start: \"2021-02-30\"}}) { totalCount } }"}).encode(),
        json.dumps({"query": "query ($d: Date) { documents(filter: {due: {start: $d}}) { totalCount } }",
                    "variables": {"d": "٢٠٢١-٠٢-٠١"}}).encode(),
        json.dumps({"query": "{ mechanisms(first: -1) { totalCount } }"}).encode(),
        json.dumps({"query": "{ mechanisms(first: 99999999999) { totalCount } }"}).encode(),
    ]
    for body in bodies:
        response = post_raw(client, body)
        assert response.status_code < 500, (body, response.content)
        assert response.headers["content-type"].startswith("application/json"), body
        assert "errors" in response.json(), body
