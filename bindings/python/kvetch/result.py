"""Columnar analysis results.

A :class:`Result` wraps one Arrow table with one row per input message, in
input order, with the columns in :data:`kvetch.schema.COLUMNS`. Categorical
columns (status, script) are dictionary-encoded and become pandas
categoricals.
"""

from __future__ import annotations

import html
from typing import Any, Iterable, Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import _core
from .errors import ConfigError, InputError
from .schema import (COLUMN_NAMES, CS_EMOTIONS, PII_TYPES, POLARITIES, SCRIPTS, SIGNALS,
                     STATUSES)

_NULL = STATUSES.index("null")


class Result:
    """Analysis results for a batch of messages.

    ``len(result)`` is the number of input rows. Use :meth:`to_pandas` or
    :meth:`to_arrow` for the data and :meth:`summary` for counts. Results
    of a pandas Series keep its index in :meth:`to_pandas` (so that
    ``df.join(result.to_pandas())`` pairs the right rows); the Arrow table
    has no index.
    """

    def __init__(self, table: pa.Table, index: Any = None):
        self._table = table
        self._index = index if index is not None and len(index) == table.num_rows else None

    @classmethod
    def concat(cls, results: Iterable["Result"]) -> "Result":
        """One Result with the rows of ``results`` in order (their pandas
        indexes joined when every one has one)."""
        results = list(results)
        tables = [r._table for r in results]
        if not tables:
            return cls(empty_table())
        for r in results[1:]:
            if r.columns != results[0].columns:
                differ = sorted(set(r.columns) ^ set(results[0].columns))
                raise InputError(
                    "Result.concat: the results have different columns "
                    f"({', '.join(differ) or 'in another order'}): concatenate results "
                    "of Analyzers with the same routing")
        indexes = [r._index for r in results]
        index = (indexes[0].append(indexes[1:]) if all(i is not None for i in indexes)
                 else None)
        return cls(stable_dictionaries(pa.concat_tables(tables)), index)

    def __len__(self) -> int:
        return self._table.num_rows

    @property
    def columns(self) -> list[str]:
        return self._table.column_names

    def to_arrow(self, *, dictionaries: bool = True) -> pa.Table:
        """The results as a pyarrow Table (no copy). With ``dictionaries=False``
        the dictionary-encoded columns (status, script, lang, emotion, ...)
        are plain strings, for readers that take no dictionaries (Spark's
        ``mapInArrow``, CSV)."""
        return self._table if dictionaries else decode_dictionaries(self._table)

    def to_pandas(self, **kwargs: Any):
        """The results as a pandas DataFrame (keyword arguments go to
        ``pyarrow.Table.to_pandas``), indexed like the input Series when
        there was one, else 0..n-1."""
        df = self._table.to_pandas(**kwargs)
        if self._index is not None:
            df.index = self._index
        return df

    def __getitem__(self, column: str | list[str]):
        """One column as a pandas Series, or for a list of names a pandas
        DataFrame of those columns (indexed as :meth:`to_pandas`). Rows:
        ``result.to_pandas().iloc[...]``."""
        names = column if isinstance(column, list) else [column]
        for name in names:
            if not isinstance(name, str):
                raise TypeError(f"Result[...] takes a column name or a list of names, not "
                                f"{type(name).__name__}; rows: result.to_pandas().iloc[...]")
            if name not in self._table.column_names:
                raise KeyError(f"no column {name!r}; columns: "
                               f"{', '.join(self._table.column_names)}")
        if isinstance(column, list):
            df = self._table.select(names).to_pandas()
            if self._index is not None:
                df.index = self._index
            return df
        series = self._table.column(column).to_pandas()
        if self._index is not None:
            series.index = self._index
        return series

    def __contains__(self, column: object) -> bool:
        """Whether ``column`` is the name of a column."""
        return column in self._table.column_names

    def __iter__(self):
        """The column names, as a DataFrame iterates."""
        return iter(self._table.column_names)

    def summary(self) -> dict[str, Any]:
        """Counts: rows, per status, per PII type, per script, language,
        language outside the ``languages=`` list (``lang_outside``: rows with
        no lang, by lang_alt), polarity, emotion and signal, and the overall
        Net Emotion Score (kvetch.nes over the rows with a score; None
        without emotion scores)."""
        t = self._table
        lang, alt = t.column("lang"), t.column("lang_alt")
        scored = t.column("polarity").null_count < t.num_rows
        # Rows without a score (emotion=False in a concatenation) are no votes.
        votes = t.column("nes").drop_null().to_numpy() if t.num_rows else np.zeros(0, np.int8)
        return {
            "rows": t.num_rows,
            "status": _value_counts(t.column("status")),
            "pii": {p: int(_sum(t.column(f"pii_{p}"))) for p in PII_TYPES},
            "script": _value_counts(t.column("script")),
            "lang": _value_counts(lang),
            "lang_outside": _value_counts(alt.filter(pc.and_(pc.is_null(lang), pc.is_valid(alt)))),
            "polarity": _value_counts(t.column("polarity")),
            "emotion": _value_counts(t.column("emotion")),
            # None when no signal rule ran (the columns are null).
            "signals": {s: (None if t.column(f"signal_{s}").null_count == len(t) and len(t)
                            else int(pc.sum(t.column(f"signal_{s}")).as_py() or 0))
                        for s in SIGNALS},
            "nes": round(100.0 * float(votes.mean()), 1) if scored and len(votes) else None,
        }

    def routing_summary(self):
        """Messages per queue and language, with how many need translation
        (a pandas DataFrame); needs an Analyzer built with ``routing=``."""
        from .routing import routing_summary
        if "route" not in self.columns:
            raise ConfigError("no routing: build the Analyzer with routing='routing.toml'")
        return routing_summary(self._table)

    def to_html(self, path, *, clusterer=None, timestamps=None, channels=None,
                title: str = "Customer voice report"):
        """Writes the HTML report of these results to ``path`` (one
        self-contained file; see :mod:`kvetch.report`) and returns the path.

        ``timestamps`` and ``channels`` (one per row) add the weekly views
        and the channel mix; ``clusterer``, a fitted ComplaintClusterer on
        these rows, adds the complaint clusters.
        """
        from .report import build_report, report_from_clusterer
        df = self.to_pandas()
        if timestamps is not None:
            df["created_at"] = np.asarray(timestamps)
        if channels is not None:
            df["channel"] = np.asarray(channels)
        if clusterer is not None:
            return report_from_clusterer(clusterer, df, title=title).save(path)
        return build_report(df, title=title).save(path)

    def __repr__(self) -> str:
        return f"<kvetch.Result rows={len(self)} columns={len(self.columns)}>"

    def _repr_html_(self) -> str:
        s = self.summary()
        status = ", ".join(f"{k}: {v:,}" for k, v in s["status"].items())
        pii = ", ".join(f"{k}: {v:,}" for k, v in s["pii"].items() if v)
        head = self._table.slice(0, 10).to_pandas()
        return (
            f"<div><b>kvetch.Result</b>: {len(self):,} rows &middot; "
            f"status {html.escape(status)} &middot; PII redacted "
            f"{html.escape(pii or 'none')}</div>"
            + head.to_html(max_cols=20, escape=True)
            + (f"<div>... {len(self) - 10:,} more rows</div>" if len(self) > 10 else ""))


