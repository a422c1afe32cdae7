"""Property-based: hostile input to every endpoint of the REST API and every XBlock handler is never a 500.

The endpoints come from the URL resolver (a new route is fuzzed without touching this file). For each:
1. a sweep of hostile path parameters and query strings, the other parameters real (platform staff);
2. a sweep of its plausible body: every value in turn replaced by each hostile value of its kind (lone
   surrogates, NUL, integers of hundreds of digits, extreme floats, dates out of range or naive, wrong types);
3. hypothesis: mutated plausible bodies, random objects, non-objects and raw hostile bytes (deep nesting,
   NaN, invalid UTF-8), as platform staff (the most permissive: bodies reach validation) or a learner.
The four XBlock handlers get 3. as staff, the course's instructor and an enrolled learner. Runs on SQLite;
with ``DATABASE_URL=postgres://...`` too (NUL only fails there). Stats per endpoint: ``LLP_FUZZ_STATS=1 -s``.
"""

import json
import os
import re
from collections import Counter
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.programs import api as programs_api
from llp_edx_plugin.rest_api.v1 import urls as api_urls
from tests.certificates.conftest import CERT_COURSE, build_reading_course, complete_blocks
from tests.learning.runtime.conftest import build_course

pytestmark = pytest.mark.django_db

# A deeper search on demand: LLP_FUZZ_EXAMPLES=200 (and DATABASE_URL=postgres://... for NUL in queries).
MAX_EXAMPLES = int(os.environ.get("LLP_FUZZ_EXAMPLES", "12"))
BODYLESS_EXAMPLES = 3  # endpoints that read no body (their path and caller are swept apart)
BODY_METHODS = ("post", "put", "patch", "delete")
CALLERS = ("staff", "instructor", "learner")

# -- hostile values ----------------------------------------------------------------------------------------
TEXTS = [
    "\ud800",
    "a\udfffb",
    "x\x00y",
    "",
    " ",
    "\u202e\u0301",
    "😀" * 3,
    "a" * 3000,
    "<div>" * 3000 + "{% if a %}" * 3000,
    "%s{{",
]
INTS = [0, -1, 2**31, 2**63, -(2**63) - 1, 10**29, -(10**29), 10**300]
FLOATS = [1e308, -1e308, 5e-324, -0.0, 1.0000001, 100.0, -0.5]
DATES = [
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59Z",
    "10000-01-01T00:00:00Z",
    "2026-02-30T00:00:00Z",
    "2026-01-01T00:00:00",
    "2026-01-01",
    "2026-01-01T25:61:61+99:00",
]
WRONG_TYPES = [None, True, [], {}, "x", 1, 0.5]
HOSTILE_TEXT = st.sampled_from(TEXTS)
HOSTILE_INT = st.one_of(st.sampled_from(INTS), st.integers(min_value=-(10**300), max_value=10**300))
HOSTILE_FLOAT = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(FLOATS))
HOSTILE_DATE = st.sampled_from(DATES)
LEAF = st.one_of(HOSTILE_TEXT, st.text(max_size=20), HOSTILE_INT, HOSTILE_FLOAT, HOSTILE_DATE, st.booleans(), st.none())
FIELD_NAMES = st.sampled_from(
    [
        "name", "username", "password", "email", "full_name", "account_type", "company_id", "mark_attendance",
        "course_key", "title", "kind", "self_paced", "start", "end", "issues_certificates", "role", "active",
        "enabled", "statuses", "notes", "reason", "html", "language", "grading_policy", "certificate_template",
        "certificates_display_behavior", "certificate_available_date", "learner_generated_certificates",
        "certificate_language", "duration", "watched", "position", "answers", "usage_key", "present",
    ]
)  # fmt: skip
VALUE = st.recursive(
    LEAF,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(FIELD_NAMES | st.text(max_size=4), children),
    max_leaves=8,
)
NOT_AN_OBJECT = st.one_of(st.lists(LEAF, max_size=3), LEAF)
RAW_BODIES = st.sampled_from(
    [
        b"[" * 5000 + b"]" * 5000,
        b'{"a":' * 200 + b"1" + b"}" * 200,
        b'{"title": NaN}',
        b'{"title": Infinity}',
        b'{"n": ' + b"9" * 5000 + b"}",
        b"\xff\xfe\x00",
        b'{"title": "\xed\xa0\x80"}',  # a surrogate encoded as UTF-8 bytes: not UTF-8
        b"",
        b"{",
    ]
)

