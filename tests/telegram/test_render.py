"""Rendering the Rasa server's messages for Telegram: HTML escaping, buttons, services card, phones."""
from bot.telegram.render import render_replies, render_services, render_text, tappable_phones, web_url
from tests.telegram.fake_rasa import SERVICES


def test_text_is_escaped_for_html():
    [part] = render_text({"text": "Use <b> & </b> freely"}, "ES")
    assert part.html == "Use &lt;b&gt; &amp; &lt;/b&gt; freely"


def test_buttons_keep_the_full_payload_and_go_on_the_last_part():
    long_text = "\n".join(["Párrafo largo. " * 30] * 12)
    parts = render_text({"text": long_text, "buttons": [{"title": "Sí", "payload": "/affirm"},
                                                        {"title": "No", "payload": "/deny"}]}, "ES")
    assert len(parts) > 1 and not parts[0].buttons
    assert [[b.payload for b in row] for row in parts[-1].buttons] == [["/affirm", "/deny"]]


def test_long_titles_one_per_row():
    parts = render_text({"text": "Menú", "buttons": [{"title": "Me quitaron el pasaporte", "payload": "/a"},
                                                     {"title": "No me pagan", "payload": "/b"}]}, "ES")
    assert [len(row) for row in parts[-1].buttons] == [1, 1]


def test_phone_numbers_become_e164():
    text = "Línea contra la trata: Policía Nacional 900 10 50 90 (+34 900 10 50 90)\nEmergencias: 112"
    assert tappable_phones(text, "ES") == "Línea contra la trata: Policía Nacional +34900105090\nEmergencias: 112"
    assert tappable_phones("Fuente: policia.es, 2024-04-26", "ES") == "Fuente: policia.es, 2024-04-26"


def test_only_http_urls_go_on_buttons():
    assert web_url("https://wa.me/97460060601") and web_url("http://example.org")
    assert not web_url("tel:+34900105090") and not web_url("javascript:alert(1)") and not web_url("mailto:a@b.c")


def test_services_card():
    parts = render_services(SERVICES, "ES")
    html = "\n".join(p.html for p in parts)
    assert "<b>Estos servicios pueden ayudarte en España:</b>" in html
    assert "Emergencias: 112" in html
    assert "Teléfono: +34900105090" in html  # e164, tappable
    assert "Teléfono: 016" in html  # a short code: digits
    assert "WhatsApp: +97460060601" in html
    assert "Correo: trata@policia.es" in html
    assert "24 horas · Gratis · Anónimo · Es la policía" in html
    assert "No es la policía · Sin verificar" in html
    assert "<i>Fuente: policia.es, 2024-04-26</i>" in html
    assert "Línea 016 &lt;violencia&gt;" in html  # escaped
    urls = [b.url for row in parts[-1].buttons for b in row]
    assert urls == ["https://www.policia.es", "https://wa.me/97460060601", "https://twitter.com/policia"]
    assert all(not u.startswith(("tel:", "javascript:")) for u in urls)


def test_turn_with_text_services_and_unknown_custom():
    replies = [{"recipient_id": "x", "text": "Aquí tienes ayuda:"}, {"recipient_id": "x", "custom": SERVICES},
               {"recipient_id": "x", "custom": {"other": 1}}, {"recipient_id": "x", "image": "https://x/y.png"}]
    parts, language = render_replies(replies, "ES")
    assert language == "es"
    assert parts[0].html == "Aquí tienes ayuda:" and "Policía Nacional" in parts[1].html
    assert len(parts) == 2
