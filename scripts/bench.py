"""`make bench`: the figures the foundation issue asks for, printed and written to reports/bench.md.

1. training time of a full (forced) `rasa train` of KYRA;
2. NLU intent accuracy and macro-F1 per language on the held-out sets (tests/nlu/);
3. language identification by message length, KYRA's identifier vs plain langdetect (tests/langid/);
4. REST turn latency p50/p95 and messages/s at concurrency 1/8/32, KYRA vs a bare `rasa init` bot
   trained and measured in the same run; Rasa server memory (RSS) after the load.
"""
import random
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Dict, List

from bot import ROOT
from bot.language.languages import supported
from bot.nlu_data import heldout_examples
from scripts.bench_nlu import BUCKETS, langid_scores, nlu_scores
from scripts.bench_rest import measure, rss_mb
from scripts.servers import RASA, rasa_env, rasa_server

REPORT = ROOT / "reports" / "bench.md"
REQUESTS = 160
BARE_MESSAGES = ["hello", "I am very sad", "yes", "that helped", "goodbye", "are you a bot?", "great"]


def train(out: Path, cwd: Path = ROOT, extra: List[str] = ()) -> float:
    started = time.perf_counter()
    subprocess.run([RASA, "train", "--force", "--out", str(out), "--fixed-model-name", "bench", "--num-threads", "2",
                    *extra], cwd=cwd, env=rasa_env(), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def bare_bot(workdir: Path) -> Path:
    subprocess.run([RASA, "init", "--no-prompt", "--init-dir", str(workdir)], cwd=workdir.parent, env=rasa_env(),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return next((workdir / "models").glob("*.tar.gz"))


def table(header: List[str], rows: List[List]) -> List[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(f"{c:.3f}" if isinstance(c, float) else str(c) for c in row) + " |" for row in rows]
    return lines


def main() -> None:
    lines = ["# KYRA benchmark", "", f"Run {time.strftime('%Y-%m-%d %H:%M')} on {Path('/proc/cpuinfo').read_text().count('processor')} cores.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        train_seconds = train(tmp / "kyra")
        model = tmp / "kyra" / "bench.tar.gz"
        lines += ["## Training", "", f"Full `rasa train --force`: **{train_seconds:.0f} s** (target ≤ 600 s).", ""]

        nlu = nlu_scores(model)
        lines += ["## NLU on the held-out sets (target macro-F1 ≥ 0.90)", ""]
        lines += table(["language", "examples", "accuracy", "macro-F1", "most frequent confusions"],
                       [[l, s["n"], s["accuracy"], s["macro_f1"],
                         "; ".join(f"{t}→{p} ×{n}" for (t, p), n in s["confusions"])] for l, s in nlu.items()])

        langid = langid_scores()
        lines += ["", "## Language identification accuracy by length (KYRA / plain langdetect)", ""]
        lines += table(["language"] + list(BUCKETS), [
            [l] + [f"{s[b]['kyra']:.2f} / {s[b]['langdetect']:.2f}" for b in BUCKETS] for l, s in langid.items()])
        means = {b: (sum(s[b]["kyra"] for s in langid.values()) / len(langid),
                     sum(s[b]["langdetect"] for s in langid.values()) / len(langid)) for b in BUCKETS}
        lines.append("| **mean** | " + " | ".join(f"**{k:.2f} / {d:.2f}**" for k, d in means.values()) + " |")

        messages = [e.text for e in heldout_examples() if e.language in supported()]
        random.Random(7).shuffle(messages)
        with rasa_server(model, tmp / "kyra-logs") as server:
            ours = measure(server["url"], messages, requests=REQUESTS)
            memory = rss_mb(server["pid"])
        bare_dir = tmp / "bare"
        bare_dir.mkdir()
        with rasa_server(bare_bot(bare_dir), tmp / "bare-logs", cwd=bare_dir, actions=False, endpoints=None) as server:
            bare = measure(server["url"], BARE_MESSAGES, requests=REQUESTS)
    lines += ["", "## REST turns (targets: p95 at concurrency 1 ≤ 50 ms; msg/s at 32 ≥ 0.8 × bare bot)", ""]
    lines += table(["concurrency", "KYRA p50 ms", "KYRA p95 ms", "KYRA msg/s", "bare p50 ms", "bare p95 ms",
                    "bare msg/s", "KYRA/bare msg/s"],
                   [[o["concurrency"], o["p50_ms"], o["p95_ms"], o["msg_per_s"], b["p50_ms"], b["p95_ms"],
                     b["msg_per_s"], o["msg_per_s"] / b["msg_per_s"]] for o, b in zip(ours, bare)])
    lines += ["", f"Rasa server memory after the load: **{memory:.0f} MB RSS** (target ≤ 1536 MB).",
              "KYRA runs as `make run` does: SQLite tracker store, catalog NLG, action server beside it;",
              "the bare bot with Rasa's defaults (in-memory tracker store, no action server).",
              f"Each concurrency sends {REQUESTS} messages in conversations of 5 turns: held-out questions",
              "in all 12 languages for KYRA, small talk for the bare bot.", ""]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
