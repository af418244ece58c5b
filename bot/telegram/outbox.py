"""Everything the front end sends to Telegram goes through here: paced, HTML, ids remembered for /forget.

Messages and edits wait for the pacer (per chat and overall); a 429 (RetryAfter) waits as told and tries
again; a chat that blocked the bot (Forbidden) is dropped silently. The ids of sent messages (never their
text) are kept in the chat's bounded state so /forget can delete them.
"""
import asyncio
import contextlib
import html
import logging
import re
from typing import AsyncIterator, Awaitable, Callable, List, Optional, TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.telegram.pacing import Pacer
from bot.telegram.render import Outgoing, escape
from bot.telegram.split import split_message, utf16_length
from bot.telegram.state import ChatState, ChatStates

logger = logging.getLogger(__name__)
T = TypeVar("T")
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
TYPING_AFTER = 0.3  # seconds: a quicker answer needs no "typing…" (saves an API call per turn)
TYPING_EVERY = 4.5  # seconds; Telegram shows "typing…" for about 5 s
ATTEMPTS = 3
DELETE_BATCH = 100  # deleteMessages takes up to 100 ids


def retry_seconds(error: RetryAfter) -> float:
    value = getattr(error, "_retry_after", None)
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value or 1)


def plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


class Outbox:
    def __init__(self, bot: Bot, pacer: Pacer, states: ChatStates) -> None:
        self.bot = bot
        self.pacer = pacer
        self.states = states

    async def _call(self, chat_id: Optional[int], call: Callable[[], Awaitable[T]]) -> Optional[T]:
        for _ in range(ATTEMPTS):
            await self.pacer.wait(chat_id)
            try:
                return await call()
            except RetryAfter as error:
                await asyncio.sleep(retry_seconds(error))
            except Forbidden:  # the user blocked the bot or deleted the chat
                return None
        return None

    async def send(self, chat_id: int, html_text: str, markup: Optional[InlineKeyboardMarkup] = None) -> Optional[Message]:
        async def send_html() -> Message:
            try:
                return await self.bot.send_message(chat_id, html_text, parse_mode=ParseMode.HTML, reply_markup=markup,
                                                   link_preview_options=NO_PREVIEW)
            except BadRequest as error:
                if "parse" not in str(error).lower():
                    raise
                logger.warning("Telegram refused our HTML; sent as plain text")
                return await self.bot.send_message(chat_id, plain(html_text), reply_markup=markup,
                                                   link_preview_options=NO_PREVIEW)

        message = await self._call(chat_id, send_html)
        if message is not None:
            self.states.get(chat_id).remember_message(message.message_id)
        return message

    def keyboard(self, outgoing: Outgoing, state: ChatState) -> Optional[InlineKeyboardMarkup]:
        rows = [[InlineKeyboardButton(b.title, url=b.url) if b.url else
                 InlineKeyboardButton(b.title, callback_data=state.remember_button(b.payload or "", b.title))
                 for b in row] for row in outgoing.buttons]
        return InlineKeyboardMarkup(rows) if rows else None

    async def send_outgoing(self, chat_id: int, outgoing: Outgoing) -> Optional[Message]:
        return await self.send(chat_id, outgoing.html, self.keyboard(outgoing, self.states.get(chat_id)))

    async def send_text(self, chat_id: int, text: str, markup: Optional[InlineKeyboardMarkup] = None) -> None:
        """Plain text (escaped, split if long); the keyboard goes under the last part."""
        parts = split_message(text, measure=lambda s: utf16_length(escape(s)))
        for i, part in enumerate(parts):
            await self.send(chat_id, escape(part), markup if i == len(parts) - 1 else None)

    async def edit(self, chat_id: int, message_id: int, html_text: str) -> None:
        """Replace a message's text and remove its keyboard; too long or not editable any more: keyboard only."""
        async def edit_text() -> object:
            try:
                if utf16_length(plain(html_text)) <= 4096:
                    return await self.bot.edit_message_text(html_text, chat_id, message_id, parse_mode=ParseMode.HTML,
                                                            reply_markup=None, link_preview_options=NO_PREVIEW)
                return await self.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
            except BadRequest:  # not modified, too old, deleted: nothing to show
                return None

        await self._call(chat_id, edit_text)

    async def delete(self, chat_id: int, message_ids: List[int]) -> None:
        """Delete messages (Telegram allows it for messages younger than 48 h); failures are ignored."""
        for start in range(0, len(message_ids), DELETE_BATCH):
            batch = message_ids[start:start + DELETE_BATCH]
            try:
                await self._call(None, lambda: self.bot.delete_messages(chat_id, batch))
            except TelegramError:
                for message_id in batch:
                    with contextlib.suppress(TelegramError):
                        await self._call(None, lambda: self.bot.delete_message(chat_id, message_id))

    @contextlib.asynccontextmanager
    async def typing(self, chat_id: int) -> AsyncIterator[None]:
        """Show "typing…" in the chat while the block runs (from TYPING_AFTER seconds on).

        Stopped with an event, not by cancelling: python-telegram-bot may turn the cancellation of a request in
        flight into a NetworkError, which would swallow it. A chat action still in flight finishes on its own.
        """
        done = asyncio.Event()

        async def keep_typing() -> None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(done.wait(), TYPING_AFTER)
            while not done.is_set():
                with contextlib.suppress(TelegramError):
                    await self.bot.send_chat_action(chat_id, ChatAction.TYPING)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(done.wait(), TYPING_EVERY)

        task = asyncio.create_task(keep_typing())
        task.add_done_callback(lambda t: t.cancelled() or t.exception())  # never "exception was never retrieved"
        try:
            yield
        finally:
            done.set()
