"""The web widget in a real browser (Debian's Chromium + Playwright) on the demo page of the real Rasa server.

The demo page and the chat iframe run under strict CSPs; every test that chats also checks that the browser
reported no CSP violation. Screenshots go to reports/widget-*.png.
"""
import copy
import gzip
import json
import re
import time
import urllib.request
from urllib.parse import urlparse

import pytest

from bot.web.assets import SIZE_BUDGET_BYTES, interface_texts

expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed: "
                             "`.venv/bin/pip install playwright` (requirements.in)").expect

TEXTS = interface_texts()["texts"]
QUESTIONS = {
    "en": "my employer took my passport and will not give it back",
    "es": "mi jefe se quedó con mi pasaporte y no me lo quiere devolver",
    "zh": "我的老板拿走了我的护照，不还给我",
    "ar": "صاحب العمل أخذ جواز سفري ولا يريد أن يعيده لي",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERVICES = {  # the example of docs/payloads.md, with the fields bot/directory/payload.py adds
    "kyra": "services", "language": "es", "text": "Estos servicios pueden ayudarte en España: ...",
    "intro": "Estos servicios pueden ayudarte en España:",
    "emergency": [{"number": "112", "tel": "tel:112", "label": "Emergencias"}],
    "services": [{
        "name": "Policía Nacional – línea contra la trata de seres humanos", "type": "anti_trafficking_hotline",
        "type_label": "Línea contra la trata",
        "phones": [{"display": "900 10 50 90", "e164": "+34900105090", "international": "+34 900 10 50 90",
                    "tel": "tel:+34900105090", "label": None}],
        "sms": [], "viber": [], "how_to_reach": None,
        "whatsapp": [{"display": "600 000 000", "e164": "+34600000000", "international": "+34 600 00 00 00",
                      "tel": "tel:+34600000000", "url": "https://wa.me/34600000000", "label": None}],
        "emails": ["trata@policia.es"], "web": "https://www.policia.es",
        "social": [{"network": "x", "handle": "@policia", "url": "https://twitter.com/policia"}],
        "badges": ["24 horas", "Gratis", "Anónimo"], "not_police": False, "languages": ["español"],
        "hours": None, "unverified": False, "source": "https://policia.es/", "source_date": "2024-04-26",
        "source_line": "Fuente: policia.es, 2024-04-26"}],
    "labels": {"phone": "Teléfono", "sms": "SMS", "whatsapp": "WhatsApp", "viber": "Viber", "email": "Correo",
               "web": "Web", "social": "Redes", "copy": "Copiar", "unverified": "Sin verificar",
               "not_police": "No es la policía", "police": "Es la policía", "languages": "Idiomas",
               "hours": "Horario", "emergency": "Emergencias"},
}


def no_csp_violations(w):
    assert not w.csp_violations(), w.csp_violations()


def user_texts(w):
    return [t.strip() for t in w.frame.locator(".msg.user .text").all_inner_texts()]


def tracker_user_events(server: str, sender: str) -> list:
    with urllib.request.urlopen(f"{server}/conversations/{sender}/tracker", timeout=30) as response:
        return [e for e in json.loads(response.read())["events"] if e["event"] == "user"]


@pytest.mark.parametrize("language", ["en", "es", "zh"])
def test_a_question_gets_an_answer_in_its_language(widget, language):
    w = widget().goto().open()
    answer = w.send(QUESTIONS[language])
    assert answer, "no answer"
    assert answer[0].locator(".text").get_attribute("lang") == language
    assert answer[0].locator(".text").get_attribute("dir") == "auto"
    assert len(answer[0].inner_text()) > 40
    assert w.frame.evaluate("document.documentElement.lang") == language
    assert w.frame.locator("#language").input_value() == language
    assert TEXTS[language]["send"] == w.frame.locator("#send").inner_text()  # the interface follows
    # the live region is emptied, then filled 60 ms later (so screen readers announce it again): wait for it
    w.frame.wait_for_function("document.getElementById('status').textContent.length > 0", timeout=5_000)
    status = w.frame.locator("#status").inner_text()
    assert status.startswith(TEXTS[language]["bot"])  # the polite live region reads the answer
    no_csp_violations(w)
    if language == "en":
        w.screenshot("widget-desktop.png")


def test_arabic_renders_right_to_left(widget):
    w = widget().goto("/widget/demo/?lang=ar")  # the page language is the hint
    assert w.frame.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert w.frame.locator("#launch").inner_text().strip() == TEXTS["ar"]["launcher"]
    w.open()
    answer = w.send(QUESTIONS["ar"])
    text = answer[0].locator(".text")
    assert text.get_attribute("lang") == "ar"
    assert text.evaluate("node => getComputedStyle(node).direction") == "rtl"
    user = w.frame.locator(".msg.user .text").last
    assert user.get_attribute("dir") == "auto"
    assert w.frame.locator("#panel").evaluate("node => getComputedStyle(node).direction") == "rtl"
    iframe = w.iframe.bounding_box()
    assert iframe["x"] < 100, "on an RTL page the widget sits at the left"
    no_csp_violations(w)
    w.screenshot("widget-arabic.png")


def test_language_picker_lists_native_names_and_sends_an_explicit_choice(widget, kyra_server):
    w = widget().goto().open()
    options = w.frame.locator("#language option").all_inner_texts()
    assert len(options) == 12 and "Español" in options and "العربية" in options and "नेपाली" in options
    w.frame.select_option("#language", "es")
    assert w.frame.locator("#send").inner_text() == TEXTS["es"]["send"]
    answer = w.send("hello")  # English words, but the user chose Spanish
    assert answer[0].locator(".text").get_attribute("lang") == "es"


def test_mobile_320px(widget):
    w = widget(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True).goto()
    box = w.iframe.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    w.open()
    box = w.iframe.bounding_box()
    assert (box["width"], box["height"]) == (320, 640), "the open chat fills a small screen"
    w.send(QUESTIONS["es"])
    assert w.frame.evaluate("document.documentElement.scrollWidth <= innerWidth")
    for selector in ("#panel .exit", "#close", "#language", "#delete", "#message", "#send", "#keep"):
        item = w.frame.locator(selector).bounding_box()
        assert item and item["x"] >= 0 and item["x"] + item["width"] <= 320, selector
    no_csp_violations(w)
    w.screenshot("widget-mobile-320.png")


def test_200_percent_zoom(widget):
    # 1280x800 at 200 % zoom is a 640x400 CSS-pixel viewport with twice the device pixels
    w = widget(viewport={"width": 640, "height": 400}, device_scale_factor=2).goto().open()
    w.send(QUESTIONS["en"])
    assert w.frame.evaluate("document.documentElement.scrollWidth <= innerWidth")
    for selector in ("#panel .exit", "#close", "#language", "#delete", "#message", "#send"):
        item = w.frame.locator(selector).bounding_box()
        assert item and item["y"] >= 0 and item["y"] + item["height"] <= 400, selector
        assert item["x"] >= 0 and item["x"] + item["width"] <= 640, selector
    assert w.frame.locator("#log").bounding_box()["height"] >= 60
    w.screenshot("widget-zoom-200.png")


def test_keyboard_launcher_dialog_and_escape(widget):
    w = widget(reduced_motion="reduce").goto()
    launch = w.frame.get_by_role("button", name=TEXTS["en"]["launcher"])
    assert launch.count() == 1 and launch.get_attribute("aria-expanded") == "false"
    launch.focus()
    assert launch.evaluate("node => getComputedStyle(node).outlineStyle") == "solid"  # visible focus
    w.page.keyboard.press("Enter")
    dialog = w.frame.get_by_role("dialog", name=re.compile("KYRA"))
    dialog.wait_for()
    assert w.frame.evaluate("document.activeElement.id") == "message"
    assert w.frame.locator("[role=log]").count() == 1
    w.page.keyboard.press("Escape")
    w.frame.locator("#panel").wait_for(state="hidden")
    assert w.frame.evaluate("document.activeElement.id") == "launch"
    pulse = w.frame.evaluate("(() => { const s = document.createElement('span'); s.className = 'pulse';"
                             " document.body.appendChild(s); return getComputedStyle(s).animationName; })()")
    assert pulse == "none", "no animation when the user asks for reduced motion"


def test_quick_exit_leaves_nothing_to_go_back_to(widget):
    w = widget().goto("/widget/demo/about").open()
    w.send("my boss keeps my passport")  # a first page of the NGO site, chat not kept
    w.page.get_by_role("link", name="Home").click()
    w.page.wait_for_url("**/widget/demo/")
    w.frame.locator("#launch").wait_for(state="visible")
    w.open()
    w.send("I have not been paid for three months")
    length = w.page.evaluate("history.length")
    title = w.page.title()
    w.frame.click("#panel .exit")
    w.page.wait_for_url("**/widget/demo/weather")
    assert w.page.evaluate("history.length") == length, "the page was replaced, not added to"
    assert w.page.title() == "Weather forecast" and title != "Weather forecast"
    w.page.go_back()
    w.page.wait_for_url("**/widget/demo/about")  # the page with the chat is gone from history
    w.frame.locator("#launch").wait_for(state="visible")
    assert user_texts(w) == [], "no widget content after Back"
    assert w.frame.locator("#panel").is_hidden()
    w.page.go_forward()
    w.page.wait_for_url("**/widget/demo/weather")
    no_csp_violations(w)


def test_quick_exit_hides_and_wipes_everything_at_once(widget):
    w = widget()
    w.context.route("**/widget/demo/weather", lambda route: route.fulfill(status=204))  # 204: the page stays
    w.goto().open()
    w.send("hello")
    w.frame.click("#panel .exit")
    time.sleep(0.5)
    assert w.page.url.endswith("/widget/demo/")  # the navigation went nowhere, so we can look at the page
    assert w.page.evaluate("getComputedStyle(document.documentElement).display") == "none"
    assert w.frame.evaluate("getComputedStyle(document.body).display") == "none"
    assert user_texts(w) == [] and w.frame.locator(".msg").count() == 0


def test_quick_exit_from_the_launcher(widget):
    w = widget().goto()
    w.frame.click("#bar .exit")
    w.page.wait_for_url("**/widget/demo/weather")


def test_shift_three_times_exits_from_the_page_and_from_the_chat(widget):
    w = widget().goto()
    w.page.get_by_role("heading", level=1).click()
    for key in ("Shift", "a", "Shift", "Shift"):  # typing in between resets the count
        w.page.keyboard.press(key)
    time.sleep(0.5)
    assert w.page.url.endswith("/widget/demo/")
    for _ in range(3):
        w.page.keyboard.press("Shift")
    w.page.wait_for_url("**/widget/demo/weather")

    w.goto().open()
    w.frame.focus("#message")
    w.page.keyboard.type("Hello World")  # capitals need Shift: no exit
    w.page.keyboard.press("Shift")
    w.page.keyboard.press("Shift")
    expect(w.frame.locator("#shift-status")).to_have_text(TEXTS["en"]["shift_1"])
    w.page.keyboard.press("Shift")
    w.page.wait_for_url("**/widget/demo/weather")


def test_nothing_is_stored_without_opt_in_and_end_chat_deletes_everything(widget, kyra_server):
    w = widget().goto().open()
    w.send("hello")
    for frame in (w.page.main_frame, w.frame):
        assert w.storage(frame) == {"local": 0, "session": 0, "sessionKeys": [], "cookie": ""}
    assert w.context.cookies() == []
    title = w.page.title()
    assert not w.page.locator("audio, video").count() and w.page.title() == title  # discreet: no sound/title

    w.frame.check("#keep")  # opt in: sessionStorage of this tab, nothing else
    stored = w.storage()
    assert stored["sessionKeys"] == ["kyra-chat"] and stored["local"] == 0 and stored["cookie"] == ""
    sender = json.loads(w.frame.evaluate("sessionStorage.getItem('kyra-chat')"))["sender"]
    assert re.fullmatch(r"[0-9a-f]{32}", sender)
    assert tracker_user_events(kyra_server, sender)

    w.page.get_by_role("link", name="About us").click()  # the kept chat follows to the next page
    w.page.wait_for_url("**/widget/demo/about")
    w.frame.locator("#launch").wait_for(state="visible")
    w.open(dismiss=False)
    assert user_texts(w) == ["hello"]

    w.frame.click("#delete")
    w.frame.locator(".notice", has_text=TEXTS["en"]["deleted"]).wait_for(timeout=30_000)
    assert user_texts(w) == []
    assert w.storage()["session"] == 0 and not w.frame.locator("#keep").is_checked()
    assert tracker_user_events(kyra_server, sender) == [], "the server forgot the conversation"
    no_csp_violations(w)


def test_kept_chat_is_wiped_by_quick_exit(widget):
    w = widget().goto().open()
    w.send("hello")
    w.frame.check("#keep")
    assert w.storage()["session"] == 1
    w.page.get_by_role("heading", level=1).click()
    for _ in range(3):  # from the host page: the loader asks the chat to wipe itself, then leaves
        w.page.keyboard.press("Shift")
    w.page.wait_for_url("**/widget/demo/weather")
    w.goto()  # the same tab, the same site: the kept chat would be back if it had not been wiped
    assert w.storage()["session"] == 0
    w.frame.click("#launch")
    assert user_texts(w) == []


def test_services_card_has_tel_and_mailto_links_with_copy_buttons(widget, kyra_server):
    w = widget(permissions=["clipboard-read", "clipboard-write"])

    def answer(route):
        route.fulfill(status=200, content_type="application/json",
                      body=json.dumps({"messages": [{"custom": copy.deepcopy(SERVICES)},
                                                    {"text": "¿Algo más?", "buttons": [{"title": "Menú",
                                                                                        "payload": "/menu"}]}],
                                       "language": "es"}))

    w.context.route("**/webhooks/web/webhook", answer)
    w.goto().open()
    w.send("ayuda")
    card = w.frame.locator(".card")
    assert card.locator("a[href='tel:+34900105090']").inner_text() == "900 10 50 90"
    assert card.locator("a[href='tel:112']").count() == 1
    assert card.locator("a[href='mailto:trata@policia.es']").count() == 1
    web = card.locator("a[href='https://www.policia.es/']")
    assert web.get_attribute("target") == "_blank" and "noopener" in web.get_attribute("rel")
    assert "Es la policía" in card.inner_text() and "Fuente: policia.es, 2024-04-26" in card.inner_text()
    copy_button = card.locator("button.copy").nth(1)
    assert copy_button.get_attribute("aria-label").startswith(TEXTS["es"]["copy"])
    copy_button.click()
    expect(copy_button).to_have_text(TEXTS["es"]["copied"])
    assert w.frame.evaluate("navigator.clipboard.readText()") == "+34 900 10 50 90"
    assert w.frame.get_by_role("button", name="Menú").count() == 1  # quick replies are buttons
    no_csp_violations(w)


def test_phone_numbers_in_bot_texts_become_tel_links(widget):
    w = widget().goto().open()
    welcome = w.frame.locator(".msg.bot").first
    assert welcome.locator("a[href='tel:112']").count() == 1  # the emergency line of the welcome
    answer = w.send("estoy en peligro, me pegan, necesito ayuda ya")
    links = [a.get_attribute("href") for msg in answer for a in msg.locator("a.tel").all()]
    assert any(href.startswith("tel:") for href in links), [m.inner_text() for m in answer]


def test_everything_the_widget_loads_fits_the_budget(widget):
    w = widget()
    loaded = {}

    def record(response):
        path = urlparse(response.url).path
        if path.startswith("/widget/v1/") and response.status == 200:
            loaded[path] = len(gzip.compress(response.body(), 9))

    w.page.on("response", record)
    w.goto().open()
    w.send("hello")
    assert {"/widget/v1/kyra-widget.js", "/widget/v1/chat.html", "/widget/v1/chat.js", "/widget/v1/chat.css",
            "/widget/v1/i18n.json", "/widget/v1/config.json"} <= set(loaded)
    total = sum(loaded.values())
    print(f"the widget loaded {len(loaded)} files, {total} bytes gzipped ({total / 1024:.1f} KB)")
    assert total <= SIZE_BUDGET_BYTES
    hosts = {urlparse(r).netloc for r in w.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")}
    assert len(hosts) == 1, f"third-party requests: {hosts}"


@pytest.fixture(scope="module")
def axe_source():
    from scripts.widget_vendor_axe import AXE, vendor

    if not AXE.exists():
        try:
            vendor()
        except Exception as error:  # no npm or no registry: the other tests still run
            pytest.skip(f"axe-core is not vendored and `npm pack axe-core@4` failed: {error}")
    return AXE.read_text(encoding="utf-8")


def axe_violations(w, source: str) -> list:
    for frame in (w.page.main_frame, w.frame):
        if not frame.evaluate("typeof window.axe === 'object'"):
            frame.add_script_tag(content=source)
    result = w.page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def test_axe_finds_no_wcag_a_or_aa_violations(widget, axe_source):
    # axe is injected by the test only; bypass_csp lets the test inject it into the strict-CSP pages
    w = widget(bypass_csp=True)

    def answer(route):
        body = json.loads(route.request.post_data or "{}")
        if body.get("message") == "servicios":
            route.fulfill(status=200, content_type="application/json",
                          body=json.dumps({"messages": [{"custom": copy.deepcopy(SERVICES)}], "language": "es"}))
        else:
            route.continue_()

    w.context.route("**/webhooks/web/webhook", answer)
    w.goto()
    assert axe_violations(w, axe_source) == [], "launcher"
    w.open(dismiss=False)
    assert axe_violations(w, axe_source) == [], "open, with the quick-exit explainer"
    w.frame.click("#dismiss")
    w.send(QUESTIONS["es"])
    w.send("servicios")
    w.frame.check("#keep")
    assert axe_violations(w, axe_source) == [], "conversation with a services card"
    w.frame.select_option("#language", "ar")
    w.send(QUESTIONS["ar"])
    assert axe_violations(w, axe_source) == [], "Arabic, right to left"

    small = widget(bypass_csp=True, viewport={"width": 320, "height": 640})
    small.goto("/widget/demo/?lang=ne").open(dismiss=False)
    assert axe_violations(small, axe_source) == [], "320 px, Nepali"


SERVER_NOTES = {413: "Tu mensaje es demasiado largo para mí.", 429: "Estás enviando mensajes muy rápido.",
                503: "Lo siento, ahora mismo no puedo buscarlo. En una emergencia en España, llama al 112."}


@pytest.mark.parametrize("status", sorted(SERVER_NOTES))
def test_a_refused_message_shows_the_servers_text(widget, status):
    """docs/limits.md: a too long (413) or too fast (429) message, or a failed turn (503), gets the server's
    text in its language; the last two can be retried."""
    w = widget()
    text = SERVER_NOTES[status]
    body = json.dumps({"messages": [{"text": text}], "language": "es", "error": "x"})
    w.context.route("**/webhooks/web/webhook", lambda route: route.fulfill(
        status=status, body=body, content_type="application/json", headers={"Retry-After": "3"}))
    w.goto().open()
    w.frame.fill("#message", "hola")
    w.frame.press("#message", "Enter")
    notice = w.frame.locator(".notice", has_text=text)
    notice.wait_for(timeout=10_000)
    assert notice.locator("p").get_attribute("lang") == "es"
    assert notice.locator("button.retry").count() == (0 if status == 413 else 1)
    no_csp_violations(w)
