"""Speed of two installs of the kvetch package, head to head: each round
times `Analyzer.analyze` on the sample archive (scaled to --rows) with the
old and the new package in fresh processes, back to back (order
alternating), and reports the median of the per-round ratios.

    .venv/bin/python benchmarks/python/compare_packages.py --old-path /tmp/oldpkg \\
        [--rows 200000] [--threads 1] [--rounds 4] [--corpus sample|scale]

--corpus scale: bench_cluster.scale_corpus(rows, seed=5) instead, varied
text (CLINC150, Bitext and the sample archive, resampled and perturbed;
needs ../shared), after a warm-up on two short messages only, so that what
the first large batch costs (lazily built DFAs) is counted.

--old-path: a folder holding an older kvetch, e.g.
    git worktree add /tmp/old REV
    .venv/bin/pip install --no-deps --no-build-isolation --target /tmp/oldpkg /tmp/old
The new package is the one this Python imports.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "sample_tickets.csv"
WORKER = r"""
import json, sys, time
import pandas as pd, kvetch
rows, threads, source = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
if source == "scale":
    sys.path.insert(0, sys.argv[4])
    from bench_cluster import scale_corpus
    texts, warm = scale_corpus(rows, seed=5), ["warm-up one", "warm-up two"]
else:
    texts = pd.read_csv(source).text.astype(str).tolist()
    texts = (texts * (rows // len(texts) + 1))[:rows]
    warm = texts[:2000]
a = kvetch.Analyzer(n_threads=threads)
a.analyze(warm, progress=False)
t = time.perf_counter()
a.analyze(texts, progress=False)
print(json.dumps({"seconds": time.perf_counter() - t, "from": kvetch.__file__}))
"""


def timed(old_path: str | None, rows: int, threads: int, corpus: str) -> dict:
    env = dict(os.environ)
    if old_path:
        env["PYTHONPATH"] = old_path
    source = "scale" if corpus == "scale" else str(SAMPLE)
    out = subprocess.run([sys.executable, "-c", WORKER, str(rows), str(threads), source,
                          str(Path(__file__).resolve().parent)],
                         env=env, cwd="/", capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old-path", required=True)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--corpus", choices=["sample", "scale"], default="sample")
    args = ap.parse_args()
    seconds: dict[str, list[float]] = {"old": [], "new": []}
    for r in range(args.rounds):
        for which in (["old", "new"] if r % 2 == 0 else ["new", "old"]):
            got = timed(args.old_path if which == "old" else None, args.rows, args.threads,
                        args.corpus)
            if r == 0:
                print(f"{which}: {got['from']}")
            seconds[which].append(got["seconds"])
    ratios = [o / n for o, n in zip(seconds["old"], seconds["new"])]
    print(f"{args.corpus}, {args.rows:,} rows, {args.threads} thread(s): old {seconds['old']} s, "
          f"new {seconds['new']} s; new is {statistics.median(ratios):.2f}x the old speed "
          f"(median of {args.rounds} rounds)")


if __name__ == "__main__":
    main()
