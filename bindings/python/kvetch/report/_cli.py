"""``kvetch report INPUT -o report.html``: analyse, cluster the complaints,
render the report.

INPUT is a raw archive (CSV, JSONL or Parquet with a text column), or the
output of ``kvetch analyze`` (no text column, ``text_redacted`` instead):
then the analysis is not run again. The columns the report uses
(``created_at`` or ``--time-column``, ``channel``) are carried through when
the input has them. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time

import pyarrow as pa

from .. import io as kio
from ..errors import ConfigError, InputError
from ._words import count_of

#: Input columns the report shows when present (besides --time-column).
REPORT_COLUMNS = ("channel",)


def add_parser(sub) -> None:
    r = sub.add_parser("report", help="write an HTML report of an archive",
                       description="Analyse INPUT, cluster its complaints and write one "
                                   "self-contained HTML report.")
    r.add_argument("input", help="CSV, JSONL or Parquet file (raw, or the output of kvetch analyze)")
    r.add_argument("-o", "--output", required=True, help="the HTML file to write")
    r.add_argument("--text-column", default="text", help="column with the message (default: text)")
    r.add_argument("--time-column",
                   help="timestamps for the weekly views (default: created_at when the "
                   "input has it; a column named here must exist)")
    r.add_argument("--title", default="Customer voice report", help="the report's title")
    r.add_argument("--routing", help="routing file (TOML): adds the routing queues")
    r.add_argument("--config", help="TOML configuration (custom PII patterns, ...)")
    r.add_argument("--languages", help="comma-separated ISO codes the language must be one of "
                   "(raw text; as in kvetch analyze)")
    r.add_argument("--n-threads", type=int, help="C++ threads (default: OMP_NUM_THREADS or CPUs)")
    r.add_argument("--batch-size", type=int, default=50_000, help="rows per chunk (default 50000)")
    r.add_argument("--no-clusters", action="store_true", help="overview only, no complaint clusters")
    r.add_argument("--n-clusters", type=int, help="number of clusters (default: automatic)")
    r.add_argument("--min-cluster-size", type=int, help="smaller clusters are outliers "
                   "(default 10)")
    r.add_argument("--merge-threshold", type=float, help="cohesion floor for automatic k "
                   "(default: adaptive; see kvetch cluster)")
    r.add_argument("--all-messages", action="store_true",
                   help="cluster every message, not only complaints")
    r.add_argument("--model", help="a clusterer saved by kvetch cluster --save-model (or "
                   "ComplaintClusterer.save): refit on INPUT, keeping its ids and names")
    r.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def run(args: argparse.Namespace) -> int:
    if args.input == "-":
        raise ConfigError("kvetch report reads a file, not stdin")
    if args.output == "-" or not args.output.lower().endswith((".html", ".htm")):
        raise ConfigError(f"-o {args.output}: the report is one HTML file; name it *.html")
    start = time.perf_counter()
    progress = _progress(args.no_progress)
    if args.time_column:  # named: must exist, as in kvetch cluster
        have = kio.read_columns(args.input)
        if args.time_column not in have:
            raise InputError(f"{args.input}: no column {args.time_column!r} (--time-column); "
                             f"columns: {', '.join(map(str, have))}")
    args.time_column = args.time_column or "created_at"
    from .._cli_cluster import cluster_options_given, clusterer_from_args
    if args.no_clusters:
        given = cluster_options_given(args) + (["--model"] if args.model else [])
        if given:
            raise ConfigError(f"--no-clusters: {', '.join(given)} would have no effect")
    unfitted = None if args.no_clusters else clusterer_from_args(args)  # errors first
    messages = _messages(args, progress)
    if len(messages) == 0:
        raise InputError(f"{args.input}: no rows to report on")
    clusterer = None
    if unfitted is not None:
        progress.set_description("clustering")
        clusterer = _fit(unfitted, messages, args.time_column)
    progress.set_description("rendering")
    from . import build_report, report_from_clusterer
    options = dict(title=args.title, source=args.input, time_column=args.time_column)
    report = (report_from_clusterer(clusterer, messages, **options) if clusterer is not None
              else build_report(messages, **options))
    report.save(args.output)
    progress.close()
    size = len(report.html.encode("utf-8"))
    print(f"kvetch: report on {count_of(len(messages), 'message')}, "
          f"{count_of(len(report.model['clusters']), 'cluster')}, "
          f"{len(report.model['emerging'])} emerging -> {args.output} ({size / 1e3:,.0f} kB) "
          f"in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    for note in report.model["notes"]:
        print(f"  note: {note}", file=sys.stderr)
    return 0


def _messages(args: argparse.Namespace, progress):
    """The per-message results with the report's input columns."""
    have = kio.read_columns(args.input)
    keep = [c for c in (args.time_column,) + REPORT_COLUMNS if c in have]
    if args.text_column not in have and "text_redacted" in have:
        kio.warn_flags_unused(args.input, languages=args.languages, config=args.config)
        return _read_results(args.input, progress)
    from ..analyzer import Analyzer
    from ..result import Result
    analyzer = Analyzer(n_threads=args.n_threads, config=args.config, routing=args.routing,
                        languages=args.languages)
    parts, kept = [], []
    progress.set_description("analysing")
    for batch in kio.read_batches(args.input, args.text_column, keep, args.batch_size):
        parts.append(analyzer.analyze(batch.column(args.text_column), progress=False))
        kept.append(batch.select(keep) if keep else None)
        progress.update(batch.num_rows)
    df = Result.concat(parts).to_pandas()
    if keep and kept:
        extra = pa.Table.from_batches(kept).to_pandas()
        for c in keep:
            df[c] = extra[c].to_numpy()
    return df


def _read_results(path: str, progress):
    """Every column of a ``kvetch analyze`` output file (emotion, signals,
    language, ...: the report uses them as they are)."""
    table = kio.read_results(path)
    progress.update(table.num_rows)
    df = table.to_pandas()
    df["text_redacted"] = df["text_redacted"].astype(object).where(
        df["text_redacted"].notna(), "")
    return df


def _fit(cc, messages, time_column: str):
    """``cc`` (see clusterer_from_args) fitted on ``messages``."""
    timestamps = messages[time_column] if time_column in messages.columns else None
    channels = messages["channel"] if "channel" in messages.columns else None
    return cc.fit(messages, timestamps=timestamps, channels=channels)


def _progress(disabled: bool):
    from tqdm.auto import tqdm
    return tqdm(unit="msg", unit_scale=True, desc="kvetch report", file=sys.stderr,
                disable=True if disabled else None)
