"""The shared per-sender rate limit against a real Redis (Debian's redis-server on 127.0.0.1)."""
import asyncio
import logging
import time

import pytest

from bot.channels.limits import Limits, RateLimiter, rate_limiter_from_env
from bot.scale.rate_limit import SharedRateLimiter, bucket_key
from scripts.debian_servers import redis_server


@pytest.fixture(scope="module")
def redis_settings():
    with redis_server() as server:
        yield {"host": server.host, "port": server.port, "password": server.password}


def run(coroutine):
    return asyncio.new_event_loop().run_until_complete(coroutine)


def replicas(settings, limits, count=2):
    """One limiter per simulated replica, as each Rasa process builds its own."""
    return [SharedRateLimiter(limits, **settings) for _ in range(count)]


def test_replicas_share_one_bucket_per_sender(redis_settings):
    a, b = replicas(redis_settings, Limits(per_minute=60, burst=3))

    async def main():
        return [await limiter.acheck("shared-sender") for limiter in (a, b, a, b, a)], await b.acheck("other")
    decisions, other = run(main())
    assert [d.allowed for d in decisions] == [True, True, True, False, False]  # one bucket of 3, not 3 each
    assert 0.9 < decisions[3].retry_after <= 1.0 and decisions[3].retry_after_header == "1"
    assert (decisions[3].repeated, decisions[4].repeated) == (False, True)
    assert other.allowed


def test_the_bucket_refills_at_the_rate(redis_settings):
    [limiter] = replicas(redis_settings, Limits(per_minute=600, burst=1), 1)  # one message every 0.1 s

    async def main():
        first, second = await limiter.acheck("refill"), await limiter.acheck("refill")
        await asyncio.sleep(0.15)
        return first, second, await limiter.acheck("refill"), await limiter.acheck("refill")
    assert [d.allowed for d in run(main())] == [True, False, True, False]


def test_redis_holds_no_sender_id_and_forgets_a_full_bucket(redis_settings):
    [limiter] = replicas(redis_settings, Limits(per_minute=60, burst=2), 1)
    sender = "telegram-5f2a9c-sender"

    async def main():
        await limiter.acheck(sender)
        keys = await limiter.red.keys("kyra:rate:*")
        values = [await limiter.red.hgetall(key) for key in keys]
        return keys, values, await limiter.red.pttl(bucket_key(sender))
    keys, values, ttl = run(main())
    assert bucket_key(sender).encode() in keys
    stored = b" ".join(keys + [part for value in values for item in value.items() for part in item])
    assert sender.encode() not in stored
    assert 1000 <= ttl <= 2000  # a bucket of 2 at one a second is full again after 2 s: then it is forgotten


def test_redis_down_falls_back_to_the_replicas_own_count(caplog):
    limiter = SharedRateLimiter(Limits(per_minute=60, burst=2), "127.0.0.1", 1, socket_timeout=0.5)

    async def main():
        return [await limiter.acheck("down-sender") for _ in range(3)]
    with caplog.at_level(logging.WARNING):
        decisions = run(main())
    assert [d.allowed for d in decisions] == [True, True, False]
    warnings = [r.getMessage() for r in caplog.records if r.name == "bot.scale.rate_limit"]
    assert len(warnings) == 1 and "down-sender" not in warnings[0]  # once a minute, type only


def test_no_rate_limit_configured_needs_no_redis():
    limiter = SharedRateLimiter(Limits(per_minute=0), "127.0.0.1", 1)
    started = time.monotonic()
    assert all(run(limiter.acheck("x")).allowed for _ in range(50)) and time.monotonic() - started < 1


def test_the_channels_share_the_limit_when_redis_is_configured():
    limits = Limits()
    assert isinstance(rate_limiter_from_env(limits, {}), RateLimiter)
    shared = rate_limiter_from_env(limits, {"KYRA_REDIS_HOST": "127.0.0.1", "KYRA_REDIS_PORT": "6390",
                                            "KYRA_REDIS_PASSWORD": "pw"})
    assert isinstance(shared, SharedRateLimiter)
    assert shared.red.connection_pool.connection_kwargs["port"] == 6390
    assert shared.red.connection_pool.connection_kwargs["db"] == 2  # the lock store uses db 1
