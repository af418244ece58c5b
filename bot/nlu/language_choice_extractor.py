"""NLU component: the `language_choice` entity when a message names a supported language."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language.names import find_language_name

ENTITY = "language_choice"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageChoiceExtractor(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LanguageChoiceExtractor:
        find_language_name("warm up")  # builds the Babel name table now, not on a user's message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            if any(e.get("entity") == ENTITY for e in entities):
                continue  # set by a button payload already
            code = find_language_name(message.get(TEXT) or "")
            if code:
                entities = entities + [{"entity": ENTITY, "value": code, "start": 0, "end": 0,
                                        "extractor": self.__class__.__name__}]
                message.set(ENTITIES, entities, add_to_output=True)
        return messages
