"""Erasing and expiring cases in the handoff SQLite database (bot/handoff/sinks.py): the caseworkers' inbox
(`referrals`: the referral with its contact data) and the case register (`cases`: token, status, sender id).

Retention (docs/privacy.md): a case — its inbox row and its register row — is deleted when the referral is
older than the retention period, whatever its status: caseworkers move a referral they act on into their own
case system. Erasure deletes both rows at once.
"""
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

from bot.handoff.sinks import CaseRegister, _connect, cases_db


@dataclass
class CaseCounts:
    referrals: int = 0  # inbox rows (contact data) deleted
    cases: int = 0  # register rows deleted
    unhandled: int = 0  # of those, cases still "received" (nobody had picked them up)


def _epoch(created_at: Optional[str]) -> Optional[float]:
    try:
        moment = datetime.fromisoformat(created_at or "")
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def erase_cases(tokens: Iterable[str], path: Optional[Path] = None) -> CaseCounts:
    """Delete the cases' inbox and register rows."""
    tokens = sorted(set(tokens))
    counts = CaseCounts()
    if not tokens:
        return counts
    marks = ",".join("?" * len(tokens))
    with _connect(path or cases_db()) as db:
        db.execute("PRAGMA secure_delete = ON")  # no contact data left in the file's free pages
        counts.unhandled = db.execute(f"SELECT count(*) FROM cases WHERE status = 'received' AND token IN ({marks})",
                                      tokens).fetchone()[0]
        counts.referrals = db.execute(f"DELETE FROM referrals WHERE token IN ({marks})", tokens).rowcount
        counts.cases = db.execute(f"DELETE FROM cases WHERE token IN ({marks})", tokens).rowcount
    return counts


def find_cases(token: Optional[str] = None, sender_id: Optional[str] = None,
               path: Optional[Path] = None) -> Tuple[Optional[str], List[str]]:
    """The conversation (sender id) and the cases to erase for a case token, or for a conversation."""
    register = CaseRegister(path or cases_db())
    sender = register.sender(token) if token else sender_id
    tokens = register.tokens(sender) if sender else []
    return sender, sorted(set(tokens + ([token] if token else [])))


def expired_tokens(db: sqlite3.Connection, cutoff: float) -> List[str]:
    """Cases whose referral is older than `cutoff` (epoch seconds), from either table (an inbox row exists
    without a register row when another sink failed after the inbox took the referral)."""
    tokens = {token for token, created in db.execute("SELECT token, created_at FROM cases")
              if (_epoch(created) or cutoff) < cutoff}
    for token, data in db.execute("SELECT token, data FROM referrals"):
        try:
            created = json.loads(data).get("created_at")
        except (TypeError, ValueError, AttributeError):
            created = None
        if (_epoch(created) or cutoff) < cutoff:
            tokens.add(token)
    return sorted(tokens)


def purge_cases(cutoff: float, path: Optional[Path] = None) -> CaseCounts:
    """Delete the cases older than `cutoff`; a missing database is an empty one."""
    path = path or cases_db()
    if not path.exists():
        return CaseCounts()
    with _connect(path) as db:
        tokens = expired_tokens(db, cutoff)
    return erase_cases(tokens, path)
