"""NLU component, last in the pipeline: a message in a language KYRA does not speak gets the
`unsupported_language` intent, whatever the classifier guessed, so the bot can say which languages it speaks."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language_identifier import LANGUAGE

INTENT_UNSUPPORTED = "unsupported_language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class UnsupportedLanguageClassifier(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> UnsupportedLanguageClassifier:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            language = message.get(LANGUAGE) or {}
            if language.get("unsupported"):
                intent = {INTENT_NAME_KEY: INTENT_UNSUPPORTED,
                          PREDICTED_CONFIDENCE_KEY: float(language.get("confidence") or 1.0)}
                message.set(INTENT, intent, add_to_output=True)
        return messages
