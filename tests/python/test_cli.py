"""The kvetch command line: formats, streaming, exit codes, atomic output."""

import gzip
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from kvetch import cli
from kvetch.schema import COLUMN_NAMES

ROWS = [
    {"id": "1", "text": "Refund not received, mail a@b.example", "channel": "email"},
    {"id": "2", "text": "ok merci", "channel": "chat"},
    {"id": "3", "text": "", "channel": "chat"},
    {"id": "4", "text": "Tel +49 30 1234567 bitte", "channel": "app_review"},
]
SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "sample_tickets.csv"


def run(*args):
    return cli.main([str(a) for a in args])


def write_input(path: Path, rows=ROWS):
    df = pd.DataFrame(rows)
    if path.suffix == ".csv":
        df.to_csv(path, index=False)
    elif path.suffix == ".parquet":
        df.to_parquet(path)
    else:
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    return path


def read_output(path: Path) -> pd.DataFrame:
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype={"id": str}, keep_default_na=False)
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_json(path, lines=True, dtype={"id": str})


@pytest.mark.parametrize("src", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("dst", ["csv", "jsonl", "parquet"])
def test_formats_round_trip(tmp_path, src, dst):
    inp = write_input(tmp_path / f"in.{src}")
    out = tmp_path / f"out.{dst}"
    assert run("analyze", inp, "-o", out, "--id-column", "id", "--keep-columns", "channel") == 0
    df = read_output(out)
    assert list(df.columns) == ["id", "channel"] + COLUMN_NAMES
    assert df.id.astype(str).tolist() == ["1", "2", "3", "4"]
    assert df.status.tolist() == ["ok", "ok", "empty", "ok"]
    assert df.pii_count.tolist() == [1, 0, 0, 1]
    assert "text" not in df.columns  # the raw text is never written by default
    langs = df.lang.astype(object).where(df.lang.notna(), "").astype(str).tolist()
    assert langs[:3] == ["en", "fr", ""]  # empty message: no language (CSV writes null as "")


def test_chunked_run_keeps_every_row_in_order(tmp_path):
    rows = [{"id": str(i), "text": f"message {i} a{i}@x.example"} for i in range(2500)]
    inp = write_input(tmp_path / "in.csv", rows)
    out = tmp_path / "out.parquet"
    assert run("analyze", inp, "-o", out, "--id-column", "id", "--batch-size", "300") == 0
    df = pd.read_parquet(out)
    assert df.id.tolist() == [str(i) for i in range(2500)]
    assert (df.text_redacted == [f"message {i} <EMAIL>" for i in range(2500)]).all()


def test_missing_text_column_names_existing_columns(tmp_path, capsys):
    inp = write_input(tmp_path / "in.csv")
    assert run("analyze", inp, "-o", tmp_path / "o.csv", "--text-column", "body") == 65
    err = capsys.readouterr().err
    assert "'body'" in err and "'id', 'text', 'channel'" in err
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("name,data", [
    ("e.csv", b""), ("e.csv", b"\n\n  \n"), ("e.csv.gz", gzip.compress(b"")),
    ("e.jsonl", b""), ("e.jsonl", b"\n \n"), ("e.parquet", b""),
])
def test_a_file_that_names_no_column_is_a_data_error(tmp_path, capsys, name, data):
    """A 0-byte CSV gave exit 0 and no rows (and JSONL too) where Parquet
    gave 65: none of them names a column, so none can show that the text
    column is there. A header with no rows is still an empty result."""
    inp = tmp_path / name
    inp.write_bytes(data)
    out = tmp_path / "out.parquet"
    assert run("analyze", inp, "-o", out, "--no-progress") == 65
    assert f"{name}: empty file: no header" in capsys.readouterr().err
    assert not out.exists()


def test_empty_stdin_is_a_data_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert run("analyze", "-", "-o", tmp_path / "o.csv", "--no-progress") == 65
    assert "-: empty file: no header" in capsys.readouterr().err


def test_header_only_csv(tmp_path):
    inp = tmp_path / "h.csv"
    inp.write_text("id,text\n")
    out = tmp_path / "out.csv"
    assert run("analyze", inp, "-o", out, "--id-column", "id") == 0
    assert pd.read_csv(out).shape[0] == 0


def test_invalid_utf8_in_csv_and_jsonl_is_repaired_per_row(tmp_path):
    (tmp_path / "bad.csv").write_bytes(b"text\n\"caf\xe9 ok\"\nfine\n")
    assert run("analyze", tmp_path / "bad.csv", "-o", tmp_path / "o.parquet") == 0
    assert pd.read_parquet(tmp_path / "o.parquet").status.tolist() == ["repaired_utf8", "ok"]
    (tmp_path / "bad.jsonl").write_bytes(b'{"text": "caf\xe9"}\n{"text": "x\\ud800"}\n{"text": null}\n')
    assert run("analyze", tmp_path / "bad.jsonl", "-o", tmp_path / "o2.parquet") == 0
    assert pd.read_parquet(tmp_path / "o2.parquet").status.tolist() == [
        "repaired_utf8", "repaired_utf8", "null"]


def test_invalid_json_line_is_a_data_error(tmp_path, capsys):
    (tmp_path / "in.jsonl").write_text('{"text": "a"}\n{oops\n')
    assert run("analyze", tmp_path / "in.jsonl", "-o", tmp_path / "o.csv") == 65
    assert "line 2" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_io_errors(tmp_path, capsys):
    assert run("analyze", tmp_path / "missing.csv", "-o", tmp_path / "o.csv") == 74
    assert "missing.csv: cannot read" in capsys.readouterr().err
    (tmp_path / "folder.jsonl").mkdir()  # read errors while streaming name the file
    assert run("analyze", tmp_path / "folder.jsonl", "-o", tmp_path / "o.csv") == 74
    assert "folder.jsonl: cannot read" in capsys.readouterr().err
    inp = write_input(tmp_path / "in.csv")
    assert run("analyze", inp, "-o", tmp_path / "no_such_dir" / "o.csv") == 74


def test_usage_errors(tmp_path):
    inp = write_input(tmp_path / "in.csv")
    assert run("analyze", inp, "-o", tmp_path / "o.txt") == 2  # unknown format: usage
    assert run("analyze", tmp_path / "in.xlsx", "-o", tmp_path / "o.csv") == 2
    with pytest.raises(SystemExit) as e:
        run("analyze", inp)
    assert e.value.code == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[pii.custom]\nx = '('\n")
    assert run("analyze", inp, "-o", tmp_path / "o.csv", "--config", bad) == 2


def test_stdin_to_stdout_keeps_data_on_stdout():
    lines = "".join(json.dumps(r) + "\n" for r in ROWS)
    p = subprocess.run([sys.executable, "-m", "kvetch", "analyze", "-", "-o", "-", "--id-column", "id"],
                       input=lines.encode(), capture_output=True, check=True)
    out = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert [r["id"] for r in out] == ["1", "2", "3", "4"]
    assert out[0]["text_redacted"] == "Refund not received, mail <EMAIL>"
    assert b"messages" in p.stderr  # the summary goes to stderr


def test_interrupted_run_leaves_no_output(tmp_path):
    rows = [{"text": f"message number {i} " * 20} for i in range(400_000)]
    inp = write_input(tmp_path / "big.jsonl", rows)
    out = tmp_path / "out.parquet"
    proc = subprocess.Popen([sys.executable, "-m", "kvetch", "analyze", str(inp), "-o", str(out),
                             "--batch-size", "1000", "--n-threads", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Interrupt once the first chunk is written (the temporary file exists).
    deadline = time.monotonic() + 60
    while not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]:
        assert proc.poll() is None, "finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert not out.exists()
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]


def test_sample_archive(tmp_path):
    out = tmp_path / "sample.parquet"
    assert run("analyze", SAMPLE, "-o", out, "--id-column", "ticket_id",
               "--keep-columns", "lang_true") == 0
    df = pd.read_parquet(out)
    src = pd.read_csv(SAMPLE)
    assert df.ticket_id.tolist() == src.ticket_id.tolist()
    assert (df.status == "ok").mean() > 0.99
    assert df.pii_count.sum() > 0.05 * len(df)
    for col in ("pii_email", "pii_phone", "pii_card", "pii_iban"):
        assert df[col].sum() > 0, col


def test_no_emotion_no_signals(tmp_path):
    src = write_input(tmp_path / "in.csv", [
        {"id": "1", "text": "third time I ask, cancel my subscription!!! I'm furious"},
        {"id": "2", "text": "Danke, alles gut"}])
    full, lean = tmp_path / "full.parquet", tmp_path / "lean.parquet"
    assert run("analyze", src, "-o", full, "--no-progress") == 0
    assert run("analyze", src, "-o", lean, "--no-progress", "--no-emotion", "--no-signals") == 0
    a, b = pd.read_parquet(full), pd.read_parquet(lean)
    assert a.signal_churn.iloc[0] and a.signal_effort.iloc[0]
    # Not computed is null, as for emotion: a churn rate is not silently 0%.
    assert b[[c for c in b.columns if c.startswith("signal_")]].isna().all().all()
    assert a.polarity.notna().all() and b.polarity.isna().all()
    assert b.lang.tolist() == a.lang.tolist() == ["en", "de"]
    # Several chunks: the closing summary adds up no counts for them.
    assert run("analyze", src, "-o", lean, "--no-progress", "--no-signals",
               "--batch-size", "1") == 0


def test_kept_columns_named_like_result_columns_are_renamed(tmp_path, capsys):
    inp = tmp_path / "zd.csv"
    inp.write_text("ticket_id,status,lang,text\n1,open,en,my parcel is lost\n"
                   "2,closed,fr,merci beaucoup\n")
    for ext in ("parquet", "jsonl", "csv"):
        out = tmp_path / f"o.{ext}"
        assert run("analyze", inp, "-o", out, "--id-column", "ticket_id",
                   "--keep-columns", "status, lang", "--no-progress") == 0
        df = (pd.read_parquet(out) if ext == "parquet" else
              pd.read_json(out, lines=True, dtype=False) if ext == "jsonl" else
              pd.read_csv(out, dtype=str))
        assert df.columns[:3].tolist() == ["ticket_id", "input_status", "input_lang"]
        assert df["input_status"].tolist() == ["open", "closed"]
        assert df["status"].tolist() == ["ok", "ok"]
    assert "status -> input_status" in capsys.readouterr().err


def test_output_over_the_input_is_refused(tmp_path):
    inp = write_input(tmp_path / "in.csv")
    before = inp.read_bytes()
    assert run("analyze", inp, "-o", inp, "--no-progress") == 2
    assert inp.read_bytes() == before


def test_text_column_kept_when_asked(tmp_path):
    inp = write_input(tmp_path / "in.jsonl")
    out = tmp_path / "o.parquet"
    assert run("analyze", inp, "-o", out, "--keep-columns", "text", "--no-progress") == 0
    df = pd.read_parquet(out)
    assert df["text"].tolist() == [r["text"] for r in ROWS]
    assert "<EMAIL>" in df["text_redacted"][0] and "a@b.example" in df["text"][0]


def test_long_csv_message_is_read_and_truncated(tmp_path):
    inp = tmp_path / "m.csv"
    inp.write_text("id,text\n1," + "a" * 3_000_000 + "\n2,x\n")
    out = tmp_path / "m.parquet"
    assert run("analyze", inp, "-o", out, "--no-progress") == 0
    assert pd.read_parquet(out)["status"].tolist() == ["truncated", "ok"]


def test_unreadable_inputs_exit_65(tmp_path, capsys):
    (tmp_path / "bad.parquet").write_text("garbage")
    (tmp_path / "rag.csv").write_text("id,text\n1,a,b,c\n")
    for name in ("bad.parquet", "rag.csv"):
        assert run("analyze", tmp_path / name, "-o", tmp_path / "o.csv", "--no-progress") == 65
        assert name in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_ill_formed_utf8_in_a_kept_column_is_replaced(tmp_path):
    inp = tmp_path / "u.csv"
    inp.write_bytes(b"id,text\n\xff1,hello\n")
    out = tmp_path / "o.parquet"
    assert run("analyze", inp, "-o", out, "--keep-columns", "id", "--no-progress") == 0
    assert pd.read_parquet(out)["id"].tolist() == ["\ufffd1"]


def test_jsonl_with_byte_order_mark_and_typed_kept_columns(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b'\xef\xbb\xbf{"id": 1, "ok": true, "meta": {"a": 1}, "text": "hi"}\n')
    out = tmp_path / "o.jsonl"
    assert run("analyze", inp, "-o", out, "--keep-columns", "id,ok,meta", "--no-progress") == 0
    row = json.loads(out.read_text().splitlines()[0])
    assert (row["id"], row["ok"], row["meta"]) == (1, True, '{"a": 1}')


JSON_ROWS = [{"id": 1, "score": 4, "rate": 0.1234567890123, "vip": True, "tag": "a",
              "text": "refund please"},
             {"id": 2, "score": 4.5, "rate": None, "vip": False, "tag": 7,
              "text": "where is my parcel"},
             {"score": 3, "rate": 1e20, "vip": None, "tag": [1], "text": "thanks"}]


@pytest.mark.parametrize("dst", ["parquet", "jsonl", "csv"])
def test_jsonl_kept_columns_keep_their_json_types(tmp_path, dst):
    """JSONL ids and kept columns were written as strings ({"id": "1"});
    now each keeps the type its values share: int, float (ints and floats
    together), bool; mixed kinds are text, non-strings as JSON text."""
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps(r) + "\n" for r in JSON_ROWS))
    out = tmp_path / f"o.{dst}"
    assert run("analyze", inp, "-o", out, "--id-column", "id",
               "--keep-columns", "score,rate,vip,tag", "--no-progress") == 0
    if dst == "parquet":
        t = pq.read_table(out)
        assert [str(t.schema.field(c).type) for c in ("id", "score", "rate", "vip", "tag")] == [
            "int64", "double", "double", "bool", "string"]
        assert t.column("tag").to_pylist() == ["a", "7", "[1]"]
    elif dst == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert [r["id"] for r in rows] == [1, 2, None]  # not 1.0: ints with a null
        assert [r["rate"] for r in rows] == [0.1234567890123, None, 1e20]  # every digit
        assert [r["vip"] for r in rows] == [True, False, None]
    else:
        assert out.read_text().splitlines()[1].startswith('1,4,0.1234567890123,true,"a",')