# -- plausible bodies, one per route (the suffix after the path parameters) --------------------------------
GRADING_POLICY = {
    "assignment_types": [{"type": "Homework", "short_label": "HW", "weight": 1.0, "min_count": 2, "drop_count": 0}],
    "grade_cutoffs": {"Pass": 0.5},
}
SETTINGS = {
    "title": "Leading Teams",
    "self_paced": True,
    "start": "2026-01-01T00:00:00Z",
    "end": "2027-01-01T00:00:00Z",
    "issues_certificates": True,
    "certificates_display_behavior": "end_with_date",
    "certificate_available_date": "2027-02-01T00:00:00Z",
    "learner_generated_certificates": True,
    "certificate_template": "classic",
    "certificate_language": "en",
    "grading_policy": GRADING_POLICY,
}
BASES = {
    "auth/token": {"username": "learner", "password": "pass-learner"},
    "companies": {"name": "Initech"},
    "users": {
        "username": "newbie",
        "password": "A-l0ng-passphrase",
        "email": "newbie@example.com",
        "full_name": "New Bie",
        "account_type": "employee",
        "company_id": 1,
    },
    "permissions": {"mark_attendance": True},
    "courses": {
        "course_key": "course-v1:New+C1+2026",
        "title": "New",
        "kind": "online",
        "self_paced": True,
        "start": "2026-01-01T00:00:00Z",
        "end": "2027-01-01T00:00:00Z",
        "issues_certificates": True,
    },
    "team": {"role": "staff"},
    "enrollments": {"username": "learner"},
    "settings": SETTINGS,
    "activation": {"active": True},
    "learner-generation": {"enabled": True},
    "generate": {"statuses": ["downloadable", "notpassing"]},
    "exceptions": {"username": "learner", "notes": "Granted by the dean"},
    "invalidations": {"username": "learner", "notes": "Plagiarism"},
    "templates": {"name": "Ours", "html": "<p>{{ learner_name }}</p>", "language": "en"},
    "certificate": {"reason": "Duplicate"},
    "credential": {"jwt": "eyJhbGciOiJFZERTQSJ9.e30.c2ln"},
    "progress": {"watched": [[0, 10], [20, 30]], "position": 30},
    "submit": {"answers": {"q1": "b", "q2": "a"}},
    "assignments": {"usernames": ["employee"], "course_key": "course-v1:LLP+LEAD101+2026"},
    "employees": {"is_active": False},
    "attendance": {"present": True},
    "videos": {"duration": 42.5},
    "reset": {"username": "learner", "usage_key": "block-v1:LLP+LEAD101+2026+type@llp_quiz+block@check"},
    "reports": {"kind": "company"},
    "programs": {
        "slug": "new-path",
        "title": "New Path",
        "kind": "pathway",
        "members": ["course-v1:LLP+LEAD101+2026", "leaders"],
        "description": "Steps",
        "in_order": True,
        "certificate_template": "classic",
        "certificate_language": "en",
    },
    "members": {"members": ["course-v1:LLP+LEAD101+2026"]},
    "requests": {
        "name": "Ann",
        "email": "ann@example.com",
        "course_key": "course-v1:LLP+LEAD101+2026",
        "message": "Hi",
    },
}


def hostile_like(value) -> list:
    """Hostile values of the same kind as ``value`` (they pass the type checks and reach the deeper rules)."""
    if isinstance(value, bool):
        return [0, 1, "true"]
    if isinstance(value, int):
        return INTS
    if isinstance(value, float):
        return FLOATS + INTS[2:]
    if isinstance(value, str) and value[:2] == "20":
        return DATES
    if isinstance(value, str):
        return TEXTS
    return []


def _like(value):
    values = hostile_like(value)
    return st.sampled_from(values) if values else VALUE


