"""What the Telegram side says on its own (content/telegram/<lang>.yml), with the deployment's hotline.

The texts are catalogs in the same format as content/responses/ (English is the fallback for a missing
key). Notes and errors end with the hotline of the deployment profile (phone in +E.164, so Telegram makes it
tappable) and the emergency numbers, so even when the Rasa server is down the user learns where to call.
"""
from typing import Any, List, Optional, Tuple

import phonenumbers

from bot import ROOT
from bot.content.catalog import Catalogs
from bot.content.profile import Profile, load_profile, profile_hotline
from bot.content.render import fill

TEXT_DIR = ROOT / "content" / "telegram"
COMMANDS = ("start", "help", "language", "privacy", "forget")


def e164(phone: Any, country: str) -> str:
    """'+34900105090' for a valid number, else its digits (short codes such as 016)."""
    try:
        number = phonenumbers.parse(str(phone), country)
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    return "".join(c for c in str(phone) if c.isdigit() or c == "+")


class BotTexts:
    def __init__(self, profile: Optional[Profile] = None, folder=TEXT_DIR, responses: Optional[Catalogs] = None) -> None:
        self.catalogs = Catalogs(folder)
        self.responses = responses or Catalogs()  # content/responses/: the hotline label
        self.profile = profile or load_profile()

    def get(self, key: str, language: str, **values: Any) -> str:
        return fill(self.catalogs.text(key, language, default=key), values)

    def hotline_line(self, language: str) -> str:
        hotline = profile_hotline(self.profile)
        if not hotline or not hotline.get("phone"):
            return ""
        template = self.responses.text("label.hotline_line", language, default="{name} {phone}")
        return fill(template, {"name": hotline["organisation"], "phone": e164(hotline["phone"], hotline["country"])})

    def emergency_line(self, language: str) -> str:
        numbers = " / ".join(self.profile.emergency_numbers)
        return self.get("emergency_line", language, emergency=numbers) if numbers else ""

    def with_help(self, key: str, language: str, **values: Any) -> str:
        """The text of `key`, then the hotline and emergency lines (plain text)."""
        lines = [self.get(key, language, **values), "", self.hotline_line(language), self.emergency_line(language)]
        return "\n".join(line for i, line in enumerate(lines) if line or i == 1).strip()

    def commands(self, language: str) -> List[Tuple[str, str]]:
        """(command, description) for Telegram's command menu in `language`."""
        return [(name, self.get(f"command.{name}", language)[:256]) for name in COMMANDS]
