"""Bundled model files written again with some sections changed, for the
tests of model-file errors."""

from __future__ import annotations

import sys
from pathlib import Path

import kvetch
from kvetch.models import bundled_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "models"))
import kvm  # noqa: E402


def rewritten(kind: str, path: Path, change) -> Path:
    """Writes the bundled ``kind`` model ("langid", "emotion", ...) to
    ``path`` after ``change(sections)`` edits its sections in place."""
    name, version, data_hash, sections = kvm.read(bundled_model(kind))
    change(sections)
    kvm.write(str(path), name, version, data_hash, sections,
              checksum=lambda b: kvetch._core.fnv1a64(b))
    return path