def decode_dictionaries(table: pa.Table) -> pa.Table:
    """``table`` with each dictionary column cast to its value type."""
    cols = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c
            for c in table.columns]
    return pa.Table.from_arrays(cols, names=table.column_names)


def stable_dictionaries(table: pa.Table) -> pa.Table:
    """``table`` with its script and language columns each over one sorted
    dictionary, so the categories do not depend on how the rows were split
    into batches."""
    for name in ("script", "lang", "lang_alt"):
        i = table.schema.get_field_index(name)
        col = table.column(i)
        found = {n for c in col.chunks for n in c.dictionary.to_pylist()}
        names = pa.array(sorted(found | set(SCRIPTS) if name == "script" else found),
                         type=pa.string())
        chunks = []
        for c in col.chunks:
            codes = pc.index_in(c.dictionary_decode(), value_set=names).cast(pa.int16())
            chunks.append(pa.DictionaryArray.from_arrays(codes, names))
        table = table.set_column(i, name, pa.chunked_array(chunks, type=col.type))
    return table


def _value_counts(col: pa.ChunkedArray) -> dict[str, int]:
    counts = col.value_counts()
    pairs = [(str(v["values"]), int(v["counts"])) for v in counts.to_pylist()
             if v["values"] is not None]
    return dict(sorted(pairs, key=lambda kv: -kv[1]))


def _sum(col: pa.ChunkedArray) -> int:
    return sum(int(np.asarray(c).sum()) for c in col.chunks)


def _dictionary(codes: np.ndarray, names: list[str]) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(
        pa.array(codes.astype(np.int8)), pa.array(names, type=pa.string()))


# The index in SCRIPTS of each script code of the core.
_SCRIPT_INDEX = np.array([SCRIPTS.index(_core.script_name(c)) for c in range(1024)],
                         dtype=np.int16)


def _script_column(codes: np.ndarray) -> pa.DictionaryArray:
    """Script codes over the fixed dictionary SCRIPTS."""
    index = _SCRIPT_INDEX[np.minimum(codes.astype(np.int64), len(_SCRIPT_INDEX) - 1)]
    return pa.DictionaryArray.from_arrays(pa.array(index), pa.array(SCRIPTS, type=pa.string()))


