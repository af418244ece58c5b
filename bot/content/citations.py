"""Source lines for topic answers, built from content/layout.yml and the vendored rights facts."""
import functools
from typing import Dict, List, Tuple

import yaml

from bot import ROOT

LAYOUT_FILE = ROOT / "content" / "layout.yml"
FACTS_FILE = ROOT / "content" / "reference" / "rights_facts.yml"


@functools.lru_cache(maxsize=None)
def layout() -> Dict:
    return yaml.safe_load(LAYOUT_FILE.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def facts() -> Dict[str, Dict]:
    return {fact["id"]: fact for fact in yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))}


def needs_local_check(fact: Dict) -> bool:
    """Low confidence, or any source known only from the compiler's memory: say "check locally"."""
    return fact.get("confidence") == "low" or any(
        source.get("verification") == "compiler_knowledge" for source in fact.get("sources", [])
    )


def topic_citations(topic: str) -> List[Tuple[str, bool]]:
    """(short citation, needs a local check) for each fact a topic answer rests on."""
    short = layout()["citations"]
    return [(short[fact_id], needs_local_check(facts()[fact_id])) for fact_id in layout()["topics"].get(topic, [])]


def source_line(topic: str, source_label: str, check_label: str) -> str:
    parts = [f"{citation} ({check_label})" if check else citation for citation, check in topic_citations(topic)]
    return f"{source_label}: " + "; ".join(parts) if parts else ""
