"""KYRA on two Rasa replicas behind nginx, with PostgreSQL and Redis from Debian's packages (`make test-scale`).

One stack for the module (it takes a minute or two to start); the tests run in file order, the destructive
ones last: load, bursts, the shared rate limit, nginx's spread, the action server killed and restarted, a
replica killed, logs.
"""
import asyncio
import itertools
import time
import uuid
from collections import Counter

import pytest

from bot.privacy.log_scan import scan_files
from scripts.scale_load import CONVERSATIONS, Turn, burst, check_conversation, client, converse, send
from scripts.scale_stack import ScaleStack, replica_index

SENT = set()  # every sender id and message text of the module, looked for in the logs at the end
CONCURRENT_CONVERSATIONS = 500
BURSTS = 100
HOTLINE = "900 10 50 90"  # deployment.yml's hotline (ES), in every language's static answer
STATIC_ES = "ahora mismo no puedo buscarlo"  # content/responses/es.yml utter_static_help
SPANISH_QUESTIONS = ["mi jefe tiene mi pasaporte y no me lo devuelve", "no me pagan el sueldo desde hace meses",
                     "mi jefe tiene mi pasaporte", "me obligan a trabajar sin pagarme"]
SENT.update(SPANISH_QUESTIONS, *CONVERSATIONS.values(), ["estoy en Francia", "estoy en España y mi jefe tiene mi pasaporte"])


@pytest.fixture(scope="module")
def stack(trained_model, tmp_path_factory):
    with ScaleStack(trained_model, tmp_path_factory.mktemp("scale")) as running:
        yield running


def run(coroutine):
    return asyncio.new_event_loop().run_until_complete(coroutine)


def new_sender() -> str:
    sender = uuid.uuid4().hex
    SENT.add(sender)
    return sender


def test_500_conversations_spread_over_both_replicas_lose_nothing(stack):
    """Turn k of conversation c goes to replica (c + k) % 2: every conversation moves between replicas."""
    languages = itertools.cycle(CONVERSATIONS)
    plans = {}
    for c in range(CONCURRENT_CONVERSATIONS):
        texts = CONVERSATIONS[next(languages)]
        plans[new_sender()] = [Turn(text, stack.replica_urls[(c + k) % 2]) for k, text in enumerate(texts)]

    async def main():
        async with client() as session:
            await asyncio.gather(*(converse(session, sender, turns) for sender, turns in plans.items()))

    run(main())
    unanswered = [(s, t.text, t.status) for s, turns in plans.items() for t in turns if not t.answered]
    assert not unanswered, unanswered[:5]
    stored = stack.events(list(plans))
    broken = {s: p for s in plans if (p := check_conversation(stored[s], [t.text for t in plans[s]]))}
    assert not broken, dict(itertools.islice(broken.items(), 5))


def test_bursts_on_different_replicas_keep_every_conversation_intact(stack):
    """100 conversations each get "help" "help" "please" at the same moment on replicas A, B, A."""
    senders = [new_sender() for _ in range(BURSTS)]
    a, b = stack.replica_urls[:2]

    async def main():
        async with client(256) as session:
            await asyncio.gather(*(send(session, s, Turn("hi", a)) for s in senders))
            bursts = [[Turn("help", a), Turn("help", b), Turn("please", a)] for _ in senders]
            await asyncio.gather(*(burst(session, s, turns) for s, turns in zip(senders, bursts)))
            return bursts

    bursts = run(main())
    assert all(t.answered for turns in bursts for t in turns)
    stored = stack.events(senders)
    intact = [s for s in senders if not check_conversation(stored[s], ["hi", "help", "help", "please"], ordered=False)]
    assert len(intact) == BURSTS, {s: check_conversation(stored[s], ["hi", "help", "help", "please"], ordered=False)
                                   for s in senders if s not in intact}


