"""Per-language response catalogs (content/responses/<lang>.yml), reloaded when a file changes.

A catalog maps keys to texts. A text is a string, or {text: ..., reviewed: bool}; a file-level
`reviewed:` is the default. English is the source catalog and the fallback for missing keys.
"""
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple

import yaml

from bot import ROOT

CATALOG_DIR = ROOT / "content" / "responses"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Entry:
    text: str
    reviewed: bool


def parse_catalog(data: Dict) -> Dict[str, Entry]:
    default_reviewed = bool(data.get("reviewed", False))
    entries = {}
    for key, value in (data.get("texts") or {}).items():
        if isinstance(value, dict):
            entries[key] = Entry(str(value.get("text", "")).strip(), bool(value.get("reviewed", default_reviewed)))
        elif value is not None:
            entries[key] = Entry(str(value).strip(), default_reviewed)
    return entries


class Catalogs:
    """All language catalogs of a folder; a changed file is re-read on the next lookup."""

    def __init__(self, folder: Path = CATALOG_DIR) -> None:
        self.folder = folder
        self._cache: Dict[str, Tuple[float, Dict[str, Entry]]] = {}
        self._lock = threading.Lock()

    def catalog(self, language: str) -> Dict[str, Entry]:
        path = self.folder / f"{language}.yml"
        try:
            mtime = path.stat().st_mtime
        except OSError:
            return {}
        with self._lock:
            cached = self._cache.get(language)
            if cached and cached[0] == mtime:
                return cached[1]
            entries = parse_catalog(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
            self._cache[language] = (mtime, entries)
            return entries

    def lookup(self, key: str, language: str) -> Optional[Tuple[str, str]]:
        """(text, language it is in): the language's own text, else the English one, else None."""
        for candidate in (language, SOURCE_LANGUAGE):
            entry = self.catalog(candidate).get(key)
            if entry and entry.text:
                return entry.text, candidate
        return None

    def text(self, key: str, language: str, default: str = "") -> str:
        found = self.lookup(key, language)
        return found[0] if found else default
