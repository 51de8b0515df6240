"""Reading kvetch configuration files (TOML).

A configuration file may hold a ``[pii]`` table::

    [pii]
    types = ["email", "phone", "card", "iban", "ip", "url"]   # default: all

    [pii.custom]                     # name = RE2 pattern
    order_id = 'ORD-[0-9]{6}'
    employee = 'EMP\\d{5}'

and a ``[signals]`` table (customer-service signals, see kvetch/signals.h)::

    [signals]
    builtin = true                   # the bundled rule packs (default: true)
    languages = ["en", "fr"]         # packs to load (default: all)

    [[signals.rules]]                # as many as you like
    signal = "churn"                 # effort, churn, urgency, escalation, negation,
                                     # or !churn (...) for an exception
    lang = "en"                      # optional (ISO 639-1): this language's negation
                                     # cues are loaded for the rule even when its
                                     # pack is not (no lang: every language's); the
                                     # rule runs on every message, whatever language
                                     # was detected
    pattern = '\bport(ing)? my number\b'   # RE2, matched case-insensitively

Errors raise :class:`kvetch.ConfigError` naming the file, the key and, for
TOML syntax errors, the line; a pattern RE2 rejects raises
:class:`kvetch.PatternError` naming the file, the rule and RE2's reason
(when the Analyzer is built).
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from typing import Any

import numpy as np

from .errors import ConfigError
from .schema import PII_TYPES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_KNOWN_TOP = {"pii", "signals"}
_KNOWN_PII = ("types", "custom")
_LANG_CODE = re.compile(r"[a-z]{2}")  # a rule's lang, as the rule packs spell them
_KNOWN_SIGNALS = ("builtin", "languages", "rules")
_KNOWN_RULE = {"signal", "lang", "pattern", "comment"}
#: What a rule's ``signal`` may be: a result signal, or a negation cue.
SIGNAL_KINDS = ("effort", "churn", "urgency", "escalation", "negation",
                "!effort", "!churn", "!urgency", "!escalation")


#: More threads than this is a mistake, not a machine.
MAX_THREADS = 1024


def check_int(name: str, value: Any, lo: int, hi: int | None = None,
              allow_none: bool = False) -> int | None:
    """``value`` as an int in lo .. hi (any integer type, numpy's too; not
    bool), or None when ``allow_none``; otherwise a ConfigError naming the
    option."""
    if value is None and allow_none:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or \
            value < lo or (hi is not None and value > hi):
        bound = f"in {lo} .. {hi}" if hi is not None else f">= {lo}"
        raise ConfigError(f"{name} must be an int {bound}{' or None' if allow_none else ''}, "
                          f"got {value!r}")
    return int(value)


def check_float(name: str, value: Any, lo: float, hi: float, open_ends: bool = False) -> float:
    """``value`` as a float in [lo, hi] ((lo, hi) with ``open_ends``; any
    real number type, not bool or str); otherwise a ConfigError naming the
    option."""
    ok = isinstance(value, (int, float, np.integer, np.floating)) and \
        not isinstance(value, (bool, np.bool_))
    if ok:
        v = float(value)
        ok = lo < v < hi if open_ends else lo <= v <= hi
    if not ok:
        span = f"({lo:g}, {hi:g})" if open_ends else f"[{lo:g}, {hi:g}]"
        raise ConfigError(f"{name} must be a number in {span}, got {value!r}")
    return float(value)


def check_path(value: Any, name: str) -> str:
    """``value`` (str or os.PathLike) as a str; a ConfigError naming the
    option otherwise."""
    try:
        return os.fspath(value)
    except TypeError:
        raise ConfigError(f"{name} must be a file path (str or os.PathLike), "
                          f"got {value!r}") from None


def check_utf8(value: str, where: str) -> str:
    """``value`` if it encodes as UTF-8; a ConfigError naming ``where`` and
    the position of the first lone surrogate otherwise (``"\\ud800"`` is a
    Python str that no C++ string can hold)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ConfigError(f"{where}: lone surrogate {value[e.start]!r} at position {e.start}; "
                          "only valid Unicode text is accepted") from None
    return value


def check_patterns(patterns: Any, where: str) -> dict[str, str]:
    """``patterns`` as ``{name: RE2 pattern}``, names and patterns non-empty
    valid text; RE2 checks the syntax later."""
    if not isinstance(patterns, dict):
        raise ConfigError(f"{where} must be a dict {{name: pattern}}, got {type(patterns).__name__}")
    for name, pattern in patterns.items():
        if not (isinstance(name, str) and name and isinstance(pattern, str) and pattern):
            raise ConfigError(f"{where}: {name!r}: {pattern!r}: names and patterns must be "
                              "non-empty strings")
        check_utf8(name, f"{where} name {name!r}")
        check_utf8(pattern, f"{where}[{name!r}]")
    return dict(patterns)


def load_config(path: str | os.PathLike) -> dict[str, Any]:
    """The parsed and checked configuration in ``path``.

    Returns ``{"pii_types": [...] or None, "pii_patterns": {name: pattern},
    "signals_builtin": bool or None, "signal_languages": [...] or None,
    "signal_rules": [(signal, lang, pattern, source), ...]}``.
    """
    path = check_path(path, "config")
    data, _ = read_toml(path, "configuration")
    return _check(path, data)


