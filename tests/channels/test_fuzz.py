"""Property-based tests of the channels' input parsing: any bytes or JSON value, straight into the validation
functions and through the REST, web and privacy blueprints (stub agent, no trained model). Never a 5xx or an
exception; whatever is accepted is within the limits. Bounded and derandomized so CI is quick and repeatable.
"""
import asyncio
import json
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.channels.limits import MAX_SENDER_CHARS, Limits
from bot.channels.validation import Incoming, Problem, metadata_size, parse_message, parse_object
from bot.channels.web import SENDER as WEB_SENDER
from tests.channels.helpers import StubAgent, build_app, channels, client

LIMITS = Limits(per_minute=600, burst=40, max_message_chars=60, max_body_bytes=1024, max_metadata_bytes=128)
BOUNDED = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
ROUTES = ("/webhooks/rest/webhook", "/webhooks/web/webhook", "/webhooks/privacy/forget")

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=20) | st.sampled_from(["\ud800", "a\udfffb", "\x00", " \n\t", "ار", "😭"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=16)
senders = (st.text(max_size=20) | st.text(min_size=250, max_size=260) | st.from_regex(WEB_SENDER, fullmatch=True)
           | json_values)
messages = (st.text(max_size=80) | st.text(min_size=55, max_size=65) | st.sampled_from(["", "  ", "\ud800 hola"])
            | json_values)
metadata = (st.none() | st.dictionaries(st.sampled_from(["language", "language_hint", "profile", "channel", "x"]),
                                        json_values, max_size=5) | json_values)
anything = st.fixed_dictionaries({}, optional={"sender": senders, "message": messages, "metadata": metadata,
                                               "input_channel": json_values})
plausible = st.fixed_dictionaries(  # mostly well-formed: the accepted side gets explored too
    {"sender": st.from_regex(WEB_SENDER, fullmatch=True) | st.text(min_size=1, max_size=30),
     "message": st.text(max_size=70)},
    optional={"metadata": st.none() | st.dictionaries(st.sampled_from(["language", "language_hint", "profile"]),
                                                      st.text(max_size=40) | scalars, max_size=3)})
bodies = anything | plausible


def dumps(value) -> bytes:
    return json.dumps(value).encode()


raw_bodies = (st.binary(max_size=200) | json_values.map(dumps) | bodies.map(dumps)
              | st.tuples(bodies.map(dumps), st.integers(0, 200)).map(lambda cut: cut[0][:cut[1]])
              | st.integers(1000, 1100).map(lambda n: b'{"sender": "s", "message": "' + b"x" * n + b'"}'))


def assert_within_limits(sender, text, metadata_value, limits=LIMITS):
    assert isinstance(sender, str) and 0 < len(sender) <= MAX_SENDER_CHARS and sender.strip()
    assert isinstance(text, str) and 0 < len(text) <= limits.max_message_chars and text.strip()
    assert isinstance(metadata_value, dict) and metadata_size(metadata_value) <= limits.max_metadata_bytes


def check_result(result):
    assert isinstance(result, (Incoming, Problem))
    if isinstance(result, Problem):
        assert 400 <= result.status < 500 and result.reason and result.detail
    else:
        assert_within_limits(result.sender, result.text, result.metadata)


@BOUNDED
@given(raw_bodies)
def test_parse_message_never_raises_and_accepts_only_what_fits(raw):
    check_result(parse_message(raw, LIMITS))
    check_result(parse_message(raw, LIMITS, WEB_SENDER))
    body = parse_object(raw, LIMITS)
    assert isinstance(body, dict) or 400 <= body.status < 500


@BOUNDED
@given(bodies)
def test_structured_bodies(body):
    result = parse_message(dumps(body), LIMITS)
    check_result(result)
    if isinstance(result, Incoming):
        assert result.sender == body["sender"] and result.metadata == (body.get("metadata") or {})


@pytest.fixture(scope="module")
def live():
    """The three channels on one app for the whole module, with a stub agent, on their own event loop."""
    loop = asyncio.new_event_loop()
    agent = StubAgent()
    context = client(build_app(channels(LIMITS), agent))
    http = loop.run_until_complete(context.__aenter__())
    yield SimpleNamespace(loop=loop, http=http, agent=agent)
    loop.run_until_complete(context.__aexit__(None, None, None))
    loop.close()


def check_answer(route, response):
    event(f"{route.split('/')[2]} {response.status_code}")  # pytest --hypothesis-show-statistics
    assert response.status_code < 500, (route, response.status_code, response.text[:200])
    assert response.status_code in (200, 400, 413, 429), (route, response.status_code)
    answer = response.json()  # every answer is JSON
    if route == ROUTES[0] and response.status_code in (200, 413, 429) and isinstance(answer, list):
        assert all(isinstance(m.get("text"), str) for m in answer)
    elif route == ROUTES[1] and response.status_code in (413, 429):
        assert answer["messages"][0]["text"] and answer["error"]
    elif response.status_code >= 400 and isinstance(answer, dict):
        assert answer["error"]


@BOUNDED
@given(raw=raw_bodies, route=st.sampled_from(ROUTES))
def test_the_blueprints_answer_any_body_without_a_server_error(live, raw, route):
    response = live.loop.run_until_complete(live.http.post(route, content=raw))
    check_answer(route, response)
    for message in live.agent.received:
        assert_within_limits(message.sender_id, message.text, message.metadata or {})
    live.agent.received.clear()


@BOUNDED
@given(body=bodies, route=st.sampled_from(ROUTES))
def test_the_blueprints_answer_any_structured_body(live, body, route):
    response = live.loop.run_until_complete(live.http.post(route, content=dumps(body)))
    check_answer(route, response)
    if response.status_code == 200 and route != ROUTES[2]:
        [message] = live.agent.received
        assert_within_limits(message.sender_id, message.text, message.metadata or {})
    live.agent.received.clear()
