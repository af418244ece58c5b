"""The supported languages and their names, scripts and direction, from Babel/CLDR."""
import functools
import unicodedata
from typing import Dict, List, Optional, Tuple

import yaml
from babel import Locale, UnknownLocaleError

from bot import ROOT

LANGUAGES_FILE = ROOT / "content" / "languages.yml"
# CLDR files Tagalog under its standard form, Filipino.
_BABEL_ALIASES = {"tl": "fil"}


@functools.lru_cache(maxsize=None)
def supported() -> Tuple[str, ...]:
    """Codes of the languages KYRA speaks, in menu order."""
    data = yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    return tuple(data["languages"])


def is_supported(code: Optional[str]) -> bool:
    return code in supported()


@functools.lru_cache(maxsize=None)
def babel_locale(code: str) -> Locale:
    """The Babel locale of a language code (Tagalog under CLDR's Filipino)."""
    return Locale.parse(_BABEL_ALIASES.get(code, code))


_locale = babel_locale


def name_in(code: str, display_language: str) -> str:
    """The name of language `code` as written in `display_language` (falls back to native)."""
    try:
        name = _locale(code).get_language_name(_locale(display_language))
    except (UnknownLocaleError, ValueError):
        name = None
    return name or native_name(code)


def babel_names(code: str) -> List[str]:
    """Every name CLDR gives language `code` in the supported languages ('Tagalog', 'Filipino' ...)."""
    names = []
    for display in supported():
        names.append(name_in(code, display))
        raw = _locale(display).languages.get(code)
        if raw:
            names.append(raw)
    return names


def native_name(code: str) -> str:
    """The language's own name for itself, capitalised for menus: 'Español', 'नेपाली'."""
    name = _locale(code).get_language_name(_locale(code)) or code
    return name[:1].upper() + name[1:]


def text_direction(code: str) -> str:
    """'rtl' or 'ltr'."""
    try:
        return _locale(code).text_direction
    except (UnknownLocaleError, ValueError):
        return "ltr"


def char_script(char: str) -> Optional[str]:
    """Unicode script of a letter, from its character name: 'LATIN', 'ARABIC', 'CJK', ...

    Vowel signs and other marks of a script count as its letters (Devanagari "ि", Bengali "া"): half of an
    Indic word is marks. None for digits, emoji, punctuation and script-less marks (combining accents).
    """
    if not char.isalpha() and unicodedata.category(char) not in ("Mn", "Mc"):
        return None
    try:
        first_word = unicodedata.name(char).split()[0]
    except ValueError:
        return None
    if first_word == "COMBINING":
        return None
    return {"HIRAGANA": "KANA", "KATAKANA": "KANA", "HANGUL": "HANGUL"}.get(first_word, first_word)


# A Han character carries about as much as a short word: count it three times against Latin letters.
SCRIPT_WEIGHT = {"CJK": 3}


def script_shares(text: str) -> Dict[str, float]:
    """Weighted share of each script among the letters of `text` (empty when it has no letters)."""
    scripts = [s for s in map(char_script, text) if s]
    weights = {s: scripts.count(s) * SCRIPT_WEIGHT.get(s, 1) for s in set(scripts)}
    total = sum(weights.values())
    return {s: w / total for s, w in weights.items()}


def in_script(text: str, script: str) -> str:
    """`text` without the letters of other scripts ("mera passport मालिक ने" → " मालिक ने" for Devanagari)."""
    return "".join(c if char_script(c) in (None, script) else " " for c in text)


def dominant_script(text: str) -> Optional[str]:
    shares = script_shares(text)
    return max(shares, key=shares.get) if shares else None


@functools.lru_cache(maxsize=None)
def native_script(code: str) -> str:
    """The script a language is natively written in, read off its CLDR native name."""
    scripts = [char_script(c) for c in _locale(code).get_language_name(_locale(code)) or ""]
    scripts = [s for s in scripts if s]
    return max(set(scripts), key=scripts.count) if scripts else "LATIN"


def languages_by_script() -> Dict[str, List[str]]:
    """Supported languages grouped by native script, e.g. {'DEVANAGARI': ['hi', 'ne'], ...}."""
    groups: Dict[str, List[str]] = {}
    for code in supported():
        groups.setdefault(native_script(code), []).append(code)
    return groups
