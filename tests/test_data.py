"""Training and held-out NLU data: complete per language, well-formed, and never shared."""
from collections import Counter, defaultdict

import pytest
import yaml

from bot import ROOT
from bot.language.languages import supported
from bot.nlu_data import (EMERGENCY_FRESH_DIR, TEST_DIR, TRAIN_DIR, emergency_heldout_examples, fold, handoff_heldout_examples,
                          heldout_examples, read_all, training_examples)

TOPICS = list(yaml.safe_load((ROOT / "content/reference/topics.yml").read_text())["topics"])
DOMAIN_INTENTS = yaml.safe_load((ROOT / "domain.yml").read_text())["intents"]
CONVERSATION = [i for i in DOMAIN_INTENTS if i not in TOPICS and i != "unsupported_language"]
TRAIN = training_examples()
HELDOUT = heldout_examples()
OTHER_HELDOUT = (handoff_heldout_examples() + emergency_heldout_examples()
                 + emergency_heldout_examples(EMERGENCY_FRESH_DIR))
MIN_TOPIC_EXAMPLES, MIN_CONVERSATION_EXAMPLES = 20, 12


@pytest.mark.parametrize("language", supported())
def test_training_data_has_enough_examples_per_intent(language):
    counts = Counter(e.intent for e in TRAIN if e.language == language)
    short = {i: counts[i] for i in TOPICS if counts[i] < MIN_TOPIC_EXAMPLES}
    short.update({i: counts[i] for i in CONVERSATION if counts[i] < MIN_CONVERSATION_EXAMPLES})
    assert not short, short


@pytest.mark.parametrize("language", supported())
def test_heldout_set_has_20_examples_per_topic(language):
    counts = Counter(e.intent for e in HELDOUT if e.language == language)
    short = {t: counts[t] for t in TOPICS if counts[t] < 20}
    assert not short, short


def test_every_example_names_its_language_and_sits_in_its_folder():
    for example in read_all(TRAIN_DIR.glob("*/*.yml")):
        assert example.source.split("/")[2] == example.language, example
    for example in read_all(TEST_DIR.glob("*.yml")):
        assert example.source.endswith(f"/{example.language}.yml"), example


def test_only_domain_intents_are_used():
    assert {e.intent for e in TRAIN + HELDOUT} <= set(DOMAIN_INTENTS)


def test_no_example_is_both_training_and_test():
    training = {(e.language, fold(e.text)) for e in TRAIN}
    shared = [e for e in HELDOUT + OTHER_HELDOUT if (e.language, fold(e.text)) in training]
    assert not shared, shared[:10]


@pytest.mark.parametrize("examples", [TRAIN, HELDOUT], ids=["training", "heldout"])
def test_no_example_under_two_intents(examples):
    intents = defaultdict(set)
    for e in examples:
        intents[(e.language, fold(e.text))].add(e.intent)
    clashes = {text: found for text, found in intents.items() if len(found) > 1}
    assert not clashes, list(clashes.items())[:10]
