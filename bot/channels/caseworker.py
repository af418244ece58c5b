"""Rasa input channel for caseworkers: erase a case or a conversation on the person's request.

  POST /webhooks/caseworker/erase   Authorization: Bearer $KYRA_CASEWORKER_TOKEN
       {"case": "KY-XXXX-XXXX"}   the case's inbox and register rows, and the conversation it came from
       {"sender": "<sender id>"}  the conversation, and every case that came from it

Registered in credentials.yml as `bot.channels.caseworker.CaseworkerInput:`. Without KYRA_CASEWORKER_TOKEN
the endpoint is off (503); a wrong token gets 401. The conversation is erased from the tracker store under
its conversation lock (as bot/channels/privacy.py does), the case from the handoff database
(bot/privacy/cases.py). Answers counts: {"erased": true, "events": n, "referrals": n, "cases": n}; an unknown
case is 404; a body that is not a JSON object or is over KYRA_MAX_BODY_BYTES gets 400/413 with a reason
(bot/channels/validation.py). Referrals already sent to a webhook, e-mail or Telegram sink are outside KYRA:
docs/privacy.md.
"""
import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import InputChannel, UserMessage

from bot.channels.limits import MAX_SENDER_CHARS, Limits
from bot.channels.validation import Problem, parse_object
from bot.handoff.referral import TOKEN_PATTERN, find_token
from bot.privacy.cases import erase_cases, find_cases
from bot.privacy.erase import erase_under_lock

logger = logging.getLogger(__name__)
TOKEN_VARIABLE = "KYRA_CASEWORKER_TOKEN"
USAGE = 'body must be {"case": "KY-XXXX-XXXX"} or {"sender": "<sender id>"}'


def check_token(authorization: Optional[str], token: Optional[str]) -> Optional[Tuple[int, str]]:
    """None when the bearer token is right; else (status, reason)."""
    if not token:
        return 503, f"erasure by caseworkers is off: set {TOKEN_VARIABLE}"
    if not hmac.compare_digest((authorization or "").encode(), f"Bearer {token}".encode()):
        return 401, "unauthorised"
    return None


def parse_body(body: Any) -> Tuple[Optional[str], Optional[str], Optional[str]]:
    """(case token, sender id, error): exactly one of "case" and "sender"."""
    if not isinstance(body, dict) or len(set(body) & {"case", "sender"}) != 1 or set(body) - {"case", "sender"}:
        return None, None, USAGE
    case, sender = body.get("case"), body.get("sender")
    if case is not None:
        if not isinstance(case, str) or not TOKEN_PATTERN.fullmatch(case.strip()):
            return None, None, "case must be a case token like KY-ABCD-2345"
        return find_token(case), None, None
    if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
        return None, None, f"sender must be a string of 1 to {MAX_SENDER_CHARS} characters"
    return None, sender, None


async def erase(agent: Any, case: Optional[str], sender: Optional[str]) -> Tuple[int, Dict[str, Any]]:
    """Erase the conversation (under its lock), then the cases; returns (status, answer)."""
    sender, tokens = find_cases(token=case, sender_id=sender)
    events = 0
    if sender:
        events = await erase_under_lock(agent, sender)
        if events is None:
            return 501, {"erased": False, "error": "tracker store not supported"}
    counts = erase_cases(tokens)
    if case and not (counts.cases or counts.referrals or events):
        return 404, {"erased": False, "error": "unknown case"}
    logger.info("caseworker erasure: %d event(s), %d referral(s), %d case(s)", events, counts.referrals, counts.cases)
    return 200, {"erased": True, "events": events, "referrals": counts.referrals, "cases": counts.cases}


class CaseworkerInput(InputChannel):
    def __init__(self, limits: Optional[Limits] = None) -> None:
        self.limits = limits or Limits.from_env()

    @classmethod
    def name(cls) -> Text:
        return "caseworker"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        caseworker = Blueprint("kyra_caseworker", __name__)

        @caseworker.route("/erase", methods=["POST"])
        async def erase_route(request: Request) -> HTTPResponse:
            refused = check_token(request.headers.get("Authorization"), os.environ.get(TOKEN_VARIABLE))
            if refused:
                return response.json({"erased": False, "error": refused[1]}, status=refused[0])
            body = parse_object(request.body, self.limits)
            if isinstance(body, Problem):  # not JSON, not an object, over the body size limit
                return response.json({"erased": False, **body.as_json()}, status=body.status)
            case, sender, error = parse_body(body)
            if error:
                return response.json({"erased": False, "error": error}, status=400)
            status, answer = await erase(request.app.ctx.agent, case, sender)
            return response.json(answer, status=status)

        return caseworker
