"""Shared pieces of the Telegram tests: recorded updates, a running front end against the fake Bot API."""
import asyncio
import contextlib
import copy
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, AsyncIterator, Dict, Optional

from telegram import Update
from telegram.ext import Application

from bot.channels.limits import Limits
from bot.content.profile import load_profile
from bot.telegram.app import build_application
from bot.telegram.fake_api import TOKEN, FakeBotAPI
from bot.telegram.handlers import Frontend
from bot.telegram.pacing import Pacer
from bot.telegram.rasa import RasaClient
from bot.telegram.settings import Settings
from bot.telegram.texts import BotTexts

UPDATES = Path(__file__).parent / "updates"
CHAT_ID = 700100200
SENDER_KEY = b"test-sender-key"
_update_ids = iter(range(1, 10**9))


def load_update(name: str, update_id: Optional[int] = None, chat_id: Optional[int] = None,
                text: Optional[str] = None, language_code: Optional[str] = "es", **callback: Any) -> Dict[str, Any]:
    """A recorded update (tests/telegram/updates/<name>.json), dated now, with a fresh update id by default."""
    data = copy.deepcopy(json.loads((UPDATES / f"{name}.json").read_text(encoding="utf-8")))
    data["update_id"] = update_id if update_id is not None else next(_update_ids)
    body = next(v for k, v in data.items() if k != "update_id")
    message = body.get("message", body) if "callback_query" in data else body
    if "date" in message:
        message["date"] = int(time.time())
    users = [body["from"]] + ([message["from"]] if "callback_query" not in data else [])
    for user in users:
        if chat_id is not None:
            user["id"] = chat_id
        if language_code is None:
            user.pop("language_code", None)
        else:
            user["language_code"] = language_code
    if chat_id is not None:
        message["chat"]["id"] = chat_id
    if text is not None:
        message["text"] = text
        if message.get("entities"):
            message["entities"][0]["length"] = len(text.split()[0])
    body.update(callback)
    return data


@dataclass
class Running:
    api: FakeBotAPI
    app: Application
    frontend: Frontend

    async def feed(self, data: Dict[str, Any]) -> None:
        """Process one update to the end (handlers and error handler)."""
        await self.app.process_update(Update.de_json(data, self.app.bot))

    def sent(self, chat_id: int = CHAT_ID) -> list:
        return self.api.texts(chat_id)


@contextlib.asynccontextmanager
async def running(rasa_url: str, chat_interval: float = 0.0, global_rate: float = 0.0, start: bool = False,
                  rasa_timeout: float = 10.0, privacy_token: Optional[str] = None,
                  limits: Optional[Limits] = None) -> AsyncIterator[Running]:
    """The front end wired to a fresh fake Bot API and the given Rasa URL (webhook-style: no Updater)."""
    api = await FakeBotAPI().start()
    settings = Settings(token=TOKEN, base_url=api.base_url, rasa_url=rasa_url)
    frontend = Frontend(RasaClient(rasa_url, timeout=rasa_timeout, privacy_token=privacy_token),
                        BotTexts(load_profile()), SENDER_KEY, Pacer(chat_interval, 3, global_rate),
                        limits=limits or Limits())  # not the environment's
    app = build_application(settings, frontend, polling=False)
    try:
        async with app:
            if start:
                await app.start()
            try:
                yield Running(api, app, frontend)
            finally:
                if start:
                    await app.stop()
    finally:
        await frontend.rasa.close()
        await api.stop()


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)
