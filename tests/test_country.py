"""The country recogniser (Babel/CLDR names → spaCy EntityRuler) on a per-language set written for it."""
import yaml
import pytest

from bot import ROOT
from bot.country.matcher import find_countries
from bot.country.names import names_for
from bot.language.languages import supported

CASES_DIR = ROOT / "tests" / "country"
MIN_ACCURACY = 0.85  # per language; demonyms ("soy brasileña") are not recognised as home countries


def cases(language):
    return yaml.safe_load((CASES_DIR / f"{language}.yml").read_text(encoding="utf-8"))["cases"]


def recognised(text, language):
    mentions = find_countries(text, language)
    where = next((m.code for m in mentions if m.role != "home"), None)
    home = next((m.code for m in mentions if m.role == "home"), None)
    return where, home


@pytest.mark.parametrize("language", supported())
def test_country_accuracy_per_language(language):
    results = [recognised(c["text"], language) == (c["country"], c.get("home", recognised(c["text"], language)[1]))
               for c in cases(language)]
    assert sum(results) / len(results) >= MIN_ACCURACY, language


@pytest.mark.parametrize("language", supported())
def test_no_country_is_invented(language):
    for case in cases(language):
        if case["country"] is None and not case.get("home"):
            assert recognised(case["text"], language) == (None, None), case["text"]


@pytest.mark.parametrize("text,language,where,home", [
    ("estoy en Catar", "es", "QA", None),
    ("我在卡塔尔", "zh", "QA", None),
    ("I work in Dubai", "en", "AE", None),
    ("я работаю в Саудовской Аравии", "ru", "SA", None),
    ("انا بقطر", "ar", "QA", None),
    ("soy de Nepal y trabajo en Catar", "es", "QA", "NP"),
    ("मैं नेपाल से हूँ, कतार में काम करता हूँ", "hi", "QA", "NP"),
    ("my boss took my passport", "en", None, None),
])
def test_examples_from_the_issue(text, language, where, home):
    assert recognised(text, language) == (where, home)


def test_names_come_from_cldr_in_every_language():
    for language in supported():
        table = names_for(language)
        assert len(table) > 500 and table.get("Qatar") == "QA"
