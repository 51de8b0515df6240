"""The Analyzer: every unit of kvetch over a batch of messages.

    >>> import kvetch
    >>> a = kvetch.Analyzer(n_threads=2)
    >>> r = a.analyze(["Refund still not received!!", "mail me: a@b.example", None])
    >>> r.to_pandas()[["status", "text_redacted", "pii_count"]]
      status        text_redacted  pii_count
    0     ok  Refund still not received!!          0
    1     ok     mail me: <EMAIL>          1
    2   null                 None          0

The work runs in C++ on ``n_threads`` threads with the GIL released; results
do not depend on ``n_threads`` or ``batch_size``. An Analyzer pickles as its
options (not its compiled state) and is rebuilt once per process, so Spark's
``mapInArrow`` and Dask's ``map_partitions`` can ship it to workers.
"""

from __future__ import annotations

import itertools
import os
import threading
import warnings
from typing import Any, Iterable, Iterator, Mapping, Sequence

import pyarrow as pa

from . import _core
from ._input import arrow_column, is_container, pandas_index, to_arrow_chunks
from .config import (MAX_THREADS, check_float, check_int, check_path, check_patterns,
                     check_signal_rule, check_utf8, load_config)
from .errors import ConfigError, InputError, PatternError
from .result import Result, batch_from_core, empty_table, stable_dictionaries
from .models import bundled_model, is_bundled
from .routing import Router
from .schema import PII_TYPES

#: Rows per call into the core: long batches stay responsive to Ctrl-C and
#: move the progress bar.
CHUNK_ROWS = 16384

#: Rows from which ``progress=None`` shows a progress bar.
PROGRESS_MIN_ROWS = 100_000

_CACHE: dict[tuple, Any] = {}
_CACHE_LOCK = threading.Lock()


def _core_analyzer(options: dict[str, Any]) -> Any:
    """The compiled core Analyzer for ``options``, built once per process."""
    key = (options["n_threads"], options["max_bytes"], tuple(options["pii_types"]),
           tuple(sorted(options["pii_patterns"].items())), options["langid_model"],
           tuple(options["languages"]), options["min_lang_confidence"], options["langid_mode"],
           options.get("emotion_model", ""), options.get("emotion_details", False),
           options.get("language_only", False),
           options["signal_rules_path"], tuple(options["signal_rules"]),
           tuple(options["signal_languages"]), options["signal_cues_only"])
    with _CACHE_LOCK:
        core = _CACHE.get(key)
        if core is None:
            core = _core.Analyzer(
                n_threads=options["n_threads"] or 0,
                max_bytes=options["max_bytes"],
                pii_types=list(options["pii_types"]),
                pii_custom=sorted(options["pii_patterns"].items()),
                langid_model=options["langid_model"],
                languages=list(options["languages"]),
                min_lang_confidence=options["min_lang_confidence"],
                langid_low=options["langid_mode"] == "low",
                emotion_model=options.get("emotion_model", ""),
                emotion_details=options.get("emotion_details", False),
                language_only=options.get("language_only", False),
                signal_rules_path=options["signal_rules_path"],
                signal_rules=list(options["signal_rules"]),
                signal_languages=list(options["signal_languages"]),
                signal_cues_only=options["signal_cues_only"])
            _CACHE[key] = core
        return core


def _codes(value: Any, name: str) -> list[str]:
    """A list of language codes from a list, or from one string ("en" or
    "en,fr"); spaces stripped, lower-cased and without repeats, as the
    CLI's --languages ("EN" is "en"). An empty list is no restriction; a
    string that names no code ("", ",") or an empty code in a list is a
    ConfigError, as the CLI refuses "--languages ,"."""
    if value is None:
        return []
    given = value
    if isinstance(value, str):
        value = [c.strip() for c in value.split(",") if c.strip()]
        if not value:
            raise ConfigError(f"{name}: no language code in {given!r} (e.g. 'en,fr'; "
                              "None or [] for no restriction)")
    elif isinstance(value, Iterable) and not isinstance(value, (bytes, Mapping)):
        value = given = list(value)  # dict keys, a generator, a pandas Index
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise ConfigError(f"{name} must be language codes such as ['en', 'fr'], got {value!r}")
    codes = [check_utf8(c, name).strip().lower() for c in value]
    if "" in codes:
        raise ConfigError(f"{name}: an empty language code in {given!r}")
    return list(dict.fromkeys(codes))


