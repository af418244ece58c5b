"""NLU component, after the classifiers: a message the emergency phrase net recognises gets the `emergency`
intent whatever the classifier said (bot/emergency/net.py). `emergency_net` in the parse output says so."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.emergency.net import compiled, match

INTENT_EMERGENCY = "emergency"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EmergencyPhraseNet(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> EmergencyPhraseNet:
        compiled()  # read and compile the patterns now, not on a user's message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # a button payload names its intent already
            language = match(text)
            if language:
                message.set(INTENT, {INTENT_NAME_KEY: INTENT_EMERGENCY, PREDICTED_CONFIDENCE_KEY: 1.0},
                            add_to_output=True)
                message.set("emergency_net", {"matched": True, "patterns_of": language}, add_to_output=True)
        return messages
