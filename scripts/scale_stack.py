"""KYRA as it runs at scale, on 127.0.0.1: PostgreSQL, Redis, one action server, N Rasa replicas, nginx.

Used by tests/scale and `make bench-scale`. The replicas use deploy/endpoints-scale.yml (or a copy with
another lock store, for comparisons) and nginx uses deploy/nginx/kyra.conf.template. Faults: kill_actions()
/ start_actions() (same port), kill_replica(i). Everything is stopped when the `with` block ends.
"""
import json
import secrets
import signal
import subprocess
from contextlib import ExitStack
from pathlib import Path
from typing import Dict, List, Optional

import psycopg2

from bot import ROOT
from scripts.debian_servers import nginx_server, postgres_server, redis_server
from scripts.servers import actions_command, free_port, rasa_command, rasa_env, stop, wait_for

SCALE_ENDPOINTS = ROOT / "deploy" / "endpoints-scale.yml"
ATOMIC_LOCK = "bot.scale.lock_store.AtomicRedisLockStore"


class ScaleStack:
    def __init__(self, model: Path, logs: Path, replicas: int = 2, lock_store_type: str = ATOMIC_LOCK) -> None:
        self.model, self.logs, self.replica_count = model, logs, replicas
        self.lock_store_type = lock_store_type
        self.exits = ExitStack()
        self.replicas: List[subprocess.Popen] = []
        self.replica_urls: List[str] = []
        self.actions: Optional[subprocess.Popen] = None
        self.url = ""
        self.caseworker_token = secrets.token_hex(16)

    # --- start and stop ---
    def __enter__(self) -> "ScaleStack":
        self.logs.mkdir(parents=True, exist_ok=True)
        try:
            self.pg = self.exits.enter_context(postgres_server())
            self.redis = self.exits.enter_context(redis_server())
            self.endpoints = self._endpoints_file()
            self.actions_port = free_port()
            self.env = rasa_env(
                ACTION_ENDPOINT_URL=f"http://127.0.0.1:{self.actions_port}/webhook",
                KYRA_PG_HOST=self.pg.host, KYRA_PG_PORT=str(self.pg.port), KYRA_PG_DB=self.pg.db,
                KYRA_PG_USER=self.pg.user, KYRA_PG_PASSWORD=self.pg.password,
                KYRA_REDIS_HOST=self.redis.host, KYRA_REDIS_PORT=str(self.redis.port),
                KYRA_REDIS_PASSWORD=self.redis.password, KYRA_CASES_DB=str(self.logs / "cases.db"),
                KYRA_CASEWORKER_TOKEN=self.caseworker_token)
            self._create_tables()
            self.start_actions()
            ports = [free_port() for _ in range(self.replica_count)]
            self.replicas = [self._start_replica(i, port) for i, port in enumerate(ports)]
            self.replica_urls = [f"http://127.0.0.1:{port}" for port in ports]
            for url, process in zip(self.replica_urls, self.replicas):
                wait_for(f"{url}/status", process, timeout=600)
            self.nginx = self.exits.enter_context(nginx_server([f"127.0.0.1:{port}" for port in ports]))
            self.url = self.nginx.url
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        stop([p for p in (*self.replicas, self.actions) if p is not None and p.poll() is None])
        self.exits.close()

    def _endpoints_file(self) -> Path:
        text = SCALE_ENDPOINTS.read_text()
        if self.lock_store_type != ATOMIC_LOCK:
            text = text.replace(f"type: {ATOMIC_LOCK}", f"type: {self.lock_store_type}")
        path = self.logs / "endpoints.yml"
        path.write_text(text)
        return path

    def _create_tables(self) -> None:
        """Create the tracker store's tables once, so the replicas do not race to create them."""
        from rasa.core.tracker_store import SQLTrackerStore

        SQLTrackerStore(dialect="postgresql", host=self.pg.host, port=self.pg.port, db=self.pg.db,
                        username=self.pg.user, password=self.pg.password).engine.dispose()

    def start_actions(self) -> None:
        log = (self.logs / "actions.log").open("a")
        self.actions = subprocess.Popen(
            actions_command(self.actions_port),
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        wait_for(f"http://127.0.0.1:{self.actions_port}/health", self.actions, timeout=300)

    def _start_replica(self, index: int, port: int) -> subprocess.Popen:
        log = (self.logs / f"rasa-{index}.log").open("a")
        return subprocess.Popen(
            [*rasa_command(port, self.model), "--endpoints", str(self.endpoints), "--credentials", "credentials.yml"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)

    # --- faults ---
    def kill_actions(self) -> None:
        self.actions.send_signal(signal.SIGKILL)
        self.actions.wait()

    def kill_replica(self, index: int) -> None:
        self.replicas[index].send_signal(signal.SIGKILL)
        self.replicas[index].wait()

    # --- what the tracker store holds ---
    def events(self, senders: List[str]) -> Dict[str, List[dict]]:
        """Each conversation's events as the tracker store holds them, in insertion order."""
        found: Dict[str, List[dict]] = {sender: [] for sender in senders}
        with psycopg2.connect(host=self.pg.host, port=self.pg.port, user=self.pg.user, password=self.pg.password,
                              dbname=self.pg.db) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT sender_id, data FROM events WHERE sender_id = ANY(%s) ORDER BY id", (senders,))
            for sender, data in cursor.fetchall():
                found[sender].append(json.loads(data))
        return found

    def log_files(self) -> List[Path]:
        return [*sorted(self.logs.glob("*.log")), *self.nginx.logs(), self.pg.log, self.redis.log]


def port_of(url: str) -> str:
    return url.rsplit(":", 1)[1]


def replica_index(stack: ScaleStack, upstream_header: str) -> Optional[int]:
    """Which replica answered, from nginx's X-Kyra-Upstream header (the last address tried)."""
    last = upstream_header.split(",")[-1].strip()
    for index, url in enumerate(stack.replica_urls):
        if last.endswith(":" + port_of(url)):
            return index
    return None

