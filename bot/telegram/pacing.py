"""Pace outgoing messages within Telegram's limits: about 1 message a second per chat (after a short
burst) and 30 a second overall. A generic cell-rate algorithm (GCRA): each call reserves the earliest slot
that keeps both rates and sleeps until then, so waiting senders go in the order they asked.
"""
import asyncio
import time
from collections import OrderedDict
from typing import Callable, Optional

MAX_TRACKED_CHATS = 10_000


class Bucket:
    """GCRA state for one rate: `rate` per second with bursts of `burst`; rate <= 0 means unlimited."""

    def __init__(self, rate: float, burst: int = 1) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.tolerance = self.interval * (max(burst, 1) - 1)
        self.tat = 0.0  # theoretical arrival time of the next call

    def reserve(self, at: float) -> float:
        """Reserve the first slot at or after `at`; returns that slot's time."""
        if not self.interval:
            return at
        slot = max(at, self.tat - self.tolerance)
        self.tat = max(self.tat, slot) + self.interval
        return slot


class Pacer:
    def __init__(self, chat_interval: float = 1.0, chat_burst: int = 3, global_rate: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.chat_rate = 1.0 / chat_interval if chat_interval > 0 else 0.0
        self.chat_burst = chat_burst
        self.overall = Bucket(global_rate, burst=max(int(global_rate), 1))
        self.clock = clock
        self._chats: "OrderedDict[int, Bucket]" = OrderedDict()

    def _chat(self, chat_id: int) -> Bucket:
        bucket = self._chats.pop(chat_id, None) or Bucket(self.chat_rate, self.chat_burst)
        self._chats[chat_id] = bucket
        while len(self._chats) > MAX_TRACKED_CHATS:
            self._chats.popitem(last=False)
        return bucket

    def chat_delay(self, chat_id: int) -> float:
        """Reserve the chat's next slot -> seconds to wait for it."""
        now = self.clock()
        return self._chat(chat_id).reserve(now) - now

    def overall_delay(self) -> float:
        """Reserve the next slot of the overall rate -> seconds to wait for it."""
        now = self.clock()
        return self.overall.reserve(now) - now

    async def wait(self, chat_id: Optional[int]) -> None:
        """Wait for the chat's turn, then for a slot of the overall rate (taken only when the chat may send)."""
        if chat_id is not None:
            delay = self.chat_delay(chat_id)
            if delay > 0:
                await asyncio.sleep(delay)
        delay = self.overall_delay()
        if delay > 0:
            await asyncio.sleep(delay)
