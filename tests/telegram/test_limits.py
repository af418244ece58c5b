"""Abuse and bad input on the Telegram side: per-chat rate and size limits with localized notes, the REST
channel's refusals passed on, malformed webhook bodies refused with a 4xx (docs/limits.md)."""
import json
import logging

import httpx
import pytest

from bot.channels.limits import Limits, RateLimiter
from bot.channels.replies import SLOW_DOWN, TOO_LONG, limit_text
from bot.telegram.app import quiet_libraries
from bot.telegram.fake_api import TOKEN
from bot.telegram.webhook import MAX_BODY, SECRET_HEADER, WebhookServer
from tests.channels.helpers import Clock
from tests.telegram.fake_rasa import FakeRasa
from tests.telegram.helpers import CHAT_ID, load_update, run, running
from tests.telegram.test_bot import SENDER, with_fakes


def test_a_too_long_text_gets_a_note_in_the_users_language_and_never_reaches_rasa():
    async def scenario(bot, rasa):
        await bot.feed(load_update("text", text="hola " * 11))  # 55 characters; Telegram says Spanish
        await bot.feed(load_update("text", text="x" * 50))
        assert bot.sent() == [limit_text(TOO_LONG, "es", 50), "eco: " + "x" * 50]
        assert [m["message"] for m in rasa.messages] == ["x" * 50]
        bot.frontend.states.get(CHAT_ID).language = "ar"  # the conversation language wins
        await bot.feed(load_update("text", text="my boss keeps my passport and will not give it back to me"))
        assert bot.sent()[-1] == limit_text(TOO_LONG, "ar", 50)
    run(with_fakes(scenario, limits=Limits(max_message_chars=50)))


def test_without_a_known_language_the_text_decides():
    async def scenario(bot, rasa):
        await bot.feed(load_update("text", text="मेरा मालिक मेरा पासपोर्ट नहीं लौटा रहा है " * 3, language_code=None))
        assert bot.sent() == [limit_text(TOO_LONG, "hi", 40)]
    run(with_fakes(scenario, limits=Limits(max_message_chars=40)))


def test_a_fast_chat_is_told_once_to_slow_down_then_may_write_again():
    clock = Clock()

    async def scenario(bot, rasa):
        bot.frontend.limiter = RateLimiter(per_minute=6, burst=2, clock=clock)
        for i in range(5):
            await bot.feed(load_update("text", text=f"m{i}"))
        await bot.feed(load_update("text", text="hello", chat_id=CHAT_ID + 1))  # another chat: its own limit
        assert bot.sent() == ["eco: m0", "eco: m1", limit_text(SLOW_DOWN, "es", 2000)]  # one note, not three
        clock.now += 10
        await bot.feed(load_update("text", text="m5"))
        assert bot.sent()[-1] == "eco: m5"
        assert [m["message"] for m in rasa.messages] == ["m0", "m1", "hello", "m5"]
    run(with_fakes(scenario))


def test_the_rest_channels_refusal_is_shown_not_taken_for_an_outage():
    async def scenario(bot, rasa):
        await bot.feed(load_update("text", text="despacio"))
        assert bot.sent() == ["Vas muy rápido."]
    run(with_fakes(scenario))


def test_refusals_log_no_text_or_ids(caplog):
    quiet_libraries()  # as `python -m bot.telegram` sets them up

    async def scenario(bot, rasa):
        bot.frontend.limiter = RateLimiter(per_minute=1, burst=1, clock=Clock())
        with caplog.at_level(logging.DEBUG):
            for _ in range(3):
                await bot.feed(load_update("text", text="pasaporte X123 " * 10))
    run(with_fakes(scenario, limits=Limits(max_message_chars=100)))
    assert "X123" not in caplog.text and str(CHAT_ID) not in caplog.text and SENDER not in caplog.text
    assert TOKEN not in caplog.text and "text refused" in caplog.text


async def with_webhook(scenario):
    rasa = await FakeRasa().start()
    try:
        async with running(rasa.url, start=True) as bot:
            server = WebhookServer(bot.app, "s3cret", "/telegram", "127.0.0.1", 0)
            port = await server.start()
            try:
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                    return await scenario(bot, client)
            finally:
                await server.stop()
    finally:
        await rasa.stop()


MALFORMED = [b"", b"\xff\xfe", b"[1, 2]", b'"text"', b"null", b"[" * 100_000, b'{"update_id": true}',
             b'{"update_id": 1.5}', b'{"update_id": 7, "message": "hola"}', b'{"update_id": 8, "message": {"chat": 5}}',
             json.dumps({"update_id": 9, "message": {"message_id": "x", "date": "ayer", "chat": {"id": 1}}}).encode()]


@pytest.mark.parametrize("body", MALFORMED)
def test_malformed_webhook_bodies_get_a_400(body):
    async def scenario(bot, client):
        response = await client.post("/telegram", content=body, headers={SECRET_HEADER: "s3cret"})
        assert response.status_code == 400
        good = await client.post("/telegram", json=load_update("text"), headers={SECRET_HEADER: "s3cret"})
        assert good.status_code == 200  # and the server still works
    run(with_webhook(scenario))


def test_too_large_a_webhook_body_gets_a_413():
    async def scenario(bot, client):
        response = await client.post("/telegram", content=b"{" + b" " * MAX_BODY + b"}", headers={SECRET_HEADER: "s3cret"})
        assert response.status_code == 413
    run(with_webhook(scenario))
