"""NLU component: `country` entities (ISO codes) for countries and cities named in a message; the one the
user comes from has role `home` (bot/country/matcher.py). A short message that is little more than a
country ("estoy en Catar", "Dubai") gets the `inform_country` intent, whatever the classifier guessed."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.country.matcher import find_countries, warm_up
from bot.language.languages import is_supported, supported
from bot.nlu.language_identifier import LANGUAGE

ENTITY = "country"
INFORM_COUNTRY = "inform_country"
MAX_OTHER_WORDS = 3  # "I work in Dubai": three words besides the country


def mostly_country(text: str, entities: List[Dict]) -> bool:
    rest = text
    for entity in sorted(entities, key=lambda e: -e["start"]):
        rest = rest[:entity["start"]] + " " + rest[entity["end"]:]
    words = rest.split()
    if len(words) == 1 and len(text.split()) == 1:  # Chinese/Thai-style text without spaces
        return len(words[0]) <= 4
    return len(words) <= MAX_OTHER_WORDS


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class CountryExtractor(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> CountryExtractor:
        warm_up(supported())  # build every language's matcher now, not on a user's message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            text = message.get(TEXT) or ""
            if text.startswith("/") or any(e.get("entity") == ENTITY for e in entities):
                continue  # a button payload carries its entities
            language = (message.get(LANGUAGE) or {}).get("code")
            found = []
            for mention in find_countries(text, language if is_supported(language) else "en"):
                entity = {"entity": ENTITY, "value": mention.code, "start": mention.start, "end": mention.end,
                          "extractor": self.__class__.__name__}
                if mention.role:
                    entity["role"] = mention.role
                found.append(entity)
            if found:
                message.set(ENTITIES, entities + found, add_to_output=True)
                if any(not e.get("role") for e in found) and mostly_country(text, found):
                    message.set(INTENT, {INTENT_NAME_KEY: INFORM_COUNTRY, PREDICTED_CONFIDENCE_KEY: 1.0},
                                add_to_output=True)
        return messages
