"""The README's Python quickstart runs as written."""

import contextlib
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_quickstart_runs(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    printed = out.getvalue()
    assert "'custom':" in printed and "text_redacted" in printed
    assert "coverage" in printed and "ci_low" in printed  # kvetch.nes by channel and week


def test_report_module_after_a_plain_import():
    """The README names ``kvetch.report.build_report``: it must work after
    ``import kvetch`` alone, in a fresh process (review finding 17)."""
    import subprocess
    import sys

    code = ("import sys, kvetch; assert 'kvetch.report' not in sys.modules; "
            "print(kvetch.report.build_report.__name__)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "build_report"
