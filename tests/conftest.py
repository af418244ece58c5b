"""Shared fixtures: the n-gram language model from the training data, the trained Rasa model, live servers."""
import os
import subprocess
from pathlib import Path

import pytest

from bot import ROOT
from bot.language.detect import LanguageDetector
from bot.language.languages import is_supported
from bot.language.ngram import NgramLanguageModel
from bot.nlu_data import training_examples
from scripts.servers import RASA, rasa_env, rasa_server

MODEL = ROOT / "models" / "kyra.tar.gz"


@pytest.fixture(scope="session")
def detector() -> LanguageDetector:
    model = NgramLanguageModel.train((e.text, e.language) for e in training_examples() if is_supported(e.language))
    return LanguageDetector(model)


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """`rasa train` (a no-op when data, config and domain are unchanged since the last training)."""
    if os.environ.get("KYRA_SKIP_TRAIN") and MODEL.exists():  # use the model as it is (shared dev machines)
        return MODEL
    log = ROOT / "models" / "train.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as out:
        subprocess.run([RASA, "train", "--fixed-model-name", "kyra", "--out", "models", "--num-threads", "2"],
                       cwd=ROOT, env=rasa_env(), stdout=out, stderr=subprocess.STDOUT, check=True)
    assert MODEL.exists()
    return MODEL


@pytest.fixture(scope="session")
def kyra_server(trained_model: Path, tmp_path_factory: pytest.TempPathFactory):
    """The Rasa server (REST + HTTP API) and the action server on free 127.0.0.1 ports; yields the base URL."""
    with rasa_server(trained_model, tmp_path_factory.mktemp("servers")) as server:
        yield server["url"]


@pytest.fixture(scope="session")
def postgres():
    """A throw-away PostgreSQL on 127.0.0.1 (scripts/debian_servers.py), started once; fails without the package."""
    from scripts.debian_servers import ServerMissing, postgres_server

    try:
        with postgres_server() as server:
            yield server
    except ServerMissing as error:
        pytest.fail(f"{error} (the PostgreSQL tests need the Debian package; CI installs it)")
