"""action_emergency: the local emergency number first, with no question before it, then the 24h lines."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import country_of, language_of
from actions.refer import ask_country, call_now, services_message


class ActionEmergency(Action):
    def name(self) -> Text:
        return "action_emergency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        country = country_of(tracker)
        if not country or not call_now(dispatcher, country, language):
            dispatcher.utter_message(response="emergency.general")
            ask_country(dispatcher, language)
            return []
        dispatcher.utter_message(json_message=services_message(tracker, country, "emergency", language))
        dispatcher.utter_message(response="emergency.safety")
        return [SlotSet("country", country)] if country != tracker.get_slot("country") else []
