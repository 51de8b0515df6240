"""Streaming readers and atomic writers for message archives.

Formats come from the file extension: ``.csv``, ``.jsonl`` / ``.ndjson``,
``.parquet`` / ``.pq`` (a ``.gz`` suffix on CSV or JSONL input is read
through). ``-`` is JSONL on stdin or stdout. Readers yield Arrow record
batches of at most ``batch_rows`` rows, so memory stays flat. The text column
is read as bytes and handed to the core as is: ill-formed UTF-8 is repaired
there and flagged per row, never a failure of the file.

An input names its columns: a CSV file in its header, a JSONL file in its
objects, a Parquet file in its schema. A file that names none (0 bytes, or
blank lines only; stdin too) is an InputError, "empty file: no header"; a
CSV header with no row under it is an input of no rows.

A CSV value that opens a quote and never closes it would take in the rest
of the file as one message: that is an InputError naming the line where the
quote opens, found by the same rule as Arrow's parser. Quoted values that
hold line ends and are closed are read as usual.

Kept JSONL columns (``json_types=True``) keep their JSON type when their
values share one. The first ``JSONL_TYPE_WINDOW`` objects (all of them when
fewer; the reader reads that far ahead) fix it before any batch is handed
out: non-null values that are all booleans make a bool column, all integers
int64, integers and floats float64 (integers up to 2**53, which a double
holds exactly); anything else, nested values, and a column null throughout
the window make text, each non-string value as its JSON text. A later value
that does not fit its column (a string or a float in an int64 column) turns
that column to text from that batch on: nothing fails and no value is lost.
Batches read before keep the type, so join batches with
:func:`concat_batches`; :class:`AtomicWriter` rewrites what it wrote of
that column as text in Parquet (a CSV cell reads the same either way; JSONL
lines already written keep their values as they were). A Parquet column's
type thus depends on the input only, never on the batch size. Kept CSV
columns are text; Parquet columns keep their type.

Writers replace their file atomically: a temporary file beside it, renamed
over it at the end. A path that is a symbolic link is written through: its
target is replaced and the link kept.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import itertools
import json
import math
import os
import sys
import tempfile
import warnings
import zlib
from typing import IO, Iterator, Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from . import _core
from .errors import ConfigError, InputError, KvetchIOError
from .result import decode_dictionaries

#: pyarrow reads a CSV in blocks, and a row (a quoted message) must fit in
#: one: messages up to this size are read, longer ones are an input error.
CSV_BLOCK_BYTES = 16 << 20
#: JSONL lines read at a time, whatever the batch size asked for.
JSONL_BLOCK_ROWS = 1 << 16
#: JSONL objects that fix the types of the kept columns (module docstring).
JSONL_TYPE_WINDOW = 1 << 16
#: The message of an input that names no column.
EMPTY_FILE = "empty file: no header"

_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
               ".parquet": "parquet", ".pq": "parquet"}


def detect_format(path: str) -> str:
    """'csv', 'jsonl' or 'parquet' from the extension; '-' is 'jsonl'."""
    if path == "-":
        return "jsonl"
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for ext, fmt in _EXTENSIONS.items():
        if name.endswith(ext):
            return fmt
    # A file name the command line or the caller chose: a usage error (exit
    # 2), not bad data.
    raise ConfigError(f"{path}: unknown format; use one of "
                     f"{', '.join(sorted(_EXTENSIONS))} (or - for JSONL on stdin/stdout)")


def require_columns(path: str, wanted: Sequence[str], have: Sequence[str]) -> None:
    """InputError unless each ``wanted`` column is in ``have`` exactly once
    (CSV and Parquet allow a name twice; which one was meant is unknown)."""
    lost = [c for c in wanted if c not in have]
    if lost:
        raise InputError(f"{path}: no column {', '.join(map(repr, lost))}; "
                         f"columns are: {', '.join(map(repr, have)) or '(none)'}")
    twice = [c for c in dict.fromkeys(wanted) if list(have).count(c) > 1]
    if twice:
        raise InputError(f"{path}: column {', '.join(map(repr, twice))} appears more than "
                         "once; rename one of them")


def read_columns(path: str) -> list[str]:
    """The column names of a CSV, JSONL or Parquet file (of its first line
    for JSONL); InputError when it cannot be read as such, KvetchIOError
    when it cannot be read at all."""
    fmt = detect_format(path)
    try:
        if fmt == "parquet":
            return list(pq.read_schema(path).names)
        if fmt == "csv":
            return list(_csv_header(path)[0] or [])
        with _open_binary(path) as f:
            first = f.readline().removeprefix(b"\xef\xbb\xbf")
        return list(json.loads(first)) if first.strip() else []
    except (pa.ArrowInvalid, ValueError, TypeError, RecursionError, *_GZIP_ERRORS) as e:
        raise InputError(f"{path}: cannot read its columns ({e})") from None
    except OSError as e:
        raise _read_error(path, e) from None


def read_results(path: str) -> pa.Table:
    """A whole ``kvetch analyze`` output file, every column, types as written
    (Parquet) or inferred (CSV, JSONL): what ``report`` and ``cluster``
    read back instead of analysing again."""
    import pyarrow.json as pajson

    fmt = detect_format(path)
    try:
        if fmt == "parquet":
            return pq.read_table(path)
        if fmt == "csv":
            return pacsv.read_csv(
                path, read_options=pacsv.ReadOptions(block_size=CSV_BLOCK_BYTES),
                parse_options=pacsv.ParseOptions(newlines_in_values=True))
        return pajson.read_json(path, read_options=pajson.ReadOptions(
            block_size=CSV_BLOCK_BYTES))
    except pa.ArrowInvalid as e:
        raise InputError(f"{path}: {e}") from None
    except OSError as e:
        raise _read_error(path, e) from None


def read_batches(path: str, text_column: str, keep: Sequence[str], batch_rows: int, *,
                 json_types: bool = False) -> Iterator[pa.RecordBatch]:
    """Batches with ``text_column`` (binary) and the ``keep`` columns.

    ``json_types``: kept JSONL columns keep their JSON types (module
    docstring); the batches' schema may then change, once per column, from
    a type to text. Without it they are text, as CSV columns are.
    Errors (raised while iterating) name the file: InputError for data that
    cannot be read (exit 65), KvetchIOError when the file cannot (74)."""
    fmt = detect_format(path)
    if fmt == "csv":
        batches = _read_csv(path, text_column, keep, batch_rows)
    elif fmt == "parquet":
        batches = _read_parquet(path, text_column, keep, batch_rows)
    else:
        batches = _coalesce(_read_jsonl(path, text_column, keep, batch_rows, json_types),
                            batch_rows)
    return _gzip_errors_named(path, batches)


def warn_flags_unused(path: str, **flags) -> None:
    """A warning naming the analysis flags given (not None) that an input
    already analysed by ``kvetch analyze`` makes moot: its languages and
    redaction were decided then."""
    given = [f"--{name.replace('_', '-')}" for name, value in flags.items() if value]
    if given:
        warnings.warn(f"{path} is kvetch analyze output: {', '.join(given)} "
                      f"{'has' if len(given) == 1 else 'have'} no effect on it", UserWarning,
                      stacklevel=2)


def concat_batches(batches: Sequence[pa.RecordBatch]) -> pa.Table:
    """Batches of one :func:`read_batches` call (at least one) as one table;
    a column that turned to text part way is text throughout."""
    changed = {i for i in range(batches[0].num_columns)
               if len({b.schema.types[i] for b in batches}) > 1}
    return pa.Table.from_batches([_text_columns(b, changed) for b in batches])


_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


def _read_error(path: str, e: OSError) -> KvetchIOError:
    """The one wording of a file that cannot be read, whichever command."""
    return KvetchIOError(f"{path}: cannot read: {os.strerror(e.errno) if e.errno else e}")


def _gzip_errors_named(path: str, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """``batches``, with errors naming the file (Python's gzip module and
    Arrow's readers do not): a broken or cut ``.gz`` file is an InputError,
    another failure to read a KvetchIOError."""
    try:
        yield from batches
    except _GZIP_ERRORS as e:
        raise InputError(f"{path}: not a readable gzip file ({e})") from None
    except KvetchIOError:
        raise
    except OSError as e:
        if path.lower().endswith(".gz") and "compressed" in str(e):
            raise InputError(f"{path}: not a readable gzip file ({e})") from None
        raise _read_error(path, e) from None


def _open_binary(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _csv_header(path: str) -> tuple[list[str] | None, int]:
    """The first non-blank row of the file, read from its first 64 KiB
    (lines may end in LF, CRLF or CR), and the number of physical lines
    before it: Arrow's ``skip_rows`` skips lines, not rows, so a blank
    quoted value over two lines (" \n") before the header is two. The
    header is None for a file of blank lines."""
    with _open_binary(path) as f:
        head = f.read(1 << 16)
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    before = 0
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                return [cell.lstrip("\ufeff") for cell in row], before
            before = reader.line_num
    except csv.Error as e:
        raise InputError(f"{path}: cannot read the CSV header ({e})") from None
    return None, before


def _read_csv(path, text_column, keep, batch_rows):
    """A one-column file keeps its empty lines as empty messages (that is
    how pandas and others write an empty string there); in a file of more
    columns an empty line is not a record and is skipped."""
    header, before = _csv_header(path)
    if header is None:
        raise InputError(f"{path}: {EMPTY_FILE}")
    one_column = len(header) == 1
    wanted = [text_column, *keep]
    require_columns(path, wanted, header)
    _refuse_unclosed_quote(path)
    types = {c: pa.large_binary() for c in wanted}
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(
                block_size=CSV_BLOCK_BYTES, use_threads=False,
                skip_rows=before),
            parse_options=pacsv.ParseOptions(newlines_in_values=True,
                                             ignore_empty_lines=not one_column),
            convert_options=pacsv.ConvertOptions(
                include_columns=list(dict.fromkeys(wanted)), column_types=types,
                strings_can_be_null=False, quoted_strings_can_be_null=False))
        for batch in _coalesce(reader, batch_rows):
            yield _kept_as_text(batch, text_column)
    except pa.ArrowInvalid as e:
        if "Empty CSV file" in str(e):
            return  # a header without a line end: no rows
        if "straddl" in str(e):
            raise InputError(f"{path}: a CSV row is longer than {CSV_BLOCK_BYTES >> 20} MiB; "
                             "write such archives as JSONL or Parquet") from None
        raise InputError(f"{path}: {e}") from None


def _refuse_unclosed_quote(path: str) -> None:
    """InputError naming the line of a quote that opens a value and is never
    closed: Arrow would read the rest of the file into that one value."""
    offset = _unclosed_quote(path)
    if offset is not None:
        raise InputError(f"{path}: line {_line_at(path, offset)}: a quoted value opens here "
                         "and is never closed (it would take in the rest of the file)")


def _unclosed_quote(path: str) -> int | None:
    """The byte offset of the quote that opens the value still open at the
    end of the file, or None: Arrow's quoting rule, scanned in C++
    (kvetch/csv.h, about 1 GB/s; a Python loop from quote to quote took
    29 s per GB of fully quoted CSV)."""
    scan = _core.CsvQuoteScan()
    with _open_binary(path) as f:
        while chunk := f.read(8 << 20):
            scan.feed(chunk)
    return scan.open_at if scan.open_at >= 0 else None


def _line_at(path: str, offset: int) -> int:
    """The line (from 1) of byte ``offset``; lines end in LF, CRLF or CR."""
    line, last = 1, b""
    with _open_binary(path) as f:
        while offset > 0 and (chunk := f.read(min(offset, 8 << 20))):
            offset -= len(chunk)
            line += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
            line -= last == b"\r" and chunk.startswith(b"\n")
            last = chunk[-1:]
    return line


def as_text(column, type_=pa.string()):
    """A binary column (Array or ChunkedArray) as strings of ``type_``,
    ill-formed UTF-8 replaced by U+FFFD; other columns as they are. Zero-copy
    cast when the bytes are valid, a Python pass only when they are not."""
    if not (pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type)):
        return column
    try:
        return column.cast(type_)
    except pa.ArrowInvalid:
        return pa.array([None if v is None else v.decode("utf-8", "replace")
                         for v in column.to_pylist()], type=type_)


def _kept_as_text(batch: pa.RecordBatch, text_column: str) -> pa.RecordBatch:
    """The kept columns of a CSV batch as strings (they are carried through,
    not analysed); the text column stays bytes for the analyzer, which
    repairs and flags it."""
    cols = [c if n == text_column else as_text(c)
            for n, c in zip(batch.schema.names, batch.columns)]
    return pa.RecordBatch.from_arrays(cols, names=batch.schema.names)


def _read_parquet(path, text_column, keep, batch_rows):
    try:
        f = pq.ParquetFile(path)
    except pa.ArrowInvalid as e:
        if os.path.getsize(path) == 0:
            raise InputError(f"{path}: {EMPTY_FILE}") from None
        raise InputError(f"{path}: not a readable Parquet file ({e})") from None
    require_columns(path, [text_column, *keep], f.schema_arrow.names)
    try:
        yield from f.iter_batches(batch_size=batch_rows,
                                  columns=list(dict.fromkeys([text_column, *keep])))
    except pa.ArrowInvalid as e:
        raise InputError(f"{path}: {e}") from None


def _decode_lines(lines: list[bytes], path: str, first_line: int) -> list[dict]:
    rows = []
    for k, raw in enumerate(lines):
        if not raw.strip():
            continue
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a UTF-8 byte order mark (first line, or after blank ones)
        try:
            obj = json.loads(raw.decode("utf-8", "surrogateescape"))
        except ValueError as e:
            raise InputError(f"{path}: line {first_line + k}: invalid JSON: {e}") from None
        except RecursionError:
            raise InputError(f"{path}: line {first_line + k}: invalid JSON: arrays or "
                             "objects nested too deeply") from None
        if not isinstance(obj, dict):
            raise InputError(f"{path}: line {first_line + k}: expected a JSON object")
        rows.append(obj)
    return rows


def _to_bytes(v) -> bytes | None:
    if v is None:
        return None
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    try:
        return s.encode("utf-8", "surrogateescape")  # the original bytes
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogatepass")  # "\ud800" escapes


def _rows_to_batch(rows, text_column, types, path, first_line, check) -> pa.RecordBatch:
    """The text column as bytes and the kept columns as ``types`` says;
    ``types`` is updated for a column that turns to text here."""
    if check and not any(text_column in r for r in rows):
        require_columns(f"{path} (from line {first_line})", [text_column], list(rows[0]))
    cols = {text_column: pa.array([_to_bytes(r.get(text_column)) for r in rows],
                                  type=pa.large_binary())}
    for c in types:
        cols[c] = _kept_column([r.get(c) for r in rows], c, types)
    return pa.RecordBatch.from_pydict(cols)


def _kept_column(values: list, name: str, types: dict) -> pa.Array:
    """``values`` as an array of ``types[name]``; when one does not fit, as
    text, and ``types[name]`` becomes text for the batches after."""
    t = types[name]
    if t != pa.string() and not all(_fits(v, t) for v in values):
        t = types[name] = pa.string()
    if t == pa.string():
        return pa.array([_text_value(v) for v in values], pa.string())
    return pa.array(values, t)


#: The types a JSONL column can keep, tried in this order (module docstring).
_JSON_TYPES = (pa.bool_(), pa.int64(), pa.float64())


def _window_type(values: list) -> pa.DataType:
    """The type of a kept JSONL column from its values in the first window:
    the first of _JSON_TYPES that holds every non-null one, else text."""
    present = [v for v in values if v is not None]
    return next((t for t in _JSON_TYPES if present and all(_fits(v, t) for v in present)),
                pa.string())


def _fits(v, t: pa.DataType) -> bool:
    """Whether a column of type ``t`` holds the JSON value ``v`` exactly."""
    if v is None or t == pa.string():
        return True
    if isinstance(v, bool) or t == pa.bool_():
        return isinstance(v, bool) and t == pa.bool_()
    if t == pa.int64():
        return isinstance(v, int) and -(1 << 63) <= v < (1 << 63)
    return isinstance(v, float) or (isinstance(v, int) and abs(v) <= 1 << 53)


def _text_value(v) -> str | None:
    """A JSON value as text: a string as it is (ill-formed UTF-8 replaced by
    U+FFFD), anything else as its JSON text."""
    if v is None:
        return None
    if not isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    try:
        v.encode("utf-8")
        return v
    except UnicodeEncodeError:  # ill-formed bytes read by surrogateescape, "\ud800"
        return _to_bytes(v).decode("utf-8", "replace")


def _text_columns(data, indices: set[int]):
    """``data`` (a RecordBatch or Table) with the columns at ``indices`` as
    the text of their values (how a JSONL column turned to text reads)."""
    if not indices:
        return data
    cols = [pa.array([_text_value(v) for v in c.to_pylist()], pa.string())
            if i in indices and c.type != pa.string() else c
            for i, c in enumerate(data.columns)]
    return type(data).from_arrays(cols, names=data.schema.names)


def _read_jsonl(path, text_column, keep, batch_rows, json_types):
    """Batches of up to ``batch_rows`` objects; the first, the type window,
    of up to JSONL_TYPE_WINDOW when ``json_types`` and columns are kept. A
    row without the text column is a null message; only a file whose first
    non-blank batch has none of them is refused (a misnamed column), and a
    file without any object (EMPTY_FILE)."""
    kept = [c for c in dict.fromkeys(keep) if c != text_column]  # the text: kept as read
    types = None if json_types and kept else dict.fromkeys(kept, pa.string())
    step = min(batch_rows, JSONL_BLOCK_ROWS)
    first = True
    with _open_binary(path) as f:
        line_no = 1
        while lines := list(itertools.islice(f, JSONL_TYPE_WINDOW if types is None else step)):
            rows = _decode_lines(lines, path, line_no)
            if rows:
                if types is None:
                    types = {c: _window_type([r.get(c) for r in rows]) for c in kept}
                yield _rows_to_batch(rows, text_column, types, path, line_no, check=first)
                first = False
            line_no += len(lines)
    if first:
        raise InputError(f"{path}: {EMPTY_FILE}")


def _coalesce(batches, rows: int) -> Iterator[pa.RecordBatch]:
    """Batches of exactly ``rows`` rows (the last may be shorter) from the
    reader's blocks, whatever their size: fewer, fuller chunks downstream."""
    pending: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        pending.append(batch)
        count += batch.num_rows
        while count >= rows:
            table = concat_batches(pending)
            yield table.slice(0, rows).combine_chunks().to_batches()[0]
            rest = table.slice(rows)
            pending = rest.combine_chunks().to_batches() if rest.num_rows else []
            count = rest.num_rows
    if count:
        yield concat_batches(pending).combine_chunks().to_batches()[0]


def _mode_for(path: str) -> int:
    """The permissions of a new output file: those of the file it replaces,
    else 0666 less the process umask (read from /proc where it can be, so
    the umask is not changed while other threads run)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        pass
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            mask = next(int(line.split()[1], 8) for line in f if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError):
        mask = os.umask(0)
        os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[IO[bytes]]:
    """A binary file to write ``path``'s new content to: a temporary file in
    the same folder, renamed over ``path`` when the ``with`` block ends
    normally, removed when it ends by an exception. A symbolic link is
    written through (its target replaced, the link kept). OSError becomes a
    KvetchIOError naming ``path``."""
    path = os.fspath(path)
    target = os.path.realpath(path)
    try:
        fd, tmp = _temp_beside(target)
    except OSError as e:
        raise KvetchIOError(f"{path}: cannot write: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.chmod(tmp, _mode_for(target))  # mkstemp made it 0600
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError) and not isinstance(e, KvetchIOError):
            raise KvetchIOError(f"{path}: cannot write: {e.strerror or e}") from None
        raise


def _temp_beside(path: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp",
                            dir=os.path.dirname(os.path.abspath(path)))


class AtomicWriter:
    """Writes tables to ``path`` through a temporary file in the same
    folder (beside the target of a symbolic link, which is kept), renamed
    over it only by :meth:`commit`. :meth:`abort` (or leaving a ``with``
    block by an exception) removes the temporary file, so an interrupted
    run never leaves a file that looks complete. ``-`` writes JSONL to
    stdout; a name ending ``.gz`` is gzip-compressed.

    Every table has the same column names. A column whose type differs
    from the earlier tables' is written as text from then on, and what was
    written of it too (Parquet: the file so far is written again, once per
    such column): see the module docstring. A reader that goes away from
    stdout makes :meth:`write` or :meth:`commit` raise BrokenPipeError."""

    def __init__(self, path: str):
        self.path = path
        self.format = detect_format(path)
        if self.format == "parquet" and path.lower().endswith(".gz"):
            raise InputError(f"{path}: Parquet compresses its own columns; drop the .gz")
        self._tmp = None
        self._sink = None
        self._writer = None
        self._schema = None
        self._warned: set[str] = set()  # columns whose infinities were named
        if path != "-":
            self._target = os.path.realpath(path)
            try:
                fd, self._tmp = _temp_beside(self._target)
            except OSError as e:
                raise KvetchIOError(f"{path}: cannot write: {e.strerror}") from e
            self._sink = self._file = os.fdopen(fd, "wb")
            if path.lower().endswith(".gz"):
                self._sink = gzip.GzipFile(fileobj=self._file, mode="wb")
        else:
            self._sink = self._file = sys.stdout.buffer

    def write(self, table: pa.Table) -> None:
        table = self._conform(table)
        if self.format == "parquet":
            if self._writer is None:
                self._writer = pq.ParquetWriter(self._sink, table.schema)
            self._writer.write_table(table)
        elif self.format == "csv":
            table = _flat(decode_dictionaries(table))
            if self._writer is None:
                self._writer = pacsv.CSVWriter(self._sink, table.schema)
            self._writer.write_table(table)
        else:
            _warn_infinities(self.path, table, self._warned)
            _write_jsonl(table, self._sink)

    def _conform(self, table: pa.Table) -> pa.Table:
        """``table`` under the file's schema, after widening to text the
        columns whose type differs (and, if they were not text, what was
        written of them)."""
        if self._schema is None:
            self._schema = table.schema
        changed = {i for i, (a, b) in enumerate(zip(self._schema.types, table.schema.types))
                   if a != b}
        if not changed:
            return table
        before, self._schema = self._schema, _text_columns(self._schema.empty_table(),
                                                           changed).schema
        if before != self._schema and self._writer is not None:
            self._rewrite()
        return _text_columns(table, changed)

    def _rewrite(self) -> None:
        """Parquet: the rows written so far again, under the new schema.
        CSV: a writer of the new schema that adds no header (the text is the
        same). JSONL has no schema."""
        if self.format == "csv":
            self._writer.close()
            flat = _flat(decode_dictionaries(self._schema.empty_table())).schema
            self._writer = pacsv.CSVWriter(self._sink, flat, write_options=pacsv.WriteOptions(
                include_header=False))
        elif self.format == "parquet":
            self._writer.close()
            self._file.close()
            old, self._tmp = self._tmp, None
            try:
                fd, self._tmp = _temp_beside(self._target)
                self._sink = self._file = os.fdopen(fd, "wb")
                self._writer = pq.ParquetWriter(self._sink, self._schema)
                for batch in pq.ParquetFile(old).iter_batches():
                    self._writer.write_table(self._conform(pa.Table.from_batches([batch])))
            finally:
                os.unlink(old)

    def commit(self, empty_schema: pa.Schema | None = None) -> None:
        if self._writer is None and empty_schema is not None and self.format != "jsonl":
            self.write(empty_schema.empty_table())
        if self._writer is not None:
            self._writer.close()
        self._sink.flush()
        if self._tmp:
            self._sink.close()
            self._file.close()  # the gzip wrapper leaves it open
            os.chmod(self._tmp, _mode_for(self._target))  # mkstemp made it 0600
            os.replace(self._tmp, self._target)
            self._tmp = None

    def abort(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            try:
                writer.close()  # else its finaliser writes to the closed sink
            except Exception:  # noqa: BLE001 - the file is being removed
                pass
        if self._tmp:
            try:
                self._sink.close()
                self._file.close()
            finally:
                os.unlink(self._tmp)
                self._tmp = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.abort()


def _flat(table: pa.Table, nested: bool = True) -> pa.Table:
    """Binary columns (kept input columns) as text, invalid UTF-8 repaired
    to U+FFFD: neither CSV nor JSON holds bytes. With ``nested``, lists,
    structs and maps as JSON text too: a CSV cell holds no structure."""
    cols = []
    for col in table.columns:
        t = col.type
        if nested and pa.types.is_nested(t):
            col = pa.array([None if v is None else json.dumps(v, ensure_ascii=False, default=str)
                            for v in col.to_pylist()], pa.string())
        elif pa.types.is_binary(t) or pa.types.is_large_binary(t):
            col = pa.array([None if v is None else v.decode("utf-8", "replace")
                            for v in col.to_pylist()], pa.string())
        cols.append(col)
    return pa.Table.from_arrays(cols, names=table.column_names)


def _warn_infinities(path: str, table: pa.Table, warned: set[str]) -> None:
    """Warns once per column that JSON Lines output writes its infinite
    values as null (JSON has no Infinity; NaN is null as in pandas). CSV
    writes inf and Parquet keeps them."""
    for field, column in zip(table.schema, table.columns):
        if field.name in warned or not pa.types.is_floating(field.type):
            continue
        n = pc.sum(pc.is_inf(column)).as_py() or 0
        if n:
            warned.add(field.name)
            warnings.warn(f"{path}: column {field.name!r} has infinite values ({n} in this "
                          "chunk), written as null: JSON has no Infinity (CSV writes inf, "
                          "Parquet keeps them)", stacklevel=3)


def _write_jsonl(table: pa.Table, sink: IO[bytes]) -> None:
    table = _flat(decode_dictionaries(table), nested=False)
    if table.num_rows:
        _write_all(sink, _jsonl_text(table).encode("utf-8"))


def _write_all(sink: IO[bytes], data: bytes) -> None:
    """All of ``data`` to ``sink``. A buffered stdout whose reader went
    away can take part of a long write and return its count; the next
    write then raises BrokenPipeError, where stopping at one would drop the
    rest in silence."""
    view = memoryview(data)
    while view:
        n = sink.write(view)
        view = view[len(view) if n is None else n:]


def _jsonl_text(table: pa.Table) -> str:
    """One JSON object a line, columns in order. pandas writes floats with
    10 significant digits, enough for the float32 result columns; a float64
    column (a kept input column) is written exactly, by repr."""
    runs = _runs([pa.types.is_float64(t) for t in table.schema.types])
    if runs == [(False, 0, table.num_columns)]:
        return _pandas_jsonl(table)
    parts = []
    for exact, lo, hi in runs:
        if exact:
            parts += [_exact_members(table.field(i).name, table.column(i)) for i in range(lo, hi)]
        else:
            parts.append([line[1:-1] for line in
                          _pandas_jsonl(table.select(list(range(lo, hi)))).split("\n")[:-1]])
    return "".join("{" + ",".join(m for m in row if m) + "}\n" for row in zip(*parts))


def _runs(flags: list[bool]) -> list[tuple[bool, int, int]]:
    """(flag, start, end) of each run of equal ``flags``."""
    runs: list[tuple[bool, int, int]] = []
    for i, f in enumerate(flags):
        if runs and runs[-1][0] == f:
            runs[-1] = (f, runs[-1][1], i + 1)
        else:
            runs.append((f, i, i + 1))
    return runs


def _pandas_jsonl(table: pa.Table) -> str:
    """JSON lines by pandas, each ending in a line end; integer columns with
    nulls stay integers (not 1.0)."""
    text = table.to_pandas(integer_object_nulls=True).to_json(
        orient="records", lines=True, force_ascii=False, date_format="iso")
    return text if text.endswith("\n") else text + "\n"


def _exact_members(name: str, column) -> list[str]:
    """'"name":value' for each value of a float64 column; NaN and the
    infinities, which JSON lacks, as null."""
    key = json.dumps(name, ensure_ascii=False) + ":"
    return [key + (repr(v) if v is not None and math.isfinite(v) else "null")
            for v in column.to_pylist()]
