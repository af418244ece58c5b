"""No personal data in any log: a full conversation over REST and Telegram (real Rasa and action servers,
the Telegram front end as its own process against the fake Bot API), then the case erased by a caseworker and
the chat by /forget; every file in the logs folder — rasa.log, actions.log, telegram.log and the SQLite
tracker store and handoff database, which must be empty of it by then — is scanned (bot/privacy/log_scan.py)."""
import asyncio
import json
import subprocess
import sys
import urllib.request
import uuid

from bot import ROOT
from bot.handoff.referral import find_token
from bot.privacy.log_scan import find_leaks, scan_files
from bot.privacy.pseudonym import pseudonym
from bot.telegram.fake_api import TOKEN, FakeBotAPI
from scripts.servers import rasa_env, rasa_server
from tests.telegram.helpers import load_update
from tests.test_e2e_rest import say

CHAT = 871234567
SENDER_KEY = "log-test-sender-key-" + uuid.uuid4().hex
PRIVACY_TOKEN, CASEWORKER_TOKEN = "pv-" + uuid.uuid4().hex, "cw-" + uuid.uuid4().hex
HANDLE = "+974 5512 3456"
REST_MESSAGES = ["estoy en Catar y no me pagan el sueldo", "/talk_to_human", "/affirm", "whatsapp", "evening",
                 HANDLE, "/affirm"]
TELEGRAM_MESSAGES = ["Hola, mi número es +34 612 345 678", "trabajo en Dubái y no me dejan salir de la casa",
                     "me están pegando, socorro"]


def erase_case(server: str, token: str) -> dict:
    request = urllib.request.Request(f"{server}/webhooks/caseworker/erase", json.dumps({"case": token}).encode(),
                                     {"Content-Type": "application/json", "Authorization": f"Bearer {CASEWORKER_TOKEN}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


async def telegram_chat(server: str, logs, token: str) -> list:
    """The chat through `python -m bot.telegram` (polling the fake Bot API); returns what the bot sent."""
    api = await FakeBotAPI().start()
    env = rasa_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=api.base_url, RASA_URL=server,
                   TELEGRAM_CHAT_INTERVAL="0", TELEGRAM_GLOBAL_RATE="0")
    process = subprocess.Popen([sys.executable, "-m", "bot.telegram"], cwd=ROOT, env=env,
                               stdout=(logs / "telegram.log").open("w"), stderr=subprocess.STDOUT)
    try:
        for text in TELEGRAM_MESSAGES + [f"revisa mi caso {token}"]:
            sent = len(api.of("sendMessage", CHAT))
            api.queue_update(load_update("text", chat_id=CHAT, text=text))
            await api.wait_for(lambda a: len(a.of("sendMessage", CHAT)) > sent, timeout=90)
            await asyncio.sleep(1.5)  # the rest of the turn's messages
        api.queue_update(load_update("command_forget", chat_id=CHAT))
        await api.wait_for(lambda a: bool(a.of("deleteMessages", CHAT)), timeout=60)
        await asyncio.sleep(1)
        return api.texts(CHAT)
    finally:
        process.terminate()
        process.wait(timeout=30)
        await api.stop()


def test_a_full_conversation_leaves_no_personal_data_in_the_logs(trained_model, tmp_path, monkeypatch):
    logs = tmp_path / "logs"
    for name, value in {"KYRA_CASES_DB": str(logs / "cases.db"), "KYRA_SENDER_KEY": SENDER_KEY,
                        "KYRA_PRIVACY_TOKEN": PRIVACY_TOKEN, "KYRA_CASEWORKER_TOKEN": CASEWORKER_TOKEN}.items():
        monkeypatch.setenv(name, value)
    rest_sender = "rest-" + uuid.uuid4().hex
    with rasa_server(trained_model, logs) as server:
        url = server["url"]
        for message in REST_MESSAGES:
            status, replies = say(url, rest_sender, message)
            assert status == 200 and replies, message
        token = find_token(" ".join(r.get("text") or "" for r in replies))
        assert token, replies
        texts = asyncio.run(telegram_chat(url, logs, token))
        assert any(token in text for text in texts)  # the case status
        assert any(number in text for text in texts for number in ("999", "112"))  # the emergency path
        answer = erase_case(url, token)
        assert answer["erased"] and answer["events"] > 0 and (answer["referrals"], answer["cases"]) == (1, 1), answer
    secrets = (REST_MESSAGES + TELEGRAM_MESSAGES + [f"revisa mi caso {token}", token, rest_sender, str(CHAT),
               pseudonym(SENDER_KEY.encode(), "telegram", CHAT), TOKEN, TOKEN.split(":")[1], SENDER_KEY,
               PRIVACY_TOKEN, CASEWORKER_TOKEN, HANDLE, "5512 3456", "+34 612 345 678"])
    files = sorted(logs.iterdir())
    assert {"rasa.log", "actions.log", "telegram.log", "trackers.db", "cases.db"} <= {f.name for f in files}
    findings = scan_files(files, secrets)
    assert not findings, "\n".join(f"{path}: {finding}" for path, finding in findings)


def test_the_scanner_finds_planted_leaks():
    log = "\n".join([
        "2027-01-15 08:00:01,123 INFO rasa.core.processor pid 41234 port 54321 took 1234567 ms",
        'DEBUG Received user message "estoy en Espa\\u00f1a y mi jefe tiene mi pasaporte" from telegram-3f9c0a',
        "POST /webhooks/rest/webhook?text=me+est%C3%A1n+pegando 200",
        "handoff to +974 5512 3456 sent",
        "bot said: L\u00ednea contra la trata 900 10 50 90",
        "chat_id=871234567 token KY-ABCD-2345",
    ])
    secrets = ["estoy en España y mi jefe tiene mi pasaporte", "telegram-3f9c0a", "me están pegando", "871234567",
               "KY-ABCD-2345", "no", "-"]
    found = {(f.line, f.kind) for f in find_leaks(log, secrets)}
    assert found == {(2, "secret"), (3, "secret"), (4, "phone"), (5, "phone"), (5, "directory number"),
                     (6, "secret"), (6, "phone")}  # a 9-digit chat id is also a valid number somewhere
    assert len([f for f in find_leaks(log, secrets) if f.line == 6 and f.kind == "secret"]) == 2
    assert not find_leaks(log.splitlines()[0], secrets)  # timestamps, pids, ports are not phone numbers
    assert all("pasaporte" not in str(f) and "5512" not in str(f) for f in find_leaks(log, secrets))  # masked


def test_nginx_byte_counts_and_latencies_are_not_phone_numbers():
    # phonenumbers takes 4-6 digit German numbers as valid: these lines failed CI's scale test once
    lines = ["2026-12-06T10:00:00+00:00 POST route=webhook status=200 bytes=1684 seconds=3.493 "
             "upstream=127.0.0.1:32557 upstream_status=200",
             "2026-12-06T10:00:01+00:00 POST route=webhook status=200 bytes=424 seconds=16.896 "
             "upstream=127.0.0.1:45070, 127.0.0.1:45071 upstream_status=502, 200",
             "2026-12-06T10:00:02+00:00 POST route=webhook status=200 bytes=2416 seconds=1.683 upstream=127.0.0.1:46152"]
    assert not find_leaks("\n".join(lines))
    assert [f.kind for f in find_leaks("handoff to 0151 2345 6789 ok")] == ["phone"]  # a German mobile still is