def test_one_sender_has_one_rate_limit_across_replicas(stack):
    """40 messages of one sender at once, alternating replicas: one bucket of KYRA_RATE_BURST (20) in Redis,
    not 20 on each replica (that would answer all 40); the refused get a 429 with a text. The bucket refills
    one message every 2 s: up to 4 more are let in if the replicas take a few seconds to check them all."""
    sender = new_sender()
    turns = [Turn("hola", stack.replica_urls[i % 2]) for i in range(40)]

    async def main():
        async with client() as session:
            await asyncio.gather(*(send(session, sender, turn) for turn in turns))

    run(main())
    statuses = Counter(turn.status for turn in turns)
    assert set(statuses) == {200, 429} and 20 <= statuses[200] <= 24, statuses
    assert all(turn.replies and turn.replies[0].get("text") for turn in turns if turn.status == 429)


def test_nginx_spreads_conversations_over_both_replicas(stack):
    plans = {new_sender(): [Turn(text, stack.url) for text in CONVERSATIONS["en"][:3]] for _ in range(40)}

    async def main():
        async with client() as session:
            await asyncio.gather(*(converse(session, s, turns) for s, turns in plans.items()))

    run(main())
    turns = [t for ts in plans.values() for t in ts]
    assert all(t.answered for t in turns)
    served = {replica_index(stack, t.upstream) for t in turns}
    assert served == {0, 1}
    stored = stack.events(list(plans))
    assert not [s for s in plans if check_conversation(stored[s], [t.text for t in plans[s]])]


def test_bad_bodies_through_nginx_get_a_reason_from_the_channel(stack):
    """nginx lets a little more than the channels' 64 KiB through, so the channel itself answers with a reason."""
    async def main():
        async with client() as session:
            answers = []
            for body in (b'{"sender": "x", "message": "' + b"a" * 70_000 + b'"}', b"not json", b"[1, 2]"):
                async with session.post(stack.url + "/webhooks/rest/webhook", data=body,
                                        headers={"Content-Type": "application/json"}) as response:
                    answers.append((response.status, response.headers.get("X-Kyra-Error"),
                                    await response.json(content_type=None)))
            return answers

    big, garbled, array = run(main())
    assert big[:2] == (413, "body_too_large") and big[2][0]["text"]  # the user is told, in their language
    assert (garbled[:2], garbled[2]["error"]) == ((400, "not_json"), "not_json")
    assert (array[:2], array[2]["error"]) == ((400, "not_an_object"), "not_an_object")


def test_action_server_killed_mid_load_then_restarted(stack):
    """Killed: every answer is still Spanish and gives the hotline. Restarted: the services card is back."""
    plans = {new_sender(): [Turn(q, stack.url) for q in SPANISH_QUESTIONS] for _ in range(30)}
    done, killed_at = [], []

    def after_turn():
        done.append(1)
        if len(done) == 30 and not killed_at:  # a quarter of the turns answered: kill it
            stack.kill_actions()
            killed_at.append(time.monotonic())

    async def main():
        async with client() as session:
            await asyncio.gather(*(converse(session, s, turns, after_turn) for s, turns in plans.items()))

    run(main())
    turns = [t for ts in plans.values() for t in ts]
    assert killed_at and all(t.answered for t in turns)
    after_kill = [t for t in turns if t.sent > killed_at[0]]
    assert len(after_kill) >= 60
    without_hotline = [t.text_of_replies() for t in after_kill
                       if HOTLINE not in t.text_of_replies() or STATIC_ES not in t.text_of_replies()]
    assert not without_hotline, without_hotline[:3]

    stack.start_actions()

    async def ask():
        async with client() as session:
            return await send(session, new_sender(), Turn("estoy en España y mi jefe tiene mi pasaporte", stack.url))

    answer = run(ask())
    cards = [r["custom"] for r in answer.replies if (r.get("custom") or {}).get("kyra") == "services"]
    assert cards and cards[0]["language"] == "es", answer.replies
    assert STATIC_ES not in answer.text_of_replies()


