"""kvetch: voice-of-customer text analytics with a multithreaded C++ core.

    >>> import kvetch
    >>> result = kvetch.Analyzer().analyze(["Where is my refund??", "merci !"])
    >>> result.to_pandas()

See README.md for the tour, HACKING.md for the architecture.
"""

from __future__ import annotations

# errors first: the extension looks its exception classes up in kvetch.errors.
from .errors import ConfigError, Error, InputError, KvetchIOError, ModelError, PatternError
from . import _core
from .analyzer import Analyzer
from .langid import LanguageDetector
from .emotion import EmotionScorer
from .nes import nes
from .routing import Router
from .result import Result
from .config import load_config
from .signals import SIGNALS, explain_signals
from .cluster import ComplaintClusterer
from ._time import AmbiguousDateWarning

__version__: str = _core.__version__


def __getattr__(name: str):
    """``kvetch.report`` on first use: it imports Jinja2 and plotly, which a
    batch job that never writes a report should not pay for."""
    if name == "report":
        import importlib

        return importlib.import_module(".report", __name__)
    raise AttributeError(f"module 'kvetch' has no attribute {name!r}")


def build_info() -> dict[str, str]:
    """Versions of kvetch and the C++ libraries it was built with."""
    return dict(_core.build_info())


__all__ = [
    "Analyzer",
    "ComplaintClusterer",
    "AmbiguousDateWarning",
    "LanguageDetector",
    "EmotionScorer",
    "nes",
    "Router",
    "Result",
    "Error",
    "ConfigError",
    "PatternError",
    "ModelError",
    "InputError",
    "KvetchIOError",
    "build_info",
    "load_config",
    "SIGNALS",
    "explain_signals",
    "__version__",
]
