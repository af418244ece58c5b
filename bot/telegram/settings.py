"""Settings of the Telegram front end, from the environment (defaults run locally against `make run`)."""
import os
from dataclasses import dataclass
from typing import Mapping, Optional

DEFAULT_BASE_URL = "https://api.telegram.org/bot{token}"


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name)
    return float(value) if value not in (None, "") else default


@dataclass(frozen=True)
class Settings:
    token: str
    base_url: str = DEFAULT_BASE_URL  # may contain {token} (python-telegram-bot >= 21.11)
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_timeout: float = 30.0  # seconds for one Rasa turn
    privacy_token: Optional[str] = None  # KYRA_PRIVACY_TOKEN: bearer token of /webhooks/privacy/forget
    webhook_url: Optional[str] = None  # public https URL Telegram posts updates to; unset = polling
    webhook_secret: Optional[str] = None  # X-Telegram-Bot-Api-Secret-Token; made up at start when unset
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8081
    chat_interval: float = 1.0  # seconds between messages to one chat (after a burst of `chat_burst`)
    chat_burst: int = 3
    global_rate: float = 30.0  # messages per second to all chats together; 0 = unpaced

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Settings":
        env = os.environ if env is None else env
        return cls(
            token=env.get("TELEGRAM_BOT_TOKEN", ""),
            base_url=env.get("TELEGRAM_BASE_URL") or DEFAULT_BASE_URL,
            rasa_url=(env.get("RASA_URL") or f"http://127.0.0.1:{env.get('RASA_PORT') or 5005}").rstrip("/"),
            rasa_timeout=_float(env, "KYRA_RASA_TIMEOUT", 30.0),
            privacy_token=env.get("KYRA_PRIVACY_TOKEN") or None,
            webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
            webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or None,
            webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN") or "127.0.0.1",
            webhook_port=int(env.get("TELEGRAM_WEBHOOK_PORT") or 8081),
            chat_interval=_float(env, "TELEGRAM_CHAT_INTERVAL", 1.0),
            chat_burst=int(env.get("TELEGRAM_CHAT_BURST") or 3),
            global_rate=_float(env, "TELEGRAM_GLOBAL_RATE", 30.0),
        )
