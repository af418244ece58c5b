"""Small parts of the Telegram front end: sender ids, campaigns, pacing, per-chat state, bot texts."""
import os
import stat

import pytest
import yaml

from bot import ROOT
from bot.language.languages import supported
from bot.privacy.pseudonym import load_key, pseudonym
from bot.telegram.campaigns import campaign_for, load_campaigns
from bot.telegram.pacing import Bucket, Pacer
from bot.telegram.settings import Settings
from bot.telegram.state import DELETABLE_FOR, MAX_CALLBACKS, ChatState, ChatStates, Dedupe
from bot.telegram.texts import COMMANDS, TEXT_DIR, BotTexts, e164


# --- pseudonymous sender ids ---
def test_sender_id_is_a_keyed_hash_of_the_chat_id():
    a = pseudonym(b"key-1", "telegram", 700100200)
    assert a == pseudonym(b"key-1", "telegram", 700100200)
    assert a != pseudonym(b"key-2", "telegram", 700100200) != pseudonym(b"key-1", "telegram", 700100201)
    assert a.startswith("telegram-") and "700100200" not in a and len(a) == len("telegram-") + 40


def test_sender_key_file_is_made_once_with_mode_0600(tmp_path, monkeypatch):
    monkeypatch.delenv("KYRA_SENDER_KEY", raising=False)
    key = load_key(tmp_path / "state")
    path = tmp_path / "state" / "sender.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(key) == 64
    assert load_key(tmp_path / "state") == key
    os.chmod(path, 0o644)
    assert load_key(tmp_path / "state") == key and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_sender_key_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KYRA_SENDER_KEY", "from-env")
    assert load_key(tmp_path) == b"from-env" and not (tmp_path / "sender.key").exists()


def test_state_dir_is_git_ignored():
    assert ".kyra/" in (ROOT / ".gitignore").read_text().split()


# --- /start deep links ---
def test_campaign_payloads():
    madrid = campaign_for("es_poster_madrid")
    assert madrid.language == "es" and madrid.campaign == "poster-madrid"
    assert campaign_for("not_listed") is None
    assert campaign_for("es poster") is None and campaign_for("x" * 65) is None and campaign_for(None) is None
    assert campaign_for("../../etc") is None


def test_campaign_file_is_valid():
    raw = yaml.safe_load((ROOT / "content" / "campaigns.yml").read_text())["campaigns"]
    assert set(load_campaigns()) == set(raw)  # no entry was skipped as malformed


# --- pacing ---
def test_bucket_allows_a_burst_then_one_per_interval():
    bucket = Bucket(rate=1.0, burst=3)
    assert [bucket.reserve(0.0) for _ in range(5)] == [0.0, 0.0, 0.0, 1.0, 2.0]


def test_pacer_per_chat_and_overall():
    now = [0.0]
    pacer = Pacer(chat_interval=1.0, chat_burst=1, global_rate=2.0, clock=lambda: now[0])
    assert pacer.chat_delay(1) == 0.0 and pacer.overall_delay() == 0.0
    assert pacer.chat_delay(1) == 1.0  # same chat: one a second
    assert pacer.chat_delay(2) == 0.0 and pacer.overall_delay() == 0.0  # another chat: within the burst of 2
    assert pacer.chat_delay(3) == 0.0 and pacer.overall_delay() == 0.5  # overall: two a second
    unpaced = Pacer(chat_interval=0, global_rate=0, clock=lambda: now[0])
    assert all(unpaced.chat_delay(1) == 0.0 and unpaced.overall_delay() == 0.0 for _ in range(100))


def test_pacer_waits_in_real_time():
    import asyncio
    import time

    async def send_three():
        pacer = Pacer(chat_interval=0.05, chat_burst=1, global_rate=0)
        started = time.monotonic()
        for _ in range(3):
            await pacer.wait(7)
        return time.monotonic() - started

    assert 0.09 <= asyncio.run(send_three()) < 0.5


# --- per-chat state ---
def test_callbacks_are_short_and_bounded():
    state = ChatState()
    keys = [state.remember_button('/choose_language{"language_choice":"ne"}' + "x" * 200, "नेपाली")
            for _ in range(MAX_CALLBACKS + 10)]
    assert all(len(k.encode()) <= 64 for k in keys)
    assert len(state.callbacks) == MAX_CALLBACKS and keys[0] not in state.callbacks and keys[-1] in state.callbacks


def test_only_messages_younger_than_48_hours_are_deletable():
    state = ChatState()
    state.remember_message(1, when=1000.0)
    state.remember_message(2, when=1000.0 + DELETABLE_FOR)
    state.remember_message(3, when=1000.0 + DELETABLE_FOR + 5)
    assert state.deletable_messages(now=1001.0 + DELETABLE_FOR) == [2, 3]


def test_chat_states_are_bounded():
    states = ChatStates(max_chats=3)
    for chat in range(5):
        states.get(chat).language = "es"
    assert len(states) == 3 and states.peek(0) is None and states.peek(4).language == "es"


def test_dedupe():
    seen = Dedupe(size=2)
    assert seen.first_time(1) and not seen.first_time(1) and seen.first_time(2) and seen.first_time(3)
    assert seen.first_time(1)  # forgotten after `size` newer ids


def test_settings_from_env():
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": "1:x", "RASA_PORT": "6000", "TELEGRAM_GLOBAL_RATE": "0"})
    assert settings.rasa_url == "http://127.0.0.1:6000" and settings.global_rate == 0.0
    assert settings.base_url == "https://api.telegram.org/bot{token}" and settings.webhook_url is None
    assert Settings.from_env({"RASA_URL": "http://rasa:5005/"}).rasa_url == "http://rasa:5005"


# --- bot-side texts ---
def catalog(code):
    return yaml.safe_load((TEXT_DIR / f"{code}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", supported())
def test_every_language_has_every_text(code):
    data, english = catalog(code), catalog("en")
    assert data["language"] == code and set(data["texts"]) == set(english["texts"])
    assert data["reviewed"] is (code == "en")  # machine-written translations are marked as such
    for key, text in data["texts"].items():
        assert text.strip(), key
        assert set(__import__("re").findall(r"{\w+}", text)) == set(__import__("re").findall(r"{\w+}", english["texts"][key])), key
        for command in ("/language", "/privacy", "/forget"):
            assert (command in text) == (command in english["texts"][key]), (key, command)
    texts = BotTexts()
    assert [name for name, _ in texts.commands(code)] == list(COMMANDS)
    assert all(3 <= len(description) <= 256 for _, description in texts.commands(code))


def test_help_lines_carry_the_hotline_in_e164():
    text = BotTexts().with_help("unavailable", "es")
    assert "+34900105090" in text and "112 / 091" in text
    assert e164("900 10 50 90", "ES") == "+34900105090" and e164("016", "ES") == "016"


# --- logging ---
def test_the_token_is_redacted_from_formatted_logs():
    import logging

    from bot.telegram.app import RedactingFormatter, file_url

    formatter = RedactingFormatter("%(message)s", "123:SECRET")
    record = logging.LogRecord("httpx", logging.WARNING, __file__, 1, "POST https://api.telegram.org/bot123:SECRET/getMe",
                               None, None)
    assert formatter.format(record) == "POST https://api.telegram.org/bot<token>/getMe"
    assert file_url("https://api.telegram.org/bot{token}") == "https://api.telegram.org/file/bot{token}"
