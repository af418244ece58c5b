"""A conversation lock for several Rasa replicas: atomic in Redis, and a waiting message is let in promptly.

Rasa's open-source RedisLockStore reads the lock, adds a ticket and writes the lock back in three steps, so
two replicas receiving messages of the same conversation at the same moment can both issue the same ticket
and process the conversation at once (events lost or doubled); a waiting message polls once a second.
Here each step is one Lua script, run atomically by Redis:

  issue    INCR a per-conversation counter and queue the ticket (score = ticket number) with its deadlines
  try      drop dead tickets, renew the caller's lease; the caller holds the lock when its ticket is the
           lowest one left
  release  remove the ticket

First come, first served, as in Rasa. A ticket dies at the first of two deadlines: Rasa's `lock_lifetime`
(TICKET_LOCK_LIFETIME, default 60 s) after it was issued, or its lease (KYRA_LOCK_LEASE, default 10 s),
which the holder renews every quarter lease and a waiter at each poll. So a replica that crashed holding a
conversation blocks it for one lease, not a minute. The time is Redis' own clock, so replicas' clocks need
not agree. A waiting message polls every 5 ms at first, backing off to 50 ms.

endpoints.yml:
  lock_store:
    type: bot.scale.lock_store.AtomicRedisLockStore
    url: <redis host>
    port: 6379
    password: ...
    db: 1
    lease: 10        # seconds (optional)
"""
import asyncio
import logging
import os
import random
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

KEY_PREFIX = "kyra:lock:"
FIRST_POLL_S, LAST_POLL_S = 0.005, 0.05
LEASE_S = float(os.environ.get("KYRA_LOCK_LEASE", 0)) or 10.0
SOCKET_TIMEOUT_S = 10

_NOW_MS = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "

# A queue entry is "<ticket>:<hard deadline>:<lease deadline>" (ms, Redis clock), scored by ticket number.
# KEYS: queue, counter. ARGV: lifetime ms, lease ms. Returns the ticket number.
ISSUE = _NOW_MS + """
local ticket = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], ticket, ticket .. ':' .. (now + tonumber(ARGV[1])) .. ':' .. (now + tonumber(ARGV[2])))
local keep = 2 * tonumber(ARGV[1])
redis.call('PEXPIRE', KEYS[1], keep)
redis.call('PEXPIRE', KEYS[2], keep)
return ticket
"""

# KEYS: queue. ARGV: ticket, lease ms. Drops dead tickets, renews the caller's lease.
# Returns 1 (the caller holds the lock), 0 (someone is ahead), -1 (the caller's ticket is gone).
TRY = _NOW_MS + """
local mine, hard = nil, nil
for _, entry in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local ticket, until_hard, until_lease = string.match(entry, '^(%d+):(%d+):(%d+)$')
  if math.min(tonumber(until_hard), tonumber(until_lease)) <= now then
    redis.call('ZREM', KEYS[1], entry)
  elseif ticket == ARGV[1] then
    mine, hard = entry, until_hard
  end
end
if not mine then return -1 end
local renewed = ARGV[1] .. ':' .. hard .. ':' .. (now + tonumber(ARGV[2]))
redis.call('ZREM', KEYS[1], mine)
redis.call('ZADD', KEYS[1], tonumber(ARGV[1]), renewed)
local head = redis.call('ZRANGE', KEYS[1], 0, 0)
if head[1] == renewed then return 1 end
return 0
"""

# KEYS: queue. ARGV: ticket.
RELEASE = "return redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1])"


class AtomicRedisLockStore(LockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, host: Text = "localhost", port: int = 6379,
                 db: int = 1, password: Optional[Text] = None, username: Optional[Text] = None,
                 key_prefix: Text = KEY_PREFIX, lease_s: float = LEASE_S, **redis_kwargs: Any) -> None:
        if endpoint_config is not None:
            settings = dict(endpoint_config.kwargs)
            host = endpoint_config.url or host
            port, db = settings.pop("port", port), settings.pop("db", db)
            password, username = settings.pop("password", password), settings.pop("username", username)
            key_prefix = settings.pop("key_prefix", key_prefix)
            lease_s = float(settings.pop("lease", lease_s))
            redis_kwargs.update(settings)
        import redis.asyncio

        redis_kwargs.setdefault("socket_timeout", SOCKET_TIMEOUT_S)
        self.red = redis.asyncio.Redis(host=host, port=int(port), db=int(db), password=password or None,
                                       username=username or None, **redis_kwargs)
        self.key_prefix = key_prefix
        self.lease_s = lease_s
        self._issue = self.red.register_script(ISSUE)
        self._try = self.red.register_script(TRY)
        self._release = self.red.register_script(RELEASE)
        super().__init__()

    def _keys(self, conversation_id: Text) -> tuple:
        queue = self.key_prefix + conversation_id
        return queue, queue + ":next"

    async def issue(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        args = [int(lock_lifetime * 1000), int(self.lease_s * 1000)]
        return int(await self._issue(keys=list(self._keys(conversation_id)), args=args))

    async def try_acquire(self, conversation_id: Text, ticket: int) -> int:
        """1: the caller holds the lock; 0: someone is ahead; -1: the ticket expired. Renews the lease."""
        return int(await self._try(keys=[self._keys(conversation_id)[0]], args=[ticket, int(self.lease_s * 1000)]))

    async def _keep_alive(self, conversation_id: Text, ticket: int) -> None:
        """While the lock is held: renew the lease, so only a dead holder loses it."""
        while True:
            await asyncio.sleep(self.lease_s / 4)
            if await self.try_acquire(conversation_id, ticket) != 1:
                logger.warning("a conversation lock expired while held (lock lifetime reached)")
                return

    async def release(self, conversation_id: Text, ticket: int) -> None:
        await self._release(keys=[self._keys(conversation_id)[0]], args=[ticket])

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = LAST_POLL_S) -> AsyncGenerator[TicketLock, None]:
        """Hold the conversation's lock; raises LockError when the ticket expired while waiting."""
        try:
            ticket = await self.issue(conversation_id, lock_lifetime)
        except Exception as error:  # Redis unreachable: say so the way Rasa's lock stores do
            raise LockError(f"Error while acquiring lock: {type(error).__name__}") from error
        try:
            pause = FIRST_POLL_S
            while True:
                state = await self.try_acquire(conversation_id, ticket)
                if state == 1:
                    break
                if state == -1:
                    raise LockError("Could not acquire the conversation lock before it expired.")
                await asyncio.sleep(pause * random.uniform(0.8, 1.2))
                pause = min(pause * 2, min(LAST_POLL_S, wait_time_in_seconds))
            keep_alive = asyncio.ensure_future(self._keep_alive(conversation_id, ticket))
            try:
                yield TicketLock(conversation_id)
            finally:
                keep_alive.cancel()
        finally:
            try:
                await self.release(conversation_id, ticket)
            except Exception as error:  # the ticket then expires by itself after lock_lifetime
                logger.warning("could not release a conversation lock (%s)", type(error).__name__)

    # Rasa's synchronous ticket API is not used by Rasa itself when lock() is overridden; keep it unusable
    # rather than half-working.
    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        raise NotImplementedError("AtomicRedisLockStore: use lock()")

    def save_lock(self, lock: TicketLock) -> None:
        raise NotImplementedError("AtomicRedisLockStore: use lock()")

    def delete_lock(self, conversation_id: Text) -> None:
        raise NotImplementedError("AtomicRedisLockStore: use lock()")
