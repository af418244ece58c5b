"""The widget's channel on the real Rasa server: files and security headers, the demo page, the chat webhook."""
import json
import re
import urllib.error
import urllib.request
import uuid

import pytest

from bot.web.assets import sri

CHAT_CSP = {"default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
            "base-uri 'none'", "form-action 'none'", "require-trusted-types-for 'script'"}


def get(url: str, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def post(url: str, body: bytes):
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def directives(policy: str) -> set:
    return {d.strip() for d in policy.split(";") if d.strip()}


def test_chat_page_has_a_strict_csp(kyra_server):
    status, headers, _ = get(kyra_server + "/widget/v1/chat.html")
    assert status == 200
    policy = directives(headers["Content-Security-Policy"])
    assert CHAT_CSP <= policy, policy
    assert not any("unsafe" in d for d in policy)
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"


def test_loader_is_embeddable_cross_origin_and_matches_the_demo_pages_hash(kyra_server):
    status, headers, body = get(kyra_server + "/widget/v1/kyra-widget.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert headers["Access-Control-Allow-Origin"] == "*"  # needed by integrity= + crossorigin="anonymous"
    status, headers, page = get(kyra_server + "/widget/demo/")
    assert status == 200
    assert f'integrity="{sri(body)}"' in page.decode()
    policy = directives(headers["Content-Security-Policy"])
    assert {"script-src 'self'", "frame-src 'self'", "default-src 'none'"} <= policy


def test_files_are_served_gzipped_when_asked(kyra_server):
    status, headers, body = get(kyra_server + "/widget/v1/chat.js", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip" and body[:2] == b"\x1f\x8b"


@pytest.mark.parametrize("path", ["/widget/v1/nothing.js", "/widget/v1/..%2F..%2Fcredentials.yml",
                                  "/widget/v1/../../credentials.yml", "/widget/demo/index.html",
                                  "/widget/demo/..%2Fv1%2Fchat.js"])
def test_only_the_widgets_own_files_are_served(kyra_server, path):
    status, _, body = get(kyra_server + path)
    assert status == 404, (path, body[:100])


def test_interface_texts_and_config(kyra_server):
    _, _, body = get(kyra_server + "/widget/v1/i18n.json")
    texts = json.loads(body)
    assert len(texts["languages"]) == 12 and texts["texts"]["ar"]["exit"]
    _, _, body = get(kyra_server + "/widget/v1/config.json")
    config = json.loads(body)
    assert config["emergency"] and all(p["tel"].startswith("tel:") for p in config["phones"])


def test_webhook_answers_with_messages_and_the_conversation_language(kyra_server):
    sender = uuid.uuid4().hex
    body = {"sender": sender, "message": "mi jefe se quedó con mi pasaporte y no me lo devuelve",
            "metadata": {"language_hint": "en", "channel": "telegram", "secret": "x" * 10}}
    status, answer = post(kyra_server + "/webhooks/web/webhook", json.dumps(body).encode())
    assert status == 200, answer
    assert answer["language"] == "es"
    assert answer["messages"] and all(set(m) <= {"text", "buttons", "custom"} for m in answer["messages"])
    _, _, tracker = get(f"{kyra_server}/conversations/{sender}/tracker")
    user = [e for e in json.loads(tracker)["events"] if e["event"] == "user"][-1]
    assert user["input_channel"] == "web"
    metadata = {k: v for k, v in user["metadata"].items() if k not in ("assistant_id", "model_id")}  # Rasa's own
    assert metadata == {"channel": "web", "language_hint": "en"}  # only the keys KYRA reads


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"sender": "short", "message": "hi"}',
                                  b'{"sender": "../../etc/passwd/000000", "message": "hi"}',
                                  b'{"sender": "0123456789abcdef0123", "message": 42}'])
def test_webhook_refuses_bad_requests(kyra_server, body):
    status, _ = post(kyra_server + "/webhooks/web/webhook", body)
    assert status == 400


def test_webhook_refuses_very_long_messages_with_a_text_in_the_users_language(kyra_server):
    sender = uuid.uuid4().hex
    body = {"sender": sender, "message": "ayuda " * 2000, "metadata": {"language": "fr"}}
    status, answer = post(kyra_server + "/webhooks/web/webhook", json.dumps(body).encode())
    assert status == 413
    answer = json.loads(answer)
    assert answer["error"] == "message_too_long" and answer["language"] == "fr" and answer["messages"][0]["text"]
    status, _, tracker = get(f"{kyra_server}/conversations/{sender}/tracker")
    assert not [e for e in json.loads(tracker)["events"] if e["event"] == "user"]  # never reached the assistant


def test_demo_page_language_hint_is_sanitised(kyra_server):
    _, _, page = get(kyra_server + '/widget/demo/?lang=ar')
    assert re.search(r'<html lang="ar" dir="rtl">', page.decode())
    _, _, page = get(kyra_server + '/widget/demo/?lang="><script>')
    assert '<html lang="en" dir="ltr">' in page.decode() and "<script>" not in page.decode().split("</head>")[0]


def test_channel_settings_and_cleaning(monkeypatch):
    from bot.channels.web import WebWidgetInput, clean_message, clean_metadata, frame_ancestors

    monkeypatch.delenv("KYRA_WIDGET_ANCESTORS", raising=False)
    assert frame_ancestors(None) == "*"
    assert frame_ancestors(["https://ngo.example", "'self'"]) == "https://ngo.example 'self'"
    assert frame_ancestors("https://ngo.example; script-src *") == "*"  # bad entries dropped, never injected
    monkeypatch.setenv("KYRA_WIDGET_ANCESTORS", "https://one.example https://two.example")
    assert frame_ancestors(None) == "https://one.example https://two.example"
    channel = WebWidgetInput.from_credentials({"frame_ancestors": "https://ngo.example", "demo": False})
    assert channel.ancestors == "https://ngo.example" and channel.demo is False
    assert clean_metadata({"language": "es", "channel": "x", "campaign": "y", "language_hint": 5}) == {
        "channel": "web", "language": "es"}
    assert clean_metadata("nonsense") == {"channel": "web"}
    assert clean_message({"recipient_id": "x", "text": "hi", "buttons": [{"title": "A", "payload": "/a"}, "junk"],
                          "image": "http://x"}) == {"text": "hi", "buttons": [{"title": "A", "payload": "/a"}]}
    assert clean_message({"recipient_id": "x"}) is None
