"""kvetch._time: one reading of timestamp columns for nes, the clusterer
and the report."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import kvetch
from kvetch._time import AmbiguousDateWarning, count_lost, latest_week_masks, to_utc, week_start

SEPT_7 = pd.Timestamp("2025-09-07 10:00", tz="UTC")


def test_epochs_by_magnitude():
    s = 1757239200
    for values in ([s], [s * 1000], [s * 10**6], [s * 10**9], [float(s)], [s, None]):
        assert to_utc(pd.Series(values, dtype=object if None in values else None))[0] == SEPT_7


def test_mixed_string_formats_and_junk():
    raw = pd.Series(["2025-09-07 10:00", "2025-09-07T12:00:00+02:00", "09/07/2025",
                     "soon", None])
    with pytest.warns(AmbiguousDateWarning, match="1 date such as '09/07/2025'"):
        t = to_utc(raw)
    assert t[0] == SEPT_7 and t[1] == SEPT_7
    assert t[2] == pd.Timestamp("2025-09-07", tz="UTC")
    assert t[3:].isna().all()
    assert count_lost(raw, t) == 1


def test_datetimes_and_odd_values():
    naive = pd.Series(pd.to_datetime(["2025-09-07 10:00"]))
    assert to_utc(naive)[0] == SEPT_7
    assert to_utc(pd.Series([np.inf, np.nan, 1757239200.0])).isna().tolist() == [True, True,
                                                                                  False]
    assert to_utc(pd.Series([True, False])).isna().all()
    assert len(to_utc(pd.Series([], dtype=object))) == 0


def test_placeholder_dates_are_missing():
    """0 and -1 ("missing") and 9999-12-31 ("never") are no dates: one of
    them crashed the report (-1) or stretched its charts over centuries."""
    t = to_utc(pd.Series(["2026-01-05", "-1", "9999-12-31", "1970-01-01"]))
    assert t.notna().tolist() == [True, False, False, False]
    assert to_utc(pd.Series([1757239200, 0, -1, 1000])).notna().tolist() == [True, False, False,
                                                                              False]


def test_epochs_written_as_text():
    """CSV and JSONL kept columns reach nes() and the clusterer as strings."""
    t = to_utc(pd.Series(["1757239200", "1757239260", None]))
    assert t[0] == SEPT_7 and pd.isna(t[2])
    assert to_utc(pd.Series(["1757239200", "1757239200"]))[1] == SEPT_7
    assert to_utc(pd.Series(["20250907", "2025-09-07"])).notna().all()  # dates, not epochs


def test_weeks_start_on_monday_utc():
    t = to_utc(pd.Series(["2025-09-07T23:30:00-02:00", "2025-09-08 00:00"]))
    assert week_start(t).tolist() == [pd.Timestamp("2025-09-08")] * 2   # Sunday 23:30 -02 is Monday


def test_latest_week_masks_compare_the_same_days():
    """An archive that ends on a Monday morning: its latest week is that
    morning, compared with the Monday morning of the week before."""
    t = pd.Series(pd.date_range("2026-09-07", "2026-09-21 10:00", freq="6h", tz="UTC"))
    now, before = latest_week_masks(t)
    assert now.sum() == 2 and before.sum() == 2           # Mondays 00:00 and 06:00
    assert t[before].dt.day_of_week.eq(0).all()
    now, before = latest_week_masks(pd.concat([t, pd.Series([pd.NaT], dtype=t.dtype)],
                                                ignore_index=True))
    assert not now.iloc[-1] and not before.iloc[-1]


def days(values) -> list[str]:
    return [t.strftime("%Y-%m-%d") for t in to_utc(pd.Series(values))]


def test_day_first_column_is_read_day_first_throughout():
    """Parsed one by one, "13/09/2026" was 13 September but "01/10/2026"
    10 January (review finding 1): the column's own dates decide the order."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert days(["13/09/2026 10:00", "01/10/2026 10:00", "05/10/2026", "20/10/26"]) == [
            "2026-09-13", "2026-10-01", "2026-10-05", "2026-10-20"]
        assert days(["09/13/2026", "10/01/2026", "2026-09-07T10:00:00Z"]) == [
            "2026-09-13", "2026-10-01", "2026-09-07"]
        assert days(["5.10.2026 10:00", "3.4.26"]) == ["2026-10-05", "2026-04-03"]  # dots: day first
        assert days(["1/1/2026", "2026-01-05"]) == ["2026-01-01", "2026-01-05"]  # day == month


def test_contradicting_or_undecided_orders_warn():
    with pytest.warns(AmbiguousDateWarning, match="1 read day first and 1 month first"):
        assert days(["13/09/2026", "09/13/2026", "05/06/2026"]) == [
            "2026-09-13", "2026-09-13", "2026-06-05"]
    assert kvetch.AmbiguousDateWarning is AmbiguousDateWarning  # filterable by users
    with pytest.warns(AmbiguousDateWarning, match="read month first"):
        assert days(["05/10/2026", "03/04/2026"]) == ["2026-05-10", "2026-03-04"]


def test_nes_months_of_a_day_first_column():
    df = pd.DataFrame({"nes": [0] * 4, "emotion_confidence": [0.9] * 4,
                       "created_at": ["13/09/2026 10:00", "01/10/2026 10:00",
                                      "05/10/2026 10:00", "20/10/2026 10:00"]})
    out = kvetch.nes(df, freq="M")
    assert out["period"].dt.strftime("%Y-%m").tolist() == ["2026-09", "2026-10"]
    assert out["messages"].tolist() == [1, 3]


def test_day_first_dates_under_a_repeated_index_and_as_categories():
    """A pd.concat of two exports repeats index labels: the rewrite crashed
    with InvalidIndexError (diff review); categorical columns skipped the
    column-wide order; two-digit years keep pandas' pivot (98 -> 1998)."""
    s = pd.Series(["13/09/2026", "14/09/2026", "01/10/2026", "02/10/2026"], index=[0, 1, 0, 1])
    assert [t.strftime("%Y-%m-%d") for t in to_utc(s)] == [
        "2026-09-13", "2026-09-14", "2026-10-01", "2026-10-02"]
    assert days(pd.Series(["13/09/2026", "01/10/2026"], dtype="category")) == [
        "2026-09-13", "2026-10-01"]
    assert days(["13/09/98 10:00", "01/10/26"]) == ["1998-09-13", "2026-10-01"]
    df = pd.DataFrame({"nes": [1, 0, -1, 0], "created_at": s.to_numpy()}, index=s.index)
    assert kvetch.nes(df, freq="M")["messages"].tolist() == [2, 2]


def test_categorical_epochs():
    """Second review: the category dtype hid epochs from the number check."""
    for values in ([1757239200, 1757325600], ["1757239200", "1757325600"]):
        t = to_utc(pd.Series(values).astype("category"))
        assert t[0] == SEPT_7 and t.notna().all()
