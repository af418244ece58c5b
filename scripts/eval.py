"""`make eval`: per-language NLU report on the held-out sets (tests/nlu/<lang>.yml) — per-intent precision,
recall and F1, the top confusion pairs, one confusion-matrix PNG per language in reports/, and reports/eval.md.
Loads models/kyra.tar.gz once (as scripts/bench_nlu.py does).

`make eval CV=5 LANG=es`: 5-fold cross-validation on one language's training data instead: trains an NLU-only
model on 4/5 of it (config.yml, in a temporary folder with its own Rasa cache), parses the other 1/5, five
times -> reports/eval-cv-es.md and reports/confusion-cv-es.png. Slow: every fold is a training run.
"""
import os
import warnings

os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
warnings.simplefilter("ignore")  # library deprecation noise would bury the progress lines
import argparse
import asyncio
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import yaml

from bot import ROOT
from bot.maintenance.evaluation import language_section, plot_confusion, score, summary_table
from bot.maintenance.tree import Tree
from bot.nlu_data import Example
from scripts.bench_nlu import _parse_all

MODEL = ROOT / "models" / "kyra.tar.gz"
REPORTS = ROOT / "reports"


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def language_name(code: str) -> str:
    try:
        from bot.language.languages import name_in

        return name_in(code, "en")
    except Exception:  # a code Babel does not know: show the code
        return code


def predictions(model: Path, texts: List[str]) -> List[str]:
    parsed = asyncio.run(_parse_all(model, texts))
    return [(result.get("intent") or {}).get("name") or "none" for result in parsed]


