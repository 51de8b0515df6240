"""Net Emotion Score: the share of positive minus the share of negative
messages, in [-100, 100], over any group of messages.

The rule, per message (the ``nes`` column, computed in the core):
+1 when its polarity is positive with emotion_confidence >= 0.5, -1 when
negative with that confidence, 0 otherwise (neutral, mixed, or not
confident). Every scored message counts in the denominator, whatever its
status: an empty or unreadable message is a 0 vote, and ``coverage`` says
which share of the group was scored with confidence. Rows whose ``nes`` is
null were never scored (analysed with ``emotion=False``, or rows of a join
that kvetch did not analyse) and are left out, with a warning saying how
many: counting them as 0 votes would pull every score towards 0.

The 95% confidence interval is the normal approximation for the mean of a
{-1, 0, 1} variable, computed with one pseudo-vote +1 and one -1 added
(n + 2 votes, in the manner of Agresti and Caffo's adjusted interval):
p+ = (pos + 1) / (n + 2), p- = (neg + 1) / (n + 2), centre p+ - p-,
variance (p+ + p- - (p+ - p-)^2) / (n + 2); widened to hold the NES itself
and clipped to [-100, 100]. Without the pseudo-votes a group whose votes all
agree (one message; 100 positives; 300 unscored zeros) got an interval of
zero width. Groups of a few messages get wide intervals, as they should.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._time import count_lost, to_utc
from .errors import ConfigError, InputError

_Z95 = 1.959964


def nes(data: Any, by: str | Sequence[str] | None = None, freq: str | None = None, *,
        time_column: str = "created_at", tz: Any = None) -> pd.DataFrame:
    """Net Emotion Score per group.

    Args:
        data: a :class:`kvetch.Result` or a DataFrame with an ``nes`` column
            (and ``emotion_confidence`` for coverage), e.g. Result.to_pandas()
            joined with your ticket columns.
        by: column name(s) to group by (e.g. "channel", ["lang"]).
        freq: a pandas period alias ("D", "W", "M", "Q", "Y"; no multiples
            such as "2W") to also group by the period of ``time_column``;
            adds a ``period`` column (start date, naive, in ``tz``).
        time_column: the timestamp column used with ``freq``.
        tz: the time zone whose days and weeks ``freq`` counts, e.g.
            "America/New_York" (or a tzinfo); default: the column's own zone when it is a
            tz-aware datetime column, else UTC (strings with offsets such as
            "-04:00" are converted to UTC; naive ones are taken as UTC).

    Returns:
        A DataFrame with the group keys, then ``nes`` (-100..100),
        ``messages``, ``positive``, ``negative``, ``coverage`` (0..1: the
        share of the group's messages scored with emotion_confidence >= 0.5,
        whatever their polarity, so confident neutral messages count as
        covered; without an ``emotion_confidence`` column, the share of
        non-zero votes), ``ci_low`` and ``ci_high``. One row for the whole
        input when neither ``by`` nor ``freq`` is given. With ``freq``,
        messages without a readable timestamp (null or not a date) form a
        period of their own, NaT.
    """
    df = _frame(data)
    keys = list(by) if isinstance(by, (list, tuple)) else [] if by is None else [by]
    for k in keys:
        try:
            found = k in df.columns
        except TypeError:  # an unhashable name, such as a dict
            found = False
        if not found:
            raise InputError(f"nes(): no column {k!r} to group by")
    df = _scored_rows(df)
    work = pd.DataFrame({"_vote": df["nes"].astype(np.int8).to_numpy()})
    conf = df["emotion_confidence"] if "emotion_confidence" in df.columns else None
    work["_conf"] = (conf.fillna(0) >= _core.NES_MIN_CONFIDENCE).to_numpy() if conf is not None \
        else (work["_vote"] != 0).to_numpy()
    for k in keys:
        work[k] = df[k].to_numpy()
    if freq is not None:
        if time_column not in df.columns:
            raise InputError(f"nes(freq=...): no time column {time_column!r}")
        if "period" in keys:
            raise InputError("nes(): by= names a column 'period', which freq= adds; "
                             "rename it or leave freq out")
        _check_freq(freq)
        times = _timestamps(df[time_column], time_column, tz)
        try:
            work["period"] = times.dt.to_period(freq).dt.start_time.to_numpy()
        except (ValueError, TypeError, AttributeError) as e:
            raise ConfigError(f"nes(freq={freq!r}): not a pandas period alias such as 'D', "
                              f"'W', 'M', 'Q' or 'Y' ({e})") from None
        keys = keys + ["period"]
    if len(work) == 0 and keys:
        return pd.DataFrame({k: pd.Series(dtype=object) for k in keys} | {
            c: pd.Series(dtype="int64" if c in ("messages", "positive", "negative") else float)
            for c in ("nes", "messages", "positive", "negative", "coverage", "ci_low",
                      "ci_high")})
    if not keys:
        out = _summarise(work).to_frame().T.reset_index(drop=True)
    else:
        try:
            grouped = work.groupby(keys, observed=True, dropna=False, sort=True)
            out = grouped[["_vote", "_conf"]].apply(_summarise).reset_index()
        except TypeError as e:  # lists or dicts in a key column
            raise InputError(f"nes(): cannot group by {keys}: {e}") from None
    return out.astype({"messages": "int64", "positive": "int64", "negative": "int64"})


def _scored_rows(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` without the rows whose nes is null (never scored), with a
    warning when there are any."""
    import warnings

    unscored = df["nes"].isna()
    n = int(unscored.sum())
    if not n:
        return df
    warnings.warn(f"nes(): {n} of {len(df)} row(s) have no 'nes' score (not analysed "
                  f"with emotion=True) and are left out", stacklevel=3)
    return df[~unscored.to_numpy()]


