"""Rasa input channel that erases a conversation: POST /webhooks/privacy/forget {"sender": "<sender id>"}.

Registered in credentials.yml as `bot.channels.privacy.PrivacyInput:`. Used by the Telegram front end's
/forget command and by the web widget. When KYRA_PRIVACY_TOKEN is set, requests must carry
`Authorization: Bearer <token>` (else 401). The sender's events are deleted from the tracker store
(bot/privacy/erase.py) while holding the conversation lock, so a turn in progress cannot write them back.
Answers {"erased": true}; erasing an unknown sender is not an error.
"""
import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import InputChannel, UserMessage

from bot.privacy.erase import UnsupportedTrackerStore, erase_conversation

logger = logging.getLogger(__name__)
TOKEN_VARIABLE = "KYRA_PRIVACY_TOKEN"
MAX_SENDER_LENGTH = 255  # the SQL tracker store's sender_id column


def authorised(request: Request, token: Optional[str]) -> bool:
    if not token:
        return True
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


class PrivacyInput(InputChannel):
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
            try:
                sender = (request.json or {}).get("sender")
            except Exception:  # body is not JSON
                sender = None
            if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_LENGTH:
                return response.json({"erased": False, "error": "body must be {\"sender\": \"<id>\"}"}, status=400)
            agent = request.app.ctx.agent
            try:
                async with agent.lock_store.lock(sender):
                    erase_conversation(agent.tracker_store, sender)
            except UnsupportedTrackerStore as error:
                logger.error("cannot erase conversations from a %s tracker store", error)
                return response.json({"erased": False, "error": "tracker store not supported"}, status=501)
            logger.info("erased a conversation on request")
            return response.json({"erased": True})

        return privacy
