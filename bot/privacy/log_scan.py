"""Find personal data in logs (or any text file): phone numbers and exact secrets.

`find_leaks(text, secrets)` returns what it found, masked (a finding never repeats the secret):
- every string of `secrets` (message texts, sender ids, Telegram ids, tokens, referral tokens), also in the
  forms logs write it: JSON-escaped (`Espa\\u00f1a`), URL-encoded (`%20`, `+`), Python repr;
- phone numbers `phonenumbers.PhoneNumberMatcher` recognises as valid for any region of data/directory/
  (and any number written with +country code) with at least 7 national digits: phonenumbers takes 4-6 digit
  German numbers as valid (+49 1684), so byte counts and latencies (`bytes=1684 seconds=16.896`) were flagged,
  while a mobile number has 7 digits or more in every directory country;
- the numbers of data/directory/*.yml (`kind: phone`; short codes like 112 are left out: as bare digits they
  are everywhere in logs), written in any format.
Used by tests/test_log_privacy.py on KYRA's logs and databases, and reusable on nginx/PostgreSQL/Redis logs.
"""
import functools
import json
import re
import urllib.parse
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import phonenumbers
import yaml

from bot.directory.directory import DIRECTORY_DIR, countries

MIN_SECRET = 4  # shorter strings ("yes", "-") are everywhere; callers pass distinctive texts
NUMBER_RUN = re.compile(r"\+?\d[\d \t().\-]{5,}\d")  # where a phone number could be
MIN_DIRECTORY_DIGITS = 7
MIN_PHONE_DIGITS = 7


@dataclass(frozen=True)
class Finding:
    kind: str  # "secret", "phone" or "directory number"
    line: int  # 1-based line of the text
    hint: str  # masked: the first two characters and the length

    def __str__(self) -> str:
        return f"line {self.line}: {self.kind} {self.hint}"


def mask(value: str) -> str:
    return f"{value[:2]}… ({len(value)} chars)"


def variants(secret: str) -> Set[str]:
    """The secret as logs may write it."""
    forms = {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1], repr(secret)[1:-1],
             urllib.parse.quote(secret), urllib.parse.quote_plus(secret), urllib.parse.quote(secret, safe="")}
    return {form for form in forms if form}


@functools.lru_cache(maxsize=None)
def directory_numbers() -> Tuple[str, ...]:
    """National significant numbers of every `kind: phone` number in data/directory/*.yml."""
    found: Set[str] = set()

    def walk(node, region: str) -> None:
        if isinstance(node, dict):
            if node.get("kind") == "phone" and node.get("number"):
                try:
                    parsed = phonenumbers.parse(str(node["number"]), region)
                    found.add(phonenumbers.national_significant_number(parsed))
                except phonenumbers.NumberParseException:
                    pass
            for value in node.values():
                walk(value, region)
        elif isinstance(node, list):
            for value in node:
                walk(value, region)

    for path in sorted(DIRECTORY_DIR.glob("*.yml")):
        if path.stem != "schema":
            walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem.upper())
    return tuple(sorted(n for n in found if len(n) >= MIN_DIRECTORY_DIGITS))


@functools.lru_cache(maxsize=None)
def default_regions() -> Tuple[str, ...]:
    return tuple(countries())


def _phones(line: str, regions: Sequence[str]) -> List[str]:
    """The valid phone numbers in `line` for any of `regions`, each once."""
    found: Dict[str, None] = {}
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(line, region, leniency=phonenumbers.Leniency.VALID):
            if len(phonenumbers.national_significant_number(match.number)) >= MIN_PHONE_DIGITS:
                found.setdefault(match.raw_string)
    return list(found)


def find_leaks(log_text: str, secrets: Iterable[str] = (), regions: Optional[Sequence[str]] = None,
               numbers: Optional[Sequence[str]] = None, min_length: int = MIN_SECRET) -> List[Finding]:
    """Personal data in `log_text`: the `secrets` (strings shorter than `min_length` are ignored), valid phone
    numbers of `regions` (default: the directory's countries), and `numbers` (default: the directory's)."""
    regions = default_regions() if regions is None else regions
    numbers = directory_numbers() if numbers is None else numbers
    forms = sorted({(form, secret) for secret in secrets if len(secret) >= min_length for form in variants(secret)})
    findings: List[Finding] = []
    for number, line in enumerate(log_text.splitlines(), 1):
        reported: Set[str] = set()
        for form, secret in forms:
            if form in line and secret not in reported:
                reported.add(secret)
                findings.append(Finding("secret", number, mask(secret)))
        runs = NUMBER_RUN.findall(line)
        if not runs:
            continue
        for phone in _phones(line, regions):
            findings.append(Finding("phone", number, mask(phone)))
        for digits in {re.sub(r"\D", "", run) for run in runs}:
            for known in numbers:
                if known in digits:
                    findings.append(Finding("directory number", number, mask(known)))
    return findings


def scan_files(paths: Iterable, secrets: Iterable[str] = (), **options) -> List[Tuple[str, Finding]]:
    """find_leaks over files (bytes read as UTF-8, undecodable bytes replaced: databases too)."""
    from pathlib import Path
    secrets = list(secrets)
    return [(str(path), finding) for path in map(Path, paths) if path.is_file()
            for finding in find_leaks(path.read_bytes().decode("utf-8", "replace"), secrets, **options)]
