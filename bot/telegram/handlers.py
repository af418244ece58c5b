"""What the front end does with each update: commands, text, button presses, everything else, errors.

Every update from a private chat gets an answer. Text goes to the Rasa server under a pseudonymous sender
id; the server's answer is rendered (bot/telegram/render.py) and sent. Text is rate limited per chat and
bounded in size (docs/limits.md): a refused message gets a note in the user's language (once while the chat
stays over its rate) and never reaches the server. Photos, voice, files, stickers,
contacts, locations and videos are never downloaded: the user is told the bot reads text only. Logs name
no chat, user, message text or token: only what happened and exception types.
"""
import logging
from typing import Any, Dict, Optional

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.channels.limits import Limits, RateLimiter
from bot.channels.replies import SLOW_DOWN, TOO_LONG, limit_text, reply_language
from bot.content.profile import Profile
from bot.language.choice import base_language
from bot.language.languages import native_name, supported
from bot.privacy.pseudonym import pseudonym
from bot.telegram.campaigns import campaign_for
from bot.telegram.outbox import Outbox
from bot.telegram.pacing import Pacer
from bot.telegram.rasa import RasaClient, RasaUnavailable
from bot.telegram.render import escape, render_replies
from bot.telegram.state import ChatStates
from bot.telegram.texts import BotTexts

logger = logging.getLogger(__name__)
CHANNEL = "telegram"
GREET = "/greet"
LANGUAGE_PREFIX = "lang:"
LANGUAGES_PER_ROW = 3


def choose_language_payload(code: str) -> str:
    return f'/choose_language{{"language_choice":"{code}"}}'


