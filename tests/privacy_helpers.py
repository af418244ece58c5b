"""Synthetic conversations written through Rasa's real SQLTrackerStore, on SQLite or the `postgres` fixture."""
import asyncio
from typing import Dict, Iterable, List, Sequence, Tuple

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

NOW = 1_800_000_000.0  # a fixed "now" (2027-01-15 08:00 UTC)
DAY = 86400.0
KINDS = ["sqlite", "postgresql"]


def sql_store(kind: str, request: pytest.FixtureRequest, tmp_path) -> SQLTrackerStore:
    """An empty SQL tracker store: a fresh SQLite file, or the session's PostgreSQL with its events cleared."""
    if kind == "sqlite":
        return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "trackers.db"))
    server = request.getfixturevalue("postgres")
    store = SQLTrackerStore(Domain.empty(), dialect="postgresql", host=server.host, port=server.port, db=server.db,
                            username=server.user, password=server.password)
    with store.session_scope() as session:
        session.query(store.SQLEvent).delete()
        session.commit()
    return store


def turn(text: str, at: float, intent: str = "greet", **slots: str) -> List[Event]:
    """One user message and the bot's answer at time `at` (seconds)."""
    events: List[Event] = [UserUttered(text, {"name": intent, "confidence": 1.0}, timestamp=at)]
    events += [SlotSet(name, value, timestamp=at) for name, value in slots.items()]
    return events + [ActionExecuted("utter_greet", timestamp=at), BotUttered("hello", timestamp=at),
                     ActionExecuted("action_listen", timestamp=at)]


def save(store: SQLTrackerStore, sender: str, turns: Iterable[List[Event]]) -> None:
    events = [e for t in turns for e in t]
    events.insert(0, ActionExecuted("action_listen", timestamp=events[0].timestamp if events else NOW))
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def save_all(store: SQLTrackerStore, conversations: Dict[str, Sequence[float]]) -> None:
    """sender -> the times of its turns (one message each)."""
    for sender, times in conversations.items():
        save(store, sender, [turn(f"message {i}", at) for i, at in enumerate(times)])


def stored(store: SQLTrackerStore) -> Dict[str, List[Tuple[str, float]]]:
    """sender -> [(event type, timestamp)] in the order stored."""
    event = store.SQLEvent
    with store.session_scope() as session:
        rows = session.query(event.sender_id, event.type_name, event.timestamp).order_by(event.id).all()
    found: Dict[str, List[Tuple[str, float]]] = {}
    for sender, kind, at in rows:
        found.setdefault(sender, []).append((kind, at))
    return found
