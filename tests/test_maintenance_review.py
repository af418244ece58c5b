"""`make review` and `make review-apply`: export from a tracker store written by Rasa's own SQLTrackerStore,
redacted, counts only on stdout; merge of an annotated file into data/nlu/<lang>/review.yml, and refusal of
bad files with a clear message."""
import asyncio
import sqlite3

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.maintenance.review import (ReviewFileError, apply_annotations, build_export, check_annotations,
                                    read_events, tracker_store_url, write_export)
from scripts import review as review_script
from tests.test_maintenance_tree import make_tree, write

PII_TEXT = "me llamo Rosa y mi jefe no me paga, mi numero es 612 34 56 78"


def user(text, intent, confidence, language="es", ranking=None):
    ranking = ranking or [{"name": intent, "confidence": confidence}]
    return UserUttered(text, intent={"name": intent, "confidence": confidence},
                       parse_data={"intent_ranking": ranking, "language": {"code": language, "confidence": 0.95}
                                   if language else {"code": None, "unsupported": "de", "confidence": 0.99}})


def conversations():
    return {
        "fallback": [ActionExecuted("action_listen"), user("hola", "greet", 0.98), SlotSet("language", "es"),
                     user(PII_TEXT, "nlu_fallback", 0.3, ranking=[{"name": "nlu_fallback", "confidence": 0.3},
                                                                  {"name": "unpaid_wages", "confidence": 0.28}]),
                     BotUttered("...")],
        "low": [user("the agency kept my papers and money", "recruitment_fees", 0.42, "en")],
        "unhelpful": [user("can they send me home if I complain", "victim_protection", 0.91, "en"),
                      BotUttered("..."), user("/feedback_not_helpful", "feedback_not_helpful", 1.0, "en")],
        "helpful": [user("my boss keeps my passport", "passport_confiscation", 0.97, "en"),
                    user("/feedback_helpful", "feedback_helpful", 1.0, "en")],
        "known": [user("no me pagan", "unpaid_wages", 0.3)],  # already a training example
        "foreign": [user("Mein Chef hat meinen Pass, was tun", "nlu_fallback", 0.3, None)],  # not a language of ours
        "repeat": [user(PII_TEXT.replace("Rosa", "Ana"), "nlu_fallback", 0.3)],  # same once redacted
        "confident": [user("tres meses sin sueldo y sin contrato", "unpaid_wages", 0.95)],
    }


@pytest.fixture
def store_url(tmp_path):
    db = tmp_path / "kyra.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    for sender, events in conversations().items():
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    store.engine.dispose()
    return f"sqlite:///{db}"


def test_export_picks_fallbacks_low_confidence_and_not_helpful(tmp_path, store_url):
    tree = make_tree(tmp_path / "repo")
    export = build_export(tree, read_events(store_url))
    items = {item["text"]: item for items in export.items.values() for item in items}
    assert set(items) == {"me llamo [NAME] y mi jefe no me paga, mi numero es [PHONE]",
                          "the agency kept my papers and money", "can they send me home if I complain"}
    fallback = items["me llamo [NAME] y mi jefe no me paga, mi numero es [PHONE]"]
    assert fallback == {"text": fallback["text"], "language": "es", "predicted": "unpaid_wages",
                        "confidence": 0.28, "reason": "nlu_fallback", "intent": None}
    assert items["can they send me home if I complain"]["reason"] == "not_helpful"
    assert items["the agency kept my papers and money"]["reason"] == "low_confidence"
    assert list(export.items) == ["en", "es"]
    counts = export.counts
    assert (counts["helpful"], counts["not helpful"], counts["exported"]) == (1, 1, 3)
    assert counts["left out: already an example"] == 1 and counts["left out: repeated"] == 1
    assert counts["left out: language not supported"] == 1


