"""`make bench-scale`: KYRA on 1 vs 2 Rasa replicas, and burst integrity with two conversation locks.

Starts the scale stack (scripts/scale_stack.py: PostgreSQL, Redis, action server, two replicas, nginx) and
measures, with the same closed-loop load (CONVERSATIONS conversations of 5 turns, at most CONCURRENCY at
once): one replica addressed directly, then both through nginx. Then bursts: BURSTS conversations each get
"help" "help" "please" at the same moment on replicas A, B, A — with KYRA's AtomicRedisLockStore, and again
on a second stack with Rasa's own RedisLockStore (`type: redis`). Prints the figures and writes
reports/scale.md. The machine's cores bound what a second replica can add: both share them.
"""
import argparse
import asyncio
import itertools
import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List

from bot import ROOT
from scripts.scale_load import CONVERSATIONS, Turn, burst, check_conversation, client, converse, percentile, send
from scripts.scale_stack import ScaleStack

MODEL = ROOT / "models" / "kyra.tar.gz"
REPORT = ROOT / "reports" / "scale.md"
BURST_TEXTS = ["help", "help", "please"]


async def closed_loop(targets: List[str], conversations: int, concurrency: int) -> Dict[str, float]:
    gate = asyncio.Semaphore(concurrency)
    languages = itertools.cycle(CONVERSATIONS)
    plans = [[Turn(text, targets[(c + k) % len(targets)]) for k, text in enumerate(CONVERSATIONS[next(languages)])]
             for c in range(conversations)]

    async def one(session, turns):
        async with gate:
            await converse(session, uuid.uuid4().hex, turns)

    async with client(concurrency * 2) as session:
        start = time.monotonic()
        await asyncio.gather(*(one(session, turns) for turns in plans))
        elapsed = time.monotonic() - start
    turns = [t for ts in plans for t in ts]
    took = [t.took for t in turns]
    return {"turns": len(turns), "answered": sum(t.answered for t in turns), "seconds": elapsed,
            "per_s": len(turns) / elapsed, "p50": percentile(took, 0.5), "p95": percentile(took, 0.95)}


async def bursts(stack: ScaleStack, count: int) -> Dict[str, float]:
    senders = [uuid.uuid4().hex for _ in range(count)]
    a, b = stack.replica_urls[:2]
    async with client(512) as session:
        await asyncio.gather(*(send(session, s, Turn("hi", a)) for s in senders))
        plans = [[Turn(text, url) for text, url in zip(BURST_TEXTS, (a, b, a))] for _ in senders]
        await asyncio.gather(*(burst(session, s, turns) for s, turns in zip(senders, plans)))
    stored = stack.events(senders)
    intact = sum(not check_conversation(stored[s], ["hi", *BURST_TEXTS], ordered=False) for s in senders)
    took = [t.took for turns in plans for t in turns]
    return {"intact": intact, "count": count, "status_200": sum(t.status == 200 for ts in plans for t in ts),
            "requests": len(took), "p95": percentile(took, 0.95), "max": max(took)}


async def lone_bursts(stack: ScaleStack, count: int) -> Dict[str, float]:
    """One conversation's burst at a time: how long the last of its three answers takes, with no other load."""
    a, b = stack.replica_urls[:2]
    slowest = []
    async with client(8) as session:
        for _ in range(count):
            sender = uuid.uuid4().hex
            await send(session, sender, Turn("hi", a))
            turns = await burst(session, sender, [Turn(text, url) for text, url in zip(BURST_TEXTS, (a, b, a))])
            slowest.append(max(t.took for t in turns))
    return {"p50": percentile(slowest, 0.5), "max": max(slowest)}


def run(coroutine):
    return asyncio.new_event_loop().run_until_complete(coroutine)


def prefixed(figures: Dict[str, float]) -> Dict[str, float]:
    return {f"lone_{key}": value for key, value in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--bursts", type=int, default=100)
    args = parser.parse_args()
    results, burst_results = {}, {}
    with tempfile.TemporaryDirectory(prefix="kyra-bench-scale-") as folder:
        with ScaleStack(MODEL, Path(folder) / "atomic") as stack:
            run(closed_loop(stack.replica_urls, 40, 16))  # warm both replicas (first message per language)
            results["1 replica (direct)"] = run(closed_loop(stack.replica_urls[:1], args.conversations, args.concurrency))
            results["2 replicas (nginx)"] = run(closed_loop([stack.url], args.conversations, args.concurrency))
            burst_results["AtomicRedisLockStore (KYRA)"] = {**run(bursts(stack, args.bursts)),
                                                             **prefixed(run(lone_bursts(stack, 20)))}
        with ScaleStack(MODEL, Path(folder) / "stock", lock_store_type="redis") as stack:
            run(closed_loop(stack.replica_urls, 40, 16))
            burst_results["RedisLockStore (Rasa 3.6)"] = {**run(bursts(stack, args.bursts)),
                                                          **prefixed(run(lone_bursts(stack, 20)))}
    write_report(results, burst_results, args)


def write_report(results: Dict[str, dict], burst_results: Dict[str, dict], args: argparse.Namespace) -> None:
    lines = ["# Scale: 1 vs 2 Rasa replicas, and conversation bursts", "",
             f"`make bench-scale` on {os.cpu_count()} cores: {args.conversations} conversations x 5 turns, at most "
             f"{args.concurrency} at once, PostgreSQL tracker store, Redis lock, one action server.", "",
             "| setup | turns answered | msg/s | p50 s | p95 s |", "|---|---|---|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['answered']}/{r['turns']} | {r['per_s']:.1f} | {r['p50']:.3f} | {r['p95']:.3f} |")
    lines += ["", f"Bursts: {args.bursts} conversations, each \"help\" \"help\" \"please\" at the same moment on "
              "replicas A, B, A (after a first \"hi\").", "",
              "All bursts at once (queueing behind 300 requests), then 20 bursts one at a time (the last of the three "
              "answers: lock waiting shows here).", "",
              "| lock store | conversations intact | HTTP 200 | all at once: p95 s / slowest s | one at a time: "
              "last answer p50 s / slowest s |", "|---|---|---|---|---|"]
    for name, r in burst_results.items():
        lines.append(f"| {name} | {r['intact']}/{r['count']} | {r['status_200']}/{r['requests']} | "
                     f"{r['p95']:.2f} / {r['max']:.2f} | {r['lone_p50']:.2f} / {r['lone_max']:.2f} |")
    text = "\n".join(lines) + "\n"
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
