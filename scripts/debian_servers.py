"""Start Redis, PostgreSQL and nginx from their Debian packages on free 127.0.0.1 ports, and stop them.

Used by the scale tests, the PostgreSQL privacy tests and `make bench-scale`. `make server-deps` installs the
packages (redis-server, postgresql, nginx-light). Each server lives in its own temporary folder with its
data, socket, pid and log files, listens on 127.0.0.1 only, and is removed when the context ends. PostgreSQL
refuses to run as root, so as root it runs as the `postgres` user the Debian package creates.
"""
import glob
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional

from bot import ROOT
from scripts.servers import free_port, stop

NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "kyra.conf.template"


class ServerMissing(RuntimeError):
    """The Debian package is not installed (run `make server-deps`)."""


@dataclass
class PostgresServer:
    host: str
    port: int
    user: str
    password: str
    db: str
    log: Path

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}:{self.password}@{self.host}:{self.port}/{self.db}"


@dataclass
class RedisServer:
    host: str
    port: int
    password: str
    log: Path


@dataclass
class NginxServer:
    url: str
    port: int
    prefix: Path

    def logs(self) -> List[Path]:
        return sorted((self.prefix / "logs").glob("*.log"))


def _wait_until(check, process: subprocess.Popen, what: str, timeout: float = 60, log: Optional[Path] = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{what} exited with {process.returncode} while starting: {said}")
        if check():
            return
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not start in {timeout:.0f} s")


def _private_dir(prefix: str, owner: Optional[str] = None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    if owner and os.geteuid() == 0:
        shutil.chown(folder, owner, owner)
    return folder


def _postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise ServerMissing("PostgreSQL is not installed: run `make server-deps`")
    return found[-1]


def _as_postgres(command: List[str]) -> List[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server(db: str = "kyra") -> Iterator[PostgresServer]:
    """A throw-away PostgreSQL cluster with password authentication and one empty database."""
    import psycopg2

    folder = _private_dir("kyra-pg-", owner="postgres")
    data, user, password, port = folder / "data", "kyra", secrets.token_hex(12), free_port()
    password_file = folder / "pw"
    password_file.write_text(password)
    if os.geteuid() == 0:
        shutil.chown(password_file, "postgres", "postgres")
    log = folder / "postgres.log"
    subprocess.run(_as_postgres([_postgres_bin("initdb"), "-D", str(data), "-U", user, "--auth=scram-sha-256",
                                 f"--pwfile={password_file}", "-E", "UTF8", "--locale=C.UTF-8"]),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    process = subprocess.Popen(
        _as_postgres([_postgres_bin("postgres"), "-D", str(data), "-p", str(port), "-c", "listen_addresses=127.0.0.1",
                      "-c", f"unix_socket_directories={folder}", "-c", "fsync=off", "-c", "max_connections=200",
                      "-c", "log_statement=none", "-c", "log_min_error_statement=panic"]),
        stdout=log.open("w"), stderr=subprocess.STDOUT)

    def ready() -> bool:
        try:
            psycopg2.connect(host="127.0.0.1", port=port, user=user, password=password, dbname="postgres").close()
            return True
        except psycopg2.OperationalError:
            return False

    try:
        _wait_until(ready, process, "postgres")
        connection = psycopg2.connect(host="127.0.0.1", port=port, user=user, password=password, dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{db}"')
        connection.close()
        yield PostgresServer("127.0.0.1", port, user, password, db, log)
    finally:
        stop([process])
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def redis_server() -> Iterator[RedisServer]:
    """A Redis server that keeps nothing on disk and wants a password."""
    import redis

    if not shutil.which("redis-server"):
        raise ServerMissing("redis-server is not installed: run `make server-deps`")
    folder = _private_dir("kyra-redis-")
    port, password, log = free_port(), secrets.token_hex(12), folder / "redis.log"
    config = folder / "redis.conf"  # the password stays off the command line (ps)
    config.write_text(f"bind 127.0.0.1\nport {port}\nrequirepass {password}\nsave \"\"\nappendonly no\n"
                      f"dir {folder}\nlogfile {log}\nprotected-mode yes\n")
    process = subprocess.Popen(["redis-server", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    def ready() -> bool:
        try:
            return bool(redis.Redis(host="127.0.0.1", port=port, password=password, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    try:
        _wait_until(ready, process, "redis-server")
        yield RedisServer("127.0.0.1", port, password, log)
    finally:
        stop([process])
        shutil.rmtree(folder, ignore_errors=True)


def render_nginx_config(port: int, replicas: List[str], prefix: Path) -> str:
    """deploy/nginx/kyra.conf.template with the listen port, the replicas (host:port) and the prefix folder."""
    upstreams = "\n".join(f"        server {replica} max_fails=1 fail_timeout=10s;" for replica in replicas)
    config = NGINX_TEMPLATE.read_text()
    for name, value in {"listen": f"127.0.0.1:{port}", "upstreams": upstreams, "prefix": str(prefix)}.items():
        config = config.replace("{{%s}}" % name, value)
    return config


@contextmanager
def nginx_server(replicas: List[str]) -> Iterator[NginxServer]:
    """nginx balancing the Rasa replicas (host:port each), with the project's configuration."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        raise ServerMissing("nginx is not installed: run `make server-deps`")
    prefix = _private_dir("kyra-nginx-")
    (prefix / "logs").mkdir()
    (prefix / "tmp").mkdir()
    port = free_port()
    config = prefix / "nginx.conf"
    config.write_text(render_nginx_config(port, replicas, prefix))
    process = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "logs" / "error.log")],
                               stdout=(prefix / "logs" / "stderr.log").open("w"), stderr=subprocess.STDOUT)

    def ready() -> bool:
        import socket
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    try:
        _wait_until(ready, process, "nginx", log=prefix / "logs" / "stderr.log")
        yield NginxServer(f"http://127.0.0.1:{port}", port, prefix)
    finally:
        stop([process])
        shutil.rmtree(prefix, ignore_errors=True)
