"""`make validate` (scripts/validate.py, bot/maintenance/checks.py) on a good tree and on broken ones."""
import pytest

from bot.maintenance import checks
from bot.maintenance.tree import repo
from scripts import validate
from tests.test_maintenance_tree import make_tree, nlu, write


def run(tree, capsys):
    code = validate.main(["--root", str(tree.root)])
    return code, capsys.readouterr().out


def test_a_good_tree_passes(tmp_path, capsys):
    code, out = run(make_tree(tmp_path), capsys)
    assert code == 0, out
    assert "all checks passed" in out and "FAIL" not in out


def test_a_topic_missing_in_one_language_fails(tmp_path, capsys):
    tree = make_tree(tmp_path)
    write(tmp_path, "data/nlu/es/topics.yml", nlu("es", {"passport_confiscation": ["mi jefe tiene mi pasaporte"],
                                                        "greet": ["hola"]}))
    code, out = run(tree, capsys)
    assert code == 1
    assert "FAIL  topics in every language" in out
    assert "topic unpaid_wages has no training examples in: es" in out


def test_a_missing_catalog_key_fails_unless_it_falls_back_explicitly(tmp_path, capsys):
    tree = make_tree(tmp_path)
    path = tmp_path / "content/responses/es.yml"
    path.write_text(path.read_text().replace("  button.menu: Menú\n", ""))
    code, out = run(tree, capsys)
    assert code == 1 and "missing in content/responses/<lang>.yml for es: button.menu" in out
    path.write_text(path.read_text() + "  button.menu: null  # English\n")
    assert run(tree, capsys)[0] == 0


def test_a_changed_placeholder_fails(tmp_path, capsys):
    tree = make_tree(tmp_path)
    path = tmp_path / "content/responses/es.yml"
    path.write_text(path.read_text().replace("{name}", "{nombre}"))
    code, out = run(tree, capsys)
    assert code == 1 and "utter_passport_confiscation has placeholders ['nombre']" in out


def test_an_example_under_two_intents_fails(tmp_path, capsys):
    tree = make_tree(tmp_path)
    blocks = {"passport_confiscation": ["mi jefe tiene mi pasaporte", "no me pagan"],
              "unpaid_wages": ["No me pagan!", "tres meses sin sueldo"], "greet": ["hola"]}
    write(tmp_path, "data/nlu/es/topics.yml", nlu("es", blocks))
    code, out = run(tree, capsys)
    assert code == 1 and '"no me pagan" is under 2 intents' in out


@pytest.mark.parametrize("held_out", ["tests/nlu/es.yml", "tests/emergency/es.yml", "tests/nlu_handoff/es.yml"])
def test_an_example_in_training_and_test_sets_fails(tmp_path, capsys, held_out):
    tree = make_tree(tmp_path)
    if held_out == "tests/nlu/es.yml":
        write(tmp_path, held_out, nlu("es", {"passport_confiscation": ["Mi jefe tiene mi pasaporte."],
                                             "unpaid_wages": ["sin sueldo"]}))
    else:
        write(tmp_path, held_out, "language: es\nemergency:\n  - mi jefe tiene mi pasaporte\n")
    code, out = run(tree, capsys)
    assert code == 1 and f'{held_out}: "' in out and "is also a training example (es)" in out


def test_a_directory_file_against_the_schema(tmp_path, capsys):
    tree = make_tree(tmp_path)
    write(tmp_path, "data/directory/qa.yml", "country: QA\nservices:\n  - id: Bad Id\n    organisation: X\n"
                                             "    type: hotline\n    source: https://x.org\n    confidence: high\n")
    code, out = run(tree, capsys)
    assert code == 1 and "FAIL  directory schema" in out
    assert "data/directory/qa.yml: services/0/id" in out and "data/directory/qa.yml: services/0/type" in out


def test_the_directory_check_is_skipped_without_country_files(tmp_path, capsys):
    tree = make_tree(tmp_path)
    (tmp_path / "data/directory/es.yml").unlink()
    code, out = run(tree, capsys)
    assert code == 0 and "directory schema (skipped" in out


def test_a_language_without_its_files_and_an_unseeded_classifier_fail(tmp_path, capsys):
    tree = make_tree(tmp_path)
    write(tmp_path, "content/languages.yml", "languages: [en, es, fr]\n")
    write(tmp_path, "config.yml", "pipeline:\n  - name: DIETClassifier\n    epochs: 40\n")
    code, out = run(tree, capsys)
    assert code == 1
    assert "fr: data/nlu/fr is missing (make new-language LANG=fr creates it)" in out
    assert "config.yml: DIETClassifier has no random_seed" in out


def test_an_unreadable_file_is_reported_not_raised(tmp_path):
    tree = make_tree(tmp_path)
    write(tmp_path, "data/nlu/es/broken.yml", "nlu: [\n")
    results = checks.run_all(tree)
    assert any("could not run" in p for problems in results.values() for p in problems)


@pytest.mark.parametrize("name", list(checks.CHECKS))
def test_the_repository_passes_the_data_checks(name):
    """What `make validate` checks, on the real tree (Rasa's own validation: tests/test_rasa_checks.py)."""
    problems = checks.CHECKS[name](repo())
    assert not problems, "\n".join(problems[:20])
