"""The Telegram front end against the REAL Rasa server (the `kyra_server` fixture) and the fake Bot API."""
import json
import sqlite3
import urllib.request

import pytest

from bot.content.catalog import Catalogs
from bot.content.profile import load_profile
from bot.content.render import Renderer
from bot.language.languages import native_name
from bot.privacy.pseudonym import pseudonym
from bot.telegram.render import render_text
from tests.telegram.helpers import SENDER_KEY, load_update, run, running

RENDERER = Renderer(Catalogs(), load_profile())


def expected(key: str, language: str) -> str:
    """A response as the Telegram side should show it (phones in E.164, escaped)."""
    return render_text(RENDERER.render(key, language), load_profile().country)[0].html


def button_titles(key: str, language: str) -> list:
    return [b["title"] for b in RENDERER.render(key, language).get("buttons", [])]


def keyboard(call) -> list:
    return [b for row in (call.params.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


def press(call, title: str, chat_id: int) -> dict:
    button = next(b for b in keyboard(call) if b["text"] == title)
    update = load_update("callback", chat_id=chat_id, data=button["callback_data"])
    update["callback_query"]["message"].update(message_id=call.result_id, text=call.params["text"])
    return update


def last_message(bot, chat_id):
    call = bot.api.of("sendMessage", chat_id)[-1]
    call.result_id = 10_000 + bot.api.of("sendMessage").index(call) + 1  # the fake numbers messages in order
    return call


def tracker(server: str, sender: str) -> dict:
    with urllib.request.urlopen(f"{server}/conversations/{sender}/tracker", timeout=30) as response:
        return json.loads(response.read())


def test_spanish_message_buttons_and_a_press(kyra_server):
    chat = 810000001

    async def scenario():
        async with running(kyra_server) as bot:
            await bot.feed(load_update("text", chat_id=chat, text="Hola, buenos días"))
            greeting = last_message(bot, chat)
            assert greeting.params["text"] == expected("utter_greet", "es")
            assert [b["text"] for b in keyboard(greeting)] == button_titles("utter_greet", "es")
            await bot.feed(press(greeting, button_titles("utter_greet", "es")[0], chat))  # "Menú"
            assert bot.api.of("answerCallbackQuery")
            assert bot.api.of("editMessageText")[-1].params["text"].endswith("✓ <b>Menú</b>")
            menu = last_message(bot, chat)
            assert menu.params["text"] == expected("utter_menu", "es")
            assert [b["text"] for b in keyboard(menu)] == button_titles("utter_menu", "es")
    run(scenario())


@pytest.mark.parametrize("how", ["typed", "picked"])
def test_nepali_from_then_on(kyra_server, how):
    chat = 810000002 if how == "typed" else 810000003

    async def scenario():
        async with running(kyra_server) as bot:
            await bot.feed(load_update("text", chat_id=chat, text="Hola, buenos días"))
            if how == "typed":
                await bot.feed(load_update("command_language", chat_id=chat, text="/language ne"))
            else:
                await bot.feed(load_update("command_language", chat_id=chat))
                await bot.feed(press(last_message(bot, chat), native_name("ne"), chat))
            assert bot.api.texts(chat)[-1] == expected("utter_language_set", "ne")
            await bot.feed(load_update("text", chat_id=chat, text="menu"))
            assert bot.api.texts(chat)[-1] == expected("utter_menu", "ne")
            await bot.feed(load_update("text", chat_id=chat, text="hola"))
            assert bot.api.texts(chat)[-1] == expected("utter_greet", "ne")
    run(scenario())


def test_forget_erases_the_tracker(kyra_server, tmp_path_factory):
    chat = 810000004
    sender = pseudonym(SENDER_KEY, "telegram", chat)
    # kyra_server's TRACKER_DB is servers<n>/trackers.db under the session's temp dir
    databases = {path.resolve() for path in tmp_path_factory.getbasetemp().glob("servers*/trackers.db")}

    def rows() -> int:
        total = 0
        for database in databases:
            with sqlite3.connect(database) as connection:
                total += connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]
        return total

    async def scenario():
        async with running(kyra_server) as bot:
            await bot.feed(load_update("text", chat_id=chat, text="mi jefe tiene mi pasaporte"))
            assert rows() > 0
            assert [e for e in tracker(kyra_server, sender)["events"] if e["event"] == "user"]
            await bot.feed(load_update("command_forget", chat_id=chat))
            assert bot.api.texts(chat)[-1] == bot.frontend.texts.get("forget_done", "es")
            assert bot.api.of("deleteMessages", chat)
    run(scenario())
    assert rows() == 0
    assert not [e for e in tracker(kyra_server, sender)["events"] if e["event"] in ("user", "bot")]
    assert rows() == 0  # reading the tracker (as /help and /privacy do for the language) stores nothing
