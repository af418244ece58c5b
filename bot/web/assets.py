"""The web widget's files as served: static/v1/ plus the generated i18n.json and config.json, the loader's SRI hash.

No Rasa import here, so the snippet script and the tests can use it without starting a server.
"""
import base64
import gzip
import hashlib
import html
import json
import logging
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import phonenumbers
import yaml

from bot import ROOT
from bot.language.languages import native_name, supported, text_direction

logger = logging.getLogger(__name__)

VERSION = "v1"
STATIC_DIR = ROOT / "bot" / "web" / "static"
WIDGET_DIR = STATIC_DIR / VERSION
DEMO_DIR = STATIC_DIR / "demo"
TEXTS_DIR = ROOT / "content" / "widget"
LOADER = "kyra-widget.js"
LOADER_PATH = f"/widget/{VERSION}/{LOADER}"
SOURCE_LANGUAGE = "en"
# Everything the widget loads (loader, iframe page, script, style, texts, config), gzipped, summed.
SIZE_BUDGET_BYTES = 50 * 1024
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
# Quick replies under the welcome message: the bot's own button labels and payloads (content/layout.yml).
WELCOME_BUTTONS = (("menu", "/menu"), ("find_help", "/find_help"))

TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".html": "text/html; charset=utf-8", ".json": "application/json; charset=utf-8"}


@dataclass(frozen=True)
class Asset:
    body: bytes
    content_type: str
    gzipped: bytes = field(repr=False, default=b"")
    etag: str = ""


def make_asset(body: bytes, name: str) -> Asset:
    content_type = TYPES.get(Path(name).suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Asset(body, content_type, gzip.compress(body, 9, mtime=0), '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


def sri(data: bytes) -> str:
    """Subresource Integrity value: 'sha384-<base64>'."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def loader_integrity() -> str:
    return sri((WIDGET_DIR / LOADER).read_bytes())


def snippet(server: str, language: str = "", profile: str = "", exit_url: str = DEFAULT_EXIT_URL) -> str:
    """The one <script> tag a host page needs."""
    server = server.rstrip("/")
    attributes = [("src", server + LOADER_PATH), ("integrity", loader_integrity()), ("crossorigin", "anonymous"),
                  ("data-server", server), ("data-language", language), ("data-profile", profile),
                  ("data-exit-url", exit_url)]
    parts = [f'{name}="{html.escape(value)}"' for name, value in attributes if value]
    return "<script " + " ".join(parts) + " defer></script>"


def host_csp(server: str) -> str:
    """The Content-Security-Policy directives a host page needs for the widget (added to its own)."""
    origin = re.match(r"^(https?://[^/]+)", server.rstrip("/"))
    value = origin.group(1) if origin else server
    return f"script-src {value}; frame-src {value}"


def _widget_catalog(code: str) -> Dict:
    path = TEXTS_DIR / f"{code}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def interface_texts() -> Dict:
    """{"languages": [{code, name, dir, reviewed}], "texts": {code: {key: text}}} from content/widget/<code>.yml.

    A key missing in a language falls back to English. The welcome quick-reply labels are the bot's own
    button labels (content/responses/<code>.yml), so they read the same as the bot's buttons.
    """
    from bot.content.catalog import Catalogs  # reads content/responses/

    catalogs = Catalogs()
    source = _widget_catalog(SOURCE_LANGUAGE).get("texts") or {}
    languages, texts = [], {}
    for code in supported():
        data = _widget_catalog(code)
        strings = {key: str(value).strip() for key, value in source.items()}
        strings.update({key: str(value).strip() for key, value in (data.get("texts") or {}).items() if value})
        for name, _ in WELCOME_BUTTONS:
            strings[f"button_{name}"] = catalogs.text(f"button.{name}", code, default=name)
        texts[code] = strings
        languages.append({"code": code, "name": native_name(code), "dir": text_direction(code),
                          "reviewed": bool(data.get("reviewed", False))})
    return {"languages": languages, "texts": texts,
            "buttons": [{"key": f"button_{name}", "payload": payload} for name, payload in WELCOME_BUTTONS]}


def _phone(number: str, country: str) -> List[Dict[str, str]]:
    """The number as written, and its international form, each with its tel: link."""
    digits = re.sub(r"[^\d+]", "", number)
    if not digits:
        return []
    found = [{"text": number, "tel": "tel:" + digits}]
    try:
        parsed = phonenumbers.parse(number, country)
        if phonenumbers.is_valid_number(parsed):
            e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            international = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
            found = [{"text": number, "tel": "tel:" + e164}, {"text": international, "tel": "tel:" + e164}]
    except phonenumbers.NumberParseException:
        pass
    return found


def deployment_config() -> Dict:
    """What the widget needs from the deployment profile: default language, and the emergency and hotline
    numbers the bot's texts mention (the widget makes them tel: links with a copy button)."""
    try:
        from bot.content.profile import load_profile, profile_hotline

        profile = load_profile()
        emergency = [str(n) for n in profile.emergency_numbers]
        hotline = profile_hotline(profile) or {}
        phones = [p for n in emergency for p in _phone(n, profile.country)]
        if hotline.get("phone"):
            phones += _phone(str(hotline["phone"]), profile.country)
        default = profile.default_language if profile.default_language in supported() else SOURCE_LANGUAGE
    except Exception:  # a profile being edited must not take the widget down: it works without numbers
        logger.exception("web widget: could not read the deployment profile")
        emergency, phones, default = [], [], SOURCE_LANGUAGE
    unique = {p["text"]: p for p in phones}
    return {"default_language": default, "emergency": emergency,
            "phones": sorted(unique.values(), key=lambda p: -len(p["text"]))}


def widget_assets() -> Dict[str, Asset]:
    """Every file under /widget/v1/, by name."""
    assets = {path.name: make_asset(path.read_bytes(), path.name)
              for path in sorted(WIDGET_DIR.iterdir()) if path.is_file() and not path.name.startswith(".")}
    for name, data in (("i18n.json", interface_texts()), ("config.json", deployment_config())):
        assets[name] = make_asset(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), name)
    return assets


def demo_assets() -> Dict[str, Asset]:
    return {path.name: make_asset(path.read_bytes(), path.name)
            for path in sorted(DEMO_DIR.iterdir()) if path.is_file() and not path.name.startswith(".")}


def gzipped_total(assets: Optional[Dict[str, Asset]] = None) -> int:
    """Bytes the widget costs a visitor, gzipped: all of /widget/v1/ (the iframe loads every file there)."""
    return sum(len(asset.gzipped) for asset in (assets or widget_assets()).values())
