"""Rasa input channel for the web widget: serves the widget and its demo page, and relays chat messages.

Registered in credentials.yml as `bot.channels.web.WebWidgetInput:`. Routes, all on the Rasa server:

  GET  /widget/v1/kyra-widget.js   the loader a host page embeds (one <script>, SRI; `make widget-snippet`)
  GET  /widget/v1/chat.html        the chat, shown by the loader in an iframe, with a strict CSP
  GET  /widget/v1/<file>           chat.js, chat.css, i18n.json (content/widget/), config.json (deployment)
  GET  /widget/demo/               a demo host page with a strict CSP (`make run` prints its URL)
  POST /webhooks/web/webhook       {"sender", "message", "metadata"} -> {"messages": [...], "language": "es"}

The webhook is the REST channel with checks: a random sender id, only the metadata keys KYRA reads
(`language`, `language_hint`, `profile`; `channel` is always "web"), and the conversation language in the
answer so the widget can set `lang`/`dir`. The body is checked and each sender rate limited as on the REST
channel (docs/limits.md): 400 {"error": reason, "detail"} for a malformed request; a message that is too
long (413) or comes too fast (429, Retry-After), or a turn that failed with nothing to say (503: tracker or
lock store down; the static help with the hotline and emergency numbers) gets {"messages": [{"text"}],
"language", "error"}, the text in the user's language, which the widget shows. Deleting a conversation is
POST /webhooks/privacy/forget (bot/channels/privacy.py). Docs: docs/widget.md.
"""
import html
import logging
import os
import re
from string import Template
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage

from bot.channels.limits import NOT_HANDLED, RATE_LIMITED, Limits, RateLimiter, rate_limiter_from_env
from bot.channels.replies import SLOW_DOWN, TOO_LONG, UNAVAILABLE, note_text, reply_language
from bot.channels.validation import Incoming, Problem, parse_message
from bot.language.languages import is_supported, text_direction
from bot.web.assets import Asset, LOADER, LOADER_PATH, demo_assets, loader_integrity, widget_assets

logger = logging.getLogger(__name__)

ANCESTORS_VARIABLE = "KYRA_WIDGET_ANCESTORS"
SENDER = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_METADATA_CHARS = 64  # each metadata value KYRA keeps
METADATA_KEYS = ("language", "language_hint", "profile")
ANCESTOR = re.compile(r"^(\*|'self'|'none'|https?://[A-Za-z0-9.*:-]+|https?:)$")

# The chat page runs only our own files: no inline code or style, no eval, no strings into the DOM as HTML.
CHAT_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
            "base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}; "
            "require-trusted-types-for 'script'; trusted-types 'none'")
# The demo host page allows exactly what docs/widget.md tells a host page to allow.
DEMO_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; frame-src 'self'; img-src 'self'; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            "require-trusted-types-for 'script'; trusted-types 'none'")
COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
PAGE_HEADERS = {**COMMON_HEADERS, "Cache-Control": "no-store",
                "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()"}
DEMO_PAGES = {"": "index.html", "about": "about.html", "weather": "weather.html"}


def frame_ancestors(configured: Any) -> str:
    """CSP frame-ancestors for the chat page: the sites allowed to embed it (default any)."""
    if isinstance(configured, (list, tuple)):
        configured = " ".join(str(s) for s in configured)
    value = str(configured or os.environ.get(ANCESTORS_VARIABLE) or "*")
    sources = [s for s in value.split() if ANCESTOR.match(s)]
    if len(sources) != len(value.split()):
        logger.warning("web widget: ignoring invalid frame_ancestors entries in %r", value)
    return " ".join(sources) or "'none'"


def clean_metadata(raw: Any) -> Dict[str, str]:
    metadata = {"channel": "web"}
    if isinstance(raw, dict):
        for key in METADATA_KEYS:
            value = raw.get(key)
            if isinstance(value, str) and 0 < len(value) <= MAX_METADATA_CHARS:
                metadata[key] = value
    return metadata