class Analyzer:
    """Runs kvetch's units over batches of messages.

    Args (keyword-only):
        n_threads: threads for the C++ work; default ``OMP_NUM_THREADS`` if
            set, else the CPUs available to this process.
        max_bytes: per-message cap in UTF-8 bytes (default 64 KiB); longer
            messages are cut at a character boundary and get status
            ``truncated``.
        pii: which built-in PII types to redact: True (all: email, phone,
            card, iban, ip, url), False (none), or a list of type names.
        pii_patterns: extra patterns to redact, ``{name: RE2 pattern}``; each
            match becomes ``<CUSTOM:name>``.
        config: a TOML file with a ``[pii]`` table (see kvetch.config);
            explicit arguments win over it.
        langid: identify languages (lang, lang_confidence, lang_alt): True
            (default) with the bundled model, False for none, or the path of
            a model file.
        languages: ISO codes the language must be one of (default: every
            language of the model); fewer candidates are more accurate on
            short texts. A message whose body (12+ letters) is clearly in
            another language of the model, or in a script none of them
            uses, gets lang None and that language in lang_alt; routing
            sends it to a queue that speaks it, else to translation.
        min_lang_confidence: below this probability, lang is null (and an
            outside language is not named in lang_alt).
        emotion: score emotions (emotion, emo_<name>, valence, intensity,
            polarity, emotion_confidence, nes): True (default) with the
            bundled model, False for none (those columns are then null), or
            the path of a model file.
        langid_mode: "high" (default) or "low": shorter n-grams only, about
            1.5x faster language identification, a few points less accurate.
        routing: a routing file (TOML, see kvetch.routing) or a Router: adds
            route, needs_translation and translate_to.
        signals: customer-service signals (signal_effort, signal_churn,
            signal_urgency, signal_escalation): True (default, or the
            config's ``signals.builtin``) with the bundled rule packs, False
            for none but your own rules, or the path of a rules file (TSV,
            see models/signals/rules.tsv). With no rule at all the signal
            columns are null (not computed).
        signal_rules: extra rules, each a mapping with ``signal`` (effort,
            churn, urgency, escalation, negation, or "!churn" and the like
            for an exception), ``pattern`` (RE2, case-insensitive) and
            optionally ``lang``; added to the config's ``[[signals.rules]]``.
        signal_languages: rule packs to load (default: all, or the config's
            ``signals.languages``); every message is matched against every
            loaded pack.
        progress: show a tqdm progress bar; None (default) shows one for
            batches of 100,000 rows or more, when attached to a terminal or
            notebook.

    Raises:
        ConfigError: an option is out of range, or the config file is bad.
        PatternError: a custom pattern is rejected by RE2 (names it).
    """

    def __init__(self, *, n_threads: int | None = None, max_bytes: int | None = None,
                 pii: bool | Sequence[str] | None = None,
                 pii_patterns: dict[str, str] | None = None,
                 config: str | os.PathLike | None = None,
                 langid: bool | str | os.PathLike = True,
                 languages: Sequence[str] | None = None,
                 min_lang_confidence: float = 0.0,
                 langid_mode: str = "high",
                 emotion: bool | str | os.PathLike = True,
                 routing: str | os.PathLike | Router | None = None,
                 progress: bool | None = None,
                 signals: bool | str | os.PathLike | None = None,
                 signal_rules: Sequence[Any] | None = None,
                 signal_languages: Sequence[str] | None = None,
                 _core_flags: dict[str, bool] | None = None, _warn_routing: bool = True):
        file_opts = load_config(config) if config is not None else {}
        self._options = {
            "n_threads": check_int("n_threads", n_threads, 1, MAX_THREADS, allow_none=True),
            "max_bytes": int(_core.DEFAULT_MAX_BYTES) if max_bytes is None else
            check_int("max_bytes", max_bytes, 1, 1 << 30),
            "pii_types": _pii_types(pii, file_opts.get("pii_types")),
            "pii_patterns": dict(file_opts.get("pii_patterns") or {}),
            "langid_model": _model_path(langid, "langid"),
            "languages": _codes(languages, "languages"),
            "min_lang_confidence": check_float("min_lang_confidence", min_lang_confidence, 0, 1),
            "langid_mode": langid_mode,
            "emotion_model": _model_path(emotion, "emotion"),
            "emotion_details": False,
            "language_only": False,
            **_signal_options(signals, signal_rules, signal_languages, file_opts),
        }
        if langid_mode not in ("high", "low"):
            raise ConfigError(f"langid_mode must be 'high' or 'low', got {langid_mode!r}")
        self._options["pii_patterns"].update(check_patterns(pii_patterns or {}, "pii_patterns"))
        # Private flags for kvetch's own wrappers: emotion_details also fills
        # the 28 GoEmotions probabilities of each core batch (EmotionScorer);
        # language_only skips tokenising messages whose script decides their
        # language, n_tokens -1 (LanguageDetector.detect_batch).
        self._options.update(_core_flags or {})
        self.progress = progress
        self.router = routing if isinstance(routing, Router) or routing is None \
            else Router.from_toml(check_path(routing, "routing"))
        if self.router is not None and not self._options["langid_model"]:
            raise ConfigError("routing needs language identification (langid=False was given)")
        try:
            self._core = _core_analyzer(self._options)
        except ConfigError as e:
            # A rule or a signals.languages the config file gave: name it.
            from_file = isinstance(e, PatternError) or (
                signal_languages is None and bool(file_opts.get("signal_languages")))
            if config is None or not from_file:
                raise
            raise type(e)(f"{os.fspath(config)}: {e}") from None
        if self.router is not None and _warn_routing:
            _warn_unreachable_queues(self.router, self._options["languages"],
                                     self._core.language_detector.languages)

    # -- pickling: a recipe, not compiled state ---------------------------
    def __reduce__(self):
        # Bundled models travel as True ("the bundled one"), not as this
        # installation's paths, which a Spark or Dask worker may not have.
        options = dict(self._options)
        for key, kind in (("langid_model", "langid"), ("emotion_model", "emotion"),
                          ("signal_rules_path", "signals")):
            if is_bundled(options.get(key), kind):
                options[key] = True
        return (_from_options, (options, self.progress, self.router))

    @property
    def n_threads(self) -> int:
        """Threads the core uses."""
        return self._core.n_threads

    @property
    def options(self) -> dict[str, Any]:
        """The options this Analyzer was built with (a copy)."""
        return {**self._options, "pii_types": list(self._options["pii_types"]),
                "pii_patterns": dict(self._options["pii_patterns"]),
                "signal_rules": list(self._options["signal_rules"]),
                "signal_languages": list(self._options["signal_languages"])}

    def analyze(self, texts: Any, *, progress: bool | None = None) -> Result:
        """Analyse ``texts``; one result row per message, in input order.

        ``texts``: a list of str (or bytes / None), a pandas Series, a
        pyarrow Array or ChunkedArray, or any Arrow PyCapsule producer.
        ``to_pandas()`` keeps a Series' index, so ``df.join(...)`` pairs the
        rows; a warning says when that index has duplicates (a join would
        then pair every copy with every copy: ``df.reset_index(drop=True)``).
        """
        index = pandas_index(texts)
        if index is not None and not index.is_unique:
            warnings.warn("analyze(): the Series' index has duplicate labels, so joining the "
                          "result on it pairs rows wrongly; reset it first "
                          "(df.reset_index(drop=True))", stacklevel=2)
        signals = bool(self._options["signal_rules_path"] or self._options["signal_rules"])
        batches = [batch_from_core(cols, self._core.languages, signals)
                   for cols in self._run_core(texts, progress)]
        if not batches:
            return self._routed(Result(stable_dictionaries(
                empty_table(self._core.languages, signals))))
        return self._routed(Result(stable_dictionaries(pa.Table.from_batches(batches)), index))

    def _run_core(self, texts: Any, progress: bool | None) -> Iterator[dict[str, Any]]:
        """The core's column dicts for ``texts``, one per chunk of at most
        CHUNK_ROWS rows, in order (Ctrl-C and the progress bar between)."""
        chunks = to_arrow_chunks(texts)
        total = sum(len(c) for c in chunks)
        show = self.progress if progress is None else progress
        with _progress_bar(total, show) as bar:
            for chunk in chunks:
                for start in range(0, len(chunk), CHUNK_ROWS):
                    part = chunk.slice(start, CHUNK_ROWS)
                    yield self._core.run_arrow(*part.__arrow_c_array__())
                    bar.update(len(part))

    def _routed(self, result: Result) -> Result:
        if self.router is None:
            return result
        return Result(self.router.apply(result.to_arrow()), result._index)

    def pipe(self, texts: Iterable[Any], *, batch_size: int = 10_000,
             progress: bool | None = None) -> Iterator[Result]:
        """Stream ``texts``: yields one :class:`Result` per batch of at
        most ``batch_size`` messages, in order, so memory stays flat however
        many messages there are. ``texts`` is one of:

        - an iterable of messages (str, bytes or None), e.g. a generator
          over a file: each Result is indexed by the messages' positions in
          the stream (the second batch starts at ``batch_size``), so
          ``pd.concat`` of their ``to_pandas()`` has one row per message;
        - one column: a pandas Series (its index is kept), a pyarrow Array
          or ChunkedArray, or any Arrow PyCapsule producer (indexed by
          position);
        - an iterable of such columns, e.g. ``(c["text"] for c in
          pd.read_csv(path, chunksize=50_000))``: each column's rows are
          analysed in batches and keep its index (Arrow columns: positions
          in the stream).

        A DataFrame or table, or an iterable of them, is refused
        (InputError): pass the text column. ``progress=True`` shows a tqdm
        bar counting messages (default: the Analyzer's ``progress``; None
        there means no bar, as the stream's length is unknown).
        """
        batch_size = check_int("batch_size", batch_size, 1)
        if isinstance(texts, (str, bytes)):
            raise InputError("pipe() takes an iterable of messages, not one "
                             f"{type(texts).__name__}: wrap it in a list")
        if isinstance(texts, (Mapping, set, frozenset)) or _is_table(texts) or \
                getattr(texts, "ndim", 1) != 1:
            arrow_column(texts)  # the InputError analyze() gives
        show = self.progress if progress is None else progress
        with _progress_bar(None, show) as bar:
            for result in self._pipe(texts, batch_size):
                bar.update(len(result))
                yield result

    def _pipe(self, texts: Any, batch_size: int) -> Iterator[Result]:
        if _is_column(texts):
            yield from self._pipe_column(texts, batch_size, 0)
            return
        it = iter(texts)
        first = next(it, _END)
        if first is _END:
            return
        if not isinstance(first, (str, bytes)) and is_container(first):
            offset = 0
            for column in itertools.chain([first], it):
                if not _is_column(column) or _is_table(column):
                    raise InputError(
                        f"pipe(): an item of the stream is a {type(column).__name__}, not a "
                        "column of messages: pass the text columns, e.g. "
                        "(c['text'] for c in pd.read_csv(path, chunksize=50_000))")
                for result in self._pipe_column(column, batch_size, offset):
                    offset += len(result)
                    yield result
            return
        offset = 0
        it = itertools.chain([first], it)
        while batch := list(itertools.islice(it, batch_size)):
            try:
                result = self.analyze(batch, progress=False)
            except InputError as e:
                raise InputError(f"pipe(), in the batch from message {offset} of the "
                                 f"stream: {e}") from None
            yield _indexed(result, offset)
            offset += len(batch)

    def _pipe_column(self, column: Any, batch_size: int, offset: int) -> Iterator[Result]:
        """Batches of one column (see pipe): a Series keeps its index, the
        rest are indexed from ``offset``."""
        if pandas_index(column) is not None:
            for start in range(0, len(column), batch_size):
                yield self.analyze(column.iloc[start:start + batch_size], progress=False)
            return
        arr = arrow_column(column)  # as it comes; each slice is converted on its own
        for start in range(0, len(arr), batch_size):
            part = arr.slice(start, batch_size)
            yield _indexed(self.analyze(part, progress=False), offset + start)

    def __repr__(self) -> str:
        return f"kvetch.Analyzer(n_threads={self.n_threads}, max_bytes={self._options['max_bytes']})"


