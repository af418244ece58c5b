"""The warm handoff form (consent first; nothing is sent without a final yes) and "check my case <token>"."""
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import country_of, language_of, latest_topic, place, profile, renderer
from bot.handoff.referral import Referral, find_token
from bot.handoff.settings import handoff_sinks
from bot.handoff.sinks import CaseRegister, SinkError, deliver

logger = logging.getLogger(__name__)
CONTACT_CHANNELS = ("whatsapp", "telegram", "phone", "sms", "email")
SAFE_TIMES = ("morning", "afternoon", "evening", "any")
FORM_SLOTS = ("contact_channel", "safe_time", "contact_handle", "handoff_confirm")
SKIP = "-"
MAX_HANDLE = 80


def option_from_text(value: Any, options: tuple, prefix: str, language: str) -> Optional[str]:
    """The option a button payload or a typed answer names (its code, or its label in the user's language)."""
    answer = str(value or "").strip().lower()
    for option in options:
        labels = {option, renderer().label(f"{prefix}{option}", language).lower(),
                  renderer().label(f"{prefix}{option}", "en").lower()}
        if answer in labels:
            return option
    return None


class ValidateHandoffForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_handoff_form"

    @staticmethod
    def _option(slot: str, value: Any, options: tuple, prefix: str, dispatcher: CollectingDispatcher,
                tracker: Tracker) -> Dict[Text, Any]:
        option = option_from_text(value, options, prefix, language_of(tracker))
        if not option:
            dispatcher.utter_message(response="handoff.choose_button")
        return {slot: option}

    def validate_contact_channel(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> Dict[Text, Any]:
        return self._option("contact_channel", value, CONTACT_CHANNELS, "button.ch_", dispatcher, tracker)

    def validate_safe_time(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Dict[Text, Any]:
        return self._option("safe_time", value, SAFE_TIMES, "button.time_", dispatcher, tracker)

    def validate_contact_handle(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> Dict[Text, Any]:
        handle = str(value or "").strip()
        if tracker.latest_message.get("intent", {}).get("name") == "deny" or handle.lower() in ("-", "skip", "/skip"):
            return {"contact_handle": SKIP}
        if not handle or len(handle) > MAX_HANDLE:
            dispatcher.utter_message(response="handoff.handle_invalid")
            return {"contact_handle": None}
        return {"contact_handle": handle}


class ActionAskHandoffConfirm(Action):
    """The summary of exactly what would be sent, and the question."""

    def name(self) -> Text:
        return "action_ask_handoff_confirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        label = renderer().label
        handle = tracker.get_slot("contact_handle")
        dispatcher.utter_message(response="handoff.summary", buttons=renderer().buttons("utter_offer_help", language),
                       to=profile().handoff_to or renderer().label("handoff.default_to", language),
                       country=place(country_of(tracker), language) or "—",
                       topic=label(f"button.{tracker.get_slot('topic') or latest_topic(tracker)}", language),
                       channel=label(f"button.ch_{tracker.get_slot('contact_channel')}", language),
                       time=label(f"button.time_{tracker.get_slot('safe_time')}", language),
                       handle=handle if handle and handle != SKIP else "—")
        return []


class ActionSubmitReferral(Action):
    def name(self) -> Text:
        return "action_submit_referral"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        reset = [SlotSet(slot, None) for slot in FORM_SLOTS]
        if tracker.get_slot("handoff_confirm") is not True:
            dispatcher.utter_message(response="handoff.not_sent")
            return reset
        handle = tracker.get_slot("contact_handle")
        referral = Referral(language=language, country=country_of(tracker),
                            topic=tracker.get_slot("topic") or latest_topic(tracker),
                            contact_channel=tracker.get_slot("contact_channel"), safe_time=tracker.get_slot("safe_time"),
                            contact_handle=None if handle in (None, SKIP) else handle)
        try:
            await deliver(referral, handoff_sinks(), sender_id=tracker.sender_id)
        except SinkError as error:
            logger.warning("handoff not delivered: %s", error)
            dispatcher.utter_message(response="handoff.failed")
            return reset
        channel = renderer().label(f"button.ch_{referral.contact_channel}", language)
        time = renderer().label(f"button.time_{referral.safe_time}", language)
        dispatcher.utter_message(response="handoff.sent", token=referral.token, channel=channel, time=time)
        return reset


class ActionCheckCase(Action):
    def name(self) -> Text:
        return "action_check_case"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        token = find_token(tracker.latest_message.get("text"))
        if not token:
            dispatcher.utter_message(response="case.ask_token")
            return []
        status = CaseRegister().status(token)
        dispatcher.utter_message(response=f"case.{status or 'unknown'}", token=token)
        return []
