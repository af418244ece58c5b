"""The front end end to end against a fake Bot API and a fake Rasa server (offline, 127.0.0.1 only)."""
import asyncio
import json
import logging

import pytest

from bot.language.languages import native_name, supported
from bot.privacy.pseudonym import pseudonym
from bot.telegram.app import quiet_libraries, set_commands
from bot.telegram.fake_api import TOKEN
from bot.telegram.texts import BotTexts
from tests.telegram.fake_rasa import FakeRasa
from tests.telegram.helpers import CHAT_ID, SENDER_KEY, load_update, run, running

TEXTS = BotTexts()
SENDER = pseudonym(SENDER_KEY, "telegram", CHAT_ID)
NOT_TEXT = ["photo", "voice", "sticker", "document", "contact", "location", "video"]


async def with_fakes(scenario, rasa_delay=0.0, **options):
    rasa = await FakeRasa(delay=rasa_delay).start()
    try:
        async with running(rasa.url, **options) as bot:
            return await scenario(bot, rasa)
    finally:
        await rasa.stop()


def test_text_goes_to_rasa_under_a_pseudonym_and_the_answer_comes_back():
    async def scenario(bot, rasa):
        await bot.feed(load_update("text"))
        [sent] = rasa.messages
        assert sent["sender"] == SENDER and str(CHAT_ID) not in json.dumps(sent)
        assert sent["message"] == "Hola, mi jefe tiene mi pasaporte"
        assert sent["metadata"] == {"channel": "telegram", "language_hint": "es"}
        assert bot.sent() == ["eco: Hola, mi jefe tiene mi pasaporte"]
        [message] = bot.api.of("sendMessage")
        assert message.params["parse_mode"] == "HTML"
    run(with_fakes(scenario))


def test_typing_is_shown_while_rasa_takes_its_time():
    async def scenario(bot, rasa):
        await bot.feed(load_update("text"))
        [typing] = bot.api.of("sendChatAction", CHAT_ID)
        [message] = bot.api.of("sendMessage")
        assert typing.params["action"] == "typing" and typing.at < message.at
    run(with_fakes(scenario, rasa_delay=0.6))


def test_edited_message_is_answered_too():
    async def scenario(bot, rasa):
        await bot.feed(load_update("edited_text"))
        assert bot.sent() == ["eco: Hola, mi jefe tiene mi pasaporte!"]
    run(with_fakes(scenario))


def test_html_in_answers_is_escaped():
    async def scenario(bot, rasa):
        await bot.feed(load_update("text", text="<b>hi</b> & bye"))
        assert bot.sent() == ["eco: &lt;b&gt;hi&lt;/b&gt; &amp; bye"]
    run(with_fakes(scenario))


def test_start_with_a_campaign_payload():
    async def scenario(bot, rasa):
        await bot.feed(load_update("start_campaign", language_code="en"))
        await bot.feed(load_update("text", language_code="en"))
        greet, text = rasa.messages
        assert greet["message"] == "/greet"
        assert greet["metadata"] == {"channel": "telegram", "language_hint": "en", "campaign": "poster-madrid",
                                     "language": "es"}
        assert text["metadata"] == {"channel": "telegram", "language_hint": "en", "campaign": "poster-madrid"}
    run(with_fakes(scenario))


@pytest.mark.parametrize("payload", ["unknown_campaign", "bad%20payload", "x" * 65])
def test_start_with_any_other_payload_starts_normally(payload):
    async def scenario(bot, rasa):
        await bot.feed(load_update("start", text=f"/start {payload}"))
        assert rasa.messages[0]["message"] == "/greet"
        assert rasa.messages[0]["metadata"] == {"channel": "telegram", "language_hint": "es"}
        assert bot.sent() == ["Hola, soy KYRA."]
    run(with_fakes(scenario))


def test_buttons_become_short_callbacks_and_a_press_sends_the_full_payload():
    async def scenario(bot, rasa):
        await bot.feed(load_update("text", text="botones"))
        [message] = bot.api.of("sendMessage")
        keyboard = message.params["reply_markup"]["inline_keyboard"]
        buttons = [b for row in keyboard for b in row]
        assert [b["text"] for b in buttons] == ["Sí", "Nepali"]
        assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
        press = load_update("callback", data=buttons[1]["callback_data"])
        press["callback_query"]["message"].update(message_id=10001, text="¿Quieres que busque un servicio?")
        await bot.feed(press)
        assert [c.params["callback_query_id"] for c in bot.api.of("answerCallbackQuery")] == ["4382bfdwdsb323b2d9"]
        [edit] = bot.api.of("editMessageText")
        assert edit.params["text"] == "¿Quieres que busque un servicio?\n\n✓ <b>Nepali</b>"
        assert "reply_markup" not in edit.params  # the keyboard is gone
        assert rasa.messages[-1]["message"] == '/choose_language{"language_choice": "ne", "note": "' + "x" * 80 + '"}'
    run(with_fakes(scenario))


