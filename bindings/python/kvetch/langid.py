"""Language identification, shaped like Lingua's detector.

    >>> det = kvetch.LanguageDetector()
    >>> det.detect("où est ma commande ?")
    'fr'
    >>> det.confidence_values("obrigado pela ajuda")[:2]
    [('pt', 0.97...), ('es', 0.02...)]
    >>> det.detect("ok")          # no evidence: no guess
    >>> det.detect_batch(["Danke!", "gracias por todo"])
    ['de', 'es']

The model (naive Bayes over character n-grams, 68 languages) runs in C++;
see models/README.md for its data and measured accuracy. Restricting
``languages`` removes candidates: more accurate on short texts. A
restricted detector answers None for text clearly written in another
language (a body of 12+ letters that a language outside the list explains
1000 times better) or in a script none of them uses:

    >>> det = kvetch.LanguageDetector(languages=["en", "de"])
    >>> det.detect("Hej, mitt paket har inte kommit än, jag har väntat länge.")
    >>> det.outside_language("Hej, mitt paket har inte kommit än, jag har väntat länge.")
    'sv'
    >>> det.detect("Hej, tack!")     # too short to tell: the closest one
    'en'
"""

from __future__ import annotations

import os
from typing import Any, Sequence

from . import _core
from ._input import one_message
from .analyzer import Analyzer, _codes
from .config import check_float
from .errors import ConfigError
from .models import bundled_model, is_bundled


class LanguageDetector:
    """Detects the language of messages.

    Args (keyword-only):
        languages: ISO 639-1 codes (639-3 where none exists) to choose from,
            as a list or one string ("en,fr");
            default every language of the model.
        min_confidence: answers below this probability become None.
        mode: "high" (default), or "low": shorter n-grams only, faster and
            a few points less accurate (measured in benchmarks/README.md).
        model: path of a model file; default the bundled one.
        n_threads: threads for detect_batch (default as for Analyzer).
    """

    def __init__(self, *, languages: Sequence[str] | None = None, min_confidence: float = 0.0,
                 mode: str = "high", model: str | os.PathLike | None = None,
                 n_threads: int | None = None):
        if mode not in ("high", "low"):
            raise ConfigError(f"mode must be 'high' or 'low', got {mode!r}")
        min_confidence = check_float("min_confidence", min_confidence, 0, 1)
        path = os.fspath(model) if model is not None else str(bundled_model("langid"))
        languages = _codes(languages, "languages")  # "de" and "en,fr" too, as in Analyzer
        self._init = {"languages": languages, "min_confidence": float(min_confidence),
                      "mode": mode, "model": path, "n_threads": n_threads}
        self._languages = list(languages)
        self.min_confidence = float(min_confidence)
        # Language only: emotion and signals would triple detect_batch's time.
        # Single texts use the batch analyzer's model: one copy in memory.
        self._batch = Analyzer(n_threads=n_threads, langid=path, languages=self._languages,
                               min_lang_confidence=self.min_confidence, langid_mode=mode,
                               emotion=False, signals=False,
                               _core_flags={"language_only": True})
        self._core = self._batch._core.language_detector

    @property
    def languages(self) -> list[str]:
        """The candidate languages."""
        return [self._core.languages[i] for i in self._core.candidates]

    def confidence_values(self, text: str) -> list[tuple[str, float]]:
        """(code, probability) pairs, most likely first, summing to 1;
        empty when the text holds no evidence (no letters, "ok", "12345")
        or, for a restricted detector, is written in another language. The
        text is read as detect_batch and the Analyzer read it: cleaned,
        capped at max_bytes, PII redacted."""
        return [(code, float(p)) for code, p in self._batch._core.detect_language(_text(text))[0]]

    def detect(self, text: str) -> str | None:
        """The most likely language, or None without enough evidence or,
        for a restricted detector, when the text is in another language
        (see outside_language)."""
        values = self.confidence_values(text)
        if not values or values[0][1] < self.min_confidence:
            return None
        return values[0][0]

    def outside_language(self, text: str) -> str | None:
        """For a restricted detector: the language outside ``languages``
        that ``text`` is written in (the Analyzer's ``lang_alt`` when
        ``lang`` is null), or None when it is one of them, too short to
        tell, or holds no evidence. Always None without ``languages``."""
        _, code, confidence = self._batch._core.detect_language(_text(text))
        # As the Analyzer's lang_alt: held back below min_confidence.
        return code if code is not None and confidence >= self.min_confidence else None

    def detect_batch(self, texts: Any) -> list[str | None]:
        """detect() for many messages at once, on the C++ thread pool;
        accepts what Analyzer.analyze accepts. PII is redacted first, so
        addresses and numbers do not sway the answer."""
        names = self._batch._core.languages
        out: list[str | None] = []
        for cols in self._batch._run_core(texts, progress=False):  # only the lang column
            out.extend(names[i] if i >= 0 else None for i in cols["lang"].tolist())
        return out

    def detect_mixed(self, text: str) -> list[tuple[int, int, str | None]]:
        """(start, end, code) spans, in character offsets, for a message
        that switches language: sentences are detected one by one and
        neighbours with the same language merged. A sentence without
        evidence joins the span before it; one in a language outside a
        restricted list gets a span of its own, with code None."""
        spans: list[tuple[int, int, str | None]] = []
        keys: list[str | None] = []  # code, or "outside:<code>"
        pos = 0
        text = _text(text)
        for sentence in _core.split_sentences(text):
            start = text.find(sentence, pos)
            if start < 0:
                continue
            end = start + len(sentence)
            pos = end
            lang = self.detect(sentence)
            outside = self.outside_language(sentence) if lang is None else None
            key = f"outside:{outside}" if outside else lang
            if spans and (keys[-1] == key or key is None):
                spans[-1] = (spans[-1][0], end, spans[-1][2])
            else:
                spans.append((start, end, lang))
                keys.append(key)
        return spans

    def __reduce__(self):
        # Pickles as its arguments (Spark, Dask); the model loads once per
        # process (the analyzer cache).
        init = dict(self._init)
        if is_bundled(init["model"], "langid"):
            init["model"] = None  # the worker's own bundled model
        return (_detector_from, (init,))

    def __repr__(self) -> str:
        if self._languages:
            return f"kvetch.LanguageDetector(languages={self.languages!r})"
        return f"kvetch.LanguageDetector({len(self.languages)} languages)"


def _detector_from(kwargs: dict[str, Any]) -> LanguageDetector:
    return LanguageDetector(**kwargs)


def _text(text: Any) -> str:
    return one_message(text, "LanguageDetector")
