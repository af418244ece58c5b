"""Aggregate statistics for the NGOs' evidence base (`make stats`), with no per-user data.

The unit is a conversation-day: one conversation (sender id) on one UTC day on which the user wrote at least
once. Each is counted in a cell day × language × topic × country × handoff:
- language: the `language` slot as it stood at the end of that day ("unknown" if never set);
- country: the `country` slot likewise (where the user is; "unknown");
- topic: every topic of content/reference/topics.yml the user raised that day (an intent, or the `topic`
  slot an action set), so a conversation-day that raised two topics is counted in two rows; "none" if none;
- handoff: "yes" if a referral was sent that day (the bot said `handoff.sent`, which carries the case token).

Counts below K (default 5) are printed as "<K"; no totals or margins are printed, so no suppressed cell can be
recovered by subtraction, and a row is per day, so exports of overlapping periods give the same rows.
Nothing finer than a day, no ids, no text, no token leaves this module.
"""
import csv
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import IO, Dict, Iterable, Iterator, Optional, Set, Tuple

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import and_, or_

from bot.directory.select import refer_to

DEFAULT_MIN_COUNT = 5
HANDOFF_SENT = "handoff.sent"  # the response action_submit_referral utters after a referral went out
COLUMNS = ("day", "language", "topic", "country", "handoff", "conversations")
UNKNOWN, NO_TOPIC = "unknown", "none"
Row = Tuple[str, str, Optional[float], Optional[str], Optional[str], Optional[str]]


@dataclass(frozen=True, order=True)
class Cell:
    day: str
    language: str
    topic: str
    country: str
    handoff: str


def read_rows(store: SQLTrackerStore, until: Optional[float] = None) -> Iterator[Row]:
    """(sender id, type, timestamp, intent, slot name, data) of the events that matter, per sender in order.
    `data` only for the handoff utterances (the others' texts are never read)."""
    event = store.SQLEvent
    wanted = or_(event.type_name == "user",
                 and_(event.type_name == "slot", event.action_name.in_(("language", "country", "topic"))),
                 and_(event.type_name == "bot", event.data.like(f"%{HANDOFF_SENT}%")))
    query_filter = and_(wanted, event.timestamp < until) if until is not None else wanted
    with store.session_scope() as session:
        query = (session.query(event.sender_id, event.type_name, event.timestamp, event.intent_name,
                               event.action_name, event.data)
                 .filter(query_filter).order_by(event.sender_id, event.id).yield_per(1000))
        for sender, kind, at, intent, name, data in query:
            yield sender, kind, at, intent, name, (data if kind in ("slot", "bot") else None)


def _day(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).date().isoformat()


def _slot_value(data: Optional[str]) -> Optional[str]:
    try:
        value = json.loads(data or "{}").get("value")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value else None


def _is_handoff(data: Optional[str]) -> bool:
    try:
        return (json.loads(data or "{}").get("metadata") or {}).get("utter_action") == HANDOFF_SENT
    except (ValueError, AttributeError):
        return False


def count_cells(rows: Iterable[Row], since: Optional[str] = None, topics: Optional[Set[str]] = None) -> Counter:
    """Conversation-days per cell from `read_rows` output; days before `since` (YYYY-MM-DD) are left out."""
    topics = set(refer_to()) if topics is None else topics
    cells: Counter = Counter()
    days: Dict[str, Dict] = {}  # this sender's days: day -> {"wrote", "topics", "handoff", "language", "country"}
    state = {"language": UNKNOWN, "country": UNKNOWN}
    sender_now: Optional[str] = None

    def flush() -> None:
        for day, seen in days.items():
            if seen["wrote"] and (since is None or day >= since):
                for topic in sorted(seen["topics"]) or [NO_TOPIC]:
                    cells[Cell(day, seen["language"], topic, seen["country"], "yes" if seen["handoff"] else "no")] += 1
        days.clear()

    for sender, kind, at, intent, name, data in rows:
        if sender != sender_now:
            flush()
            sender_now, state = sender, {"language": UNKNOWN, "country": UNKNOWN}
        if at is None:
            continue
        seen = days.setdefault(_day(at), {"wrote": False, "topics": set(), "handoff": False})
        if kind == "user":
            seen["wrote"] = True
            if intent in topics:
                seen["topics"].add(intent)
        elif kind == "slot":
            value = _slot_value(data)
            if name == "topic":
                if value in topics:
                    seen["topics"].add(value)
            else:
                state[name] = value or UNKNOWN
        elif kind == "bot" and _is_handoff(data):
            seen["handoff"] = True
        seen.update(state)  # the slots as they stand at the latest event of the day
    flush()
    return cells


def shown(count: int, min_count: int = DEFAULT_MIN_COUNT) -> str:
    return f"<{min_count}" if count < min_count else str(count)


def write_csv(cells: Counter, out: IO[str], min_count: int = DEFAULT_MIN_COUNT) -> int:
    """One row per non-empty cell, sorted, small counts suppressed; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for cell in sorted(cells):
        writer.writerow([cell.day, cell.language, cell.topic, cell.country, cell.handoff,
                         shown(cells[cell], min_count)])
    return len(cells)


def day_start(day: str) -> float:
    """Epoch seconds of 00:00 UTC of a YYYY-MM-DD day."""
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc).timestamp()


def statistics(store: SQLTrackerStore, since: Optional[str] = None, until: Optional[str] = None) -> Counter:
    """The cells of the days `since`..`until` (YYYY-MM-DD, both included; open ends by default)."""
    end = day_start(until) + 86400 if until else None
    return count_cells(read_rows(store, end), since)
