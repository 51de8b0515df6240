"""kvetch inside Dask: pickled Analyzers in worker processes give the same
results as one in-process call, and the README's Dask block runs."""

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import kvetch

dd = pytest.importorskip("dask.dataframe")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample_tickets.csv"


def analyze_partition(analyzer, part):
    return part.join(analyzer.analyze(part["text"], progress=False).to_pandas())


def test_worker_processes_match_one_in_process_call():
    df = pd.read_csv(SAMPLE, nrows=1500)
    df.loc[[3, 700], "text"] = None  # null rows travel too
    analyzer = kvetch.Analyzer(n_threads=1)
    scored = dd.from_pandas(df, npartitions=5).map_partitions(
        lambda part: analyze_partition(analyzer, part))
    got = scored.compute(scheduler="processes", num_workers=2)
    want = analyze_partition(kvetch.Analyzer(n_threads=2), df)
    assert got.index.tolist() == want.index.tolist()
    assert got.columns.tolist() == want.columns.tolist()
    for column in want.columns:
        # Dask stores strings as Arrow strings (missing: pd.NA) and
        # categories per partition: compare the values.
        a, b = (s.astype(object).where(s.notna(), None) for s in (got[column], want[column]))
        assert a.equals(b), column
    assert got.loc[[3, 700], "status"].tolist() == ["null", "null"]


def test_readme_dask_block_runs(tmp_path):
    # Saved and run as a script, as a user would: Dask's process workers
    # import the script again, so the block must guard its main part.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Scaling out: Dask and Spark", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert "map_partitions" in code and 'scheduler="processes"' in code
    script = tmp_path / "dask_example.py"
    script.write_text(code, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    printed = proc.stdout
    for channel in ("app_review", "chat", "email", "social"):
        assert channel in printed
    assert "nes" in printed
