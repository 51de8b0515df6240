"""kvetch inside Dask: pickled Analyzers in worker processes give the same
results as one in-process call, and the README's Dask block runs."""

import contextlib
import io
import re
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


def test_readme_dask_block_runs(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Scaling out: Dask and Spark", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert "map_partitions" in code and 'scheduler="processes"' in code
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    printed = out.getvalue()
    for channel in ("app_review", "chat", "email", "social"):
        assert channel in printed
    assert "nes" in printed
