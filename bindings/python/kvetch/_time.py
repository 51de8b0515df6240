"""Timestamps of a user's column, read one way everywhere (nes, the
clusterer, the report)."""

from __future__ import annotations

import numpy as np
import pandas as pd

# Epoch numbers are read in the unit their size implies: seconds until the
# year 5138, then milliseconds, microseconds, nanoseconds (pandas alone reads
# every integer as nanoseconds, so 1757239200 became 1970-01-01T00:00:01).
_EPOCH_UNITS = ((1e11, "s"), (1e14, "ms"), (1e17, "us"))
_EPOCH_TEXT = r"\s*[-+]?\d{9,19}(?:\.\d*)?\s*"  # 9+ digits: not a year or a date


#: Timestamps outside [FIRST, END) are placeholders, not dates: exports
#: write "missing" as 0 or -1 and "never" as 9999-12-31, and one of them
#: stretched a report's weekly charts over centuries.
FIRST, END = pd.Timestamp("1990-01-01", tz="UTC"), pd.Timestamp("2100-01-01", tz="UTC")


#: Numeric dates with the year last ("13/09/2026", "5.10.26 10:00"): day
#: and month order is decided for the whole column (see _numeric_dates).
_DMY = (r"^\s*(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})"
        r"(?P<rest>(?:\D.*)?)$")  # every group takes part: Arrow nulls the row otherwise


class AmbiguousDateWarning(UserWarning):
    """Numeric dates whose day/month order nothing in the column tells."""


def to_utc(values) -> pd.Series:
    """``values`` as tz-aware UTC timestamps; anything that is no date, or
    a date outside [FIRST, END), becomes NaT. Strings are parsed each in its
    own format (exports mix "2026-09-07 10:00", ISO with "Z" and
    "09/15/2026"), except numeric dates with the year last, which are read
    in one day/month order for the whole column (see _numeric_dates);
    numbers are Unix epochs in s, ms, us or ns, told apart by the largest
    magnitude."""
    t = pd.to_datetime(_parse(values if isinstance(values, pd.Series) else pd.Series(values)),
                       utc=True)  # an empty object column parses naive
    return t.where((t >= FIRST) & (t < END))


def _parse(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):  # e.g. from a Parquet dictionary column
        s = s.astype(object)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return pd.to_datetime(s, utc=True)
    if _numbers(s):
        return _from_epoch(pd.to_numeric(s, errors="coerce").astype("float64"))
    if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
        s = _numeric_dates(s)
    try:
        return pd.to_datetime(s, errors="coerce", utc=True, format="mixed")
    except (TypeError, ValueError, OverflowError):  # e.g. mixed objects
        return pd.to_datetime(s.astype(str).where(s.notna()), errors="coerce", utc=True,
                              format="mixed")


def _numeric_dates(s: pd.Series) -> pd.Series:
    """``s`` with its numeric year-last dates rewritten year first (ISO), in
    one order for the column: day first when some first field is over 12
    (13/09/2026) and no second one is, month first in the opposite case.
    Parsed one by one, "13/09/2026" read as 13 September but "01/10/2026"
    as 10 January. When nothing decides, dates with dots are day first
    (5.10.2026: no one writes month first with dots) and the others month
    first (pandas' reading, with an AmbiguousDateWarning); when the fields
    contradict each other, each date that decides goes its own way and the
    rest follow the majority, with the same warning."""
    rows, parts = _extract(s, _DMY)
    if parts is None:
        return s
    found = s.iloc[rows]
    a, b = parts["a"].astype(int), parts["b"].astype(int)
    day_first, month_first = int((a > 12).sum()), int((b > 12).sum())
    dots = bool((parts["sep"] == ".").all())
    if day_first and month_first:
        order = pd.Series(day_first >= month_first, index=a.index)
        order[a > 12], order[b > 12] = True, False
        _warn_order(found, f"{day_first} read day first and {month_first} month first")
    else:
        order = pd.Series(bool(day_first) or (dots and not month_first), index=a.index)
        if not day_first and not month_first and not dots and ((a != b) & (a <= 12)).any():
            _warn_order(found, "read " + ("day first" if dots else "month first"))
    day, month = a.where(order, b), b.where(order, a)
    year = parts["y"].astype(int)
    year = year.where(year >= 100, year + np.where(year >= 69, 1900, 2000))  # POSIX: 69-99 19yy
    iso = (year.map("{:04d}".format) + "-" + month.map("{:02d}".format) + "-"
           + day.map("{:02d}".format) + parts["rest"].fillna(""))
    out = s.astype(object).copy()
    out.iloc[rows] = iso.to_numpy()  # by position: the index may repeat labels
    return out


