"""A character n-gram naive-Bayes language model, trained on KYRA's own training examples.

It is the "prior from the bot's own data": it knows chat spellings, romanised Hindi/Nepali/Bengali
and the Hindi/Nepali difference far better than general-purpose models on 1–3-word messages.
"""
import math
import re
from collections import Counter
from typing import Dict, Iterable, List, Tuple

NGRAM_SIZES = (1, 2, 3, 4)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-cased letters and single spaces only, padded with spaces at both ends."""
    letters = "".join(c if c.isalpha() or c.isspace() else " " for c in text.casefold())
    return f" {_SPACES.sub(' ', letters).strip()} "


def ngrams(text: str) -> List[str]:
    padded = normalise(text)
    return [padded[i : i + n] for n in NGRAM_SIZES for i in range(len(padded) - n + 1)]


class NgramLanguageModel:
    """Per-language n-gram counts with add-one smoothing."""

    def __init__(self, counts: Dict[str, Dict[str, int]]) -> None:
        self.counts = {lang: Counter(c) for lang, c in counts.items()}
        self._totals = {lang: sum(c.values()) for lang, c in self.counts.items()}
        self._vocabulary = len({g for c in self.counts.values() for g in c}) or 1

    @classmethod
    def train(cls, examples: Iterable[Tuple[str, str]]) -> "NgramLanguageModel":
        """`examples` are (text, language code) pairs."""
        counts: Dict[str, Counter] = {}
        for text, lang in examples:
            counts.setdefault(lang, Counter()).update(ngrams(text))
        return cls(counts)

    def languages(self) -> List[str]:
        return sorted(self.counts)

    def log_likelihoods(self, text: str, languages: Iterable[str]) -> Dict[str, float]:
        grams = ngrams(text)
        scores = {}
        for lang in languages:
            counts, denominator = self.counts.get(lang, Counter()), self._totals.get(lang, 0) + self._vocabulary
            scores[lang] = sum(math.log((counts[g] + 1) / denominator) for g in grams)
        return scores

    def as_dict(self) -> Dict[str, Dict[str, int]]:
        return {lang: dict(c) for lang, c in self.counts.items()}
