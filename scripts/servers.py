"""Start and stop KYRA's servers on free 127.0.0.1 ports (used by the end-to-end tests and the benchmark)."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

from bot import ROOT

RASA = str(Path(sys.executable).parent / "rasa")


def rasa_env(**extra: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false", SANIC_HOST="127.0.0.1",
               SQLALCHEMY_SILENCE_UBER_WARNING="1")
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 240) -> None:
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


def stop(processes: List[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def actions_command(port: int) -> List[str]:
    return [RASA, "run", "actions", "--port", str(port), "--actions", "actions"]


def rasa_command(port: int, model: Path) -> List[str]:
    """`rasa run` on 127.0.0.1 with the HTTP API (callers add --endpoints/--credentials)."""
    return [RASA, "run", "--enable-api", "--port", str(port), "--interface", "127.0.0.1", "--model", str(model)]


@contextmanager
def rasa_server(model: Path, logs: Path, cwd: Path = ROOT, actions: bool = True,
                endpoints: Optional[str] = "endpoints.yml") -> Iterator[dict]:
    """Yields {"url": base URL, "pid": Rasa server pid}; with `actions`, KYRA's action server runs beside it."""
    logs.mkdir(parents=True, exist_ok=True)
    rasa_port, actions_port = free_port(), free_port()
    env = rasa_env(ACTION_ENDPOINT_URL=f"http://127.0.0.1:{actions_port}/webhook", TRACKER_DB=str(logs / "trackers.db"))
    processes = []
    try:
        if actions:
            processes.append(subprocess.Popen(
                actions_command(actions_port),
                cwd=ROOT, env=env, stdout=(logs / "actions.log").open("w"), stderr=subprocess.STDOUT))
            wait_for(f"http://127.0.0.1:{actions_port}/health", processes[-1])
        command = rasa_command(rasa_port, model)
        if endpoints:
            command += ["--endpoints", endpoints, "--credentials", "credentials.yml"]
        processes.append(subprocess.Popen(command, cwd=cwd, env=env, stdout=(logs / "rasa.log").open("w"),
                                          stderr=subprocess.STDOUT))
        wait_for(f"http://127.0.0.1:{rasa_port}/status", processes[-1])
        yield {"url": f"http://127.0.0.1:{rasa_port}", "pid": processes[-1].pid}
    finally:
        stop(processes)
