"""The channels' blueprints on a bare Sanic app (no trained model): a stub agent, requests through ASGI."""
import asyncio
import contextlib
import itertools
import json
from typing import Any, AsyncIterator, Awaitable, Callable, List, Optional

import httpx
from rasa.core.channels.channel import UserMessage, register
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from sanic import Sanic

from bot.channels.limits import Limits, RateLimiter
from bot.channels.privacy import PrivacyInput
from bot.channels.rest import RestInput
from bot.channels.web import WebWidgetInput

_apps = itertools.count()


class StubAgent:
    """Answers every message with one text ("echo: <text>") and records what it got."""

    def __init__(self) -> None:
        self.received: List[UserMessage] = []
        self.tracker_store = InMemoryTrackerStore(Domain.empty())
        self.lock_store = InMemoryLockStore()

    async def handle_message(self, message: UserMessage) -> None:
        self.received.append(message)
        await message.output_channel.send_text_message(message.sender_id, f"echo: {message.text}")


class FailingAgent(StubAgent):
    """Says `said` (if anything), then fails as Rasa does when its tracker or lock store is down."""

    def __init__(self, error: BaseException, said: Optional[str] = None) -> None:
        super().__init__()
        self.error, self.said = error, said

    async def handle_message(self, message: UserMessage) -> None:
        self.received.append(message)
        if self.said:
            await message.output_channel.send_text_message(message.sender_id, self.said)
        raise self.error


class LockingAgent(StubAgent):
    """Takes the conversation lock around each turn, as Rasa's Agent.handle_message does."""

    def __init__(self, lock_store: Any) -> None:
        super().__init__()
        self.lock_store = lock_store

    async def handle_message(self, message: UserMessage) -> None:
        async with self.lock_store.lock(message.sender_id):
            await super().handle_message(message)


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def channels(limits: Limits, clock: Optional[Clock] = None) -> list:
    """The REST, web and privacy channels with these limits (the limiters on `clock` when given)."""
    def limiter() -> RateLimiter:
        return RateLimiter.from_limits(limits, clock) if clock else RateLimiter.from_limits(limits)
    return [RestInput(limits, limiter()), WebWidgetInput(demo=False, limits=limits, limiter=limiter()),
            PrivacyInput(limits)]


def build_app(inputs: list, agent: Any) -> Sanic:
    Sanic.test_mode = True  # as sanic-testing does: each app's start-up then rewrites Sanic's methods afresh
    app = Sanic(f"kyra_channels_test_{next(_apps)}")
    app.ctx.agent = agent
    register(inputs, app, route="/webhooks/")
    return app


@contextlib.asynccontextmanager
async def client(app: Sanic) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in process (ASGI, with its startup)."""
    incoming: asyncio.Queue = asyncio.Queue()
    outgoing: asyncio.Queue = asyncio.Queue()
    await incoming.put({"type": "lifespan.startup"})
    lifespan = asyncio.ensure_future(app({"type": "lifespan", "asgi": {"version": "3.0"}}, incoming.get, outgoing.put))
    started = asyncio.ensure_future(outgoing.get())
    await asyncio.wait([started, lifespan], return_when=asyncio.FIRST_COMPLETED)
    if lifespan.done():
        lifespan.result()  # raises what went wrong
    assert started.result()["type"] == "lifespan.startup.complete", started.result()
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://kyra.test") as http:
            yield http
    finally:
        lifespan.cancel()  # no shutdown listeners to run (and Sanic 21.12's ASGI shutdown path is broken)
        with contextlib.suppress(asyncio.CancelledError):
            await lifespan


def post_json(http: httpx.AsyncClient, path: str, body: Any) -> Any:
    """POST a JSON value (a coroutine)."""
    return http.post(path, content=json.dumps(body, ensure_ascii=False).encode())


def serve(scenario: Callable[..., Awaitable[Any]], limits: Optional[Limits] = None,
          clock: Optional[Clock] = None, agent: Optional[StubAgent] = None) -> Any:
    """Run `scenario(http, agent)` against the three channels on a fresh app (a StubAgent unless given)."""
    async def main() -> Any:
        nonlocal agent
        agent = agent or StubAgent()
        async with client(build_app(channels(limits or Limits(), clock), agent)) as http:
            return await scenario(http, agent)
    return asyncio.run(main())
