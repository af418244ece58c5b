"""Which language the conversation is in: one pure rule, used by the action server and the NLG.

Order: the user's explicit choice (menu, "in Spanish please", metadata.language from a channel)
> the current conversation language, which switches only on a message long and confident enough
> a channel hint at session start (Telegram language_code, the page language) > the deployment default.
"""
from dataclasses import dataclass
from typing import Optional, Tuple

from bot.language.languages import is_supported

SWITCH_MIN_WORDS = 3
SWITCH_MIN_CONFIDENCE = 0.9
FIRST_MESSAGE_MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Turn:
    detected: Optional[str] = None  # language identified in this message
    confidence: float = 0.0
    words: int = 0
    explicit: Optional[str] = None  # language the user chose in this message
    hint: Optional[str] = None  # channel hint, e.g. Telegram's language_code


def base_language(tag: Optional[str]) -> Optional[str]:
    """'pt-BR' -> 'pt', 'zh_Hans' -> 'zh', 'fil' -> 'tl'; None for anything unsupported."""
    if not tag or not isinstance(tag, str):
        return None
    code = tag.replace("_", "-").split("-")[0].strip().lower()
    code = {"fil": "tl", "in": "id"}.get(code, code)
    return code if is_supported(code) else None


def resolve(current: Optional[str], turn: Turn, default: str) -> Tuple[str, bool]:
    """The conversation language after this turn, and whether it switched automatically."""
    explicit = base_language(turn.explicit)
    if explicit:
        return explicit, False
    detected = turn.detected if is_supported(turn.detected) else None
    if is_supported(current):
        switch = (
            detected is not None
            and detected != current
            and turn.words >= SWITCH_MIN_WORDS
            and turn.confidence >= SWITCH_MIN_CONFIDENCE
        )
        return (detected, True) if switch else (current, False)
    if detected and turn.confidence >= FIRST_MESSAGE_MIN_CONFIDENCE:
        return detected, False
    return base_language(turn.hint) or default, False


CHOICE_INTENT = "choose_language"
CHOICE_ENTITY = "language_choice"


def turn_from_parse(parse_data: Optional[dict], metadata: Optional[dict]) -> Turn:
    """What one user message says about language: its identification, an explicit choice, a channel hint."""
    parse_data, metadata = parse_data or {}, metadata or {}
    identified = parse_data.get("language") or {}
    explicit = metadata.get("language")
    if (parse_data.get("intent") or {}).get("name") == CHOICE_INTENT:
        named = [e.get("value") for e in parse_data.get("entities") or [] if e.get("entity") == CHOICE_ENTITY]
        explicit = named[0] if named else explicit
    return Turn(detected=identified.get("code"), confidence=float(identified.get("confidence") or 0.0),
                words=int(identified.get("words") or 0), explicit=explicit, hint=metadata.get("language_hint"))
