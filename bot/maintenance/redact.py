"""Remove personal data from user messages before a maintainer reads them (`make review`).

Replaced, in this order of precedence where matches overlap:
  [EMAIL]   e-mail addresses;
  [PHONE]   phone numbers libphonenumber finds in the text for any of its regions (6+ digits, any digits:
            ASCII, Arabic-Indic, Devanagari, full-width ...);
  [ID]      passport/ID-like tokens: letters and 3+ digits in one word (P1234567, X1234567L), not "5000rs";
  [NUMBER]  any other run of 6+ digits, separators allowed ("45 06 123456", "12/05/2023", amounts too);
  [NAME]    words after a name cue of bot/maintenance/name_cues.yml ("my name is", "me llamo", "اسمي",
            "我叫", "ako si", "Pak" + a capitalised word ...).
Limits: a second Arabic name word starting with و ("and") is kept; names without a cue ("Maria took my passport"), lowercase names after a weak cue, obfuscated
addresses ("maria at gmail dot com"), numbers written in words, 5-digit numbers, and addresses or places
are NOT found. Redaction errs towards removing too much (amounts of 6+ digits, a word after a name).
"""
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

import phonenumbers
import yaml

CUES_FILE = Path(__file__).with_name("name_cues.yml")
PLACEHOLDERS = ("EMAIL", "PHONE", "ID", "NUMBER", "NAME")
_PRECEDENCE = {kind: rank for rank, kind in enumerate(PLACEHOLDERS)}
MIN_PHONE_DIGITS = 6

EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
DIGIT_RUN = re.compile(r"\+?\d(?:[\s.\-/()]{0,2}\d){5,}")
ID_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9\-/]*[A-Za-z0-9](?![A-Za-z0-9])")
# A word: letters of any script with their combining marks (Python's \w misses Devanagari vowel signs).
WORD = re.compile(r"[^\s\d.,!?;:()\[\]{}\"“”«»،؟。，！？、…/\\|@#$%^&*+=<>~`]+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff·]{1,3}")
_SEPARATOR = re.compile(r"[\s:,\-–—]*")


@dataclass
class Redaction:
    text: str
    counts: Dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.counts)


@functools.lru_cache(maxsize=None)
def cue_data() -> Dict:
    return yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))


def _cue_pattern(cue: str) -> str:
    body = r"\s+".join(re.escape(part) for part in cue.split())
    if any("\u3400" <= c <= "\u9fff" for c in cue):  # Chinese is written without spaces
        return body
    return r"(?<![^\W_])" + body + r"(?![^\W_])" if cue[-1].isalnum() else r"(?<![^\W_])" + body


@functools.lru_cache(maxsize=None)
def _cues() -> Tuple[Tuple[re.Pattern, bool], ...]:
    """(pattern, strong) for every cue of every language, longest first."""
    cues = []
    for spec in cue_data()["languages"].values():
        cues += [(cue, True) for cue in spec.get("strong") or []]
        cues += [(cue, False) for cue in spec.get("weak") or []]
    cues.sort(key=lambda c: -len(c[0]))
    return tuple((re.compile(_cue_pattern(cue), re.IGNORECASE), strong) for cue, strong in cues)


@functools.lru_cache(maxsize=None)
def _stop_words() -> frozenset:
    return frozenset(w.casefold() for spec in cue_data()["languages"].values() for w in spec.get("stop") or [])


@functools.lru_cache(maxsize=None)
def _not_name_start() -> str:
    return "".join(spec.get("not_name_start") or "" for spec in cue_data()["languages"].values())


@functools.lru_cache(maxsize=None)
def _units() -> frozenset:
    return frozenset(u.casefold() for u in cue_data().get("units") or [])


def _cased(word: str) -> bool:
    return word[:1].isupper() or word[:1].islower()


