"""Webhook mode: a small aiohttp server that takes Telegram's POSTs, checks them and queues the updates.

Telegram sends `X-Telegram-Bot-Api-Secret-Token` (the secret given to setWebhook): a missing or wrong one
gets 403. The server answers 200 at once and leaves the work to the Application's update queue; Telegram
retries a call that did not get a 2xx, so an update id already seen is answered 200 and dropped.
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
        try:
            data = json.loads(await request.read())
            update_id = data["update_id"]
            if not isinstance(update_id, int):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            return web.Response(status=400)
        if not self.seen.first_time(update_id):
            return web.Response(status=200)
        await self.application.update_queue.put(Update.de_json(data, self.application.bot))
        return web.Response(status=200)

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
