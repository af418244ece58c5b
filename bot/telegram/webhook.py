"""Webhook mode: a small aiohttp server that takes Telegram's POSTs, checks them and queues the updates.

Telegram sends `X-Telegram-Bot-Api-Secret-Token` (the secret given to setWebhook): a missing or wrong one
gets 403. The server answers 200 at once and leaves the work to the Application's update queue; Telegram
retries a call that did not get a 2xx, so an update id already seen is answered 200 and dropped. A body that
is not a well-formed update gets 400, one over MAX_BODY 413 (never 5xx: Telegram would retry it).
Listens on 127.0.0.1 by default: put a TLS reverse proxy in front (Telegram calls https on 443/80/88/8443).
"""
import hmac
import json
import logging
from typing import Optional

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.telegram.state import Dedupe

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024


class WebhookServer:
    def __init__(self, application: Application, secret: str, path: str = "/telegram",
                 host: str = "127.0.0.1", port: int = 8081) -> None:
        if not secret:
            raise ValueError("a webhook needs a secret token")
        self.application = application
        self.secret = secret.encode()
        self.path = path if path.startswith("/") else "/" + path
        self.host, self.port = host, port
        self.seen = Dedupe()
        self._runner: Optional[web.AppRunner] = None

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_post(self.path, self.receive)
        return app

    async def receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            logger.warning("webhook call with a %s secret token refused", "wrong" if given else "missing")
            return web.Response(status=403)
        update = await self.parse(request)
        if update is None:
            return web.Response(status=400)
        if not self.seen.first_time(update.update_id):
            return web.Response(status=200)
        await self.application.update_queue.put(update)
        return web.Response(status=200)

    async def parse(self, request: web.Request) -> Optional[Update]:
        """The body as an Update; None for anything malformed (not JSON, not an object, a bad update id,
        fields of the wrong type). Too large a body gets 413 from aiohttp before this (MAX_BODY)."""
        try:
            data = json.loads(await request.read())
            update_id = data["update_id"]
            if not isinstance(update_id, int) or isinstance(update_id, bool):
                return None
            return Update.de_json(data, self.application.bot)
        except web.HTTPException:
            raise
        except Exception as error:  # noqa: BLE001 - python-telegram-bot raises many types on odd input
            logger.warning("webhook call with a malformed body refused (%s)", type(error).__name__)
            return None

    async def start(self) -> int:
        """Start listening; returns the port (useful with port 0)."""
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.port

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()
            self._runner = None
