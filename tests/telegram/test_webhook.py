"""Webhook mode (secret token, fast answers, duplicate update ids) and polling mode, against the fakes."""
import asyncio

import httpx

from bot.telegram.webhook import SECRET_HEADER, WebhookServer
from tests.telegram.fake_rasa import FakeRasa
from tests.telegram.helpers import CHAT_ID, load_update, run, running

SECRET = "webhook-secret_123"


async def with_webhook(scenario):
    rasa = await FakeRasa(delay=0.2).start()
    try:
        async with running(rasa.url, start=True) as bot:
            server = WebhookServer(bot.app, SECRET, "/telegram", "127.0.0.1", 0)
            port = await server.start()
            try:
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                    return await scenario(bot, rasa, client)
            finally:
                await server.stop()
    finally:
        await rasa.stop()


def test_good_secret_is_accepted_and_answered_before_the_work_is_done():
    async def scenario(bot, rasa, client):
        response = await client.post("/telegram", json=load_update("text"), headers={SECRET_HEADER: SECRET})
        assert response.status_code == 200
        assert not bot.sent()  # Rasa takes 0.2 s: the webhook answered first
        await bot.api.wait_for(lambda api: api.texts(CHAT_ID))
        assert bot.sent() == ["eco: Hola, mi jefe tiene mi pasaporte"]
    run(with_webhook(scenario))


def test_missing_or_wrong_secret_is_refused():
    async def scenario(bot, rasa, client):
        update = load_update("text")
        assert (await client.post("/telegram", json=update)).status_code == 403
        assert (await client.post("/telegram", json=update, headers={SECRET_HEADER: "wrong"})).status_code == 403
        assert (await client.post("/telegram", json=update, headers={SECRET_HEADER: SECRET + "x"})).status_code == 403
        assert (await client.post("/telegram", json=update, headers={SECRET_HEADER: "ünïcode".encode()})).status_code == 403
        await asyncio.sleep(0.3)
        assert not rasa.messages and not bot.sent()
    run(with_webhook(scenario))


def test_bad_body_is_refused():
    async def scenario(bot, rasa, client):
        headers = {SECRET_HEADER: SECRET}
        assert (await client.post("/telegram", content=b"not json", headers=headers)).status_code == 400
        assert (await client.post("/telegram", json={"update_id": "1"}, headers=headers)).status_code == 400
        assert (await client.post("/other", json=load_update("text"), headers=headers)).status_code in (404, 405)
    run(with_webhook(scenario))


def test_a_retried_update_is_processed_once():
    async def scenario(bot, rasa, client):
        update = load_update("text", update_id=555)
        statuses = [(await client.post("/telegram", json=update, headers={SECRET_HEADER: SECRET})).status_code
                    for _ in range(3)]
        assert statuses == [200, 200, 200]
        await bot.api.wait_for(lambda api: api.texts(CHAT_ID))
        await asyncio.sleep(0.4)
        assert len(rasa.messages) == 1 and len(bot.sent()) == 1
    run(with_webhook(scenario))


def test_polling_mode_answers_updates_from_get_updates(monkeypatch):
    monkeypatch.setenv("KYRA_SENDER_KEY", "test-key")  # not the project's .kyra/sender.key
    from bot.telegram.app import build_application
    from bot.telegram.fake_api import TOKEN, FakeBotAPI
    from bot.telegram.settings import Settings

    async def scenario():
        rasa = await FakeRasa().start()
        api = await FakeBotAPI().start()
        settings = Settings(token=TOKEN, base_url=api.base_url, rasa_url=rasa.url, chat_interval=0, global_rate=0)
        app = build_application(settings)
        try:
            async with app:
                await app.start()
                await app.updater.start_polling(poll_interval=0.0, timeout=1)
                api.queue_update(load_update("text"))
                api.queue_update(load_update("photo"))
                await api.wait_for(lambda a: len(a.texts(CHAT_ID)) == 2)
                await app.updater.stop()
                await app.stop()
        finally:
            await app.bot_data["kyra"].rasa.close()
            await api.stop()
            await rasa.stop()
        assert api.texts(CHAT_ID)[0] == "eco: Hola, mi jefe tiene mi pasaporte"
        assert [c.method for c in api.calls][:2] == ["getMe", "deleteWebhook"]
    run(scenario())
