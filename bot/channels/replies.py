"""What the sender of a refused message is told, and in which language (docs/limits.md).

The texts are `limit.too_long` and `limit.slow_down` of content/responses/<lang>.yml, and, when the assistant
could not handle the turn at all (tracker or lock store down), `utter_static_help`: the StaticHelpPolicy's text
with the deployment's hotline and emergency numbers (deployment.yml, cited). The language: the
request's explicit `metadata.language`, else the language identified in the text (script, a character n-gram
model of the training examples, langdetect: bot/language/detect.py), else `metadata.language_hint`, else the
deployment's default language. The detector is built on first use (about 2 s), off the event loop.
"""
import asyncio
import functools
import threading
from typing import Any, Dict, Optional

from bot.content.catalog import Catalogs
from bot.content.profile import load_profile
from bot.content.render import fill
from bot.language.choice import FIRST_MESSAGE_MIN_CONFIDENCE, SWITCH_MIN_WORDS, base_language
from bot.language.detect import LanguageDetector, word_count
from bot.language.languages import script_shares

TOO_LONG = "limit.too_long"
SLOW_DOWN = "limit.slow_down"
UNAVAILABLE = "utter_static_help"
DETECT_CHARS = 200  # the start of a long message tells its language well enough
CATALOGS = Catalogs()
_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from bot.language.languages import is_supported
    from bot.language.ngram import NgramLanguageModel
    from bot.nlu_data import training_examples

    examples = ((e.text, e.language) for e in training_examples() if is_supported(e.language))
    return LanguageDetector(NgramLanguageModel.train(examples))


def detector() -> LanguageDetector:
    with _lock:  # built once even when two threads ask at the same time
        return _detector()


def detected_language(text: str) -> Optional[str]:
    """The supported language the text is in, when identified well enough: a sentence of 3+ words, or a
    script other than Latin (a word or two in Latin letters, "ok", "m2", says little); else None."""
    text = (text or "")[:DETECT_CHARS]
    try:
        shares = script_shares(text)
        if not shares or (word_count(text) < SWITCH_MIN_WORDS and max(shares, key=shares.get) == "LATIN"):
            return None
        found = detector().detect(text)
    except Exception:  # noqa: BLE001 - a refusal must still be answered, in the default language
        return None
    return found.code if found.code and found.confidence >= FIRST_MESSAGE_MIN_CONFIDENCE else None


async def reply_language(metadata: Optional[Dict[str, Any]], text: str, default: Optional[str] = None) -> str:
    metadata = metadata if isinstance(metadata, dict) else {}
    explicit = base_language(metadata.get("language"))
    if explicit:
        return explicit
    detected = await asyncio.get_running_loop().run_in_executor(None, detected_language, text)
    return detected or base_language(metadata.get("language_hint")) or default or load_profile().default_language


def limit_text(key: str, language: str, max_chars: int, catalogs: Catalogs = CATALOGS) -> str:
    """The localized text of `key` (English when the language lacks it)."""
    return fill(catalogs.text(key, language, default=key), {"max": max_chars})


@functools.lru_cache(maxsize=1)
def _renderer():
    from bot.content.render import Renderer
    return Renderer(CATALOGS, load_profile())


def note_text(key: str, language: str, max_chars: int) -> str:
    """The text of a channel's note: a limit's, or the static help with the deployment's numbers."""
    if key == UNAVAILABLE:
        return _renderer().render(UNAVAILABLE, language)["text"]
    return limit_text(key, language, max_chars)
