"""End to end over REST (real Rasa + action servers on 127.0.0.1): referral, emergency in every language,
consent before any handoff, case status, self-screening, and the answer when the action server is down."""
import uuid

import pytest
import yaml

from bot import ROOT
from bot.directory.directory import emergency_of
from bot.handoff.referral import find_token
from bot.language.languages import supported
from scripts.servers import rasa_server
from tests.test_e2e_rest import bot_events, in_language, post, say

EMERGENCY_SETS = ROOT / "tests" / "emergency"          # development set (seen while the net was built)
FRESH_SETS = ROOT / "tests" / "emergency_fresh"        # written last, blind: the figure we report
# The target is 0.98 per language; measured on the blind set: 0.83–1.00, 0.946 overall
# (reports/emergency.md). These floors guard what was reached; they are not the target.
MIN_EMERGENCY_RECALL = 0.8
MIN_OVERALL_RECALL = 0.93
MAX_FALSE_ALARMS = 0.15      # share of the close-but-not-emergency messages sent down the emergency path


def services(replies):
    return [r["custom"] for r in replies if (r.get("custom") or {}).get("kyra") == "services"]


def emergency_set(language, folder=EMERGENCY_SETS):
    return yaml.safe_load((folder / f"{language}.yml").read_text(encoding="utf-8"))


def test_spain_passport_in_spanish_gets_the_trafficking_line_and_labour_help(kyra_server):
    sender = uuid.uuid4().hex
    status, replies = say(kyra_server, sender, "estoy en España y mi jefe tiene mi pasaporte")
    assert status == 200
    cards = services(replies)
    assert cards, replies
    card = cards[0]
    assert card["language"] == "es" and "España" in card["intro"]
    first = card["services"][0]
    assert first["phones"][0]["e164"] == "+34900105090" and "trata@policia.es" in first["emails"]
    assert any(h["handle"] == "@policia" for h in first["social"] if h.get("handle"))
    assert any(s["type"] == "labour_rights" for s in card["services"])
    assert {"112", "091"} <= {e["number"] for e in card["emergency"]}
    assert all(in_language(event, "es") for event in bot_events(kyra_server, sender))


@pytest.mark.parametrize("language", supported())
def test_emergency_in_every_language_gives_the_local_number_first(kyra_server, language):
    sender = uuid.uuid4().hex
    say(kyra_server, sender, '/inform_country{"country":"QA"}')
    message = emergency_set(language)["emergency"][0]
    _, replies = say(kyra_server, sender, message)
    assert replies and "999" in replies[0]["text"] and not replies[0].get("buttons"), (message, replies[:1])


def parsed_intent(server, text):
    status, parsed = post(f"{server}/model/parse", {"text": text})
    assert status == 200
    return parsed["intent"]["name"]


def test_emergency_recall_and_false_alarms_on_the_blind_set(kyra_server):
    caught = total = 0
    for language in supported():
        data = emergency_set(language, FRESH_SETS)
        missed = [t for t in data["emergency"] if parsed_intent(kyra_server, t) != "emergency"]
        alarms = [t for t in data["not_emergency"] if parsed_intent(kyra_server, t) == "emergency"]
        assert 1 - len(missed) / len(data["emergency"]) >= MIN_EMERGENCY_RECALL, (language, missed)
        assert len(alarms) <= MAX_FALSE_ALARMS * len(data["not_emergency"]), (language, alarms)
        caught, total = caught + len(data["emergency"]) - len(missed), total + len(data["emergency"])
    assert caught / total >= MIN_OVERALL_RECALL, f"{caught}/{total}"


def walk(server, sender, *messages):
    replies = []
    for message in messages:
        status, replies = say(server, sender, message)
        assert status == 200 and replies, (message, replies)
    return replies


def referrals_sent(server, sender):
    return [e for e in bot_events(server, sender) if e["metadata"].get("utter_action") == "handoff.sent"]


def test_no_consent_nothing_sent(kyra_server):
    sender = uuid.uuid4().hex
    replies = walk(kyra_server, sender, "/talk_to_human", "/affirm", "whatsapp", "evening", "-", "/deny")
    assert not referrals_sent(kyra_server, sender)
    assert bot_events(kyra_server, sender)[-1]["metadata"]["utter_action"] == "handoff.not_sent", replies


def test_cancel_in_the_middle_sends_nothing(kyra_server):
    sender = uuid.uuid4().hex
    walk(kyra_server, sender, "/talk_to_human", "/affirm", "whatsapp", "/cancel")
    assert not referrals_sent(kyra_server, sender)
    assert bot_events(kyra_server, sender)[-1]["metadata"]["utter_action"] == "utter_cancelled"


def test_consent_sends_a_referral_and_the_token_shows_its_status(kyra_server):
    sender = uuid.uuid4().hex
    walk(kyra_server, sender, "estoy en España, no me pagan el sueldo", "/talk_to_human", "/affirm", "whatsapp",
         "evening", "-", "/affirm")
    sent = referrals_sent(kyra_server, sender)
    assert sent, [e["metadata"].get("utter_action") for e in bot_events(kyra_server, sender)]
    token = find_token(sent[0]["text"])
    _, replies = say(kyra_server, uuid.uuid4().hex, f"check my case {token}")
    assert token in replies[0]["text"]


def test_screening_asks_eleven_questions_then_explains_and_refers(kyra_server):
    sender = uuid.uuid4().hex
    walk(kyra_server, sender, "/start_screening")
    answers = ["/affirm", "/deny", "/affirm"] + ["/deny"] * 8
    replies = walk(kyra_server, sender, *answers)
    actions = [e["metadata"].get("utter_action") for e in bot_events(kyra_server, sender)]
    assert sum(1 for a in actions if a and a.startswith("utter_ask_ilo_")) == 11
    assert "screening.result_some" in actions and "utter_freedom_of_movement" in actions
    assert replies[-1]["buttons"]  # where are you? (to show who can help)


def test_action_server_down_still_gives_the_hotline(trained_model, tmp_path):
    with rasa_server(trained_model, tmp_path, actions=False) as server:
        _, replies = say(server["url"], uuid.uuid4().hex, "mi jefe tiene mi pasaporte y no me lo devuelve")
    texts = "\n".join(r.get("text") or "" for r in replies)
    assert "900 10 50 90" in texts and "112" in texts, texts
