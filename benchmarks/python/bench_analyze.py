"""End-to-end throughput of kvetch.Analyzer.analyze and of `kvetch analyze`
on the sample archive scaled up, with peak memory.

Each configuration runs in a fresh subprocess so its peak RSS is its own.

    .venv/bin/python benchmarks/python/bench_analyze.py \
        [--rows 100000,1000000] [--threads 1,2] [--cli-rows 100000,1000000]

Prints one markdown table for analyze() and one for the CLI.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample_tickets.csv"

WORKER = r"""
import json, resource, sys, time
import pandas as pd, kvetch
rows, threads, sample = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
texts = pd.read_csv(sample).text.astype(str).tolist()
texts = (texts * (rows // len(texts) + 1))[:rows]
mb = sum(len(t.encode()) for t in texts) / 1e6
a = kvetch.Analyzer(n_threads=threads)
a.analyze(texts[:2000])  # warm-up: ICU data, RE2 DFA caches
t0 = time.perf_counter()
r = a.analyze(texts, progress=False)
dt = time.perf_counter() - t0
assert len(r) == rows and (r.to_pandas().status != "null").all()
print(json.dumps({"rows": rows, "threads": threads, "seconds": dt, "mb": mb,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_child(argv: list[str]) -> tuple[subprocess.CompletedProcess, float, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed: {err.decode()[-2000:]}")
    return subprocess.CompletedProcess(argv, 0, out, err), elapsed, usage.ru_maxrss / 1024


def bench_api(rows_list, threads_list):
    print("\n### `Analyzer.analyze` (list of str in memory)\n")
    print("| rows | threads | seconds | messages/s | MB/s | peak RSS MB | speed-up |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for rows in rows_list:
        base = None
        for threads in threads_list:
            cp, _, _ = run_child([sys.executable, "-c", WORKER, str(rows), str(threads), str(SAMPLE)])
            r = json.loads(cp.stdout)
            rate = r["rows"] / r["seconds"]
            base = base or rate
            print(f"| {rows:,} | {threads} | {r['seconds']:.2f} | {rate:,.0f} | {r['mb'] / r['seconds']:.1f} "
                  f"| {r['rss_mb']:.0f} | {rate / base:.2f}x |")


ARCHIVE_WRITER = r"""
import sys, pandas as pd
rows, sample, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
df = pd.read_csv(sample)
big = pd.concat([df] * (rows // len(df) + 1), ignore_index=True).iloc[:rows]
big["ticket_id"] = [f"T-{i:08d}" for i in range(rows)]
big.to_csv(path, index=False)
"""


def write_archive(rows: int, folder: Path) -> Path:
    # In a child process: a parent holding the big DataFrame would inflate the
    # CLI's measured peak RSS (ru_maxrss counts the forked image before exec).
    path = folder / f"archive_{rows}.csv"
    subprocess.run([sys.executable, "-c", ARCHIVE_WRITER, str(rows), str(SAMPLE), str(path)],
                   check=True)
    return path


def bench_cli(rows_list, threads_list):
    kvetch_bin = Path(sys.executable).with_name("kvetch")
    print("\n### `kvetch analyze archive.csv -o out.parquet` (streaming, 50,000-row chunks)\n")
    print("| rows | input MB | threads | seconds | messages/s | MB/s | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in rows_list:
            path = write_archive(rows, Path(tmp))
            mb = path.stat().st_size / 1e6
            for threads in threads_list:
                out = Path(tmp) / "out.parquet"
                _, elapsed, rss = run_child([str(kvetch_bin), "analyze", str(path), "-o", str(out),
                                             "--id-column", "ticket_id", "--keep-columns", "created_at,channel",
                                             "--n-threads", str(threads), "--no-progress"])
                import pyarrow.parquet as pq
                assert pq.ParquetFile(out).metadata.num_rows == rows
                print(f"| {rows:,} | {mb:.0f} | {threads} | {elapsed:.2f} | {rows / elapsed:,.0f} "
                      f"| {mb / elapsed:.1f} | {rss:.0f} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="100000,1000000")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--cli-rows", default="100000,1000000,2000000")
    args = ap.parse_args()
    if not SAMPLE.exists():
        raise SystemExit(f"{SAMPLE} missing: run corpora/make_sample_archive.py")
    parse = lambda s: [int(x) for x in s.split(",") if x]
    print(f"machine: {os.cpu_count()} CPUs; sample: {SAMPLE.name}")
    bench_api(parse(args.rows), parse(args.threads))
    bench_cli(parse(args.cli_rows), parse(args.threads))


if __name__ == "__main__":
    main()
