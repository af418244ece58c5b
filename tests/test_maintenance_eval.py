"""`make eval` pieces (bot/maintenance/evaluation.py, scripts/eval.py) without a trained model: scores,
confusion pairs, the PNG, the report, and the data and config of a cross-validation fold."""
import yaml
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.maintenance.evaluation import language_section, plot_confusion, score, summary_table
from bot.nlu_data import Example
from scripts import eval as eval_script

TRUTH = ["wages", "wages", "wages", "fees", "fees", "passport"]
GUESS = ["wages", "fees", "nlu_fallback", "fees", "wages", "passport"]


def test_scores_per_intent_and_the_top_confusions():
    result = score(TRUTH, GUESS)
    assert result["n"] == 6 and round(result["accuracy"], 3) == 0.5
    assert result["per_intent"]["passport"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert round(result["per_intent"]["wages"]["recall"], 3) == 0.333
    assert round(result["fallback_rate"], 3) == 0.167
    assert dict(result["confusions"]) == {("wages", "fees"): 1, ("wages", "nlu_fallback"): 1, ("fees", "wages"): 1}
    f1 = [s["f1"] for s in result["per_intent"].values()]
    assert abs(result["macro_f1"] - sum(f1) / 3) < 1e-9


def test_the_confusion_matrix_picture_and_the_report(tmp_path):
    picture = plot_confusion(TRUTH, GUESS, "test", tmp_path / "confusion-xx.png")
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    section = "\n".join(language_section("es", "Spanish", score(TRUTH, GUESS), picture.name))
    assert "| wages | 0.50 | 0.33 | 0.40 | 3 |" in section and "wages → fees: 1" in section
    assert "[confusion-xx.png](confusion-xx.png)" in section
    table = "\n".join(summary_table({"es": score(TRUTH, GUESS), "en": score(TRUTH, TRUTH)}))
    assert "| **mean** | 12 | 0.75 |" in table


def test_a_fold_is_rasa_training_data_and_its_config_can_shorten_training(tmp_path):
    examples = [Example("no me pagan", "unpaid_wages", "es", "x"), Example("mi  jefe tiene\tmi pasaporte",
                                                                        "passport_confiscation", "es", "x")]
    path = tmp_path / "fold.yml"
    path.write_text(eval_script.nlu_yaml(examples, "es"), encoding="utf-8")
    data = RasaYAMLReader().read(str(path))
    assert {(m.get("text"), m.get("intent")) for m in data.training_examples} == {
        ("no me pagan", "unpaid_wages"), ("mi jefe tiene mi pasaporte", "passport_confiscation")}
    config = yaml.safe_load(eval_script.fold_config(tmp_path, 3).read_text())
    diet = next(c for c in config["pipeline"] if c["name"] == "DIETClassifier")
    assert diet["epochs"] == 3 and "random_seed" in diet


def test_without_a_model_eval_says_how_to_get_one(tmp_path, capsys):
    assert eval_script.main(["--model", str(tmp_path / "none.tar.gz"), "--out", str(tmp_path)]) == 1
    assert "run `make train` first" in capsys.readouterr().out


def test_cross_validation_needs_one_language(capsys):
    assert eval_script.main(["--cv", "5"]) == 2
    assert "make eval CV=5 LANG=es" in capsys.readouterr().out