def test_an_unknown_button_is_answered():
    async def scenario(bot, rasa):
        await bot.feed(load_update("callback", data="b:999"))
        [answer] = bot.api.of("answerCallbackQuery")
        assert answer.params["text"] == TEXTS.get("button_expired", "es")
        assert not rasa.messages
    run(with_fakes(scenario))


def test_a_6000_character_answer_is_split():
    async def scenario(bot, rasa):
        await bot.feed(load_update("text", text="largo"))
        parts = bot.sent()
        assert len(parts) == 2 and all(len(p) <= 4096 for p in parts)
        assert sum(len(p) for p in parts) > 5500
        assert all(p.startswith("Tienes derecho") for p in parts)  # cut at a paragraph boundary
    run(with_fakes(scenario))


def test_services_card_with_url_buttons():
    async def scenario(bot, rasa):
        await bot.feed(load_update("text", text="servicios"))
        intro, card = bot.api.of("sendMessage")
        assert intro.params["text"] == "Aquí tienes ayuda:"
        assert "+34900105090" in card.params["text"]
        urls = [b["url"] for row in card.params["reply_markup"]["inline_keyboard"] for b in row]
        assert urls == ["https://www.policia.es", "https://wa.me/97460060601", "https://twitter.com/policia"]
    run(with_fakes(scenario))


@pytest.mark.parametrize("kind", NOT_TEXT)
def test_non_text_gets_the_localized_note_and_nothing_is_downloaded(kind):
    async def scenario(bot, rasa):
        await bot.feed(load_update(kind))
        assert bot.sent() == [TEXTS.get("text_only", "es")]
        assert not bot.api.of("getFile") and not bot.api.of("download")
        assert not rasa.messages  # nothing of it reaches the server
    run(with_fakes(scenario))


def test_non_text_note_follows_the_conversation_language():
    async def scenario(bot, rasa):
        rasa.languages[SENDER] = "ne"
        await bot.feed(load_update("photo"))
        assert bot.sent() == [TEXTS.get("text_only", "ne")]
    run(with_fakes(scenario))


def test_rasa_down_still_gives_the_hotline():
    async def scenario(bot):
        await bot.feed(load_update("text"))
        [answer] = bot.sent()
        assert answer.startswith(TEXTS.get("unavailable", "es")) and "+34900105090" in answer and "112" in answer
    run(_rasa_down(scenario))


async def _rasa_down(scenario):
    async with running("http://127.0.0.1:9") as bot:  # nothing listens on port 9
        await scenario(bot)


@pytest.mark.parametrize("message", ["error", "vacío"])
def test_rasa_error_or_empty_answer(message):
    async def scenario(bot, rasa):
        await bot.feed(load_update("text", text=message))
        [answer] = bot.sent()
        assert "+34900105090" in answer
    run(with_fakes(scenario))


def test_error_handler_answers_and_logs_only_the_type(caplog):
    quiet_libraries()

    async def scenario(bot, rasa):
        async def broken(update, text, metadata=None):
            raise ValueError(f"secret user text {text}")
        bot.frontend.converse = broken
        with caplog.at_level(logging.DEBUG):
            await bot.feed(load_update("text", text="mi secreto"))
        [answer] = bot.sent()
        assert answer.startswith(TEXTS.get("error", "es")) and "+34900105090" in answer
    run(with_fakes(scenario))
    logged = caplog.text
    assert "ValueError" in logged and "secreto" not in logged and str(CHAT_ID) not in logged


