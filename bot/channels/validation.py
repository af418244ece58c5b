"""Parse and check a channel's JSON body: {"sender", "message", "metadata"} -> an Incoming, or a Problem.

A Problem is a 4xx answer with a machine-readable `reason` (docs/limits.md). Nothing here raises on any
input: bytes that are not JSON, other JSON values, wrong types, deep nesting, lone surrogates.
"""
import json
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Pattern, Union

from bot.channels.limits import MAX_SENDER_CHARS, Limits

CONTROL = re.compile(r"[\x00-\x1f\x7f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
TOO_LONG = "message_too_long"
BODY_TOO_LARGE = "body_too_large"


@dataclass(frozen=True)
class Incoming:
    sender: str
    text: str
    metadata: Dict[str, Any]
    body: Dict[str, Any] = field(repr=False)  # the whole object, for a channel's own fields


@dataclass(frozen=True)
class Problem:
    status: int
    reason: str  # machine-readable: not_json, not_an_object, bad_sender, ... (docs/limits.md)
    detail: str  # for the client's developer, in English
    incoming: Optional[Incoming] = field(default=None, repr=False)  # a well-formed but too long message

    @property
    def too_long(self) -> bool:
        """The user's message is too long: the sender is told so in their language."""
        return self.reason in (TOO_LONG, BODY_TOO_LARGE)

    def as_json(self) -> Dict[str, str]:
        return {"error": self.reason, "detail": self.detail}


def parse_object(raw: Optional[bytes], limits: Limits) -> Union[Dict[str, Any], Problem]:
    """The body as a JSON object."""
    raw = raw or b""
    if len(raw) > limits.max_body_bytes:
        return Problem(413, BODY_TOO_LARGE, f"the body may have at most {limits.max_body_bytes} bytes")
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError, TypeError):  # also UnicodeDecodeError
        return Problem(400, "not_json", "the body must be JSON")
    if not isinstance(body, dict):
        return Problem(400, "not_an_object", "the body must be a JSON object")
    return body


def check_sender(sender: Any, pattern: Optional[Pattern[str]] = None) -> Optional[Problem]:
    if not isinstance(sender, str) or not sender.strip():
        return Problem(400, "bad_sender", "sender must be a non-empty string")
    if len(sender) > MAX_SENDER_CHARS:
        return Problem(400, "sender_too_long", f"sender may have at most {MAX_SENDER_CHARS} characters")
    if CONTROL.search(sender) or SURROGATE.search(sender) or (pattern and not pattern.match(sender)):
        return Problem(400, "bad_sender", "sender has characters that are not allowed"
                       + (f" (allowed: {pattern.pattern})" if pattern else ""))
    return None


def metadata_size(metadata: Dict[str, Any]) -> Optional[int]:
    """Bytes of the metadata as compact UTF-8 JSON; None when it cannot be written (too deep)."""
    try:
        text = json.dumps(metadata, ensure_ascii=False, separators=(",", ":"))
    except (ValueError, RecursionError, TypeError):
        return None
    return len(text.encode("utf-8", "surrogatepass"))


def check_metadata(metadata: Any, limits: Limits) -> Union[Dict[str, Any], Problem]:
    if metadata is None:
        return {}
    if not isinstance(metadata, dict):
        return Problem(400, "metadata_not_object", "metadata must be a JSON object")
    size = metadata_size(metadata)
    if size is None or size > limits.max_metadata_bytes:
        return Problem(400, "metadata_too_large", f"metadata may have at most {limits.max_metadata_bytes} bytes")
    return metadata


def parse_message(raw: Optional[bytes], limits: Limits, sender_pattern: Optional[Pattern[str]] = None
                  ) -> Union[Incoming, Problem]:
    """A chat message within the limits, or why not. Lone surrogates in the text become U+FFFD."""
    body = parse_object(raw, limits)
    if isinstance(body, Problem):
        return body
    sender, text = body.get("sender"), body.get("message")
    problem = check_sender(sender, sender_pattern)
    if problem:
        return problem
    metadata = check_metadata(body.get("metadata"), limits)
    if isinstance(metadata, Problem):
        return metadata
    if not isinstance(text, str):
        return Problem(400, "bad_message", "message must be a string")
    text = SURROGATE.sub("\ufffd", text)
    if not text.strip():
        return Problem(400, "empty_message", "message must not be empty")
    incoming = Incoming(sender, text, metadata, body)
    if len(text) > limits.max_message_chars:
        return Problem(413, TOO_LONG, f"message may have at most {limits.max_message_chars} characters", incoming)
    return incoming
