"""What the front end remembers per chat, in memory only and bounded: nothing survives a restart.

Per chat: the language for the bot-side texts (an explicit choice, or what the Rasa server last told),
the /start campaign, the callback ids of recent buttons (Telegram's callback_data holds only 64 bytes, so a
button carries a short id and the full Rasa payload stays here), the ids and times of recent messages
(for /forget; never their text), and a lock that keeps one chat's turns in order.
"""
import asyncio
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Deque, Dict, List, Optional, Tuple

MAX_CHATS = 10_000
MAX_CALLBACKS = 200  # per chat
MAX_MESSAGES = 500  # per chat, incoming and outgoing
DELETABLE_FOR = 48 * 3600 - 600  # Telegram lets a bot delete messages younger than 48 h; keep a margin


@dataclass
class Pressable:
    payload: str  # sent to Rasa
    title: str  # shown after the press


@dataclass
class ChatState:
    language: Optional[str] = None
    campaign: Optional[str] = None
    callbacks: "OrderedDict[str, Pressable]" = field(default_factory=OrderedDict)
    next_callback: int = 0
    messages: Deque[Tuple[int, float]] = field(default_factory=lambda: deque(maxlen=MAX_MESSAGES))
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def remember_button(self, payload: str, title: str) -> str:
        """A short callback id (≤ 12 bytes) for a Rasa button."""
        self.next_callback += 1
        key = f"b:{self.next_callback:x}"
        self.callbacks[key] = Pressable(payload, title)
        while len(self.callbacks) > MAX_CALLBACKS:
            self.callbacks.popitem(last=False)
        return key

    def remember_message(self, message_id: int, when: Optional[float] = None) -> None:
        self.messages.append((message_id, time.time() if when is None else when))

    def deletable_messages(self, now: Optional[float] = None) -> List[int]:
        now = time.time() if now is None else now
        return sorted({mid for mid, when in self.messages if now - when < DELETABLE_FOR})


class ChatStates:
    """Least-recently-used map chat id -> ChatState, at most `max_chats` chats."""

    def __init__(self, max_chats: int = MAX_CHATS) -> None:
        self.max_chats = max_chats
        self._chats: "OrderedDict[int, ChatState]" = OrderedDict()

    def get(self, chat_id: int) -> ChatState:
        state = self._chats.get(chat_id)
        if state is None:
            state = self._chats[chat_id] = ChatState()
            while len(self._chats) > self.max_chats:
                self._chats.popitem(last=False)
        else:
            self._chats.move_to_end(chat_id)
        return state

    def peek(self, chat_id: int) -> Optional[ChatState]:
        return self._chats.get(chat_id)

    def forget(self, chat_id: int) -> None:
        self._chats.pop(chat_id, None)

    def __len__(self) -> int:
        return len(self._chats)


class Dedupe:
    """Bounded set of recently seen update ids (Telegram retries a webhook call until it gets a 2xx)."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._seen: Dict[int, None] = OrderedDict()

    def first_time(self, update_id: int) -> bool:
        if update_id in self._seen:
            return False
        self._seen[update_id] = None
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)  # type: ignore[call-arg]
        return True
