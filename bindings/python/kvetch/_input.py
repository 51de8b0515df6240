"""Turning what users pass as messages into Arrow arrays the core can read.

Accepted: a list (or any iterable) of str / bytes / None / NaN, a pandas
Series of any dtype, a pyarrow Array or ChunkedArray, or any object with the
Arrow PyCapsule interface (``__arrow_c_array__`` / ``__arrow_c_stream__``).
Arrow string and binary data is read without copying. Scalar values that
are not text (numbers, dates) are made text with ``str()`` (in an Arrow
array, with Arrow's cast to string); an array of more than one dimension, a
table (a DataFrame, an Arrow table or record batch reader, anything whose
Arrow type is a struct), a dict or set of messages, and messages that are
themselves containers (lists, dicts, Series, arrays: a DataFrame chunk
passed where its text column was meant) are refused with an InputError. None, NaN, NaT,
pd.NA and Arrow nulls become rows with status ``null``. Python strings with
lone surrogates, and bytes that are not UTF-8, reach the core as bytes and
come back with status ``repaired_utf8``.
"""

from __future__ import annotations

import math
import re
import sys
from typing import Any, Iterable, Mapping

import pyarrow as pa
import pyarrow.compute as pc

from .errors import InputError

_TEXT_TYPES = (pa.string(), pa.large_string(), pa.binary(), pa.large_binary())


def pandas_index(texts: Any):
    """The index of a pandas Series (results keep it), else None."""
    pd = sys.modules.get("pandas")
    return texts.index if pd is not None and isinstance(texts, pd.Series) else None


def arrow_column(texts: Any) -> pa.Array | pa.ChunkedArray:
    """``texts`` (not a pandas Series) as one Arrow array or chunked array,
    as it comes: no copy, no cast; InputError for tables and the rest that
    analyze() refuses."""
    return _to_arrow(texts)


def to_arrow_chunks(texts: Any) -> list[pa.Array]:
    """The messages as a list of Arrow string or binary arrays."""
    arr = _to_arrow(texts)
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    return [_as_text_type(c) for c in chunks]


def _to_arrow(texts: Any) -> pa.Array | pa.ChunkedArray:
    if isinstance(texts, (pa.Array, pa.ChunkedArray)):
        return texts
    if isinstance(texts, (pa.Table, pa.RecordBatch)):
        raise InputError(
            "texts must be one column, not a table: pass table['text'] "
            f"(columns: {', '.join(texts.column_names)})")
    if isinstance(texts, (str, bytes)):
        raise InputError(
            "texts must be a sequence of messages, not a single message; "
            "wrap it in a list: analyze([text])")
    if isinstance(texts, Mapping):
        raise InputError(
            "texts must be a sequence of messages, not a dict: pass its text column, "
            f"e.g. d[{next(iter(texts), 'text')!r}]")
    if isinstance(texts, (set, frozenset)):
        raise InputError("texts must be a sequence of messages, not a set (a set has no "
                         "order, and results are in input order): pass a list")
    mod = type(texts).__module__
    if mod.startswith("pandas"):
        return _from_pandas(texts)
    ndim = getattr(texts, "ndim", 1)
    if ndim != 1:
        raise InputError(f"texts must be one-dimensional (one message per row), got an "
                         f"array of {ndim} dimensions")
    if hasattr(texts, "__arrow_c_stream__"):
        return _one_column(pa.chunked_array(texts))
    if hasattr(texts, "__arrow_c_array__"):
        return _one_column(pa.array(texts))
    if not isinstance(texts, (list, tuple)):
        try:
            texts = list(texts)
        except TypeError:
            raise InputError(f"texts must be a sequence of messages (a list, a pandas "
                             f"Series, an Arrow array), got {type(texts).__name__}") from None
    try:
        return pa.array(texts, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowException, UnicodeError, TypeError, ValueError):
        return _from_python_values(texts)


