"""Content integrity: every topic answered in every language, every claim cited, every number sourced."""
import re
import string
from pathlib import Path

import phonenumbers
import pytest
import yaml

from bot import ROOT
from bot.content.catalog import CATALOG_DIR, Catalogs
from bot.content.citations import facts, layout, needs_local_check
from bot.content.profile import load_profile, profile_hotline, services
from bot.content.render import Renderer
from bot.language.languages import supported

TOPICS = list(yaml.safe_load((ROOT / "content/reference/topics.yml").read_text())["topics"])
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
ENGLISH = Catalogs().catalog("en")
SHARED = ROOT.parent / "shared"


def placeholders(text: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_topic_is_an_intent_with_an_answer():
    for topic in TOPICS:
        assert topic in DOMAIN["intents"]
        assert f"utter_{topic}" in DOMAIN["responses"]
        assert f"utter_{topic}" in ENGLISH


def test_every_domain_response_has_an_english_text():
    assert set(DOMAIN["responses"]) <= set(ENGLISH)


@pytest.mark.parametrize("language", supported())
def test_catalog_has_every_key_with_the_same_placeholders(language):
    catalog = Catalogs().catalog(language)
    assert set(ENGLISH) - set(catalog) == set(), "missing keys"
    for key, entry in catalog.items():
        assert placeholders(entry.text) == placeholders(ENGLISH[key].text), key


@pytest.mark.parametrize("language", [code for code in supported() if code != "en"])
def test_translations_say_whether_a_native_speaker_reviewed_them(language):
    data = yaml.safe_load((CATALOG_DIR / f"{language}.yml").read_text(encoding="utf-8"))
    assert "reviewed" in data


@pytest.mark.parametrize("language", supported())
def test_every_button_has_a_label_and_an_intent_payload(language):
    """A payload names an intent ("/affirm"), or is a form answer typed as text ("whatsapp", "-")."""
    renderer = Renderer(Catalogs(), load_profile())
    for key in layout()["responses"]:
        for button in renderer.render(key, language).get("buttons", []):
            assert not button["title"].startswith("button."), (key, button)
            if button["payload"].startswith("/"):
                assert button["payload"].lstrip("/").split("{")[0] in DOMAIN["intents"], (key, button)
            else:
                assert key.startswith("utter_ask_"), (key, button)  # typed answers only for form questions


def test_every_topic_with_facts_cites_them():
    for topic, spec in yaml.safe_load((ROOT / "content/reference/topics.yml").read_text())["topics"].items():
        if spec["facts"]:
            assert layout()["topics"].get(topic), f"{topic} has facts in topics.yml but cites none"


def test_each_citation_matches_its_fact():
    """A short citation's numbers (convention no., article, year) must all appear in the fact's own sources."""
    for fact_id, citation in layout()["citations"].items():
        fact = facts()[fact_id]
        cited_in_sources = " ".join(f"{s['instrument']} {s.get('article', '')}" for s in fact["sources"])
        assert set(re.findall(r"\d+", citation)) <= set(re.findall(r"\d+", cited_in_sources)), fact_id


def test_cited_facts_exist():
    for fact_ids in layout()["topics"].values():
        assert set(fact_ids) <= set(facts()) and set(fact_ids) <= set(layout()["citations"])


def test_compiler_knowledge_is_flagged_for_a_local_check():
    assert needs_local_check(facts()["id_docs_c189"])
    assert not needs_local_check(facts()["trafficking_definition_palermo"])


@pytest.mark.parametrize("name", ["topics.yml", "rights_facts.yml", "services.yml"])
def test_vendored_reference_matches_shared(name):
    shared = next((p for p in (SHARED / "spec" / name, SHARED / "reference" / name) if p.exists()), None)
    if shared is None:
        pytest.skip("../shared is not beside this checkout")
    assert (ROOT / "content/reference" / name).read_bytes() == shared.read_bytes(), "run `make sync-reference`"


def test_profile_hotline_is_a_sourced_service():
    hotline = profile_hotline(load_profile())
    assert hotline and hotline["source"].startswith("http") and hotline["confidence"] != "low"
    number = phonenumbers.parse(hotline["phone"], hotline["country"])
    assert phonenumbers.is_valid_number(number)


def test_profile_emergency_numbers_are_sourced_and_real():
    """Each is a valid short number there (091 is Spain's police line, not in libphonenumber's emergency list);
    at least one is the general emergency number."""
    profile = load_profile()
    short = phonenumbers.shortnumberinfo
    assert any(short.is_emergency_number(number, profile.country) for number in profile.emergency_numbers)
    for number in profile.emergency_numbers:
        assert short.is_valid_short_number_for_region(phonenumbers.parse(number, profile.country), profile.country)
        assert any(entry["service_type"] == "emergency" and number in str(entry.get("phone"))
                   and (entry.get("country") == profile.country or entry.get("region") == "EU")
                   for entry in services()), f"{number} has no sourced entry"
