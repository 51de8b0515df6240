"""Emotion scoring: the 28 GoEmotions labels, the customer-service emotions,
valence, intensity and polarity, with explanations.

    >>> scorer = kvetch.EmotionScorer()
    >>> scorer.predict_proba(["Thanks, that fixed it!"])   # 28 columns
    >>> scorer.predict(["Thanks, that fixed it!"])         # [{"gratitude"}]
    >>> scorer.explain("not bad at all, but the delivery was awful")

Scores come from the C++ core (core/src/emotion.cc) through the Analyzer,
so batches run in parallel with the GIL released. Messages are
language-identified first: English gets the full 28-label model; other
languages with training data (EmotionScorer.languages) get polarity and
Plutchik-based emotions; the rest get language-independent evidence only
(emoji, punctuation, capitals) and a low ``emotion_confidence``.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._input import one_message, pandas_index
from .analyzer import Analyzer
from .errors import ConfigError, InputError, ModelError
from .models import bundled_model, is_bundled
from .schema import GO_EMOTIONS

_POLARITY = len(GO_EMOTIONS)  # the polarity logits follow the 28 labels


class _Group:
    """One group of a taxonomy: its GoEmotions labels, threshold and, when
    the model has one, its stacker (bias, then one weight per label)."""

    def __init__(self, members: list[str], threshold: float, stacker: np.ndarray | None):
        self.members, self.threshold, self.stacker = members, threshold, stacker

    def score(self, probs: np.ndarray, labels) -> np.ndarray:
        if self.stacker is None:
            idx = [list(labels).index(m) for m in self.members]
            return 1 - np.prod(1 - probs[:, idx], axis=1)
        return 1 / (1 + np.exp(-(self.stacker[0] + probs @ self.stacker[1:])))


class EmotionScorer:
    """Per-message emotions.

    Args (keyword-only):
        n_threads: threads for the C++ work (default as for Analyzer).
        model: an emotion model file (default: the bundled one).
        langid: as for Analyzer; the language decides which model applies.

    Raises:
        ModelError: the model file is missing or damaged (names it).
    """

    labels: list[str] = list(GO_EMOTIONS)

    def __init__(self, *, n_threads: int | None = None,
                 model: str | os.PathLike | None = None,
                 langid: bool | str | os.PathLike = True):
        path = os.fspath(model) if model is not None else str(bundled_model("emotion"))
        if not isinstance(langid, bool):
            langid = os.fspath(langid)
        self._init = {"n_threads": n_threads, "model": path, "langid": langid}
        self._analyzer = Analyzer(n_threads=n_threads, langid=langid, emotion=path,
                                  pii=True, _core_flags={"emotion_details": True})
        # The analyzer's own scorer: one copy of the model for both.
        self._scorer = _core.emotion_scorer_of(self._analyzer._core)
        self._path = path
        self._taxonomies = self._groups()  # checks the section at load

    @property
    def thresholds(self) -> dict[str, float]:
        """Per-label decision thresholds of :meth:`predict`, chosen to
        maximise F1 on a calibration split of the training data."""
        return dict(zip(self.labels, (round(t, 3) for t in self._scorer.thresholds)))

    @property
    def languages(self) -> list[str]:
        """Languages the model was trained on (the rest get
        language-independent evidence only)."""
        return list(self._scorer.languages)

    def coverage(self) -> pd.DataFrame:
        """What the model knows per language, for every language the
        detector can return and every language the emotion model has a tier
        for: ``tier`` ("full": 28 GoEmotions labels and polarity;
        "polarity": polarity, valence and Plutchik-based emotions; "none":
        emoji, punctuation and capitals only), ``max_confidence`` (the
        emotion_confidence ceiling of that tier) and ``detected`` (False for
        a model language the detector never returns, such as Bosnian from
        XED's projections: its messages are scored as the language detected,
        hr or sr)."""
        names = {2: "full", 1: "polarity", 0: "none"}
        caps = {2: 1.0, 1: 0.8, 0: 0.35}
        detected = set(self._analyzer._core.languages)
        langs = sorted(detected | set(self.languages))
        tiers = [self._scorer.tier(code) for code in langs]
        return pd.DataFrame({"lang": langs, "tier": [names[t] for t in tiers],
                             "max_confidence": [caps[t] for t in tiers],
                             "detected": [code in detected for code in langs]})

    def predict_proba(self, texts: Any) -> pd.DataFrame:
        """One row per message, one column per GoEmotions label (28),
        probabilities in [0, 1], indexed like ``texts`` when it is a pandas
        Series. Meaningful for English; other languages get the same
        columns from the English model (see ``languages``)."""
        parts = [cols["go_emotions"].reshape(-1, len(self.labels))
                 for cols in self._analyzer._run_core(texts, None)]
        probs = np.concatenate(parts) if parts else np.zeros((0, len(self.labels)), np.float32)
        return pd.DataFrame(probs, columns=self.labels, index=pandas_index(texts))

    @property
    def taxonomies(self) -> dict[str, dict[str, list[str]]]:
        """The label groupings ``predict(taxonomy=...)`` accepts besides
        "goemotions": {"ekman": {group: [labels]}, "sentiment": {...}}."""
        return {tax: {g: grp.members for g, grp in groups.items()}
                for tax, groups in self._taxonomies.items()}

    def _groups(self) -> dict[str, dict[str, _Group]]:
        out: dict[str, dict[str, _Group]] = {}
        for line in self._scorer.groups.splitlines():
            tax, group, members, thr, *stacker = line.split("\t")
            coefs = np.array(stacker[0].split(","), dtype=np.float64) if stacker else None
            if coefs is not None and len(coefs) != len(self.labels) + 1:
                raise ModelError(f"{self._path}: section 'groups', {tax}/{group}: "
                                 f"{len(coefs)} stacker weights, expected {len(self.labels) + 1}")
            out.setdefault(tax, {})[group] = _Group(members.split(","), float(thr), coefs)
        return out

    def predict(self, texts: Any, *, taxonomy: str = "goemotions") -> list[set[str]]:
        """Per message, the labels at or above their calibrated threshold;
        {"neutral"} when none is. ``taxonomy``: "goemotions" (28 labels),
        "ekman" (anger, disgust, fear, joy, sadness, surprise, neutral) or
        "sentiment" (positive, negative, ambiguous, neutral); a group's
        score comes from the 28 label probabilities through the model's
        stacker for it (a logistic regression fit on calibration data; the
        noisy-OR of its labels' probabilities in models without one), with
        its own threshold."""
        probs = self.predict_proba(texts)
        if taxonomy == "goemotions":
            names = self.labels
            scores = probs.to_numpy()
            thr = np.array(self._scorer.thresholds, dtype=np.float32)
        else:
            groups = self._taxonomies.get(taxonomy)
            if groups is None:
                raise ConfigError(f"unknown taxonomy {taxonomy!r}; known: goemotions, "
                                  + ", ".join(self._taxonomies))
            names = list(groups)
            p = probs.to_numpy(dtype=np.float64)
            scores = np.stack([g.score(p, probs.columns) for g in groups.values()], axis=1) \
                if len(probs) else np.zeros((0, len(names)))
            thr = np.array([g.threshold for g in groups.values()], dtype=np.float32)
        over = scores >= thr
        return [{names[k] for k in np.flatnonzero(row)} or {"neutral"} for row in over]

    def score(self, texts: Any):
        """The customer-service view: a :class:`kvetch.Result` with emotion,
        emo_<name>, valence, intensity, polarity, emotion_confidence, nes."""
        return self._analyzer.analyze(texts)

    def explain(self, text: str, *, lang: str | None = None, top: int | None = None) -> pd.DataFrame:
        """The features of ``text`` that drove its scores, one row each:
        ``feature`` (a word, "NOT word" in a negation scope, "word*" a
        prefix, "a b" a bigram, an emoji, "!", "ALL CAPS", ...),
        ``sentence``, ``valence`` (the feature's push towards positive
        minus negative, in logits), and one column per GoEmotions label
        (logit weight). Sorted by the absolute valence push; ``top`` keeps
        the first rows. Weights already include the clause weight (0.5
        before "but", 1.5 after). ``None`` or NaN explain as an empty
        message; anything else that is not a str is an InputError."""
        if text is None or (isinstance(text, float) and np.isnan(text)):
            text = ""
        if not isinstance(text, (str, bytes)):
            raise InputError(f"explain() takes one message (str), not {type(text).__name__}; "
                             "use predict_proba() for many")
        text = one_message(text, "explain()")
        if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer))
                                or top < 0):
            raise ConfigError(f"explain(top=...) must be an int >= 0, not {top!r}")
        if lang is None:
            # The language the scorer itself gets in predict and score.
            found = self._analyzer.analyze([text], progress=False).to_arrow()["lang"][0].as_py()
            lang = found or ""
        rows = self._scorer.explain(text, lang)
        if not rows:
            return pd.DataFrame(columns=["feature", "sentence", "valence", *self.labels])
        w = np.stack([r[2] for r in rows])
        df = pd.DataFrame(w[:, :len(self.labels)], columns=self.labels)
        df.insert(0, "valence", w[:, _POLARITY + 2] - w[:, _POLARITY])
        df.insert(0, "sentence", [r[1] for r in rows])
        df.insert(0, "feature", [r[0] for r in rows])
        df = df.reindex(df["valence"].abs().sort_values(ascending=False).index).reset_index(drop=True)
        return df if top is None else df.head(top)

    def __reduce__(self):
        # Pickles as its arguments (Spark, Dask); models load once per process.
        init = dict(self._init)
        if is_bundled(init["model"], "emotion"):
            init["model"] = None  # the worker's own bundled model
        if isinstance(init["langid"], str) and is_bundled(init["langid"], "langid"):
            init["langid"] = True
        return (_scorer_from, (init,))

    def __repr__(self) -> str:
        return f"kvetch.EmotionScorer(languages={len(self.languages)})"


def _scorer_from(kwargs: dict[str, Any]) -> EmotionScorer:
    return EmotionScorer(**kwargs)


__all__ = ["EmotionScorer"]
