"""Rasa's REST channel with limits: POST /webhooks/rest/webhook {"sender", "message", "metadata"} -> [...].

Registered in credentials.yml as `bot.channels.rest.RestInput:` (in place of Rasa's `rest:`); same URL, same
answer (a list of bot messages, `?stream=true` too). Added (docs/limits.md): the body is checked
(bot/channels/validation.py) and each sender is rate limited (bot/channels/limits.py).
  400/413 {"error": reason, "detail": ...}   malformed body, wrong types, empty message, sender, metadata
  413 [{"recipient_id", "text"}]            the message is too long: the text says so in the user's language
  429 [{"recipient_id", "text"}]            too many messages: the text asks to wait; Retry-After: seconds
  503 [{"recipient_id", "text"}]            the turn failed with nothing to say (tracker or lock store down):
                                            the static help, the hotline and emergency numbers
Refusals carry the reason in the `X-Kyra-Error` header as well. Logs never hold the text or the sender.
"""
import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Union

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

import rasa.utils.endpoints
from rasa.core.channels import rest
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage

from bot.channels.limits import NOT_HANDLED, RATE_LIMITED, Decision, Limits, RateLimiter, rate_limiter_from_env
from bot.channels.replies import SLOW_DOWN, TOO_LONG, UNAVAILABLE, note_text, reply_language
from bot.channels.validation import Incoming, Problem, parse_message

logger = logging.getLogger(__name__)
REASON_HEADER = "X-Kyra-Error"
MAX_INPUT_CHANNEL_CHARS = 64


class RestInput(rest.RestInput):
    """The REST channel (credentials key `bot.channels.rest.RestInput`); name "rest"."""

    def __init__(self, limits: Optional[Limits] = None, limiter: Optional[RateLimiter] = None) -> None:
        self.limits = limits or Limits.from_env()
        self.limiter = limiter if limiter is not None else rate_limiter_from_env(self.limits)

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls()

    def input_channel(self, body: Dict[str, Any]) -> str:
        """Rasa's REST channel lets the client name the input channel; a bounded string only."""
        value = body.get("input_channel")
        return value if isinstance(value, str) and 0 < len(value) <= MAX_INPUT_CHANNEL_CHARS else self.name()

    async def note(self, key: str, status: int, reason: str, incoming: Optional[Incoming],
                   headers: Optional[Dict[str, str]] = None) -> HTTPResponse:
        """The channel's usual answer, a list of messages, with one localized text."""
        language = await reply_language(incoming.metadata if incoming else {}, incoming.text if incoming else "")
        message: Dict[str, Any] = {"text": note_text(key, language, self.limits.max_message_chars)}
        if incoming:
            message = {"recipient_id": incoming.sender, **message}
        return response.json([message], status=status, headers={REASON_HEADER: reason, **(headers or {})})

    async def refuse(self, problem: Problem) -> HTTPResponse:
        if problem.too_long:
            return await self.note(TOO_LONG, problem.status, problem.reason, problem.incoming)
        return response.json(problem.as_json(), status=problem.status, headers={REASON_HEADER: problem.reason})

    async def slow_down(self, incoming: Incoming, decision: Decision) -> HTTPResponse:
        return await self.note(SLOW_DOWN, 429, RATE_LIMITED, incoming, {"Retry-After": decision.retry_after_header})

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("kyra_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Union[ResponseStream, HTTPResponse]:
            incoming = parse_message(request.body, self.limits)
            if isinstance(incoming, Problem):
                return await self.refuse(incoming)
            decision = await self.limiter.acheck(incoming.sender)
            if not decision.allowed:
                return await self.slow_down(incoming, decision)
            channel = self.input_channel(incoming.body)
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(self.stream_response(on_new_message, incoming.text, incoming.sender,
                                                            channel, incoming.metadata),
                                       content_type="text/event-stream")
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(incoming.text, collector, incoming.sender,
                                                 input_channel=channel, metadata=incoming.metadata))
            except (CancelledError, Exception) as error:  # the type only: a message may name the sender
                logger.error("rest: the message could not be handled (%s)", type(error).__name__)
                if not collector.messages:  # else, as Rasa's REST channel, answer what was collected
                    return await self.note(UNAVAILABLE, 503, NOT_HANDLED, incoming)
            return response.json(collector.messages)

        return webhook