def write_report(results: Dict[str, Dict], pictures: Dict[str, str], path: Path, intro: List[str]) -> None:
    lines = intro + [""] + summary_table(results) + ["", "## Per language", ""]
    for code, result in results.items():
        lines += language_section(code, language_name(code), result, pictures.get(code))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def heldout(args) -> int:
    if not args.model.exists():
        print(f"no model at {args.model}: run `make train` first")
        return 1
    tree = Tree(ROOT)
    examples = [e for e in tree.heldout_examples() if not args.language or e.language == args.language]
    if not examples:
        print(f"no held-out examples{' for ' + args.language if args.language else ''} in tests/nlu/")
        return 1
    newest_data = max(p.stat().st_mtime for p in (ROOT / "data").rglob("*.yml"))
    if newest_data > args.model.stat().st_mtime:
        print("note: training data changed after this model was trained; `make train` for current figures")
    started = time.perf_counter()
    print(f"parsing {len(examples)} held-out examples with {shown(args.model)} ...", flush=True)
    predicted = predictions(args.model, [e.text for e in examples])
    results, pictures = {}, {}
    languages = [c for c in tree.languages() if any(e.language == c for e in examples)]
    for code in languages:
        pairs = [(e.intent, p) for e, p in zip(examples, predicted) if e.language == code]
        truth, guess = [t for t, _ in pairs], [p for _, p in pairs]
        results[code] = score(truth, guess)
        picture = args.out / f"confusion-{code}.png"
        plot_confusion(truth, guess, f"KYRA held-out NLU, {code} ({language_name(code)}), n={len(truth)}", picture)
        pictures[code] = picture.name
        print(f"  {code}: n={len(truth):4d}  accuracy {results[code]['accuracy']:.3f}  "
              f"macro-F1 {results[code]['macro_f1']:.3f}  fallback {results[code]['fallback_rate']:.1%}")
    model_time = dt.datetime.fromtimestamp(args.model.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    report = args.out / ("eval.md" if not args.language else f"eval-{args.language}.md")
    write_report(results, pictures, report, [
        "# NLU evaluation on the held-out sets (`make eval`)", "",
        f"Model `{args.model.name}` trained {model_time}; evaluated {dt.date.today().isoformat()} on tests/nlu/<lang>.yml "
        "(written separately from the training data, never used for training). Predicted intent = the model's "
        "final intent, so `nlu_fallback` (confidence under the FallbackClassifier threshold) counts as an error. "
        "Macro-F1 averages the F1 of the intents of each language's held-out set. How to read it: "
        "docs/maintainers.md."])
    print(f"{shown(report)} and {len(pictures)} confusion "
          f"matrices written in {time.perf_counter() - started:.0f} s")
    return 0


def nlu_yaml(examples: Sequence[Example], language: str) -> str:
    by_intent: Dict[str, List[str]] = {}
    for e in examples:
        by_intent.setdefault(e.intent, []).append(" ".join(e.text.split()))
    lines = ['version: "3.1"', "nlu:"]
    for intent, texts in by_intent.items():
        lines += [f"- intent: {intent}", "  metadata:", f"    language: {language}", "  examples: |"]
        lines += [f"    - {t}" for t in texts]
    return "\n".join(lines) + "\n"


def fold_config(workdir: Path, epochs: Optional[int]) -> Path:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    if epochs:
        for component in config.get("pipeline") or []:
            if component.get("name") == "DIETClassifier":
                component["epochs"] = epochs
    path = workdir / "config.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def cross_validation(args) -> int:
    from sklearn.model_selection import StratifiedKFold

    if not args.language:
        print("cross-validation needs one language: make eval CV=5 LANG=es")
        return 2
    tree = Tree(ROOT)
    examples = [e for e in tree.training_examples() if e.language == args.language]
    if len(examples) < args.cv * 2:
        print(f"not enough training examples for {args.language}: {len(examples)}")
        return 1
    import rasa.model_training

    splitter = StratifiedKFold(n_splits=args.cv, shuffle=True, random_state=42)
    labels = [e.intent for e in examples]
    truth: List[str] = []
    guess: List[str] = []
    started = time.perf_counter()
    print(f"{args.cv}-fold cross-validation on {len(examples)} {args.language} training examples "
          f"({len(set(labels))} intents); each fold trains an NLU model (config.yml"
          + (f", DIET epochs {args.epochs}" if args.epochs else "") + ")", flush=True)
    with tempfile.TemporaryDirectory(prefix="kyra-cv-") as tmp:
        workdir = Path(tmp)
        os.environ["RASA_CACHE_DIRECTORY"] = str(workdir / "cache")  # keep the project's .rasa/cache as it is
        config = fold_config(workdir, args.epochs)
        for fold, (train_index, test_index) in enumerate(splitter.split(labels, labels), 1):
            fold_started = time.perf_counter()
            data = workdir / f"fold{fold}.yml"
            data.write_text(nlu_yaml([examples[i] for i in train_index], args.language), encoding="utf-8")
            print(f"fold {fold}/{args.cv}: training on {len(train_index)} examples ...", flush=True)
            model = rasa.model_training.train_nlu(str(config), str(data), str(workdir / "models"),
                                                  fixed_model_name=f"fold{fold}", domain=str(ROOT / "domain.yml"))
            if not model:
                print(f"fold {fold}: training failed")
                return 1
            test = [examples[i] for i in test_index]
            predicted = predictions(Path(model), [e.text for e in test])
            truth += [e.intent for e in test]
            guess += predicted
            fold_score = score([e.intent for e in test], predicted)
            elapsed = time.perf_counter() - started
            print(f"fold {fold}/{args.cv}: accuracy {fold_score['accuracy']:.3f}, macro-F1 "
                  f"{fold_score['macro_f1']:.3f} ({time.perf_counter() - fold_started:.0f} s; about "
                  f"{elapsed / fold * (args.cv - fold):.0f} s to go)", flush=True)
    result = score(truth, guess)
    picture = args.out / f"confusion-cv-{args.language}.png"
    plot_confusion(truth, guess, f"KYRA {args.cv}-fold CV, {args.language} training data, n={len(truth)}", picture)
    report = args.out / f"eval-cv-{args.language}.md"
    write_report({args.language: result}, {args.language: picture.name}, report, [
        f"# NLU {args.cv}-fold cross-validation, {args.language} (`make eval CV={args.cv} LANG={args.language}`)", "",
        f"{dt.date.today().isoformat()}: each fold trained on {args.cv - 1}/{args.cv} of the {args.language} training "
        f"data only (NLU-only, config.yml" + (f", DIET epochs {args.epochs}" if args.epochs else "") +
        f") and scored on the rest; {time.perf_counter() - started:.0f} s in all. Single-language models: figures "
        "are not comparable with the multilingual model's held-out figures of reports/eval.md."])
    print(f"all folds: accuracy {result['accuracy']:.3f}, macro-F1 {result['macro_f1']:.3f}; "
          f"{shown(report)} written in {time.perf_counter() - started:.0f} s")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--language", default="", help="only this language (LANG=xx)")
    parser.add_argument("--cv", type=int, default=0, help="k-fold cross-validation on the training data (CV=5)")
    parser.add_argument("--epochs", type=int, default=0, help="cross-validation: DIET epochs (default: config.yml)")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--out", type=Path, default=REPORTS)
    args = parser.parse_args(argv)
    args.language = args.language.strip()
    if args.cv and args.cv < 2:
        print("CV must be 2 or more")
        return 2
    return cross_validation(args) if args.cv else heldout(args)


if __name__ == "__main__":
    sys.exit(main())
