"""The kvetch command line.

    kvetch analyze INPUT -o OUTPUT [--text-column text] [--id-column id]
                   [--keep-columns a,b] [--n-threads N] [--batch-size N]
                   [--config kvetch.toml] [--max-bytes N] [--no-progress]
    kvetch cluster INPUT -o OUTPUT [...]   (see kvetch/_cli_cluster.py)
    kvetch report INPUT -o report.html [--time-column created_at] [--title T]

Reads CSV, JSONL or Parquet (format from the extension; ``-`` is JSONL on
stdin/stdout) in chunks, writes one row per input message with the id and
kept columns first, then the result columns. The raw text is never written
unless named in --keep-columns: ``text_redacted`` carries it without PII.
Progress and the summary go to stderr, data only to stdout or the file.

Exit codes: 0 ok; 2 usage or configuration error (a bad model file, an
unknown file extension, a flag out of range); 65 bad input data (a missing
column, an unparseable file, an empty one); 74 I/O error; 130 interrupted;
141 the reader of stdout went away (output stops quietly, as for a tool
killed by SIGPIPE); 143 terminated (SIGTERM). A kept column named like a
result column is written as ``input_<name>``.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import os
import queue
import signal
import sys
import threading
import time
import warnings
from typing import Iterator, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import __version__, _cli_cluster
from .analyzer import Analyzer
from .config import MAX_THREADS, check_int
from .errors import ConfigError, Error, InputError, KvetchIOError, ModelError
from .io import AtomicWriter, as_text, read_batches
from .report import _cli as _report_cli
from .result import Result

EXIT_OK, EXIT_USAGE, EXIT_DATAERR, EXIT_IOERR, EXIT_INTERRUPTED = 0, 2, 65, 74, 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports `yes | head`
EXIT_TERMINATED = 143  # 128 + SIGTERM

EXIT_CODES = """\
exit codes: 0 ok; 2 usage or configuration error; 65 bad input data (a
missing column, an unparseable file: invalid JSON, an unclosed CSV quote;
an empty file); 74 I/O error (a missing input file too); 130 interrupted;
141 the reader of stdout went away (kvetch analyze big.csv -o - | head):
writing stops with no summary, as for a tool killed by SIGPIPE; 143
terminated (SIGTERM). Output files are written whole or not at all."""

#: Integer flags, checked here so that an error names the flag rather than
#: the Python parameter behind it: (flag, lowest, highest or None), the
#: bounds of Analyzer and ComplaintClusterer.
_INT_FLAGS = (("--n-threads", 1, MAX_THREADS), ("--max-bytes", 1, 1 << 30),
              ("--batch-size", 1, None), ("--n-clusters", 1, None),
              ("--min-cluster-size", 1, None), ("--random-state", 0, None))


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so that output is cleaned up as
    for Ctrl-C."""


