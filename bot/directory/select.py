"""Which services to offer: by the topic's need (`refer_to` in topics.yml), the user's country and language.

Preferred: the deployment's own hotline, then services of the needed types in the order the topic lists
them, that are free, 24/7, anonymous, speak the user's language — and, when the user has no papers or fears
deportation, that are not police or immigration. Low-confidence entries only when the deployment shows
unverified services, and then flagged.
"""
import functools
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import yaml

from bot import ROOT
from bot.directory.directory import services_of

TOPICS_FILE = ROOT / "content" / "reference" / "topics.yml"
GENERAL_NEED = "find_help"
SHOWN_ELSEWHERE = {"emergency"}  # emergency numbers have their own line


@functools.lru_cache(maxsize=None)
def refer_to() -> Dict[str, Tuple[str, ...]]:
    topics = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))["topics"]
    return {topic: tuple(spec.get("refer_to", [])) for topic, spec in topics.items()}


def need_types(topic: Optional[str]) -> Tuple[str, ...]:
    types = refer_to().get(topic or GENERAL_NEED) or refer_to()[GENERAL_NEED]
    return tuple(t for t in types if t not in SHOWN_ELSEWHERE)


@dataclass(frozen=True)
class Request:
    country: str
    topic: Optional[str] = None
    language: str = "en"
    home_country: Optional[str] = None
    avoid_authorities: bool = False
    show_unverified: bool = False
    first_organisation: Optional[str] = None  # the deployment's own hotline


def reachable(service: Dict) -> bool:
    return any(service.get(field) for field in ("phones", "sms", "whatsapp", "viber", "emails", "web", "chat_web", "how_to_reach"))


def relevant(service: Dict, request: Request) -> bool:
    if service["type"] == "embassy" or "embassy" in service.get("secondary_types", []):
        served = service.get("serves_nationals_of") or []
        if served and request.home_country not in served:
            return False  # another country's embassy is no help
    if service.get("confidence") == "low" and not request.show_unverified:
        return False
    return reachable(service)


def score(service: Dict, request: Request, types: Tuple[str, ...]) -> float:
    kinds = [service["type"], *service.get("secondary_types", [])]
    rank = min((types.index(kind) for kind in kinds if kind in types), default=len(types))
    points = 10.0 * (len(types) - rank)
    points += sum(1.0 for flag in ("free", "hours_24_7", "anonymous") if service.get(flag))
    points += 1.5 if request.language in service.get("languages", []) else 0.0
    points += {"high": 1.0, "medium": 0.5}.get(service.get("confidence"), 0.0)
    points += 0.5 if service.get("phones") else 0.0
    if request.avoid_authorities:
        points += {True: 8.0, False: -8.0}.get(service.get("not_police"), 0.0)
    if request.first_organisation and service["organisation"] == request.first_organisation:
        points += 100.0
    if request.home_country and request.home_country in service.get("serves_nationals_of", []):
        points += 3.0
    return points


def choose(request: Request, limit: int = 3) -> List[Dict]:
    """Up to `limit` services of the country for the request, best first, each with `unverified` set."""
    candidates = [s for s in services_of(request.country) if relevant(s, request)]
    for types in (need_types(request.topic), need_types(GENERAL_NEED)):  # the topic's need, else any help
        wanted = [s for s in candidates if {s["type"], *s.get("secondary_types", [])} & set(types)]
        if wanted:
            break
    ranked = sorted(wanted, key=lambda s: -score(s, request, types))
    return [dict(s, unverified=s.get("confidence") == "low") for s in ranked[:limit]]


def home_services(request: Request, limit: int = 2) -> List[Dict]:
    """Services in the user's home country for its nationals abroad (migrant helplines), when known."""
    if not request.home_country or request.home_country == request.country:
        return []
    home = Request(country=request.home_country, topic=GENERAL_NEED, language=request.language,
                   home_country=request.home_country, show_unverified=request.show_unverified)
    return [s for s in choose(home, limit=5) if s["type"] in ("migrant_helpline", "embassy")][:limit]