def test_jsonl_column_whose_type_changes_after_the_window_turns_to_text(tmp_path, monkeypatch):
    """Types are fixed by the first objects; a later value that does not
    fit turns its column to text from the start, rewriting what was
    written, whatever the batch size: no error, no value lost."""
    from kvetch import io as kio
    monkeypatch.setattr(kio, "JSONL_TYPE_WINDOW", 4)
    rows = [{"id": i, "score": i, "x": 1.5, "text": f"message {i}"} for i in range(10)]
    rows[6]["id"], rows[7]["score"], rows[9]["x"] = "A6", 2.5, 3
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps(r) + "\n" for r in rows))
    for batch in ("1", "3", "100"):
        out = tmp_path / f"o{batch}.parquet"
        assert run("analyze", inp, "-o", out, "--keep-columns", "id,score,x",
                   "--batch-size", batch, "--no-progress") == 0
        t = pq.read_table(out)
        assert [str(t.schema.field(c).type) for c in ("id", "score", "x")] == [
            "string", "string", "double"]
        assert t.column("id").to_pylist() == [str(i) for i in range(6)] + ["A6", "7", "8", "9"]
        assert t.column("score").to_pylist()[6:8] == ["6", "2.5"]
        assert t.column("x").to_pylist()[-1] == 3.0
    csv_out = tmp_path / "o.csv"
    assert run("analyze", inp, "-o", csv_out, "--keep-columns", "id,score",
               "--batch-size", "2", "--no-progress") == 0
    assert pd.read_csv(csv_out, dtype=str)["id"].tolist()[5:7] == ["5", "A6"]


