"""A character n-gram naive-Bayes language model, trained on KYRA's own training examples.

It is the "prior from the bot's own data": it knows chat spellings, romanised Hindi/Nepali/Bengali
and the Hindi/Nepali difference far better than general-purpose models on 1–3-word messages.
Counts are kept per language AND script ("ar/LATIN" is Arabizi), so that a few hundred romanised
examples are not drowned by the same language's native-script text.
"""
import math
import re
from collections import Counter
from typing import Dict, Iterable, List, Optional, Tuple

from bot.language.languages import dominant_script

NGRAM_SIZES = (1, 2, 3, 4)
_SPACES = re.compile(r"\s+")
_DIGIT_IN_WORD = re.compile(r"(?<=[^\W\d_])\d+|\d+(?=[^\W\d_])")
# Digits inside words are letters in Arabizi (3 = ع, 7 = ح): keep them, as rare Latin letters so that
# every later step still sees letters.
_DIGIT_LETTERS = str.maketrans("0123456789", "ǫǀƨɜʮƽƍʖȣǥ")


def _keep(match: "re.Match") -> str:
    return match.group(0).translate(_DIGIT_LETTERS)


def normalise(text: str) -> str:
    """Lower-cased letters, digits inside words (Arabizi: "a3ref", "7abibi") and single spaces, padded."""
    letters = "".join(c if c.isalpha() or c.isspace() else " " for c in _DIGIT_IN_WORD.sub(_keep, text.casefold()))
    return f" {_SPACES.sub(' ', letters).strip()} "


def key(language: str, script: Optional[str]) -> str:
    return f"{language}/{script}"


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
            counts.setdefault(key(lang, dominant_script(text)), Counter()).update(ngrams(text))
        return cls(counts)

    def languages(self) -> List[str]:
        return sorted({k.split("/")[0] for k in self.counts})

    def log_likelihoods(self, text: str, languages: Iterable[str], script: str) -> Dict[str, float]:
        """log P(text | language, script) for each language."""
        grams = ngrams(text)
        scores = {}
        for lang in languages:
            counts = self.counts.get(key(lang, script), Counter())
            denominator = self._totals.get(key(lang, script), 0) + self._vocabulary
            scores[lang] = sum(math.log((counts[g] + 1) / denominator) for g in grams)
        return scores

    def as_dict(self) -> Dict[str, Dict[str, int]]:
        return {lang: dict(c) for lang, c in self.counts.items()}
