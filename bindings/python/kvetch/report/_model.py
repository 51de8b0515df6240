"""What the report shows, computed from the per-message and per-cluster
DataFrames: aggregates and a few sampled, PII-redacted examples.

Everything here is bounded by the number of weeks, languages, queues and
clusters, never by the number of messages: a run over a million messages
gives a report of the same size as one over a thousand. Optional columns
(emotion, nes, route, channel, signal_*, created_at, cluster) add their
sections when present; a note says what is missing when they are not.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import _charts
from .._time import latest_week_masks, to_utc, week_start
from ..nes import interval95
from ._map import cluster_map
from ._words import count_of

#: Representative messages shown per cluster, and their length cap.
MAX_EXAMPLES = 5
MAX_EXAMPLE_CHARS = 360
#: Rows of a breakdown (languages, queues, channels) before "other".
MAX_BREAKDOWN = 10
#: The "last weeks" of the emerging-issue cards.
RECENT_WEEKS = 2
#: Clusters shown (the largest): the table, drill-downs and map stay quick
#: to read and to load; the rest are counted in a note.
MAX_CLUSTERS = 150

EMOTIONS = ["anger", "frustration", "disappointment", "worry", "confusion",
            "gratitude", "satisfaction", "neutral"]
EMOTION_COLORS = {"anger": "#c0392b", "frustration": "#e67e22", "disappointment": "#8e5ea2",
                  "worry": "#d4ac0d", "confusion": "#5d6d7e", "gratitude": "#1e8449",
                  "satisfaction": "#27ae60", "neutral": "#aab7b8"}
LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nl": "Dutch",
    "no": "Norwegian", "nb": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish",
    "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese",
    "af": "Afrikaans", "sq": "Albanian", "eu": "Basque", "gl": "Galician", "ga": "Irish",
    "is": "Icelandic", "mt": "Maltese", "so": "Somali", "sw": "Swahili", "tl": "Tagalog",
    "cy": "Welsh", "lb": "Luxembourgish", "bs": "Bosnian", "mk": "Macedonian", "be": "Belarusian",
    "ur": "Urdu", "bn": "Bengali", "ta": "Tamil", "fil": "Filipino", "la": "Latin", "eo": "Esperanto",
}
SIGNAL_LABELS = {"signal_effort": "Effort (had to chase)",
                 "signal_churn": "Churn risk (cancel, switch)",
                 "signal_urgency": "Urgency",
                 "signal_escalation": "Escalation (manager, chargeback)"}


def _missing(v: Any) -> bool:
    """Whether ``v`` is no value: None, NaN or a blank string (a CSV's
    empty cell arrives as "", a DataFrame's as None)."""
    return v is None or (isinstance(v, float) and math.isnan(v)) or \
        (isinstance(v, str) and not v.strip())


def category_name(v: Any) -> str:
    """A category (channel, queue) as shown: "Unknown" when missing."""
    return "Unknown" if _missing(v) else str(v)


def language_name(code: Any) -> str:
    if _missing(code):
        return "Unknown"
    name = LANGUAGE_NAMES.get(str(code))
    return f"{name} ({code})" if name else str(code)


def _count(n: float) -> int:
    return 0 if n is None or not math.isfinite(n) else int(n)


def fmt_int(n: float) -> str:
    return f"{int(round(n)):,}"


def fmt_pct(share: float, digits: int = 1) -> str:
    if share is None or not math.isfinite(share):
        return "–"
    return f"{100 * share:.{digits}f} %"


def fmt_nes(v: float) -> str:
    return "–" if v is None or not math.isfinite(v) else f"{v:+.0f}"


def fmt_growth(g: float) -> str:
    """A growth ratio (this period / previous) as a change in percent."""
    if g is None or (isinstance(g, float) and math.isnan(g)):
        return "–"
    if math.isinf(g):
        return "new"
    return f"{100 * (g - 1):+.0f} %"


def nes_color(v: float) -> str:
    """Red (-100) through grey (0) to green (+100)."""
    if v is None or not math.isfinite(v):
        return "#b0b7bf"
    t = max(-1.0, min(1.0, v / 60.0))
    grey, red, green = np.array([176, 183, 191]), np.array([192, 57, 43]), np.array([30, 132, 73])
    c = grey + (red - grey) * -t if t < 0 else grey + (green - grey) * t
    return "#%02x%02x%02x" % tuple(int(x) for x in c)


# --- NES -------------------------------------------------------------------

def nes_table(nes: pd.Series, keys=None) -> pd.DataFrame:
    """NES per key (or overall): 100 x the mean of the -1/0/+1 votes, a
    missing vote counting 0, with the 95% interval of ``kvetch.nes``
    (``nes.interval95``). Columns nes, messages, ci_low, ci_high."""
    x = pd.to_numeric(pd.Series(np.asarray(nes)), errors="coerce").fillna(0).to_numpy(float)
    frame = pd.DataFrame({"x": x, "pos": x > 0, "neg": x < 0})
    if keys is None:
        keys = np.zeros(len(x), dtype=np.int8)
    elif isinstance(keys, list):
        keys = [np.asarray(k) for k in keys]
    else:
        keys = np.asarray(keys)
    g = frame.groupby(keys, observed=True, sort=True).agg(
        n=("x", "size"), m=("x", "mean"), pos=("pos", "sum"), neg=("neg", "sum"))
    low, high = interval95(g["pos"].to_numpy(), g["neg"].to_numpy(), g["n"].to_numpy())
    return pd.DataFrame({"nes": 100 * g["m"], "messages": g["n"].astype(int),
                         "ci_low": low, "ci_high": high}, index=g.index)


# --- messages: overview ----------------------------------------------------

def week_starts(times: pd.Series) -> pd.Series:
    """The Monday (UTC) of each timestamp's week, as a naive Timestamp."""
    return week_start(to_utc(times))


def week_label(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%b}"


def _known(values: pd.Series) -> pd.Series:
    """``values`` as objects, with nulls and blank strings as None: one
    "Unknown" row for both, whatever the input's format."""
    v = values.astype("object")
    v = v.where(v.notna(), None)
    return v.where(v.astype(str).str.strip() != "", None)


def breakdown(values: pd.Series, *, names=category_name, top: int = MAX_BREAKDOWN) -> list[dict]:
    """Counts and shares of ``values`` (nulls and blanks as "Unknown"),
    largest first; past ``top`` rows the rest is one "Other" row."""
    counts = _known(values).value_counts(dropna=False)
    total = int(counts.sum()) or 1
    items = [{"key": k, "label": names(k), "count": int(n), "share": n / total}
             for k, n in counts.items()]
    if len(items) > top:
        rest = items[top - 1:]
        items = items[:top - 1] + [{"key": "_other", "label": f"Other ({len(rest)})",
                                    "count": sum(r["count"] for r in rest),
                                    "share": sum(r["share"] for r in rest)}]
    for it in items:
        it["share_text"] = fmt_pct(it["share"])
        it["count_text"] = fmt_int(it["count"])
    return items


def weekly_overview(df: pd.DataFrame, times: pd.Series | None, weeks: pd.Series | None) -> dict | None:
    if weeks is None or weeks.notna().sum() == 0:
        return None
    counts = weeks.value_counts().sort_index()
    full = pd.date_range(counts.index.min(), counts.index.max(), freq="7D")
    counts = counts.reindex(full, fill_value=0)
    labels = [week_label(w) for w in full]
    titles = [f"Week of {w:%d %b %Y}: {count_of(n, 'message')}" for w, n in zip(full, counts)]
    out = {"weeks": list(full), "labels": labels, "counts": counts.tolist(),
           "volume": _charts.bars(labels, counts.tolist(), titles=titles), "nes": None,
           "first": times.min(), "last": times.max(),
           "same_span_before": int(latest_week_masks(times)[1].sum())}
    if "nes" in df.columns:
        t = nes_table(df["nes"], weeks).reindex(full)
        out["nes_weekly"] = t
        out["nes"] = _charts.line_band(
            labels, t["nes"], t["ci_low"], t["ci_high"], titles=[
                f"Week of {w:%d %b %Y}: NES {fmt_nes(r.nes)} "
                f"(95% CI {fmt_nes(r.ci_low)} to {fmt_nes(r.ci_high)}), "
                f"{count_of(_count(r.messages), 'message')}"
                for w, r in zip(full, t.itertuples())])
    return out


def kpis(df: pd.DataFrame, weekly: dict | None, clusters: dict | None,
         only_complaints: bool = True) -> list[dict]:
    n = len(df)
    cards = [{"label": "Messages", "value": fmt_int(n),
              "sub": _period_text(weekly) if weekly else "no readable dates"}]
    if weekly and len(weekly["counts"]) >= 2:
        last, prev = weekly["counts"][-1], weekly["same_span_before"]
        change = (last - prev) / prev if prev else float("nan")
        cards.append({"label": "Latest week", "value": fmt_int(last),
                      "sub": f"messages in the week of {weekly['weeks'][-1]:%d %b}; "
                             f"{_signed_pct(change)} vs the same days of the week before",
                      "tone": "bad" if change > 0.2 else ""})
    if "nes" in df.columns:
        t = nes_table(df["nes"]).iloc[0]
        sub = f"95% CI {fmt_nes(t.ci_low)} to {fmt_nes(t.ci_high)}, scale −100 to +100"
        if weekly and "nes_weekly" in weekly and len(weekly["weeks"]) >= 2:
            w = weekly["nes_weekly"]["nes"]
            sub += f"; latest week {fmt_nes(w.iloc[-1])} ({_signed_points(w.iloc[-1] - w.iloc[-2])})"
        cards.append({"label": "Net Emotion Score", "value": fmt_nes(t.nes), "sub": sub,
                      "tone": "bad" if t.nes < 0 else "good"})
    if clusters:
        in_clusters, emerging = clusters["messages"], clusters["emerging"]
        label = "Complaints in clusters" if only_complaints else "Messages in clusters"
        cards.append({"label": label, "value": fmt_int(in_clusters),
                      "sub": f"{fmt_pct(in_clusters / n if n else float('nan'))} of messages, "
                             f"in {count_of(clusters['clusters'], 'cluster')}"})
        cards.append({"label": "Emerging issues", "value": str(emerging),
                      "sub": "clusters flagged as new or growing fast",
                      "tone": "bad" if emerging else "good"})
    if "pii_count" in df.columns:
        pii = int(pd.to_numeric(df["pii_count"], errors="coerce").fillna(0).sum())
        rows = int((pd.to_numeric(df["pii_count"], errors="coerce").fillna(0) > 0).sum())
        cards.append({"label": "Personal data removed", "value": fmt_int(pii),
                      "sub": f"items (e-mails, phones, cards, IBANs…) in {count_of(rows, 'message')}, "
                             "shown only as placeholders; names are not detected"})
    return cards


def _period_text(weekly: dict) -> str:
    """First and last message, and the weeks (Monday to Sunday, UTC) they
    span: the charts' weeks."""
    first, last = weekly["first"], weekly["last"]
    return f"{first:%d %b %Y} to {last:%d %b %Y} ({count_of(len(weekly['weeks']), 'ISO week')})"


def _signed_pct(x: float) -> str:
    return "–" if not math.isfinite(x) else f"{100 * x:+.0f} %"


def _signed_points(x: float) -> str:
    if not math.isfinite(x):
        return "–"
    return "no change" if round(x) == 0 else f"{x:+.0f} points"


def breakdowns(df: pd.DataFrame) -> list[dict]:
    out = []
    if "lang" in df.columns:
        lang = df["lang"].astype(object)
        if "lang_alt" in df.columns:  # no lang: outside the detector's list, named here
            lang = lang.where(lang.notna(), df["lang_alt"].astype(object))
        out.append({"id": "languages", "title": "Languages",
                    "items": breakdown(lang, names=language_name)})
    if "route" in df.columns:
        queues = {"id": "queues", "title": "Routing queues", "items": breakdown(df["route"])}
        if "needs_translation" in df.columns:
            share = df["needs_translation"].fillna(False).astype(bool).mean()
            queues["note"] = f"{fmt_pct(share)} of messages need translation"
        out.append(queues)
    if "channel" in df.columns:
        out.append({"id": "channels", "title": "Channels", "items": breakdown(df["channel"])})
    # Null columns: no signal rule ran (signals=False), not "none found".
    signals = [c for c in SIGNAL_LABELS if c in df.columns and df[c].notna().any()]
    if signals:
        n = len(df) or 1
        items = [{"key": c, "label": SIGNAL_LABELS[c], "count": int(df[c].fillna(False).sum()),
                  "share": df[c].fillna(False).sum() / n} for c in signals]
        for it in items:
            it["share_text"], it["count_text"] = fmt_pct(it["share"]), fmt_int(it["count"])
        out.append({"id": "signals", "title": "Customer-service signals", "items": items,
                    "note": "a message can carry several"})
    return out


def emotion_mix(emotions: pd.Series) -> list[dict]:
    """Share of each emotion, in a fixed order (for stacked bars)."""
    return _mix(emotions.value_counts())


def _mix(counts: pd.Series) -> list[dict]:
    counts = counts[counts > 0]
    counts.index = counts.index.astype(str)
    total = float(counts.sum()) or 1.0
    known = [e for e in EMOTIONS if e in counts.index]
    others = [e for e in counts.index if e not in EMOTIONS]
    return [{"key": e, "label": str(e).capitalize(), "count": int(round(counts[e])),
             "share": counts[e] / total, "share_text": fmt_pct(counts[e] / total),
             "color": EMOTION_COLORS.get(e, "#7f8c8d")} for e in known + others]


# --- clusters --------------------------------------------------------------

def _as_dict(v: Any) -> dict:
    return dict(v) if isinstance(v, dict) else {}


def _as_list(v: Any) -> list:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return []
    return list(v)


def _float(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def cluster_rows(info: pd.DataFrame, redact, df: pd.DataFrame | None,
                 assignments: pd.Series | None, weeks: list | None,
                 week_of: pd.Series | None = None) -> list[dict]:
    """One dict per row of ``info``, in order, with its drill-down; free
    text goes through ``redact`` first."""
    info = info.reset_index(drop=True)
    texts = []
    for _, r in info.iterrows():
        texts.append(str(r.get("label", f"Cluster {r['id']}")))
        texts.extend(str(k) for k in _as_list(r.get("keywords")))
        texts.extend(str(x)[:MAX_EXAMPLE_CHARS * 2] for x in _as_list(r.get("representatives"))[:MAX_EXAMPLES])
    clean = iter(redact(texts))
    rows = []
    for _, r in info.iterrows():
        label = next(clean)
        keywords = [next(clean) for _ in _as_list(r.get("keywords"))]
        reps = [_shorten(next(clean)) for _ in _as_list(r.get("representatives"))[:MAX_EXAMPLES]]
        rows.append(_cluster_row(r, label, keywords, reps, weeks))
    if df is not None and assignments is not None:
        _add_message_views(rows, df, assignments, weeks, week_of)
    return rows


def _shorten(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_EXAMPLE_CHARS else text[:MAX_EXAMPLE_CHARS - 1] + "…"


def _cluster_row(r: pd.Series, label: str, keywords: list, reps: list, weeks: list | None) -> dict:
    cid = int(r["id"])
    size, share, nes, growth = int(r.get("size", 0)), _float(r.get("share")), \
        _float(r.get("nes")), _float(r.get("growth"))
    lang_items = _count_items(_as_dict(r.get("languages")), language_name)
    chan_items = _count_items(_as_dict(r.get("channels")), category_name)
    top_emotion = r.get("top_emotion")
    top_emotion = None if top_emotion is None or (isinstance(top_emotion, float)
                                                   and math.isnan(top_emotion)) else str(top_emotion)
    row = {"id": cid, "anchor": f"cluster-{cid}", "label": label, "keywords": keywords,
           "size": size, "size_text": fmt_int(size), "share": share, "share_text": fmt_pct(share),
           "nes": nes, "nes_text": fmt_nes(nes), "nes_color": nes_color(nes),
           "growth": growth, "growth_text": fmt_growth(growth),
           "growth_sort": 1e9 if math.isinf(growth) else (growth if math.isfinite(growth) else -1),
           "emerging": bool(r.get("emerging", False)), "top_emotion": top_emotion,
           "top_emotion_color": EMOTION_COLORS.get(top_emotion or "", "#7f8c8d"),
           "languages": lang_items,
           "languages_text": ", ".join(f"{i['code']} {i['share_text']}" for i in lang_items[:3]),
           "channels": chan_items, "representatives": reps,
           "first_seen": _ts(r.get("first_seen")), "last_seen": _ts(r.get("last_seen")),
           "emotions": _mix(pd.Series(_as_dict(r.get("emotions")), dtype=float))
           if _as_dict(r.get("emotions")) else [], "nes_trend": None}
    row.update(_cluster_weekly(_as_dict(r.get("weekly")), weeks))
    return row


def _count_items(counts: dict, name) -> list[dict]:
    """A cluster's breakdown (languages, channels) from {key: count},
    largest first; keys that ``name`` gives one label (None, "" and
    "Unknown" channels) are one item."""
    merged: dict = {}
    for k, v in counts.items():
        label = name(k)
        code, total = merged.get(label, (k, 0))
        merged[label] = (code, total + v)
    total = sum(v for _, v in merged.values()) or 1
    return [{"label": label, "code": k, "count": int(v), "share": v / total,
             "share_text": fmt_pct(v / total, 0), "count_text": fmt_int(v)}
            for label, (k, v) in sorted(merged.items(), key=lambda kv: -kv[1][1])]


def _ts(v: Any) -> str:
    t = pd.to_datetime(v, utc=True, errors="coerce") if v is not None else pd.NaT
    return "–" if pd.isna(t) else f"{t:%d %b %Y}"


def _surge_text(counts: list[int]) -> str:
    """The emerging badge: mean messages per week in the last RECENT_WEEKS
    weeks over the mean per week of all the weeks before (weeks without
    any counting 0), as "×2.5" (one decimal below 10, none from 10; "×2",
    not "×2.0"); "new" when there were none before. What makes a cluster
    emerging: the latest week against the one before (Growth) can fall
    while the fortnight surges."""
    earlier, recent = counts[:-RECENT_WEEKS], counts[-RECENT_WEEKS:]
    if not earlier or not sum(earlier):
        return "new"
    ratio = (sum(recent) / len(recent)) / (sum(earlier) / len(earlier))
    text = f"{ratio:.0f}" if round(ratio, 1) >= 10 else f"{ratio:.1f}".removesuffix(".0")
    return f"×{text}"


def _cluster_weekly(weekly: dict, weeks: list | None) -> dict:
    if not weekly:
        return {"weekly_counts": [], "spark": None, "trend": None, "recent": 0, "new": False,
                "surge_text": "–"}
    series = pd.Series({pd.Timestamp(k).normalize(): int(v) for k, v in weekly.items()})
    series = series.groupby(level=0).sum()
    axis = weeks if weeks else list(pd.date_range(series.index.min(), series.index.max(), freq="7D"))
    counts = [int(series.get(w, 0)) for w in axis]
    labels = [week_label(w) for w in axis]
    # The badge reads the cluster's whole history up to the report's last
    # week: after a refit, the table's weeks go back before the messages.
    start = min(series.index.min(), pd.Timestamp(axis[0]))
    full = [int(series.get(w, 0)) for w in pd.date_range(start, axis[-1], freq="7D")]
    first = next((i for i, n in enumerate(full) if n), len(full))
    return {"weekly_counts": counts, "spark": _charts.sparkline(counts),
            "recent": sum(counts[-RECENT_WEEKS:]),
            "new": len(full) > RECENT_WEEKS and first >= len(full) - RECENT_WEEKS,
            "surge_text": _surge_text(full),
            "trend": _charts.bars(labels, counts, width=560, height=170,
                                  titles=[f"Week of {w:%d %b %Y}: {count_of(n, 'message')}"
                                          for w, n in zip(axis, counts)])}


def _add_message_views(rows: list[dict], df: pd.DataFrame, assignments: pd.Series,
                       weeks: list | None, week_of: pd.Series | None) -> None:
    """Per-cluster emotion mix, channels (missing ones as "Unknown", which
    the cluster table leaves out) and weekly NES from the messages: one
    grouped pass over the rows each, whatever the number of clusters."""
    by_id = {r["id"]: r for r in rows}
    ids = np.asarray(assignments)
    mask = np.isin(ids, list(by_id))
    if not mask.any():
        return
    keys = pd.Series(ids[mask])
    if "emotion" in df.columns:
        for cid, part in _counts_per_cluster(keys, df["emotion"], mask):
            by_id[cid]["emotions"] = _mix(part)
    if "channel" in df.columns:
        for cid, part in _counts_per_cluster(keys, _known(df["channel"]).fillna(""), mask):
            by_id[cid]["channels"] = _count_items(part.to_dict(), category_name)
    if "nes" in df.columns and weeks and week_of is not None:
        nes = pd.Series(pd.to_numeric(df["nes"], errors="coerce").to_numpy(float)[mask])
        wk = pd.Series(week_of.to_numpy()[mask])
        table = nes_table(nes, [keys, wk])
        labels = [week_label(w) for w in weeks]
        for cid, part in table.groupby(level=0):
            t = part.droplevel(0).reindex(weeks)
            by_id[int(cid)]["nes_trend"] = _charts.line_band(
                labels, t["nes"], t["ci_low"], t["ci_high"], ymin=-100, ymax=100,
                width=560, height=170, titles=[
                    f"Week of {w:%d %b %Y}: NES {fmt_nes(x.nes)} "
                    f"({count_of(_count(x.messages), 'message')})"
                    for w, x in zip(weeks, t.itertuples())])


def _counts_per_cluster(keys: pd.Series, values: pd.Series, mask: np.ndarray):
    """Yields (cluster id, counts of its ``values``) for each id in ``keys``,
    the cluster ids of the rows under ``mask``; null values are not counted."""
    v = pd.Series(np.asarray(values.astype("object"))[mask])
    for cid, part in v.groupby([keys, v]).size().groupby(level=0):
        yield int(cid), part.droplevel(0)


def _shown_clusters(info: pd.DataFrame) -> pd.DataFrame:
    """The MAX_CLUSTERS largest clusters, and every emerging one however
    small (a new issue starts small), largest first."""
    ranked = info.sort_values("size", ascending=False, kind="stable")
    keep = np.arange(len(ranked)) < MAX_CLUSTERS
    if "emerging" in ranked.columns:
        keep |= ranked["emerging"].fillna(False).astype(bool).to_numpy()
    return ranked[keep]


def emerging_rows(rows: Sequence[dict]) -> list[dict]:
    """Emerging clusters, most messages in the last weeks first (what a
    product team should look at first), then largest."""
    return sorted((r for r in rows if r["emerging"]), key=lambda r: (-r["recent"], -r["size"]))


def _without_empty_emotion(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` without its emotion columns when none holds a score (results
    of ``emotion=False``): the report then says so instead of showing an
    NES of 0."""
    if "nes" not in df.columns or not df["nes"].isna().all() or not len(df):
        return df
    emotion = {"nes", "emotion", "polarity", "valence", "intensity", "emotion_confidence"}
    return df.drop(columns=[c for c in df.columns if c in emotion or c.startswith("emo_")])


def build_model(df: pd.DataFrame, info: pd.DataFrame | None, *, redact,
                assignments: pd.Series | None = None, vectors: np.ndarray | None = None,
                time_column: str = "created_at", only_complaints: bool = True) -> dict:
    """Everything the template needs, as plain values."""
    df = _without_empty_emotion(df)
    times = to_utc(df[time_column]) if time_column in df.columns else None
    week_of = week_starts(times) if times is not None else None
    weekly = weekly_overview(df, times, week_of)
    weeks = weekly["weeks"] if weekly else None
    if assignments is None and "cluster" in df.columns:
        assignments = df["cluster"]
    notes, shown, totals = [], None, None
    if info is not None and len(info):
        info = info[info["id"].astype(int) >= 0]
        totals = {"clusters": len(info), "messages": int(info["size"].sum()),
                  "emerging": int(info["emerging"].fillna(False).astype(bool).sum())
                  if "emerging" in info.columns else 0}
        shown = _shown_clusters(info)
        if len(shown) < len(info):
            notes.append(_left_out_note(info, shown))
    rows = cluster_rows(shown, redact, df, assignments, weeks, week_of) if shown is not None else []
    if vectors is not None and shown is not None:
        by_id = dict(zip(info["id"].astype(int), np.asarray(vectors)[:len(info)])) \
            if len(vectors) == len(info) else {}
        vectors = np.array([by_id[r["id"]] for r in rows]) if by_id else None
    notes += _missing_notes(df, info, weekly, time_column, times)
    return {"n_messages": len(df), "weekly": weekly,
            "kpis": kpis(df, weekly, totals, only_complaints),
            "breakdowns": breakdowns(df),
            "emotions": emotion_mix(df.loc[~_textless(df), "emotion"])
            if "emotion" in df.columns else [],
            "clusters": rows, "emerging": emerging_rows(rows),
            "map": cluster_map(rows, vectors), "notes": notes,
            "clustered": "complaint" if only_complaints else "message",
            "share_basis": share_basis(info, len(df), only_complaints)}


def share_basis(info: pd.DataFrame | None, n_messages: int,
                only_complaints: bool = True) -> dict | None:
    """What the cluster table's ``share`` is a share of: {"count": N, "noun":
    "complaint" or "message", "all": whether N is every message of the
    report}. N is the table's own ``size / share`` (ComplaintClusterer: the
    complaints of its fit, or all its messages when only_complaints is
    False), so the label always fits the numbers shown. None when the table
    has no share, or its rows imply different counts (beyond float error)."""
    if info is None or "share" not in info.columns or "size" not in info.columns:
        return None
    size = pd.to_numeric(info["size"], errors="coerce")
    share = pd.to_numeric(info["share"], errors="coerce")
    implied = (size / share)[(size > 0) & (share > 0)]
    if not len(implied):
        return None
    mid = float(implied.median())
    if not ((implied - mid).abs() <= 1e-3 * mid + 0.5).all():
        return None
    count = int(round(mid))
    noun = "complaint" if only_complaints and count != n_messages else "message"
    return {"count": count, "noun": noun, "all": count == n_messages}


def _left_out_note(info: pd.DataFrame, shown: pd.DataFrame) -> str:
    rest = info.drop(shown.index)
    held = "holds" if len(rest) == 1 else "hold"
    return (f"The {len(shown)} largest and emerging of {len(info)} clusters are shown; "
            f"the other {len(rest)} {held} {count_of(rest['size'].sum(), 'message')}.")


def _textless(df: pd.DataFrame) -> np.ndarray:
    """Rows without text (status null or empty)."""
    if "status" not in df.columns:
        return np.zeros(len(df), dtype=bool)
    return df["status"].astype(str).isin(["null", "empty"]).to_numpy()


def _missing_notes(df: pd.DataFrame, info: pd.DataFrame | None, weekly: dict | None,
                   time_column: str, times: pd.Series | None = None) -> list[str]:
    """What the report leaves out for want of a column or of data."""
    notes = []
    textless = int(_textless(df).sum())
    if textless:
        notes.append(f"{textless:,} of {len(df):,} messages have no text (null or empty): "
                     "they count in the totals, and as neutral votes in the Net Emotion "
                     "Score, but not in the emotion mix.")
    if "emotion" not in df.columns:
        notes.append("No emotion columns in the input: the Net Emotion Score and emotion mix are not shown.")
    if info is None:
        notes.append("No complaint clusters were given: the cluster table, drill-downs and map are not shown.")
    elif not len(info):
        notes.append("The clustering found no recurring complaints (no cluster reached its "
                     "minimum size): there is no cluster table, drill-down or map.")
    if weekly is None and time_column in df.columns:
        notes.append(f"'{time_column}' has no readable dates (such as 2026-09-07, "
                     "2026-09-07T10:00Z or a Unix time): weekly trends are not shown.")
    elif weekly is not None and times is not None:
        lost = int(times.isna().sum())
        if lost:
            notes.append(f"{lost:,} of {len(df):,} messages have no readable date in "
                         f"'{time_column}': they count in the totals but not in the weekly "
                         "views, growth or emerging issues.")
    elif weekly is None:
        notes.append(f"No '{time_column}' column: weekly trends are not shown.")
    return notes