def test_jsonl_kept_column_with_ill_formed_utf8(tmp_path):
    """A kept JSONL string with bytes that are not UTF-8 was a traceback
    (UnicodeEncodeError); it is repaired as CSV's are."""
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b'{"id": "\xff1", "text": "hello"}\n')
    assert run("analyze", inp, "-o", tmp_path / "o.parquet", "--id-column", "id",
               "--no-progress") == 0
    assert pd.read_parquet(tmp_path / "o.parquet")["id"].tolist() == ["\ufffd1"]


def test_cluster_keeps_jsonl_types(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps(r) + "\n" for r in JSON_ROWS))
    out = tmp_path / "c.parquet"
    assert run("cluster", inp, "-o", out, "--id-column", "score", "--all-messages",
               "--min-cluster-size", "1", "--no-progress") == 0
    assert pq.read_table(out).column("score").to_pylist() == [4.0, 4.5, 3.0]


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_nested_and_binary_parquet_columns_kept_in_text_formats(tmp_path, suffix):
    """A CSV cell holds no list and neither format holds bytes: lists and
    structs become JSON text in CSV, bytes become text (U+FFFD for invalid
    UTF-8); every row is written."""
    import pyarrow as pa
    inp = tmp_path / "in.parquet"
    pq.write_table(pa.table({
        "text": ["refund please", "app crashes", None],
        "tags": [["a", "b"], [], None],
        "meta": [{"x": 1}, {"x": 2}, None],
        "raw": pa.array([b"\xffab", b"ok", None]),
    }), inp)
    out = tmp_path / f"o.{suffix}"
    assert run("analyze", inp, "-o", out, "--keep-columns", "tags,meta,raw", "--no-progress") == 0
    if suffix == "csv":
        df = pd.read_csv(out, keep_default_na=False)
        assert df.tags.tolist() == ['["a", "b"]', "[]", ""]
        assert df.meta.tolist() == ['{"x": 1}', '{"x": 2}', ""]
    else:
        df = pd.read_json(out, lines=True)
        assert df.tags.tolist()[:2] == [["a", "b"], []]
    assert df.raw.tolist()[:2] == ["\ufffdab", "ok"]
    assert df.status.tolist() == ["ok", "ok", "null"]


