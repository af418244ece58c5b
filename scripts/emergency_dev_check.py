"""Check the emergency phrase net (content/emergency/<lang>.yml) against the hand-written development set.

For every language, with the COMBINED net applied the way bot/emergency/net.py applies it (every language's
patterns on every message, lowercased NFC text and its accent-free form, via `bot.emergency.net.match`):

  * dev recall: share of scripts/emergency_dev/<lang>.yml `emergency` items that fire (target >= 98 %),
  * dev false alarms: share of its `not_emergency` items that fire (target <= 5 %),
  * training false positives: share of non-emergency training examples in data/nlu/<lang>/ that fire
    (target <= 1 %),
  * training recall (informative): share of `emergency` training examples that fire.

Reads the development set and training data only (with --with-tests also tests/emergency/, now a development
set; never tests/emergency_fresh/). Exit status 1 when a target is missed.

    .venv/bin/python -m scripts.emergency_dev_check [--lang xx] [--misses] [--train-misses] [--fp] [--with-tests] [--net DIR]
"""
import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from bot import ROOT
from bot.emergency import net
from bot.nlu_data import training_examples

DEV_DIR = ROOT / "scripts" / "emergency_dev"
TESTS_DEV_DIR = ROOT / "tests" / "emergency"  # promoted to a development set; tests/emergency_fresh/ stays blind
LANGUAGES = ["en", "es", "fr", "ar", "zh", "ru", "hi", "ne", "bn", "tl", "id", "pt"]
MIN_RECALL = 0.98
MAX_DEV_FALSE_ALARMS = 0.05
MAX_TRAINING_FP = 0.01


def which(text: str, folder: Path = net.NET_DIR) -> Optional[Tuple[str, str]]:
    """(language, pattern) of the first pattern that fires, the same order and forms as net.match."""
    if not text or not text.strip():
        return None
    forms = net.text_forms(text)
    for language, pattern in net.compiled(folder):
        if any(pattern.search(form) for form in forms):
            return language, pattern.pattern
    return None


def load_dev(language: str) -> Dict[str, List[str]]:
    path = DEV_DIR / f"{language}.yml"
    if not path.exists():
        return {"emergency": [], "not_emergency": []}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {key: [str(item) for item in data.get(key) or []] for key in ("emergency", "not_emergency")}


def pattern_count(language: str, folder: Path = net.NET_DIR) -> int:
    data = yaml.safe_load((folder / f"{language}.yml").read_text(encoding="utf-8")) or {}
    return len(data.get("patterns") or [])


def short(pattern: str, width: int = 70) -> str:
    return pattern if len(pattern) <= width else pattern[: width - 1] + "…"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--misses", action="store_true", help="list dev emergency items that do not fire")
    parser.add_argument("--train-misses", action="store_true", help="list emergency training examples that do not fire")
    parser.add_argument("--fp", action="store_true", help="list dev false alarms and training false positives")
    parser.add_argument("--with-tests", action="store_true",
                        help="also count tests/emergency/<lang>.yml (now a development set; never tests/emergency_fresh/)")
    parser.add_argument("--net", type=Path, default=net.NET_DIR, help="folder of <lang>.yml nets (default: content/emergency)")
    args = parser.parse_args(argv)
    folder = args.net.resolve()
    net.compiled.cache_clear()
    by_language, train_pos = defaultdict(list), defaultdict(list)
    for example in training_examples():
        (train_pos if example.intent == "emergency" else by_language)[example.language].append(example)
    ok = True
    totals = [0, 0, 0, 0, 0, 0]
    print(f"{'lang':4} {'patterns':>8} {'dev recall':>16} {'dev false alarms':>18} {'training FP':>18} "
          f"{'training recall':>16}")
    for language in args.lang or LANGUAGES:
        dev = load_dev(language)
        if args.with_tests:
            extra = TESTS_DEV_DIR / f"{language}.yml"
            if extra.exists():
                data = yaml.safe_load(extra.read_text(encoding="utf-8")) or {}
                for key in ("emergency", "not_emergency"):
                    dev[key] = dev[key] + [str(item) for item in data.get(key) or []]
        misses = [text for text in dev["emergency"] if not which(text, folder)]
        alarms = [(text, which(text, folder)) for text in dev["not_emergency"]]
        alarms = [(text, hit) for text, hit in alarms if hit]
        negatives = by_language.get(language, [])
        positives = train_pos.get(language, [])
        train_missed = [e for e in positives if not which(e.text, folder)]
        training_fp = [(e, which(e.text, folder)) for e in negatives]
        training_fp = [(e, hit) for e, hit in training_fp if hit]
        n_pos, n_neg, n_train = len(dev["emergency"]), len(dev["not_emergency"]), len(negatives)
        recall = (n_pos - len(misses)) / n_pos if n_pos else 0.0
        alarm_rate = len(alarms) / n_neg if n_neg else 0.0
        fp_rate = len(training_fp) / n_train if n_train else 0.0
        flags = []
        if recall < MIN_RECALL:
            flags.append("RECALL")
        if alarm_rate > MAX_DEV_FALSE_ALARMS:
            flags.append("ALARMS")
        if fp_rate > MAX_TRAINING_FP:
            flags.append("TRAIN-FP")
        ok = ok and not flags
        print(f"{language:4} {pattern_count(language, folder):>8} {n_pos - len(misses):>4}/{n_pos:<3} {recall:>6.1%} "
              f"{len(alarms):>4}/{n_neg:<3} {alarm_rate:>7.1%}  {len(training_fp):>4}/{n_train:<5} {fp_rate:>5.1%}  "
              f"{len(positives) - len(train_missed):>4}/{len(positives):<4} {(len(positives) - len(train_missed)) / max(len(positives), 1):>6.1%}  "
              f"{' '.join(flags)}")
        totals = [a + b for a, b in zip(totals, [n_pos - len(misses), n_pos, len(alarms), n_neg,
                                                  len(training_fp), n_train])]
        if args.misses:
            for text in misses:
                print(f"    miss  {text!r}")
        if args.train_misses:
            for example in train_missed:
                print(f"    train-miss  {example.text!r}")
        if args.fp:
            for text, (lang, pattern) in alarms:
                print(f"    ALARM {text!r}  <- {lang}: {short(pattern)!r}")
            for example, (lang, pattern) in training_fp:
                print(f"    TRAIN [{example.intent}] {example.text!r}  <- {lang}: {short(pattern)!r}")
    if totals[1]:
        print(f"all  {'':>8} {totals[0]:>4}/{totals[1]:<3} {totals[0] / totals[1]:>6.1%} "
              f"{totals[2]:>4}/{totals[3]:<3} {totals[2] / max(totals[3], 1):>7.1%}  "
              f"{totals[4]:>4}/{totals[5]:<5} {totals[4] / max(totals[5], 1):>5.1%}")
    print("OK" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
