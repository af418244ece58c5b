"""The conversation-language rule and language names found in free text."""
import pytest

from bot.language.choice import SWITCH_MIN_WORDS, Turn, base_language, resolve
from bot.language.names import find_language_name


def test_explicit_choice_beats_everything():
    assert resolve("en", Turn(detected="es", confidence=0.99, words=8, explicit="ne", hint="fr"), "en") == ("ne", False)


def test_conversation_language_switches_on_a_long_confident_message():
    assert resolve("en", Turn(detected="es", confidence=0.97, words=SWITCH_MIN_WORDS), "en") == ("es", True)


@pytest.mark.parametrize("turn", [
    Turn(detected="es", confidence=0.97, words=1),   # too short: "ok", "hola"
    Turn(detected="es", confidence=0.5, words=6),    # not sure enough
    Turn(detected=None, confidence=0.0, words=0),    # emoji, numbers
])
def test_conversation_language_holds_otherwise(turn):
    assert resolve("en", turn, "en") == ("en", False)


def test_first_message_is_answered_in_its_language():
    assert resolve(None, Turn(detected="fr", confidence=0.7, words=1), "en") == ("fr", False)


def test_channel_hint_then_default_at_session_start():
    assert resolve(None, Turn(detected=None, hint="pt-BR"), "en") == ("pt", False)
    assert resolve(None, Turn(detected=None, hint="de"), "es") == ("es", False)


@pytest.mark.parametrize("tag, code", [("pt-BR", "pt"), ("zh_Hans", "zh"), ("fil", "tl"), ("xx", None), (None, None)])
def test_base_language(tag, code):
    assert base_language(tag) == code


@pytest.mark.parametrize("text, code", [
    ("en español por favor", "es"), ("english pls", "en"), ("नेपालीमा बोल्नुस्", "ne"), ("на английском", "en"),
    ("说英语吧", "en"), ("tagalog po", "tl"), ("বাংলায় বলুন", "bn"), ("bahasa indonesia dong", "id"),
    ("my boss took my passport", None),
])
def test_language_names_in_free_text(text, code):
    assert find_language_name(text) == code