@pytest.mark.parametrize("data,rows", [
    (b"\nid,text\n1,hello\n2,world\n", 2),   # a blank first line (lost every row before)
    (b"id,text\r1,hello\r2,world\r", 2),      # old Mac line ends (a csv.Error before)
    (b"id,text", 0),                           # a header without a line end
])
def test_csv_shapes_that_lost_rows_or_crashed(tmp_path, data, rows):
    inp = tmp_path / "in.csv"
    inp.write_bytes(data)
    out = tmp_path / "o.parquet"
    assert run("analyze", inp, "-o", out, "--no-progress") == 0
    assert pd.read_parquet(out).text_redacted.tolist() == ["hello", "world"][:rows]


@pytest.mark.parametrize("data,texts", [
    # one column: an empty line is an empty message (pandas writes "" so)
    (b"text\nhello\n\nworld\n", ["hello", "", "world"]),
    (b"\n\ntext\r\nhello\r\n\r\nworld\r\n\r\n", ["hello", "", "world", ""]),
    (b"   \ntext\rhello\r\rworld\r", ["hello", "", "world"]),
    # more columns: an empty line is not a record
    (b"\n  ,\ntext,id\nhello,1\n\nworld,2\n", ["hello", "world"]),
])
def test_csv_empty_lines(tmp_path, data, texts):
    """A one-column CSV lost its empty messages, and a line of blanks
    before a header crashed (ArrowKeyError)."""
    inp = tmp_path / "in.csv"
    inp.write_bytes(data)
    out = tmp_path / "o.parquet"
    assert run("analyze", inp, "-o", out, "--no-progress") == 0
    df = pd.read_parquet(out)
    assert df.text_redacted.tolist() == texts
    assert df.status.tolist() == ["empty" if t == "" else "ok" for t in texts]


@pytest.mark.parametrize("name,data,needle", [
    ("in.jsonl", b'{"text": "a"}\n{"text": "b", "x": ' + b"[" * 100_000 + b"]" * 100_000
     + b"}\n", "line 2: invalid JSON: arrays or objects nested too deeply"),
    ("in.jsonl.gz", b"not gzip\n", "in.jsonl.gz: not a readable gzip file"),
    ("in.csv.gz", gzip.compress(b"text\n" + b"hello\n" * 5000)[:40],
     "in.csv.gz: not a readable gzip file"),
    ("in.jsonl.gz", gzip.compress(b'{"text": "hello"}\n' * 5000)[:40],
     "in.jsonl.gz: not a readable gzip file"),
    # cut past the header: Arrow's reader finds it (an OSError, exit 74 unnamed)
    ("in.csv.gz", gzip.compress(b"text\n" + random.Random(0).randbytes(300_000).hex().encode()
                                .replace(b"0", b"\n"))[:200_000],
     "in.csv.gz: not a readable gzip file"),
    ("in.csv", b"text,id,text\na,1,b\n", "column 'text' appears more than once"),
])
def test_unreadable_inputs_are_data_errors_naming_the_file(tmp_path, capsys, name, data, needle):
    """These were a RecursionError traceback, exit 74 without the file's
    name, and a silent choice of the first of two text columns."""
    inp = tmp_path / name
    inp.write_bytes(data)
    assert run("analyze", inp, "-o", tmp_path / "o.jsonl", "--no-progress") == 65
    assert needle in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()