def clean_message(message: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """What the widget renders of one bot message: text, buttons, a `custom` payload."""
    out: Dict[str, Any] = {}
    if message.get("text"):
        out["text"] = str(message["text"])
    buttons = [{"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
               for b in message.get("buttons") or [] if isinstance(b, dict) and b.get("payload")]
    if buttons:
        out["buttons"] = buttons
    if isinstance(message.get("custom"), dict):
        out["custom"] = message["custom"]
    return out or None


class WebOutputChannel(CollectingOutputChannel):
    @classmethod
    def name(cls) -> Text:
        return "web"


async def conversation_language(request: Request, sender: str) -> Optional[str]:
    """The `language` slot after the turn (the widget sets the chat's lang/dir from it)."""
    try:
        tracker = await request.app.ctx.agent.tracker_store.retrieve(sender)
        language = tracker.get_slot("language") if tracker else None
    except Exception as error:  # the answer still goes out; the widget keeps its current language
        logger.error("web widget: could not read the conversation language (%s)", type(error).__name__)
        return None
    return language if is_supported(language) else None


class WebWidgetInput(InputChannel):
    """The web widget's channel (credentials key `bot.channels.web.WebWidgetInput`)."""

    def __init__(self, frame_ancestors_setting: Any = None, demo: bool = True, limits: Optional[Limits] = None,
                 limiter: Optional[RateLimiter] = None) -> None:
        self.ancestors = frame_ancestors(frame_ancestors_setting)
        self.demo = demo
        self.limits = limits or Limits.from_env()
        self.limiter = limiter if limiter is not None else rate_limiter_from_env(self.limits)

    @classmethod
    def name(cls) -> Text:
        return "web"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(credentials.get("frame_ancestors"), demo=credentials.get("demo", True) is not False)

    def url_prefix(self) -> Text:
        return "/"  # routes carry their full paths: /widget/... and /webhooks/web/...

    def asset_headers(self, name: str, asset: Asset) -> Dict[str, str]:
        headers = {**COMMON_HEADERS, "Content-Type": asset.content_type, "ETag": asset.etag}
        if name == LOADER:  # embedded cross-origin with integrity=: needs CORS
            headers.update({"Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin",
                            "Cache-Control": "public, max-age=3600"})
        elif name.endswith(".html"):
            headers.update({**PAGE_HEADERS, "Content-Security-Policy": CHAT_CSP.format(ancestors=self.ancestors)})
        else:
            headers["Cache-Control"] = "no-cache"
        return headers

    async def note(self, key: str, status: int, reason: str, incoming: Optional[Incoming],
                   headers: Dict[str, str]) -> HTTPResponse:
        """The webhook's usual answer with one localized text, and the reason."""
        language = await reply_language(incoming.metadata if incoming else {}, incoming.text if incoming else "")
        body = {"messages": [{"text": note_text(key, language, self.limits.max_message_chars)}],
                "language": language, "error": reason}
        return response.json(body, status=status, headers=headers)

    async def refuse(self, problem: Problem, headers: Dict[str, str]) -> HTTPResponse:
        if problem.too_long:
            return await self.note(TOO_LONG, problem.status, problem.reason, problem.incoming, headers)
        return response.json(problem.as_json(), status=problem.status, headers=headers)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web = Blueprint("kyra_web_widget", __name__)
        try:
            assets, integrity = widget_assets(), loader_integrity()
            demo = demo_assets() if self.demo else {}
        except Exception:  # a broken text file must not stop the Rasa server (and the other channels)
            logger.exception("web widget: could not load its files; /widget/ answers 404")
            assets, demo, integrity = {}, {}, ""

        def send_asset(request: Request, name: str, asset: Asset, headers: Dict[str, str]) -> HTTPResponse:
            if request.headers.get("If-None-Match") == asset.etag:
                return response.empty(status=304, headers={k: v for k, v in headers.items() if k != "Content-Type"})
            body = asset.body
            if "gzip" in request.headers.get("Accept-Encoding", ""):
                body = asset.gzipped
                headers = {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
            content_type = headers.pop("Content-Type")
            return response.raw(b"" if request.method == "HEAD" else body, headers=headers,
                                content_type=content_type)

        @web.route("/widget/v1/<name>", methods=["GET", "HEAD"])
        async def widget_file(request: Request, name: str) -> HTTPResponse:
            asset = assets.get(name)
            if asset is None:
                return response.text("not found", status=404, headers=dict(COMMON_HEADERS))
            return send_asset(request, name, asset, self.asset_headers(name, asset))

        @web.route("/widget/demo/", methods=["GET", "HEAD"], strict_slashes=True)
        async def demo_index(request: Request) -> HTTPResponse:
            if not demo:
                return response.text("not found", status=404, headers=dict(COMMON_HEADERS))
            return render_demo(request, DEMO_PAGES[""])

        @web.route("/widget/demo", methods=["GET", "HEAD"], strict_slashes=True)
        async def demo_redirect(request: Request) -> HTTPResponse:
            return response.redirect("/widget/demo/", headers=dict(COMMON_HEADERS))

        @web.route("/widget/demo/<page>", methods=["GET", "HEAD"])
        async def demo_page(request: Request, page: str) -> HTTPResponse:
            if page in DEMO_PAGES and demo:
                return render_demo(request, DEMO_PAGES[page])
            asset = demo.get(page)
            if asset is None or page.endswith(".html"):
                return response.text("not found", status=404, headers=dict(COMMON_HEADERS))
            return send_asset(request, page, asset, {**COMMON_HEADERS, "Content-Type": asset.content_type,
                                                     "ETag": asset.etag, "Cache-Control": "no-cache"})

        def render_demo(request: Request, file: str) -> HTTPResponse:
            language = request.args.get("lang", "")
            language = language if re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$", language) else "en"
            base = language.split("-")[0].lower()
            values = {"lang": language, "dir": text_direction(base) if is_supported(base) else "ltr",
                      "loader": LOADER_PATH, "integrity": integrity, "exit_url": "/widget/demo/weather"}
            page = Template(demo[file].body.decode()).safe_substitute({k: html.escape(v) for k, v in values.items()})
            headers = {**PAGE_HEADERS, "Content-Security-Policy": DEMO_CSP}
            return response.html(page, headers=headers)

        @web.route("/webhooks/web/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @web.route("/webhooks/web/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            no_store = {**COMMON_HEADERS, "Cache-Control": "no-store"}
            incoming = parse_message(request.body, self.limits, SENDER)
            if isinstance(incoming, Problem):
                return await self.refuse(incoming, no_store)
            decision = await self.limiter.acheck(incoming.sender)
            if not decision.allowed:
                return await self.note(SLOW_DOWN, 429, RATE_LIMITED, incoming,
                                       {**no_store, "Retry-After": decision.retry_after_header})
            sender, collector = incoming.sender, WebOutputChannel()
            message = UserMessage(incoming.text, collector, sender, input_channel=self.name(),
                                  metadata=clean_metadata(incoming.metadata))
            try:
                await on_new_message(message)
            except Exception as error:  # the type only: a lock error's message names the sender
                logger.error("web widget: the message could not be handled (%s)", type(error).__name__)
                if not collector.messages:
                    return await self.note(UNAVAILABLE, 503, NOT_HANDLED, incoming, no_store)
            messages = [m for m in map(clean_message, collector.messages) if m]
            return response.json({"messages": messages, "language": await conversation_language(request, sender)},
                                 headers=no_store)

        return web