def _check_freq(freq: Any) -> None:
    """A ConfigError for a multiple ("2W", "3D"): pandas periods would keep
    single weeks and days under that name."""
    import re

    m = re.match(r"\s*(\d+)", freq) if isinstance(freq, str) else None
    if m and int(m.group(1)) != 1:
        raise ConfigError(f"nes(freq={freq!r}): multiples are not supported (pandas periods "
                          "would stay single weeks or days); use 'D', 'W', 'M', 'Q' or 'Y'")


def _own_zone(column: pd.Series):
    """The time zone of a tz-aware datetime column (numpy- or Arrow-backed),
    as its tzinfo or name; None for anything else."""
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        return column.dtype.tz
    arrow = getattr(column.dtype, "pyarrow_dtype", None)
    return getattr(arrow, "tz", None) if arrow is not None else None


def _timestamps(column: pd.Series, name: str, tz=None) -> pd.Series:
    """Naive timestamps of ``column`` in ``tz`` (default: its own zone if
    it is a tz-aware datetime column, else UTC), each value parsed in its
    own format (exports mix "2026-09-07 10:00", ISO with "Z", "09/15/2026");
    numbers are Unix epochs (s, ms, us or ns, by magnitude).
    Values that are no date become NaT, with a warning saying how many."""
    import warnings

    if tz is None:
        tz = _own_zone(column)
    times = to_utc(column)
    if tz is not None:
        try:
            times = times.dt.tz_convert(tz)
        except Exception as e:  # pytz / zoneinfo raise their own types
            raise ConfigError(f"nes(tz={tz!r}): not a time zone ({e})") from None
    lost = count_lost(column, times)
    missing = int(column.isna().sum())
    if lost or missing:
        what = f"{lost} value(s) of {name!r} are not dates" if lost else ""
        if missing:
            what += f" and {missing} are null" if lost else \
                f"{missing} value(s) of {name!r} are null"
        warnings.warn(f"nes(): {what}; their {lost + missing} row(s) form a period of "
                      f"their own (NaT)", stacklevel=3)
    return times.dt.tz_localize(None)


def _frame(data: Any) -> pd.DataFrame:
    if hasattr(data, "to_pandas") and not isinstance(data, pd.DataFrame):
        data = data.to_pandas()
    if not isinstance(data, pd.DataFrame):
        raise InputError("nes() takes a kvetch.Result or a pandas DataFrame")
    if "nes" not in data.columns or (len(data) and data["nes"].isna().all()):
        raise InputError("nes(): the data has no 'nes' scores; analyze with emotion=True")
    return data


def interval95(pos: np.ndarray, neg: np.ndarray, n: np.ndarray):
    """(low, high) arrays: the adjusted 95% interval of the module doc for
    groups of ``n`` votes, ``pos`` of them +1 and ``neg`` -1 (NaN for n 0)."""
    pos, neg, n = (np.asarray(a, dtype=np.float64) for a in (pos, neg, n))
    m = n + 2
    p, q = (pos + 1) / m, (neg + 1) / m
    centre = p - q
    half = _Z95 * np.sqrt(np.maximum(p + q - centre ** 2, 0.0) / m)
    score = (pos - neg) / np.maximum(n, 1)
    low = np.clip(100 * np.minimum(centre - half, score), -100, 100)
    high = np.clip(100 * np.maximum(centre + half, score), -100, 100)
    return np.where(n > 0, low, np.nan), np.where(n > 0, high, np.nan)


def _summarise(g: pd.DataFrame) -> pd.Series:
    n = len(g)
    pos = int((g["_vote"] > 0).sum())
    neg = int((g["_vote"] < 0).sum())
    if n == 0:
        score = low = high = coverage = float("nan")
    else:
        score = 100.0 * (pos - neg) / n
        low, high = (float(v[0]) for v in interval95([pos], [neg], [n]))
        coverage = float(g["_conf"].mean())
    return pd.Series({"nes": score, "messages": n, "positive": pos, "negative": neg,
                      "coverage": coverage, "ci_low": low, "ci_high": high})


__all__ = ["nes"]
