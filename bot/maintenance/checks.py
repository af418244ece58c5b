"""The project's own data checks, used by `make validate` (scripts/validate.py) and the tests.

Each check takes a Tree (the repository, or a copy) and returns a list of problems, one readable line
each; an empty list means the check passed.
"""
import string
from collections import defaultdict
from typing import Callable, Dict, List, Tuple

import yaml

from bot.content.catalog import SOURCE_LANGUAGE
from bot.maintenance.tree import Tree, load_yaml
from bot.nlu_data import fold

Check = Callable[[Tree], List[str]]
SHOW_KEYS = 8


def _placeholders(text: str) -> set:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<malformed braces>"}


def _text(value):
    """The text of a catalog value (plain, or {text: ..., reviewed: ...}); None for an explicit fallback."""
    if isinstance(value, dict):
        value = value.get("text")
    return None if value is None else str(value)


def language_files(tree: Tree) -> List[str]:
    """Every language of content/languages.yml has its training folder, held-out set and catalog, and every
    intent block declares the language of the folder it sits in."""
    problems = []
    for code in tree.languages():
        for path in (tree.train_dir / code, tree.root / "tests" / "nlu" / f"{code}.yml",
                     tree.catalog_dir / f"{code}.yml"):
            if not path.exists():
                problems.append(f"{code}: {tree.relative(path)} is missing (make new-language LANG={code} creates it)")
    for example in tree.training_examples():
        folder = example.source.split("/")[2]
        if example.language != folder:
            problems.append(f"{example.source}: intent {example.intent} declares language "
                            f"'{example.language}' but sits in data/nlu/{folder}/")
    for example in tree.heldout_examples():
        if not example.source.endswith(f"/{example.language}.yml"):
            problems.append(f"{example.source}: intent {example.intent} declares language '{example.language}'")
    return sorted(set(problems))


def topics_in_every_language(tree: Tree) -> List[str]:
    """Every topic intent (content/reference/topics.yml) is a domain intent and has training examples and
    held-out examples in every language."""
    problems = []
    intents = set(tree.domain_intents())
    train = {(e.language, e.intent) for e in tree.training_examples()}
    heldout = {(e.language, e.intent) for e in tree.heldout_examples()}
    for topic in tree.topics():
        if topic not in intents:
            problems.append(f"topic {topic} is not an intent in domain.yml")
        missing_train = [c for c in tree.languages() if (c, topic) not in train]
        missing_test = [c for c in tree.languages() if (c, topic) not in heldout]
        if missing_train:
            problems.append(f"topic {topic} has no training examples in: {', '.join(missing_train)}")
        if missing_test:
            problems.append(f"topic {topic} has no held-out examples (tests/nlu/) in: {', '.join(missing_test)}")
    return problems


def only_domain_intents(tree: Tree) -> List[str]:
    """Training and held-out examples use only intents declared in domain.yml."""
    intents = set(tree.domain_intents())
    unknown = defaultdict(set)
    for e in tree.training_examples() + tree.heldout_examples():
        if e.intent not in intents:
            unknown[e.intent].add(e.source)
    return [f"intent {i} (in {', '.join(sorted(s))}) is not in domain.yml" for i, s in sorted(unknown.items())]


def catalog_keys(tree: Tree) -> List[str]:
    """Every response key of domain.yml has an English text; every English key is in every language's catalog
    with the same {placeholders}, or is explicitly set to null there (null = show the English text); every
    button of content/layout.yml has a label."""
    problems = []
    english_path = tree.catalog_dir / f"{SOURCE_LANGUAGE}.yml"
    english = (load_yaml(english_path) or {}).get("texts") or {}
    for key in tree.domain().get("responses") or {}:
        if key not in english:
            problems.append(f"response {key} (domain.yml) has no text in {tree.relative(english_path)}")
    layout = tree.layout()
    for response, buttons in (layout.get("responses") or {}).items():
        for name in buttons or []:
            if f"button.{name}" not in english:
                problems.append(f"button {name} of {response} (content/layout.yml) has no label "
                                f"button.{name} in {tree.relative(english_path)}")
    missing_in: Dict[str, List[str]] = defaultdict(list)  # key -> languages whose catalog lacks it
    for code in tree.languages():
        path = tree.catalog_dir / f"{code}.yml"
        if code == SOURCE_LANGUAGE or not path.exists():
            continue
        texts = (load_yaml(path) or {}).get("texts") or {}
        for key in english:
            if key not in texts:
                missing_in[key].append(code)
        for key, value in texts.items():
            if key not in english:
                problems.append(f"{tree.relative(path)}: key {key} is not in {english_path.name}")
                continue
            text, source = _text(value), _text(english[key])
            if text is not None and source is not None and _placeholders(text) != _placeholders(source):
                problems.append(f"{tree.relative(path)}: {key} has placeholders {sorted(_placeholders(text))}, "
                                f"English has {sorted(_placeholders(source))}")
    groups: Dict[Tuple[str, ...], List[str]] = defaultdict(list)
    for key, codes in missing_in.items():
        groups[tuple(codes)].append(key)
    for codes, keys in groups.items():
        shown = ", ".join(keys[:SHOW_KEYS]) + (f" and {len(keys) - SHOW_KEYS} more" if len(keys) > SHOW_KEYS else "")
        problems.append(f"{len(keys)} key(s) of {english_path.name} missing in content/responses/<lang>.yml for "
                        f"{' '.join(codes)}: {shown} (translate them, or write `key: null` to show the English "
                        f"text; `make coverage` lists them)")
    return problems


