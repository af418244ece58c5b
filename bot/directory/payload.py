"""The structured "services" payload of docs/payloads.md, with its plain-text rendering, in the user's language."""
from typing import Callable, Dict, List, Optional
from urllib.parse import urlparse

from bot.directory.numbers import number_view, whatsapp_view
from bot.language.languages import name_in

LABEL_KEYS = ("phone", "sms", "whatsapp", "viber", "email", "web", "social", "copy", "unverified", "not_police",
              "police", "languages", "hours", "emergency")
BADGES = (("hours_24_7", "label.24h"), ("free", "label.free"), ("anonymous", "label.anonymous"))

Label = Callable[[str], str]  # catalog key -> text in the conversation language


def source_line(service: Dict, label: Label) -> str:
    host = urlparse(service["source"]).netloc or service["source"]
    date = service.get("source_date", "")
    return label("label.source_date").replace("{source}", host).replace("{date}", date).rstrip(", ")


def service_view(service: Dict, language: str, label: Label) -> Dict:
    country = service.get("country")
    return {
        "name": service["organisation"],
        "type": service["type"],
        "type_label": label(f"type.{service['type']}"),
        "phones": [number_view(n, country) for n in service.get("phones", [])],
        "sms": [number_view(n, country) for n in service.get("sms", [])],
        "whatsapp": [whatsapp_view(n, country) for n in service.get("whatsapp", [])],
        "viber": [number_view(n, country) for n in service.get("viber", [])],
        "emails": list(service.get("emails", [])),
        "web": service.get("web") or service.get("chat_web"),
        "how_to_reach": service.get("how_to_reach"),
        "social": [dict(s) for s in service.get("social", [])],
        "badges": [label(key) for flag, key in BADGES if service.get(flag)],
        "not_police": service.get("not_police"),
        "languages": [name_in(code, language) for code in service.get("languages", [])],
        "hours": service.get("hours"),
        "unverified": bool(service.get("unverified")),
        "source": service["source"],
        "source_date": service.get("source_date"),
        "source_line": source_line(service, label),
    }


def _number_text(view: Dict) -> str:
    text = view["display"]
    if view["international"] and view["international"].replace(" ", "") != view["display"].replace(" ", ""):
        text += f" ({view['international']})"
    return text + (f" — {view['label']}" if view.get("label") else "")


def service_text(view: Dict, labels: Dict[str, str]) -> str:
    lines = [f"• {view['name']} ({view['type_label']})"]
    if view["unverified"]:
        lines.append(f"  ⚠ {labels['unverified']}")
    for field in ("phones", "sms", "whatsapp", "viber"):
        name = labels["phone" if field == "phones" else field]
        lines += [f"  {name}: {_number_text(n)}" for n in view[field]]
    if view["badges"]:
        lines.append("  " + ", ".join(view["badges"]))
    lines += [f"  {labels['email']}: {email}" for email in view["emails"]]
    if view["web"]:
        lines.append(f"  {labels['web']}: {view['web']}")
    if view["how_to_reach"]:
        lines.append(f"  {view['how_to_reach']}")
    lines += [f"  {s.get('handle') or s['url']} ({s['network']})" for s in view["social"]]
    if view["not_police"] is not None:
        lines.append("  " + labels["not_police" if view["not_police"] else "police"])
    lines.append(f"  ({view['source_line']})")
    return "\n".join(lines)


def services_payload(services: List[Dict], emergency: List[Dict], language: str, intro: str, label: Label,
                     extra_sections: Optional[List] = None) -> Dict:
    """extra_sections: [(intro, services)] shown after the main list (e.g. the home country's helplines)."""
    labels = {key: label(f"label.{key}") for key in LABEL_KEYS}
    views = [service_view(s, language, label) for s in services]
    emergency_views = [{"number": n["number"], "tel": f"tel:{n['number']}", "label": labels["emergency"]}
                       for n in emergency]
    parts = [intro]
    if emergency_views:
        parts.append(f"🚨 {labels['emergency']}: " + ", ".join(n["number"] for n in emergency_views))
    parts += [service_text(view, labels) for view in views]
    for section_intro, section_services in extra_sections or []:
        section_views = [service_view(s, language, label) for s in section_services]
        views += section_views
        parts += [section_intro] + [service_text(view, labels) for view in section_views]
    return {"kyra": "services", "language": language, "text": "\n".join(parts), "intro": intro,
            "emergency": emergency_views, "services": views, "labels": labels}
