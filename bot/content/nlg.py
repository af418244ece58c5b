"""Rasa NLG (endpoints.yml `nlg: type: bot.content.nlg.CatalogNLG`): the response in the conversation language.

Texts come from content/responses/<lang>.yml at run time, so they are edited without retraining. When
the language switched by itself this turn, the first response is preceded by a notice saying so and
how to go back (a separate message: channels split at the blank line).
"""
from typing import Any, Dict, Optional, Text, Tuple

from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.content.catalog import Catalogs
from bot.content.profile import load_profile
from bot.content.render import Renderer
from bot.dialogue import fast_action_validation
from bot.dialogue.language_policy import LANGUAGE_SLOT, language_after_turn
from bot.language.choice import resolve, turn_from_parse
from bot.language.languages import is_supported, supported

SWITCH_NOTICE = "utter_language_switched"
EMERGENCY_FIRST = {"emergency.call_now", "emergency.general"}  # nothing comes before the emergency number


def tracker_language(tracker: DialogueStateTracker) -> str:
    """The language slot (set by LanguagePolicy); before the policy ran, the same rule applied here."""
    slot = tracker.get_slot(LANGUAGE_SLOT)
    return slot if is_supported(slot) else language_after_turn(tracker, None)


def switch_this_turn(tracker: DialogueStateTracker, default: str) -> Optional[Tuple[str, str]]:
    """(new, previous) language if the latest user message switched it by itself and nothing was said since."""
    previous, message = None, None
    for event in reversed(tracker.events):
        if message is None:
            if isinstance(event, BotUttered):
                return None
            if isinstance(event, UserUttered):
                message = event
        elif isinstance(event, SlotSet) and event.key == LANGUAGE_SLOT:
            previous = event.value
            break
    if message is None or not is_supported(previous):
        return None
    language, switched = resolve(previous, turn_from_parse(message.parse_data, message.metadata), default)
    return (language, previous) if switched else None


class CatalogNLG(NaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Any = None, **kwargs: Any) -> None:
        fast_action_validation.install()  # the Rasa server loads this class at start-up
        self.profile = load_profile()
        self.renderer = Renderer(Catalogs(), self.profile)
        for code in supported():  # read every catalog, the facts and Babel data now, not on a user's turn
            self.renderer.render("utter_passport_confiscation", code)

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text,
                       **kwargs: Any) -> Optional[Dict[Text, Any]]:
        language = kwargs.get("language")
        if not is_supported(language):
            language = tracker_language(tracker)
        message = self.renderer.render(utter_action, language, kwargs)
        switch = switch_this_turn(tracker, self.profile.default_language)
        if switch:
            new, previous = switch
            notice = self.renderer.render(SWITCH_NOTICE, new, {"language": new, "previous": previous})["text"]
            if utter_action in EMERGENCY_FIRST:
                message["text"] = f"{message['text']}\n\n{notice}"
            else:
                message["text"] = f"{notice}\n\n{message['text']}"
        return message
