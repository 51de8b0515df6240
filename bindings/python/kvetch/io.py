"""Streaming readers and atomic writers for message archives.

Formats come from the file extension: ``.csv``, ``.jsonl`` / ``.ndjson``,
``.parquet`` / ``.pq`` (a ``.gz`` suffix on CSV or JSONL input is read
through). ``-`` is JSONL on stdin or stdout. Readers yield Arrow record
batches of at most ``batch_rows`` rows, so memory stays flat. The text column
is read as bytes and handed to the core as is: ill-formed UTF-8 is repaired
there and flagged per row, never a failure of the file.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import itertools
import json
import os
import sys
import tempfile
import warnings
import zlib
from typing import IO, Iterator, Sequence

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .errors import ConfigError, InputError, KvetchIOError
from .result import decode_dictionaries

#: pyarrow reads a CSV in blocks, and a row (a quoted message) must fit in
#: one: messages up to this size are read, longer ones are an input error.
CSV_BLOCK_BYTES = 16 << 20
#: JSONL lines read at a time, whatever the batch size asked for.
JSONL_BLOCK_ROWS = 1 << 16

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
    for JSONL); InputError when it cannot be read as such."""
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


def read_batches(path: str, text_column: str, keep: Sequence[str],
                 batch_rows: int) -> Iterator[pa.RecordBatch]:
    """Batches with ``text_column`` (binary) and the ``keep`` columns."""
    fmt = detect_format(path)
    if fmt == "csv":
        batches = _read_csv(path, text_column, keep, batch_rows)
    elif fmt == "parquet":
        batches = _read_parquet(path, text_column, keep, batch_rows)
    else:
        batches = _coalesce(_read_jsonl(path, text_column, keep, batch_rows), batch_rows)
    return _gzip_errors_named(path, batches)


_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


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
        raise KvetchIOError(f"{path}: cannot read: {e.strerror or e}") from None