def _from_options(options: dict[str, Any], progress: bool | None,
                  router: Router | None = None) -> Analyzer:
    # The routing warnings were given when the original was built; not
    # again in every worker that unpickles a copy.
    return Analyzer(n_threads=options["n_threads"], max_bytes=options["max_bytes"],
                    pii=options["pii_types"], pii_patterns=options["pii_patterns"],
                    langid=options["langid_model"] or False, languages=options["languages"],
                    min_lang_confidence=options["min_lang_confidence"],
                    langid_mode=options.get("langid_mode", "high"),
                    emotion=options.get("emotion_model") or False, routing=router,
                    progress=progress,
                    signals=not options.get("signal_cues_only") and
                    options.get("signal_rules_path") or False,
                    signal_rules=options.get("signal_rules", []),
                    signal_languages=options.get("signal_languages", []),
                    _core_flags={"emotion_details": options.get("emotion_details", False),
                                 "language_only": options.get("language_only", False)},
                    _warn_routing=False)


def _model_path(value: bool | str | os.PathLike | None, kind: str) -> str:
    if value is False or value is None:
        return ""
    if value is True:
        return str(bundled_model(kind))
    return check_path(value, kind)


def _signal_options(signals: bool | str | os.PathLike | None, rules: Sequence[Any] | None,
                    languages: Sequence[str] | None, file_opts: dict[str, Any]) -> dict[str, Any]:
    if signals is None:
        signals = file_opts.get("signals_builtin")
        signals = True if signals is None else signals
    checked = list(file_opts.get("signal_rules") or [])
    if rules is not None and not isinstance(rules, (list, tuple)):
        raise ConfigError(f"signal_rules must be a list of rules ({{'signal': ..., "
                          f"'pattern': ...}}), got {type(rules).__name__}")
    for i, rule in enumerate(rules or []):
        # Tuples come back from pickling: (signal, lang, pattern, source).
        if isinstance(rule, tuple) and len(rule) == 4:
            rule = {"signal": rule[0], "lang": rule[1], "pattern": rule[2]}
        checked.append(check_signal_rule(rule, f"signal_rules[{i}]"))
    # Without the built-in packs, a user's rules still take their negation
    # cues from the bundled file ("I don't want to leave").
    cues_only = signals is False and bool(checked)
    if signals is True or cues_only:
        path = str(bundled_model("signals"))
    elif signals is False:
        path = ""
    else:
        path = check_path(signals, "signals")
    if languages is None:
        languages = file_opts.get("signal_languages") or []
    return {"signal_rules_path": path, "signal_rules": checked,
            "signal_languages": _codes(languages, "signal_languages"),
            "signal_cues_only": cues_only}


