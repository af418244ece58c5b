"""KYRA's custom actions on tracker fixtures: referral, emergency, handoff with consent, case status, screening."""
import asyncio
from typing import Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.emergency import ActionEmergency
from actions.handoff import ActionCheckCase, ActionSubmitReferral, ValidateHandoffForm
from actions.refer import ActionRefer
from actions.screening import SLOTS, ActionScreeningResult
from bot.directory.select import Request, choose
from bot.handoff.referral import find_token
from bot.handoff.sinks import CaseRegister, SqliteSink, WebhookSink


def tracker(text: str = "", intent: str = "greet", entities: List[Dict] = (), history: List[str] = (),
            **slots) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": list(entities)}
    events = [{"event": "user", "text": h, "parse_data": {"intent": {"name": "greet"}}} for h in history]
    events.append({"event": "user", "text": text, "parse_data": latest})
    return Tracker("test-sender", dict({"language": "en"}, **slots), latest, events, False, None, None,
                   "action_listen")


def run(action, tracker_: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, {}))
    return dispatcher.messages, events


def services_of_payload(messages) -> Optional[Dict]:
    return next((m["custom"] for m in messages if (m.get("custom") or {}).get("kyra") == "services"), None)


def test_refer_spain_passport_in_spanish_shows_the_trafficking_line_and_labour_help():
    messages, events = run(ActionRefer(), tracker("estoy en España y mi jefe tiene mi pasaporte",
                                                  "passport_confiscation", [{"entity": "country", "value": "ES"}],
                                                  language="es"))
    payload = services_of_payload(messages)
    first = payload["services"][0]
    assert first["phones"][0]["e164"] == "+34900105090" and "trata@policia.es" in first["emails"]
    assert any(s["type"] == "labour_rights" for s in payload["services"])
    assert payload["language"] == "es" and payload["labels"]["phone"] == "Teléfono"
    assert [e["number"] for e in payload["emergency"]] == ["112", "091"]
    assert {"event": "slot", "timestamp": None, "name": "country", "value": "ES"} in events


def test_refer_without_a_country_asks_with_likely_countries_first_the_deployments():
    messages, _ = run(ActionRefer(), tracker("my boss keeps my passport", "passport_confiscation", language="ne"))
    assert services_of_payload(messages) is None
    buttons = messages[0]["buttons"]
    assert buttons[0]["payload"] == '/inform_country{"country":"ES"}'
    assert '/inform_country{"country":"QA"}' in [b["payload"] for b in buttons]


def test_refer_uses_the_latest_topic_after_the_country_is_given():
    t = tracker("Qatar", "inform_country", [{"entity": "country", "value": "QA"}])
    t.events.insert(0, {"event": "user", "text": "no salary", "parse_data": {"intent": {"name": "unpaid_wages"}}})
    payload = services_of_payload(run(ActionRefer(), t)[0])
    assert payload["services"] and payload["services"][0]["type"] in ("labour_rights", "legal_aid", "migrant_helpline")


def test_no_papers_puts_services_independent_of_police_first():
    plain = choose(Request(country="US", topic="report_trafficking"))
    afraid = choose(Request(country="US", topic="report_trafficking", avoid_authorities=True))
    assert afraid[0].get("not_police") is True
    assert all(s.get("not_police") is not False for s in afraid[:1])
    assert [s["id"] for s in plain] != [s["id"] for s in afraid] or plain[0].get("not_police") is True


def test_fear_of_deportation_in_the_conversation_changes_the_referral():
    t = tracker("who can I call", "report_trafficking", [{"entity": "country", "value": "US"}],
                history=["I have no papers and I'm afraid of deportation"])
    payload = services_of_payload(run(ActionRefer(), t)[0])
    assert payload["services"][0]["not_police"] is True


def test_another_countrys_embassy_is_not_offered():
    for home, shown in (("NP", False), ("ID", True)):
        services = choose(Request(country="SA", topic="passport_confiscation", home_country=home,
                                  show_unverified=True), limit=20)  # the only embassy entry is low-confidence
        ids = [s["id"] for s in services if "ID" in (s.get("serves_nationals_of") or [])]
        assert bool(ids) is shown, home


def test_emergency_with_a_country_gives_the_number_first_and_no_question():
    messages, _ = run(ActionEmergency(), tracker("they are beating me", "emergency", country="QA"))
    assert messages[0]["response"] == "emergency.call_now" and messages[0]["numbers"] == "999"
    assert not messages[0].get("buttons")
    assert services_of_payload(messages) is not None


