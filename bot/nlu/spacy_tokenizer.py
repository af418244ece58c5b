"""NLU component: tokenise each message with `spacy.blank(<its language>)`.

Blank pipelines need no model download. Chinese is segmented into words with jieba (its dictionary
ships in the PyPI package) instead of spaCy's default one-token-per-character.
"""
from __future__ import annotations

import functools
import logging
from typing import Any, Dict, List, Optional, Text

import spacy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.language.languages import supported
from bot.nlu.language_identifier import LANGUAGE

MULTI_LANGUAGE = "xx"


@functools.lru_cache(maxsize=None)
def blank_pipeline(code: str) -> "spacy.language.Language":
    if code == "zh":
        import jieba

        jieba.setLogLevel(logging.WARNING)
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    try:
        return spacy.blank(code)
    except (ImportError, KeyError, ValueError):
        return spacy.blank(MULTI_LANGUAGE)


def message_language(message: Message) -> str:
    language = message.get(LANGUAGE) or {}
    return language.get("code") or language.get("unsupported") or MULTI_LANGUAGE


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class SpacyBlankTokenizer(Tokenizer):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"intent_tokenization_flag": False, "intent_split_symbol": "_", "token_pattern": None,
                "prefix_separator_symbol": None}

    @staticmethod
    def not_supported_languages() -> Optional[List[Text]]:
        return None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> SpacyBlankTokenizer:
        # Build every pipeline now: the first spacy.blank("fr") or jieba segmentation takes up to
        # seconds, which would otherwise fall on the first user writing in that language.
        for code in supported() + (MULTI_LANGUAGE,):
            blank_pipeline(code)("warm up 热身")
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute) or ""
        doc = blank_pipeline(message_language(message))(text)
        tokens = [Token(t.text, t.idx) for t in doc if not (t.is_space or t.is_punct)]
        return self._apply_token_pattern(tokens)
