"""`make new-language LANG=xx`: the files a new language needs, with TODO markers, and the list of what is
left to do. Adding a language is filling in files; nothing in the code lists the languages."""
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

from bot.content.catalog import SOURCE_LANGUAGE
from bot.maintenance.tree import NOT_TRAINED_PER_LANGUAGE, Tree, load_yaml

UNSUPPORTED_FOLDER = "xx"  # data/nlu/xx/: examples of languages KYRA does not speak
MIN_TRAIN, MIN_HELDOUT, MIN_LANGID = 20, 20, 20


class ScaffoldError(Exception):
    pass


@dataclass
class Language:
    code: str
    name: str            # English name, from Babel/CLDR
    native: str          # its own name
    script: str          # native script (Unicode name: LATIN, ARABIC ...)
    spacy_ok: bool       # spacy.blank(code) builds a tokenizer
    langdetect_ok: bool  # langdetect has a profile for it


@dataclass
class Scaffold:
    language: Language
    created: List[str] = field(default_factory=list)
    todo: List[str] = field(default_factory=list)


def describe(code: str) -> Language:
    """Facts about a language code; ScaffoldError when Babel/CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    from bot.language.languages import _BABEL_ALIASES, char_script

    if not re.fullmatch(r"[a-z]{2,3}", code or ""):
        raise ScaffoldError(f"'{code}' is not an ISO 639 language code (2 or 3 lowercase letters, e.g. ur, sw)")
    if code == UNSUPPORTED_FOLDER:
        raise ScaffoldError("'xx' is reserved: data/nlu/xx/ holds examples of languages KYRA does not speak")
    try:
        locale = Locale.parse(_BABEL_ALIASES.get(code, code))
        name = Locale("en").languages.get(locale.language)
        native = locale.get_language_name(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        name = native = None
    if not name or not native:
        raise ScaffoldError(f"Babel/CLDR does not know the language code '{code}': check the ISO 639-1 code")
    scripts = [s for s in map(char_script, native) if s]
    script = max(set(scripts), key=scripts.count) if scripts else "LATIN"
    try:
        import spacy

        spacy.blank(code)
        spacy_ok = True
    except Exception:  # ImportError / KeyError / ValueError: spaCy has no such language
        spacy_ok = False
    from langdetect.detector_factory import PROFILES_DIRECTORY

    langdetect_ok = (Path(PROFILES_DIRECTORY) / code).exists()
    return Language(code, name, native[:1].upper() + native[1:], script, spacy_ok, langdetect_ok)


def describe_locale(code: str) -> str:
    """The CLDR language a code stands for ('tl' and 'fil' are both 'fil')."""
    from babel import Locale

    from bot.language.languages import _BABEL_ALIASES

    try:
        return Locale.parse(_BABEL_ALIASES.get(code, code)).language
    except Exception:  # unknown to CLDR: only equal to itself
        return code


def intent_descriptions(tree: Tree) -> Dict[str, str]:
    """What users mean by each intent: topics' `covers:` and the conversation table of the training guide."""
    found = {topic: str(spec.get("covers") or "") for topic, spec in tree.topic_specs().items()}
    guide = tree.root / "docs" / "training-data-guide.md"
    if guide.exists():
        for row in re.finditer(r"^\|\s*([a-z_]+)\s*\|\s*([^|]+)\|", guide.read_text(encoding="utf-8"), re.M):
            if row.group(1) not in ("intent",):
                found.setdefault(row.group(1), row.group(2).strip())
    return found


def _nlu_block(intent: str, code: str, todo: str) -> List[str]:
    return [f"- intent: {intent}", f"  # TODO({code}): {todo}", "  metadata:", f"    language: {code}",
            "    reviewed: false", "  examples: |"]


def _training_layout(tree: Tree) -> List[Tuple[str, List[str]]]:
    """(file name, intents) mirroring the source language's training files; each intent once, and every
    domain intent somewhere (those the source language lacks go to conversation.yml)."""
    source = tree.train_dir / SOURCE_LANGUAGE
    placed, layout = set(), []
    for path in sorted(source.glob("*.yml")):
        if path.name == "review.yml":
            continue
        intents = []
        for block in (load_yaml(path) or {}).get("nlu") or []:
            intent = block.get("intent") if isinstance(block, dict) else None
            if intent and intent not in placed:
                intents.append(intent)
                placed.add(intent)
        if intents:
            layout.append((path.name, intents))
    rest = [i for i in tree.domain_intents() if i not in placed and i not in NOT_TRAINED_PER_LANGUAGE]
    if rest:
        names = [name for name, _ in layout]
        if "conversation.yml" in names:
            layout[names.index("conversation.yml")][1].extend(rest)
        else:
            layout.append(("conversation.yml", rest))
    return layout


