"""NLU and language-ID figures on the held-out sets (tests/nlu/, tests/langid/), never on training data."""
import asyncio
import os

os.environ.setdefault("LOG_LEVEL", "WARNING")
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List

import yaml
from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException
from sklearn.metrics import accuracy_score, f1_score

from bot import ROOT
from bot.language.detect import LanguageDetector
from bot.language.languages import is_supported, supported
from bot.language.ngram import NgramLanguageModel
from bot.nlu_data import heldout_examples, training_examples

LANGID_DIR = ROOT / "tests" / "langid"
BUCKETS = ("one_word", "few_words", "sentence")


async def _parse_all(model_path: Path, texts: List[str]) -> List[Dict]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)
    agent = Agent.load(str(model_path))
    return [await agent.parse_message(text) for text in texts]


def nlu_scores(model_path: Path) -> Dict[str, Dict[str, float]]:
    """Per language: intent accuracy and macro-F1 over the intents of its held-out set."""
    examples = heldout_examples()
    parsed = asyncio.run(_parse_all(model_path, [e.text for e in examples]))
    by_language = defaultdict(lambda: ([], []))
    for example, result in zip(examples, parsed):
        truth, predicted = by_language[example.language]
        truth.append(example.intent)
        predicted.append((result.get("intent") or {}).get("name") or "none")
    scores = {}
    for language, (truth, predicted) in sorted(by_language.items()):
        scores[language] = {
            "n": len(truth),
            "accuracy": accuracy_score(truth, predicted),
            "macro_f1": f1_score(truth, predicted, labels=sorted(set(truth)), average="macro", zero_division=0),
            "confusions": Counter((t, p) for t, p in zip(truth, predicted) if t != p).most_common(3),
        }
    return scores


def _plain_langdetect(text: str) -> str:
    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0].lang
    except LangDetectException:
        return "none"
    return {"zh-cn": "zh", "zh-tw": "zh"}.get(best, best)


def langid_scores() -> Dict[str, Dict[str, Dict[str, float]]]:
    """Accuracy by language and length bucket: KYRA's identifier vs plain langdetect."""
    model = NgramLanguageModel.train((e.text, e.language) for e in training_examples() if is_supported(e.language))
    detector = LanguageDetector(model)
    scores = {}
    for language in supported():
        path = LANGID_DIR / f"{language}.yml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        scores[language] = {
            bucket: {
                "kyra": sum(detector.detect(m).code == language for m in data[bucket]) / len(data[bucket]),
                "langdetect": sum(_plain_langdetect(m) == language for m in data[bucket]) / len(data[bucket]),
            }
            for bucket in BUCKETS
        }
    return scores
