"""Split a message into parts under Telegram's 4096-character limit, at paragraph boundaries if possible.

Telegram counts UTF-16 code units (an emoji can count 2). A part is cut at the last blank line that fits,
else the last line break, else the last sentence end, else the last space, else (one enormous word) at
the limit. Separators at a cut are dropped; nothing else is lost or reordered.
"""
from typing import Callable, List

TELEGRAM_LIMIT = 4096
SEPARATORS = ("\n\n", "\n", ". ", " ")


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _longest_prefix(text: str, limit: int, measure: Callable[[str], int]) -> int:
    """Length (in characters) of the longest prefix of `text` that measures <= limit; at least 1."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def split_message(text: str, limit: int = TELEGRAM_LIMIT, measure: Callable[[str], int] = utf16_length) -> List[str]:
    """Parts of `text`, each measuring <= limit (`measure` may count the text as it will be sent, escaped)."""
    parts: List[str] = []
    rest = text.strip()
    while rest:
        if measure(rest) <= limit:
            parts.append(rest)
            break
        window = rest[:_longest_prefix(rest, limit, measure)]
        for separator in SEPARATORS:
            cut = window.rfind(separator)
            if cut > 0:
                keep = cut + (1 if separator == ". " else 0)  # a sentence keeps its full stop
                parts.append(rest[:keep].rstrip())
                rest = rest[cut + len(separator):].lstrip()
                break
        else:
            parts.append(window)
            rest = rest[len(window):]
    return [part for part in parts if part]