def leaf_paths(value, path: tuple = ()):
    """Paths to every value of a plausible body (containers included: they get wrong types too)."""
    if path:
        yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaf_paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from leaf_paths(child, (*path, index))


def replaced(base, path: tuple, new):
    body = json.loads(json.dumps(base))
    holder = body
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = new
    return body


@st.composite
def mutated(draw, base: dict):
    """``base`` with one or two values (at any depth) replaced by hostile ones, or a key added."""
    body = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(min_value=1, max_value=2))):
        holder, key = body, None
        while True:
            keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            if not isinstance(holder[key], dict | list) or draw(st.booleans()):
                break
            holder, key = holder[key], None
        if key is None or draw(st.integers(min_value=0, max_value=5)) == 0:
            holder_key = draw(FIELD_NAMES) if isinstance(holder, dict) else len(holder)
            if isinstance(holder, dict):
                holder[holder_key] = draw(VALUE)
            else:
                holder.append(draw(VALUE))
        else:
            holder[key] = draw(st.one_of(_like(holder[key]), VALUE))
    return body


def json_bodies(base: dict | None):
    choices = [st.dictionaries(FIELD_NAMES, VALUE, max_size=5).map(json.dumps), NOT_AN_OBJECT.map(json.dumps)]
    if base is not None:
        choices = [mutated(base).map(json.dumps)] * 4 + choices
    return st.one_of(*choices, RAW_BODIES)


MULTIPART_FILES = st.sampled_from(
    [
        b"",
        b"username_or_email,notes\nlearner,\x00\n",
        "username,notes\nlearner,\ud800\n".encode("utf-8", "surrogatepass"),
        b"username,notes\n" + b"learner," + b"x" * 100_000 + b"\n",
        b'"' * 1000 + b"\n",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"%PDF-1.7\n" + b"\x00" * 64,
        b"\x1f\x8b\x08\x00" + b"\x00" * 64,
    ]
)


# -- the endpoints -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Endpoint:
    route: str  # with {name} placeholders
    methods: tuple[str, ...]
    params: tuple[str, ...]
    base_name: str | None
    multipart: bool

    def __str__(self) -> str:
        return self.route


_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _routes(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern).strip("^$"), pattern.callback


def _base_name(route: str) -> str | None:
    parts = [p for p in route.split("/") if not p.startswith("{")]
    if route.startswith("certificates/{uuid}") and parts[-1] == "certificates":
        return "certificate"
    return parts[-1] if parts and parts[-1] in BASES else None


def api_endpoints() -> list[Endpoint]:
    """Every route of the REST API v1 with the body methods its view defines."""
    found: dict[str, Endpoint] = {}
    for raw, callback in _routes(api_urls.urlpatterns):
        view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        route = _CONVERTER.sub(lambda m: "{" + (m.group(2) or m.group(3)) + "}", raw)
        methods = tuple(m for m in (*BODY_METHODS, "get") if view is not None and hasattr(view, m))
        parsers = [p.media_type for p in getattr(view, "parser_classes", [])]
        previous = found.get(route)
        if previous is not None:  # the same route in two modules: the first one serves it
            continue
        found[route] = Endpoint(
            route=route,
            methods=methods,
            params=tuple(re.findall(r"{(\w+)}", route)),
            base_name=_base_name(route),
            multipart=parsers == ["multipart/form-data"] or route.endswith("/csv") or route.endswith("/logo"),
        )
    # The schema is a GET without input; its own test (CONTRACT.md "schema") covers it.
    return [endpoint for endpoint in found.values() if endpoint.route != "schema"]


HANDLERS = [("intro", "progress"), ("check", "submit"), ("wrap", "complete"), ("capa", "submit")]


