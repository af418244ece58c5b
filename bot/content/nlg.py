"""Rasa NLG (endpoints.yml `nlg: type: bot.content.nlg.CatalogNLG`): the response in the conversation language.

Texts come from content/responses/<lang>.yml at run time, so they are edited without retraining.
"""
import logging
from typing import Any, Dict, Optional, Text

from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.trackers import DialogueStateTracker

from bot.content.catalog import Catalogs
from bot.content.profile import load_profile
from bot.content.render import Renderer
from bot.language.choice import Turn, resolve
from bot.language.languages import is_supported

LANGUAGE_SLOT = "language"
logger = logging.getLogger(__name__)


def tracker_language(tracker: DialogueStateTracker, default: str) -> str:
    """The language slot; if the action server could not set it, the same rule applied here."""
    slot = tracker.get_slot(LANGUAGE_SLOT)
    if is_supported(slot):
        return slot
    message = tracker.latest_message
    parsed = (message.parse_data or {}).get("language") or {} if message else {}
    metadata = (message.metadata or {}) if message else {}
    turn = Turn(detected=parsed.get("code"), confidence=parsed.get("confidence") or 0.0,
                words=parsed.get("words") or 0, explicit=metadata.get("language"),
                hint=metadata.get("language_hint"))
    return resolve(None, turn, default)[0]


class CatalogNLG(NaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Any = None, **kwargs: Any) -> None:
        self.profile = load_profile()
        self.renderer = Renderer(Catalogs(), self.profile)

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text,
                       **kwargs: Any) -> Optional[Dict[Text, Any]]:
        language = kwargs.get("language")
        if not is_supported(language):
            language = tracker_language(tracker, self.profile.default_language)
        return self.renderer.render(utter_action, language, kwargs)