def _extract(s: pd.Series, pattern: str) -> tuple[np.ndarray, pd.DataFrame | None]:
    """(positions in ``s`` of the strings that match ``pattern``, their
    named groups, one row each in that order); (empty, None) when none
    does. Arrow's RE2 scan: a pandas ``str.extract`` cost 2 s per million
    ISO dates that never match."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = s.to_numpy(dtype=object)
    try:
        arr = pa.array(values, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed objects: their strings only
        arr = pa.array([v if isinstance(v, str) else None for v in values],
                       type=pa.large_string())
    hit = pc.fill_null(pc.match_substring_regex(arr, pattern), False)
    if not pc.any(hit).as_py():
        return np.zeros(0, np.int64), None
    rows = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
    groups = pc.extract_regex(arr.take(pa.array(rows)), pattern)
    return rows, pd.DataFrame({f.name: g.to_numpy(zero_copy_only=False)
                               for f, g in zip(groups.type, groups.flatten())})


def _warn_order(values: pd.Series, how: str) -> None:
    import warnings

    n = len(values)
    warnings.warn(f"{n} date{'s' if n > 1 else ''} such as {values.iloc[0]!r} could be "
                  "day/month or "
                  f"month/day and the column does not tell which ({how}); write ISO dates "
                  "(2026-10-05) to be sure", AmbiguousDateWarning, stacklevel=4)


def _numbers(s: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(s.dtype):
        return False
    if pd.api.types.is_numeric_dtype(s.dtype):
        return True
    present = s.dropna()
    if len(present) == 0 or not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)):
        return False
    if all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
           for v in present):
        return True
    # CSV and JSONL kept columns arrive as text: "1757239200" is an epoch too.
    return bool(present.astype(str).str.fullmatch(_EPOCH_TEXT).all())


def _from_epoch(x: pd.Series) -> pd.Series:
    finite = x[np.isfinite(x)]
    top = float(np.abs(finite).max()) if len(finite) else 0.0
    unit = next((u for limit, u in _EPOCH_UNITS if top < limit), "ns")
    return pd.to_datetime(x.where(np.isfinite(x)), unit=unit, utc=True, errors="coerce")


def count_lost(values, times: pd.Series) -> int:
    """How many present values ``to_utc`` could not read."""
    s = values if isinstance(values, pd.Series) else pd.Series(values)
    return int((times.isna().to_numpy() & s.notna().to_numpy()).sum())


def naive_utc(times: pd.Series) -> pd.Series:
    """Timestamps as naive UTC (tz-aware ones converted, naive ones kept)."""
    return times.dt.tz_convert("UTC").dt.tz_localize(None) if times.dt.tz is not None else times


def week_start(times: pd.Series) -> pd.Series:
    """Monday 00:00 UTC of each timestamp's week, as naive timestamps."""
    day = naive_utc(times).dt.normalize()
    return day - pd.to_timedelta(day.dt.day_of_week, unit="D")


def latest_week_masks(times: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(in the latest week, in the same span of the week before): the span
    ends at the same weekday and hour as the latest timestamp, so that an
    archive ending mid-week (on a Monday morning) is compared like with like,
    not with a whole week. Both False where a timestamp is missing."""
    t = naive_utc(times)
    last_week, end = week_start(t).max(), t.max()
    week = pd.Timedelta(days=7)
    return t >= last_week, (t >= last_week - week) & (t <= end - week)