def training_files(tree: Tree, language: Language) -> Dict[str, str]:
    code, about = language.code, intent_descriptions(tree)
    files = {}
    for name, intents in _training_layout(tree):
        lines = [f"# {code} ({language.name}) training examples for KYRA. Scaffolded by `make new-language`:",
                 f"# write {MIN_TRAIN}+ examples under each intent the way people chat in {language.name}, NOT translations",
                 "# of the English ones (docs/training-data-guide.md), then delete the TODO lines.",
                 'version: "3.1"', "nlu:"]
        for intent in intents:
            lines += _nlu_block(intent, code, f"{MIN_TRAIN}+ examples. " + (about.get(intent) or ""))
        files[f"data/nlu/{code}/{name}"] = "\n".join(lines) + "\n"
    return files


def heldout_file(tree: Tree, language: Language) -> str:
    code, about = language.code, intent_descriptions(tree)
    source = tree.root / "tests" / "nlu" / f"{SOURCE_LANGUAGE}.yml"
    intents = [e.intent for e in tree.read_nlu_file(source)] if source.exists() else tree.topics()
    lines = [f"# {code} ({language.name}) held-out test set. Scaffolded by `make new-language`: {MIN_HELDOUT}+ examples per",
             "# intent, written by someone who has NOT seen the training data (never copied from it).",
             'version: "3.1"', "nlu:"]
    for intent in dict.fromkeys(intents):
        lines += _nlu_block(intent, code, f"{MIN_HELDOUT}+ examples. " + (about.get(intent) or ""))
    return "\n".join(lines) + "\n"


def langid_file(language: Language) -> str:
    code = language.code
    return (f"# Language-ID dev set ({code}, {language.name}). Scaffolded by `make new-language`: {MIN_LANGID}+ real-looking\n"
            f"# chat messages per bucket, written by a native speaker, not copied from the training data.\n"
            f"language: {code}\n"
            f"one_word: []   # TODO({code}): {MIN_LANGID}+ one-word messages (hello, thanks, help, ok ...)\n"
            f"few_words: []  # TODO({code}): {MIN_LANGID}+ messages of 2-3 words\n"
            f"sentence: []   # TODO({code}): {MIN_LANGID}+ messages of 4 words or more\n")


KEY_LINE = re.compile(r"^  (?![#\s])([^:]+):")


def catalog_file(tree: Tree, language: Language) -> str:
    """The English catalog with every text under a TODO marker, `language: <code>` and `reviewed: false`."""
    code = language.code
    english = (tree.catalog_dir / f"{SOURCE_LANGUAGE}.yml").read_text(encoding="utf-8").splitlines()
    out = [f"# {language.name} ({language.native}) translation of en.yml, the KYRA response catalog.",
           f"# Scaffolded by `make new-language`: every text below is still ENGLISH. Translate each one, keep the",
           "# {placeholders} exactly, keep the legal meaning of en.yml, and delete its TODO line.",
           "# A native speaker who checks a text marks it {text: ..., reviewed: true} (or the whole file, below)."]
    body = False
    for line in english:
        if not body:
            if line.startswith("#") or not line.strip():
                continue
            body = True
        if re.match(r"^language:", line):
            out.append(f"language: {code}")
        elif re.match(r"^reviewed:", line):
            out.append(f"reviewed: false  # TODO({code}): true once a native speaker has checked every text")
        elif KEY_LINE.match(line):
            out.append(f"  # TODO({code}): translate")
            out.append(line)
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def add_to_languages(text: str, code: str) -> str:
    """content/languages.yml with `code` appended to its `languages:` list (comments kept)."""
    flow = re.search(r"^(languages:\s*\[)([^\]]*)\]", text, re.M)
    if flow:
        items = [i.strip() for i in flow.group(2).split(",") if i.strip()]
        return text[:flow.start()] + f"{flow.group(1)}{', '.join(items + [code])}]" + text[flow.end():]
    block = re.search(r"^languages:\s*\n((?:\s+-\s*\S+.*\n?)+)", text, re.M)
    if block:
        end = block.end()
        items = block.group(1)
        return text[:end] + ("" if items.endswith("\n") else "\n") + f"  - {code}\n" + text[end:]
    raise ScaffoldError("content/languages.yml has no `languages:` list")


