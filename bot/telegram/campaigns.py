"""/start deep-link payloads -> campaign id and language (content/campaigns.yml); anything else is ignored."""
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

import yaml

from bot import ROOT
from bot.language.languages import is_supported

CAMPAIGNS_FILE = ROOT / "content" / "campaigns.yml"
PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class Campaign:
    campaign: str
    language: Optional[str] = None


@functools.lru_cache(maxsize=4)
def load_campaigns(path: Path = CAMPAIGNS_FILE) -> Dict[str, Campaign]:
    """Payload -> Campaign; entries with a bad payload, no campaign id or an unsupported language are skipped."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    campaigns = {}
    for payload, entry in (data.get("campaigns") or {}).items():
        if not isinstance(entry, dict) or not PAYLOAD.fullmatch(str(payload)) or not entry.get("campaign"):
            continue
        language = entry.get("language")
        campaigns[str(payload)] = Campaign(str(entry["campaign"]), language if is_supported(language) else None)
    return campaigns


def campaign_for(payload: Optional[str], path: Path = CAMPAIGNS_FILE) -> Optional[Campaign]:
    """The campaign a /start payload stands for; None for a missing, malformed or unknown payload."""
    if not payload or not PAYLOAD.fullmatch(payload):
        return None
    return load_campaigns(path).get(payload)
