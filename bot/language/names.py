"""Find a supported language named in free text ("en español", "नेपालीमा", "english pls").

Names come from Babel/CLDR: every supported language's name in every supported language, plus
the English name and the code, so nothing is hand-typed.
"""
import functools
import unicodedata
from typing import Dict, Optional

from bot.language.languages import babel_names, supported


def _fold(text: str) -> str:
    """Case- and accent-insensitive form."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) or ord(c) > 0x0900)


@functools.lru_cache(maxsize=None)
def _stems() -> Dict[str, str]:
    """Folded name stem -> language code. A stem drops a short ending so "английском" still matches.

    Names written without spaces (Chinese "西班牙语") are kept whole and matched anywhere.
    """
    stems: Dict[str, str] = {}
    for code in supported():
        for name in babel_names(code):
            for word in _fold(name).split():
                if _unspaced(word):
                    stems.setdefault(word, code)
                elif len(word) >= 4:
                    stems.setdefault(word[: max(4, len(word) - 2)], code)
    return stems


def _unspaced(word: str) -> bool:
    return any("\u3040" <= c <= "\u9fff" for c in word)


def find_language_name(text: str) -> Optional[str]:
    """The code of the first supported language whose name appears in `text`, or None."""
    folded = _fold(text)
    words = folded.split()
    for stem, code in _stems().items():
        if stem in folded if _unspaced(stem) else any(w.startswith(stem) for w in words):
            return code
    return None
