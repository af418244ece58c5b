"""The atomic conversation lock against a real Redis (Debian's redis-server on 127.0.0.1)."""
import asyncio
import random

import pytest
from rasa.core.lock_store import LockError
from rasa.utils.endpoints import EndpointConfig

from bot.scale import lock_store as module
from bot.scale.lock_store import AtomicRedisLockStore
from scripts.debian_servers import redis_server


@pytest.fixture(scope="module")
def redis_settings():
    with redis_server() as server:
        yield {"host": server.host, "port": server.port, "password": server.password}


def replicas(settings, count=2):
    """One store per simulated replica: separate connection pools, like separate Rasa processes."""
    return [AtomicRedisLockStore(**settings) for _ in range(count)]


def run(coroutine):
    return asyncio.new_event_loop().run_until_complete(coroutine)


def test_one_holder_at_a_time_across_replicas(redis_settings):
    stores = replicas(redis_settings)
    inside = {c: 0 for c in ("a", "b", "c")}
    most_inside = {c: 0 for c in inside}
    done = {c: 0 for c in inside}

    async def turn(store, conversation):
        async with store.lock(conversation):
            inside[conversation] += 1
            most_inside[conversation] = max(most_inside[conversation], inside[conversation])
            seen = done[conversation]
            await asyncio.sleep(random.uniform(0.0005, 0.003))
            done[conversation] = seen + 1  # a lost update if two turns overlapped
            inside[conversation] -= 1

    async def main():
        await asyncio.gather(*(turn(stores[i % 2], c) for i in range(40) for c in inside))

    run(main())
    assert most_inside == {c: 1 for c in inside}
    assert done == {c: 40 for c in inside}


def test_first_come_first_served(redis_settings):
    store = replicas(redis_settings, 1)[0]
    order = []

    async def turn(number, holder_ready):
        if number:
            await holder_ready.wait()
            await asyncio.sleep(0.01 * number)  # issue tickets in order 1, 2, 3...
        async with store.lock("fifo"):
            if not number:
                holder_ready.set()
                await asyncio.sleep(0.1)
            order.append(number)

    async def main():
        ready = asyncio.Event()
        await asyncio.gather(*(turn(n, ready) for n in range(5)))

    run(main())
    assert order == [0, 1, 2, 3, 4]


def test_waiting_polls_far_more_often_than_once_a_second(redis_settings, monkeypatch):
    store = replicas(redis_settings, 1)[0]
    pauses = []
    real_sleep = asyncio.sleep

    async def recording_sleep(seconds):
        pauses.append(seconds)
        await real_sleep(seconds)

    async def main():
        async def holder():
            async with store.lock("poll"):
                await real_sleep(0.3)

        async def waiter():
            await real_sleep(0.02)
            monkeypatch.setattr(module.asyncio, "sleep", recording_sleep)
            async with store.lock("poll"):
                pass

        await asyncio.gather(holder(), waiter())

    run(main())
    assert pauses, "the waiter never waited"
    assert max(pauses) <= module.LAST_POLL_S * 1.2


def test_an_abandoned_lock_expires(redis_settings):
    store = replicas(redis_settings, 1)[0]

    async def main():
        crashed = await store.issue("crash", lock_lifetime=0.3)  # took the lock, never released it (lease renewed)
        assert await store.try_acquire("crash", crashed) == 1
        async with store.lock("crash"):
            return await store.try_acquire("crash", crashed)

    assert run(main()) == -1  # the dead ticket is gone


def test_a_ticket_that_expires_while_waiting_raises(redis_settings):
    store = replicas(redis_settings, 1)[0]

    async def main():
        holder = await store.issue("slow", lock_lifetime=30)
        assert await store.try_acquire("slow", holder) == 1
        try:
            async with store.lock("slow", lock_lifetime=0.2):
                pass
        finally:
            await store.release("slow", holder)

    with pytest.raises(LockError):
        run(main())


def test_nothing_is_left_in_redis_after_the_turns(redis_settings):
    store = replicas(redis_settings, 1)[0]

    async def main():
        async with store.lock("tidy"):
            pass
        return await store.red.exists("kyra:lock:tidy"), await store.red.pttl("kyra:lock:tidy:next")

    queue_exists, counter_ttl = run(main())
    assert queue_exists == 0
    assert 0 < counter_ttl <= 2 * 60 * 1000  # the ticket counter goes too, after two lock lifetimes


def test_created_from_endpoints_like_rasa_does(redis_settings):
    from rasa.core.lock_store import LockStore

    config = EndpointConfig(url=redis_settings["host"], type="bot.scale.lock_store.AtomicRedisLockStore",
                            port=redis_settings["port"], password=redis_settings["password"], key_prefix="t:")
    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore)

    async def main():
        async with store.lock("cfg"):
            return await store.red.exists("t:cfg")

    assert run(main()) == 1


def test_redis_unreachable_is_a_lock_error(redis_settings):
    store = AtomicRedisLockStore(host="127.0.0.1", port=1, socket_timeout=1)

    async def main():
        async with store.lock("down"):
            pass

    with pytest.raises(LockError):
        run(main())


def test_a_dead_holder_blocks_for_one_lease_not_the_lifetime(redis_settings):
    settings = dict(redis_settings, lease_s=0.3)
    dead, alive = AtomicRedisLockStore(**settings), AtomicRedisLockStore(**settings)

    async def main():
        crashed = await dead.issue("lease", lock_lifetime=60)  # took the lock, then its replica died
        assert await dead.try_acquire("lease", crashed) == 1
        async with alive.lock("lease"):
            return await alive.try_acquire("lease", crashed)

    assert run(main()) == -1


def test_a_live_holder_keeps_its_lock_past_the_lease(redis_settings):
    settings = dict(redis_settings, lease_s=0.2)
    holder, waiter = AtomicRedisLockStore(**settings), AtomicRedisLockStore(**settings)
    events = []

    async def main():
        async def hold():
            async with holder.lock("renew"):
                events.append("held")
                await asyncio.sleep(0.8)  # four leases: renewed in the background
                events.append("released")

        async def wait():
            await asyncio.sleep(0.05)
            async with waiter.lock("renew"):
                events.append("waiter in")

        await asyncio.gather(hold(), wait())

    run(main())
    assert events == ["held", "released", "waiter in"]
