"""Find countries in a message with a spaCy EntityRuler per language, its patterns generated from names.py.

Exact names match as phrases (case-insensitive). Russian names also match inflected ("в Катаре",
"в Саудовской Аравии") and Arabic names with a leading clitic ("بقطر", "والسعودية"). A country right after a
"from" cue ("soy de Nepal", "from Nepal") or before a postposition ("नेपाल से", "Nepal theke") is the home
country (role `home`).
"""
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Optional

import spacy
import yaml

from bot import ROOT
from bot.country.names import names_for, strip_accents

CUES_FILE = ROOT / "content" / "countries" / "home_cues.yml"
LABEL = "COUNTRY"
_RU_ENDINGS = "аеёиоуыэюяйь"
_AR_CLITICS = "(?:و|ف|ب|ل|وب|وفي|في|لل|بال)?"
# case endings written onto the name: Nepali "कतारमा" (in Qatar), Bengali "সিঙ্গাপুরে" (in Singapore)
_SUFFIXES = {"ne": ("मा", "को", "बाट", "ma", "ko", "bata"), "bn": ("ে", "এ", "য়", "য়ে", "তে", "র", "ের", "e", "te", "r", "er")}
_ARTICLES = {"the", "el", "la", "los", "las", "le", "les", "l'", "o", "a", "os", "as", "al"}
_BLANK_FALLBACK = "xx"


@dataclass(frozen=True)
class CountryMention:
    code: str
    text: str
    start: int
    end: int
    role: Optional[str] = None  # "home" when the user comes from there


def _russian_token_pattern(word: str) -> Dict:
    stem = word.lower().rstrip(_RU_ENDINGS)
    if len(stem) < 3:
        return {"LOWER": word.lower()}
    return {"LOWER": {"REGEX": f"^{re.escape(stem)}[{_RU_ENDINGS}]{{0,3}}$"}}


def _patterns(language: str, nlp) -> List[Dict]:
    patterns = []
    for name, code in names_for(language).items():
        patterns.append({"label": LABEL, "pattern": name, "id": code})
        words = [t.text for t in nlp.make_doc(name)]
        if language == "ru" and re.search("[а-яё]", name.lower()):
            patterns.append({"label": LABEL, "id": code, "pattern": [_russian_token_pattern(w) for w in words]})
        if language in _SUFFIXES and len(words) == 1:
            ending = "|".join(re.escape(x) for x in _SUFFIXES[language])
            patterns.append({"label": LABEL, "id": code,
                             "pattern": [{"LOWER": {"REGEX": f"^{re.escape(name.lower())}(?:{ending})$"}}]})
        if language == "ar" and re.search("[\u0600-\u06ff]", name) and len(words) == 1:
            body = name[2:] if name.startswith("ال") else name
            regex = f"^{_AR_CLITICS}(?:ال)?{re.escape(body)}$"
            patterns.append({"label": LABEL, "id": code, "pattern": [{"TEXT": {"REGEX": regex}}]})
    return patterns


@functools.lru_cache(maxsize=None)
def _pipeline(language: str):
    try:
        nlp = spacy.blank(language)
    except Exception:  # a language spaCy cannot build: language-neutral tokens
        nlp = spacy.blank(_BLANK_FALLBACK)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(_patterns(language, nlp))
    return nlp


@functools.lru_cache(maxsize=None)
def _cues() -> Dict[str, Dict[str, List[str]]]:
    return yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))["cues"]


def _is_home(text: str, start: int, end: int, language: str) -> bool:
    cues = _cues().get(language, {})
    before_text = strip_accents(text[max(0, start - 25):start].lower())
    if language == "zh":  # no spaces: the cue is written right before the name
        return any(before_text.rstrip().endswith(cue) for cue in cues.get("before", []))
    before = [w for w in before_text.split() if w not in _ARTICLES]
    after = strip_accents(text[end:end + 15].lower()).split()
    before_cues = [strip_accents(c.lower()).split() for c in cues.get("before", [])]
    after_cues = [strip_accents(c.lower()) for c in cues.get("after", [])]
    if any(cue and before[-len(cue):] == cue for cue in before_cues):
        return True
    return bool(after) and any(after[0].startswith(cue) for cue in after_cues)


def find_countries(text: str, language: str) -> List[CountryMention]:
    """Countries named in `text` (a message in `language`), in order; the first non-home one is where the user is."""
    text = unicodedata.normalize("NFC", text or "")[:2000]
    doc = _pipeline(language)(text)
    mentions = []
    for ent in doc.ents:
        role = "home" if _is_home(text, ent.start_char, ent.end_char, language) else None
        mentions.append(CountryMention(ent.ent_id_, ent.text, ent.start_char, ent.end_char, role))
    return mentions


def warm_up(languages) -> None:
    for language in languages:
        find_countries("warm up", language)
