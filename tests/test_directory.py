"""The service directory: schema, traceability to the sourced reference, numbers, emergency numbers, Spain."""
import re

import phonenumbers
import pytest
import yaml
from phonenumbers import shortnumberinfo

from bot import ROOT
from bot.directory.directory import directory_files, emergency_of, load, schema_errors, services_of
from bot.directory.numbers import number_view
from bot.directory.select import Request, choose

SOURCE = yaml.safe_load((ROOT / "content" / "reference" / "services.yml").read_text(encoding="utf-8"))
SOURCE_BY_KEY = {(e.get("country"), e["organisation"]): e for e in SOURCE}
NUMBER_FIELDS = ("phones", "sms", "whatsapp", "viber")


def directory_entries():
    for path in directory_files():
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for service in document["services"]:
            yield document.get("country"), service


def digits(text) -> str:
    return re.sub(r"\D", "", str(text or ""))


@pytest.mark.parametrize("path", directory_files(), ids=lambda p: p.name)
def test_every_file_matches_the_schema(path):
    assert schema_errors(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_every_source_entry_is_in_the_directory_once_and_nothing_else():
    keys = [(country, service["organisation"]) for country, service in directory_entries()]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(SOURCE_BY_KEY)


def test_ids_are_unique():
    ids = [service["id"] for _, service in directory_entries()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("field", ["source", "source_date", "confidence", "anonymous"])
def test_source_fields_are_copied(field):
    for country, service in directory_entries():
        assert service.get(field) == SOURCE_BY_KEY[(country, service["organisation"])].get(field), service["id"]


def test_every_number_comes_from_its_source_entry_digit_for_digit():
    for country, service in directory_entries():
        source = SOURCE_BY_KEY[(country, service["organisation"])]
        published = digits(source.get("phone")) + " " + digits(source.get("sms_whatsapp_text"))
        for field in NUMBER_FIELDS:
            for number in service.get(field, []):
                assert digits(number["number"]) in published, (service["id"], number["number"])


def test_emails_and_urls_appear_in_the_source_entry():
    for country, service in directory_entries():
        source = SOURCE_BY_KEY[(country, service["organisation"])]
        published = yaml.safe_dump(source, allow_unicode=True, width=10_000)
        for email in service.get("emails", []):
            assert email in published, (service["id"], email)
        for url in [service.get("web"), service.get("chat_web")] + [s.get("url") for s in service.get("social", [])]:
            if url:
                bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
                assert bare in published, (service["id"], url)


def test_phone_numbers_parse_for_their_country_and_short_codes_are_short():
    for country, service in directory_entries():
        for field in NUMBER_FIELDS:
            for number in service.get(field, []):
                if number["kind"] == "short_code":
                    assert 3 <= len(digits(number["number"])) <= 6, number
                else:
                    region = number.get("region") or country or "ZZ"
                    parsed = phonenumbers.parse(number["number"], region)
                    assert phonenumbers.is_valid_number(parsed), (service["id"], number["number"])


def test_every_country_has_a_sourced_emergency_number_that_libphonenumber_confirms():
    for country, document in load().items():
        if country == "international":
            continue
        numbers = document.get("emergency", [])
        assert numbers and all(n.get("source") for n in numbers), country
        assert any(shortnumberinfo.is_emergency_number(n["number"], country) for n in numbers), country


def test_low_confidence_services_are_hidden_unless_the_deployment_shows_them_and_then_flagged():
    low = [(c, s) for c, s in directory_entries() if s["confidence"] == "low" and c]
    assert low
    for country, service in low:
        hidden = choose(Request(country=country, topic="find_help"), limit=50)
        assert service["id"] not in [s["id"] for s in hidden]
        shown = choose(Request(country=country, topic="find_help", show_unverified=True), limit=50)
        flagged = [s for s in shown if s["id"] == service["id"]]
        assert all(s["unverified"] for s in flagged)


def test_spain_shows_exactly_the_seed_model():
    line = next(s for s in services_of("ES") if s["id"] == "es-policia-trata")
    view = number_view(line["phones"][0], "ES")
    assert view["e164"] == "+34900105090" and view["display"] == "900 10 50 90"
    assert line["emails"] == ["trata@policia.es"]
    assert any(s.get("handle") == "@policia" for s in line["social"])
    assert line["hours_24_7"] and line["free"] and line["anonymous"]
    assert [n["number"] for n in emergency_of("ES")] == ["112", "091"]


def test_short_codes_have_no_e164_but_a_tel_link():
    view = number_view({"number": "091", "kind": "short_code"}, "ES")
    assert view["e164"] is None and view["tel"] == "tel:091"
