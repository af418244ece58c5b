"""LanguagePolicy: sets the language slot from the latest message, never predicts an action."""
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.language_policy import LanguagePolicy

DOMAIN = Domain.from_yaml("""
intents: [greet, unpaid_wages]
slots:
  language: {type: text, influence_conversation: false, mappings: [{type: custom}]}
""")


def policy(tmp_path):
    return LanguagePolicy.create(LanguagePolicy.get_default_config(), LocalModelStorage(tmp_path),
                                 Resource("language_policy"), ExecutionContext(GraphSchema({}), "test"))


def parse(code, confidence, words, intent="greet"):
    return {"intent": {"name": intent}, "language": {"code": code, "confidence": confidence, "words": words}}


def test_first_message_sets_the_language(tmp_path):
    tracker = DialogueStateTracker.from_events("u", [UserUttered("hola", parse_data=parse("es", 0.95, 1))],
                                               slots=DOMAIN.slots)
    prediction = policy(tmp_path).predict_action_probabilities(tracker, DOMAIN)
    assert prediction.events == [SlotSet("language", "es")]
    assert max(prediction.probabilities) == 0.0


def test_unchanged_language_sets_nothing(tmp_path):
    tracker = DialogueStateTracker.from_events(
        "u", [UserUttered("hola", parse_data=parse("es", 0.95, 1)), SlotSet("language", "es"),
              UserUttered("ok", parse_data=parse("en", 0.95, 1))], slots=DOMAIN.slots)
    assert policy(tmp_path).predict_action_probabilities(tracker, DOMAIN).events == []


def test_long_confident_message_switches(tmp_path):
    tracker = DialogueStateTracker.from_events(
        "u", [SlotSet("language", "es"),
              UserUttered("they did not pay me for months", parse_data=parse("en", 0.99, 7, "unpaid_wages"))],
        slots=DOMAIN.slots)
    assert policy(tmp_path).predict_action_probabilities(tracker, DOMAIN).events == [SlotSet("language", "en")]
