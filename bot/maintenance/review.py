"""The review loop: export the messages the bot understood badly from the tracker store, redacted, for a
maintainer to annotate (`make review`), then check an annotated file and merge it into the training data
(`make review-apply`). Message texts are never printed: only counts.
"""
import datetime as dt
import json
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

import yaml

from bot.maintenance.redact import contact_details, redact
from bot.maintenance.tree import Tree, load_yaml
from bot.nlu_data import fold

FALLBACK_INTENT = "nlu_fallback"
HELPFUL, NOT_HELPFUL = "feedback_helpful", "feedback_not_helpful"
LOW_CONFIDENCE = 0.5
REVIEW_FILE = "review.yml"
SKIP = ("skip", "-")
NOT_ANNOTATABLE = ("unsupported_language", FALLBACK_INTENT)


# --- where the conversations are ---------------------------------------------------------------------

def _substitute(value, env):
    if isinstance(value, str):
        return re.sub(r"\$\{(\w+)\}", lambda m: env.get(m.group(1), ""), value)
    return value


def tracker_store_url(root: Path, env: Optional[Dict[str, str]] = None) -> str:
    """SQLAlchemy URL of the tracker store: $TRACKER_STORE_URL, else the SQL `tracker_store` of endpoints.yml
    (environment variables filled in), else SQLite at $TRACKER_DB (default ./kyra.db)."""
    import sqlalchemy as sa

    env = dict(os.environ if env is None else env)
    env.setdefault("TRACKER_DB", str(root / "kyra.db"))
    if env.get("TRACKER_STORE_URL"):
        return env["TRACKER_STORE_URL"]
    endpoints = root / "endpoints.yml"
    config = ((load_yaml(endpoints) or {}).get("tracker_store") or {}) if endpoints.exists() else {}
    config = {k: _substitute(v, env) for k, v in config.items()}
    if str(config.get("type", "")).lower() != "sql":
        return f"sqlite:///{env['TRACKER_DB']}"
    host = config.get("url") or None
    if host and "://" in host:
        return host
    port = config.get("port")
    return str(sa.engine.URL.create(config.get("dialect") or "sqlite", config.get("username") or None,
                                    config.get("password") or None, host, int(port) if port else None,
                                    config.get("login_db") or config.get("db") or env["TRACKER_DB"]))


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    import sqlalchemy as sa

    try:
        return repr(sa.engine.make_url(url))
    except Exception:  # not a URL sqlalchemy can read: say nothing about it
        return "(unreadable URL)"


@dataclass
class Row:
    sender_id: str
    type_name: str
    timestamp: float
    intent_name: Optional[str]
    data: Dict


class NoConversations(Exception):
    """The tracker store has no conversations to read (no database file, or no `events` table yet)."""


def read_events(url: str, since: Optional[float] = None) -> Iterator[Row]:
    """User and slot events of the `events` table Rasa's SQLTrackerStore writes, per sender in order."""
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and not Path(parsed.database).exists():
        raise NoConversations(f"no database file at {parsed.database} (has the bot run with this TRACKER_DB?)")
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table("events"):
            raise NoConversations("the database has no `events` table: the bot has stored no conversation there")
        table = sa.Table("events", sa.MetaData(), autoload_with=engine)
        query = sa.select(table.c.sender_id, table.c.type_name, table.c.timestamp, table.c.intent_name,
                          table.c.data).where(table.c.type_name.in_(("user", "slot")))
        if since is not None:
            query = query.where(table.c.timestamp >= since)
        query = query.order_by(table.c.sender_id, table.c.id)
        with engine.connect() as connection:
            for sender_id, type_name, timestamp, intent_name, data in connection.execute(query):
                try:
                    parsed = json.loads(data or "{}")
                except ValueError:
                    parsed = {}
                yield Row(sender_id, type_name, timestamp or 0.0, intent_name, parsed)
    finally:
        engine.dispose()


# --- what to review ----------------------------------------------------------------------------------

@dataclass
class Candidate:
    text: str
    language: Optional[str]
    predicted: str
    confidence: float
    reasons: List[str] = field(default_factory=list)


@dataclass
class Export:
    items: Dict[str, List[Dict]]
    counts: Counter


def _prediction(parse_data: Dict) -> Tuple[str, float, bool]:
    """(best real intent, its confidence, whether the fallback fired)."""
    intent = parse_data.get("intent") or {}
    name, confidence = intent.get("name") or "", float(intent.get("confidence") or 0.0)
    if name != FALLBACK_INTENT:
        return name, confidence, False
    ranking = [r for r in parse_data.get("intent_ranking") or [] if r.get("name") != FALLBACK_INTENT]
    if ranking:
        return ranking[0]["name"], float(ranking[0].get("confidence") or 0.0), True
    return FALLBACK_INTENT, confidence, True