def _pii_types(pii: bool | Sequence[str] | None, from_file: list[str] | None) -> list[str]:
    if pii is None:
        pii = from_file if from_file is not None else True
    if pii is True:
        return list(PII_TYPES[:-1])  # every built-in type; "custom" is not one
    if pii is False:
        return []
    if isinstance(pii, str):
        pii = [pii]
    if not isinstance(pii, (list, tuple, set, frozenset)):
        raise ConfigError(f"pii must be True, False or a list of PII types, got {pii!r}")
    unknown = [p for p in pii if p not in PII_TYPES[:-1]]
    if unknown:
        raise ConfigError(f"unknown PII type(s) {unknown}; known: {PII_TYPES[:-1]}")
    return list(pii)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


_END = object()


def _is_column(obj: Any) -> bool:
    """A column of messages for pipe(): a pandas Series, or an Arrow array
    or stream (tables are caught later, as analyze() catches them)."""
    return pandas_index(obj) is not None or isinstance(obj, (pa.Array, pa.ChunkedArray)) or (
        hasattr(obj, "__arrow_c_array__") or hasattr(obj, "__arrow_c_stream__"))


def _is_table(obj: Any) -> bool:
    """A table rather than a column: a pandas or polars DataFrame, an Arrow
    table, record batch or reader."""
    return isinstance(obj, (pa.Table, pa.RecordBatch, pa.RecordBatchReader)) or \
        type(obj).__name__ in ("DataFrame", "LazyFrame")


