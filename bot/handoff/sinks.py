"""Where referrals go: a SQLite inbox (default), a webhook, SMTP, or a caseworkers' Telegram chat.

Every referral is also registered in the case register (SQLite, token → status and the conversation's
pseudonymous sender id; no contact details) so the user can ask "check my case <token>" and a caseworker can
have a case's conversation erased (bot/channels/caseworker.py). Each send has a timeout; a failure raises SinkError and the user is
told nothing was sent. Sinks are chosen in deployment.yml (`handoff.sinks`); their settings come from the
environment so no secret sits in a file.
"""
import asyncio
import json
import os
import smtplib
import sqlite3
from email.message import EmailMessage
from pathlib import Path
from typing import Dict, List, Optional, Protocol

import aiohttp

from bot import ROOT
from bot.handoff.referral import Referral

TIMEOUT_S = float(os.environ.get("KYRA_HANDOFF_TIMEOUT_S", "5"))
STATUSES = ("received", "in_progress", "contacted", "closed")


class SinkError(Exception):
    pass


class Sink(Protocol):
    async def send(self, referral: Referral) -> None: ...


def cases_db() -> Path:
    return Path(os.environ.get("KYRA_CASES_DB") or ROOT / ".kyra" / "cases.db")


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=TIMEOUT_S)
    connection.execute("CREATE TABLE IF NOT EXISTS cases (token TEXT PRIMARY KEY, created_at TEXT, status TEXT, "
                       "language TEXT, country TEXT, topic TEXT)")
    connection.execute("CREATE TABLE IF NOT EXISTS referrals (token TEXT PRIMARY KEY, data TEXT)")
    if "sender_id" not in {row[1] for row in connection.execute("PRAGMA table_info(cases)")}:
        connection.execute("ALTER TABLE cases ADD COLUMN sender_id TEXT")  # registers made before the column
    return connection


class CaseRegister:
    """token → status and the conversation it came from (pseudonymous sender id), with no contact data."""

    def __init__(self, path: Optional[Path] = None) -> None:
        self.path = path or cases_db()

    def add(self, referral: Referral, sender_id: Optional[str] = None) -> None:
        with _connect(self.path) as db:
            db.execute("INSERT INTO cases (token, created_at, status, language, country, topic, sender_id) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (referral.token, referral.created_at, STATUSES[0],
                                                        referral.language, referral.country, referral.topic, sender_id))

    def sender(self, token: str) -> Optional[str]:
        """The sender id of the conversation the case came from (None if unknown)."""
        with _connect(self.path) as db:
            row = db.execute("SELECT sender_id FROM cases WHERE token = ?", (token,)).fetchone()
        return row[0] if row else None

    def tokens(self, sender_id: str) -> List[str]:
        """The cases that came from a conversation."""
        with _connect(self.path) as db:
            return [row[0] for row in db.execute("SELECT token FROM cases WHERE sender_id = ?", (sender_id,))]

    def status(self, token: str) -> Optional[str]:
        with _connect(self.path) as db:
            row = db.execute("SELECT status FROM cases WHERE token = ?", (token,)).fetchone()
        return row[0] if row else None

    def set_status(self, token: str, status: str) -> bool:
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        with _connect(self.path) as db:
            return db.execute("UPDATE cases SET status = ? WHERE token = ?", (status, token)).rowcount == 1


class SqliteSink:
    """The embedded caseworkers' inbox: the referral in the same database as the register."""

    def __init__(self, path: Optional[Path] = None) -> None:
        self.path = path or cases_db()

    async def send(self, referral: Referral) -> None:
        def write() -> None:
            with _connect(self.path) as db:
                db.execute("INSERT INTO referrals VALUES (?, ?)", (referral.token, json.dumps(referral.as_dict())))
        await asyncio.wait_for(asyncio.to_thread(write), TIMEOUT_S)

    def inbox(self) -> List[Dict]:
        with _connect(self.path) as db:
            return [json.loads(row[0]) for row in db.execute("SELECT data FROM referrals ORDER BY rowid")]


class WebhookSink:
    def __init__(self, url: str, secret: Optional[str] = None) -> None:
        self.url, self.secret = url, secret

    async def send(self, referral: Referral) -> None:
        headers = {"Authorization": f"Bearer {self.secret}"} if self.secret else {}
        timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(self.url, json=referral.as_dict(), headers=headers) as response:
                if response.status >= 300:
                    raise SinkError(f"webhook answered {response.status}")


class SmtpSink:
    def __init__(self, host: str, port: int, sender: str, recipient: str) -> None:
        self.host, self.port, self.sender, self.recipient = host, port, sender, recipient

    async def send(self, referral: Referral) -> None:
        mail = EmailMessage()
        mail["From"], mail["To"] = self.sender, self.recipient
        mail["Subject"] = f"KYRA referral {referral.token}"
        mail.set_content(json.dumps(referral.as_dict(), indent=2, ensure_ascii=False))

        def deliver() -> None:
            with smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_S) as smtp:
                smtp.send_message(mail)
        await asyncio.wait_for(asyncio.to_thread(deliver), TIMEOUT_S + 1)


class TelegramChatSink:
    """Posts the referral to the caseworkers' Telegram group through the Bot API."""

    def __init__(self, token: str, chat_id: str, base_url: str = "https://api.telegram.org/bot{token}") -> None:
        self.url = base_url.replace("{token}", token) if "{token}" in base_url else f"{base_url}{token}"
        self.chat_id = chat_id

    async def send(self, referral: Referral) -> None:
        lines = [f"KYRA referral {referral.token}"] + [f"{k}: {v}" for k, v in referral.as_dict().items()
                                                       if v and k != "token"]
        timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(f"{self.url}/sendMessage",
                                    json={"chat_id": self.chat_id, "text": "\n".join(lines)}) as response:
                if response.status >= 300:
                    raise SinkError(f"Telegram answered {response.status}")


def sink_from_name(name: str) -> Sink:
    env = os.environ
    if name == "sqlite":
        return SqliteSink()
    if name == "webhook":
        return WebhookSink(env["KYRA_HANDOFF_WEBHOOK_URL"], env.get("KYRA_HANDOFF_WEBHOOK_SECRET"))
    if name == "smtp":
        return SmtpSink(env["KYRA_SMTP_HOST"], int(env.get("KYRA_SMTP_PORT", "25")), env["KYRA_SMTP_FROM"],
                        env["KYRA_SMTP_TO"])
    if name == "telegram":
        return TelegramChatSink(env["KYRA_CASEWORKER_BOT_TOKEN"], env["KYRA_CASEWORKER_CHAT_ID"],
                                env.get("TELEGRAM_BASE_URL", "https://api.telegram.org/bot{token}"))
    raise ValueError(f"unknown handoff sink {name!r} (sqlite, webhook, smtp, telegram)")


async def deliver(referral: Referral, sinks: List[Sink], register: Optional[CaseRegister] = None,
                  sender_id: Optional[str] = None) -> None:
    """Send to every sink; register the case (with the conversation's sender id) only when all of them took it."""
    try:
        for sink in sinks:
            await sink.send(referral)
    except (OSError, asyncio.TimeoutError, aiohttp.ClientError, smtplib.SMTPException, sqlite3.Error) as error:
        raise SinkError(type(error).__name__) from error
    (register or CaseRegister()).add(referral, sender_id)
