"""What every KYRA action needs: the conversation language, catalog texts, the user's country and topic."""
import functools
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from bot.content.catalog import Catalogs
from bot.content.profile import Profile, load_profile
from bot.content.render import Renderer, country_name, fill
from bot.directory.select import refer_to
from bot.language.languages import is_supported

GENERAL_TOPIC = "find_help"


@functools.lru_cache(maxsize=None)
def renderer() -> Renderer:
    return Renderer(Catalogs(), load_profile())


def profile() -> Profile:
    return renderer().profile


def language_of(tracker: Tracker) -> str:
    language = tracker.get_slot("language")
    return language if is_supported(language) else profile().default_language


def text(key: str, language: str, **values: Any) -> str:
    """A catalog text with placeholders filled (the deployment's values plus `values`)."""
    return renderer().render(key, language, values)["text"]


def label(language: str):
    return lambda key: renderer().label(key, language)


def country_of(tracker: Tracker) -> Optional[str]:
    """This turn's country (entity without role), else the slot."""
    for entity in tracker.latest_message.get("entities", []):
        if entity.get("entity") == "country" and not entity.get("role"):
            return entity.get("value")
    return tracker.get_slot("country")


def home_country_of(tracker: Tracker) -> Optional[str]:
    for entity in tracker.latest_message.get("entities", []):
        if entity.get("entity") == "country" and entity.get("role") == "home":
            return entity.get("value")
    return tracker.get_slot("home_country")


def latest_topic(tracker: Tracker) -> str:
    """The most recent know-your-rights topic the user asked about (the need), else the general one."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            intent = (event.get("parse_data") or {}).get("intent", {}).get("name")
            if intent in refer_to() and intent != "talk_to_human":
                return intent
    return GENERAL_TOPIC


def user_texts(tracker: Tracker, limit: int = 10) -> List[str]:
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return texts[-limit:]


def place(country: Optional[str], language: str) -> str:
    return country_name(country, language) if country else ""


__all__ = ["fill", "text", "label", "language_of", "country_of", "home_country_of", "latest_topic",
           "profile", "place", "user_texts"]
