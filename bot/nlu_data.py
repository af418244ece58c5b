"""Read KYRA's NLU YAML files (training data/nlu/<lang>/, held-out tests/nlu/<lang>.yml) as plain examples."""
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List

import yaml

from bot import ROOT

TRAIN_DIR = ROOT / "data" / "nlu"
TEST_DIR = ROOT / "tests" / "nlu"
HANDOFF_TEST_DIR = ROOT / "tests" / "nlu_handoff"      # {language, <intent>: [texts]} per language
# {language, emergency: [...], not_emergency: [...]}: tests/emergency/ was looked at while the phrase net was
# built (a development set now); tests/emergency_fresh/ was written last, blind, for the final figure
EMERGENCY_TEST_DIR = ROOT / "tests" / "emergency"
EMERGENCY_FRESH_DIR = ROOT / "tests" / "emergency_fresh"


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    language: str
    source: str  # file it came from, relative to the repository


def parse_examples(block: str) -> List[str]:
    """The items of a Rasa `examples: |` block."""
    return [line.strip()[2:].strip() for line in block.splitlines() if line.strip().startswith("- ")]


def read_file(path: Path) -> List[Example]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    examples = []
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        language = ((block.get("metadata") or {}).get("language")) or ""
        for text in parse_examples(block.get("examples") or ""):
            examples.append(Example(text, block["intent"], language, str(path.relative_to(ROOT))))
    return examples


def read_all(paths: Iterable[Path]) -> List[Example]:
    return [example for path in sorted(paths) for example in read_file(path)]


def training_examples() -> List[Example]:
    return read_all(TRAIN_DIR.glob("*/*.yml"))


def heldout_examples() -> List[Example]:
    return read_all(TEST_DIR.glob("*.yml"))


def fold(text: str) -> str:
    """Comparison form of an example: case-folded, single spaces, no trailing punctuation."""
    return " ".join(text.casefold().split()).strip(" .!?¿¡।؟。！？")


def _lists_file(path: Path, skip=("language", "reviewed")) -> List[Example]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [Example(str(text), intent, data.get("language", path.stem), str(path.relative_to(ROOT)))
            for intent, texts in data.items() if intent not in skip for text in texts or []]


def handoff_heldout_examples() -> List[Example]:
    """Held-out examples of the handoff intents (inform_country, cancel, check_case, start_screening)."""
    return [e for path in sorted(HANDOFF_TEST_DIR.glob("*.yml")) for e in _lists_file(path)]


def emergency_heldout_examples(folder: Path = EMERGENCY_TEST_DIR) -> List[Example]:
    """An emergency set; intent `emergency` or `not_emergency`."""
    return [e for path in sorted(folder.glob("*.yml")) for e in _lists_file(path)]