def select(rows: Iterable[Row], counts: Counter) -> List[Candidate]:
    """User messages that fell to nlu_fallback, got intent confidence < 0.5, or were followed by a
    `feedback_not_helpful` answer (the last typed message before it)."""
    chosen: List[Candidate] = []
    sender, slot_language, last_typed = None, None, None
    for row in rows:
        if row.sender_id != sender:
            sender, slot_language, last_typed = row.sender_id, None, None
        if row.type_name == "slot":
            if row.data.get("name") == "language" and row.data.get("value"):
                slot_language = row.data["value"]
            continue
        text = (row.data.get("text") or "").strip()
        parse_data = row.data.get("parse_data") or {}
        intent = row.intent_name or (parse_data.get("intent") or {}).get("name")
        if intent in (HELPFUL, NOT_HELPFUL):
            counts["helpful" if intent == HELPFUL else "not helpful"] += 1
            if intent == NOT_HELPFUL and last_typed is not None and "not_helpful" not in last_typed.reasons:
                if not last_typed.reasons:
                    chosen.append(last_typed)
                last_typed.reasons.append("not_helpful")
            continue
        if not text or text.startswith("/"):  # a button payload: nothing to learn from
            continue
        counts["user messages"] += 1
        predicted, confidence, fell_back = _prediction(parse_data)
        language = (parse_data.get("language") or {}).get("code") or slot_language
        last_typed = Candidate(text, language, predicted, confidence)
        if fell_back:
            last_typed.reasons.append(FALLBACK_INTENT)
        elif confidence < LOW_CONFIDENCE:
            last_typed.reasons.append("low_confidence")
        if last_typed.reasons:
            chosen.append(last_typed)
    return chosen


def build_export(tree: Tree, rows: Iterable[Row]) -> Export:
    """Redacted review items grouped by language; known examples, duplicates and unsupported languages left out."""
    counts: Counter = Counter()
    languages = tree.languages()
    known = {(e.language, fold(e.text)) for e in tree.training_examples() + tree.all_heldout_examples()}
    seen = set()
    items: Dict[str, List[Dict]] = defaultdict(list)
    for candidate in select(rows, counts):
        if candidate.predicted == "unsupported_language" or candidate.language not in languages:
            counts["left out: language not supported"] += 1
            continue
        redaction = redact(candidate.text)
        for kind, n in redaction.counts.items():
            counts[f"redacted {kind}"] += n
        key = (candidate.language, fold(redaction.text))
        if key in known:
            counts["left out: already an example"] += 1
            continue
        if key in seen:
            counts["left out: repeated"] += 1
            continue
        seen.add(key)
        for reason in candidate.reasons:
            counts[f"reason {reason}"] += 1
        items[candidate.language].append({
            "text": redaction.text, "language": candidate.language, "predicted": candidate.predicted,
            "confidence": round(candidate.confidence, 3), "reason": ", ".join(candidate.reasons), "intent": None})
    counts["exported"] = sum(len(v) for v in items.values())
    return Export({code: items[code] for code in languages if items.get(code)}, counts)


HEADER = """\
# KYRA review file: messages the bot understood badly, with personal data replaced by [NAME], [PHONE],
# [EMAIL], [ID], [NUMBER] (automatic: check each text, and delete anything personal that is left).
# For each item write after `intent:` the intent the user meant (an intent of domain.yml, e.g. unpaid_wages;
# see docs/training-data-guide.md), or leave it empty / write `skip` to leave the item out.
# You may correct `language:` and edit `text:`. `predicted`, `confidence` and `reason` are for information.
# Then: make review-apply FILE={path}
# Real user messages: keep this file inside the team, do not commit it, delete it once applied.
"""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))


