"""Every notebook in notebooks/ runs top to bottom on the bundled sample
archive, and is committed with its outputs and in step with the cells in
notebooks/build_notebooks.py (which writes them)."""

import importlib.util
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def _builder():
    spec = importlib.util.spec_from_file_location("build_notebooks", NOTEBOOKS / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_notebook_is_built_by_the_script():
    assert {p.name for p in PATHS} == set(_builder().NOTEBOOKS)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_committed_with_outputs_and_in_step(path):
    nb = nbformat.read(path, as_version=4)
    cells = _builder().NOTEBOOKS[path.name]
    assert [c.source for c in nb.cells] == [c.source for c in cells]
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None and c.outputs for c in code), \
        f"{path.name}: run notebooks/build_notebooks.py to store its outputs"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_runs_top_to_bottom(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code)
