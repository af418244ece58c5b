"""A referral (only what the form collects) and its anonymous case token."""
import re
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Dict, Optional

TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: easy to read out and type
# no \b: Chinese or Thai text runs straight into the token ("我的编号是KY-X4TJ-CRHL")
TOKEN_PATTERN = re.compile(r"(?<![A-Za-z0-9])KY-?([A-HJ-NP-Z2-9]{4})-?([A-HJ-NP-Z2-9]{4})(?![A-Za-z0-9])", re.IGNORECASE)


def new_token() -> str:
    part = lambda: "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(4))  # noqa: E731
    return f"KY-{part()}-{part()}"


def find_token(text: Optional[str]) -> Optional[str]:
    found = TOKEN_PATTERN.search(text or "")
    return f"KY-{found.group(1)}-{found.group(2)}".upper() if found else None


@dataclass(frozen=True)
class Referral:
    language: str
    country: Optional[str]
    topic: str
    contact_channel: str
    safe_time: str
    contact_handle: Optional[str] = None
    token: str = field(default_factory=new_token)
    created_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def as_dict(self) -> Dict:
        return asdict(self)
