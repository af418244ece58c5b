"""Scores, confusion pairs, confusion-matrix pictures and the Markdown report of `make eval`."""
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence

FALLBACK = "nlu_fallback"


def score(truth: Sequence[str], predicted: Sequence[str]) -> Dict:
    """Accuracy, macro-F1 over the true intents, per-intent precision/recall/F1/support, fallback rate and
    the most frequent confusions (true intent -> predicted intent)."""
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    labels = sorted(set(truth))
    precision, recall, f1, support = precision_recall_fscore_support(truth, predicted, labels=labels,
                                                                     zero_division=0)
    return {
        "n": len(truth),
        "accuracy": float(accuracy_score(truth, predicted)),
        "macro_f1": float(sum(f1) / len(f1)) if len(f1) else 0.0,
        "fallback_rate": sum(p == FALLBACK for p in predicted) / len(predicted) if predicted else 0.0,
        "per_intent": {label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
                       for label, p, r, f, s in zip(labels, precision, recall, f1, support)},
        "confusions": Counter((t, p) for t, p in zip(truth, predicted) if t != p).most_common(),
    }


def plot_confusion(truth: Sequence[str], predicted: Sequence[str], title: str, path: Path) -> Path:
    """A confusion matrix PNG: rows = true intent, columns = predicted; colour = share of the row."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rows = sorted(set(truth))
    columns = rows + sorted(set(predicted) - set(rows))
    index_r, index_c = {l: i for i, l in enumerate(rows)}, {l: i for i, l in enumerate(columns)}
    counts = np.zeros((len(rows), len(columns)), dtype=int)
    for t, p in zip(truth, predicted):
        counts[index_r[t], index_c[p]] += 1
    shares = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    size = max(6.0, 0.34 * len(columns) + 3)
    figure, axes = plt.subplots(figsize=(size, max(5.0, 0.34 * len(rows) + 2.5)))
    axes.imshow(shares, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    axes.set_xticks(range(len(columns)))
    axes.set_xticklabels(columns, rotation=90, fontsize=7)
    axes.set_yticks(range(len(rows)))
    axes.set_yticklabels(rows, fontsize=7)
    axes.set_xlabel("predicted intent")
    axes.set_ylabel("true intent")
    axes.set_title(title, fontsize=10)
    for r in range(len(rows)):
        for c in range(len(columns)):
            if counts[r, c]:
                axes.text(c, r, str(counts[r, c]), ha="center", va="center", fontsize=6,
                          color="white" if shares[r, c] > 0.6 else "black")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def _pct(x: float) -> str:
    return f"{x:.2f}"


def language_section(code: str, name: str, result: Dict, picture: Optional[str], top: int = 8) -> List[str]:
    lines = [f"### {code} — {name}", "",
             f"{result['n']} examples; accuracy {_pct(result['accuracy'])}, macro-F1 {_pct(result['macro_f1'])}, "
             f"fallback {result['fallback_rate']:.1%}." + (f" Confusion matrix: [{picture}]({picture})" if picture else ""),
             "", "| intent | precision | recall | F1 | n |", "| --- | ---: | ---: | ---: | ---: |"]
    for intent, s in sorted(result["per_intent"].items(), key=lambda item: (item[1]["f1"], item[0])):
        lines.append(f"| {intent} | {_pct(s['precision'])} | {_pct(s['recall'])} | {_pct(s['f1'])} | {s['support']} |")
    if result["confusions"]:
        lines += ["", "Most frequent confusions (true → predicted: count): " + "; ".join(
            f"{t} → {p}: {n}" for (t, p), n in result["confusions"][:top])]
    return lines + [""]


def summary_table(results: Dict[str, Dict]) -> List[str]:
    lines = ["| language | n | accuracy | macro-F1 | fallback | weakest intent (F1) | top confusion |",
             "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for code, r in results.items():
        weakest = min(r["per_intent"].items(), key=lambda item: item[1]["f1"]) if r["per_intent"] else None
        confusion = r["confusions"][0] if r["confusions"] else None
        lines.append(f"| {code} | {r['n']} | {_pct(r['accuracy'])} | {_pct(r['macro_f1'])} | {r['fallback_rate']:.1%} | "
                     + (f"{weakest[0]} ({_pct(weakest[1]['f1'])})" if weakest else "-") + " | "
                     + (f"{confusion[0][0]} → {confusion[0][1]} ({confusion[1]})" if confusion else "-") + " |")
    if len(results) > 1:
        n = sum(r["n"] for r in results.values())
        mean = lambda key: sum(r[key] for r in results.values()) / len(results)  # noqa: E731
        lines.append(f"| **mean** | {n} | {_pct(mean('accuracy'))} | {_pct(mean('macro_f1'))} | "
                     f"{mean('fallback_rate'):.1%} | | |")
    return lines
