"""Turn the Rasa server's messages (docs/payloads.md) into Telegram messages: HTML text and buttons.

Texts are escaped for Telegram's HTML parse mode; phone numbers become +E.164 so Telegram makes them
tappable (it cannot make `tel:` buttons); Rasa buttons become callback buttons (the handler maps each to
a short callback id); the "services" payload becomes a card with URL buttons (http/https only). Long texts
are split under the 4096-character limit; buttons go on the last part.
"""
import html
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple
from urllib.parse import urlparse

import phonenumbers

from bot.telegram.split import split_message, utf16_length

MAX_BUTTON_TITLE = 60
SHORT_TITLE = 16  # titles up to this long are laid out two per row


@dataclass
class Button:
    title: str
    payload: Optional[str] = None  # sent back to Rasa when pressed
    url: Optional[str] = None  # opened when pressed (http/https only)


@dataclass
class Outgoing:
    html: str
    buttons: List[List[Button]] = field(default_factory=list)


def escape(text: Any) -> str:
    return html.escape(str(text), quote=False)


def web_url(url: Any) -> Optional[str]:
    """The URL if Telegram may put it on a button (http or https with a host), else None."""
    if not isinstance(url, str):
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


def tappable_phones(text: str, region: str) -> str:
    """Rewrite the valid phone numbers in `text` as +E.164 ('900 10 50 90 (+34 900 10 50 90)' -> '+34900105090')."""
    pieces, last = [], 0
    for match in phonenumbers.PhoneNumberMatcher(text, region):
        start = match.start + (len(match.raw_string) - len(match.raw_string.lstrip("(")))  # the matcher takes "("
        pieces += [text[last:start], phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)]
        last = match.end
    if not pieces:
        return text
    rewritten = "".join(pieces) + text[last:]
    return re.sub(r"(\+\d{6,15}) \(\1\)", r"\1", rewritten)  # "X (X)": the same number twice


def _title(text: Any) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_BUTTON_TITLE else text[:MAX_BUTTON_TITLE - 1] + "…"


def layout(buttons: List[Button]) -> List[List[Button]]:
    """Two per row when every title is short, else one per row."""
    if buttons and all(len(b.title) <= SHORT_TITLE for b in buttons):
        return [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    return [[b] for b in buttons]


def _parts(html_text: str, buttons: List[Button]) -> List[Outgoing]:
    parts = [Outgoing(part) for part in split_message(html_text)] or [Outgoing("…")]
    parts[-1].buttons = layout(buttons)
    return parts


def render_text(message: Dict[str, Any], region: str) -> List[Outgoing]:
    """A text message (with optional buttons). Split as plain text, so no cut falls inside an escape."""
    text = tappable_phones(str(message.get("text") or ""), region)
    buttons = [Button(_title(b.get("title", "")), payload=str(b["payload"]))
               for b in message.get("buttons") or [] if isinstance(b, dict) and b.get("payload")]
    plain_parts = split_message(text, measure=lambda s: utf16_length(escape(s))) or ["…"]
    parts = [Outgoing(escape(part)) for part in plain_parts]
    parts[-1].buttons = layout(buttons)
    return parts


def _number(phone: Dict[str, Any]) -> str:
    """+E.164 when the number has one, else the short code's digits."""
    if phone.get("e164"):
        return str(phone["e164"])
    digits = re.sub(r"\D", "", str(phone.get("display") or phone.get("tel") or ""))
    return digits or str(phone.get("display", ""))


def _phone_line(label: str, phones: Iterable[Dict[str, Any]]) -> Optional[str]:
    numbers = [escape(_number(p)) + (f" ({escape(p['label'])})" if p.get("label") else "") for p in phones]
    return f"{escape(label)}: {', '.join(numbers)}" if numbers else None


def _service_block(service: Dict[str, Any], labels: Dict[str, str]) -> Tuple[str, List[Button]]:
    name = str(service.get("name") or "")
    lines = [f"<b>{escape(name)}</b>" + (f" · {escape(service['type_label'])}" if service.get("type_label") else "")]
    for kind in ("phone", "sms", "whatsapp"):
        field_name = "phones" if kind == "phone" else kind
        line = _phone_line(labels.get(kind, kind), service.get(field_name) or [])
        if line:
            lines.append(line)
    if service.get("emails"):
        lines.append(f"{escape(labels.get('email', 'Email'))}: {escape(', '.join(service['emails']))}")
    traits = [str(b) for b in service.get("badges") or []]
    if service.get("not_police") is True and labels.get("not_police"):
        traits.append(labels["not_police"])
    elif service.get("not_police") is False and labels.get("police"):
        traits.append(labels["police"])
    if service.get("unverified") and labels.get("unverified"):
        traits.append(labels["unverified"])
    if traits:
        lines.append(escape(" · ".join(traits)))
    if service.get("hours"):
        lines.append(escape(service["hours"]))
    if service.get("source_line"):
        lines.append(f"<i>{escape(service['source_line'])}</i>")
    buttons = []
    if web_url(service.get("web")):
        buttons.append(Button(_title(f"{labels.get('web', 'Web')}: {name}"), url=web_url(service["web"])))
    for chat in service.get("whatsapp") or []:
        if web_url(chat.get("url")):
            buttons.append(Button(_title(f"{labels.get('whatsapp', 'WhatsApp')}: {name}"), url=web_url(chat["url"])))
    for account in service.get("social") or []:
        if web_url(account.get("url")):
            title = " ".join(str(account.get(k) or "") for k in ("network", "handle")).strip() or name
            buttons.append(Button(_title(title), url=web_url(account["url"])))
    return "\n".join(lines), buttons


def render_services(card: Dict[str, Any], region: str) -> List[Outgoing]:
    """The services card: intro, emergency numbers, one block per service, URL buttons under the last part."""
    labels = card.get("labels") or {}
    head = [f"<b>{escape(card['intro'])}</b>"] if card.get("intro") else []
    emergency = [f"{escape(e.get('label') or '')}: {escape(_number({'display': e.get('number')}))}"
                 for e in card.get("emergency") or [] if isinstance(e, dict)]
    if emergency:
        head.append("🚨 " + " · ".join(emergency))
    blocks, buttons = (["\n".join(head)] if head else []), []
    for service in [s for s in card.get("services") or [] if isinstance(s, dict)]:
        block, service_buttons = _service_block(service, labels)
        blocks.append(block)
        buttons += service_buttons
    if not blocks:
        return render_text({"text": card.get("text", "")}, region) if card.get("text") else []
    return _parts("\n\n".join(blocks), buttons)


def render_replies(replies: List[Dict[str, Any]], region: str) -> Tuple[List[Outgoing], Optional[str]]:
    """All messages of one Rasa turn, and the conversation language if a services card told it."""
    out: List[Outgoing] = []
    language = None
    for reply in replies:
        if not isinstance(reply, dict):
            continue
        custom = reply.get("custom")
        if isinstance(custom, dict):
            if custom.get("kyra") == "services":
                out += render_services(custom, region)
                language = custom.get("language") or language
            continue  # any other custom payload: ignored
        if reply.get("text") or reply.get("buttons"):
            out += render_text(reply, region)
    return out, language
