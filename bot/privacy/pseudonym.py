"""Pseudonymous Rasa sender ids: a keyed hash (HMAC-SHA256) of a channel's user id, never the id itself.

The key comes from KYRA_SENDER_KEY, else from `<state dir>/sender.key` (created once, mode 0600). Without
the key nobody can tell which Telegram chat a stored conversation belongs to; with it, the same chat always
gets the same id, so the conversation survives a restart of the channel.
"""
import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path
from typing import Optional, Union

from bot import ROOT

logger = logging.getLogger(__name__)
KEY_FILE = "sender.key"


def state_dir() -> Path:
    """Where KYRA keeps local secrets (KYRA_STATE_DIR, default `.kyra/` in the project; git-ignored)."""
    return Path(os.environ.get("KYRA_STATE_DIR") or ROOT / ".kyra")


def load_key(folder: Optional[Path] = None) -> bytes:
    """KYRA_SENDER_KEY, else the key file under the state dir (generated on first use, mode 0600)."""
    from_env = os.environ.get("KYRA_SENDER_KEY")
    if from_env:
        return from_env.encode()
    folder = folder or state_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / KEY_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
            logger.warning("tightened the permissions of the sender key file to 0600")
        key = path.read_text(encoding="ascii").strip()
        if not key:
            raise RuntimeError(f"{path} is empty: delete it to have a new key made")
        return key.encode()
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")
    logger.info("made a new sender key in the state dir")
    return path.read_text(encoding="ascii").strip().encode()


def pseudonym(key: bytes, channel: str, user_id: Union[int, str]) -> str:
    """'<channel>-' + 40 hex digits of HMAC-SHA256(key, '<channel>:<user id>'), e.g. 'telegram-3f9c…'."""
    digest = hmac.new(key, f"{channel}:{user_id}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:40]}"
