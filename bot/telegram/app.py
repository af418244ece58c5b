"""Build the python-telegram-bot Application: handlers, error handler, command menus, and run it.

Polling by default (no public URL needed); webhook mode when TELEGRAM_WEBHOOK_URL is set. The bot's token
appears in every Bot API URL: logs are redacted and the httpx logger (which prints URLs) is raised to
WARNING.
"""
import asyncio
import logging
import secrets
import signal
from typing import Any, Optional, Tuple
from urllib.parse import urlparse

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.request import HTTPXRequest
from telegram.ext import (Application, CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler,
                          filters)

from bot.language.languages import supported
from bot.privacy.pseudonym import load_key
from bot.telegram.handlers import Frontend
from bot.telegram.pacing import Pacer
from bot.telegram.rasa import RasaClient
from bot.telegram.settings import Settings
from bot.telegram.texts import BotTexts
from bot.telegram.webhook import WebhookServer

logger = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
CONCURRENT_UPDATES = 256  # turns of different chats run side by side; one chat's turns stay in order
# Requests in flight to the Bot API. Small on purpose: httpcore 1.0's pool bookkeeping grows with the square
# of its connections and with every request queued inside it (python-telegram-bot's default pool of 256 made it
# most of the front end's CPU time under load), and Telegram's limits (30 msg/s) need few requests in flight.
POOL_SIZE = 16


class BoundedRequest(HTTPXRequest):
    """python-telegram-bot's HTTPX request with at most `size` requests in flight; the others wait here,
    not in httpcore's queue (whose bookkeeping would cost O(waiting × connections) per request)."""

    def __init__(self, size: int = POOL_SIZE) -> None:
        super().__init__(connection_pool_size=size)
        self._slots = asyncio.Semaphore(size)

    async def do_request(self, *args: Any, **kwargs: Any) -> Tuple[int, bytes]:
        async with self._slots:
            return await super().do_request(*args, **kwargs)


class RedactingFormatter(logging.Formatter):
    def __init__(self, fmt: str, hidden: str) -> None:
        super().__init__(fmt)
        self.hidden = hidden

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(self.hidden, "<token>") if self.hidden else text


def quiet_libraries() -> None:
    """httpx logs every URL (with the token) at INFO; python-telegram-bot logs every call's parameters (chat
    ids, texts) at DEBUG: keep them above those levels whatever the root level is."""
    for name in ("httpx", "httpcore", "aiohttp.access"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(logging.INFO)


def setup_logging(token: str, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", token))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    quiet_libraries()


def file_url(base_url: str) -> str:
    """The Bot API file URL matching a base URL ('…/bot{token}' -> '…/file/bot{token}'). Never used to download."""
    head, _, tail = base_url.rpartition("/bot")
    return f"{head}/file/bot{tail}" if head else base_url


def make_frontend(settings: Settings) -> Frontend:
    return Frontend(
        rasa=RasaClient(settings.rasa_url, timeout=settings.rasa_timeout, privacy_token=settings.privacy_token),
        texts=BotTexts(),
        sender_key=load_key(),
        pacer=Pacer(settings.chat_interval, settings.chat_burst, settings.global_rate),
    )


def register(application: Application, frontend: Frontend) -> None:
    private = filters.ChatType.PRIVATE
    application.add_handler(TypeHandler(Update, frontend.track), group=-1)
    for name, callback in (("start", frontend.on_start), ("help", frontend.on_help), ("language", frontend.on_language),
                           ("privacy", frontend.on_privacy), ("forget", frontend.on_forget)):
        application.add_handler(CommandHandler(name, callback, filters=private))
    application.add_handler(MessageHandler(private & filters.COMMAND, frontend.on_unknown_command))
    application.add_handler(MessageHandler(private & filters.TEXT, frontend.on_text))
    application.add_handler(MessageHandler(private, frontend.on_not_text))
    application.add_handler(MessageHandler(~private & filters.COMMAND, frontend.on_group))
    application.add_handler(CallbackQueryHandler(frontend.on_button))
    application.add_error_handler(frontend.on_error)


def build_application(settings: Settings, frontend: Optional[Frontend] = None, polling: bool = True) -> Application:
    frontend = frontend or make_frontend(settings)
    builder = (Application.builder().token(settings.token).base_url(settings.base_url)
               .base_file_url(file_url(settings.base_url)).concurrent_updates(CONCURRENT_UPDATES)
               .request(BoundedRequest())
               .post_shutdown(lambda app: frontend.rasa.close()))
    if polling:
        builder = builder.post_init(lambda app: set_commands(app))
    else:
        builder = builder.updater(None)
    application = builder.build()
    frontend.attach(application.bot)
    application.bot_data["kyra"] = frontend
    register(application, frontend)
    return application


async def set_commands(application: Application) -> None:
    """The command menu in every supported language (Telegram picks it by the user's app language)."""
    texts: BotTexts = application.bot_data["kyra"].texts
    for code in (None, *supported()):
        commands = [BotCommand(name, text) for name, text in texts.commands(code or texts.profile.default_language)]
        try:
            await application.bot.set_my_commands(commands, language_code=code)
        except TelegramError as error:
            logger.warning("setMyCommands(%s) failed: %s", code, type(error).__name__)


def run_polling(settings: Settings) -> None:
    build_application(settings).run_polling(allowed_updates=ALLOWED_UPDATES)


async def serve_webhook(settings: Settings, stop: Optional[asyncio.Event] = None) -> None:
    """Webhook mode until SIGINT/SIGTERM (or `stop` is set)."""
    application = build_application(settings, polling=False)
    secret = settings.webhook_secret or secrets.token_urlsafe(32)  # Telegram echoes it back in each call
    server = WebhookServer(application, secret, urlparse(settings.webhook_url).path or "/",
                           settings.webhook_listen, settings.webhook_port)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    async with application:
        await application.start()
        await set_commands(application)
        port = await server.start()
        await application.bot.set_webhook(settings.webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        logger.info("webhook mode: listening on %s:%s", settings.webhook_listen, port)
        try:
            await stop.wait()
        finally:
            await server.stop()
            await application.stop()
            await application.bot_data["kyra"].rasa.close()
