"""Where the bundled models live: inside the installed package, in
``kvetch/models/`` (installed from the project's ``models/`` folder)."""

from __future__ import annotations

from pathlib import Path

from .errors import ModelError

_FILES = {"langid": "langid.kvm", "emotion": "emotion.kvm", "signals": "signals/rules.tsv",
          "embed": "embed.kvm"}


def bundled_model(kind: str) -> Path:
    """The path of the bundled model of ``kind`` ("langid", "emotion", "embed", or
    "signals": the signal rule packs)."""
    path = Path(__file__).resolve().parent / "models" / _FILES[kind]
    if not path.exists():
        raise ModelError(f"{path}: bundled {kind} model is missing; reinstall kvetch "
                         "(pip install .) or pass a model path")
    return path


def is_bundled(path: str | None, kind: str) -> bool:
    """Whether ``path`` names this installation's bundled model of ``kind``.
    Pickles store such a path as "the bundled one", so that a worker whose
    kvetch lives elsewhere (another venv, another machine) loads its own."""
    if not path:
        return False
    own = Path(__file__).resolve().parent / "models" / _FILES[kind]
    try:
        return Path(path).resolve() == own
    except OSError:
        return False