def _name_after(text: str, start: int, strong: bool) -> List[Tuple[int, int]]:
    """Spans of the name words that follow a cue ending at `start`."""
    position = _SEPARATOR.match(text, start).end()
    han = HAN.match(text, position)
    if han and strong:
        return [] if han.group()[0] in _not_name_start() else [han.span()]
    spans: List[Tuple[int, int]] = []
    while len(spans) < 4:
        word = WORD.match(text, position)
        if not word:
            break
        token = word.group()
        if token.casefold() in _stop_words() or token.startswith("["):
            break
        first = not spans
        if _cased(token):
            if not token[0].isupper() and not (first and strong):
                break
        elif not strong or len(spans) >= 2:  # no case: only after a strong cue, at most two words
            break
        elif spans and token.startswith("و") and len(token) > 3:  # Arabic "and ...": the name has ended
            break
        spans.append(word.span())
        following = re.match(r"[ \t]+", text[word.end():])  # the name continues only within spaces
        if not following:
            break
        position = word.end() + following.end()
    return spans


def _name_spans(text: str) -> List[Tuple[int, int]]:
    """Name words after cues; a cue inside a longer one that matched ("my name" in "my name is") is skipped."""
    cues: List[Tuple[int, int, bool]] = []
    for pattern, strong in _cues():  # longest first
        for match in pattern.finditer(text):
            if all(match.end() <= s or match.start() >= e for s, e, _ in cues):
                cues.append((match.start(), match.end(), strong))
    spans = []
    for _, end, strong in cues:
        spans += _name_after(text, end, strong)
    return spans


def _phone_spans(text: str) -> List[Tuple[int, int]]:
    if sum(c.isdigit() for c in text) < MIN_PHONE_DIGITS:
        return []
    spans = set()
    for region in phonenumbers.SUPPORTED_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            if sum(c.isdigit() for c in match.raw_string) >= MIN_PHONE_DIGITS:
                spans.add((match.start, match.end))
    return sorted(spans)


def _id_spans(text: str) -> List[Tuple[int, int]]:
    spans = []
    for token in ID_TOKEN.finditer(text):
        word = token.group()
        digits = sum(c.isdigit() for c in word)
        letters = "".join(c for c in word if c.isalpha())
        if digits >= 3 and letters and len(word) >= 5 and letters.casefold() not in _units():
            spans.append(token.span())
    return spans


def find(text: str) -> List[Tuple[int, int, str]]:
    """Non-overlapping (start, end, kind) spans of personal data in `text`."""
    found = [(s, e, "EMAIL") for s, e in (m.span() for m in EMAIL.finditer(text))]
    found += [(s, e, "PHONE") for s, e in _phone_spans(text)]
    found += [(s, e, "ID") for s, e in _id_spans(text)]
    found += [(s, e, "NUMBER") for s, e in (m.span() for m in DIGIT_RUN.finditer(text))]
    found += [(s, e, "NAME") for s, e in _name_spans(text)]
    chosen: List[Tuple[int, int, str]] = []
    for start, end, kind in sorted(found, key=lambda f: (_PRECEDENCE[f[2]], f[0], -f[1])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, kind))
    merged: List[Tuple[int, int, str]] = []
    for start, end, kind in sorted(chosen):  # "José Luis" -> one [NAME]
        if merged and kind == merged[-1][2] == "NAME" and not text[merged[-1][1]:start].strip():
            merged[-1] = (merged[-1][0], end, kind)
        else:
            merged.append((start, end, kind))
    return merged


def redact(text: str) -> Redaction:
    """The text with personal data replaced by [EMAIL], [PHONE], [ID], [NUMBER], [NAME]."""
    counts: Dict[str, int] = {}
    for start, end, kind in reversed(find(text)):
        text = text[:start] + f"[{kind}]" + text[end:]
        counts[kind] = counts.get(kind, 0) + 1
    return Redaction(text, counts)


def contact_details(text: str) -> List[str]:
    """Kinds of contact data still in a text (for checking annotated files): 'EMAIL', 'PHONE', 'NUMBER'."""
    return sorted({kind for _, _, kind in find(text) if kind in ("EMAIL", "PHONE", "NUMBER")})
