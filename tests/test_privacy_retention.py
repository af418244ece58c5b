"""Retention (`make purge`): old conversations and cases go, everything else stays — SQLite and PostgreSQL."""
import asyncio
import json
import sqlite3
import time
from datetime import datetime, timezone

import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore, InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain

from bot.handoff.referral import Referral
from bot.handoff.sinks import CaseRegister, SqliteSink, deliver
from bot.privacy.cases import purge_cases
from bot.privacy.erase import UnsupportedTrackerStore
from bot.privacy.retention import cutoff_for, purge
from bot.privacy.stores import open_tracker_store
from scripts import purge as purge_script
from tests.privacy_helpers import DAY, KINDS, NOW, save_all, sql_store, stored

CONVERSATIONS = {
    "old": [NOW - 45 * DAY, NOW - 31 * DAY],  # latest event 31 days ago: goes
    "just-old": [NOW - 30 * DAY - 60],  # a minute past the cutoff: goes
    "just-new": [NOW - 30 * DAY + 60],  # a minute before it: stays
    "long": [NOW - 60 * DAY, NOW - 2 * DAY],  # started long ago but went on: stays whole
    "new": [NOW - 3600],
}


def conversations(now: float):
    return {sender: [at - NOW + now for at in times] for sender, times in CONVERSATIONS.items()}


@pytest.fixture(params=KINDS)
def empty_store(request, tmp_path) -> SQLTrackerStore:
    return sql_store(request.param, request, tmp_path)


@pytest.fixture
def store(empty_store) -> SQLTrackerStore:
    save_all(empty_store, CONVERSATIONS)
    return empty_store


def test_purge_deletes_exactly_the_conversations_whose_latest_event_is_old(store, tmp_path):
    before = stored(store)
    counts = purge(store, 30, tmp_path / "cases.db", now=NOW)
    after = stored(store)
    assert set(after) == {"just-new", "long", "new"}
    assert all(after[sender] == before[sender] for sender in after)  # untouched, old events of "long" included
    assert counts.conversations == 2
    assert counts.events == len(before["old"]) + len(before["just-old"])
    assert not (tmp_path / "cases.db").exists()  # no handoff database: nothing to do, nothing created


def test_purge_twice_and_other_periods(store, tmp_path):
    assert purge(store, 30, tmp_path / "cases.db", now=NOW).conversations == 2
    assert purge(store, 30, tmp_path / "cases.db", now=NOW).conversations == 0
    assert purge(store, 1.5, tmp_path / "cases.db", now=NOW).conversations == 2  # "just-new" and "long"
    assert set(stored(store)) == {"new"}
    assert purge(store, 0, tmp_path / "cases.db", now=NOW).conversations == 1
    assert stored(store) == {}


def test_purge_through_rasas_wrappers_with_a_lock_store(store, tmp_path):
    wrapped = FailSafeTrackerStore(AwaitableTrackerStore(store))
    counts = purge(wrapped, 30, tmp_path / "cases.db", lock_store=InMemoryLockStore(), now=NOW)
    assert counts.conversations == 2 and set(stored(store)) == {"just-new", "long", "new"}


def test_a_store_that_cannot_be_purged_says_so():
    with pytest.raises(UnsupportedTrackerStore):
        purge(InMemoryTrackerStore(Domain.empty()), 30, now=NOW)
    with pytest.raises(ValueError):
        cutoff_for(-1)


def referral(days_ago: float, now: float = NOW) -> Referral:
    created = datetime.fromtimestamp(now - days_ago * DAY, timezone.utc).isoformat(timespec="seconds")
    return Referral(language="ne", country="QA", topic="unpaid_wages", contact_channel="whatsapp",
                    safe_time="evening", contact_handle="+974 5555 1234", created_at=created)


def cases_db(tmp_path, now: float = NOW):
    path = tmp_path / "cases.db"
    made = {"old": referral(40, now), "old-closed": referral(31, now), "recent": referral(29, now),
            "new": referral(1, now)}
    for name, item in made.items():
        asyncio.run(deliver(item, [SqliteSink(path)], CaseRegister(path), sender_id=f"sender-{name}"))
    CaseRegister(path).set_status(made["old-closed"].token, "closed")
    orphan = referral(50, now)  # inbox took it, another sink failed: no register row
    asyncio.run(SqliteSink(path).send(orphan))
    return path, made


def rows(path, table):
    with sqlite3.connect(path) as db:
        return sorted(row[0] for row in db.execute(f"SELECT token FROM {table}"))


def test_cases_older_than_the_period_go_with_their_contact_data(tmp_path):
    path, made = cases_db(tmp_path)
    counts = purge_cases(NOW - 30 * DAY, path)
    keep = sorted([made["recent"].token, made["new"].token])
    assert rows(path, "referrals") == keep and rows(path, "cases") == keep
    assert (counts.referrals, counts.cases, counts.unhandled) == (3, 2, 1)
    with sqlite3.connect(path) as db:
        assert "+974" not in json.dumps(db.execute("SELECT * FROM cases").fetchall())  # register: no contact data


def test_purge_script_prints_counts_only(empty_store, tmp_path, capsys):
    store, now = empty_store, time.time()  # the script's "now" is the real one
    save_all(store, conversations(now))
    path, made = cases_db(tmp_path, now)
    url = store.engine.url.render_as_string(hide_password=False)
    assert purge_script.main(["--db", url, "--days", "30", "--cases", str(path)]) == 0
    out = capsys.readouterr()
    assert "removed 2 conversation(s)" in out.out and "3 referral(s)" in out.out and "2 case(s)" in out.out
    leaked = [s for s in list(CONVERSATIONS) + [r.token for r in made.values()] + ["sender-old"]
              if s in out.out + out.err and s not in ("old", "new", "long")]
    assert not leaked
    assert set(stored(store)) == {"just-new", "long", "new"}


def test_purge_script_reports_a_broken_store_without_details(capsys):
    assert purge_script.main(["--db", "postgresql://kyra:s3cret@127.0.0.1:1/kyra", "--days", "30"]) == 1
    out = capsys.readouterr()
    assert "purge failed" in out.err and "s3cret" not in out.out + out.err


def test_the_store_comes_from_the_endpoints_file_as_rasa_reads_it(tmp_path, monkeypatch):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: ${TRACKER_DB}\n")
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "elsewhere.db"))
    store = open_tracker_store(endpoints=endpoints)
    assert isinstance(store, SQLTrackerStore) and store.engine.url.database == str(tmp_path / "elsewhere.db")
