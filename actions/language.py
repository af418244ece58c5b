"""action_validate_slot_mappings: Rasa runs it after every user message; it keeps the `language` slot.

It is the one hook where an action may also say something before the answer: here, that the language
switched and how to go back."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.content.profile import load_profile
from bot.language.choice import Turn, resolve

CHOICE_INTENT = "choose_language"
CHOICE_ENTITY = "language_choice"


def turn_from_message(message: Dict[Text, Any]) -> Turn:
    """What the latest user message says about language: detection, explicit choice, channel hint."""
    parsed = message.get("language") or {}
    metadata = message.get("metadata") or {}
    explicit = metadata.get("language")
    if (message.get("intent") or {}).get("name") == CHOICE_INTENT:
        named = [e.get("value") for e in message.get("entities") or [] if e.get("entity") == CHOICE_ENTITY]
        explicit = named[0] if named else explicit
    return Turn(detected=parsed.get("code"), confidence=float(parsed.get("confidence") or 0.0),
                words=int(parsed.get("words") or 0), explicit=explicit, hint=metadata.get("language_hint"))


class ActionValidateSlotMappings(Action):
    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        current = tracker.get_slot("language")
        language, switched = resolve(current, turn_from_message(tracker.latest_message or {}),
                                     load_profile().default_language)
        if switched:
            dispatcher.utter_message(response="utter_language_switched", language=language, previous=current)
        return [SlotSet("language", language)]
