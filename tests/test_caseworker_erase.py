"""Erasure on a caseworker's request (bot/channels/caseworker.py): a case and its conversation, on SQLite and
PostgreSQL; the token check and the body checks (4xx with a reason, never 5xx)."""
import asyncio
import sqlite3
from types import SimpleNamespace

import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain

from bot.channels.caseworker import USAGE, CaseworkerInput, check_token, erase, parse_body
from bot.handoff.referral import Referral
from bot.handoff.sinks import CaseRegister, SqliteSink, deliver
from tests.privacy_helpers import KINDS, NOW, save_all, sql_store, stored


def referral() -> Referral:
    return Referral(language="bn", country="MY", topic="passport_confiscation", contact_channel="phone",
                    safe_time="morning", contact_handle="+60 12-345 6789")


@pytest.fixture(params=KINDS)
def world(request, tmp_path, monkeypatch):
    """Three conversations; "a" made two referrals, "b" one; the agent's stores as Rasa wraps them."""
    store = sql_store(request.param, request, tmp_path)
    save_all(store, {"a": [NOW - 10, NOW], "b": [NOW], "c": [NOW]})
    cases = tmp_path / "cases.db"
    monkeypatch.setenv("KYRA_CASES_DB", str(cases))
    tokens = {}
    for sender in ("a", "a", "b"):
        item = referral()
        asyncio.run(deliver(item, [SqliteSink(cases)], CaseRegister(cases), sender_id=sender))
        tokens.setdefault(sender, []).append(item.token)
    agent = SimpleNamespace(tracker_store=FailSafeTrackerStore(AwaitableTrackerStore(store)),
                            lock_store=InMemoryLockStore())
    return SimpleNamespace(store=store, cases=cases, tokens=tokens, agent=agent)


def case_rows(path):
    with sqlite3.connect(path) as db:
        return (sorted(r[0] for r in db.execute("SELECT token FROM referrals")),
                sorted(r[0] for r in db.execute("SELECT token FROM cases")))


def test_erasing_a_case_erases_its_conversation_and_every_case_of_it(world):
    before = stored(world.store)
    status, answer = asyncio.run(erase(world.agent, world.tokens["a"][1], None))
    assert status == 200
    assert answer == {"erased": True, "events": len(before["a"]), "referrals": 2, "cases": 2}
    assert stored(world.store) == {"b": before["b"], "c": before["c"]}
    assert case_rows(world.cases) == (world.tokens["b"], world.tokens["b"])
    status, answer = asyncio.run(erase(world.agent, world.tokens["a"][0], None))  # already gone
    assert status == 404 and answer["error"] == "unknown case"


def test_erasing_a_conversation_erases_its_cases(world):
    before = stored(world.store)
    status, answer = asyncio.run(erase(world.agent, None, "b"))
    assert status == 200 and answer == {"erased": True, "events": len(before["b"]), "referrals": 1, "cases": 1}
    assert set(stored(world.store)) == {"a", "c"}
    assert case_rows(world.cases) == (sorted(world.tokens["a"]),) * 2
    status, answer = asyncio.run(erase(world.agent, None, "nobody"))  # an unknown conversation is no error
    assert status == 200 and answer == {"erased": True, "events": 0, "referrals": 0, "cases": 0}


def test_a_case_without_a_known_conversation_still_loses_its_contact_data(world):
    with sqlite3.connect(world.cases) as db:
        db.execute("UPDATE cases SET sender_id = NULL")  # a register made before it knew conversations
    before = stored(world.store)
    status, answer = asyncio.run(erase(world.agent, world.tokens["b"][0], None))
    assert status == 200 and answer == {"erased": True, "events": 0, "referrals": 1, "cases": 1}
    assert stored(world.store) == before


def test_an_unsupported_store_erases_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("KYRA_CASES_DB", str(tmp_path / "cases.db"))
    item = referral()
    asyncio.run(deliver(item, [SqliteSink()], CaseRegister(), sender_id="a"))

    class OtherStore(TrackerStore):  # no eraser known
        async def save(self, tracker): ...
        async def retrieve(self, sender_id): ...
        async def keys(self): ...

    agent = SimpleNamespace(tracker_store=OtherStore(Domain.empty()), lock_store=InMemoryLockStore())
    status, answer = asyncio.run(erase(agent, item.token, None))
    assert status == 501 and case_rows(tmp_path / "cases.db") == ([item.token], [item.token])


def test_the_token_is_required_and_checked():
    assert check_token("Bearer x", None)[0] == 503 and check_token(None, "")[0] == 503
    assert check_token(None, "s3cret")[0] == 401
    assert check_token("Bearer wrong", "s3cret")[0] == 401
    assert check_token("s3cret", "s3cret")[0] == 401
    assert check_token("Bearer s3cret", "s3cret") is None


@pytest.mark.parametrize("body", [None, [], "KY-ABCD-2345", {}, {"case": "KY-ABCD-2345", "sender": "a"},
                                  {"case": "KY-ABCD-2345", "extra": 1}, {"case": "nonsense"}, {"case": 12},
                                  {"case": "KY-ABCD-2345 and more"}, {"sender": ""}, {"sender": 5},
                                  {"sender": "x" * 256}, {"sender": None}])
def test_bad_bodies_get_a_reason(body):
    case, sender, error = parse_body(body)
    assert error and case is None and sender is None


def test_good_bodies():
    assert parse_body({"case": " ky-abcd-2345 "}) == ("KY-ABCD-2345", None, None)
    assert parse_body({"case": "KYABCD2345"}) == ("KY-ABCD-2345", None, None)
    assert parse_body({"sender": "telegram-3f9c"}) == (None, "telegram-3f9c", None)


def test_channel_name_and_route():
    channel = CaseworkerInput.from_credentials(None)
    assert channel.name() == "caseworker" and channel.url_prefix() == "caseworker"
    assert [route.uri for route in channel.blueprint(lambda m: None)._future_routes] == ["/erase"]


def test_the_route_refuses_bodies_that_are_not_a_json_object_or_too_large(monkeypatch):
    from tests.channels.helpers import build_app, client

    monkeypatch.setenv("KYRA_CASEWORKER_TOKEN", "t0ken")
    headers = {"Authorization": "Bearer t0ken"}

    async def main():
        async with client(build_app([CaseworkerInput()], agent=None)) as http:
            return [(r.status_code, r.json()["error"]) for r in
                    [await http.post("/webhooks/caseworker/erase", content=body, headers=headers)
                     for body in (b"{", b"[]", b'{"sender": "' + b"s" * 70_000 + b'"}', b'{"nothing": 1}')]]

    assert asyncio.run(main()) == [(400, "not_json"), (400, "not_an_object"), (413, "body_too_large"), (400, USAGE)]
