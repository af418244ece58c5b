"""The project files the maintainer tools read, relative to one root (the repository, or a copy in tests)."""
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import yaml

from bot import ROOT
from bot.nlu_data import Example, parse_examples

# Held-out sets that must never share an example with the training data (the last two appear with the
# handoff and emergency work; a folder that does not exist is skipped).
HELDOUT_DIRS = ("tests/nlu", "tests/nlu_handoff", "tests/emergency", "tests/emergency_fresh")
# Intents that are not written in data/nlu/<lang>/ (set by a component from language identification).
NOT_TRAINED_PER_LANGUAGE = ("unsupported_language",)


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Tree:
    root: Path = ROOT

    # --- paths ---
    @property
    def train_dir(self) -> Path:
        return self.root / "data" / "nlu"

    @property
    def catalog_dir(self) -> Path:
        return self.root / "content" / "responses"

    @property
    def languages_file(self) -> Path:
        return self.root / "content" / "languages.yml"

    @property
    def layout_file(self) -> Path:
        return self.root / "content" / "layout.yml"

    @property
    def topics_file(self) -> Path:
        return self.root / "content" / "reference" / "topics.yml"

    @property
    def domain_file(self) -> Path:
        return self.root / "domain.yml"

    @property
    def directory_dir(self) -> Path:
        return self.root / "data" / "directory"

    def heldout_dirs(self) -> List[Path]:
        return [self.root / d for d in HELDOUT_DIRS if (self.root / d).is_dir()]

    def relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    # --- contents ---
    def languages(self) -> List[str]:
        return list((load_yaml(self.languages_file) or {}).get("languages") or [])

    def topics(self) -> List[str]:
        return list((load_yaml(self.topics_file) or {}).get("topics") or {})

    def topic_specs(self) -> Dict[str, Dict]:
        return dict((load_yaml(self.topics_file) or {}).get("topics") or {})

    def domain(self) -> Dict:
        return load_yaml(self.domain_file) or {}

    def domain_intents(self) -> List[str]:
        return [i if isinstance(i, str) else next(iter(i)) for i in self.domain().get("intents") or []]

    def layout(self) -> Dict:
        return load_yaml(self.layout_file) or {}

    def read_nlu_file(self, path: Path, language: Optional[str] = None) -> List[Example]:
        """Examples of one Rasa NLU YAML file; `language` is used where a block does not declare one."""
        data = load_yaml(path) or {}
        examples = []
        for block in (data.get("nlu") or []) if isinstance(data, dict) else []:
            if not isinstance(block, dict) or "intent" not in block:
                continue
            declared = (block.get("metadata") or {}).get("language") or language or ""
            for text in parse_examples(block.get("examples") or ""):
                examples.append(Example(text, block["intent"], declared, self.relative(path)))
        return examples

    def read_nlu(self, paths: Iterable[Path]) -> List[Example]:
        return [e for path in sorted(paths) for e in self.read_nlu_file(path)]

    def training_examples(self) -> List[Example]:
        return self.read_nlu(self.train_dir.glob("*/*.yml"))

    def heldout_examples(self) -> List[Example]:
        """tests/nlu/<lang>.yml: the held-out NLU sets `make eval` scores."""
        return self.read_nlu((self.root / "tests" / "nlu").glob("*.yml"))

    def all_heldout_examples(self) -> List[Example]:
        """Every held-out set (tests/nlu, tests/nlu_handoff, tests/emergency), in whatever format it uses."""
        examples = []
        for folder in self.heldout_dirs():
            for path in sorted(folder.rglob("*.yml")) + sorted(folder.rglob("*.yaml")):
                examples.extend(heldout_texts(self, path))
        return examples


_META_KEYS = {"language", "languages", "reviewed", "metadata", "version", "notes", "comment"}
_TEXT_KEYS = {"text", "message", "user"}
_LIST_KEYS = {"examples", "messages", "texts"}


def heldout_texts(tree: Tree, path: Path) -> List[Example]:
    """Messages of a held-out file, in Rasa NLU YAML, or plain YAML: lists of messages under an intent name
    (`emergency: [...]`, `not_emergency: [...]`), or `text:`/`message:` fields. The language is the block's,
    the file's `language:`, or the file name's."""
    data = load_yaml(path)
    file_language = (data.get("language") if isinstance(data, dict) else None) or (
        path.stem if len(path.stem) in (2, 3) else "")
    if isinstance(data, dict) and isinstance(data.get("nlu"), list):
        return tree.read_nlu_file(path, file_language)
    found: List[Example] = []

    def add(texts, intent: str, language: str) -> None:
        found.extend(Example(t.strip(), intent, language, tree.relative(path)) for t in texts if t.strip())

    def walk(node, intent: str, language: str) -> None:
        if isinstance(node, dict):
            intent = str(node.get("intent") or intent)
            language = str(node.get("language") or language)
            for key, value in node.items():
                if key in _META_KEYS:
                    continue
                if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                    add(value, intent if key in _LIST_KEYS else str(key), language)
                elif isinstance(value, str) and key in _TEXT_KEYS:
                    add([value], intent, language)
                elif isinstance(value, str) and key == "examples":
                    add(parse_examples(value), intent, language)
                else:
                    walk(value, intent, language)
        elif isinstance(node, list):
            for item in node:
                walk(item, intent, language)

    walk(data, "", file_language)
    return found


@functools.lru_cache(maxsize=None)
def repo() -> Tree:
    return Tree(ROOT)