def _on_sigterm(signum, frame):
    raise _Terminated()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kvetch", description="Voice-of-customer text engine.",
                                epilog=EXIT_CODES,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"kvetch {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="analyse every message of an archive",
                       description="Analyse every message of INPUT into OUTPUT.",
                       epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("input", help="CSV, JSONL or Parquet file; - for JSONL on stdin")
    a.add_argument("-o", "--output", required=True,
                   help="CSV, JSONL or Parquet file; - for JSONL on stdout")
    a.add_argument("--text-column", default="text", help="column with the message (default: text)")
    a.add_argument("--id-column", help="column carried through first, e.g. ticket_id")
    # Types of kept columns (kvetch/io.py has the rule): Parquet's as they
    # are; JSONL's when the values share one, fixed by the first 65,536
    # objects (bool, int, float; else text, nested values as JSON text), a
    # later value that does not fit making that column text throughout,
    # never an error; CSV's are text.
    a.add_argument("--keep-columns", default="",
                   help="comma-separated columns carried through unchanged: with their types "
                   "from Parquet, and from JSONL when a column's values share one (else as "
                   "text, nested values as JSON text); CSV columns are text")
    a.add_argument("--n-threads", type=int, help="C++ threads (default: OMP_NUM_THREADS or CPUs)")
    a.add_argument("--batch-size", type=int, default=50_000, help="rows per chunk (default 50000)")
    a.add_argument("--max-bytes", type=int, help="per-message cap in UTF-8 bytes (default 65536)")
    a.add_argument("--config", help="TOML configuration (custom PII patterns, ...)")
    a.add_argument("--routing", help="routing file (TOML): adds route, needs_translation, translate_to")
    a.add_argument("--languages", help="comma-separated ISO codes the language must be one of "
                   "(\"en, fr\" and \"EN,FR\" too); a message clearly in another language "
                   "gets none (lang_alt names it)")
    a.add_argument("--no-emotion", action="store_true",
                   help="skip emotion scoring (the emotion columns are then null)")
    a.add_argument("--no-signals", action="store_true",
                   help="skip the bundled signal rule packs; the rules of --config still "
                   "apply (as signals=False in Python); without them the signal_* "
                   "columns are null (not computed)")
    a.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    _cli_cluster.add_parser(sub)
    _report_cli.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        code = _run(args)
    if argv is None and any(t.is_alive() for t in _READERS_LEFT):
        # A reader still blocked on stdin would hold its lock through the
        # interpreter's shutdown (a fatal error there): the output is
        # already cleaned up, so exit now.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    return code


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings as one line on stderr, without the Python source line."""
    print(f"kvetch: warning: {message}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        _check_flags(args)
        if args.command == "cluster":
            return _cli_cluster.run(args)
        if args.command == "report":
            return _report_cli.run(args)
        return _analyze(args)
    except (ConfigError, ModelError) as e:
        about_languages = "language" in str(e)  # not, say, a bad --config file
        print(f"kvetch: {about_languages and _unknown_languages(args) or e}", file=sys.stderr)
        return EXIT_USAGE
    except InputError as e:
        print(f"kvetch: {e}", file=sys.stderr)
        return EXIT_DATAERR
    except BrokenPipeError:
        return _stdout_gone()
    except (KvetchIOError, OSError) as e:
        print(f"kvetch: {e}", file=sys.stderr)
        return EXIT_IOERR
    except KeyboardInterrupt as e:
        print("kvetch: interrupted; no output written", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(e, _Terminated) else EXIT_INTERRUPTED


def _check_flags(args: argparse.Namespace) -> None:
    """The flags the subcommands share, checked (ConfigError naming the
    flag; KvetchIOError for an output that is a folder, before any work)
    and normalised once: --languages becomes a list of codes."""
    if getattr(args, "languages", None) is not None:
        args.languages = _language_codes(args.languages)
    for flag, lo, hi in _INT_FLAGS:
        value = getattr(args, flag[2:].replace("-", "_"), None)
        if value is not None:
            check_int(flag, value, lo, hi)
    out = getattr(args, "output", None)
    if out not in (None, "-") and os.path.isdir(os.path.realpath(out)):
        raise KvetchIOError(f"{out}: is a folder; -o names the file to write")


def _language_codes(text: str) -> list[str]:
    """--languages as the model's codes: "en, FR" is ["en", "fr"];
    ConfigError when it names none (",")."""
    codes = list(dict.fromkeys(c.strip().lower() for c in text.split(",") if c.strip()))
    if not codes:
        raise ConfigError(f"--languages: no language code in {text!r} (e.g. 'en,fr')")
    return codes


def _unknown_languages(args: argparse.Namespace) -> str | None:
    """The error for --languages codes that the language model lacks,
    listing those it has; None when it has them all. Asked only after an
    error, so that a run that goes well loads no second copy of the model."""
    codes = getattr(args, "languages", None)
    if not isinstance(codes, list) or not codes:
        return None
    from .langid import LanguageDetector
    try:
        known = LanguageDetector().languages
    except Error:
        return None
    unknown = [c for c in codes if c not in known]
    if not unknown:
        return None
    return (f"--languages: no language {', '.join(map(repr, unknown))} in the model; "
            f"codes are: {', '.join(sorted(known))}")


def _stdout_gone() -> int:
    """The reader of stdout went away (``kvetch analyze big.csv -o - |
    head``): stop quietly, as a tool killed by SIGPIPE does, and point
    stdout at /dev/null so that no flush at exit fails again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (stdout replaced in-process)
        pass
    return EXIT_BROKEN_PIPE


