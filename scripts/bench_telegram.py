"""`make bench-telegram`: load on the Telegram front end -> reports/telegram-bench.md.

200 simulated chats x 5 messages (a /start, then held-out questions of tests/nlu/ in the chat's language,
12 languages in turn) go through the webhook server into the front end, which talks to the REAL Rasa server
(and action server) started on free 127.0.0.1 ports, and answers through the fake Bot API. Each chat sends
its next message when the previous turn is done (closed loop, no think time). Measured per message: from
the update's arrival at the webhook server to the first sendMessage of its answer, and to the end of the turn; and how long the front
end waited for Rasa. Three runs: real Rasa paced within Telegram's limits (1 msg/s per chat after a burst of
3, 30 msg/s overall), real Rasa unpaced, and an instant stand-in for Rasa (the front end's own capacity);
and, for comparison, the same messages straight to Rasa's REST channel.
The fake Bot API and the load driver run in the front end's own process and event loop.
"""
import argparse
import asyncio
import json
import os
import platform
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

import httpx
from aiohttp import web

from bot import ROOT
from bot.content.profile import load_profile
from bot.language.languages import supported
from bot.nlu_data import heldout_examples
from bot.telegram.app import build_application, quiet_libraries
from bot.telegram.fake_api import TOKEN, FakeBotAPI
from bot.telegram.handlers import Frontend
from bot.telegram.pacing import Pacer
from bot.telegram.rasa import RasaClient
from bot.telegram.settings import Settings
from bot.telegram.texts import BotTexts
from bot.telegram.webhook import SECRET_HEADER, WebhookServer
from scripts.servers import rasa_server

REPORT = ROOT / "reports" / "telegram-bench.md"
MODEL = ROOT / "models" / "kyra.tar.gz"
SECRET = "bench-secret"
FIRST_CHAT = 5_000_000


def scripts_per_chat(chats: int, per_chat: int) -> List[List[str]]:
    by_language: Dict[str, List[str]] = defaultdict(list)
    for example in heldout_examples():
        by_language[example.language].append(example.text)
    languages = [code for code in supported() if by_language[code]]
    scripts = []
    for chat in range(chats):
        pool = by_language[languages[chat % len(languages)]]
        scripts.append(["/start"] + [pool[(chat * per_chat + i) % len(pool)] for i in range(per_chat - 1)])
    return scripts


def update(update_id: int, chat_id: int, text: str) -> dict:
    message = {"message_id": update_id, "date": int(time.time()), "text": text,
               "from": {"id": chat_id, "is_bot": False, "first_name": "Bench"},
               "chat": {"id": chat_id, "type": "private", "first_name": "Bench"}}
    if text.startswith("/"):
        message["entities"] = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    return {"update_id": update_id, "message": message}