def test_the_review_file_is_ready_for_annotation(tmp_path, store_url):
    tree = make_tree(tmp_path / "repo")
    path = write_export(build_export(tree, read_events(store_url)), tmp_path / "reviews")
    assert path.name.startswith("review-") and path.suffix == ".yml"
    text = path.read_text(encoding="utf-8")
    assert "Rosa" not in text and "612" not in text
    assert "    intent:\n" in text  # an empty field to fill in
    data = yaml.safe_load(text)
    assert {k for item in data["items"]["es"] for k in item} == {"text", "language", "predicted", "confidence",
                                                                 "reason", "intent"}
    assert write_export(build_export(tree, read_events(store_url)), tmp_path / "reviews") != path  # no overwrite


def test_the_export_command_prints_counts_never_messages(tmp_path, store_url, capsys):
    make_tree(tmp_path / "repo")
    code = review_script.main(["--root", str(tmp_path / "repo"), "export", "--db", store_url,
                               "--out", str(tmp_path / "reviews")])
    out = capsys.readouterr().out
    assert code == 0 and "exported 3 message(s) (en 2, es 1)" in out
    assert "feedback: 1 helpful, 1 not helpful" in out
    for text in [t for events in conversations().values() for t in
                 (e.text for e in events if isinstance(e, UserUttered))]:
        assert text not in out
    assert "Rosa" not in out and "[NAME]" not in out


def test_no_tracker_store_is_a_message_not_a_traceback(tmp_path, capsys):
    make_tree(tmp_path / "repo")
    missing = tmp_path / "missing.db"
    code = review_script.main(["--root", str(tmp_path / "repo"), "export", "--db", f"sqlite:///{missing}"])
    assert code == 1 and "nothing to review: no database file at" in capsys.readouterr().out
    assert not missing.exists()  # not created by looking
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    code = review_script.main(["--root", str(tmp_path / "repo"), "export", "--db", f"sqlite:///{empty}"])
    assert code == 1 and "no `events` table" in capsys.readouterr().out


def test_the_tracker_store_comes_from_the_environment_or_endpoints(tmp_path):
    write(tmp_path, "endpoints.yml", "tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: ${TRACKER_DB}\n")
    assert tracker_store_url(tmp_path, {"TRACKER_DB": "/data/k.db"}) == "sqlite:////data/k.db"
    assert tracker_store_url(tmp_path, {"TRACKER_STORE_URL": "postgresql://u:p@db/kyra"}) == "postgresql://u:p@db/kyra"
    write(tmp_path, "endpoints.yml", "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: ${DB_HOST}\n"
                                     "  port: 5432\n  db: rasa\n  username: kyra\n  password: ${DB_PASSWORD}\n")
    url = tracker_store_url(tmp_path, {"DB_HOST": "db.local", "DB_PASSWORD": "secret"})
    assert url.startswith("postgresql://kyra:") and url.endswith("@db.local:5432/rasa")


ANNOTATED = """\
generated: '2026-01-01T00:00:00'
items:
  es:
  - text: me llamo [NAME] y mi jefe no me paga
    language: es
    predicted: unpaid_wages
    confidence: 0.28
    intent: unpaid_wages
  - text: el agente tiene mi pasaporte desde enero
    language: es
    predicted: greet
    confidence: 0.2
    intent: passport_confiscation
  - text: no se que hacer
    language: es
    intent:
  - text: algo raro
    language: es
    intent: skip
  en:
  - text: can they send me home if I complain
    language: en
    predicted: victim_protection
    confidence: 0.91
    intent: passport_confiscation
"""


