"""The prepared validator accepts and refuses action-server replies exactly like Rasa's own check."""
import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.dialogue import fast_action_validation

GOOD = {"events": [{"event": "slot", "name": "country", "value": "ES"}],
        "responses": [{"text": None, "custom": {"kyra": "services"}}]}
BAD = {"events": [{"event": "slot", "name": 3}], "responses": "not a list"}


def test_same_verdicts_as_rasa():
    original = RemoteAction._validate_action_result
    try:
        assert original(RemoteAction("a", None), GOOD)
        with pytest.raises(jsonschema.ValidationError):
            original(RemoteAction("a", None), BAD)
        fast_action_validation.install()
        assert RemoteAction("a", None)._validate_action_result(GOOD)
        with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
            RemoteAction("a", None)._validate_action_result(BAD)
    finally:
        RemoteAction._validate_action_result = original
