"""StaticHelpPolicy: after a custom action that produced nothing (action server down), the static answer."""
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.static_help_policy import STATIC_HELP, StaticHelpPolicy

DOMAIN = Domain.from_yaml("""
intents: [unpaid_wages]
actions: [action_refer]
responses:
  utter_unpaid_wages: [{text: x}]
  utter_static_help: [{text: y}]
""")


def predicted(tmp_path, events):
    policy = StaticHelpPolicy.create(StaticHelpPolicy.get_default_config(), LocalModelStorage(tmp_path),
                                     Resource("static_help"), ExecutionContext(GraphSchema({}), "test"))
    tracker = DialogueStateTracker.from_events("u", events, slots=DOMAIN.slots)
    probabilities = policy.predict_action_probabilities(tracker, DOMAIN).probabilities
    best = max(range(len(probabilities)), key=probabilities.__getitem__)
    return DOMAIN.action_names_or_texts[best] if probabilities[best] > 0 else None


def turn():
    return [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
            UserUttered("no pay", {"name": "unpaid_wages"}), ActionExecuted("utter_unpaid_wages"), BotUttered("x")]


def test_failed_custom_action_gets_the_static_answer(tmp_path):
    assert predicted(tmp_path, turn() + [ActionExecuted("action_refer")]) == STATIC_HELP


def test_a_custom_action_that_answered_is_left_alone(tmp_path):
    events = turn() + [ActionExecuted("action_refer"), SlotSet("country", "ES")]
    assert predicted(tmp_path, events) is None
    events = turn() + [ActionExecuted("action_refer"), BotUttered("services")]
    assert predicted(tmp_path, events) is None


def test_story_replay_without_a_session_is_left_alone(tmp_path):
    assert predicted(tmp_path, turn()[2:] + [ActionExecuted("action_refer")]) is None


def test_responses_from_the_rasa_server_are_left_alone(tmp_path):
    assert predicted(tmp_path, turn()) is None
