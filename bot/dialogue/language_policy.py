"""Rasa policy that keeps the `language` slot (bot/language/choice.py), in the Rasa server itself.

It never predicts an action: its prediction carries a SlotSet event, which Rasa applies before the next
action runs, so every response of the turn is rendered in the new language. Doing this in the server,
not the action server, saves a remote action call per turn (most of a turn's time in Rasa 3.6: the
action server's reply is validated against a large JSON schema).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.content.profile import load_profile
from bot.language.choice import resolve, turn_from_parse

LANGUAGE_SLOT = "language"


def language_after_turn(tracker: DialogueStateTracker, current: Optional[str]) -> str:
    message: Optional[UserUttered] = tracker.latest_message
    turn = turn_from_parse(message.parse_data if message else None, message.metadata if message else None)
    return resolve(current, turn, load_profile().default_language)[0]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class LanguagePolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": 0}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource  # nothing to learn

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        current = tracker.get_slot(LANGUAGE_SLOT)
        language = language_after_turn(tracker, current)
        events = [SlotSet(LANGUAGE_SLOT, language)] if language != current else []
        return self._prediction(self._default_predictions(domain), events=events)
