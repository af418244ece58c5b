"""Rasa's own checks: `rasa data validate` is clean, and the `rasa test` stories of the main paths pass."""
import subprocess

import yaml

from bot import ROOT
from scripts.servers import RASA, rasa_env


def test_rasa_data_validate_is_clean():
    result = subprocess.run([RASA, "data", "validate", "--fail-on-warnings"], cwd=ROOT, env=rasa_env(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_main_path_stories_pass(trained_model, tmp_path):
    result = subprocess.run([RASA, "test", "core", "--stories", "tests/stories", "--model", str(trained_model),
                             "--out", str(tmp_path)], cwd=ROOT, env=rasa_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    failed = yaml.safe_load((tmp_path / "failed_test_stories.yml").read_text()) if (
        tmp_path / "failed_test_stories.yml").exists() else None
    assert not (failed or {}).get("stories"), yaml.safe_dump(failed, allow_unicode=True)[:3000]