def _open_binary(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _csv_header(path: str) -> tuple[list[str] | None, int]:
    """The first non-blank row of the file, read from its first 64 KiB
    (lines may end in LF, CRLF or CR), and the number of rows before it
    (Arrow's ``skip_rows`` counts empty lines too). The header is None for
    a file of blank lines."""
    with _open_binary(path) as f:
        head = f.read(1 << 16)
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    before = 0
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            if any(cell.strip() for cell in row):
                return [cell.lstrip("\ufeff") for cell in row], before
            before += 1
    except csv.Error as e:
        raise InputError(f"{path}: cannot read the CSV header ({e})") from None
    return None, before


def _read_csv(path, text_column, keep, batch_rows):
    """A one-column file keeps its empty lines as empty messages (that is
    how pandas and others write an empty string there); in a file of more
    columns an empty line is not a record and is skipped."""
    header, before = _csv_header(path)
    if header is None:
        return  # an empty file: no rows
    one_column = len(header) == 1
    wanted = [text_column, *keep]
    require_columns(path, wanted, header)
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
        rows = 0
        for batch in _coalesce(reader, batch_rows):
            rows += batch.num_rows
            yield _kept_as_text(batch, text_column)
    except pa.ArrowInvalid as e:
        if "Empty CSV file" in str(e):
            return  # a header without a line end: no rows
        if "straddl" in str(e):
            raise InputError(f"{path}: a CSV row is longer than {CSV_BLOCK_BYTES >> 20} MiB; "
                             "write such archives as JSONL or Parquet") from None
        raise InputError(f"{path}: {e}") from None
    if _odd_quote_count(path):
        warnings.warn(f"{path}: the file has an odd number of double quotes; if a quoted value "
                      f"is not closed, its row took in the rest of the file (rows read: {rows:,}"
                      ")", InputWarning, stacklevel=2)


class InputWarning(UserWarning):
    """Input that was read, but perhaps not as its writer meant."""


def _odd_quote_count(path: str) -> bool:
    """Whether the file holds an odd number of '"' bytes. In a CSV file
    every quoted value has two, and a quote inside one is written twice, so
    an odd count means an unclosed quote (or a bare quote inside an unquoted
    value, which readers keep as it is). One pass over the bytes (1.85 GB/s
    from the page cache, a 200 MB file, measured 2026-11-24); a compressed
    file is left unchecked."""
    if path.lower().endswith(".gz"):
        return False
    count = 0
    with open(path, "rb") as f:
        while chunk := f.read(8 << 20):
            count += chunk.count(b'"')
    return count % 2 == 1


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


def _rows_to_batch(rows, text_column, keep, path, first_line, check) -> pa.RecordBatch:
    if check and not any(text_column in r for r in rows):
        require_columns(f"{path} (from line {first_line})", [text_column], list(rows[0]))
    cols = {text_column: pa.array([_to_bytes(r.get(text_column)) for r in rows],
                                  type=pa.large_binary())}
    for c in keep:
        if c == text_column:
            continue  # kept as read; the CLI writes it as text
        vals = [r.get(c) for r in rows]
        cols[c] = pa.array([None if v is None else v if isinstance(v, str)
                            else json.dumps(v, ensure_ascii=False) for v in vals],
                           type=pa.string())
    return pa.RecordBatch.from_pydict(cols)


def _read_jsonl(path, text_column, keep, batch_rows):
    """Batches of up to ``batch_rows`` objects. A row without the text
    column is a null message; only a file whose first non-blank batch has
    none of them is refused (a misnamed column)."""
    first = True
    with _open_binary(path) as f:
        line_no = 1
        while lines := list(itertools.islice(f, min(batch_rows, JSONL_BLOCK_ROWS))):
            rows = _decode_lines(lines, path, line_no)
            if rows:
                yield _rows_to_batch(rows, text_column, keep, path, line_no, check=first)
                first = False
            line_no += len(lines)


def _coalesce(batches, rows: int) -> Iterator[pa.RecordBatch]:
    """Batches of exactly ``rows`` rows (the last may be shorter) from the
    reader's blocks, whatever their size: fewer, fuller chunks downstream."""
    pending: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        pending.append(batch)
        count += batch.num_rows
        while count >= rows:
            table = pa.Table.from_batches(pending)
            yield table.slice(0, rows).combine_chunks().to_batches()[0]
            rest = table.slice(rows)
            pending = rest.combine_chunks().to_batches() if rest.num_rows else []
            count = rest.num_rows
    if count:
        yield pa.Table.from_batches(pending).combine_chunks().to_batches()[0]


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
    normally, removed when it ends by an exception. OSError becomes a
    KvetchIOError naming ``path``."""
    path = os.fspath(path)
    try:
        fd, tmp = _temp_beside(path)
    except OSError as e:
        raise KvetchIOError(f"{path}: cannot write: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.chmod(tmp, _mode_for(path))  # mkstemp made it 0600
        os.replace(tmp, path)
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
    """Writes batches to ``path`` through a temporary file in the same
    folder, renamed over ``path`` only by :meth:`commit`. :meth:`abort` (or
    leaving a ``with`` block by an exception) removes the temporary file, so
    an interrupted run never leaves a file that looks complete. ``-`` writes
    JSONL to stdout; a name ending ``.gz`` is gzip-compressed."""

    def __init__(self, path: str):
        self.path = path
        self.format = detect_format(path)
        if self.format == "parquet" and path.lower().endswith(".gz"):
            raise InputError(f"{path}: Parquet compresses its own columns; drop the .gz")
        self._tmp = None
        self._sink = None
        self._writer = None
        if path != "-":
            try:
                fd, self._tmp = _temp_beside(path)
            except OSError as e:
                raise KvetchIOError(f"{path}: cannot write: {e.strerror}") from e
            self._sink = self._file = os.fdopen(fd, "wb")
            if path.lower().endswith(".gz"):
                self._sink = gzip.GzipFile(fileobj=self._file, mode="wb")
        else:
            self._sink = self._file = sys.stdout.buffer

    def write(self, table: pa.Table) -> None:
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
            _write_jsonl(table, self._sink)

    def commit(self, empty_schema: pa.Schema | None = None) -> None:
        if self._writer is None and empty_schema is not None and self.format != "jsonl":
            self.write(empty_schema.empty_table())
        if self._writer is not None:
            self._writer.close()
        self._sink.flush()
        if self._tmp:
            self._sink.close()
            self._file.close()  # the gzip wrapper leaves it open
            os.chmod(self._tmp, _mode_for(self.path))  # mkstemp made it 0600
            os.replace(self._tmp, self.path)
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


def _write_jsonl(table: pa.Table, sink: IO[bytes]) -> None:
    df = _flat(decode_dictionaries(table), nested=False).to_pandas()
    if len(df):
        text = df.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
        sink.write(text.encode("utf-8"))
        if not text.endswith("\n"):
            sink.write(b"\n")
