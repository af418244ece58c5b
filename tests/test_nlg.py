"""The catalog NLG: language choice, English fallback, placeholders, sources, buttons, live edits."""
import asyncio
import os
import time

import pytest
import yaml
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.content.catalog import Catalogs, parse_catalog
from bot.content.nlg import CatalogNLG
from bot.content.profile import load_profile
from bot.content.render import Renderer, fill


def write_catalog(folder, language, texts, reviewed=False):
    (folder / f"{language}.yml").write_text(
        yaml.safe_dump({"language": language, "reviewed": reviewed, "texts": texts}, allow_unicode=True),
        encoding="utf-8")


@pytest.fixture
def catalogs(tmp_path):
    write_catalog(tmp_path, "en", {"utter_greet": "Hello", "utter_passport_confiscation": "Your passport is yours.",
                                   "label.source": "Source", "label.check_locally": "check the local law",
                                   "utter_find_help": "Help in {country}: {hotline}", "button.menu": "Menu",
                                   "button.find_help": "Find help", "button.language": "Language"}, reviewed=True)
    write_catalog(tmp_path, "es", {"utter_greet": "Hola", "label.source": "Fuente",
                                   "label.check_locally": "consulta la ley local"})
    return Catalogs(tmp_path)


def test_text_in_the_requested_language(catalogs):
    assert Renderer(catalogs, load_profile()).render("utter_greet", "es")["text"] == "Hola"


def test_missing_text_falls_back_to_english(catalogs):
    message = Renderer(catalogs, load_profile()).render("utter_passport_confiscation", "es")
    assert message["text"].startswith("Your passport is yours.")


def test_topic_answer_ends_with_its_sources_and_local_check(catalogs):
    text = Renderer(catalogs, load_profile()).render("utter_passport_confiscation", "en")["text"]
    source_line = text.splitlines()[-1]
    assert source_line.startswith("Source: ILO Indicators of Forced Labour (2012)")
    # ICRMW art. 21 is known only from the compiler's memory in rights_facts.yml
    assert "UN Migrant Workers Convention (ICRMW), art. 21 (check the local law)" in source_line


def test_placeholders_are_filled_from_the_profile_and_babel(catalogs):
    text = Renderer(catalogs, load_profile()).render("utter_find_help", "en")["text"]
    assert "Help in Spain:" in text and "900 10 50 90" in text and "trata@policia.es" in text


def test_buttons_follow_the_layout(catalogs):
    buttons = Renderer(catalogs, load_profile()).render("utter_greet", "es")["buttons"]
    assert [b["payload"] for b in buttons] == ["/menu", "/find_help", "/choose_language"]


def test_language_menu_uses_native_names(catalogs):
    buttons = Renderer(catalogs, load_profile()).render("utter_language_menu", "en")["buttons"]
    assert {"title": "नेपाली", "payload": '/choose_language{"language_choice":"ne"}'} in buttons
    assert len(buttons) == 12


def test_broken_placeholder_is_left_as_written():
    assert fill("Call {emergency} {oops", {"emergency": "112"}) == "Call {emergency} {oops"
    assert fill("Call {emergency} or {unknown}", {"emergency": "112"}) == "Call 112 or {unknown}"


def test_edited_catalog_is_used_without_restart(catalogs, tmp_path):
    renderer = Renderer(catalogs, load_profile())
    assert renderer.render("utter_greet", "es")["text"] == "Hola"
    write_catalog(tmp_path, "es", {"utter_greet": "¡Buenas!"})
    later = time.time() + 5
    os.utime(tmp_path / "es.yml", (later, later))
    assert renderer.render("utter_greet", "es")["text"] == "¡Buenas!"


def test_review_flag_per_key_and_per_file():
    entries = parse_catalog({"reviewed": False, "texts": {"a": "x", "b": {"text": "y", "reviewed": True}}})
    assert (entries["a"].reviewed, entries["b"].reviewed) == (False, True)


def _tracker(*events):
    return DialogueStateTracker.from_events("someone", list(events))


def test_nlg_uses_the_language_slot():
    nlg = CatalogNLG()
    tracker = _tracker(UserUttered("hi"), SlotSet("language", "es"))
    message = asyncio.run(nlg.generate("utter_greet", tracker, "rest"))
    assert message["text"] == Catalogs().text("utter_greet", "es")


def test_nlg_without_slot_applies_the_language_rule():
    """The action server was down: the slot was never set, the NLG reads the parse result itself."""
    nlg = CatalogNLG()
    parse = {"intent": {"name": "greet"}, "language": {"code": "fr", "confidence": 0.9, "words": 1}}
    message = asyncio.run(nlg.generate("utter_greet", _tracker(UserUttered("bonjour", parse_data=parse)), "rest"))
    assert message["text"] == Catalogs().text("utter_greet", "fr")


def test_automatic_switch_is_announced_once_before_the_answer():
    nlg = CatalogNLG()
    parse = {"intent": {"name": "unpaid_wages"}, "language": {"code": "en", "confidence": 0.99, "words": 9}}
    tracker = _tracker(UserUttered("hola"), SlotSet("language", "es"),
                       UserUttered("they have not paid me for three months now", parse_data=parse),
                       SlotSet("language", "en"))
    first = asyncio.run(nlg.generate("utter_unpaid_wages", tracker, "rest"))
    notice, answer = first["text"].split("\n\n", 1)
    renderer = Renderer(Catalogs(), load_profile())
    assert notice == renderer.render("utter_language_switched", "en", {"language": "en", "previous": "es"})["text"]
    assert "Español" in notice and answer == renderer.render("utter_unpaid_wages", "en")["text"]
    tracker.update(BotUttered(first["text"]))
    second = asyncio.run(nlg.generate("utter_offer_help", tracker, "rest"))
    assert second["text"] == renderer.render("utter_offer_help", "en")["text"]


def test_explicit_choice_is_not_announced_as_a_switch():
    nlg = CatalogNLG()
    parse = {"intent": {"name": "choose_language"}, "language": {"code": "en", "confidence": 0.99, "words": 4},
             "entities": [{"entity": "language_choice", "value": "ne"}]}
    tracker = _tracker(UserUttered("hola"), SlotSet("language", "es"),
                       UserUttered("please talk in nepali", parse_data=parse), SlotSet("language", "ne"))
    message = asyncio.run(nlg.generate("utter_language_set", tracker, "rest"))
    assert message["text"] == Renderer(Catalogs(), load_profile()).render("utter_language_set", "ne")["text"]
