"""Retention: delete the conversations and cases older than N days (docs/privacy.md; `make purge`).

A conversation is old when its latest event is older than the cutoff; it goes as a whole (every session).
A case goes when its referral is older than the cutoff (bot/privacy/cases.py). The Telegram front end and
the web widget keep nothing on the server besides the tracker store (the front end's per-chat state is in
memory, bounded, and lost on restart), so there is nothing else to purge.

Only counts come out, never a sender id or a token.
"""
import asyncio
import contextlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from sqlalchemy import func

from bot.privacy.cases import CaseCounts, purge_cases
from bot.privacy.erase import UnsupportedTrackerStore, secure_delete, underlying_stores

DEFAULT_DAYS = 30


@dataclass
class PurgeCounts:
    conversations: int = 0
    events: int = 0
    cases: CaseCounts = None  # type: ignore[assignment]

    def summary(self) -> str:
        cases = self.cases or CaseCounts()
        return (f"removed {self.conversations} conversation(s) ({self.events} event(s)), {cases.referrals} "
                f"referral(s) with contact data ({cases.unhandled} never picked up), {cases.cases} case(s)")


def cutoff_for(days: float, now: Optional[float] = None) -> float:
    if days < 0:
        raise ValueError("days must be 0 or more")
    return (time.time() if now is None else now) - days * 86400


def old_senders(store: SQLTrackerStore, cutoff: float) -> List[str]:
    """Conversations whose latest event is older than `cutoff` (epoch seconds)."""
    event = store.SQLEvent
    with store.session_scope() as session:
        rows = (session.query(event.sender_id).group_by(event.sender_id)
                .having(func.max(event.timestamp) < cutoff).all())
    return [sender for (sender,) in rows]


def purge_sender(store: SQLTrackerStore, sender: str, cutoff: float) -> int:
    """Delete one conversation if it is still old (it may have gone on meanwhile); returns the events deleted."""
    event = store.SQLEvent
    with store.session_scope() as session:
        latest = session.query(func.max(event.timestamp)).filter(event.sender_id == sender).scalar()
        if latest is None or latest >= cutoff:
            return 0
        secure_delete(session, store)
        deleted = session.query(event).filter(event.sender_id == sender).delete(synchronize_session=False)
        session.commit()
    return int(deleted or 0)


async def purge_conversations(store: TrackerStore, cutoff: float,
                              lock_store: Optional[LockStore] = None) -> PurgeCounts:
    """Delete the old conversations of every SQL store behind `store`; with a shared (Redis) lock store, each
    under its conversation lock, so a turn in progress on a server cannot write it back."""
    stores = list(underlying_stores(store))
    unsupported = [type(s).__name__ for s in stores if not isinstance(s, SQLTrackerStore)]
    if unsupported:
        raise UnsupportedTrackerStore(", ".join(unsupported))
    counts = PurgeCounts()
    for sql_store in stores:
        for sender in old_senders(sql_store, cutoff):
            lock = lock_store.lock(sender) if lock_store else contextlib.nullcontext()
            async with lock:
                deleted = purge_sender(sql_store, sender, cutoff)
            counts.conversations += 1 if deleted else 0
            counts.events += deleted
    return counts


def purge(store: TrackerStore, days: float = DEFAULT_DAYS, cases_path: Optional[Path] = None,
          lock_store: Optional[LockStore] = None, now: Optional[float] = None) -> PurgeCounts:
    """Apply the retention period to the tracker store and the handoff database."""
    cutoff = cutoff_for(days, now)
    counts = asyncio.run(purge_conversations(store, cutoff, lock_store))
    counts.cases = purge_cases(cutoff, cases_path)
    return counts