def read_toml(path: str, what: str) -> tuple[dict[str, Any], str]:
    """The parsed TOML file at ``path`` and its text (a UTF-8 byte order
    mark dropped); any failure is a ConfigError naming the file, with
    ``what`` ("configuration", "routing") saying which file it is."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} file not found") from None
    except (IsADirectoryError, PermissionError) as e:
        raise ConfigError(f"{path}: cannot read the {what} file: {e.strerror}") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
        return tomllib.loads(text), text
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None


def _check(path: str, data: dict[str, Any]) -> dict[str, Any]:
    for key in data:
        if key not in _KNOWN_TOP:
            what = f"table [{key}]" if isinstance(data[key], dict) else f"key '{key}'"
            raise ConfigError(f"{path}: unknown {what} (a config file has the tables "
                              "[pii] and [signals] only; options such as n_threads are "
                              "arguments)")
    pii = _table(path, data, "pii", _KNOWN_PII)
    types = _strings(path, pii, "pii.types")
    builtin = PII_TYPES[:-1]  # "custom" is [pii.custom], not a type to pick
    unknown = [t for t in types or [] if t not in builtin]
    if unknown:
        raise ConfigError(f"{path}: pii.types: unknown {', '.join(map(repr, unknown))} "
                          f"(known: {', '.join(builtin)})")
    custom = pii.get("custom", {})
    if not isinstance(custom, dict):
        raise ConfigError(f"{path}: [pii.custom] must be a table of name = 'pattern'")
    for name, pattern in custom.items():
        if not isinstance(pattern, str):
            raise ConfigError(f"{path}: pii.custom.{name} must be a string pattern")
        if not re.fullmatch(r"[A-Za-z0-9_]{1,64}", name):
            raise ConfigError(f"{path}: pii.custom: name {name!r} must be 1-64 of "
                              "[A-Za-z0-9_] (it becomes the <CUSTOM:name> placeholder)")
    return {"pii_types": types, "pii_patterns": dict(custom), **_check_signals(path, data)}


def _table(path: str, data: dict[str, Any], name: str, known) -> dict[str, Any]:
    """data[name] (empty if absent), checked to be a table of known keys."""
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: '{name}' must be a table")
    for key in table:
        if key not in known:
            raise ConfigError(f"{path}: unknown key {name}.{key} (known: {', '.join(known)})")
    return table


def _strings(path: str, table: dict[str, Any], dotted: str) -> list[str] | None:
    """table's value for the last part of ``dotted``: None or a list of str."""
    value = table.get(dotted.rsplit(".", 1)[1])
    if value is not None and not (isinstance(value, list) and all(isinstance(x, str) for x in value)):
        raise ConfigError(f"{path}: {dotted} must be a list of strings")
    return value


def _check_signals(path: str, data: dict[str, Any]) -> dict[str, Any]:
    sig = _table(path, data, "signals", _KNOWN_SIGNALS)
    builtin = sig.get("builtin")
    if builtin is not None and not isinstance(builtin, bool):
        raise ConfigError(f"{path}: signals.builtin must be true or false")
    languages = _strings(path, sig, "signals.languages")
    rules = sig.get("rules", [])
    if not isinstance(rules, list):
        raise ConfigError(f"{path}: signals.rules must be an array of tables ([[signals.rules]])")
    checked = [check_signal_rule(rule, f"signals.rules[{i}]", prefix=f"{path}: ")
               for i, rule in enumerate(rules)]
    return {"signals_builtin": builtin, "signal_languages": languages, "signal_rules": checked}


def check_signal_rule(rule: Any, source: str, prefix: str = "") -> tuple[str, str, str, str]:
    """``rule`` (a mapping with signal, pattern and optionally lang) as the
    (signal, lang, pattern, source) tuple the core takes; ConfigError naming
    ``source`` when a field is missing or wrong. RE2 checks the pattern later."""
    where = f"{prefix}{source}"
    if not isinstance(rule, dict):
        raise ConfigError(f"{where}: must be a table with signal and pattern")
    for key in rule:
        if key not in _KNOWN_RULE:
            raise ConfigError(f"{where}: unknown key '{key}' (known: signal, lang, pattern, comment)")
    signal, pattern, lang = rule.get("signal"), rule.get("pattern"), rule.get("lang", "")
    if signal not in SIGNAL_KINDS:
        raise ConfigError(f"{where}: signal must be one of {', '.join(SIGNAL_KINDS)}, got {signal!r}")
    if not isinstance(pattern, str) or not pattern:
        raise ConfigError(f"{where}: pattern must be a non-empty string")
    if not isinstance(lang, str) or (lang and not _LANG_CODE.fullmatch(lang)):
        raise ConfigError(f"{where}: lang must be an ISO 639-1 code such as 'en', got {lang!r}")
    check_utf8(pattern, f"{where}.pattern")
    _check_folded(pattern, f"{where}.pattern")
    return (signal, check_utf8(lang, f"{where}.lang"), pattern, source)


def _nfkc_casefold(text: str) -> str:
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _check_folded(pattern: str, where: str) -> None:
    """Rules run on NFKC + case-folded text, case-insensitively: a letter
    that folding turns into something else ("ß" -> "ss", "ﬁ" -> "fi",
    full-width "Ａ" -> "a", a decomposed "é") is never in that text, so a
    pattern holding one could never match. ConfigError naming the letter and
    its folded spelling."""
    for ch in pattern:
        folded = _nfkc_casefold(ch)
        if folded != ch and (len(folded) != 1 or folded.upper() != ch.upper()):
            raise ConfigError(f"{where}: {ch!r} never occurs in the text rules read (NFKC, "
                              f"case-folded); write {folded!r}")
    if "".join(map(_nfkc_casefold, pattern)) != _nfkc_casefold(pattern):
        raise ConfigError(f"{where}: write the pattern in composed (NFKC) form, as "
                          f"{_nfkc_casefold(pattern)!r}: rules read NFKC text")
