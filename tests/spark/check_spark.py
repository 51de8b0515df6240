"""Runs the README's Spark block on a local Spark (``local[2]``) and checks
that every value equals one in-process ``Analyzer.analyze`` call.

Not part of ``make test``: Spark needs a JVM and pyspark (about 450 MB).
In an environment with pyspark, pandas, pyarrow and kvetch installed:

    PYSPARK_PYTHON=$(which python) python tests/spark/check_spark.py

Exit status 0 when every row and column match, 1 otherwise.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_spark_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Scaling out: Dask and Spark", 1)[1]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    return next(b for b in blocks if "mapInArrow" in b)


def same(a, b) -> bool:
    a = a.astype(object).where(a.notna(), None)
    b = b.astype(object).where(b.notna(), None)
    return a.reset_index(drop=True).equals(b.reset_index(drop=True))


def main() -> int:
    from pyspark.sql import SparkSession

    import kvetch

    SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
    env: dict = {"__name__": "readme"}
    start = time.perf_counter()
    exec(compile(readme_spark_block().replace("corpora/", f"{ROOT}/corpora/"),
                 "README.md", "exec"), env)
    scored = env["scored"]
    got = scored.toPandas().sort_values("ticket_id", ignore_index=True)
    seconds = time.perf_counter() - start
    tickets = env["tickets"].toPandas().sort_values("ticket_id", ignore_index=True)
    want = kvetch.Analyzer(n_threads=2).analyze(tickets["text"]).to_pandas()
    bad = [c for c in want.columns if not same(got[c], want[c])]
    print(f"{len(got):,} rows, {len(want.columns)} result columns, "
          f"{scored.rdd.getNumPartitions()} partitions, {seconds:.1f} s; "
          f"pyspark {sys.modules['pyspark'].__version__}, kvetch {kvetch.__version__}")
    if len(got) != len(want) or bad:
        print(f"MISMATCH: rows {len(got)} vs {len(want)}; columns {bad}")
        return 1
    print("every value matches the in-process call")
    return 0


if __name__ == "__main__":
    sys.exit(main())
