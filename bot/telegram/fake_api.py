"""An offline stand-in for the Telegram Bot API on 127.0.0.1, for the tests and the benchmark.

Point the Application at `FakeBotAPI.base_url` (python-telegram-bot replaces `{token}`). It answers getMe,
records every call (method, parameters, monotonic time) and answers sendMessage, editMessageText,
answerCallbackQuery, sendChatAction, deleteMessage(s), setMyCommands, setWebhook, getUpdates (from
`queue_update`) like Telegram does. getFile is recorded and refused, so a test can prove nothing was downloaded.
"""
import asyncio
import json
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

from aiohttp import web

TOKEN = "123456:TEST-token-for-the-fake-api"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "KYRA", "username": "kyra_test_bot",
            "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}
JSON_PARAMETERS = {"reply_markup", "commands", "message_ids", "allowed_updates", "link_preview_options", "scope"}
TRUE_METHODS = {"answerCallbackQuery", "sendChatAction", "deleteMessage", "deleteMessages", "setMyCommands",
                "setWebhook", "deleteWebhook", "editMessageReplyMarkup", "close", "logOut"}


@dataclass
class Call:
    method: str
    params: Dict[str, Any]
    at: float  # time.monotonic()


class FakeBotAPI:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: List[Call] = []
        self._by_chat: Dict[tuple, List[Call]] = defaultdict(list)  # (method, chat id) -> calls, for `of`
        self.updates: List[Dict[str, Any]] = []
        self._offset = 0
        self._next_message_id = 10_000
        self._changed = asyncio.Condition()
        self._runner: Optional[web.AppRunner] = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot{{token}}"

    async def start(self) -> "FakeBotAPI":
        app = web.Application(client_max_size=10 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_post("/file/bot{token}/{path:.*}", self._file)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def __aenter__(self) -> "FakeBotAPI":
        return await self.start()

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()

    # --- looking at what the bot did ---
    def of(self, method: str, chat_id: Optional[int] = None) -> List[Call]:
        if chat_id is not None:
            return list(self._by_chat[(method, chat_id)])
        return [c for c in self.calls if c.method == method]

    def texts(self, chat_id: Optional[int] = None) -> List[str]:
        return [c.params["text"] for c in self.of("sendMessage", chat_id)]

    async def wait_for(self, predicate: Callable[["FakeBotAPI"], bool], timeout: float = 10.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: predicate(self)), timeout)

    def queue_update(self, update: Dict[str, Any]) -> None:
        """Hand an update to the next getUpdates (polling mode)."""
        self.updates.append(update)
        asyncio.get_running_loop().create_task(self._notify())

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # --- the API ---
    async def _params(self, request: web.Request) -> Dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        params: Dict[str, Any] = {}
        for key, value in (await request.post()).items():
            if not isinstance(value, str):
                value = "<file>"
            elif key in JSON_PARAMETERS:
                value = json.loads(value)
            elif key in ("chat_id", "message_id", "offset", "limit", "timeout") and value.lstrip("-").isdigit():
                value = int(value)
            params[key] = value
        return params

    def _message(self, params: Dict[str, Any], message_id: Optional[int] = None) -> Dict[str, Any]:
        if message_id is None:
            self._next_message_id += 1
            message_id = self._next_message_id
        message = {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                   "chat": {"id": params.get("chat_id"), "type": "private"}, "text": params.get("text", "")}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        try:
            method, params = request.match_info["method"], await self._params(request)
        except ConnectionResetError:  # the client gave up (a cancelled "typing…" call)
            return web.Response(status=499)
        if method == "getUpdates":
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        call = Call(method, params, time.monotonic())
        self.calls.append(call)
        self._by_chat[(method, params.get("chat_id"))].append(call)
        await self._notify()
        if method == "getMe":
            result: Any = BOT_USER
        elif method == "sendMessage":
            result = self._message(params)
        elif method == "editMessageText":
            result = self._message(params, int(params.get("message_id", 0)))
        elif method in TRUE_METHODS:
            result = True
        elif method == "getWebhookInfo":
            result = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        else:  # getFile and anything else: refused
            return web.json_response({"ok": False, "error_code": 400, "description": f"Bad Request: {method} refused by the fake"},
                                     status=400)
        return web.json_response({"ok": True, "result": result})

    async def _get_updates(self, params: Dict[str, Any]) -> List[Dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._offset = max(self._offset, offset)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
        while True:
            pending = [u for u in self.updates if u["update_id"] >= self._offset]
            if pending or time.monotonic() >= deadline:
                return pending[:int(params.get("limit") or 100)]
            await asyncio.sleep(0.02)

    async def _file(self, request: web.Request) -> web.Response:
        self.calls.append(Call("download", {"path": request.match_info["path"]}, time.monotonic()))
        await self._notify()
        return web.Response(status=404)