def _one_column(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """``arr``, or an InputError when it is a table (a struct of columns:
    polars and other DataFrames, record batch readers)."""
    if pa.types.is_struct(arr.type):
        names = ", ".join(f.name for f in arr.type)
        raise InputError(f"texts must be one column, not a table: pass its text column, "
                         f"e.g. df['text'] (columns: {names})")
    return arr


def _from_pandas(obj: Any) -> pa.Array | pa.ChunkedArray:
    import pandas as pd

    if isinstance(obj, pd.DataFrame):
        raise InputError(
            "texts must be one column, not a DataFrame: pass df['text'] "
            f"(columns: {', '.join(map(str, obj.columns))})")
    if isinstance(obj, pd.Index):
        obj = obj.to_series()
    if not isinstance(obj, pd.Series):
        raise InputError(f"cannot read messages from {type(obj).__name__}")
    try:
        arr = pa.Array.from_pandas(obj)
    except (pa.ArrowException, UnicodeError, TypeError, ValueError):
        return _from_python_values(obj.tolist())
    if _is_text(arr.type) or pa.types.is_null(arr.type):
        return arr
    # Numbers, booleans, dates, periods: str() of each value, as for a list
    # (Arrow's casts write "true" and "1", and a period's ordinal).
    return _from_python_values(obj.tolist())


def _is_text(t: pa.DataType) -> bool:
    return t in _TEXT_TYPES or (pa.types.is_dictionary(t) and t.value_type in _TEXT_TYPES)


def _is_missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (
        type(v).__name__ in ("NAType", "NaTType"))


def is_container(v: Any) -> bool:
    """Whether ``v`` holds several values (so cannot be one message): a
    list, tuple, dict or set, a pandas, polars or Arrow object with a length
    (a Series, a DataFrame, an array), a NumPy array of one dimension or
    more, or anything with the Arrow PyCapsule interface."""
    if isinstance(v, (list, tuple, Mapping, set, frozenset)):
        return True
    if hasattr(v, "__arrow_c_array__") or hasattr(v, "__arrow_c_stream__"):
        return True
    root = type(v).__module__.split(".")[0]
    if root in ("pandas", "polars", "pyarrow") and hasattr(v, "__len__"):
        return True
    return root == "numpy" and getattr(v, "ndim", 0) > 0


def _encode(v: Any, i: int) -> bytes | None:
    if isinstance(v, pa.Scalar):
        v = v.as_py()  # a null scalar is None, not the text "None"
    if _is_missing(v):
        return None
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v)
    if not isinstance(v, str) and is_container(v):
        raise InputError(
            f"message {i} is a {type(v).__name__}, not one message (str, bytes or None): "
            "pass the messages themselves, e.g. df['text'], not rows or chunks of a table")
    s = v if isinstance(v, str) else str(v)
    # surrogatepass keeps lone surrogates as (ill-formed) bytes for the core
    # to repair and flag, instead of failing the whole batch.
    return s.encode("utf-8", "surrogatepass")


def _from_python_values(values: Iterable[Any]) -> pa.Array:
    return pa.array([_encode(v, i) for i, v in enumerate(values)], type=pa.large_binary())


def _as_text_type(arr: pa.Array) -> pa.Array:
    t = arr.type
    if t in _TEXT_TYPES:
        return arr
    if pa.types.is_dictionary(t):
        # Decoded as large strings: some value types (string_view, from
        # polars) have no take kernel of their own.
        values = _as_text_type(arr.dictionary)
        return pc.take(values, arr.indices)
    if pa.types.is_null(t):
        return pa.nulls(len(arr), type=pa.large_string())
    try:
        return pc.cast(arr, pa.large_string())
    except pa.ArrowException as e:
        raise InputError(f"cannot read messages of Arrow type {t}: {e}") from e


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def one_message(text: Any, what: str) -> str:
    """One message for the single-text helpers (detect, explain): bytes
    decoded with ill-formed UTF-8 as U+FFFD, each lone surrogate of a str
    as one U+FFFD (character offsets unchanged); InputError naming ``what``
    for anything else."""
    if isinstance(text, (bytes, bytearray)):
        return bytes(text).decode("utf-8", "replace")
    if not isinstance(text, str):
        raise InputError(f"{what} takes one message (str or bytes), not {type(text).__name__}")
    return _LONE_SURROGATE.sub("\ufffd", text)
