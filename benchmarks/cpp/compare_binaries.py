"""Speed of two builds of kvetch_benchmarks, head to head: each round runs
the old and the new binary back to back (order alternating) on the same
messages, and the median of the per-round time ratios is reported. This
host's speed drifts by up to 2x between minutes, so single runs of two
builds say little; paired rounds do.

    python3 benchmarks/cpp/compare_binaries.py --old OLD_BIN --new NEW_BIN \\
        --filter 'BM_AnalyzerFull|BM_PiiFindAndRedact' [--rounds 6] [--texts build/bench/messages.txt]

OLD_BIN: build an older commit apart, e.g.
    git worktree add /tmp/old REV
    cmake -S /tmp/old -B /tmp/old/build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release \\
        -DKVETCH_BUILD_BENCHMARKS=ON -DKVETCH_BUILD_TESTS=OFF
    cmake --build /tmp/old/build/bench   # -> /tmp/old/build/bench/benchmarks/cpp/kvetch_benchmarks
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import subprocess


def run(binary: str, pattern: str, texts: str, min_time: float) -> dict[str, float]:
    """Benchmark name -> real time per iteration (the binary's unit)."""
    out = subprocess.run([binary, f"--benchmark_filter={pattern}",
                          f"--benchmark_min_time={min_time}", "--benchmark_format=csv"],
                         env={**os.environ, "KVETCH_BENCH_TEXTS": texts},
                         capture_output=True, text=True, check=True).stdout
    rows = csv.DictReader(io.StringIO(out[out.index("name,"):]))
    return {r["name"]: float(r["real_time"]) for r in rows if r["real_time"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--filter", required=True, help="--benchmark_filter regex")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--texts", default="build/bench/messages.txt")
    ap.add_argument("--min-time", type=float, default=0.5)
    args = ap.parse_args()
    ratios: dict[str, list[float]] = {}
    for r in range(args.rounds):
        order = [args.old, args.new] if r % 2 == 0 else [args.new, args.old]
        got = {b: run(b, args.filter, args.texts, args.min_time) for b in order}
        for name in got[args.new].keys() & got[args.old].keys():
            ratios.setdefault(name, []).append(got[args.old][name] / got[args.new][name])
    for name in sorted(ratios):
        rs = ratios[name]
        print(f"{name:40s} new is {statistics.median(rs):.2f}x the old speed "
              f"(median of {len(rs)} rounds, {min(rs):.2f}-{max(rs):.2f})")


if __name__ == "__main__":
    main()
