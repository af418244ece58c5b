"""Turn a catalog key into a channel-neutral message: text (placeholders filled, sources added) and buttons."""
import string
from typing import Any, Dict, List, Mapping, Optional
from urllib.parse import urlparse

import phonenumbers
from babel import Locale

from bot.content.catalog import Catalogs
from bot.content.citations import layout, source_line
from bot.content.profile import Profile, profile_hotline
from bot.language.languages import native_name, supported

TOPIC_PREFIX = "utter_"
LANGUAGE_BUTTON_KEYS = ("utter_language_menu", "utter_unsupported_language")


class _KeepMissing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: Mapping[str, Any]) -> str:
    """str.format that leaves unknown or malformed placeholders as they are (translators make slips)."""
    try:
        return string.Formatter().vformat(template, (), _KeepMissing(values))
    except (ValueError, IndexError, AttributeError):
        return template


def country_name(country: str, language: str) -> str:
    try:
        return Locale.parse({"tl": "fil"}.get(language, language)).territories.get(country, country)
    except Exception:  # unknown locale data: show the code rather than fail
        return country


def phone_text(phone: str, country: str) -> str:
    """'900 10 50 90 (+34 900 10 50 90)' where phonenumbers knows the number, else as stored."""
    try:
        number = phonenumbers.parse(phone, country)
    except phonenumbers.NumberParseException:
        return phone
    if not phonenumbers.is_valid_number(number):
        return phone
    return f"{phone} ({phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)})"


class Renderer:
    def __init__(self, catalogs: Catalogs, profile: Profile) -> None:
        self.catalogs = catalogs
        self.profile = profile

    def label(self, key: str, language: str) -> str:
        return self.catalogs.text(key, language, default=key)

    def service_block(self, entry: Optional[Dict], language: str) -> str:
        if not entry:
            return ""
        lines = [entry["organisation"]]
        if entry.get("phone"):
            traits = [self.label(k, language) for k, on in (
                ("label.free", str(entry.get("cost", "")).startswith("free")),
                ("label.24h", str(entry.get("hours", "")).startswith("24")),
                ("label.anonymous", entry.get("anonymous") is True)) if on]
            suffix = f" — {', '.join(traits)}" if traits else ""
            lines.append(f"{self.label('label.phone', language)}: {phone_text(entry['phone'], entry['country'])}{suffix}")
        if entry.get("email"):
            lines.append(f"{self.label('label.email', language)}: {entry['email']}")
        if entry.get("social"):
            lines.append(str(entry["social"]))
        source = urlparse(entry["source"]).netloc or entry["source"]
        lines.append("(" + fill(self.label("label.source_date", language),
                                {"source": source, "date": entry.get("source_date", "")}).rstrip(", ") + ")")
        return "\n".join(lines)

    def values(self, language: str, extra: Mapping[str, Any]) -> Dict[str, Any]:
        hotline = profile_hotline(self.profile)
        hotline_line = ""
        if hotline and hotline.get("phone"):
            hotline_line = fill(self.label("label.hotline_line", language),
                                {"name": hotline["organisation"], "phone": hotline["phone"]})
        values = {
            "country": country_name(self.profile.country, language),
            "emergency": " / ".join(self.profile.emergency_numbers),
            "hotline": self.service_block(hotline, language),
            "hotline_line": hotline_line,
            "languages": ", ".join(native_name(code) for code in supported()),
            "to": self.profile.handoff_to or self.label("handoff.default_to", language),
        }
        values.update({k: v for k, v in extra.items() if isinstance(v, (str, int)) and k not in ("language", "previous")})
        values["language"] = native_name(extra.get("language") or language)
        if extra.get("previous"):
            values["previous"] = native_name(extra["previous"])
        return values

    def buttons(self, key: str, language: str) -> List[Dict[str, str]]:
        if key in LANGUAGE_BUTTON_KEYS:
            return [{"title": native_name(code), "payload": f'/choose_language{{"language_choice":"{code}"}}'}
                    for code in supported()]
        payloads = layout().get("payloads", {})
        return [{"title": self.label(f"button.{name}", language), "payload": payloads.get(name, f"/{name}")}
                for name in layout()["responses"].get(key, [])]

    def render(self, key: str, language: str, extra: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        found = self.catalogs.lookup(key, language) or self.catalogs.lookup("utter_default", language)
        template, text_language = found if found else ("", language)
        text = fill(template, self.values(text_language, extra or {}))
        topic = key[len(TOPIC_PREFIX):]
        if topic in layout()["topics"]:
            # one newline: channels split messages at blank lines, and the source belongs to the answer
            text += "\n" + source_line(topic, self.label("label.source", text_language),
                                         self.label("label.check_locally", text_language))
        message: Dict[str, Any] = {"text": text.strip()}
        buttons = self.buttons(key, text_language)
        if buttons:
            message["buttons"] = buttons
        return message
