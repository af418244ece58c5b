"""Country and city names per language, generated from Babel/CLDR plus content/countries/extra_names.yml.

Territories: CLDR's name of every country in each supported language (and English, which people mix in).
Cities: CLDR's exemplar cities of every time zone (Asia/Dubai → "دبي", "迪拜", "Дубай"), mapped to the
zone's country. Each name also gets an accent-free variant ("Dubái" → "Dubai").
"""
import functools
import unicodedata
from typing import Dict, Iterable, List, Tuple

import yaml
from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location

from bot import ROOT
from bot.language.languages import babel_locale, supported

EXTRA_NAMES_FILE = ROOT / "content" / "countries" / "extra_names.yml"
# CLDR territory codes that are not places a person lives in (regions, "unknown", pseudo codes)
_NOT_COUNTRIES = {"AQ", "BV", "HM", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK", "TF", "UM", "IO", "CP", "DG"}
# Words that name a country but are also everyday words or names in some language: never matched alone.
_AMBIGUOUS = {"chad", "jordan", "georgia", "turkey", "guinea", "niger", "chile", "mali", "jersey", "papua",
              "man", "re", "as", "io", "to", "la", "de", "el", "no", "si", "be", "in", "is", "it", "me"}


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def country_codes() -> List[str]:
    return [code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES]


@functools.lru_cache(maxsize=None)
def zone_cities() -> Tuple[Tuple[str, str], ...]:
    """(time zone, country) for every zone CLDR ties to one country."""
    return tuple((zone, territory) for zone, territory in get_global("zone_territories").items()
                 if "/" in zone and not zone.startswith("Etc/") and territory in country_codes())


def _variants(names: Iterable[str], ambiguous: frozenset = frozenset(_AMBIGUOUS)) -> List[str]:
    out = []
    for name in names:
        for variant in (name, strip_accents(name), name.replace(" SAR China", "").replace(" SAR", "")):
            variant = variant.strip()
            if variant and variant.lower() not in ambiguous and variant not in out:
                out.append(variant)
    return out


def ambiguous_in(language: str) -> set:
    """Country names that are also common words or first names in English (Chad, Jordan...): only in English."""
    return _AMBIGUOUS if language == "en" else {w for w in _AMBIGUOUS if len(w) <= 2}


@functools.lru_cache(maxsize=None)
def names_for(language: str) -> Dict[str, str]:
    """{name as written: ISO country code} for messages in `language` (its own names, English, extras)."""
    table: Dict[str, str] = {}
    ambiguous = frozenset(ambiguous_in(language))
    codes = set(country_codes())
    for display in dict.fromkeys(("en", language)):
        locale = babel_locale(display)
        for code in codes:
            for name in _variants([locale.territories.get(code, "")], ambiguous):
                table.setdefault(name, code)
        for zone, code in zone_cities():
            city = get_timezone_location(zone, locale=locale, return_city=True)
            for name in _variants([city], ambiguous):
                table.setdefault(name, code)
    extras = yaml.safe_load(EXTRA_NAMES_FILE.read_text(encoding="utf-8"))["names"]
    for code, names in extras.items():
        for name in _variants((str(n) for n in names), ambiguous):
            table.setdefault(name, code)
    return table


def warm_up() -> None:
    for language in supported():
        names_for(language)
