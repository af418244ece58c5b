"""action_refer: the services that can help with the user's topic where the user is, or the question where."""
from typing import Any, Dict, List, Optional, Text

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (country_of, home_country_of, label, language_of, latest_topic, place, profile,
                            text, user_texts)
from bot import ROOT
from bot.content.render import country_name
from bot.directory.directory import countries, emergency_of
from bot.directory.payload import services_payload
from bot.directory.risk import fears_authorities
from bot.directory.select import Request, choose, home_services

LIKELY_FILE = ROOT / "content" / "countries" / "likely.yml"
MAX_COUNTRY_BUTTONS = 6


def likely_countries(language: str) -> List[str]:
    likely = yaml.safe_load(LIKELY_FILE.read_text(encoding="utf-8"))["likely"].get(language, [])
    ordered = [profile().country, *likely]
    known = set(countries())
    return [code for code in dict.fromkeys(ordered) if code in known][:MAX_COUNTRY_BUTTONS]


def ask_country(dispatcher: CollectingDispatcher, language: str) -> None:
    buttons = [{"title": country_name(code, language), "payload": f'/inform_country{{"country":"{code}"}}'}
               for code in likely_countries(language)]
    dispatcher.utter_message(response="utter_ask_country", buttons=buttons)


def build_request(tracker: Tracker, country: str, topic: Optional[str], language: str) -> Request:
    own = profile().hotline.get("organisation") if country == profile().country else None
    return Request(country=country, topic=topic, language=language, home_country=home_country_of(tracker),
                   avoid_authorities=fears_authorities(user_texts(tracker)),
                   show_unverified=profile().show_unverified, first_organisation=own)


def services_message(tracker: Tracker, country: str, topic: Optional[str], language: str) -> Dict[str, Any]:
    """The structured services payload (docs/payloads.md) for `country`, never empty of advice."""
    request = build_request(tracker, country, topic, language)
    chosen = choose(request)
    emergency = emergency_of(country)
    if chosen:
        intro = text("services.intro", language, country=place(country, language))
    else:
        intro = text("services.none", language, country=place(country, language))
    sections = []
    home = home_services(request)
    if home:
        sections.append((text("services.home_intro", language, home=place(request.home_country, language)), home))
    return services_payload(chosen, emergency, language, intro, label(language), sections)


def call_now(dispatcher: CollectingDispatcher, country: str, language: str) -> bool:
    """The country's emergency numbers, first and alone in their message; False if there are none."""
    numbers = [n["number"] for n in emergency_of(country)]
    if numbers:
        dispatcher.utter_message(response="emergency.call_now", numbers=" / ".join(numbers),
                                 country=place(country, language))
    return bool(numbers)


class ActionRefer(Action):
    def name(self) -> Text:
        return "action_refer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        country = country_of(tracker)
        events = [SlotSet("country", country)] if country and country != tracker.get_slot("country") else []
        if not country:
            ask_country(dispatcher, language)
            return events
        topic = latest_topic(tracker)
        if topic == "emergency":
            call_now(dispatcher, country, language)
        dispatcher.utter_message(json_message=services_message(tracker, country, topic, language))
        dispatcher.utter_message(response="utter_did_this_help")
        return events
