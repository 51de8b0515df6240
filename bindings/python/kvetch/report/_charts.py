"""Geometry for the report's inline SVG charts.

Each function turns numbers into plain dicts of coordinates (pixels in the
chart's own viewBox) that the Jinja macros in ``templates/_charts.html.j2``
draw; no markup is built here. Sizes are bounded by the number of points
(weeks, clusters), never by the number of messages.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

#: Most x-axis labels drawn on a time axis; the rest are thinned out.
MAX_X_LABELS = 10


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """About ``count`` round tick values covering [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo] if math.isfinite(lo) else [0.0]
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 10) for i in range(int((hi - first) / step + 1e-9) + 1)]


def _fmt_tick(v: float) -> str:
    if abs(v) >= 1000:
        return f"{v / 1000:g}k"
    return f"{v:g}"


def _x_labels(labels: Sequence[str], xs: Sequence[float]) -> list[dict]:
    step = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    return [{"x": x, "label": lab} for i, (x, lab) in enumerate(zip(xs, labels))
            if i % step == 0 or i == len(labels) - 1 and len(labels) <= MAX_X_LABELS]


def bars(labels: Sequence[str], values: Sequence[float], *, titles: Sequence[str] = (),
         highlight: Sequence[bool] = (), width: int = 640, height: int = 200) -> dict:
    """A vertical bar chart over equally spaced categories (weeks)."""
    left, right, top, bottom = 48, 8, 10, 26
    n = max(len(values), 1)
    top_value = max([float(v) for v in values] + [1.0])
    ticks = nice_ticks(0, top_value * 1.05)
    vmax = max(ticks[-1], top_value)
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / n
    out_bars, centers = [], []
    for i, v in enumerate(values):
        h = plot_h * float(v) / vmax
        x = left + i * slot + slot * 0.15
        centers.append(left + (i + 0.5) * slot)
        out_bars.append({"x": x, "y": top + plot_h - h, "w": slot * 0.7, "h": h,
                         "title": titles[i] if i < len(titles) else f"{labels[i]}: {v:,.0f}",
                         "highlight": bool(highlight[i]) if i < len(highlight) else False})
    return {"width": width, "height": height, "left": left, "right": width - right,
            "top": top, "bottom": top + plot_h, "bars": out_bars,
            "yticks": [{"y": top + plot_h - plot_h * t / vmax, "label": _fmt_tick(t)}
                       for t in ticks],
            "xticks": _x_labels(labels, centers)}


def line_band(labels: Sequence[str], values: Sequence[float], lows: Sequence[float],
              highs: Sequence[float], *, titles: Sequence[str] = (), ymin: float | None = None,
              ymax: float | None = None, width: int = 640, height: int = 200) -> dict:
    """A line with a shaded band (a confidence interval) over categories.

    NaN values break neither the line nor the band: those points are left
    out. Without ``ymin``/``ymax`` the axis fits the band with some margin.
    """
    left, right, top, bottom = 48, 8, 10, 26
    v, lo, hi = (np.asarray(a, dtype=float) for a in (values, lows, highs))
    ok = np.isfinite(v) & np.isfinite(lo) & np.isfinite(hi)
    if ymin is None or ymax is None:
        span_lo = float(lo[ok].min()) if ok.any() else -1.0
        span_hi = float(hi[ok].max()) if ok.any() else 1.0
        pad = max(5.0, (span_hi - span_lo) * 0.1)
        ymin = span_lo - pad if ymin is None else ymin
        ymax = span_hi + pad if ymax is None else ymax
    ticks = nice_ticks(ymin, ymax, count=5)
    ymin, ymax = min(ymin, ticks[0]), max(ymax, ticks[-1])
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(v), 1)
    xs = [left + (i + 0.5) * plot_w / n for i in range(len(v))]

    def y(val: float) -> float:
        return top + plot_h * (ymax - val) / (ymax - ymin)

    idx = [i for i in range(len(v)) if ok[i]]
    line = " ".join(f"{'M' if k == 0 else 'L'}{xs[i]:.1f},{y(v[i]):.1f}" for k, i in enumerate(idx))
    band = ""
    if idx:
        upper = [f"{xs[i]:.1f},{y(hi[i]):.1f}" for i in idx]
        lower = [f"{xs[i]:.1f},{y(lo[i]):.1f}" for i in reversed(idx)]
        band = "M" + " L".join(upper + lower) + " Z"
    points = [{"x": xs[i], "y": y(v[i]),
               "title": titles[i] if i < len(titles) else f"{labels[i]}: {v[i]:.1f}"} for i in idx]
    zero = y(0.0) if ymin < 0 < ymax else None
    return {"width": width, "height": height, "left": left, "right": width - right,
            "top": top, "bottom": top + plot_h, "line": line, "band": band, "points": points,
            "zero_y": zero, "xticks": _x_labels(labels, xs),
            "yticks": [{"y": y(t), "label": _fmt_tick(t)} for t in ticks]}


def sparkline(values: Sequence[float], *, width: int = 120, height: int = 28) -> dict:
    """A small trend line; the last point is marked."""
    v = np.asarray(values, dtype=float)
    if len(v) == 0:
        return {"width": width, "height": height, "path": "", "area": "", "last": None}
    vmax = float(np.nanmax(v)) if np.isfinite(v).any() and np.nanmax(v) > 0 else 1.0
    xs = np.linspace(2, width - 2, len(v)) if len(v) > 1 else np.array([width / 2])
    ys = height - 2 - (height - 4) * np.nan_to_num(v) / vmax
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y_:.1f}" for i, (x, y_) in enumerate(zip(xs, ys)))
    area = f"{path} L{xs[-1]:.1f},{height - 2} L{xs[0]:.1f},{height - 2} Z"
    return {"width": width, "height": height, "path": path, "area": area,
            "last": {"x": float(xs[-1]), "y": float(ys[-1])}}