def test_a_replica_killed_mid_load_loses_no_conversation(stack):
    """Conversations say where they are, a replica dies, the next answers still know it (from PostgreSQL)."""
    senders = [new_sender() for _ in range(40)]
    first = {s: Turn("estoy en Francia", stack.url) for s in senders}
    later = {s: [Turn(q, stack.url) for q in SPANISH_QUESTIONS[:3]] for s in senders}
    done, killed = [], []

    def after_turn():
        done.append(1)
        if len(done) == 20 and not killed:
            stack.kill_replica(0)
            killed.append(time.monotonic())

    async def main():
        async with client() as session:
            await asyncio.gather(*(send(session, s, first[s]) for s in senders))
            await asyncio.gather(*(converse(session, s, later[s], after_turn) for s in senders))

    run(main())
    assert killed and all(t.answered for t in [*first.values(), *(t for ts in later.values() for t in ts)])
    for sender in senders:
        cards = [r["custom"] for t in later[sender] for r in t.replies
                 if (r.get("custom") or {}).get("kyra") == "services"]
        assert cards and all("Francia" in card["intro"] for card in cards), (sender, later[sender][-1].replies)
    stored = stack.events(senders)
    users = {s: [e["text"] for e in stored[s] if e["event"] == "user"] for s in senders}
    assert all(u[0] == "estoy en Francia" and set(u[1:]) <= set(SPANISH_QUESTIONS) for u in users.values())


def test_erasure_on_request_through_nginx_removes_the_conversation_from_postgresql(stack):
    """The user's "forget me" (Telegram /forget, the widget's delete) and a caseworker's request."""
    users_choice, caseworkers_case = new_sender(), new_sender()

    async def main():
        async with client() as session:
            for sender in (users_choice, caseworkers_case):
                assert (await send(session, sender, Turn("mi jefe tiene mi pasaporte", stack.url))).answered
            assert all(stack.events([users_choice, caseworkers_case]).values())
            forget = await session.post(stack.url + "/webhooks/privacy/forget", json={"sender": users_choice})
            erase = await session.post(stack.url + "/webhooks/caseworker/erase", json={"sender": caseworkers_case},
                                       headers={"Authorization": f"Bearer {stack.caseworker_token}"})
            wrong = await session.post(stack.url + "/webhooks/caseworker/erase", json={"sender": users_choice},
                                       headers={"Authorization": "Bearer wrong"})
            return forget.status, await forget.json(), erase.status, await erase.json(), wrong.status

    forget_status, forgotten, erase_status, erased, wrong_status = run(main())
    assert (forget_status, forgotten["erased"]) == (200, True)
    assert (erase_status, erased["erased"]) == (200, True) and erased["events"] > 0
    assert wrong_status == 401
    assert stack.events([users_choice, caseworkers_case]) == {users_choice: [], caseworkers_case: []}


def test_purge_with_the_production_endpoints_empties_postgresql(stack, tmp_path):
    """`scripts.purge` against deploy/endpoints-scale.yml (PostgreSQL, KYRA's Redis lock), retention 0 days."""
    import subprocess
    import sys

    from bot import ROOT

    before = stack.events(sorted(SENT))
    assert sum(map(len, before.values())) > 0
    done = subprocess.run([sys.executable, "-m", "scripts.purge", "--days", "0", "--endpoints", str(stack.endpoints),
                           "--cases", str(tmp_path / "cases.db")], cwd=ROOT, env=stack.env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert sum(map(len, stack.events(sorted(SENT)).values())) == 0
    assert not [s for s in SENT if len(s) >= 4 and s in done.stdout + done.stderr]


def test_no_log_holds_message_text_or_ids(stack):
    """Rasa replicas, action server, nginx (access and error), PostgreSQL and Redis logs."""
    logs = stack.log_files()
    assert len(logs) >= 6 and all(path.exists() for path in logs)
    leaks = scan_files(logs, sorted(s for s in SENT if len(s) >= 4))
    assert not leaks, [f"{path}: {finding}" for path, finding in leaks[:10]]
