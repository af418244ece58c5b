"""The per-sender rate limit shared by several Rasa replicas: bot/channels/limits.py's token bucket in Redis.

With one limiter per process, a sender whose messages round robin over N replicas could send N times the
limit. Here the bucket is one Redis hash per sender, updated by one Lua script (atomic, Redis' own clock), so
every replica takes from the same bucket. The key is a hash of the sender id (no id is stored in Redis) and
expires once the bucket would be full again, which is the same as no key. When Redis cannot be reached the
replica falls back to its own in-process limiter: limits stay, per replica, and no message is refused
because Redis is down.

Used by the REST and web channels when KYRA_REDIS_HOST is set (bot.channels.limits.rate_limiter_from_env):
KYRA_REDIS_HOST, KYRA_REDIS_PORT (6379), KYRA_REDIS_PASSWORD, KYRA_RATE_REDIS_DB (2; the lock uses db 1).
"""
import hashlib
import logging
import time
from typing import Hashable, Optional

from bot.channels.limits import EPSILON, Decision, Limits, RateLimiter

logger = logging.getLogger(__name__)

KEY_PREFIX = "kyra:rate:"
SOCKET_TIMEOUT_S = 1.0  # a slow Redis must not hold every message up: fall back to the local count
WARN_EVERY_S = 60.0

# KEYS: bucket. ARGV: tokens per ms, burst, epsilon. Returns {allowed, seconds to wait, repeated}.
BUCKET = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'refused')
local tokens, refused = burst, '0'
if state[1] then
  tokens = math.min(burst, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * rate)
  refused = state[3]
end
local allowed, wait, repeated = 0, 0, 0
if tokens >= 1 - tonumber(ARGV[3]) then
  tokens, refused, allowed = tokens - 1, '0', 1
else
  if refused == '1' then repeated = 1 end
  refused, wait = '1', (1 - tokens) / rate / 1000
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'refused', refused)
redis.call('PEXPIRE', KEYS[1], math.max(1000, math.ceil(burst / rate)))
return {allowed, tostring(wait), repeated}
"""


def bucket_key(sender: Hashable) -> str:
    return KEY_PREFIX + hashlib.sha256(str(sender).encode("utf-8", "replace")).hexdigest()[:32]


class SharedRateLimiter:
    """The token bucket of RateLimiter, kept in Redis for every replica; `acheck` as RateLimiter's."""

    def __init__(self, limits: Limits, host: str = "localhost", port: int = 6379, db: int = 2,
                 password: Optional[str] = None, socket_timeout: float = SOCKET_TIMEOUT_S) -> None:
        import redis.asyncio

        self.local = RateLimiter.from_limits(limits)  # while Redis cannot be reached
        self.rate_per_ms = limits.per_minute / 60_000.0
        self.burst = self.local.burst
        self.red = redis.asyncio.Redis(host=host, port=int(port), db=int(db), password=password or None,
                                       socket_timeout=socket_timeout, socket_connect_timeout=socket_timeout)
        self._bucket = self.red.register_script(BUCKET)
        self._warned_at = -WARN_EVERY_S

    @property
    def enabled(self) -> bool:
        return self.local.enabled

    async def acheck(self, sender: Hashable) -> Decision:
        """Take one message from the sender's shared bucket if there is one."""
        if not self.enabled:
            return Decision(True)
        try:
            allowed, wait, repeated = await self._bucket(keys=[bucket_key(sender)],
                                                         args=[repr(self.rate_per_ms), self.burst, EPSILON])
        except Exception as error:  # noqa: BLE001 - Redis down or slow: count in this process
            self._warn(error)
            return self.local.check(sender)
        return Decision(bool(int(allowed)), float(wait), bool(int(repeated)))

    def _warn(self, error: Exception) -> None:
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY_S:
            self._warned_at = now
            logger.warning("shared rate limit unavailable (%s); counting per replica", type(error).__name__)
