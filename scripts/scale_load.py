"""Conversations sent to KYRA's scale stack (tests/scale, `make bench-scale`), and checks of what was stored.

A conversation is a list of turns; each turn is POSTed to the REST channel of a chosen base URL (a replica
or nginx) when the previous answer has come. `check_conversation` reads the tracker store's events and says
what is wrong with them: a user message lost, doubled or out of order, a turn without an answer, events
interleaved by two replicas at once.
"""
import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence

import aiohttp

REST = "/webhooks/rest/webhook"
TIMEOUT_S = 600

# Short, real questions in a few languages (the answers come from topics, services and the static fallback).
CONVERSATIONS = {
    "es": ["hola", "estoy en España", "mi jefe tiene mi pasaporte", "no me pagan el sueldo", "gracias"],
    "en": ["hi", "I'm in Spain", "my boss took my passport", "they don't pay my salary", "thanks"],
    "fr": ["bonjour", "je suis en Espagne", "mon patron garde mon passeport", "on ne me paie pas", "merci"],
    "pt": ["olá", "estou na Espanha", "meu patrão ficou com meu passaporte", "não me pagam o salário", "obrigado"],
}


@dataclass
class Turn:
    text: str
    target: str  # base URL
    sent: float = 0.0
    took: float = 0.0
    status: int = 0
    replies: list = field(default_factory=list)
    upstream: str = ""

    @property
    def answered(self) -> bool:
        return self.status == 200 and bool(self.replies)

    def text_of_replies(self) -> str:
        return "\n".join(r.get("text") or "" for r in self.replies)


async def send(session: aiohttp.ClientSession, sender: str, turn: Turn) -> Turn:
    turn.sent = time.monotonic()
    try:
        async with session.post(turn.target + REST, json={"sender": sender, "message": turn.text}) as response:
            turn.status = response.status
            turn.upstream = response.headers.get("X-Kyra-Upstream", "")
            body = await response.json(content_type=None)
            turn.replies = body if isinstance(body, list) else []
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        turn.status = -1
        turn.replies = [{"error": type(error).__name__}]
    turn.took = time.monotonic() - turn.sent
    return turn


async def converse(session: aiohttp.ClientSession, sender: str, turns: Sequence[Turn],
                   after_turn: Optional[Callable[[], None]] = None) -> List[Turn]:
    for turn in turns:
        await send(session, sender, turn)
        if after_turn:
            after_turn()
    return list(turns)


def client(connections: int = 128) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections),
                                 timeout=aiohttp.ClientTimeout(total=TIMEOUT_S))


async def burst(session: aiohttp.ClientSession, sender: str, turns: Sequence[Turn]) -> List[Turn]:
    """All turns at the same moment (people send "help" "help" "please" before the first answer)."""
    return list(await asyncio.gather(*(send(session, sender, turn) for turn in turns)))


def check_conversation(events: List[dict], sent: Sequence[str], ordered: bool = True) -> List[str]:
    """What is wrong with one conversation's stored events; [] when it is intact.

    Intact: the user messages are exactly those sent (in order when `ordered`), each followed by at least
    one bot message and then `action_listen` before the next one; no event stored twice; time never runs
    backwards (events of two replicas working on the conversation at once would interleave).
    """
    problems = []
    users = [e.get("text") for e in events if e["event"] == "user"]
    if (users if ordered else Counter(users)) != (list(sent) if ordered else Counter(sent)):
        problems.append(f"user messages {users!r}, sent {list(sent)!r}")
    stamps = [e.get("timestamp", 0) for e in events]
    if any(later < earlier for earlier, later in zip(stamps, stamps[1:])):
        problems.append("events out of time order")
    seen = Counter((e["event"], e.get("timestamp"), e.get("name"), e.get("text")) for e in events
                   if e["event"] in ("user", "bot", "action"))
    if any(count > 1 for count in seen.values()):
        problems.append("an event stored twice")
    starts = [i for i, e in enumerate(events) if e["event"] == "user"] + [len(events)]
    for start, end in zip(starts, starts[1:]):
        block = events[start + 1:end]
        if not any(e["event"] == "bot" for e in block):
            problems.append(f"no answer to user message {start}")
        actions = [e.get("name") for e in block if e["event"] == "action"]
        if not actions or actions[-1] != "action_listen":
            problems.append(f"turn {start} does not end listening")
    return problems


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0
