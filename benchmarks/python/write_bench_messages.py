"""Writes the sample archive's messages one per line (newlines inside a
message become spaces) for the C++ benchmarks (KVETCH_BENCH_TEXTS)."""

import csv
import sys
from pathlib import Path

src = Path(__file__).resolve().parents[2] / "corpora" / "sample_tickets.csv"
out = Path(sys.argv[1])
out.parent.mkdir(parents=True, exist_ok=True)
with open(src, newline="", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
    for row in csv.DictReader(f):
        o.write(row["text"].replace("\r", " ").replace("\n", " ") + "\n")
