"""Reading kvetch configuration files (TOML).

A configuration file may hold a ``[pii]`` table::

    [pii]
    types = ["email", "phone", "card", "iban", "ip", "url"]   # default: all

    [pii.custom]                     # name = RE2 pattern
    order_id = 'ORD-[0-9]{6}'
    employee = 'EMP\\d{5}'

Errors raise :class:`kvetch.ConfigError` naming the file, the key and, for
TOML syntax errors, the line.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_KNOWN_TOP = {"pii"}
_KNOWN_PII = {"types", "custom"}


def load_config(path: str | os.PathLike) -> dict[str, Any]:
    """The parsed and checked configuration in ``path``.

    Returns ``{"pii_types": [...] or None, "pii_patterns": {name: pattern}}``.
    """
    path = os.fspath(path)
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    return _check(path, data)


def _check(path: str, data: dict[str, Any]) -> dict[str, Any]:
    for key in data:
        if key not in _KNOWN_TOP:
            raise ConfigError(f"{path}: unknown table [{key}] (known: pii)")
    pii = data.get("pii", {})
    if not isinstance(pii, dict):
        raise ConfigError(f"{path}: 'pii' must be a table")
    for key in pii:
        if key not in _KNOWN_PII:
            raise ConfigError(f"{path}: unknown key pii.{key} (known: types, custom)")
    types = pii.get("types")
    if types is not None and not (
            isinstance(types, list) and all(isinstance(t, str) for t in types)):
        raise ConfigError(f"{path}: pii.types must be a list of strings")
    custom = pii.get("custom", {})
    if not isinstance(custom, dict):
        raise ConfigError(f"{path}: [pii.custom] must be a table of name = 'pattern'")
    for name, pattern in custom.items():
        if not isinstance(pattern, str):
            raise ConfigError(f"{path}: pii.custom.{name} must be a string pattern")
    return {"pii_types": types, "pii_patterns": dict(custom)}