# -- the world the calls run in ----------------------------------------------------------------------------
@pytest.fixture
def hostile_world(world, settings, tmp_path, django_capture_on_commit_callbacks):
    """The people of tests/people.py, a course with every block type, a learner enrolled, a real certificate."""
    settings.MEDIA_ROOT = tmp_path
    blocks = build_course(world.course_key)
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    readings = build_reading_course()
    courses_api.enroll(CERT_COURSE, world.users["learner"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        complete_blocks(world.users["learner"], CERT_COURSE, readings)
    cert = certificates_api.certificate_for(world.users["learner"].pk, CERT_COURSE)
    staff = accounts_api.get_actor(world.users["staff"])
    programs_api.create_program(staff, slug="leaders", title="Leaders", kind="pathway", members=[CERT_COURSE])
    clients = {}
    for name in CALLERS:
        client = APIClient(raise_request_exception=False)
        client.force_authenticate(user=world.users[name])
        clients[name] = client
    real = {
        "course_key": [world.course_key, CERT_COURSE],
        "usage_key": [blocks["intro"]],
        "username": ["learner", "employee"],
        "company_id": [str(world.companies["acme"].id)],
        "uuid": [cert.uuid],
        "job_id": ["1"],  # the first job of the test database, whoever's it is
        "report_id": ["1"],
        "request_id": ["1"],
        "slug": ["leaders"],
    }
    return world, blocks, clients, real


HOSTILE_PARAMS = {
    "course_key": ["course-v1:No+Such+Course", "course-v1:" + "A" * 300 + "+B+C", "course-v1:A%00+B+C"],
    "usage_key": ["block-v1:No+Such+Course+type@llp_video+block@x", "block-v1:%00"],
    "username": ["nobody", "a%00b", "%F0%9F%98%80" * 40, "x" * 400, "%ED%A0%80"],
    "company_id": ["0", "9" * 30, "99999999999999999999"],
    "uuid": ["not-a-uuid", "00000000-0000-4000-8000-000000000000", "a%00b", "9" * 60],
    "job_id": ["0", "9" * 30],
    "report_id": ["0", "9" * 30],
    "request_id": ["0", "9" * 30],
    "slug": ["nobody", "a%00b", "%ED%A0%80", "x" * 400, "course-v1:A%00+B+C", "%F0%9F%98%80" * 40],
}
QUERY_STRINGS = ["", "?page=9999999999999999999999", "?page_size=-1", "?status=%00", "?username=%00",
                 "?username=%ED%A0%80", "?index=" + "9" * 400, "?status=" + "x" * 2000]  # fmt: skip


STATS: dict = {}


def _url(route: str, values: dict) -> str:
    return "/api/v1/" + re.sub(r"{(\w+)}", lambda m: values[m.group(1)], route)


def _failure(method: str, url: str, caller: str, body, response) -> str:
    return f"{method.upper()} {url} as {caller} with {body!r:.300}: {response.status_code} {response.content[:300]!r}"


def _call(client, method: str, endpoint: Endpoint, url: str, body):
    if method == "get":
        return client.get(url)
    if endpoint.multipart:
        field = "logo" if endpoint.route.endswith("/logo") else "file"
        return getattr(client, method)(url, {field: SimpleUploadedFile("f.bin", body)}, format="multipart")
    return getattr(client, method)(url, body, content_type="application/json")


def _record(method: str, endpoint: Endpoint, url: str, caller: str, body, response, failures: list[str]) -> None:
    STATS.setdefault(f"{method} {endpoint.route}", Counter())[response.status_code] += 1
    if response.status_code >= 500:
        failures.append(_failure(method, url, caller, body, response))


def _fuzz(endpoint: Endpoint, hostile_world, failures: list[str]) -> None:
    """Generated bodies, with real path parameters, mostly as platform staff (so they reach validation)."""
    _world, _blocks, clients, real = hostile_world
    methods = [m for m in endpoint.methods if m != "get"]
    if not methods:
        return
    params = {name: st.sampled_from(real[name]) for name in endpoint.params}
    body_strategy = MULTIPART_FILES if endpoint.multipart else json_bodies(BASES.get(endpoint.base_name or ""))

    examples = MAX_EXAMPLES if endpoint.base_name or endpoint.multipart else BODYLESS_EXAMPLES

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
    @given(
        method=st.sampled_from(methods),
        caller=st.sampled_from(("staff", "staff", "staff", "learner")),
        values=st.fixed_dictionaries(params),
        body=body_strategy,
    )
    def check(method, caller, values, body):
        url = _url(endpoint.route, values)
        response = _call(clients[caller], method, endpoint, url, body)
        _record(method, endpoint, url, caller, body, response, failures)

    check()


def _leaf_sweep(endpoint: Endpoint, hostile_world, failures: list[str]) -> None:
    """Every value of the endpoint's plausible body, in turn, replaced by each hostile value of its kind."""
    base = BASES.get(endpoint.base_name or "")
    methods = [m for m in endpoint.methods if m != "get"]
    if base is None or endpoint.multipart or not methods:
        return
    _world, _blocks, clients, real = hostile_world
    url = _url(endpoint.route, {name: real[name][0] for name in endpoint.params})
    for path in leaf_paths(base):
        current = base
        for part in path:
            current = current[part]
        for value in hostile_like(current) + WRONG_TYPES:
            body = json.dumps(replaced(base, path, value))
            for method in methods:
                response = _call(clients["staff"], method, endpoint, url, body)
                _record(method, endpoint, url, "staff", body, response, failures)


def _sweep(endpoint: Endpoint, hostile_world, failures: list[str]) -> None:
    """Every hostile path parameter (the others real) and every hostile query string, as staff."""
    _world, _blocks, clients, real = hostile_world
    base = BASES.get(endpoint.base_name or "", {})
    body = b"" if endpoint.multipart else json.dumps(base)
    first = {name: real[name][0] for name in endpoint.params}
    urls = [_url(endpoint.route, first) + query for query in QUERY_STRINGS if "get" in endpoint.methods]
    for name in endpoint.params:
        urls += [_url(endpoint.route, {**first, name: value}) for value in HOSTILE_PARAMS[name]]
    for url in urls:
        for method in endpoint.methods:
            if "?" in url and method != "get":
                continue
            response = _call(clients["staff"], method, endpoint, url.split("?")[0] if method != "get" else url, body)
            _record(method, endpoint, url, "staff", body, response, failures)


GROUPS = {
    "accounts": lambda r: r.startswith(("auth", "companies", "users")),
    "courses": lambda r: r.startswith("courses") and "/certificates" not in r,
    "certificates": lambda r: "certificates" in r or r.startswith(("verify", "jobs", "me", "credentials")),
    "company, reports and support": lambda r: r.startswith(("company", "reports", "support")),
    "programs": lambda r: r.startswith("programs"),
}


@pytest.mark.parametrize("group", list(GROUPS))
def test_no_api_endpoint_answers_500_to_hostile_input(hostile_world, group):
    endpoints = [e for e in api_endpoints() if GROUPS[group](e.route) and e.methods]
    assert endpoints, group
    failures: list[str] = []
    for endpoint in endpoints:
        _sweep(endpoint, hostile_world, failures)
        _leaf_sweep(endpoint, hostile_world, failures)
        _fuzz(endpoint, hostile_world, failures)
    if os.environ.get("LLP_FUZZ_STATS"):
        print("\n".join(f"{k}: {dict(v)}" for k, v in STATS.items()))
    assert not failures, "\n".join(failures[:20])


def test_every_api_route_is_in_a_group():
    assert [e.route for e in api_endpoints() if not any(match(e.route) for match in GROUPS.values())] == []


def _fuzz_handler(course_key: str, usage_key: str, handler: str, clients: dict, failures: list[str]) -> None:
    @settings(max_examples=MAX_EXAMPLES * 2, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
    @given(caller=st.sampled_from(CALLERS), body=json_bodies(BASES.get(handler, {})), hostile_key=st.booleans())
    def check(caller, body, hostile_key):
        key = usage_key + "x%00" if hostile_key else usage_key
        url = f"/courses/{course_key}/xblock/{key}/handler/{handler}"
        response = clients[caller].post(url, body, content_type="application/json")
        if response.status_code >= 500:
            failures.append(_failure("post", url, caller, body, response))

    check()


def test_no_xblock_handler_answers_500_to_hostile_input(hostile_world):
    world, blocks, clients, _real = hostile_world
    failures: list[str] = []
    for block_id, handler in HANDLERS:
        _fuzz_handler(world.course_key, blocks[block_id], handler, clients, failures)
    assert not failures, "\n".join(failures[:20])