def write_export(export: Export, folder: Path, today: Optional[dt.date] = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"review-{(today or dt.date.today()).isoformat()}"
    path, n = folder / f"{stem}.yml", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.yml", n + 1
    body = yaml.dump({"generated": dt.datetime.now().replace(microsecond=0).isoformat(), "items": export.items},
                     Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    path.write_text(HEADER.replace("{path}", shown) + body, encoding="utf-8")
    return path


# --- applying an annotated file ------------------------------------------------------------------------

class ReviewFileError(Exception):
    """The annotated file cannot be merged; `problems` says why, item by item."""

    def __init__(self, problems: List[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _items(data) -> Iterator[Tuple[str, Dict]]:
    """(label for messages, item) of an annotated file: `items:` grouped by language, or a flat list."""
    items = data.get("items") if isinstance(data, dict) else data
    groups = items.items() if isinstance(items, dict) else [("items", items)]
    for group, entries in groups:
        for n, item in enumerate(entries or [], 1):
            yield f"{group} item {n}", item


def check_annotations(tree: Tree, path: Path) -> List[Dict]:
    """The annotated items to add ({text, language, intent}); raises ReviewFileError listing every problem."""
    try:
        data = load_yaml(path)
    except (OSError, yaml.YAMLError) as error:
        raise ReviewFileError([f"{path}: cannot read it as YAML: {error}"])
    if not isinstance(data, (dict, list)) or (isinstance(data, dict) and "items" not in data):
        raise ReviewFileError([f"{path}: expected `items:` (as written by `make review`)"])
    intents = set(tree.domain_intents()) - set(NOT_ANNOTATABLE)
    languages = set(tree.languages())
    known = {(e.language, fold(e.text)) for e in tree.training_examples() + tree.all_heldout_examples()}
    problems, accepted, seen = [], [], {}
    for label, item in _items(data):
        if not isinstance(item, dict):
            problems.append(f"{label}: not a `text:/language:/intent:` entry")
            continue
        intent = str(item.get("intent") or "").strip()
        if not intent or intent.lower() in SKIP:
            continue
        text = " ".join(str(item.get("text") or "").split())
        language = str(item.get("language") or "").strip()
        errors = []
        if intent not in intents:
            errors.append(f"intent '{intent}' is not an intent of domain.yml")
        if language not in languages:
            errors.append(f"language '{language}' is not in content/languages.yml")
        if not text:
            errors.append("text is empty")
        elif text.startswith("/"):
            errors.append("text is a button payload, not a message")
        else:
            leaks = contact_details(text)
            if leaks:
                errors.append(f"text still holds personal data ({', '.join(leaks)}): replace it with "
                              f"[{leaks[0]}] or delete it")
            key = (language, fold(text))
            if key in known:
                errors.append("text is already a training or test example")
            elif key in seen:
                errors.append(f"text repeats {seen[key]}")
            seen.setdefault(key, label)
        if errors:
            problems.append(f"{label}: " + "; ".join(errors))
        else:
            accepted.append({"text": text, "language": language, "intent": intent})
    if problems:
        raise ReviewFileError(problems)
    return accepted


def read_review_data(path: Path) -> Dict[str, List[str]]:
    """intent -> examples of an existing data/nlu/<lang>/review.yml."""
    found: Dict[str, List[str]] = defaultdict(list)
    if path.exists():
        from bot.nlu_data import parse_examples

        for block in (load_yaml(path) or {}).get("nlu") or []:
            if isinstance(block, dict) and "intent" in block:
                found[block["intent"]].extend(parse_examples(block.get("examples") or ""))
    return found


def write_review_data(path: Path, language: str, examples: Dict[str, List[str]], order: List[str]) -> None:
    lines = [f"# {language} examples from real conversations: redacted by `make review`, annotated by maintainers,",
             "# merged by `make review-apply`. Human-annotated (reviewed: true). Edit with care; never add personal data.",
             'version: "3.1"', "nlu:"]
    for intent in sorted(examples, key=lambda i: (order.index(i) if i in order else len(order), i)):
        if not examples[intent]:
            continue
        lines += [f"- intent: {intent}", "  metadata:", f"    language: {language}", "    reviewed: true",
                  "  examples: |"]
        lines += [f"    - {text}" for text in examples[intent]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def apply_annotations(tree: Tree, path: Path) -> Dict[str, Counter]:
    """Check the annotated file, then add its examples to data/nlu/<lang>/review.yml.
    Returns {language: Counter(intent -> examples added)}; raises ReviewFileError and writes nothing on a problem."""
    accepted = check_annotations(tree, path)
    added: Dict[str, Counter] = defaultdict(Counter)
    by_language: Dict[str, List[Dict]] = defaultdict(list)
    for item in accepted:
        by_language[item["language"]].append(item)
    for language, items in by_language.items():
        target = tree.train_dir / language / REVIEW_FILE
        examples = read_review_data(target)
        for item in items:
            examples[item["intent"]].append(item["text"])
            added[language][item["intent"]] += 1
        write_review_data(target, language, examples, tree.domain_intents())
    return dict(added)