class Frontend:
    def __init__(self, rasa: RasaClient, texts: BotTexts, sender_key: bytes, pacer: Pacer,
                 states: Optional[ChatStates] = None, limits: Optional[Limits] = None) -> None:
        self.rasa = rasa
        self.texts = texts
        self.sender_key = sender_key
        self.pacer = pacer
        self.states = states or ChatStates()
        self.limits = limits or Limits.from_env()
        self.limiter = RateLimiter.from_limits(self.limits)  # keyed by chat id, in memory only
        self.outbox: Outbox = None  # type: ignore[assignment]  # set by attach(), once the bot exists

    def attach(self, bot: Any) -> None:
        self.outbox = Outbox(bot, self.pacer, self.states)

    @property
    def profile(self) -> Profile:
        return self.texts.profile

    def sender(self, chat_id: int) -> str:
        return pseudonym(self.sender_key, CHANNEL, chat_id)

    # --- languages of the bot-side texts ---
    def local_language(self, chat_id: int, user: Optional[User]) -> str:
        """Without asking the server: the last language we know of, Telegram's language_code, the default."""
        state = self.states.peek(chat_id)
        return ((state and state.language) or base_language(user.language_code if user else None)
                or self.profile.default_language)

    async def language(self, chat_id: int, user: Optional[User]) -> str:
        """The conversation language as the Rasa server keeps it, else local_language."""
        return await self.rasa.language(self.sender(chat_id)) or self.local_language(chat_id, user)

    # --- talking to Rasa ---
    async def converse(self, update: Update, text: str, metadata: Optional[Dict[str, Any]] = None) -> None:
        chat, user = update.effective_chat, update.effective_user
        state = self.states.get(chat.id)
        async with state.lock:  # one turn at a time per chat, in order
            sent = {"channel": CHANNEL}
            if user and user.language_code:
                sent["language_hint"] = user.language_code
            if state.campaign:
                sent["campaign"] = state.campaign
            sent.update(metadata or {})
            try:
                async with self.outbox.typing(chat.id):
                    replies = await self.rasa.send(self.sender(chat.id), text, sent)
            except RasaUnavailable as error:
                logger.warning("Rasa server unavailable (%s)", error)
                await self.outbox.send_text(chat.id, self.texts.with_help("unavailable", self.local_language(chat.id, user)))
                return
            messages, language = render_replies(replies, self.profile.country)
            if language:
                state.language = language
            if not messages:  # nothing to show (a failed turn is a 503 -> RasaUnavailable above)
                logger.warning("Rasa server answered nothing")
                await self.outbox.send_text(chat.id, self.texts.with_help("error", self.local_language(chat.id, user)))
            for message in messages:
                await self.outbox.send_outgoing(chat.id, message)

    async def choose_language(self, update: Update, code: str) -> None:
        self.states.get(update.effective_chat.id).language = code
        await self.converse(update, choose_language_payload(code), {"language": code})

    # --- handlers ---
    async def track(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Group -1, before every handler: remember the id of the user's message (for /forget)."""
        message, chat = update.effective_message, update.effective_chat
        if isinstance(message, Message) and chat and chat.type == chat.PRIVATE:
            self.states.get(chat.id).remember_message(message.message_id, message.date.timestamp())

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        campaign = campaign_for(context.args[0] if context.args else None)
        metadata: Dict[str, Any] = {}
        if campaign:
            state = self.states.get(update.effective_chat.id)
            state.campaign = campaign.campaign
            if campaign.language:
                state.language = metadata["language"] = campaign.language
        await self.converse(update, GREET, metadata)

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        async with self.states.get(chat.id).lock:
            language = await self.language(chat.id, update.effective_user)
            await self.outbox.send_text(chat.id, self.texts.with_help("help", language))

    async def on_privacy(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        async with self.states.get(chat.id).lock:
            language = await self.language(chat.id, update.effective_user)
            await self.outbox.send_text(chat.id, self.texts.get("privacy", language))

    async def on_language(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        code = base_language(context.args[0]) if context.args else None
        if code:
            await self.choose_language(update, code)
            return
        buttons = [InlineKeyboardButton(native_name(c), callback_data=LANGUAGE_PREFIX + c) for c in supported()]
        rows = [buttons[i:i + LANGUAGES_PER_ROW] for i in range(0, len(buttons), LANGUAGES_PER_ROW)]
        async with self.states.get(chat.id).lock:
            prompt = self.texts.get("language_prompt", await self.language(chat.id, update.effective_user))
            await self.outbox.send_text(chat.id, prompt, InlineKeyboardMarkup(rows))

    async def on_forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        state = self.states.get(chat.id)
        async with state.lock:
            language = await self.language(chat.id, update.effective_user)
            erased = await self.rasa.forget(self.sender(chat.id))
            await self.outbox.delete(chat.id, state.deletable_messages())
            self.states.forget(chat.id)
        logger.info("forget: server %s", "erased" if erased else "NOT erased")
        await self.outbox.send_text(chat.id, self.texts.get("forget_done" if erased else "forget_failed", language))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = update.effective_message.text
        if await self.within_limits(update, text):
            await self.converse(update, text)

    async def within_limits(self, update: Update, text: str) -> bool:
        """The chat's rate limit and the size limit; a refused message gets a localized note instead."""
        chat, user = update.effective_chat, update.effective_user
        decision = self.limiter.check(chat.id)
        too_long = len(text) > self.limits.max_message_chars
        if decision.allowed and not too_long:
            return True
        logger.info("text refused: %s", "rate limit" if not decision.allowed else "too long")
        if not decision.allowed and decision.repeated:
            return False  # told already: a flood gets one note, not one per message
        state = self.states.get(chat.id)
        async with state.lock:  # after the answers to earlier messages
            metadata = {"language": state.language, "language_hint": user.language_code if user else None}
            language = await reply_language(metadata, text, self.profile.default_language)
            key = TOO_LONG if decision.allowed else SLOW_DOWN
            await self.outbox.send_text(chat.id, limit_text(key, language, self.limits.max_message_chars,
                                                            self.texts.responses))
        return False

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.on_help(update, context)

    async def on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Photos, voice, files, stickers, contacts, locations, videos…: not downloaded, not kept."""
        chat = update.effective_chat
        async with self.states.get(chat.id).lock:  # after the answers to earlier messages
            language = await self.language(chat.id, update.effective_user)
            await self.outbox.send_text(chat.id, self.texts.get("text_only", language))

    async def on_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        await self.outbox.send_text(chat.id, self.texts.get("private_only", self.local_language(chat.id, update.effective_user)))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, chat = update.callback_query, update.effective_chat
        data = query.data or ""
        if chat is None:
            await query.answer()
            return
        if data.startswith(LANGUAGE_PREFIX) and base_language(data[len(LANGUAGE_PREFIX):]):
            code = base_language(data[len(LANGUAGE_PREFIX):])
            await query.answer()
            await self.show_choice(query.message, native_name(code))
            await self.choose_language(update, code)
            return
        pressed = self.states.get(chat.id).callbacks.get(data)
        if pressed is None:  # from before a restart or /forget, or too old
            await query.answer(self.texts.get("button_expired", self.local_language(chat.id, update.effective_user)))
            return
        await query.answer()
        await self.show_choice(query.message, pressed.title)
        await self.converse(update, pressed.payload)

    async def show_choice(self, message: Any, title: str) -> None:
        """Edit the message whose button was pressed: its text, then the chosen option; no more buttons."""
        if isinstance(message, Message) and message.text is not None:
            await self.outbox.edit(message.chat_id, message.message_id, f"{message.text_html}\n\n✓ <b>{escape(title)}</b>")

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the exception's type only (its message may hold user text); tell the user where to get help."""
        logger.error("update failed: %s", type(context.error).__name__)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        chat = update.effective_chat
        try:
            if update.callback_query:
                try:
                    await update.callback_query.answer()
                except TelegramError:
                    pass  # already answered
            await self.outbox.send_text(chat.id, self.texts.with_help("error", self.local_language(chat.id, update.effective_user)))
        except Exception as error:  # noqa: BLE001 - the error handler must not raise
            logger.error("could not tell the user about the failure: %s", type(error).__name__)
