"""Customer-service signals: why a message got its ``signal_*`` columns.

    >>> import kvetch
    >>> kvetch.explain_signals("I don't want to cancel my subscription. Urgent!")
    [{'signal': 'churn', 'negated': True, 'match': 'cancel my subscription', ...},
     {'signal': 'urgency', 'negated': False, 'match': 'urgent', ...}]

The Analyzer fills ``signal_effort``, ``signal_churn``, ``signal_urgency``
and ``signal_escalation``: a signal is true when one of its rules matches
the message and no negation cue governs that match. Rules are RE2 patterns
in rule packs (en, fr, de, es, it, pt, nl, pl, sv, tr, ru, ja, ar;
``models/signals/rules.tsv``)
plus your own (a config file's ``[[signals.rules]]``, see kvetch.config).
"""

from __future__ import annotations

import os
import threading
from typing import Any, Sequence

from . import _core
from ._input import one_message
from .analyzer import _signal_options
from .config import load_config
from .errors import PatternError
from .schema import SIGNALS

__all__ = ["SIGNALS", "explain_signals"]

_CACHE: dict[tuple, Any] = {}
_LOCK = threading.Lock()


def _matcher(options: dict[str, Any]) -> Any:
    key = (options["signal_rules_path"], tuple(options["signal_rules"]),
           tuple(options["signal_languages"]), options["signal_cues_only"])
    with _LOCK:
        m = _CACHE.get(key)
        if m is None:
            m = _CACHE[key] = _core.SignalMatcher(
                rules_path=options["signal_rules_path"], rules=list(options["signal_rules"]),
                languages=list(options["signal_languages"]),
                cues_only=options["signal_cues_only"])
        return m


def explain_signals(text: str, *, config: str | os.PathLike | None = None,
                    signals: bool | str | os.PathLike | None = None,
                    signal_rules: Sequence[Any] | None = None,
                    signal_languages: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Every rule hit in ``text``, negated ones included: one dict per hit
    with ``signal``, ``negated`` (a negation cue governs it), ``excepted``
    (an exception rule covers it), ``match`` (the matched span of the
    normalised, case-folded text as rules read it: without Arabic
    diacritics and tatweel, and Turkish "İ" as "i"), ``rule`` (where the rule comes from, e.g.
    ``rules.tsv:42``) and ``lang``. Options as for :class:`kvetch.Analyzer`.
    Unlike the Analyzer this does not redact PII first, and it reads the
    whole text: the Analyzer's signal columns leave out quoted replies,
    signatures, sign-offs, footers and disclaimers (the customer's own
    words only), so a hit listed here may not raise the column."""
    text = one_message(text, "explain_signals")
    file_opts = load_config(config) if config is not None else {}
    options = _signal_options(signals, signal_rules, signal_languages, file_opts)
    try:
        m = _matcher(options)
    except PatternError as e:
        if config is None:
            raise
        raise PatternError(f"{os.fspath(config)}: {e}") from None
    return [{"signal": s, "negated": neg, "excepted": exc, "match": match, "rule": source,
             "lang": lang} for s, source, lang, match, neg, exc in m.explain(text)]