@pytest.mark.parametrize("batch", ["2", "3", "2147483648"])
def test_jsonl_rows_without_text_are_null_whatever_the_batch_size(tmp_path, batch):
    """A later batch with no "text" key is null rows, not a refused file;
    a huge --batch-size reads to the end of the file and stops."""
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b'{"text": "a"}\n\n\xef\xbb\xbf{"text": "b"}\n{"id": 3}\n')
    out = tmp_path / "o.parquet"
    assert run("analyze", inp, "-o", out, "--batch-size", batch, "--no-progress") == 0
    assert pd.read_parquet(out).status.tolist() == ["ok", "ok", "null"]


def test_jsonl_without_the_text_column_is_refused(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"body": "a"}\n{"body": "b"}\n')
    assert run("analyze", inp, "-o", tmp_path / "o.csv", "--no-progress") == 65


def test_output_files_follow_the_umask(tmp_path):
    inp = write_input(tmp_path / "in.csv")
    old = os.umask(0o022)
    try:
        assert run("analyze", inp, "-o", tmp_path / "o.csv", "--no-progress") == 0
    finally:
        os.umask(old)
    assert (tmp_path / "o.csv").stat().st_mode & 0o777 == 0o644


def test_sigterm_leaves_no_file(tmp_path):
    big = tmp_path / "big.csv"
    pd.concat([pd.read_csv(SAMPLE)] * 60).to_csv(big, index=False)
    out = tmp_path / "int" / "o.parquet"
    out.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "kvetch", "analyze", str(big), "-o", str(out),
                             "--no-progress", "--batch-size", "5000"],
                            stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("finished before the signal")
    assert proc.returncode == 143, err
    assert list(out.parent.iterdir()) == []


def test_sigterm_while_stdin_sends_nothing(tmp_path):
    # The reader thread is blocked on stdin, which stays open: the process
    # must still end at once, with 143 and no temporary file left.
    out = tmp_path / "int" / "o.parquet"
    out.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "kvetch", "analyze", "-", "-o", str(out),
                             "--no-progress", "--batch-size", "10"],
                            stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.stdin.write(b"".join(b'{"text": "where is my refund %d"}\n' % i for i in range(100)))
        proc.stdin.flush()
        time.sleep(4)  # imports, model loads, the rows read; then it waits on stdin
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=15)
    finally:
        proc.kill()
        proc.stdin.close()
    assert rc == 143, proc.stderr.read()
    assert list(out.parent.iterdir()) == []


def test_cluster_cli_errors(tmp_path, capsys):
    (tmp_path / "junk.kvc").write_text("junk")
    assert run("cluster", SAMPLE, "-o", tmp_path / "c.csv", "--model", tmp_path / "junk.kvc") == 2
    assert "not a saved ComplaintClusterer" in capsys.readouterr().err
    assert run("cluster", SAMPLE, "-o", tmp_path / "c.csv", "--model", tmp_path / "no.kvc") == 74
    assert run("cluster", SAMPLE, "-o", "-") == 2
    assert "--clusters" in capsys.readouterr().err
    assert run("cluster", SAMPLE, "-o", tmp_path / "c.csv", "--save-model",
               tmp_path / "m.kvc", "--no-progress") == 0
    capsys.readouterr()
    assert run("cluster", SAMPLE, "-o", tmp_path / "c.csv", "--model", tmp_path / "m.kvc",
               "--n-clusters", "5", "--all-messages") == 2
    assert "--n-clusters, --all-messages cannot be given" in capsys.readouterr().err


def test_report_and_cluster_read_analyze_output(tmp_path, capsys):
    out = tmp_path / "s.parquet"
    assert run("analyze", SAMPLE, "-o", out, "--keep-columns", "created_at,channel",
               "--no-progress") == 0
    capsys.readouterr()
    assert run("report", out, "-o", tmp_path / "r.html", "--no-progress") == 0
    err = capsys.readouterr().err
    assert "No emotion columns" not in err and "every message counts" not in err
    assert run("cluster", out, "-o", tmp_path / "c.csv") == 0   # text_redacted found
    assert run("report", out, "-o", tmp_path / "r.pdf") == 2
    header_only = tmp_path / "h.csv"
    header_only.write_text("id,text\n")
    assert run("report", header_only, "-o", tmp_path / "h.html", "--no-progress") == 65


def test_cluster_keeps_columns(tmp_path):
    out = tmp_path / "c.csv"
    assert run("cluster", SAMPLE, "-o", out, "--id-column", "ticket_id",
               "--keep-columns", "channel, created_at") == 0
    df = pd.read_csv(out, dtype=str)
    assert df.columns.tolist() == ["ticket_id", "channel", "created_at", "cluster", "is_complaint"]
    sample = pd.read_csv(SAMPLE, dtype=str)
    assert (df["ticket_id"] == sample["ticket_id"]).all()
    assert (df["created_at"] == sample["created_at"]).all()


def test_kept_columns_that_would_collide_are_refused(tmp_path, capsys):
    inp = tmp_path / "zd.csv"
    inp.write_text("status,input_status,text\nopen,x,my parcel is lost\n")
    assert run("analyze", inp, "-o", tmp_path / "o.parquet", "--keep-columns",
               "status,input_status", "--no-progress") == 2
    assert "'input_status'" in capsys.readouterr().err
    assert run("analyze", inp, "-o", tmp_path / "o.parquet", "--keep-columns",
               "status,status", "--no-progress") == 0
    assert pd.read_parquet(tmp_path / "o.parquet").columns[0] == "input_status"