def test_emergency_without_a_country_gives_general_advice_then_asks():
    messages, _ = run(ActionEmergency(), tracker("help me now", "emergency"))
    assert messages[0]["response"] == "emergency.general" and not messages[0].get("buttons")
    assert messages[1]["response"] == "utter_ask_country" and messages[1]["buttons"]


@pytest.fixture()
def cases_db(tmp_path, monkeypatch):
    path = tmp_path / "cases.db"
    monkeypatch.setenv("KYRA_CASES_DB", str(path))
    return path


def handoff_tracker(confirm, **slots):
    return tracker("yes", "affirm", [{"entity": "country", "value": "ES"}], contact_channel="whatsapp",
                   safe_time="evening", contact_handle="-", handoff_confirm=confirm, topic="unpaid_wages", **slots)


def test_without_consent_nothing_is_sent_or_kept(cases_db):
    messages, events = run(ActionSubmitReferral(), handoff_tracker(False))
    assert messages[0]["response"] == "handoff.not_sent"
    assert SqliteSink(cases_db).inbox() == []
    assert {e["name"] for e in events} >= {"contact_channel", "safe_time", "contact_handle", "handoff_confirm"}


def test_with_consent_the_referral_reaches_the_sink_and_the_token_shows_its_status(cases_db):
    messages, _ = run(ActionSubmitReferral(), handoff_tracker(True, language="es"))
    assert messages[0]["response"] == "handoff.sent"
    token = find_token(messages[0]["token"])
    inbox = SqliteSink(cases_db).inbox()
    assert token and [r["token"] for r in inbox] == [token]
    assert set(inbox[0]) == {"language", "country", "topic", "contact_channel", "safe_time", "contact_handle",
                             "token", "created_at"}
    assert inbox[0]["contact_handle"] is None and inbox[0]["language"] == "es"
    status, _ = run(ActionCheckCase(), tracker(f"check my case {token.lower()}", "check_case"))
    assert (status[0]["response"], status[0]["token"]) == ("case.received", token)
    CaseRegister(cases_db).set_status(token, "closed")
    status, _ = run(ActionCheckCase(), tracker(f"check my case {token}", "check_case"))
    assert status[0]["response"] == "case.closed"


def test_a_failing_sink_tells_the_user_and_registers_nothing(cases_db, monkeypatch):
    # nothing listens on port 9 of loopback: the webhook sink fails fast
    monkeypatch.setattr("actions.handoff.handoff_sinks", lambda: [WebhookSink("http://127.0.0.1:9/referrals")])
    messages, _ = run(ActionSubmitReferral(), handoff_tracker(True))
    assert messages[0]["response"] == "handoff.failed" and "token" not in messages[0]
    assert not cases_db.exists() or SqliteSink(cases_db).inbox() == []


def test_unknown_case_and_missing_token(cases_db):
    assert run(ActionCheckCase(), tracker("check KY-AAAA-2222", "check_case"))[0][0]["response"] == "case.unknown"
    assert run(ActionCheckCase(), tracker("what about my case", "check_case"))[0][0]["response"] == "case.ask_token"


def test_handoff_options_accept_codes_and_labels_in_the_users_language():
    form = ValidateHandoffForm()
    dispatcher = CollectingDispatcher()
    t = tracker("whatsapp", "out_of_scope", language="es")
    assert form.validate_contact_channel("whatsapp", dispatcher, t, {}) == {"contact_channel": "whatsapp"}
    assert form.validate_contact_channel("E-mail", dispatcher, t, {}) == {"contact_channel": "email"}
    assert form.validate_contact_channel("pigeon", dispatcher, t, {}) == {"contact_channel": None}
    assert dispatcher.messages  # asked to choose a button


def test_screening_result_names_the_signs_gives_the_rights_and_forgets_the_answers():
    answers = {slot: "no" for slot in SLOTS}
    answers.update(ilo_retention_of_identity_documents="yes", ilo_withholding_of_wages="yes",
                   ilo_restriction_of_movement="yes")
    messages, events = run(ActionScreeningResult(), tracker("no", "deny", **answers))
    assert messages[0]["response"] == "screening.result_many" and (messages[0]["count"], messages[0]["total"]) == (3, 11)
    assert messages[1]["response"] == "utter_freedom_of_movement"
    assert {e["name"]: e["value"] for e in events if e["name"] in SLOTS} == {slot: None for slot in SLOTS}
    assert {"event": "slot", "timestamp": None, "name": "topic", "value": "freedom_of_movement"} in events


def test_screening_with_no_signs_says_so():
    messages, _ = run(ActionScreeningResult(), tracker("no", "deny", **{slot: "no" for slot in SLOTS}))
    assert messages[0]["response"] == "screening.result_none"
