"""Identify the language of one chat message among the supported languages.

Three signals, cheapest first:
1. Unicode script: Arabic, Han, Cyrillic and Bengali letters each point to one supported language;
   Devanagari to Hindi or Nepali; Kana, Hangul, Thai ... to a language we do not speak.
2. A character n-gram model trained on the bot's own training examples (bot.language.ngram):
   chat spellings, romanised Hindi/Nepali/Bengali, and 1–3-word messages.
3. langdetect (seeded, restricted to the supported languages), weighted up as messages get longer.
A sentence that unrestricted langdetect confidently places in a language we do not speak is
reported as unsupported.
"""
import math
from dataclasses import dataclass
from typing import Dict, Optional, Sequence

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from bot.language.languages import in_script, languages_by_script, native_script, script_shares, supported
from bot.language.ngram import NgramLanguageModel, ngrams

# langdetect's codes for our languages
_LANGDETECT_CODES = {"zh-cn": "zh", "zh-tw": "zh"}
# Languages we do not speak that langdetect recognises reliably in chat text written in a script we
# read (one that content/languages.yml adds, e.g. Urdu, stops counting). Not Italian, Romanian, Catalan...:
# informal Spanish and Portuguese get mistaken for them, and not the languages langdetect sees in romanised
# Hindi, Nepali or Bengali (so, sq, sk, et, id ...).
_RECOGNISED_UNSUPPORTED = {"de", "nl", "pl", "vi", "uk", "ur", "fa", "tr"}
_UNSUPPORTED_MIN_WORDS = 4
_UNSUPPORTED_MIN_PROBABILITY = 0.99
# Scripts of languages we do not speak at all.
_FOREIGN_SCRIPTS = {"KANA": "ja", "HANGUL": "ko", "THAI": "th", "GREEK": "el", "HEBREW": "he",
                    "GEORGIAN": "ka", "ARMENIAN": "hy", "ETHIOPIC": "am", "TAMIL": "ta", "TELUGU": "te",
                    "SINHALA": "si", "MYANMAR": "my", "KHMER": "km", "GUJARATI": "gu", "GURMUKHI": "pa",
                    "MALAYALAM": "ml", "KANNADA": "kn", "LAO": "lo", "ORIYA": "or"}
SEED = 0
LANGDETECT_TRIALS = 3  # langdetect's default 7 costs ~6.5 ms a sentence; 3 gave the same dev-set accuracy
# Scoring: NGRAM_WEIGHT x the mean log-likelihood per character n-gram (so long messages do not drown
# langdetect), plus LANGDETECT_WEIGHT[words] x log langdetect probability (none for one word).
NGRAM_WEIGHT = 16.0
LANGDETECT_WEIGHT = {1: 0.0, 2: 0.5, 3: 0.5}
LANGDETECT_WEIGHT_SENTENCE = 2.0


@dataclass(frozen=True)
class Detection:
    code: Optional[str]  # a supported language, or None when the text has no letters / is foreign
    confidence: float
    unsupported: Optional[str] = None  # code of a language we do not speak, when that is what it is

    def as_dict(self) -> Dict:
        result = {"code": self.code, "confidence": round(self.confidence, 4)}
        if self.unsupported:
            result["unsupported"] = self.unsupported
        return result


def word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))


def _softmax(scores: Dict[str, float]) -> Dict[str, float]:
    top = max(scores.values())
    exps = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


class LanguageDetector:
    def __init__(self, model: NgramLanguageModel, languages: Sequence[str] = ()) -> None:
        self.model = model
        self.languages = tuple(languages or supported())
        self._by_script = languages_by_script()
        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.seed = SEED
        self._langdetect_codes = [_LANGDETECT_CODES.get(code, code) for code in self._factory.get_lang_list()]

    def _langdetect(self, text: str) -> Dict[str, float]:
        """langdetect's probability for every language it knows (one seeded run, unrestricted)."""
        detector = self._factory.create()
        detector.n_trial = LANGDETECT_TRIALS
        detector.append(text)
        try:
            detector.get_probabilities()
        except LangDetectException:
            return {}
        probabilities: Dict[str, float] = {}
        for code, probability in zip(self._langdetect_codes, detector.langprob):
            probabilities[code] = probabilities.get(code, 0.0) + probability
        return probabilities

    def detect(self, text: str) -> Detection:
        shares = script_shares(text)
        if not shares:
            return Detection(None, 0.0)
        script = max(shares, key=shares.get)
        share = shares[script]
        if script in _FOREIGN_SCRIPTS and script not in self._by_script:  # unless content/languages.yml adds one
            return Detection(None, share, unsupported=_FOREIGN_SCRIPTS[script])
        if script == "CJK" and "KANA" in shares:
            return Detection(None, share, unsupported="ja")
        candidates = self._by_script.get(script, []) if script != "LATIN" else list(self.languages)
        if not candidates:
            return Detection(None, share, unsupported=script.lower())
        if len(candidates) == 1:
            return Detection(candidates[0], share)
        return self._score(text, candidates, script)

    def _score(self, text: str, candidates: Sequence[str], script: str) -> Detection:
        words = word_count(text)
        scripted = in_script(text, script)  # the n-gram tables of `script` know only its letters
        grams = max(1, len(ngrams(scripted)))
        scores = {lang: NGRAM_WEIGHT * ll / grams
                  for lang, ll in self.model.log_likelihoods(scripted, candidates, script).items()}
        weight = LANGDETECT_WEIGHT.get(words, LANGDETECT_WEIGHT_SENTENCE)
        found = self._langdetect(text) if weight or words >= _UNSUPPORTED_MIN_WORDS else {}
        if weight and found:
            # Restricting langdetect to our languages = renormalising its posterior over them.
            ours = sum(found.get(lang, 0.0) for lang in candidates) or 1.0
            restricted = {lang: found.get(lang, 0.0) / ours for lang in candidates}
            # langdetect knows Hindi, Arabic, Russian ... only in their own scripts: for romanised text it
            # has no opinion on them, so they get its best score and the n-gram model decides.
            native = [lang for lang in candidates if native_script(lang) == script]
            neutral = max((restricted[lang] for lang in native), default=0.0)
            for lang in candidates:
                probability = restricted[lang] if lang in native else neutral
                scores[lang] += weight * math.log(max(probability, 0.02))
        posterior = _softmax(scores)
        best = max(posterior, key=posterior.get)
        unsupported = self._unsupported(found, words, script)
        if unsupported:
            return Detection(None, posterior[best], unsupported=unsupported)
        return Detection(best, posterior[best])

    def _unsupported(self, found: Dict[str, float], words: int, script: str) -> Optional[str]:
        """A sentence confidently in a language we don't speak (German, Urdu, Ukrainian ...)."""
        if words < _UNSUPPORTED_MIN_WORDS or script not in ("LATIN", "ARABIC", "CYRILLIC") or not found:
            return None
        top = max(found, key=found.get)
        if top in _RECOGNISED_UNSUPPORTED and top not in self.languages and found[top] >= _UNSUPPORTED_MIN_PROBABILITY:
            return top
        return None
