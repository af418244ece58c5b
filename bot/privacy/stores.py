"""Open the tracker store (and lock store) KYRA's Rasa server uses, outside the server: for the purge and
the statistics.

Either a SQLAlchemy URL (`postgresql://user:pw@host:5432/kyra`, `sqlite:///kyra.db`) or the endpoints file,
read the way `rasa run` reads it (`${VARIABLES}` substituted; TRACKER_DB defaults to ./kyra.db as in the
Makefile). The returned store is Rasa's own class, unwrapped.
"""
import os
from pathlib import Path
from typing import Optional

from rasa.core.lock_store import InMemoryLockStore, LockStore
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain

from bot import ROOT
from bot.privacy.erase import underlying_stores


def _endpoints(path: Path):
    from rasa.core.utils import read_endpoints_from_path

    os.environ.setdefault("TRACKER_DB", str(ROOT / "kyra.db"))
    os.environ.setdefault("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")
    return read_endpoints_from_path(path)


def sql_store_from_url(url: str) -> SQLTrackerStore:
    """Rasa's SQL tracker store for a SQLAlchemy URL."""
    from sqlalchemy.engine.url import make_url

    parts = make_url(url)
    return SQLTrackerStore(Domain.empty(), dialect=parts.drivername, host=parts.host, port=parts.port,
                           db=parts.database, username=parts.username, password=parts.password)


def open_tracker_store(url: Optional[str] = None, endpoints: Optional[Path] = None) -> TrackerStore:
    """The store at `url`, else the `tracker_store` of `endpoints` (default: the project's endpoints.yml)."""
    if url:
        return sql_store_from_url(url)
    config = _endpoints(endpoints or ROOT / "endpoints.yml").tracker_store
    if config is None:
        raise ValueError("the endpoints file configures no tracker_store (Rasa keeps conversations in memory)")
    return next(iter(underlying_stores(TrackerStore.create(config, Domain.empty()))))


def open_lock_store(endpoints: Optional[Path] = None) -> Optional[LockStore]:
    """The endpoints' lock store when other processes share it (Redis); None for the in-memory one."""
    config = _endpoints(endpoints or ROOT / "endpoints.yml").lock_store
    if config is None:
        return None
    store = LockStore.create(config)
    return None if isinstance(store, InMemoryLockStore) else store
