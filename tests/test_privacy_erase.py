"""Erasing a conversation from the tracker store (bot/privacy/erase.py) and the privacy channel's checks."""
import asyncio
import sqlite3

import pytest
from rasa.core.tracker_store import (AwaitableTrackerStore, FailSafeTrackerStore, InMemoryTrackerStore,
                                     SQLTrackerStore, TrackerStore)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.privacy import PrivacyInput, authorised
from bot.privacy.erase import UnsupportedTrackerStore, erase_conversation, erase_sql, underlying_stores

DOMAIN = Domain.empty()


def conversation(sender: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_listen"), UserUttered("mi jefe tiene mi pasaporte"), BotUttered("Tu pasaporte es tuyo.")])


def rows(db, sender: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


@pytest.fixture
def sql_store(tmp_path):
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "trackers.db"))
    for sender in ("telegram-aaa", "telegram-bbb"):
        asyncio.run(store.save(conversation(sender)))
    return store, tmp_path / "trackers.db"


def test_erase_on_sqlite_deletes_only_that_senders_rows(sql_store):
    store, db = sql_store
    assert rows(db, "telegram-aaa") == 3 and rows(db, "telegram-bbb") == 3
    assert erase_sql(store, "telegram-aaa") == 3
    assert rows(db, "telegram-aaa") == 0 and rows(db, "telegram-bbb") == 3
    assert asyncio.run(store.retrieve("telegram-aaa")) is None
    assert erase_sql(store, "telegram-aaa") == 0  # erasing twice is fine


def test_erase_looks_through_rasas_wrappers(sql_store):
    store, db = sql_store
    wrapped = FailSafeTrackerStore(AwaitableTrackerStore(store))  # what agent.tracker_store is
    assert list(underlying_stores(wrapped)) == [store]
    assert erase_conversation(wrapped, "telegram-bbb") == 3
    assert rows(db, "telegram-bbb") == 0 and rows(db, "telegram-aaa") == 3


def test_erase_in_memory_and_the_failsafe_fallback():
    primary, fallback = InMemoryTrackerStore(DOMAIN), InMemoryTrackerStore(DOMAIN)
    for store, sender in ((primary, "a"), (primary, "b"), (fallback, "a")):
        asyncio.run(store.save(conversation(sender)))
    store = FailSafeTrackerStore(primary, fallback_tracker_store=fallback)
    assert erase_conversation(store, "a") == 2
    assert set(primary.store) == {"b"} and not fallback.store


def test_an_unknown_store_erases_nothing_and_says_so(sql_store):
    class OtherStore(TrackerStore):
        async def save(self, tracker): ...
        async def retrieve(self, sender_id): ...
        async def keys(self): ...

    store, db = sql_store
    with pytest.raises(UnsupportedTrackerStore):
        erase_conversation(FailSafeTrackerStore(store, fallback_tracker_store=OtherStore(DOMAIN)), "telegram-aaa")
    assert rows(db, "telegram-aaa") == 3  # all or nothing


class Request:
    def __init__(self, headers):
        self.headers = headers


def test_bearer_token_when_configured():
    assert authorised(Request({}), None)
    assert authorised(Request({"Authorization": "Bearer s3cret"}), "s3cret")
    assert not authorised(Request({}), "s3cret")
    assert not authorised(Request({"Authorization": "Bearer wrong"}), "s3cret")
    assert not authorised(Request({"Authorization": "s3cret"}), "s3cret")


def test_channel_name_and_route():
    channel = PrivacyInput.from_credentials(None)
    assert channel.name() == "privacy" and channel.url_prefix() == "privacy"
    blueprint = channel.blueprint(lambda message: None)
    assert [route.uri for route in blueprint._future_routes] == ["/forget"]