class _Totals:
    """Running counts for the closing summary."""

    def __init__(self):
        self.rows = 0
        self.bytes = 0
        self.status = collections.Counter()
        self.pii = collections.Counter()
        self.script = collections.Counter()
        self.lang = collections.Counter()
        self.outside = collections.Counter()
        self.routes = collections.Counter()
        self.polarity = collections.Counter()
        self.signals = collections.Counter()
        self.nes_sum = 0

    def add(self, result: Result) -> None:
        t = result.to_arrow()
        s = result.summary()
        self.rows += s["rows"]
        self.bytes += int(sum(np.asarray(c).sum() for c in t.column("n_bytes").chunks))
        self.status.update(s["status"])
        self.pii.update(s["pii"])
        self.script.update(s["script"])
        self.lang.update(s["lang"])
        self.outside.update(s["lang_outside"])
        self.polarity.update(s["polarity"])
        self.signals.update({k: v for k, v in s["signals"].items() if v is not None})
        self.nes_sum += int(pc.sum(t.column("nes")).as_py() or 0)

    def report(self, seconds: float, output: str) -> str:
        rate = self.rows / seconds if seconds > 0 else 0.0
        pii = ", ".join(f"{k} {v:,}" for k, v in self.pii.most_common() if v) or "none"
        status = ", ".join(f"{k} {v:,}" for k, v in self.status.most_common())
        script = ", ".join(f"{k} {v:,}" for k, v in self.script.most_common(5))
        lang = ", ".join(f"{k} {v:,}" for k, v in self.lang.most_common(8))
        noun = "message" if self.rows == 1 else "messages"
        return (f"kvetch: {self.rows:,} {noun} ({self.bytes / 1e6:.1f} MB) in {seconds:.2f} s "
                f"({rate:,.0f} msg/s) -> {output}\n"
                f"  status: {status or 'none'}\n  PII redacted: {pii}\n  scripts: {script or 'none'}\n"
                f"  languages: {lang or 'none'}"
                + (f"\n  outside --languages: "
                   f"{', '.join(f'{k} {v:,}' for k, v in self.outside.most_common(8))}"
                   if self.outside else "")
                + (f"\n  polarity: {', '.join(f'{k} {v:,}' for k, v in self.polarity.most_common())}"
                   f"; Net Emotion Score {100.0 * self.nes_sum / self.rows:+.1f}"
                   if self.polarity and self.rows else "")
                + (f"\n  signals: {', '.join(f'{k} {v:,}' for k, v in self.signals.most_common() if v)}"
                   if any(self.signals.values()) else "")
                + (f"\n  routes: {', '.join(f'{k} {v:,}' for k, v in self.routes.most_common())}"
                   if self.routes else ""))


def _analyze(args: argparse.Namespace) -> int:
    keep = list(dict.fromkeys(c.strip() for c in args.keep_columns.split(",") if c.strip()))
    if args.id_column:
        keep = [args.id_column] + [c for c in keep if c != args.id_column]
    _check_not_same_file(args.input, args.output)
    analyzer = Analyzer(n_threads=args.n_threads, max_bytes=args.max_bytes, config=args.config,
                        routing=args.routing, languages=args.languages or [],
                        emotion=not args.no_emotion,
                        signals=False if args.no_signals else None)
    result_schema = analyzer.analyze([]).to_arrow().schema  # routing columns included
    names = _output_names(keep, set(result_schema.names))
    totals, start, schema = _Totals(), time.perf_counter(), None
    progress = _stderr_progress(args.no_progress)
    # Reading, analysis and writing overlap: the reader runs ahead on its own
    # thread, and each chunk is written on a writer thread while the next is
    # analysed (pyarrow and the core release the GIL). Order is kept: one
    # write in flight at a time.
    with AtomicWriter(args.output) as out, \
            concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="kvetch-writer") as writer:
        pending = None
        for batch in _prefetch(read_batches(args.input, args.text_column, keep, args.batch_size,
                                            json_types=True)):
            result = analyzer.analyze(batch.column(args.text_column), progress=False)
            if analyzer.router is not None:
                totals.routes.update(result.to_arrow().column("route").to_pylist())
            table = _join(batch, keep, names, args.text_column, result)
            if pending is not None:
                pending.result()
            pending = writer.submit(out.write, table)
            schema = table.schema
            totals.add(result)
            progress.update(batch.num_rows)
        if pending is not None:
            pending.result()
        progress.close()
        # An input with no rows: kept columns as strings, then the results.
        out.commit(empty_schema=schema or pa.schema(
            [pa.field(c, pa.string()) for c in names] + list(result_schema)))
    print(totals.report(time.perf_counter() - start, args.output), file=sys.stderr)
    return EXIT_OK


