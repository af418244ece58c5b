"""Referral sinks against real local servers on 127.0.0.1: webhook, caseworkers' Telegram chat, SMTP."""
import asyncio
import json
import threading
import warnings
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from bot.handoff.referral import Referral, find_token, new_token
from bot.handoff.sinks import (CaseRegister, SinkError, SmtpSink, SqliteSink, TelegramChatSink, WebhookSink, deliver,
                               sink_from_name)

REFERRAL = Referral(language="hi", country="QA", topic="unpaid_wages", contact_channel="whatsapp", safe_time="evening")


@pytest.fixture()
def http_server():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, self.headers.get("Authorization"), json.loads(body)))
            status = 500 if self.path.startswith("/fail") else 200
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b'{"ok": true}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()


def test_tokens_are_readable_and_found_in_text():
    token = new_token()
    assert len(token) == 12 and not set(token[3:]) & set("IO01")
    assert find_token(f"check my case {token.lower()} please") == token
    assert find_token("no token here KY-12") is None
    assert find_token(f"我的编号是{token}谢谢") == token


def test_webhook_sink_posts_the_referral_with_the_secret(http_server):
    url, received = http_server
    asyncio.run(WebhookSink(f"{url}/referrals", secret="s3cret").send(REFERRAL))
    assert received == [("/referrals", "Bearer s3cret", REFERRAL.as_dict())]


def test_webhook_error_is_a_sink_error_and_nothing_is_registered(http_server, tmp_path):
    url, _ = http_server
    register = CaseRegister(tmp_path / "cases.db")
    with pytest.raises(SinkError):
        asyncio.run(deliver(REFERRAL, [WebhookSink(f"{url}/fail")], register))
    assert register.status(REFERRAL.token) is None


def test_telegram_chat_sink_sends_to_the_caseworkers_chat(http_server):
    url, received = http_server
    asyncio.run(TelegramChatSink("123:abc", "-100200", base_url=url + "/bot{token}").send(REFERRAL))
    path, _, body = received[0]
    assert path == "/bot123:abc/sendMessage" and body["chat_id"] == "-100200" and REFERRAL.token in body["text"]


def test_smtp_sink_delivers_a_mail(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import asyncore
        import smtpd
    mails = []

    class Server(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
            mails.append((mailfrom, rcpttos, data))

    server = Server(("127.0.0.1", 0), None)
    port = server.socket.getsockname()[1]
    thread = threading.Thread(target=asyncore.loop, kwargs={"timeout": 0.1, "count": 100}, daemon=True)
    thread.start()
    asyncio.run(SmtpSink("127.0.0.1", port, "kyra@localhost", "cases@localhost").send(REFERRAL))
    thread.join(timeout=15)
    server.close()
    assert mails and mails[0][1] == ["cases@localhost"] and REFERRAL.token.encode() in mails[0][2]


def test_sqlite_inbox_and_register(tmp_path):
    path = tmp_path / "cases.db"
    asyncio.run(deliver(REFERRAL, [SqliteSink(path)], CaseRegister(path)))
    assert SqliteSink(path).inbox()[0]["token"] == REFERRAL.token
    assert CaseRegister(path).status(REFERRAL.token) == "received"
    with pytest.raises(ValueError):
        CaseRegister(path).set_status(REFERRAL.token, "lost")


def test_unknown_sink_name_is_refused():
    with pytest.raises(ValueError):
        sink_from_name("carrier-pigeon")
