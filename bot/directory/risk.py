"""Cues that a user has no papers or fears deportation (content/countries/no_papers.yml): then services
independent of police and immigration come first."""
import functools
import re
import unicodedata
from typing import Iterable, List

import yaml

from bot import ROOT

CUES_FILE = ROOT / "content" / "countries" / "no_papers.yml"


@functools.lru_cache(maxsize=None)
def _patterns() -> List["re.Pattern"]:
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    return [re.compile(p, re.IGNORECASE) for patterns in data["patterns"].values() for p in patterns]


def _plain(text: str) -> str:
    lowered = unicodedata.normalize("NFC", text).lower()
    return "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))


def fears_authorities(texts: Iterable[str]) -> bool:
    for text in texts:
        forms = (unicodedata.normalize("NFC", text or "").lower(), _plain(text or ""))
        if any(p.search(form) for p in _patterns() for form in forms):
            return True
    return False
