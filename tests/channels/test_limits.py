"""The per-sender rate limiter (an injected clock, no sleeping) and the limits read from the environment."""
import logging

import pytest

from bot.channels.limits import Limits, RateLimiter
from tests.channels.helpers import Clock


def limiter(clock, per_minute=20.0, burst=8, max_senders=1000):
    return RateLimiter(per_minute, burst, max_senders, clock)


def test_a_burst_then_one_message_per_interval():
    clock = Clock()
    limits = limiter(clock)
    assert all(limits.check("a").allowed for _ in range(8))
    refused = limits.check("a")
    assert not refused.allowed and refused.retry_after == pytest.approx(3.0) and refused.retry_after_header == "3"
    clock.now += 2.9
    assert not limits.check("a").allowed
    clock.now += 0.2
    assert limits.check("a").allowed
    assert not limits.check("a").allowed


def test_senders_are_counted_apart():
    clock = Clock()
    limits = limiter(clock, burst=2)
    assert limits.check("a").allowed and limits.check("a").allowed and not limits.check("a").allowed
    assert limits.check("b").allowed and limits.check(42).allowed


def test_the_bucket_refills_to_the_burst_and_no_more():
    clock = Clock()
    limits = limiter(clock, per_minute=60, burst=3)
    for _ in range(3):
        limits.check("a")
    clock.now += 3600
    assert [limits.check("a").allowed for _ in range(4)] == [True, True, True, False]


def test_a_refusal_says_whether_the_sender_was_already_refused():
    clock = Clock()
    limits = limiter(clock, per_minute=60, burst=1)
    assert limits.check("a").allowed
    first, second = limits.check("a"), limits.check("a")
    assert not first.allowed and not first.repeated
    assert not second.allowed and second.repeated
    clock.now += 1
    assert limits.check("a").allowed
    assert not limits.check("a").repeated  # a new flood gets a new note


def test_idle_senders_are_forgotten():
    clock = Clock()
    limits = limiter(clock, per_minute=60, burst=6)  # full again after 6 s
    for sender in range(100):
        limits.check(sender)
    assert len(limits) == 100
    clock.now += 5
    limits.check("new")
    assert len(limits) == 101
    clock.now += 1.5
    limits.check("newer")
    assert len(limits) == 2  # "new" (1.5 s ago) and "newer"


def test_memory_is_bounded_by_max_senders():
    clock = Clock()
    limits = limiter(clock, burst=1, max_senders=50)
    for sender in range(10_000):
        limits.check(sender)
    assert len(limits) == 50
    assert not limits.check(9_999).allowed  # recent senders are still limited


def test_a_zero_rate_turns_the_limit_off():
    limits = limiter(Clock(), per_minute=0)
    assert not limits.enabled
    assert all(limits.check("a").allowed for _ in range(1000)) and len(limits) == 0


def test_defaults():
    limits = Limits.from_env({})
    assert (limits.per_minute, limits.burst, limits.max_message_chars, limits.max_body_bytes,
            limits.max_metadata_bytes) == (30.0, 20, 2000, 64 * 1024, 2048)


def test_environment_overrides_and_bad_values_are_ignored(caplog):
    env = {"KYRA_RATE_PER_MINUTE": "6", "KYRA_RATE_BURST": "2", "KYRA_MAX_MESSAGE_CHARS": "500",
           "KYRA_MAX_BODY_BYTES": "lots", "KYRA_MAX_METADATA_BYTES": "-1", "KYRA_RATE_MAX_SENDERS": "1e999"}
    with caplog.at_level(logging.WARNING):
        limits = Limits.from_env(env)
    assert (limits.per_minute, limits.burst, limits.max_message_chars) == (6.0, 2, 500)
    assert (limits.max_body_bytes, limits.max_metadata_bytes, limits.max_senders) == (64 * 1024, 2048, 100_000)
    assert caplog.text.count("using") == 3
    assert isinstance(limits.burst, int) and isinstance(limits.max_message_chars, int)
