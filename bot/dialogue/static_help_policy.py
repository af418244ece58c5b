"""Rasa policy: when a custom action failed (the action server is down or timed out), say something useful.

Rasa 3.6 logs a failed remote action as executed with no events, then waits for the user: the user would
get silence. This policy sees a custom action that produced no message since the user's last message and
predicts `utter_static_help` (the deployment's hotline and emergency numbers, from the catalog, rendered in
the Rasa server itself). It predicts nothing otherwise.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

STATIC_HELP = "utter_static_help"


def failed_custom_action(tracker: DialogueStateTracker, domain: Domain) -> Optional[str]:
    """The custom action that just ran and returned no event at all (ours always say something), if any.

    Only in live conversations (they start with SessionStarted): when `rasa test` replays stories, custom
    actions are never run and end the same way."""
    events = list(tracker.events)
    if not events or not isinstance(events[-1], ActionExecuted):
        return None
    name = events[-1].action_name
    custom = set(domain.user_actions) - set(domain.responses)
    if name not in (*custom, *domain.form_names) or name.startswith("validate_"):
        return None
    if not any(isinstance(event, SessionStarted) for event in events):
        return None
    return name


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class StaticHelpPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": 7}  # above RulePolicy (6): its "listen" after the failed action must not win

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource  # nothing to learn

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if failed_custom_action(tracker, domain) and STATIC_HELP in domain.action_names_or_texts:
            probabilities[domain.index_for_action(STATIC_HELP)] = 1.0
        return self._prediction(probabilities)