def _prefetch(batches: Iterator[pa.RecordBatch], depth: int = 2) -> Iterator[pa.RecordBatch]:
    """``batches``, read ahead by ``depth`` on a background thread, so that
    parsing the input (pyarrow releases the GIL) overlaps the analysis.
    An exception in the reader is raised here, in order."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def produce():
        try:
            for b in batches:
                if stop.is_set():
                    return
                q.put(b)
            q.put(done)
        except BaseException as e:  # handed to the consumer
            q.put(e)

    t = threading.Thread(target=produce, name="kvetch-reader", daemon=True)
    t.start()
    try:
        while True:
            item = q.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        # Unblock a producer waiting on a full queue. One blocked in a read
        # (stdin that sends nothing: SIGTERM or Ctrl-C while waiting) is
        # left behind after a second; main() then ends the process at once.
        deadline = time.monotonic() + 1.0
        while t.is_alive() and time.monotonic() < deadline:
            try:
                q.get_nowait()
            except queue.Empty:
                t.join(0.01)
        if t.is_alive():
            _READERS_LEFT.append(t)


# Reader threads _prefetch gave up on (blocked in a read).
_READERS_LEFT: list[threading.Thread] = []


def _check_not_same_file(input_path: str, output_path: str) -> None:
    if "-" in (input_path, output_path) or not os.path.exists(output_path):
        return
    try:
        same = os.path.samefile(input_path, output_path)
    except OSError:
        return  # a missing input is reported by the reader
    if same:
        raise ConfigError(f"-o {output_path} is the input file; write the results elsewhere")


def _output_names(keep: list[str], taken: set[str]) -> list[str]:
    """The output names of the kept columns: a kept column named like a
    result column (in ``taken``; "status", "lang": common in ticket
    exports) is written as "input_<name>", with a note on stderr."""
    names = [f"input_{c}" if c in taken else c for c in keep]
    clash = sorted({n for n in names if names.count(n) > 1})
    if clash:
        raise ConfigError(f"--keep-columns: more than one column would be written as "
                          f"{', '.join(map(repr, clash))}; leave one out")
    renamed = [f"{c} -> {n}" for c, n in zip(keep, names) if c != n]
    if renamed:
        print(f"kvetch: kept columns named like result columns are renamed: "
              f"{', '.join(renamed)}", file=sys.stderr)
    return names


def _join(batch: pa.RecordBatch, keep: list[str], names: list[str], text_column: str,
          result: Result) -> pa.Table:
    res = result.to_arrow()
    # --keep-columns TEXT_COLUMN writes the raw text (read as bytes) as text.
    cols = [pa.chunked_array([as_text(batch.column(c), pa.large_string()) if c == text_column
                              else batch.column(c)]) for c in keep]
    return pa.Table.from_arrays(cols + list(res.columns), names=names + res.column_names)



def _stderr_progress(disabled: bool):
    from tqdm.auto import tqdm
    return tqdm(unit="msg", unit_scale=True, desc="kvetch", file=sys.stderr,
                disable=True if disabled else None)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