def _clashes(examples, label: str) -> List[str]:
    seen: Dict[Tuple[str, str], Dict[str, str]] = defaultdict(dict)
    for e in examples:
        seen[(e.language, fold(e.text))].setdefault(e.intent, e.source)
    return [f"{label} {language}: \"{text}\" is under {len(found)} intents: "
            + ", ".join(f"{intent} ({source})" for intent, source in sorted(found.items()))
            for (language, text), found in sorted(seen.items()) if len(found) > 1]


def no_example_under_two_intents(tree: Tree) -> List[str]:
    """Within one language, no example text (case, spaces and end punctuation ignored) is under two intents,
    in the training data or in the held-out NLU sets (tests/nlu/)."""
    return _clashes(tree.training_examples(), "training") + _clashes(tree.heldout_examples(), "held-out")


def no_training_test_overlap(tree: Tree) -> List[str]:
    """No held-out example (tests/nlu/, tests/nlu_handoff/, tests/emergency/) is also a training example of the
    same language (or of any language, where the held-out file does not say which)."""
    by_language = {(e.language, fold(e.text)) for e in tree.training_examples()}
    any_language = {text for _, text in by_language}
    problems = []
    for e in tree.all_heldout_examples():
        text = fold(e.text)
        if ((e.language, text) in by_language) if e.language else (text in any_language):
            problems.append(f"{e.source}: \"{e.text}\" is also a training example"
                            + (f" ({e.language})" if e.language else "") + " — rewrite it or remove one")
    return problems


def directory_schema(tree: Tree) -> List[str]:
    """data/directory/*.yml (one file per country) match data/directory/schema.yml. Skipped while the folder
    holds no country file yet."""
    from jsonschema import Draft7Validator

    schema_path = tree.directory_dir / "schema.yml"
    files = sorted(p for p in tree.directory_dir.glob("*.yml") if p.name != "schema.yml")
    if not files:
        return []
    if not schema_path.exists():
        return [f"{tree.relative(schema_path)} is missing: cannot check {len(files)} directory file(s)"]
    validator = Draft7Validator(load_yaml(schema_path))
    problems = []
    for path in files:
        try:
            data = load_yaml(path)
        except yaml.YAMLError as error:
            problems.append(f"{tree.relative(path)}: not valid YAML: {error}")
            continue
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
            problems.append(f"{tree.relative(path)}: {where}: {error.message}")
    return problems


def directory_skipped(tree: Tree) -> bool:
    return not any(p.name != "schema.yml" for p in tree.directory_dir.glob("*.yml"))


SEEDED = {"DIETClassifier": "random_seed", "ResponseSelector": "random_seed", "TEDPolicy": "random_seed",
          "UnexpecTEDIntentPolicy": "random_seed", "LogisticRegressionClassifier": "random_state"}


def fixed_seed(tree: Tree) -> List[str]:
    """Every trainable component of config.yml that takes a seed has one, so `make train` is repeatable."""
    config = load_yaml(tree.root / "config.yml") or {}
    problems = []
    for component in (config.get("pipeline") or []) + (config.get("policies") or []):
        name = str((component or {}).get("name"))
        if name in SEEDED and SEEDED[name] not in component:
            problems.append(f"config.yml: {name} has no {SEEDED[name]} (training would not be repeatable)")
    return problems


CHECKS: Dict[str, Check] = {
    "language files": language_files,
    "topics in every language": topics_in_every_language,
    "only domain intents": only_domain_intents,
    "catalog keys": catalog_keys,
    "no example under two intents": no_example_under_two_intents,
    "no training/test overlap": no_training_test_overlap,
    "directory schema": directory_schema,
    "fixed seed": fixed_seed,
}


def run_all(tree: Tree) -> Dict[str, List[str]]:
    """{check name: problems}; a check that crashes (e.g. on a file that is not valid YAML) reports that."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check(tree)
        except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
            results[name] = [f"could not run: {type(error).__name__}: {error}"]
    return results
