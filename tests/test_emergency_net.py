"""The emergency phrase net on its development sets (a regression check: the net was built on these; the
blind figure comes from tests/emergency_fresh/ in tests/test_e2e_handoff.py) and on the training data."""
from pathlib import Path

import pytest
import yaml

from bot import ROOT
from bot.emergency.net import NET_DIR, compiled, match
from bot.language.languages import supported
from bot.nlu_data import training_examples
from bot.nlu.country_extractor import mostly_country

DEV_SETS = (ROOT / "scripts" / "emergency_dev", ROOT / "tests" / "emergency")
MIN_DEV_RECALL = 0.97
MAX_DEV_FALSE_ALARMS = 0.10
MAX_TRAINING_FALSE_POSITIVES = 0.04  # mostly "they lock me in" reports, a deliberate lean to recall


def dev(language):
    data = {"emergency": [], "not_emergency": []}
    for folder in DEV_SETS:
        loaded = yaml.safe_load((folder / f"{language}.yml").read_text(encoding="utf-8"))
        for key in data:
            data[key] += loaded.get(key) or []
    return data


def test_every_pattern_compiles():
    written = sum(len(yaml.safe_load(p.read_text(encoding="utf-8")).get("patterns") or [])
                  for p in Path(NET_DIR).glob("*.yml"))
    assert len(compiled()) == written


@pytest.mark.parametrize("language", supported())
def test_dev_recall_and_false_alarms(language):
    data = dev(language)
    missed = [t for t in data["emergency"] if not match(t)]
    alarms = [t for t in data["not_emergency"] if match(t)]
    assert len(missed) <= (1 - MIN_DEV_RECALL) * len(data["emergency"]), missed
    assert len(alarms) <= MAX_DEV_FALSE_ALARMS * len(data["not_emergency"]), alarms


@pytest.mark.parametrize("language", supported())
def test_few_false_positives_on_training_questions(language):
    others = [e.text for e in training_examples() if e.language == language and e.intent != "emergency"]
    fired = [t for t in others if match(t)]
    assert len(fired) <= MAX_TRAINING_FALSE_POSITIVES * len(others), fired[:10]


def test_button_payloads_and_empty_text_never_fire():
    assert match("") is None and match("   ") is None


@pytest.mark.parametrize("text,entities,expected", [
    ("estoy en Catar", [{"start": 9, "end": 14}], True),
    ("我在卡塔尔", [{"start": 2, "end": 5}], True),
    ("estoy en España y mi jefe tiene mi pasaporte", [{"start": 9, "end": 15}], False),
])
def test_a_message_that_is_mostly_a_country_informs_it(text, entities, expected):
    assert mostly_country(text, entities) is expected
