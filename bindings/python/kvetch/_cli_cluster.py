"""``kvetch cluster``: complaint clusters of an archive.

    kvetch cluster INPUT -o OUTPUT [--clusters TABLE] [--text-column text]
                   [--id-column id] [--keep-columns a,b] [--time-column created_at]
                   [--channel-column channel] [--n-clusters N]
                   [--min-cluster-size N] [--merge-threshold F] [--all-messages]
                   [--random-state N]
                   [--model PREVIOUS.kvc] [--save-model OUT.kvc] [--n-threads N]
                   [--config CONFIG.toml] [--languages en,fr] [--max-bytes N]
                   [--no-progress]

OUTPUT gets one row per message (the id column, or without one ``row``,
the input's row number from 0, ``input_row`` if a kept column is named
``row``; the kept columns; then ``cluster`` and
``is_complaint``); TABLE (default: OUTPUT's name with
``_clusters`` before the extension) one row per cluster, with the dict and
list columns as JSON text in CSV and JSONL. ``--model`` refits a saved
clusterer so that recurring issues keep their ids; ``--save-model`` writes
the fitted one. Raw text is analysed first as ``kvetch analyze`` would with
the same ``--config`` (custom PII patterns: they never reach a label or a
representative message), ``--languages`` and ``--max-bytes``; the output of
``kvetch analyze`` is used as it is.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pyarrow as pa

from .cluster import ComplaintClusterer
from .errors import ConfigError, InputError, KvetchIOError
from .report._words import count_of
from .io import (AtomicWriter, as_text, concat_batches, detect_format, read_batches,
                 read_columns, read_results, require_columns, warn_flags_unused)


def add_parser(sub) -> None:
    c = sub.add_parser("cluster", help="group the complaints of an archive into issues",
                       description="Cluster the messages of INPUT into recurring issues.")
    c.add_argument("input", help="CSV, JSONL or Parquet file")
    c.add_argument("-o", "--output", required=True, help="per-message cluster ids (CSV, JSONL, "
                   "Parquet)")
    c.add_argument("--clusters", help="cluster table (default: OUTPUT_clusters.EXT; "
                   "required when OUTPUT is -)")
    c.add_argument("--text-column", default="text",
                   help="column with the message (default: text, else text_redacted when the "
                        "input is kvetch analyze output)")
    c.add_argument("--id-column", help="column carried into OUTPUT, e.g. ticket_id; without "
                   "it OUTPUT starts with 'row', the input's row number from 0")
    c.add_argument("--keep-columns", default="",
                   help="comma-separated columns also carried into OUTPUT, typed as in "
                   "kvetch analyze")
    c.add_argument("--time-column",
                   help="timestamps for trends (default: created_at when the input has it; "
                   "a column named here must exist)")
    c.add_argument("--channel-column",
                   help="channel per message (default: channel when the input has it; "
                   "a column named here must exist)")
    c.add_argument("--n-clusters", type=int, help="number of clusters (default: automatic)")
    c.add_argument("--min-cluster-size", type=int, help="smaller clusters are outliers "
                   "(default 10)")
    c.add_argument("--merge-threshold", type=float,
                   help="cohesion floor in (0, 1) for automatic k (default: adaptive, "
                   "0.40 down to 0.15; see ComplaintClusterer)")
    c.add_argument("--all-messages", action="store_true",
                   help="cluster every message, not only complaints")
    c.add_argument("--random-state", type=int, help="seed (default 0)")
    c.add_argument("--model", help="a clusterer saved earlier: refit it, keeping its ids")
    c.add_argument("--save-model", help="write the fitted clusterer here")
    c.add_argument("--n-threads", type=int, help="C++ threads (default: OMP_NUM_THREADS or CPUs)")
    c.add_argument("--config", help="TOML configuration (custom PII patterns, ...) for raw text")
    c.add_argument("--languages", help="comma-separated ISO codes the language must be one of "
                   "(raw text; as in kvetch analyze)")
    c.add_argument("--max-bytes", type=int, help="per-message cap in UTF-8 bytes (raw text; "
                   "default 65536)")
    c.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def cluster_options_given(args) -> list[str]:
    """The clustering options given on the command line (--model aside)."""
    return [flag for flag, v in (("--n-clusters", args.n_clusters),
                                 ("--min-cluster-size", args.min_cluster_size),
                                 ("--merge-threshold", args.merge_threshold),
                                 ("--random-state", getattr(args, "random_state", None)),
                                 ("--all-messages", args.all_messages or None))
            if v is not None]


def clusterer_from_args(args) -> ComplaintClusterer:
    """The clusterer the clustering options ask for (kvetch cluster and
    kvetch report): the saved one of --model, or a new one; ConfigError when
    --model comes with options it fixes itself."""
    fixed = cluster_options_given(args)
    if args.model and fixed:
        raise ConfigError(f"--model refits a saved clusterer with the options it was saved "
                          f"with; {', '.join(fixed)} cannot be given with it")
    if args.model:
        return ComplaintClusterer.load(args.model, n_threads=args.n_threads)
    return ComplaintClusterer(n_clusters=args.n_clusters,
                              min_cluster_size=10 if args.min_cluster_size is None
                              else args.min_cluster_size,
                              merge_threshold=args.merge_threshold,
                              only_complaints=not args.all_messages,
                              random_state=getattr(args, "random_state", None) or 0,
                              n_threads=args.n_threads)


def run(args) -> int:
    start = time.perf_counter()
    cc = clusterer_from_args(args)
    if args.output == "-" and not args.clusters:
        raise ConfigError("-o - writes the per-message ids to stdout; name the cluster "
                          "table's file with --clusters")
    _check_outputs(args)
    # Columns the user named must exist; the defaults are used when present.
    args.named_columns = [c for c in (args.time_column, args.channel_column) if c]
    args.time_column = args.time_column or "created_at"
    args.channel_column = args.channel_column or "channel"
    table = _read(args)
    if args.text_column == "text_redacted":  # analyze output: its own columns
        warn_flags_unused(args.input, languages=args.languages, config=args.config)
        frame = table.to_pandas()
        frame["text_redacted"] = frame["text_redacted"].astype(object).where(
            frame["text_redacted"].notna(), "")
    else:
        frame = _analyzed(args, table)
    rename = {args.time_column: "created_at", args.channel_column: "channel"}
    frame = frame.rename(columns={k: v for k, v in rename.items() if k in frame and k != v})
    cc.fit(frame)
    docs = cc.get_document_info()
    carried = list(dict.fromkeys(_carried(args)))
    names = [f"input_{c}" if c in ("cluster", "is_complaint") else c for c in carried]
    if len(set(names)) < len(names):
        raise ConfigError(f"--keep-columns: two columns would both be written as one of "
                          f"{', '.join(sorted(set(n for n in names if names.count(n) > 1)))}")
    columns = [table.column(c) for c in carried]
    if not args.id_column:
        # Without an id, the input's row number (0 = its first data row)
        # is what OUTPUT joins back on ("input_row" when a kept column is
        # named "row").
        row = "input_row" if "row" in names else "row"
        columns, names = [pa.array(range(table.num_rows), pa.int64())] + columns, [row] + names
    per_message = pa.Table.from_arrays(
        columns + [pa.array(docs["cluster"].to_numpy()),
                   pa.array(docs["is_complaint"].to_numpy())],
        names=names + ["cluster", "is_complaint"])
    _write(args.output, per_message)
    clusters_path = args.clusters or _default_table_path(args.output)
    _write(clusters_path, _table_for_file(cc.get_cluster_info(), clusters_path))
    if args.save_model:
        cc.save(args.save_model)
    info = cc.get_cluster_info()
    n_clustered = int((docs["cluster"] >= 0).sum())
    print(f"kvetch: {count_of(len(docs), 'message')}, "
          f"{count_of(int(docs['is_complaint'].sum()), 'complaint')}, "
          f"{count_of(len(info), 'cluster')} ({count_of(n_clustered, 'message')}), "
          f"{int(info['emerging'].sum()) if len(info) else 0} emerging, in "
          f"{time.perf_counter() - start:.2f} s -> {args.output}, {clusters_path}",
          file=sys.stderr)
    return 0


def _analyzed(args, table: pa.Table):
    """The Analyzer's columns for the raw text of ``table``, then the time
    and channel columns when the input has them."""
    from .analyzer import Analyzer

    # --languages: a list of codes already (kvetch.cli normalises it).
    analyzer = Analyzer(n_threads=args.n_threads, config=args.config,
                        languages=args.languages or [], max_bytes=args.max_bytes)
    # The Analyzer runs in chunks, with its progress bar on stderr.
    frame = analyzer.analyze(table.column(args.text_column),
                             progress=False if args.no_progress else None).to_pandas()
    for c in (args.time_column, args.channel_column):
        if c and c in table.column_names and c not in frame:
            frame[c] = table.column(c).to_pandas().to_numpy()
    return frame


def _carried(args) -> list[str]:
    """--id-column, then --keep-columns: the input columns OUTPUT repeats."""
    keep = [c.strip() for c in args.keep_columns.split(",") if c.strip()]
    return ([args.id_column] if args.id_column else []) + keep


def _read(args) -> pa.Table:
    if args.text_column == "text" and args.input != "-":
        args.text_column = _text_column_of(args.input)
    if args.text_column == "text_redacted":
        table = read_results(args.input)
        require_columns(args.input, _carried(args) + args.named_columns, table.column_names)
        if not table.num_rows:
            raise InputError(f"{args.input}: no rows")
        return table
    required = list(dict.fromkeys(_carried(args)))
    optional = [c for c in (args.time_column, args.channel_column) if c and c not in required]
    while True:
        try:
            batches = list(read_batches(args.input, args.text_column, required + optional,
                                        100_000, json_types=True))
            break
        except InputError as e:  # drop the optional columns the input lacks
            lacking = str(e).split(";")[0]
            named = [c for c in optional if repr(c) in lacking]
            if not named or any(c in args.named_columns for c in named):
                raise  # one the user named is missing: an error, not a silent skip
            optional = [c for c in optional if c not in named]
    if not batches:
        raise InputError(f"{args.input}: no rows")
    table = concat_batches(batches)
    i = table.column_names.index(args.text_column)
    return table.set_column(i, args.text_column, as_text(table.column(i), pa.large_string()))


def _text_column_of(path: str) -> str:
    """"text", or "text_redacted" for kvetch analyze output without "text"."""
    try:
        names = read_columns(path)
    except InputError:
        return "text"  # the reader reports the problem
    return "text_redacted" if "text" not in names and "text_redacted" in names else "text"


def _check_outputs(args) -> None:
    """The cluster table's and --save-model's paths, checked before any
    work as -o is (cli._check_flags): a folder is a KvetchIOError, a table
    of unknown format a ConfigError; a failed run writes none of them."""
    table = args.clusters or _default_table_path(args.output)
    detect_format(table)
    for path in (table, args.save_model):
        if path and os.path.isdir(os.path.realpath(path)):
            raise KvetchIOError(f"{path}: is a folder; name the file to write")


def _default_table_path(output: str) -> str:
    p = Path(output)
    return str(p.with_name(p.stem + "_clusters" + p.suffix))


_COUNTS = pa.map_(pa.string(), pa.int64())
_TIME = pa.timestamp("us", tz="UTC")
_PARQUET_SCHEMA = pa.schema([
    ("id", pa.int64()), ("label", pa.string()), ("keywords", pa.list_(pa.string())),
    ("size", pa.int64()), ("share", pa.float64()), ("nes", pa.float64()),
    ("top_emotion", pa.string()), ("emotions", _COUNTS), ("languages", _COUNTS),
    ("channels", _COUNTS), ("first_seen", _TIME), ("last_seen", _TIME), ("weekly", _COUNTS),
    ("growth", pa.float64()), ("emerging", pa.bool_()), ("emerging_p", pa.float64()),
    ("representatives", pa.list_(pa.string()))])


def _table_for_file(info, path: str) -> pa.Table:
    """The cluster table for ``path``: in Parquet, lists, maps (name ->
    count) and timestamps as Arrow types; in CSV and JSONL, the nested
    columns as JSON text and the times as ISO text."""
    import pandas as pd

    info = info.copy()
    lists = ["keywords", "representatives"]
    maps = ["languages", "channels", "emotions", "weekly"]
    if path.endswith(".parquet"):  # one schema, whatever the rows (none too)
        arrays = []
        for field in _PARQUET_SCHEMA:
            col = info[field.name]
            if field.name in maps:
                arrays.append(pa.array([list((v or {}).items()) for v in col], field.type))
            elif pa.types.is_timestamp(field.type):
                arrays.append(pa.array(pd.to_datetime(col, utc=True).astype(
                    "datetime64[us, UTC]"), field.type))
            elif pa.types.is_floating(field.type):
                arrays.append(pa.array(col.astype(float).tolist(), field.type))
            else:  # a NaN in an object column is a null here
                arrays.append(pa.array([None if isinstance(v, float) and v != v else v
                                        for v in col.tolist()], field.type))
        return pa.Table.from_arrays(arrays, schema=_PARQUET_SCHEMA)
    for col in lists + maps:
        info[col] = [json.dumps(v, ensure_ascii=False) for v in info[col]]
    for col in ("first_seen", "last_seen"):
        info[col] = info[col].astype(str)
    return pa.Table.from_pandas(info, preserve_index=False)


def _write(path: str, table: pa.Table) -> None:
    with AtomicWriter(path) as out:
        out.write(table)
        out.commit(empty_schema=table.schema)
