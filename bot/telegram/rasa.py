"""HTTP client for the Rasa server: the REST channel, the privacy channel's /forget, the language slot."""
import asyncio
from typing import Any, Dict, List, Optional

import httpx

from bot.language.languages import is_supported

NOTE_STATUSES = (413, 429)  # the REST channel's refusals that still carry a message list (bot/channels/rest.py)


class RasaUnavailable(Exception):
    """The Rasa server did not answer, or answered something unusable."""


class RasaClient:
    def __init__(self, base_url: str, timeout: float = 30.0, privacy_token: Optional[str] = None,
                 max_connections: int = 16) -> None:
        self.privacy_token = privacy_token
        # Few requests in flight: Rasa works on one turn at a time per process anyway, and httpcore's pool
        # bookkeeping grows with its connections times the requests queued in it: the others wait here.
        self._slots = asyncio.Semaphore(max_connections)
        self.http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            timeout=httpx.Timeout(timeout, connect=3.0, pool=timeout),
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        )

    async def send(self, sender: str, message: str, metadata: Dict[str, Any]) -> List[Dict[str, Any]]:
        """One user message -> the bot's messages of that turn (docs/payloads.md), or the server's localized
        note when it refused the message as too long or too fast (413/429, docs/limits.md)."""
        try:
            async with self._slots:
                response = await self.http.post("/webhooks/rest/webhook",
                                                json={"sender": sender, "message": message, "metadata": metadata})
            if response.status_code not in NOTE_STATUSES:
                response.raise_for_status()
            replies = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from None
        if not isinstance(replies, list):
            raise RasaUnavailable("not a list")
        return replies

    async def forget(self, sender: str) -> bool:
        """Erase the sender's conversation on the server (bot/channels/privacy.py); True when it says so."""
        headers = {"Authorization": f"Bearer {self.privacy_token}"} if self.privacy_token else {}
        try:
            async with self._slots:
                response = await self.http.post("/webhooks/privacy/forget", json={"sender": sender}, headers=headers)
            return response.status_code == 200 and response.json().get("erased") is True
        except (httpx.HTTPError, ValueError, AttributeError):
            return False

    async def language(self, sender: str, timeout: float = 2.0) -> Optional[str]:
        """The conversation's `language` slot (needs the HTTP API, `rasa run --enable-api`); None if unknown."""
        try:
            async with self._slots:
                response = await self.http.get(f"/conversations/{sender}/tracker",
                                               params={"include_events": "NONE"}, timeout=timeout)
            language = response.json().get("slots", {}).get("language") if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError, AttributeError):
            return None
        return language if is_supported(language) else None

    async def close(self) -> None:
        await self.http.aclose()
