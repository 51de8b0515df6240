"""kvetch.nes: the Net Emotion Score over groups, with coverage and CIs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kvetch


def frame(votes, conf=None, **cols):
    df = pd.DataFrame({"nes": np.array(votes, dtype=np.int8), **cols})
    df["emotion_confidence"] = conf if conf is not None else [0.9] * len(votes)
    return df


def test_overall_score_and_interval():
    df = frame([1, 1, 1, -1, 0, 0, 0, 0, 0, 0])
    out = kvetch.nes(df)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["nes"] == pytest.approx(20.0)
    assert row["messages"] == 10 and row["positive"] == 3 and row["negative"] == 1
    # one pseudo-vote each way: p+ = 4/12, p- = 2/12, variance of the mean
    # (p+ + p- - (p+ - p-)^2) / 12, around p+ - p-
    p, q = 4 / 12, 2 / 12
    half = 100 * 1.959964 * np.sqrt((p + q - (p - q) ** 2) / 12)
    assert row["ci_low"] == pytest.approx(100 * (p - q) - half)
    assert row["ci_high"] == pytest.approx(100 * (p - q) + half)


def test_unanimous_groups_keep_a_width():
    """One message, or votes that all agree, are not certainty."""
    one = kvetch.nes(frame([1])).iloc[0]
    assert one["nes"] == 100 and one["ci_low"] < 0 and one["ci_high"] == 100
    hundred = kvetch.nes(frame([1] * 100)).iloc[0]
    assert 90 < hundred["ci_low"] < 99 and hundred["ci_high"] == 100
    unscored = kvetch.nes(frame([0] * 300, conf=[0.1] * 300)).iloc[0]
    assert unscored["coverage"] == 0 and unscored["ci_low"] < 0 < unscored["ci_high"]
    for _, r in kvetch.nes(frame([1, -1, 0, 1] * 5, ch=list("abcd") * 5), by="ch").iterrows():
        assert r["ci_low"] <= r["nes"] <= r["ci_high"]


def test_every_row_counts_and_coverage_says_how_many_were_scored():
    df = frame([1, -1, 0, 0], conf=[0.9, 0.8, 0.0, 0.1])
    row = kvetch.nes(df).iloc[0]
    assert row["messages"] == 4 and row["nes"] == 0
    assert row["coverage"] == pytest.approx(0.5)


def test_groups_and_weekly_periods():
    df = frame([1, 1, -1, -1, -1, 1],
               channel=["chat", "chat", "email", "email", "email", "chat"],
               created_at=["2026-01-05", "2026-01-06", "2026-01-06", "2026-01-13", "2026-01-14",
                           "2026-01-14"])
    by_channel = kvetch.nes(df, by="channel").set_index("channel")
    assert by_channel.loc["chat", "nes"] == 100 and by_channel.loc["email", "nes"] == -100
    weekly = kvetch.nes(df, freq="W")
    assert list(weekly["messages"]) == [3, 3]
    assert weekly["period"].iloc[0] == pd.Timestamp("2026-01-05")
    both = kvetch.nes(df, by=["channel"], freq="W")
    assert len(both) == 4 and both["messages"].sum() == 6


def test_bounds_and_empty_input():
    out = kvetch.nes(frame([1] * 5))
    assert out["ci_high"][0] == 100 and out["nes"][0] == 100
    empty = kvetch.nes(frame([]))
    assert empty["messages"][0] == 0 and np.isnan(empty["nes"][0])


def test_errors_are_clear():
    with pytest.raises(kvetch.InputError, match="nes"):
        kvetch.nes(pd.DataFrame({"x": [1]}))
    with pytest.raises(kvetch.InputError, match="channel"):
        kvetch.nes(frame([1]), by="channel")
    with pytest.raises(kvetch.InputError, match="created_at"):
        kvetch.nes(frame([1]), freq="W")


def test_on_a_result_including_bad_rows():
    res = kvetch.Analyzer().analyze(["Thank you, great service!", "This is unacceptable!!!",
                                     None, "", b"\xff\xfe broken"])
    out = kvetch.nes(res).iloc[0]
    assert out["messages"] == 5
    assert out["coverage"] < 1.0
    assert -100 <= out["nes"] <= 100


def test_mixed_timestamp_formats_and_non_dates():
    df = pd.DataFrame({"nes": [1, -1, 0, 1], "emotion_confidence": [0.9] * 4,
                       "created_at": ["2026-09-07 10:00", "2026-09-08T11:00:00Z",
                                      "09/15/2026", "not a date"]})
    with pytest.warns(UserWarning, match="1 value"):
        out = kvetch.nes(df, freq="W")
    assert out["messages"].tolist() == [2, 1, 1]
    assert out["period"].iloc[0] == pd.Timestamp("2026-09-07")
    assert out["period"].iloc[1] == pd.Timestamp("2026-09-14")
    assert pd.isna(out["period"].iloc[2])


def test_empty_groups_and_no_emotion():
    df = pd.DataFrame({"nes": pd.Series([], dtype="int8"), "ch": pd.Series([], dtype=object)})
    out = kvetch.nes(df, by="ch")
    assert len(out) == 0 and {"ch", "nes", "messages", "ci_low"} <= set(out.columns)
    plain = kvetch.Analyzer(emotion=False).analyze(["fine", "awful"])
    assert plain.to_pandas()["nes"].isna().all()
    assert plain.summary()["nes"] is None
    with pytest.raises(kvetch.InputError, match="emotion=True"):
        kvetch.nes(plain)


def test_epoch_timestamps_are_read_in_their_unit():
    """Ticket exports often carry Unix epochs; read as nanoseconds they
    would all fall in one 1970 week."""
    secs = [1757239200, 1757239200 + 86400 * 7, 1757239200 + 86400 * 14]
    for scale in (1, 1000):
        df = frame([1, -1, 1], created_at=[s * scale for s in secs])
        out = kvetch.nes(df, freq="W")
        assert out["period"].dt.year.tolist() == [2025] * 3
        assert out["messages"].tolist() == [1, 1, 1]


def test_bad_freq_is_a_config_error():
    df = frame([1, -1], created_at=["2026-09-07", "2026-09-08"])
    with pytest.raises(kvetch.ConfigError, match="period alias"):
        kvetch.nes(df, freq="ME")


@pytest.mark.parametrize("by,match", [
    (5, "no column 5"),              # TypeError: 'int' object is not iterable
    ({"a": 1}, "no column"),         # an unhashable name
    ("meta", "cannot group by"),     # dict values: TypeError unhashable
])
def test_bad_group_keys_are_input_errors(by, match):
    df = frame([1, -1, 0], meta=[{"a": 1}] * 3)
    with pytest.raises(kvetch.InputError, match=match):
        kvetch.nes(df, by=by)


def test_null_timestamps_are_counted_in_the_warning():
    """The warning said "1 value(s) are not dates" while the NaT period held
    3 rows: nulls go there too, and are counted (review finding 23)."""
    df = pd.DataFrame({"nes": [1, 0, 0, -1], "emotion_confidence": [0.9] * 4,
                       "created_at": ["2026-09-07", None, None, "garbage"]})
    with pytest.warns(UserWarning, match=r"1 value\(s\) of 'created_at' are not dates and 2 "
                                         r"are null; their 3 row\(s\)"):
        out = kvetch.nes(df, freq="W")
    assert out["messages"].tolist() == [1, 3]
    with pytest.warns(UserWarning, match=r"2 value\(s\) of 'created_at' are null"):
        kvetch.nes(df.iloc[:3], freq="W")


def test_rows_without_a_score_are_left_out_with_a_warning():
    """A join with rows kvetch did not analyse (null nes) used to count them
    as neutral votes: NES -28 read as -9.5."""
    df = pd.DataFrame({"nes": pd.array([-1, -1, 1, None, None, None], dtype="Int8"),
                       "ch": ["a", "a", "a", "b", "b", "a"]})
    with pytest.warns(UserWarning, match="3 of 6 row"):
        out = kvetch.nes(df, by="ch")
    assert out["ch"].tolist() == ["a"] and out["messages"].tolist() == [3]
    assert out["nes"].iloc[0] == pytest.approx(-100 / 3)
    scored = kvetch.Analyzer().analyze(["I love it, thank you!", "This is awful."])
    plain = kvetch.Analyzer(emotion=False).analyze(["fine", "awful"])
    assert kvetch.Result.concat([scored, plain]).summary()["nes"] == scored.summary()["nes"]


def test_periods_in_the_columns_own_time_zone_or_the_one_given():
    times = pd.Series(pd.to_datetime(["2026-09-07 02:00", "2026-09-07 12:00"], utc=True))
    df = pd.DataFrame({"nes": [1, -1], "created_at": times.dt.tz_convert("America/New_York")})
    local = kvetch.nes(df, freq="D")
    assert local["period"].dt.day.tolist() == [6, 7]  # 02:00 UTC is 22:00 the day before
    utc = kvetch.nes(df.assign(created_at=times), freq="D")
    assert utc["period"].dt.day.tolist() == [7]
    tokyo = kvetch.nes(df.assign(created_at=times), freq="D", tz="Asia/Tokyo")
    assert tokyo["period"].dt.day.tolist() == [7] and tokyo["messages"].tolist() == [2]
    with pytest.raises(kvetch.ConfigError, match="not a time zone"):
        kvetch.nes(df, freq="D", tz="Mars/Olympus")


@pytest.mark.parametrize("freq", ["2W", "3D"])
def test_multiples_of_a_period_are_refused(freq):
    df = pd.DataFrame({"nes": [1], "created_at": ["2026-09-07"]})
    with pytest.raises(kvetch.ConfigError, match="multiples"):
        kvetch.nes(df, freq=freq)


def test_a_period_column_in_by_collides_with_freq():
    df = pd.DataFrame({"nes": [1], "created_at": ["2026-09-07"], "period": ["q3"]})
    with pytest.raises(kvetch.InputError, match="'period'"):
        kvetch.nes(df, by="period", freq="W")


def test_zones_of_dateutil_and_arrow_backed_columns_are_used():
    import dateutil.tz
    times = pd.Series(pd.to_datetime(["2026-09-07 02:00", "2026-09-07 12:00"], utc=True))
    paris = times.dt.tz_convert(dateutil.tz.gettz("America/New_York"))
    out = kvetch.nes(pd.DataFrame({"nes": [1, -1], "created_at": paris}), freq="D")
    assert out["period"].dt.day.tolist() == [6, 7]
    arrow = times.dt.tz_convert("America/New_York").astype("timestamp[us, tz=America/New_York][pyarrow]")
    out = kvetch.nes(pd.DataFrame({"nes": [1, -1], "created_at": arrow}), freq="D")
    assert out["period"].dt.day.tolist() == [6, 7]
