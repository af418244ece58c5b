"""The self-screening form on the ILO forced-labour indicators: the result, the rights, the tailored referral.

Answers live in slots for the length of the form only: the result action clears them."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import language_of, renderer

# ILO indicators of forced labour (2012), fact forced_labour_indicators_ilo11, in the form's order, with the
# topic whose answer explains the right concerned. Order of TOPIC_PRIORITY: the most urgent first.
INDICATORS = (
    ("abuse_of_vulnerability", "trafficking_definition"),
    ("deception", "contract_rights"),
    ("restriction_of_movement", "freedom_of_movement"),
    ("isolation", "freedom_of_movement"),
    ("physical_and_sexual_violence", "threats_violence"),
    ("intimidation_and_threats", "threats_violence"),
    ("retention_of_identity_documents", "passport_confiscation"),
    ("withholding_of_wages", "unpaid_wages"),
    ("debt_bondage", "debt_bondage"),
    ("abusive_working_and_living_conditions", "working_hours"),
    ("excessive_overtime", "working_hours"),
)
SLOTS = tuple(f"ilo_{name}" for name, _ in INDICATORS)
TOPIC_PRIORITY = ("threats_violence", "freedom_of_movement", "passport_confiscation", "debt_bondage",
                  "trafficking_definition", "unpaid_wages", "contract_rights", "working_hours")
YES, NO, UNSURE = "yes", "no", "unsure"


class ValidateScreeningForm(FormValidationAction):
    """An answer is "yes" (affirm), "no" (deny) or, for anything else typed, "unsure"."""

    def name(self) -> Text:
        return "validate_screening_form"

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> List[Dict[Text, Any]]:
        return [SlotSet(slot, value if value in (YES, NO) else UNSURE)
                for slot, value in tracker.slots_to_validate().items() if slot in SLOTS]


def main_topic(yes_topics: List[str]) -> str:
    return next((topic for topic in TOPIC_PRIORITY if topic in yes_topics), "find_help")


class ActionScreeningResult(Action):
    def name(self) -> Text:
        return "action_screening_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        answers = {name: tracker.get_slot(f"ilo_{name}") for name, _ in INDICATORS}
        yes = [(name, topic) for name, topic in INDICATORS if answers[name] == YES]
        clear = [SlotSet(slot, None) for slot in SLOTS]
        if not yes:
            dispatcher.utter_message(response="screening.result_none")
            return clear
        signs = "\n".join(f"• {renderer().label(f'ilo.{name}', language)}" for name, _ in yes)
        topic = main_topic([t for _, t in yes])
        key = "screening.result_many" if len(yes) >= 3 else "screening.result_some"
        dispatcher.utter_message(response=key, count=len(yes), total=len(INDICATORS), signs=signs)
        dispatcher.utter_message(response=f"utter_{topic}")
        return clear + [SlotSet("topic", topic)]
