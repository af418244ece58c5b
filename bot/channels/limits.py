"""Size limits of incoming messages and a per-sender rate limiter, shared by every channel (docs/limits.md).

The limits come from environment variables (a bad value is logged and the default used). The limiter is a
token bucket per sender, in process: each sender may send `burst` messages at once, then one every
60/`per_minute` seconds. Memory is bounded: a sender idle long enough to have a full bucket again is
forgotten (that changes nothing), and past `max_senders` the least recently seen are dropped. With several
Rasa replicas (KYRA_REDIS_HOST set, docs/production.md) the REST and web channels share one bucket per sender
in Redis instead (bot/scale/rate_limit.py): `rate_limiter_from_env`.
"""
import logging
import math
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Hashable, Mapping, Optional

logger = logging.getLogger(__name__)

# variable -> (field, default)
VARIABLES = {
    "KYRA_RATE_PER_MINUTE": ("per_minute", 30.0),
    "KYRA_RATE_BURST": ("burst", 20),
    "KYRA_RATE_MAX_SENDERS": ("max_senders", 100_000),
    "KYRA_MAX_MESSAGE_CHARS": ("max_message_chars", 2000),
    "KYRA_MAX_BODY_BYTES": ("max_body_bytes", 64 * 1024),
    "KYRA_MAX_METADATA_BYTES": ("max_metadata_bytes", 2048),
}
MAX_SENDER_CHARS = 255  # the SQL tracker store's sender_id column
RATE_LIMITED = "rate_limited"  # the reason a channel gives with its 429
NOT_HANDLED = "unavailable"  # the turn failed with nothing to say (tracker or lock store down)
EPSILON = 1e-9  # refills are floating point: 20 s at 3/min is one message, not 0.999…


@dataclass(frozen=True)
class Limits:
    per_minute: float = 30.0  # messages a sender may send per minute, on average; 0 = no rate limit
    burst: int = 20  # messages a sender may send at once (a screening is 11 taps in a row)
    max_senders: int = 100_000  # senders the limiter remembers at most
    max_message_chars: int = 2000
    max_body_bytes: int = 64 * 1024
    max_metadata_bytes: int = 2048  # the metadata object as compact UTF-8 JSON

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Limits":
        env = os.environ if env is None else env
        values = {}
        for variable, (field, default) in VARIABLES.items():
            raw = env.get(variable)
            if raw in (None, ""):
                continue
            try:
                number = float(raw)
                if not 0 <= number < math.inf:
                    raise ValueError
                value = type(default)(number)
            except ValueError:
                logger.warning("%s=%r is not a non-negative number; using %s", variable, raw, default)
                continue
            values[field] = value
        return cls(**values)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0  # seconds until the sender may send again
    repeated: bool = False  # refused before, with no message allowed since (a client may stay silent)

    @property
    def retry_after_header(self) -> str:
        return str(max(1, math.ceil(self.retry_after - EPSILON)))


class RateLimiter:
    """Token bucket per sender; `clock` (seconds, monotonic) can be injected for tests."""

    def __init__(self, per_minute: float = 30.0, burst: int = 20, max_senders: int = 100_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0  # tokens per second
        self.burst = max(1, int(burst))
        self.max_senders = max(1, int(max_senders))
        self.clock = clock
        self.refill_seconds = self.burst / self.rate if self.rate > 0 else 0.0
        # sender -> [tokens, time of last update, refused since last allowed]; oldest update first
        self._buckets: "OrderedDict[Hashable, list]" = OrderedDict()

    @classmethod
    def from_limits(cls, limits: Limits, clock: Callable[[], float] = time.monotonic) -> "RateLimiter":
        return cls(limits.per_minute, limits.burst, limits.max_senders, clock)

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def __len__(self) -> int:
        return len(self._buckets)

    async def acheck(self, sender: Hashable) -> Decision:
        """`check`, awaitable like the shared limiter's."""
        return self.check(sender)

    def check(self, sender: Hashable) -> Decision:
        """Take one message from the sender's bucket if there is one."""
        if not self.enabled:
            return Decision(True)
        now = self.clock()
        self._evict(now)
        bucket = self._buckets.pop(sender, None)
        if bucket is None:
            bucket = [float(self.burst), now, False]
        else:
            bucket[0] = min(float(self.burst), bucket[0] + max(0.0, now - bucket[1]) * self.rate)
            bucket[1] = now
        self._buckets[sender] = bucket  # most recently seen last
        if bucket[0] >= 1.0 - EPSILON:
            bucket[0] -= 1.0
            bucket[2] = False
            return Decision(True)
        repeated, bucket[2] = bucket[2], True
        return Decision(False, max(0.0, 1.0 - bucket[0]) / self.rate, repeated)

    def _evict(self, now: float) -> None:
        buckets = self._buckets
        while buckets:
            oldest_sender, oldest = next(iter(buckets.items()))
            if now - oldest[1] < self.refill_seconds and len(buckets) < self.max_senders:
                break
            del buckets[oldest_sender]  # full again (as good as unknown), or one too many


def rate_limiter_from_env(limits: Limits, env: Optional[Mapping[str, str]] = None):
    """The channels' limiter: shared in Redis when KYRA_REDIS_HOST is set (several replicas), else in process."""
    env = os.environ if env is None else env
    if not env.get("KYRA_REDIS_HOST"):
        return RateLimiter.from_limits(limits)
    from bot.scale.rate_limit import SharedRateLimiter

    return SharedRateLimiter(limits, env["KYRA_REDIS_HOST"], int(env.get("KYRA_REDIS_PORT") or 6379),
                             int(env.get("KYRA_RATE_REDIS_DB") or 2), env.get("KYRA_REDIS_PASSWORD") or None)
