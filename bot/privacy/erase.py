"""Erase one conversation (all events of a sender id) from a Rasa tracker store.

One function per store type, looked up in ERASERS by the store's class: to support another store
(Redis, Mongo, DynamoDB), write `erase_<kind>(store, sender_id) -> int` and add it to ERASERS.
PostgreSQL, MySQL and SQLite are all the SQL store. Rasa wraps its store in FailSafeTrackerStore and
AwaitableTrackerStore; `erase_conversation` looks through both (and the in-memory fallback FailSafe
switches to when the primary store fails).
"""
import logging
from typing import Any, Callable, Dict, Iterator, List, Optional, Type

from sqlalchemy import text

from rasa.core.tracker_store import (
    AwaitableTrackerStore,
    FailSafeTrackerStore,
    InMemoryTrackerStore,
    SQLTrackerStore,
    TrackerStore,
)

logger = logging.getLogger(__name__)


class UnsupportedTrackerStore(Exception):
    """No eraser is known for this tracker store type."""


def secure_delete(session, store: SQLTrackerStore) -> None:
    """On SQLite, overwrite deleted rows with zeros (else their text stays in the file's free pages)."""
    if store.engine.dialect.name == "sqlite":
        session.execute(text("PRAGMA secure_delete = ON"))


def erase_sql(store: SQLTrackerStore, sender_id: str) -> int:
    """Delete the sender's rows of the events table; returns how many were deleted."""
    with store.session_scope() as session:
        secure_delete(session, store)
        deleted = (session.query(store.SQLEvent)
                   .filter(store.SQLEvent.sender_id == sender_id)
                   .delete(synchronize_session=False))
        session.commit()
    return int(deleted or 0)


def erase_in_memory(store: InMemoryTrackerStore, sender_id: str) -> int:
    """Drop the sender's serialised tracker; returns 1 if there was one."""
    return 0 if store.store.pop(sender_id, None) is None else 1


ERASERS: Dict[Type[TrackerStore], Callable[[TrackerStore, str], int]] = {
    SQLTrackerStore: erase_sql,
    InMemoryTrackerStore: erase_in_memory,
}


def underlying_stores(store: TrackerStore) -> Iterator[TrackerStore]:
    """The real stores behind Rasa's wrappers."""
    if isinstance(store, FailSafeTrackerStore):
        yield from underlying_stores(store._tracker_store)
        if store._fallback_tracker_store is not None:
            yield from underlying_stores(store._fallback_tracker_store)
    elif isinstance(store, AwaitableTrackerStore):
        yield from underlying_stores(store._tracker_store)
    else:
        yield store


def eraser_for(store: TrackerStore) -> Callable[[TrackerStore, str], int]:
    for store_type in type(store).__mro__:
        if store_type in ERASERS:
            return ERASERS[store_type]
    raise UnsupportedTrackerStore(type(store).__name__)


def erase_conversation(store: TrackerStore, sender_id: str) -> int:
    """Erase the sender's conversation from every store behind `store`; returns the number of records removed.

    Raises UnsupportedTrackerStore (before erasing anything) when a store has no eraser.
    """
    stores: List[TrackerStore] = list(underlying_stores(store))
    erasers = [eraser_for(s) for s in stores]
    return sum(erase(s, sender_id) for erase, s in zip(erasers, stores))


async def erase_under_lock(agent: Any, sender_id: str) -> Optional[int]:
    """Erase a conversation from a running Rasa server's tracker store while holding its conversation lock, so
    a turn in progress cannot write it back. Returns the records removed, or None (logged) when the tracker
    store has no eraser. Used by the privacy and caseworker channels."""
    try:
        async with agent.lock_store.lock(sender_id):
            return erase_conversation(agent.tracker_store, sender_id)
    except UnsupportedTrackerStore as error:
        logger.error("cannot erase conversations from a %s tracker store", error)
        return None