def test_language_picker_and_choice():
    async def scenario(bot, rasa):
        await bot.feed(load_update("command_language"))
        [picker] = bot.api.of("sendMessage")
        assert picker.params["text"] == TEXTS.get("language_prompt", "es")
        buttons = [b for row in picker.params["reply_markup"]["inline_keyboard"] for b in row]
        assert [b["text"] for b in buttons] == [native_name(c) for c in supported()]
        nepali = next(b for b in buttons if b["text"] == native_name("ne"))
        press = load_update("callback", data=nepali["callback_data"])
        press["callback_query"]["message"].update(message_id=10001, text=picker.params["text"])
        await bot.feed(press)
        assert rasa.messages[-1]["message"] == '/choose_language{"language_choice":"ne"}'
        assert rasa.messages[-1]["metadata"]["language"] == "ne"
        assert bot.api.of("editMessageText")[0].params["text"].endswith(f"✓ <b>{native_name('ne')}</b>")
        assert len(bot.api.of("answerCallbackQuery")) == 1
        await bot.feed(load_update("command_language", text="/language ne"))  # the same, typed
        assert rasa.messages[-1]["message"] == '/choose_language{"language_choice":"ne"}'
        await bot.feed(load_update("text"))
        assert bot.frontend.local_language(CHAT_ID, None) == "ne"
    run(with_fakes(scenario))


def test_help_and_privacy_in_the_conversation_language():
    async def scenario(bot, rasa):
        rasa.languages[SENDER] = "bn"
        await bot.feed(load_update("command_help"))
        await bot.feed(load_update("command_privacy"))
        await bot.feed(load_update("command_help", text="/nonsense"))
        help_text, privacy, unknown = bot.sent()
        assert help_text.startswith(TEXTS.get("help", "bn").split("\n")[0]) and "+34900105090" in help_text
        assert privacy == TEXTS.get("privacy", "bn")
        assert unknown == help_text
    run(with_fakes(scenario))


def test_forget_erases_on_the_server_and_deletes_recent_messages():
    async def scenario(bot, rasa):
        await bot.feed(load_update("text", text="botones"))
        await bot.feed(load_update("text", text="servicios"))
        forget = load_update("command_forget")
        await bot.feed(forget)
        assert rasa.forgotten == [SENDER] and rasa.forget_headers == ["Bearer s3cret"]
        deleted = [i for call in bot.api.of("deleteMessages") for i in call.params["message_ids"]]
        sent_ids = [10001, 10002, 10003]  # the fake API numbers the bot's messages from 10001
        assert set(deleted) == {42, forget["message"]["message_id"], *sent_ids}
        assert bot.sent()[-1] == TEXTS.get("forget_done", "es")
        assert bot.frontend.states.get(CHAT_ID).callbacks == {}  # buttons of the old conversation are gone
    run(with_fakes(scenario, privacy_token="s3cret"))


def test_group_commands_get_the_private_chat_note():
    async def scenario(bot, rasa):
        await bot.feed(load_update("group_command"))
        assert bot.api.texts(-1001234567890) == [TEXTS.get("private_only", "es")]
        assert not rasa.messages
    run(with_fakes(scenario))


def test_command_menus_in_every_language():
    async def scenario(bot, rasa):
        await set_commands(bot.app)
        calls = bot.api.of("setMyCommands")
        assert [c.params.get("language_code") for c in calls] == [None, *supported()]
        spanish = next(c for c in calls if c.params.get("language_code") == "es")
        assert [c["command"] for c in spanish.params["commands"]] == ["start", "help", "language", "privacy", "forget"]
        assert spanish.params["commands"][4]["description"] == TEXTS.get("command.forget", "es")
    run(with_fakes(scenario))


def test_sending_is_paced_per_chat():
    async def scenario(bot, rasa):
        for _ in range(2):
            await bot.feed(load_update("text", text="servicios"))  # 2 messages a turn
        times = [c.at for c in bot.api.of("sendMessage")]
        assert times[3] - times[0] >= 0.1  # burst of 3, then one every 0.1 s
    run(with_fakes(scenario, chat_interval=0.1))


def test_one_chat_stays_in_order_while_chats_run_side_by_side():
    async def scenario(bot, rasa):
        await asyncio.gather(*(bot.feed(load_update("text", text=f"m{i}", chat_id=1000 + i % 3)) for i in range(9)))
        for chat in range(3):
            assert bot.api.texts(1000 + chat) == [f"eco: m{i}" for i in range(9) if i % 3 == chat]
    run(with_fakes(scenario, rasa_delay=0.05))


def test_no_ids_text_or_token_in_logs(caplog):
    quiet_libraries()  # as `python -m bot.telegram` sets them up

    async def scenario(bot, rasa):
        with caplog.at_level(logging.DEBUG):
            for name in ("text", "photo", "command_forget"):
                await bot.feed(load_update(name))
    run(with_fakes(scenario))
    logged = caplog.text
    assert str(CHAT_ID) not in logged and "pasaporte" not in logged and TOKEN not in logged
    assert SENDER not in logged
