"""Phone numbers of the directory in every form a channel needs (display, +E.164, tel: link, wa.me)."""
from typing import Dict, Optional

import phonenumbers


def parse(number: str, region: str) -> Optional[phonenumbers.PhoneNumber]:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    return parsed if phonenumbers.is_valid_number(parsed) else None


def number_view(entry: Dict, country: Optional[str]) -> Dict:
    """{display, e164, international, tel, label}; short codes and unknown plans keep only the digits."""
    region = entry.get("region") or country or "ZZ"
    digits = entry["number"].replace(" ", "")
    parsed = parse(entry["number"], region) if entry.get("kind") == "phone" else None
    view = {"display": entry["number"], "e164": None, "international": None, "tel": f"tel:{digits}",
            "label": entry.get("label")}
    if parsed:
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        view.update(e164=e164, tel=f"tel:{e164}",
                    international=phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    return view


def whatsapp_view(entry: Dict, country: Optional[str]) -> Dict:
    view = number_view(entry, country)
    view["url"] = f"https://wa.me/{view['e164'].lstrip('+')}" if view["e164"] else None
    return view