def test_review_apply_adds_the_annotated_examples(tmp_path, capsys):
    tree = make_tree(tmp_path)
    path = write(tmp_path, "reviews/review-2026-01-01.yml", ANNOTATED)
    assert review_script.main(["--root", str(tmp_path), "apply", str(path)]) == 0
    assert "data/nlu/es/review.yml: +2 example(s)" in capsys.readouterr().out
    target = tmp_path / "data/nlu/es/review.yml"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [b["intent"] for b in data["nlu"]] == ["passport_confiscation", "unpaid_wages"]  # domain order
    assert all(b["metadata"] == {"language": "es", "reviewed": True} for b in data["nlu"])
    rasa_data = RasaYAMLReader().read(str(target))
    assert {(m.get("text"), m.get("intent")) for m in rasa_data.training_examples} == {
        ("me llamo [NAME] y mi jefe no me paga", "unpaid_wages"),
        ("el agente tiene mi pasaporte desde enero", "passport_confiscation")}
    assert (tmp_path / "data/nlu/en/review.yml").exists()
    # a second file adds to the first; the first file's examples are now known
    second = write(tmp_path, "reviews/review-2026-02-01.yml",
                   "items:\n  es:\n  - text: el patron no me da mi pasaporte\n    language: es\n"
                   "    intent: passport_confiscation\n")
    apply_annotations(tree, second)
    blocks = {b["intent"]: b["examples"] for b in yaml.safe_load(target.read_text())["nlu"]}
    assert blocks["passport_confiscation"].splitlines() == ["- el agente tiene mi pasaporte desde enero",
                                                            "- el patron no me da mi pasaporte"]
    with pytest.raises(ReviewFileError, match="already a training or test example"):
        apply_annotations(tree, path)


@pytest.mark.parametrize("item, message", [
    ("text: hola amigos\n    language: es\n    intent: unpaid_wage", "intent 'unpaid_wage' is not an intent of domain.yml"),
    ("text: hola amigos\n    language: es\n    intent: nlu_fallback", "intent 'nlu_fallback' is not an intent"),
    ("text: jambo rafiki\n    language: sw\n    intent: greet", "language 'sw' is not in content/languages.yml"),
    ("text: ''\n    language: es\n    intent: greet", "text is empty"),
    ("text: No me pagan!\n    language: es\n    intent: unpaid_wages", "text is already a training or test example"),
    ("text: el patron guarda mi pasaporte\n    language: es\n    intent: passport_confiscation",
     "already a training or test example"),
    ("text: llamame al 612 34 56 78\n    language: es\n    intent: greet", "still holds personal data (PHONE)"),
    ("text: escribe a rosa@example.com\n    language: es\n    intent: greet", "still holds personal data (EMAIL)"),
    ("text: /feedback_helpful\n    language: es\n    intent: feedback_helpful", "button payload"),
])
def test_review_apply_refuses_a_bad_item_with_a_clear_message(tmp_path, capsys, item, message):
    tree = make_tree(tmp_path)
    path = write(tmp_path, "reviews/bad.yml",
                 "items:\n  es:\n  - text: mi jefe me grita\n    language: es\n    intent: greet\n  - " + item + "\n")
    with pytest.raises(ReviewFileError) as error:
        check_annotations(tree, path)
    assert len(error.value.problems) == 1 and error.value.problems[0].startswith("es item 2: ")
    assert message in error.value.problems[0]
    assert review_script.main(["--root", str(tmp_path), "apply", str(path)]) == 1
    out = capsys.readouterr().out
    assert "not merged, 1 problem(s)" in out and message in out
    assert not (tmp_path / "data/nlu/es/review.yml").exists()  # nothing written, not even the good item


def test_review_apply_refuses_duplicates_within_the_file_and_files_that_are_not_review_files(tmp_path):
    tree = make_tree(tmp_path)
    path = write(tmp_path, "reviews/dup.yml", "items:\n  es:\n  - {text: mi jefe me grita, language: es, intent: greet}\n"
                                              "  - {text: Mi jefe me grita., language: es, intent: greet}\n")
    with pytest.raises(ReviewFileError, match="repeats es item 1"):
        check_annotations(tree, path)
    with pytest.raises(ReviewFileError, match="expected `items:`"):
        check_annotations(tree, write(tmp_path, "reviews/other.yml", "nlu: []\n"))
    with pytest.raises(ReviewFileError, match="cannot read it as YAML"):
        check_annotations(tree, write(tmp_path, "reviews/broken.yml", "items: [\n"))
