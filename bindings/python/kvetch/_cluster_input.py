"""What ComplaintClusterer accepts, made one per-message DataFrame with
``text_redacted``, ``lang``, ``is_complaint`` and, when known, ``created_at``
(UTC) and ``channel``, plus every other field of the input."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .errors import InputError

TIME_COLUMN = "created_at"
CHANNEL_COLUMN = "channel"


class ComplaintColumnsWarning(UserWarning):
    """No polarity or signal columns: every message counts as a complaint."""


def documents(data: Any, timestamps: Any, channels: Any, *, n_threads: int | None,
              warn: bool):
    import pandas as pd

    from .result import Result

    if isinstance(data, Result):
        df = data.to_pandas()
    elif isinstance(data, pd.DataFrame):
        df = _from_frame(data, n_threads)
    else:
        df = _analyze(data, n_threads).to_pandas()
    df = df.reset_index(drop=True)
    if "text_redacted" not in df:
        raise InputError("the input has no text_redacted column (not an Analyzer Result)")
    if "lang" not in df:
        df["lang"] = None
    elif "lang_alt" in df:  # no lang: outside the analyzer's languages= list, named here
        lang = df["lang"].astype(object)
        df["lang"] = lang.where(lang.notna(), df["lang_alt"].astype(object))
    n = len(df)
    if timestamps is not None:
        df[TIME_COLUMN] = _one_per_row(timestamps, n, "timestamps")
    if channels is not None:
        df[CHANNEL_COLUMN] = _one_per_row(channels, n, "channels")
    if TIME_COLUMN in df:
        from ._time import count_lost

        raw = df[TIME_COLUMN]
        df[TIME_COLUMN] = _to_utc(raw)
        df.attrs["lost_times"] = count_lost(raw, df[TIME_COLUMN])
    df["is_complaint"] = _complaints(df, warn)
    return df


def _analyze(texts: Any, n_threads: int | None):
    from .analyzer import Analyzer

    return Analyzer(n_threads=n_threads).analyze(texts, progress=False)


def _from_frame(frame, n_threads):
    if "text_redacted" in frame:
        return frame.copy()
    if "text" not in frame:
        raise InputError("a DataFrame input needs a 'text' column (or 'text_redacted', "
                         f"from an Analyzer Result); columns: {', '.join(map(str, frame.columns))}")
    # The Result keeps the Series' index (a filtered frame's is not 0..n-1);
    # the other columns join it by position.
    res = _analyze(frame["text"], n_threads).to_pandas().reset_index(drop=True)
    rest = frame.drop(columns=["text"]).reset_index(drop=True)
    rest = rest.drop(columns=[c for c in rest.columns if c in res.columns])
    return res.join(rest)


def _one_per_row(values: Any, n: int, name: str):
    import pandas as pd

    s = pd.Series(list(values) if not isinstance(values, pd.Series) else values.to_numpy())
    if len(s) != n:
        raise InputError(f"{name} has {len(s)} values for {n} messages")
    return s.to_numpy()


def _to_utc(col):
    from ._time import to_utc

    try:
        return to_utc(col)
    except (TypeError, ValueError) as e:
        raise InputError(f"{TIME_COLUMN}: cannot read as timestamps ({e})") from None


def _complaints(df, warn: bool) -> np.ndarray:
    """Negative polarity or any signal. A polarity column with no value
    (emotion off) is no evidence, nor are signal columns that are all false
    when there is no polarity either (signals off too): then every message
    counts, with a warning. Null signal columns (no rule ran) are no
    evidence either."""
    signals = [c for c in df.columns if str(c).startswith("signal_") and df[c].notna().any()]
    if "polarity" in df and df["polarity"].isna().all():
        df = df.drop(columns=["polarity"])
        if not any(df[c].fillna(False).astype(bool).any() for c in signals):
            signals = []
    if "polarity" not in df and not signals:
        if warn and len(df):
            warnings.warn("no polarity or signal_* columns: every message counts as a "
                          "complaint (only_complaints has no effect)", ComplaintColumnsWarning,
                          stacklevel=4)
        return np.ones(len(df), dtype=bool)
    out = np.zeros(len(df), dtype=bool)
    if "polarity" in df:
        out |= (df["polarity"].astype(object) == "negative").to_numpy()
    for c in signals:
        out |= df[c].fillna(False).astype(bool).to_numpy()
    return out