def test_cluster_on_analyze_output_uses_its_columns(tmp_path, capsys):
    """Without emotion there are no polarity columns to pick complaints by:
    the clusterer must see that, not analyse the text again."""
    off = tmp_path / "off.parquet"
    assert run("analyze", SAMPLE, "-o", off, "--no-emotion", "--no-signals",
               "--no-progress") == 0
    capsys.readouterr()
    assert run("cluster", off, "-o", tmp_path / "c.csv") == 0
    err = capsys.readouterr().err
    assert "kvetch: warning: no polarity or signal_* columns: every message counts" in err
    assert "6,000 complaints" in err


def test_an_overwritten_output_keeps_its_permissions(tmp_path):
    inp = write_input(tmp_path / "in.csv")
    out = tmp_path / "o.csv"
    out.write_text("old")
    out.chmod(0o600)
    assert run("analyze", inp, "-o", out, "--no-progress") == 0
    assert out.stat().st_mode & 0o777 == 0o600


def test_gz_output_is_compressed(tmp_path):
    import gzip

    inp = write_input(tmp_path / "in.csv")
    for ext in ("csv.gz", "jsonl.gz"):
        out = tmp_path / f"o.{ext}"
        assert run("analyze", inp, "-o", out, "--id-column", "id", "--no-progress") == 0
        with gzip.open(out, "rt") as f:
            body = f.read()
        assert "text_redacted" in body or '"text_redacted"' in body
        assert body.count("\n") >= len(ROWS)
        assert run("analyze", out, "-o", tmp_path / f"back.{ext}", "--text-column",
                   "text_redacted", "--no-progress") == 0


def test_cluster_reads_ill_formed_utf8_and_renames_clashing_columns(tmp_path):
    inp = tmp_path / "inv.csv"
    inp.write_bytes(b"id,cluster,text\n1,a,bad \xff\xfe bytes\n2,b,refund please\n")
    out = tmp_path / "c.csv"
    assert run("cluster", inp, "-o", out, "--id-column", "id", "--keep-columns", "cluster",
               "--all-messages", "--min-cluster-size", "1") == 0
    df = pd.read_csv(out, dtype=str)
    assert df.columns.tolist() == ["id", "input_cluster", "cluster", "is_complaint"]
    assert df["input_cluster"].tolist() == ["a", "b"]


def test_parquet_gz_output_is_refused(tmp_path):
    inp = write_input(tmp_path / "in.csv")
    assert run("analyze", inp, "-o", tmp_path / "o.parquet.gz", "--no-progress") == 65
    assert not (tmp_path / "o.parquet.gz").exists()


def test_cluster_applies_the_config_to_raw_text(tmp_path, capsys):
    """Custom PII patterns reach kvetch cluster's labels and representatives
    only through --config: with it, no member number is left in the table."""
    rows = [{"id": str(i), "text": f"my refund for member MBR{100000 + i} never arrived, "
             f"still waiting after {i % 5 + 2} weeks, terrible",
             "created_at": f"2026-03-{i % 28 + 1:02d}T10:00:00Z"} for i in range(40)]
    inp = write_input(tmp_path / "members.csv", rows)
    cfg = tmp_path / "kvetch.toml"
    cfg.write_text("[pii.custom]\nmember = 'MBR\\d{6}'\n")
    plain, redacted = tmp_path / "plain.csv", tmp_path / "redacted.csv"
    assert run("cluster", inp, "-o", plain, "--no-progress", "--min-cluster-size", "5") == 0
    assert run("cluster", inp, "-o", redacted, "--no-progress", "--min-cluster-size", "5",
               "--config", cfg, "--languages", "en,fr", "--n-threads", "1") == 0
    leaked = tmp_path / "plain_clusters.csv"
    assert "mbr1000" in leaked.read_text().lower()   # the test can fail
    table = (tmp_path / "redacted_clusters.csv").read_text()
    assert "CUSTOM:member" in table and "mbr1000" not in table.lower()
    assert len(pd.read_csv(redacted)) == 40
    bad = tmp_path / "bad.toml"
    bad.write_text("[pii.custom]\nx = '('\n")
    capsys.readouterr()
    assert run("cluster", inp, "-o", tmp_path / "x.csv", "--config", bad, "--no-progress") == 2
    assert "bad.toml" in capsys.readouterr().err


@pytest.mark.parametrize("name,data,line", [
    ("u.csv", b'id,text\n1,hello\n2,"oops\n3,world\n4,more\n', 3),
    ("u.csv", b'id,text\r\n1,"two\r\nlines"\r\n2,5" screen\r\n3,"oops\r\n4,x\r\n', 5),
    ("u.csv", b'id,text\r1,a\r2,"oops\r', 3),
    ("u.csv.gz", gzip.compress(b'id,text\n1,"say ""hi""\n2,b\n'), 2),
])
def test_unclosed_quote_in_csv_is_a_data_error_naming_its_line(tmp_path, capsys, name, data,
                                                               line):
    """An unclosed quote took in every row after it as one message, exit 0
    with a warning (and none when another bare quote made the count of
    quotes even, or the file was compressed)."""
    inp = tmp_path / name
    inp.write_bytes(data)
    assert run("analyze", inp, "-o", tmp_path / "q.jsonl", "--no-progress") == 65
    assert f"{name}: line {line}: a quoted value opens here and is never closed" in \
        capsys.readouterr().err
    assert not (tmp_path / "q.jsonl").exists()


