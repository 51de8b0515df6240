"""The one kvetch exception hierarchy.

Every error kvetch raises on purpose is a :class:`kvetch.Error`. Each subclass
also derives from the matching builtin, so ``except ValueError`` still works::

    try:
        kvetch.Analyzer(pii_patterns={"order": "ORD-("})
    except kvetch.PatternError as e:   # also a ConfigError and a ValueError
        print(e)   # custom PII pattern 'order' (ORD-(): missing ): ORD-(

The C++ core reports failures as a Status; the bindings map each status code
to one of these classes (bindings/python/src/bind_errors.cc). A problem with
one message is never an exception: it is that row's ``status``.
"""

from __future__ import annotations

__all__ = [
    "Error",
    "ConfigError",
    "PatternError",
    "ModelError",
    "InputError",
    "KvetchIOError",
]


class Error(Exception):
    """Base class of every error kvetch raises on purpose."""


class ConfigError(Error, ValueError):
    """An option or a configuration file is wrong; the message names it."""


class PatternError(ConfigError):
    """A user-supplied regular expression was rejected by RE2."""


class ModelError(Error, ValueError):
    """A model file is missing, truncated, corrupt or of the wrong kind."""


class InputError(Error, TypeError):
    """Input of a kind kvetch cannot read (e.g. a DataFrame, not a column),
    or input data that is unusable as a whole (e.g. a missing column)."""


class KvetchIOError(Error, OSError):
    """A file could not be read or written."""
