"""NLU component: the language of each message, as a top-level `language` object in the parse output.

Trains its character n-gram prior on the training examples (their intent metadata names the language),
and stamps training examples with that language so the tokenizer can pick the right spaCy pipeline.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.detect import Detection, LanguageDetector, word_count
from bot.language.languages import is_supported
from bot.language.ngram import NgramLanguageModel

LANGUAGE = "language"
MODEL_FILE = "ngram_counts.json"
logger = logging.getLogger(__name__)


def example_language(message: Message) -> Optional[str]:
    """The language a training example's intent block declares in `metadata: {language: xx}`."""
    metadata = message.get("metadata") or {}
    intent_metadata = metadata.get("intent") or {}
    return intent_metadata.get(LANGUAGE) if isinstance(intent_metadata, dict) else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class LanguageIdentifier(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(self, model_storage: ModelStorage, resource: Resource, model: NgramLanguageModel) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._detector = LanguageDetector(model)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LanguageIdentifier:
        return cls(model_storage, resource, NgramLanguageModel({}))

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> LanguageIdentifier:
        try:
            with model_storage.read_from(resource) as path:
                counts = json.loads((path / MODEL_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            logger.warning("Language model not found; identifying by script and langdetect only.")
            counts = {}
        return cls(model_storage, resource, NgramLanguageModel(counts))

    def train(self, training_data: TrainingData) -> Resource:
        examples = [
            (message.get(TEXT), example_language(message))
            for message in training_data.intent_examples
            if is_supported(example_language(message))
        ]
        model = NgramLanguageModel.train(examples)
        self._detector = LanguageDetector(model)
        with self._model_storage.write_to(self._resource) as path:
            (path / MODEL_FILE).write_text(json.dumps(model.as_dict(), ensure_ascii=False), encoding="utf-8")
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            declared = example_language(message)
            if declared:
                message.set(LANGUAGE, Detection(declared if is_supported(declared) else None, 1.0).as_dict())
            elif message.get(TEXT):
                self._identify(message)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._identify(message)
        return messages

    def _identify(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        detection = self._detector.detect(text)
        result = detection.as_dict()
        result["words"] = word_count(text)
        message.set(LANGUAGE, result, add_to_output=True)