@pytest.mark.parametrize("data,texts", [
    (b'id,text\n1,"say ""hi"", twice"\n2,fine\n', ['say "hi", twice', "fine"]),
    (b'id,text\n1,"two\nlines, ""quoted"""\n2,"a\r\nb"\n', ['two\nlines, "quoted"', "a\r\nb"]),
    (b'id,text\n1,5" screen\n2,"ok"x\n', ['5" screen', "okx"]),  # bare quotes: literal
    (b'\xef\xbb\xbf"id","text"\n1,"multi\nline"\n', ["multi\nline"]),
])
def test_closed_quotes_in_csv_are_read_as_before(tmp_path, data, texts):
    inp = tmp_path / "q.csv"
    inp.write_bytes(data)
    out = tmp_path / "q.parquet"
    assert run("analyze", inp, "-o", out, "--no-progress") == 0
    assert pd.read_parquet(out).text_redacted.tolist() == texts


def test_summary_counts_languages_outside_the_list(tmp_path, capsys):
    inp = tmp_path / "in.csv"
    inp.write_text('text\n"Hej, mitt paket har inte kommit än, jag har väntat i två veckor."\n'
                   '"Where is my refund?"\n', encoding="utf-8")
    assert run("analyze", inp, "-o", tmp_path / "out.csv", "--languages", "en,de") == 0
    err = capsys.readouterr().err
    assert "languages: en 1" in err and "outside --languages: sv 1" in err


def test_named_time_or_channel_column_that_is_missing_is_an_error(tmp_path, capsys):
    # The defaults (created_at, channel) are used when present; a column
    # the user names and the input lacks is an error, not a silent skip.
    src = tmp_path / "in.csv"
    pd.read_csv(SAMPLE).head(300).to_csv(src, index=False)
    assert run("cluster", src, "-o", tmp_path / "c.csv", "--time-column", "nope",
               "--no-progress") == 65
    assert "'nope'" in capsys.readouterr().err
    assert run("cluster", src, "-o", tmp_path / "c.csv", "--channel-column", "chanel",
               "--no-progress") == 65
    assert "'chanel'" in capsys.readouterr().err
    # The output of kvetch analyze too, and a default named explicitly.
    analyzed = tmp_path / "a.parquet"
    assert run("analyze", src, "-o", analyzed, "--keep-columns", "created_at",
               "--no-progress") == 0
    assert run("cluster", analyzed, "-o", tmp_path / "c.csv", "--time-column", "sent_at",
               "--no-progress") == 65
    assert run("cluster", analyzed, "-o", tmp_path / "c.csv", "--channel-column", "channel",
               "--no-progress") == 65
    assert run("cluster", analyzed, "-o", tmp_path / "c.csv", "--no-progress") == 0
    # kvetch report the same way (it went on without weekly views).
    capsys.readouterr()
    assert run("report", src, "-o", tmp_path / "r.html", "--time-column", "nope",
               "--no-progress") == 65
    assert "'nope' (--time-column)" in capsys.readouterr().err
    src.write_text(pd.read_csv(SAMPLE).head(300).drop(columns=["channel"]).to_csv(index=False))
    assert run("cluster", src, "-o", tmp_path / "c.csv", "--no-progress") == 0


def test_report_takes_languages_like_analyze(tmp_path, capsys):
    src = write_input(tmp_path / "in.csv", [
        {"text": "Hej, mitt paket har inte kommit än, jag har väntat i två veckor."},
        {"text": "Where is my parcel? It is two weeks late."}])
    out = tmp_path / "r.html"
    assert run("report", src, "-o", out, "--languages", "en,de", "--no-clusters",
               "--no-progress") == 0
    assert "Swedish (sv): 1 message" in out.read_text(encoding="utf-8")  # named outside the list
    assert run("report", src, "-o", out, "--languages", "xx", "--no-clusters",
               "--no-progress") == 2


@pytest.mark.parametrize("command", ["analyze", "cluster", "report"])
def test_languages_take_spaces_and_capitals_and_unknown_ones_list_the_codes(tmp_path, capsys,
                                                                           command):
    """--languages "en, fr" was "language ' fr' is not in /.../langid.kvm"
    (exit 2) where --keep-columns "a, b" was fine."""
    src = write_input(tmp_path / "in.csv")
    out = tmp_path / ("o.html" if command == "report" else "o.csv")
    extra = {"analyze": [], "cluster": ["--all-messages", "--min-cluster-size", "1"],
             "report": ["--no-clusters"]}[command]
    assert run(command, src, "-o", out, "--languages", " en, FR ,de", "--no-progress",
               *extra) == 0
    capsys.readouterr()
    assert run(command, src, "-o", out, "--languages", "en, xx", "--no-progress", *extra) == 2
    err = capsys.readouterr().err
    assert "--languages: no language 'xx'" in err and "de, el, en, eo, es" in err
    assert "langid.kvm" not in err


@pytest.mark.parametrize("command,output", [("analyze", "o.csv"), ("cluster", "o.csv"),
                                            ("report", "o.html")])
def test_every_command_words_its_errors_alike(tmp_path, capsys, command, output):
    """report and cluster printed "[Errno 2] No such file or directory:
    'nosuch.csv'" where analyze named the file; --n-threads 0 was
    "n_threads must be ...", the Python parameter, not the flag."""
    out = tmp_path / output
    assert run(command, tmp_path / "nosuch.csv", "-o", out, "--no-progress") == 74
    assert capsys.readouterr().err == \
        f"kvetch: {tmp_path / 'nosuch.csv'}: cannot read: No such file or directory\n"
    src = write_input(tmp_path / "in.csv")
    assert run(command, src, "-o", out, "--n-threads", "0", "--no-progress") == 2
    err = capsys.readouterr().err
    assert "--n-threads must be an int in 1 .. 1024, got 0" in err and "n_threads" not in err