def percentile(values: List[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


class InstantRasa:
    """Answers every message at once with one short text and a button: the front end's own cost only."""

    async def __aenter__(self) -> str:
        async def answer(request: web.Request) -> web.Response:
            body = await request.json()
            return web.json_response([{"recipient_id": body["sender"], "text": "OK.",
                                       "buttons": [{"title": "Menu", "payload": "/menu"}]}])

        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", answer)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        return f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]

    async def __aexit__(self, *exc: object) -> None:
        await self.runner.cleanup()


async def run_rest_only(rasa_url: str, chats: int, per_chat: int) -> dict:
    """The same conversations straight to Rasa's REST channel, 16 in flight like the front end: Rasa's own pace."""
    slots, latencies = asyncio.Semaphore(16), []
    async with httpx.AsyncClient(base_url=rasa_url, timeout=120, limits=httpx.Limits(max_connections=16)) as client:

        async def chat(index: int, script: List[str]) -> None:
            for text in script:
                async with slots:
                    started = time.monotonic()
                    response = await client.post("/webhooks/rest/webhook", json={
                        "sender": f"rest-bench-{index}", "message": "/greet" if text == "/start" else text,
                        "metadata": {"channel": "telegram"}})
                    response.raise_for_status()
                    latencies.append(time.monotonic() - started)

        began = time.monotonic()
        await asyncio.gather(*(chat(i, s) for i, s in enumerate(scripts_per_chat(chats, per_chat))))
        elapsed = time.monotonic() - began
    return {"messages": len(latencies), "elapsed": elapsed, "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95)}


async def run_instant(chats: int, per_chat: int) -> dict:
    async with InstantRasa() as url:
        result = await run_load(url, chats, per_chat, paced=False)
    return dict(result, rasa="instant stand-in")


class TimedWebhook(WebhookServer):
    """The webhook server, noting when each update arrives (latencies start there, not in the driver's queue)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.arrived: Dict[int, float] = {}

    async def receive(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        response = await super().receive(request)
        self.arrived[json.loads(await request.read())["update_id"]] = arrived  # the body is cached
        return response


async def run_load(rasa_url: str, chats: int, per_chat: int, paced: bool) -> dict:
    api = await FakeBotAPI().start()
    settings = Settings(token=TOKEN, base_url=api.base_url, rasa_url=rasa_url)
    pacer = Pacer(1.0, 3, 30.0) if paced else Pacer(0, 1, 0)
    frontend = Frontend(RasaClient(rasa_url, timeout=60), BotTexts(load_profile()), b"bench-key", pacer)
    app = build_application(settings, frontend, polling=False)
    turns_done: Dict[int, asyncio.Queue] = defaultdict(asyncio.Queue)
    converse, start_command = frontend.converse, frontend.on_start

    async def counted(update, *args, **kwargs):  # signals the end of each turn to the load driver
        try:
            await converse(update, *args, **kwargs)
        finally:
            turns_done[update.effective_chat.id].put_nowait(time.monotonic())

    rasa_send = frontend.rasa.send
    waited_for_rasa: List[float] = []

    async def timed(*args, **kwargs):  # how long the front end waits for the Rasa server
        started = time.monotonic()
        try:
            return await rasa_send(*args, **kwargs)
        finally:
            waited_for_rasa.append(time.monotonic() - started)

    frontend.converse, frontend.rasa.send = counted, timed
    first, whole, failures = [], [], 0
    unavailable = {frontend.texts.get("unavailable", c).split("\n")[0] for c in supported()}
    errors = {frontend.texts.get("error", c).split("\n")[0] for c in supported()}
    ids = iter(range(1, 10**9))
    async with app:
        await app.start()
        server = TimedWebhook(app, SECRET, "/telegram", "127.0.0.1", 0)
        port = await server.start()
        limits = httpx.Limits(max_connections=16)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=60) as client:

            async def chat(index: int, script: List[str]) -> None:
                nonlocal failures
                chat_id = FIRST_CHAT + index
                for text in script:
                    seen = len(api.of("sendMessage", chat_id))
                    update_id = next(ids)
                    response = await client.post("/telegram", json=update(update_id, chat_id, text),
                                                 headers={SECRET_HEADER: SECRET})
                    assert response.status_code == 200, response.status_code
                    started = server.arrived[update_id]
                    ended = await asyncio.wait_for(turns_done[chat_id].get(), 120)
                    answers = api.of("sendMessage", chat_id)[seen:]
                    if not answers or any(a.params["text"].split("\n")[0] in unavailable | errors for a in answers):
                        failures += 1  # no answer, or the "cannot answer now" note
                    if answers:
                        first.append(answers[0].at - started)
                        whole.append(ended - started)

            began, cpu = time.monotonic(), time.process_time()
            await asyncio.gather(*(chat(i, s) for i, s in enumerate(scripts_per_chat(chats, per_chat))))
            elapsed, cpu = time.monotonic() - began, time.process_time() - cpu
        await server.stop()
        await app.stop()
    await frontend.rasa.close()
    await api.stop()
    sends = len(api.of("sendMessage"))
    return {"rasa": "real", "paced": paced, "messages": chats * per_chat, "failures": failures, "elapsed": elapsed,
            "sends": sends, "p50": percentile(first, 50), "p95": percentile(first, 95), "max": max(first),
            "turn_p50": percentile(whole, 50), "turn_p95": percentile(whole, 95), "mean": statistics.mean(first),
            "rasa_p50": percentile(waited_for_rasa, 50), "rasa_p95": percentile(waited_for_rasa, 95),
            "cpu_ms": 1000 * cpu / (chats * per_chat)}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def report(results: List[dict], rest: dict, chats: int, per_chat: int) -> str:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        "# Telegram front end under load",
        "",
        f"`make bench-telegram` ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, load average "
        f"{load} at the end, Python {platform.python_version()}): {chats} simulated chats × {per_chat} messages "
        "(/start, then held-out questions in the chat's language, 12 languages), all chats at once, each sending "
        "its next message as soon as its previous turn is done (no think time), through the webhook server → "
        "front end → Rasa → the fake Bot API. \"Real\" Rasa is the Rasa server and action server as `make run` "
        "starts them (one process each, SQLite tracker store); the instant stand-in answers at once, to show the "
        "front end's own cost. The fake Bot API and the load driver share the front end's process and event loop "
        "(CPU per message below includes them).",
        "",
        "| Rasa | pacing | messages | failed | sendMessage calls | wall time | msg/s | update → first sendMessage p50 / p95 / max (ms) | update → turn done p50 / p95 (ms) | waiting for Rasa (incl. queue) p50 / p95 (ms) | CPU per message (ms) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        pacing = "Telegram's (1/s per chat after 3, 30/s overall)" if r["paced"] else "none"
        lines.append(f"| {r['rasa']} | {pacing} | {r['messages']} | {r['failures']} | {r['sends']} | {r['elapsed']:.1f} s | "
                     f"{r['messages'] / r['elapsed']:.1f} | {ms(r['p50'])} / {ms(r['p95'])} / {ms(r['max'])} | "
                     f"{ms(r['turn_p50'])} / {ms(r['turn_p95'])} | {ms(r['rasa_p50'])} / {ms(r['rasa_p95'])} | "
                     f"{r['cpu_ms']:.0f} |")
    lines += ["", f"The same {rest['messages']} messages sent straight to Rasa's REST channel (16 in flight, no "
              f"Telegram side): {rest['messages'] / rest['elapsed']:.1f} msg/s, turn p50 / p95 {ms(rest['p50'])} / "
              f"{ms(rest['p95'])} ms — Rasa's own pace on this machine at the time.",
              "", "\"failed\": turns answered with the \"cannot answer now\" note (Rasa took longer than the "
              "front end's timeout, 60 s here) or not answered. With 200 chats writing without pause, a message waits "
              "behind the ~200 others in flight, so latency ≈ chats ÷ throughput; the throughput is Rasa's.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args()
    quiet_libraries()
    with rasa_server(args.model, ROOT / "results" / "bench-telegram") as server:
        results = [asyncio.run(run_load(server["url"], args.chats, args.messages, paced)) for paced in (True, False)]
        rest = asyncio.run(run_rest_only(server["url"], args.chats, args.messages))
    results.append(asyncio.run(run_instant(args.chats, args.messages)))
    text = report(results, rest, args.chats, args.messages)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