def _indexed(result: Result, offset: int) -> Result:
    """``result`` indexed offset, offset + 1, ... in to_pandas()."""
    import pandas as pd

    return Result(result.to_arrow(), pd.RangeIndex(offset, offset + len(result)))


def _progress_bar(total: int | None, show: bool | None):
    """A tqdm bar over ``total`` messages (None: unknown), or a no-op: off
    when ``show`` is False, or None with fewer than PROGRESS_MIN_ROWS."""
    if show is False or (show is None and (total is None or total < PROGRESS_MIN_ROWS)):
        return _NoBar()
    from tqdm.auto import tqdm
    # disable=None turns the bar off when stderr is not a terminal.
    return tqdm(total=total, unit="msg", unit_scale=True, desc="kvetch",
                disable=None if show is None else False)


def _warn_unreachable_queues(router: Router, languages: list[str],
                             detected: list[str]) -> None:
    """Warns when a routing queue speaks a language that detection never
    returns: one the model (``detected``) does not know, or one that
    ``languages=`` leaves out. Messages in the latter reach their queue when
    their body has 12+ letters (through lang_alt), but shorter ones are read
    as the nearest allowed language and go to its queue (a short Dutch
    message to a German team under en, fr, de, es)."""
    spoken = {lang for langs in router.queues.values() for lang in langs}
    unknown = sorted(spoken - set(detected))
    if unknown:
        warnings.warn(
            f"{router.source}: queues speak {', '.join(unknown)}, which the language "
            "model does not detect: no message will be routed for them", stacklevel=3)
    missing = sorted((spoken & set(detected)) - set(languages)) if languages else []
    if missing:
        warnings.warn(
            f"{router.source}: queues speak {', '.join(missing)}, which languages= "
            "(--languages) leaves out: their messages shorter than 12 letters go to the "
            "queue of the closest allowed language; add them",
            stacklevel=3)

