"""A small KYRA tree for the maintenance tests (make_tree), and how held-out files of every format are read."""
import shutil
import textwrap
from pathlib import Path

from bot import ROOT
from bot.maintenance.tree import Tree


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def nlu(language: str, blocks: dict) -> str:
    lines = ['version: "3.1"', "nlu:"]
    for intent, examples in blocks.items():
        lines += [f"- intent: {intent}", "  metadata:", f"    language: {language}", "    reviewed: false",
                  "  examples: |"] + [f"    - {e}" for e in examples]
    return "\n".join(lines) + "\n"


TRAIN = {
    "en": {"passport_confiscation": ["my boss keeps my passport", "the agent took my passport"],
           "unpaid_wages": ["no salary for 3 months", "they do not pay me"],
           "greet": ["hello", "hi there"]},
    "es": {"passport_confiscation": ["mi jefe tiene mi pasaporte", "el agente se quedo mi pasaporte"],
           "unpaid_wages": ["no me pagan", "tres meses sin sueldo"],
           "greet": ["hola", "buenas"]},
}
HELDOUT = {
    "en": {"passport_confiscation": ["employer holds my passport"], "unpaid_wages": ["salary not paid"]},
    "es": {"passport_confiscation": ["el patron guarda mi pasaporte"], "unpaid_wages": ["no me dieron el sueldo"]},
}


def make_tree(root: Path) -> Tree:
    """Two languages, two topics, one conversation intent: passes every check of bot/maintenance/checks.py."""
    write(root, "content/languages.yml", "# languages\nlanguages: [en, es]\n")
    write(root, "content/reference/topics.yml", """
        topics:
          passport_confiscation:
            covers: "employer keeps the worker's passport"
            facts: []
          unpaid_wages:
            covers: "wages not paid"
            facts: []
        """)
    write(root, "domain.yml", """
        version: "3.1"
        intents:
          - passport_confiscation
          - unpaid_wages
          - greet
          - unsupported_language
          - feedback_helpful
          - feedback_not_helpful
        responses:
          utter_greet: [{custom: {catalog: utter_greet}}]
          utter_passport_confiscation: [{custom: {catalog: utter_passport_confiscation}}]
        """)
    write(root, "config.yml", """
        pipeline:
          - name: DIETClassifier
            random_seed: 42
        policies:
          - name: RulePolicy
        """)
    write(root, "content/layout.yml", "payloads: {}\nresponses:\n  utter_greet: [menu]\n")
    write(root, "content/responses/en.yml", """
        # English
        language: en
        reviewed: true
        texts:
          utter_greet: |
            Hi, I'm KYRA.
          utter_passport_confiscation: "Your passport is yours, {name}."
          button.menu: Menu
        """)
    write(root, "content/responses/es.yml", """
        language: es
        reviewed: false
        texts:
          utter_greet: Hola, soy KYRA.
          utter_passport_confiscation: "Tu pasaporte es tuyo, {name}."
          button.menu: Menú
        """)
    for language, blocks in TRAIN.items():
        write(root, f"data/nlu/{language}/topics.yml", nlu(language, blocks))
    for language, blocks in HELDOUT.items():
        write(root, f"tests/nlu/{language}.yml", nlu(language, blocks))
    write(root, "tests/emergency/en.yml", "language: en\nemergency:\n  - help me now he is hitting me\n"
                                          "not_emergency:\n  - what are my rights\n")
    write(root, "tests/langid/en.yml", "language: en\none_word: [hello]\nfew_words: [hi there]\nsentence: [a b c d]\n")
    (root / "data/directory").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "data/directory/schema.yml", root / "data/directory/schema.yml")
    write(root, "data/directory/es.yml", """
        country: ES
        services:
          - id: test-line
            organisation: Test line
            type: anti_trafficking_hotline
            source: https://example.org/test
            confidence: high
        """)
    return Tree(root)


def test_the_test_tree_is_read_like_the_repository(tmp_path):
    tree = make_tree(tmp_path)
    assert tree.languages() == ["en", "es"]
    assert tree.topics() == ["passport_confiscation", "unpaid_wages"]
    assert len(tree.training_examples()) == 12 and len(tree.heldout_examples()) == 4
    assert {e.source for e in tree.training_examples()} == {"data/nlu/en/topics.yml", "data/nlu/es/topics.yml"}


def test_heldout_files_of_every_format_are_read(tmp_path):
    tree = make_tree(tmp_path)
    write(tmp_path, "tests/nlu_handoff/es.yml", "language: es\nreviewed: false\ncancel:\n  - para\n  - ya no\n")
    write(tmp_path, "tests/emergency/cases.yml", "cases:\n  - text: socorro\n    language: pt\n    intent: emergency\n")
    found = {(e.source, e.intent, e.language, e.text) for e in tree.all_heldout_examples()}
    assert ("tests/nlu_handoff/es.yml", "cancel", "es", "ya no") in found
    assert ("tests/emergency/en.yml", "not_emergency", "en", "what are my rights") in found
    assert ("tests/emergency/cases.yml", "emergency", "pt", "socorro") in found
    assert ("tests/nlu/es.yml", "unpaid_wages", "es", "no me dieron el sueldo") in found


def test_the_repository_tree_reads_its_own_files():
    tree = Tree(ROOT)
    assert "en" in tree.languages() and "passport_confiscation" in tree.topics()
    assert tree.training_examples() and tree.heldout_examples()
