"""REST turn latency and throughput at several concurrencies, and the server's memory."""
import asyncio
import statistics
import time
import uuid
from pathlib import Path
from typing import Dict, List, Sequence

import aiohttp

TURNS_PER_CONVERSATION = 5


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


async def _worker(session: aiohttp.ClientSession, url: str, messages: List[str], count: int,
                  latencies: List[float]) -> None:
    sender = uuid.uuid4().hex
    for i in range(count):
        if i % TURNS_PER_CONVERSATION == 0:
            sender = uuid.uuid4().hex
        started = time.perf_counter()
        async with session.post(f"{url}/webhooks/rest/webhook",
                                json={"sender": sender, "message": messages[i % len(messages)]}) as response:
            await response.read()
            response.raise_for_status()
        latencies.append(time.perf_counter() - started)


async def _load(url: str, messages: List[str], concurrency: int, per_worker: int) -> Dict[str, float]:
    latencies: List[float] = []
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await _worker(session, url, messages, 3, [])  # warm-up
        started = time.perf_counter()
        await asyncio.gather(*(_worker(session, url, messages[w % len(messages):] + messages, per_worker, latencies)
                               for w in range(concurrency)))
        wall = time.perf_counter() - started
    return {"concurrency": concurrency, "requests": len(latencies),
            "p50_ms": 1000 * statistics.median(latencies), "p95_ms": 1000 * percentile(latencies, 0.95),
            "msg_per_s": len(latencies) / wall}


def measure(url: str, messages: List[str], concurrencies=(1, 8, 32), requests: int = 160) -> List[Dict[str, float]]:
    return [asyncio.run(_load(url, messages, c, max(TURNS_PER_CONVERSATION, requests // c)))
            for c in concurrencies]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (Rasa may fork), from /proc."""
    total = 0
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for one in pids:
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024