def test_a_closed_output_pipe_stops_the_run_quietly(tmp_path):
    """A reader that closed stdout early got a success line and exit 0: a
    long write to a pipe whose reader went away wrote part of the chunk,
    dropped the rest and said nothing. Now: 141, as for SIGPIPE, and no
    summary."""
    inp = write_input(tmp_path / "in.jsonl", ROWS * 1000)
    proc = subprocess.Popen([sys.executable, "-m", "kvetch", "analyze", str(inp), "-o", "-",
                             "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert len(proc.stdout.read(10)) == 10
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, err
    assert "messages" not in err and "Traceback" not in err and "Exception" not in err


def test_output_through_a_symlink_replaces_its_target(tmp_path):
    """The link was replaced by a plain file, and its target left stale."""
    from kvetch.io import atomic_file
    inp = write_input(tmp_path / "in.csv")
    (tmp_path / "real.csv").write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to("real.csv")
    assert run("analyze", inp, "-o", link, "--no-progress") == 0
    assert link.is_symlink() and os.readlink(link) == "real.csv"
    assert len(pd.read_csv(tmp_path / "real.csv")) == len(ROWS)
    model_link = tmp_path / "model.kvc"
    model_link.symlink_to(tmp_path / "model-v2.kvc")  # a link to a file not yet written
    with atomic_file(model_link) as f:
        f.write(b"saved")
    assert model_link.is_symlink() and (tmp_path / "model-v2.kvc").read_bytes() == b"saved"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_flag_errors_beside_languages_and_folder_outputs(tmp_path, capsys):
    """Diff review: with --languages given, an --n-threads error printed
    "no language 'e', 'n' in the model" (the codes' characters); "," meant
    no restriction; an -o that is a folder (or a link to one) failed only
    after the whole analysis, naming a temporary file."""
    src = write_input(tmp_path / "in.csv")
    out = tmp_path / "o.csv"
    assert run("analyze", src, "-o", out, "--languages", "en", "--n-threads", "0") == 2
    err = capsys.readouterr().err
    assert "--n-threads must be" in err and "no language" not in err
    assert run("analyze", src, "-o", out, "--languages", ",", "--no-progress") == 2
    assert "--languages: no language code in ','" in capsys.readouterr().err
    folder = tmp_path / "folder"
    folder.mkdir()
    (tmp_path / "link.csv").symlink_to(folder)
    for target in (folder, tmp_path / "link.csv"):
        assert run("analyze", src, "-o", target, "--no-progress") == 74
        assert f"{target}: is a folder" in capsys.readouterr().err


def test_cluster_checks_every_output_before_any_work(tmp_path, capsys):
    """Second review: a cluster table or --save-model path that is a folder
    (or of unknown format) failed after -o was written, naming a temporary
    file; a failed run now writes nothing."""
    src = write_input(tmp_path / "in.csv")
    (tmp_path / "o_clusters.csv").mkdir()
    (tmp_path / "m.npz").mkdir()
    cases = [(["-o", tmp_path / "o.csv"], 74, "o_clusters.csv: is a folder"),
             (["-o", tmp_path / "p.csv", "--save-model", tmp_path / "m.npz"], 74,
              "m.npz: is a folder"),
             (["-o", "-", "--clusters", tmp_path / "folder"], 2, "unknown format")]
    for args, code, message in cases:
        assert run("cluster", src, *args, "--no-progress") == code
        captured = capsys.readouterr()
        assert message in captured.err and captured.out == ""
    assert not (tmp_path / "o.csv").exists() and not (tmp_path / "p.csv").exists()


def test_analysis_flags_on_analyzed_input_are_named_moot(tmp_path, capsys):
    """Second review: --languages xx on kvetch analyze output was silently
    ignored by cluster and report; it is named in a warning."""
    src = write_input(tmp_path / "in.csv")
    analysed = tmp_path / "a.csv"
    assert run("analyze", src, "-o", analysed, "--no-progress") == 0
    capsys.readouterr()
    for command, out, extra in (("cluster", "c.csv", ["--all-messages", "--min-cluster-size", "1",
                                                      "--text-column", "text_redacted"]),
                                ("report", "r.html", ["--no-clusters"])):
        assert run(command, analysed, "-o", tmp_path / out, "--languages", "xx",
                   "--no-progress", *extra) == 0
        assert "--languages has no effect" in capsys.readouterr().err


def test_jsonl_output_names_infinities_written_as_null(tmp_path, capsys):
    """JSON has no Infinity: JSON Lines output writes null, CSV inf, Parquet
    keeps it. The JSONL run now says so, once per column (left alone at
    stop 23: the formats differed in silence)."""
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"text": "hello", "score": NaN}\n{"text": "bad", "score": Infinity}\n'
                   '{"text": "ok", "score": 1.5}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("analyze", inp, "-o", out, "--keep-columns", "score", "--no-progress") == 0
    err = capsys.readouterr().err
    assert err.count("infinite values") == 1 and "'score'" in err
    assert pd.read_json(out, lines=True).score.tolist()[2] == 1.5
    assert pd.read_json(out, lines=True).score.isna().tolist() == [True, True, False]
    csv_out = tmp_path / "out.csv"
    assert run("analyze", inp, "-o", csv_out, "--keep-columns", "score", "--no-progress") == 0
    assert "infinite values" not in capsys.readouterr().err
    assert pd.read_csv(csv_out).score.tolist()[1] == float("inf")
