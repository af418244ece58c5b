"""Shared fixtures: the n-gram language model from the training data, the trained Rasa model, live servers."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot import ROOT
from bot.language.detect import LanguageDetector
from bot.language.languages import is_supported
from bot.language.ngram import NgramLanguageModel
from bot.nlu_data import training_examples

RASA = str(Path(sys.executable).parent / "rasa")
MODEL = ROOT / "models" / "kyra.tar.gz"


def rasa_env(**extra: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false",
               SQLALCHEMY_SILENCE_UBER_WARNING="1")
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def detector() -> LanguageDetector:
    model = NgramLanguageModel.train((e.text, e.language) for e in training_examples() if is_supported(e.language))
    return LanguageDetector(model)


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """`rasa train` (a no-op when data, config and domain are unchanged since the last training)."""
    log = ROOT / "models" / "train.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as out:
        subprocess.run([RASA, "train", "--fixed-model-name", "kyra", "--out", "models", "--num-threads", "2"],
                       cwd=ROOT, env=rasa_env(), stdout=out, stderr=subprocess.STDOUT, check=True)
    assert MODEL.exists()
    return MODEL


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


@pytest.fixture(scope="session")
def kyra_server(trained_model: Path, tmp_path_factory: pytest.TempPathFactory):
    """The Rasa server (REST + HTTP API) and the action server on free 127.0.0.1 ports; yields the base URL."""
    logs = tmp_path_factory.mktemp("servers")
    rasa_port, actions_port = free_port(), free_port()
    env = rasa_env(ACTION_ENDPOINT_URL=f"http://127.0.0.1:{actions_port}/webhook",
                   TRACKER_DB=str(logs / "trackers.db"))
    actions = subprocess.Popen([RASA, "run", "actions", "--port", str(actions_port), "--actions", "actions"],
                               cwd=ROOT, env=env, stdout=(logs / "actions.log").open("w"), stderr=subprocess.STDOUT)
    server = subprocess.Popen([RASA, "run", "--enable-api", "--port", str(rasa_port), "--interface", "127.0.0.1",
                               "--model", str(trained_model), "--endpoints", "endpoints.yml",
                               "--credentials", "credentials.yml"],
                              cwd=ROOT, env=env, stdout=(logs / "rasa.log").open("w"), stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{actions_port}/health", actions)
        wait_for(f"http://127.0.0.1:{rasa_port}/status", server)
        yield f"http://127.0.0.1:{rasa_port}"
    finally:
        for process in (server, actions):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
