"""Emergency recall and false alarms per language on the held-out sets (tests/emergency/), plus the handoff
intents (tests/nlu_handoff/) and country recognition (tests/country/). Prints the figures and writes
reports/emergency.md.  python -m scripts.bench_emergency [model path]"""
import asyncio
import sys
from collections import defaultdict
from pathlib import Path

from bot import ROOT
from bot.country.matcher import find_countries
from bot.emergency.net import match
from bot.nlu_data import EMERGENCY_FRESH_DIR, emergency_heldout_examples, handoff_heldout_examples
from scripts.bench_nlu import _parse_all

import yaml

REPORT = ROOT / "reports" / "emergency.md"


def country_accuracy():
    scores = {}
    for path in sorted((ROOT / "tests" / "country").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        hits = 0
        for case in data["cases"]:
            where = next((m.code for m in find_countries(case["text"], data["language"]) if m.role != "home"), None)
            hits += where == case["country"]
        scores[data["language"]] = (hits, len(data["cases"]))
    return scores


def main(model_path: Path) -> None:
    emergency, handoff = emergency_heldout_examples(EMERGENCY_FRESH_DIR), handoff_heldout_examples()
    parsed = asyncio.run(_parse_all(model_path, [e.text for e in emergency + handoff]))
    intents = [(p.get("intent") or {}).get("name") for p in parsed]
    rows = defaultdict(lambda: defaultdict(int))
    for example, intent in zip(emergency, intents):
        row = rows[example.language]
        key = "e" if example.intent == "emergency" else "n"
        row[key] += 1
        row[key + "_hit"] += intent == "emergency"
        row[key + "_net"] += bool(match(example.text))
    handoff_rows = defaultdict(lambda: [0, 0])
    for example, intent in zip(handoff, intents[len(emergency):]):
        handoff_rows[example.language][0] += intent == example.intent
        handoff_rows[example.language][1] += 1
    countries = country_accuracy()
    lines = ["# Emergency path, handoff intents and country recognition (held-out sets)", "",
             "Emergency: tests/emergency_fresh/ (written blind, after the phrase net was built).", "",
             "| language | emergency recall (net + classifier) | net alone | false alarms | handoff intents | country |",
             "| --- | --- | --- | --- | --- | --- |"]
    for language in sorted(rows):
        r = rows[language]
        h = handoff_rows[language]
        c = countries.get(language, (0, 1))
        lines.append(f"| {language} | {r['e_hit']}/{r['e']} = {r['e_hit'] / r['e']:.3f} | {r['e_net'] / r['e']:.3f} | "
                     f"{r['n_hit']}/{r['n']} | {h[0]}/{h[1]} = {h[0] / h[1]:.2f} | {c[0]}/{c[1]} |")
    total_hit, total = sum(r["e_hit"] for r in rows.values()), sum(r["e"] for r in rows.values())
    lines += ["", f"All languages: emergency recall {total_hit}/{total} = {total_hit / total:.3f}"]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "models" / "kyra.tar.gz")
