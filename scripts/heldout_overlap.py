"""Print held-out examples (tests/nlu/) that also occur in the training data, and held-out counts under 22
per topic. Shows only held-out text, so test writers can check their work without reading training data."""
from collections import Counter

import yaml

from bot import ROOT
from bot.language.languages import supported
from bot.nlu_data import fold, heldout_examples, training_examples

TARGET = 22


def main() -> None:
    training = {(e.language, fold(e.text)) for e in training_examples()}
    heldout = heldout_examples()
    for example in heldout:
        if (example.language, fold(example.text)) in training:
            print(f"IN TRAINING  {example.language} {example.intent}: {example.text}")
    topics = yaml.safe_load((ROOT / "content/reference/topics.yml").read_text(encoding="utf-8"))["topics"]
    counts = Counter((e.language, e.intent) for e in heldout)
    for language in supported():
        for topic in topics:
            if counts[(language, topic)] < TARGET:
                print(f"SHORT        {language} {topic}: {counts[(language, topic)]} of {TARGET}")


if __name__ == "__main__":
    main()
