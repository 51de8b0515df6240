"""The HTML report: one self-contained file a product team can open and forward.

    >>> from kvetch.report import build_report
    >>> report = build_report(messages, clusters=clusterer.get_cluster_info())
    >>> report.save("report.html")

``messages`` is the per-message DataFrame (``Result.to_pandas()``, with
input columns such as ``created_at`` and ``channel`` kept); ``clusters`` the
cluster table of ``ComplaintClusterer.get_cluster_info()``. The report shows
an overview (volume, Net Emotion Score by week with its 95% interval,
languages, routing queues, channels, emotion mix), the emerging issues, the
clusters as a table that sorts and searches, a drill-down per cluster and a
2-D map of the clusters.

What it does not do: it never includes the raw text. Examples come from the
clusters' representatives and go through kvetch's PII redaction once more
before they are written. It holds aggregates and at most five examples
per cluster, so its size does not grow with the
number of messages. The page loads nothing: styles, script and charts
(inline SVG) are in the file, and a Content-Security-Policy forbids any
request.

Rendering is Jinja2 (templates in ``kvetch/report/templates``).
Thread-safety: building a report reads its inputs and shares no state.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any, Callable, Sequence

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas and numpy load with the first report, not with the CLI
    import numpy as np
    import pandas as pd

__all__ = ["Report", "build_report", "write_report", "report_from_clusterer"]

#: Attributes a fitted clusterer may keep its centroids in (one row per
#: cluster of get_cluster_info()), tried in order for the map.
CENTROID_ATTRIBUTES = ("cluster_centers_", "centroids_")


class Report:
    """A rendered report: ``html`` (str) and :meth:`save`."""

    def __init__(self, html: str, model: dict):
        self.html = html
        self.model = model

    def save(self, path: str | os.PathLike) -> Path:
        """Writes the HTML to ``path`` (atomically: a temporary file in the
        same folder, then renamed) and returns the path."""
        from ..io import atomic_file

        with atomic_file(path) as f:
            f.write(self.html.encode("utf-8"))
        return Path(path)

    def __repr__(self) -> str:
        return (f"<kvetch.report.Report messages={self.model['n_messages']:,} "
                f"clusters={len(self.model['clusters'])} bytes={len(self.html.encode()):,}>")


def build_report(messages: Any, clusters: "pd.DataFrame | None" = None, *,
                 assignments: Sequence[int] | None = None,
                 cluster_vectors: "np.ndarray | None" = None,
                 title: str = "Customer voice report", source: str | None = None,
                 time_column: str = "created_at",
                 redact: Callable[[list[str]], list[str]] | None = None,
                 only_complaints: bool = True) -> Report:
    """Builds the report.

    Args:
        messages: per-message results: a ``kvetch.Result`` or a pandas
            DataFrame with its columns (any subset; sections without their
            columns are left out and say so).
        clusters: ``ComplaintClusterer.get_cluster_info()``, or None. Its
            ``share`` is shown as given, labelled with the count it is a
            share of, read from the table itself (``size / share``: for
            ComplaintClusterer the complaints of the fit); unlabelled when
            its rows imply different counts.
        assignments: cluster id per message (-1: none), aligned with
            ``messages``; default: its ``cluster`` column when present.
            Gives the per-cluster emotion mix and NES trend.
        cluster_vectors: one centroid per row of ``clusters`` for the map;
            default: positions from the clusters' wording.
        title, source: shown in the header (``source``: the input's name).
        time_column: timestamps for the weekly views.
        redact: maps texts to PII-redacted texts; default kvetch's Analyzer.
        only_complaints: whether the clusters hold complaints only (as
            ``ComplaintClusterer`` does by default); the overview then
            counts "complaints in clusters", else "messages in clusters".
    Raises:
        kvetch.InputError: ``clusters`` lacks the ``id`` column.
    """
    import numpy as np
    import pandas as pd
    from .. import __version__
    from ..errors import InputError
    from ._model import build_model
    df = messages.to_pandas() if hasattr(messages, "to_arrow") else pd.DataFrame(messages)
    if clusters is not None and "id" not in clusters.columns:
        raise InputError(f"cluster table has no 'id' column (columns: {', '.join(clusters.columns)})")
    if assignments is not None:
        assignments = pd.Series(np.asarray(assignments), index=df.index)
    model = build_model(df, clusters, redact=redact or _redact, assignments=assignments,
                        vectors=cluster_vectors, time_column=time_column,
                        only_complaints=only_complaints)
    model.update(title=title, source=source, version=__version__,
                 generated=_dt.datetime.now(_dt.timezone.utc).strftime("%d %b %Y %H:%M UTC"))
    return Report(_render(model), model)


def write_report(path: str | os.PathLike, messages: Any, clusters: "pd.DataFrame | None" = None,
                 **kwargs: Any) -> Path:
    """``build_report(messages, clusters, **kwargs).save(path)``."""
    return build_report(messages, clusters, **kwargs).save(path)


def report_from_clusterer(clusterer: Any, messages: Any = None, **kwargs: Any) -> Report:
    """The report of a fitted ComplaintClusterer.

    ``messages`` (a Result or DataFrame, one row per message the clusterer
    was fitted on) gives the overview its columns; default the clusterer's
    ``get_document_info()``; a clusterer from ``ComplaintClusterer.load``
    has no fit documents, so ``messages`` is then required and assigned
    with ``transform``. Other keyword arguments go to build_report;
    ``only_complaints`` defaults to the clusterer's.
    """
    kwargs.setdefault("only_complaints", getattr(clusterer, "only_complaints", True))
    info = clusterer.get_cluster_info()
    from ..errors import ConfigError
    try:
        docs = clusterer.get_document_info()
    except ConfigError:  # from ComplaintClusterer.load: no fit documents
        if messages is None:
            raise ConfigError("this clusterer was loaded, not fitted: pass messages=... "
                              "(the Result to report on)") from None
        assignments = clusterer.transform(messages)
    else:
        if messages is None:
            messages = docs
        else:
            messages = _with_fit_columns(messages, docs)
        assignments = docs["cluster"].to_numpy()
    vectors = next((getattr(clusterer, a) for a in CENTROID_ATTRIBUTES
                    if getattr(clusterer, a, None) is not None), None)
    return build_report(messages, info, assignments=assignments,
                        cluster_vectors=vectors, **kwargs)


def _with_fit_columns(messages: Any, docs: Any) -> Any:
    """``messages`` as a DataFrame, with the fit's timestamps and channels
    (``docs``, one row per message the clusterer was fitted on) where it
    has none of its own; InputError when the row counts differ."""
    import pandas as pd

    from ..errors import InputError
    df = messages.to_pandas() if hasattr(messages, "to_pandas") and \
        not isinstance(messages, pd.DataFrame) else messages
    if not isinstance(df, pd.DataFrame):
        return messages
    if len(df) != len(docs):
        raise InputError(f"the clusterer was fitted on {len(docs):,} messages, but "
                         f"{len(df):,} were given to report on: pass the same rows")
    for col in ("created_at", "channel"):
        if col not in df.columns and col in docs.columns:
            df = df.assign(**{col: docs[col].to_numpy()})
    return df


def _redact(texts: list[str]) -> list[str]:
    """``texts`` through kvetch's PII redaction (idempotent on text that is
    already redacted: placeholders stay)."""
    if not texts:
        return []
    from ..analyzer import Analyzer
    out = Analyzer(n_threads=1).analyze(list(texts)).to_arrow().column("text_redacted")
    return ["" if t is None else t for t in out.to_pylist()]


_ENV = None


def _environment():
    global _ENV
    if _ENV is None:
        import jinja2
        from ._words import count_of, noun
        _ENV = jinja2.Environment(
            loader=jinja2.PackageLoader("kvetch.report", "templates"),
            autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
            trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
        _ENV.filters["px"] = lambda v: f"{float(v):.1f}"
        _ENV.filters["noun"] = noun
        _ENV.filters["count_of"] = count_of
    return _ENV


def _render(model: dict) -> str:
    return _environment().get_template("report.html.j2").render(**model)
