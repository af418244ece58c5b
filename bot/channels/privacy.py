"""Rasa input channel that erases a conversation: POST /webhooks/privacy/forget {"sender": "<sender id>"}.

Registered in credentials.yml as `bot.channels.privacy.PrivacyInput:`. Used by the Telegram front end's
/forget command and by the web widget. When KYRA_PRIVACY_TOKEN is set, requests must carry
`Authorization: Bearer <token>` (else 401). The sender's events are deleted from the tracker store
(bot/privacy/erase.py) while holding the conversation lock, so a turn in progress cannot write them back.
Answers {"erased": true}; erasing an unknown sender is not an error. A malformed body (not a JSON object,
too large, sender not a string of 1-255 characters) gets 400/413 {"erased": false, "error": reason, "detail"}
(bot/channels/validation.py, docs/limits.md).
"""
import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import InputChannel, UserMessage

from bot.channels.limits import Limits
from bot.channels.validation import Problem, check_sender, parse_object
from bot.privacy.erase import erase_under_lock

logger = logging.getLogger(__name__)
TOKEN_VARIABLE = "KYRA_PRIVACY_TOKEN"


def authorised(request: Request, token: Optional[str]) -> bool:
    if not token:
        return True
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


class PrivacyInput(InputChannel):
    def __init__(self, limits: Optional[Limits] = None) -> None:
        self.limits = limits or Limits.from_env()

    @classmethod
    def name(cls) -> Text:
        return "privacy"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        privacy = Blueprint("kyra_privacy", __name__)

        @privacy.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            if not authorised(request, os.environ.get(TOKEN_VARIABLE)):
                return response.json({"erased": False, "error": "unauthorised"}, status=401)
            body = parse_object(request.body, self.limits)
            problem = body if isinstance(body, Problem) else check_sender(body.get("sender"))
            if problem:
                return response.json({"erased": False, **problem.as_json()}, status=problem.status)
            sender = body["sender"]
            if await erase_under_lock(request.app.ctx.agent, sender) is None:
                return response.json({"erased": False, "error": "tracker store not supported"}, status=501)
            logger.info("erased a conversation on request")
            return response.json({"erased": True})

        return privacy