def _lang_column(codes: np.ndarray, languages: list[str]) -> pa.DictionaryArray:
    mask = codes < 0
    indices = pa.array(np.where(mask, 0, codes).astype(np.int16), mask=mask)
    return pa.DictionaryArray.from_arrays(indices, pa.array(languages, type=pa.string()))


def batch_from_core(cols: Mapping[str, np.ndarray], languages: list[str] = (),
                    signals: bool = True) -> pa.RecordBatch:
    """An Arrow RecordBatch over the numpy arrays the core returned;
    ``languages`` are the codes the lang columns index. Without ``signals``
    (no rule ran) the signal columns are null, as the emotion columns are
    without an emotion model: not computed, not "never"."""
    languages = list(languages)
    status = cols["status"]
    n = len(status)
    valid = status != _NULL
    validity = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little"))
    text = pa.LargeStringArray.from_buffers(
        n, pa.py_buffer(cols["text_offsets"]), pa.py_buffer(cols["text_data"]),
        validity, n - int(valid.sum()))
    arrays = {
        "status": _dictionary(status, STATUSES),
        "text_redacted": text,
        "n_bytes": pa.array(cols["n_bytes"]),
        "n_tokens": pa.array(cols["n_tokens"]),
        "script": _script_column(cols["script"]),
        "pii_count": pa.array(cols["pii_count"]),
    }
    for p in PII_TYPES:
        arrays[f"pii_{p}"] = pa.array(cols[f"pii_{p}"])
    arrays["lang"] = _lang_column(cols["lang"], languages)
    arrays["lang_confidence"] = pa.array(cols["lang_confidence"])
    arrays["lang_alt"] = _lang_column(cols["lang_alt"], languages)
    arrays.update(_emotion_columns(cols))
    for s in SIGNALS:
        arrays[f"signal_{s}"] = (pa.array(cols[f"signal_{s}"].view(np.bool_)) if signals
                                 else pa.nulls(n, type=pa.bool_()))
    return pa.RecordBatch.from_arrays([arrays[c] for c in COLUMN_NAMES], names=COLUMN_NAMES)


def _emotion_columns(cols: Mapping[str, np.ndarray]) -> dict[str, pa.Array]:
    """The emotion columns; without an emotion model (every polarity -1)
    they are null."""
    polarity = cols["polarity"]
    off = bool(len(polarity)) and bool((polarity < 0).all())
    mask = np.full(len(polarity), off)

    def floats(name):
        return pa.array(cols[name], type=pa.float32(), mask=mask if off else None)

    out = {"emotion": _coded(cols["emotion"], CS_EMOTIONS, mask)}
    for name in CS_EMOTIONS:
        out[f"emo_{name}"] = floats(f"emo_{name}")
    out["valence"] = floats("valence")
    out["intensity"] = floats("intensity")
    out["polarity"] = _coded(polarity, POLARITIES, mask)
    out["emotion_confidence"] = floats("emotion_confidence")
    out["nes"] = pa.array(cols["nes"], type=pa.int8(), mask=mask if off else None)
    return out


def _coded(codes: np.ndarray, names: list[str], mask: np.ndarray) -> pa.DictionaryArray:
    indices = pa.array(np.where(mask, 0, codes).astype(np.int8), mask=mask if mask.any() else None)
    return pa.DictionaryArray.from_arrays(indices, pa.array(names, type=pa.string()))


def empty_table(languages: list[str] = (), signals: bool = True) -> pa.Table:
    """A table of no rows, its lang categories ``languages``."""
    return pa.Table.from_batches([batch_from_core(_empty_columns(), languages, signals)])


def _empty_columns() -> dict[str, np.ndarray]:
    empty = {k: np.zeros(0, dtype=t) for k, t in [
        ("status", np.uint8), ("n_bytes", np.int64), ("n_tokens", np.int32),
        ("script", np.uint16), ("pii_count", np.int32)]}
    empty["text_offsets"] = np.zeros(1, dtype=np.int64)
    empty["text_data"] = np.zeros(0, dtype=np.uint8)
    for p in PII_TYPES:
        empty[f"pii_{p}"] = np.zeros(0, dtype=np.int32)
    empty["lang"] = empty["lang_alt"] = np.zeros(0, dtype=np.int16)
    empty["lang_confidence"] = np.zeros(0, dtype=np.float32)
    empty["emotion"] = empty["polarity"] = empty["nes"] = np.zeros(0, dtype=np.int8)
    for name in ["valence", "intensity", "emotion_confidence"] + [f"emo_{c}" for c in CS_EMOTIONS]:
        empty[name] = np.zeros(0, dtype=np.float32)
    for s in SIGNALS:
        empty[f"signal_{s}"] = np.zeros(0, dtype=np.uint8)
    return empty