def per_language_files(tree: Tree, languages: List[str]) -> List[str]:
    """Other folders with one file per language (content/telegram/<lang>.yml ...), relative paths of the folder."""
    # data/directory/<cc>.yml are COUNTRIES (es = Spain, id = Indonesia), not languages
    skip = {"data/nlu", "tests/nlu", "tests/langid", "content/responses", "data/directory"}
    folders = []
    for folder in sorted({p.parent for base in ("content", "tests", "data", "bot") for p in
                          (tree.root / base).rglob("*.yml") if (tree.root / base).exists()}):
        relative = tree.relative(folder)
        if relative in skip or "/." in relative:
            continue
        present = [code for code in languages if (folder / f"{code}.yml").exists()]
        if len(present) >= max(2, len(languages) // 2):
            folders.append(relative)
    return folders


def unsupported_examples_in(tree: Tree, code: str) -> List[Tuple[str, int]]:
    """(file, line) of data/nlu/xx/ examples that langdetect puts in the new language (they must go)."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    found = []
    for path in sorted((tree.train_dir / UNSUPPORTED_FOLDER).glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = line.strip()[2:] if line.strip().startswith("- ") else ""
            if not text:
                continue
            DetectorFactory.seed = 0
            try:
                guesses = detect_langs(text)
            except LangDetectException:
                continue
            if any(g.lang == code and g.prob >= 0.25 for g in guesses):
                found.append((tree.relative(path), number))
    return found


def scaffold(tree: Tree, code: str, dry_run: bool = False) -> Scaffold:
    """Create the files of a new language and add it to content/languages.yml; refuses to overwrite."""
    supported = tree.languages()
    if code in supported:
        raise ScaffoldError(f"'{code}' is already in content/languages.yml")
    language = describe(code)
    same = [c for c in supported if describe_locale(c) == describe_locale(code)]
    if same:
        raise ScaffoldError(f"'{code}' is {language.name}, which KYRA already speaks as '{same[0]}'")
    files = training_files(tree, language)
    files[f"tests/nlu/{code}.yml"] = heldout_file(tree, language)
    files[f"tests/langid/{code}.yml"] = langid_file(language)
    files[f"content/responses/{code}.yml"] = catalog_file(tree, language)
    existing = [name for name in files if (tree.root / name).exists()]
    if (tree.train_dir / code).exists():
        existing.append(f"data/nlu/{code}/")
    if existing:
        raise ScaffoldError(f"not overwriting existing files: {', '.join(sorted(set(existing)))}")
    languages_text = add_to_languages(tree.languages_file.read_text(encoding="utf-8"), code)
    result = Scaffold(language)
    if not dry_run:
        for name, text in files.items():
            path = tree.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        tree.languages_file.write_text(languages_text, encoding="utf-8")
    result.created = sorted(files) + ["content/languages.yml (code added)"]
    result.todo = todo_list(tree, language, supported)
    return result


def todo_list(tree: Tree, language: Language, supported: List[str]) -> List[str]:
    from bot.language.languages import native_script

    code, name = language.code, language.name
    layout = _training_layout(tree)
    todo = [
        f"Training data: {sum(len(i) for _, i in layout)} intents x {MIN_TRAIN}+ examples in data/nlu/{code}/ "
        f"(docs/training-data-guide.md), by people who know how {name} is chatted.",
        f"Held-out set: tests/nlu/{code}.yml, {MIN_HELDOUT}+ per intent, by someone who has not seen the training data.",
        f"Language-ID dev set: tests/langid/{code}.yml, {MIN_LANGID}+ messages in each of the 3 buckets.",
        f"Catalog: translate content/responses/{code}.yml (every text is English now); a native speaker reviews it.",
    ]
    for folder in per_language_files(tree, supported):
        todo.append(f"Also per language: {folder}/{code}.yml (copy {folder}/{SOURCE_LANGUAGE}.yml and adapt it).")
    if language.spacy_ok:
        todo.append(f"Tokenizer: spacy.blank('{code}') works; nothing to do.")
    else:
        todo.append(f"Tokenizer: spaCy has no '{code}' language, so the tokenizer falls back to spacy.blank('xx') "
                    f"(splits at spaces and punctuation). Fine for languages written with spaces; a language written "
                    f"without spaces (Thai, Burmese, Khmer, Japanese) needs a segmenter in bot/nlu/spacy_tokenizer.py.")
    sharing = [c for c in supported if native_script(c) == language.script and language.script != "LATIN"]
    if sharing:
        todo.append(f"Language ID: {name} shares the {language.script} script with {', '.join(sharing)}; the n-gram "
                    f"model (trained on the training data) and langdetect tell them apart: check tests/langid/ "
                    f"accuracy with `make bench` after training.")
    if not language.langdetect_ok:
        todo.append(f"Language ID: langdetect does not know '{code}', so identification of {name} rests on its "
                    f"script and the n-gram model of the training data: write plenty of short examples.")
    leftovers = unsupported_examples_in(tree, code)
    if leftovers:
        where = ", ".join(f"{path}:{line}" for path, line in leftovers)
        todo.append(f"Remove the {name} examples from the unsupported-language data ({where}): KYRA speaks it now.")
    todo.append("Telegram/web: a channel's language hint (e.g. Telegram language_code) must be this code; legacy codes "
                "are mapped in bot/language/choice.py (base_language: fil->tl, in->id).")
    todo.append("Then: make validate (lists what is still missing), make coverage, make train, make eval.")
    return todo
