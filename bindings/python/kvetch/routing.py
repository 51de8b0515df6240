"""Routing messages to the support queue that speaks their language, or to
translation.

A routing file (TOML)::

    default_queue = "global"    # where messages with no detected language go
                                # (default: the pivot's queue)
    pivot = "en"                # the language to translate into when no
                                # queue speaks the message's language

    [queues.global]
    languages = ["en"]
    [queues.france]
    languages = ["fr"]
    [queues.iberia]
    languages = ["es", "pt", "ca"]

Per message: a queue that speaks ``lang`` (the first in the file) gets it,
no translation; otherwise the queue that speaks the pivot gets it with
``needs_translation`` true and ``translate_to`` the pivot. A message in a
language outside the detector's ``languages=`` list has no ``lang`` but
names that language in ``lang_alt`` (Swedish or Japanese under
``languages=["en", "fr"]``): it is routed as that language, to a queue
that speaks it or else to translation. With no language at all it goes to
``default_queue``, no translation, unless its letters are in a script
other than Latin: then it is routed like a language no queue speaks, to
the pivot's queue with ``needs_translation`` true. Errors name the file,
the key and its line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from .config import read_toml
from .errors import ConfigError


@dataclass(frozen=True)
class Router:
    """Queues (name -> languages spoken), a pivot language and a default
    queue. Immutable; build with :meth:`from_toml` or directly."""

    queues: dict[str, list[str]] = field(default_factory=dict)
    pivot: str = "en"
    default_queue: str = ""
    source: str = "<routing>"

    def __post_init__(self):
        if self.default_queue == "" and isinstance(self.queues, dict):
            # No default queue given: the pivot language's queue.
            spoken = [n for n, langs in self.queues.items()
                      if isinstance(langs, (list, tuple)) and self.pivot in langs]
            if spoken:
                object.__setattr__(self, "default_queue", spoken[0])
        if self.source != "<routing>":
            _check(self)  # from_toml adds the line of the key at fault
            return
        try:
            _check(self)
        except _KeyError as e:
            raise ConfigError(str(e)) from None

    @classmethod
    def from_toml(cls, path: str | os.PathLike) -> "Router":
        path = os.fspath(path)
        data, text = read_toml(path, "routing")
        unknown = set(data) - {"default_queue", "pivot", "queues"}
        if unknown:
            key = sorted(unknown)[0]
            raise ConfigError(f"{path}:{_line(text, key)}: unknown key '{key}' "
                              "(known: default_queue, pivot, queues)")
        if not isinstance(data.get("queues", {}), dict):
            raise ConfigError(f"{path}:{_line(text, 'queues')}: queues must be tables: "
                              "[queues.NAME] with languages = [...]")
        queues = {}
        for name, spec in (data.get("queues") or {}).items():
            extra = sorted(set(spec) - {"languages"}) if isinstance(spec, dict) else []
            if extra:
                raise ConfigError(f"{path}:{_line(text, extra[0])}: unknown key "
                                  f"'{extra[0]}' in queues.{name} (known: languages)")
            langs = spec.get("languages") if isinstance(spec, dict) else None
            if not (isinstance(langs, list) and all(isinstance(x, str) for x in langs)):
                raise ConfigError(f"{path}:{_line(text, name)}: queues.{name}.languages "
                                  "must be a list of language codes")
            queues[name] = list(langs)
        try:
            return cls(queues=queues, pivot=data.get("pivot", "en"),
                       default_queue=data.get("default_queue", ""), source=path)
        except _KeyError as e:
            raise ConfigError(f"{path}:{_line(text, e.key)}: {e}") from None

    def queue_of(self, lang: str | None) -> tuple[str, bool, str | None]:
        """(queue, needs_translation, translate_to) for one language."""
        if lang is None:
            return self.default_queue, False, None
        for name, langs in self.queues.items():
            if lang in langs:
                return name, False, None
        return self._pivot_queue(), True, self.pivot

    def _pivot_queue(self) -> str:
        return next(n for n, langs in self.queues.items() if self.pivot in langs)

    def apply(self, table: pa.Table) -> pa.Table:
        """``table`` (with a ``lang`` column) plus route, needs_translation
        and translate_to."""
        lang = table.column("lang").cast(pa.string())
        if "lang_alt" in table.column_names:  # no lang: outside the detector's list
            alt = table.column("lang_alt").cast(pa.string())
            lang = pc.if_else(pc.is_null(lang), alt, lang)
        codes = sorted({c for c in lang.unique().to_pylist() if c is not None})
        mapping = {c: self.queue_of(c) for c in codes}
        route = _map(lang, {c: m[0] for c, m in mapping.items()})
        needs = _map(lang, {c: m[1] for c, m in mapping.items()}, pa.bool_())
        to = _map(lang, {c: m[2] for c, m in mapping.items()})
        foreign = _foreign_script(table, lang)
        if foreign is not None:  # no language, letters no queue reads
            route = pc.if_else(foreign, self._pivot_queue(), route)
            needs = pc.if_else(foreign, True, needs)
            to = pc.if_else(foreign, self.pivot, to)
        route = pc.fill_null(route, self.default_queue)
        needs = pc.fill_null(needs, False)
        for name, col in (("route", _fixed_dictionary(route, list(self.queues))),
                          ("needs_translation", needs),
                          ("translate_to", _fixed_dictionary(to, [self.pivot]))):
            table = table.append_column(name, col)
        return table


def _fixed_dictionary(col: pa.ChunkedArray, names: list[str]) -> pa.ChunkedArray:
    """``col`` over the dictionary ``names`` (sorted), whatever values this
    batch holds, so parts of a stream share their categories."""
    names = pa.array(sorted(names), type=pa.string())
    col = col.cast(pa.string())
    chunks = [pa.DictionaryArray.from_arrays(pc.index_in(c, value_set=names).cast(pa.int32()),
                                             names) for c in col.chunks]
    return pa.chunked_array(chunks, type=pa.dictionary(pa.int32(), pa.string()))


def _foreign_script(table: pa.Table, lang: pa.ChunkedArray):
    """Per row: no language, but letters in a script other than Latin (None
    without a script column)."""
    if "script" not in table.column_names:
        return None
    script = table.column("script").cast(pa.string())
    other = pc.invert(pc.is_in(script, value_set=pa.array(["Latn", "Zyyy"])))
    return pc.and_(pc.and_(pc.is_null(lang), pc.is_valid(script)), other)


def _map(col: pa.ChunkedArray, mapping: dict, type_=pa.string()) -> pa.ChunkedArray:
    keys = list(mapping)
    values = pa.array([mapping[k] for k in keys], type=type_)
    idx = pc.index_in(col, value_set=pa.array(keys, type=pa.string()))
    return pc.take(values, idx) if keys else pa.chunked_array([pa.nulls(len(col), type_)])


def _line(text: str, key: str) -> int:
    m = re.search(rf"^[ \t]*(\[[^\]]*\b{re.escape(key)}\b[^\]]*\]|{re.escape(key)}\s*=)", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


class _KeyError(ConfigError):
    """A routing error about one key of the file."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


_CODE = re.compile(r"[a-z]{2,3}\Z")


def _check(r: Router) -> None:
    for key in ("pivot", "default_queue"):
        if not isinstance(getattr(r, key), str):
            raise _KeyError(key, f"{key} must be a string, got {getattr(r, key)!r}")
    if not r.queues:
        raise _KeyError("queues", "no queues: add at least one [queues.NAME] with languages")
    seen: dict[str, str] = {}
    for name, langs in r.queues.items():
        _check_queue(name, langs, seen)
    if not any(r.pivot in langs for langs in r.queues.values()):
        raise _KeyError("pivot", f"pivot '{r.pivot}' is spoken by no queue")
    if r.default_queue not in r.queues:
        raise _KeyError("default_queue", f"default_queue '{r.default_queue}' is not one of "
                        f"the queues ({', '.join(r.queues)})")


def _check_queue(name: str, langs: list[str], seen: dict[str, str]) -> None:
    """One queue's languages: ISO 639 codes as kvetch's detector returns
    them ("pt", not "PT" or "pt-BR"), none in two queues (``seen``: code ->
    the queue that had it first)."""
    if not isinstance(langs, (list, tuple)):
        raise _KeyError(name, f"queues.{name}: the languages must be a list of language "
                        f"codes, e.g. ['en'], not {type(langs).__name__} {langs!r}")
    if not langs:
        raise _KeyError(name, f"queues.{name}.languages is empty: list the languages it speaks")
    for code in langs:
        if not isinstance(code, str):
            raise _KeyError(name, f"queues.{name}.languages: {code!r} is not a language code "
                            "(a string such as 'en')")
        if not _CODE.match(code):
            hint = code.replace("_", "-").split("-")[0].lower()
            raise _KeyError(name, f"queues.{name}.languages: '{code}' is not a language code "
                            f"as detected (lower-case ISO 639, no region: '{hint}')")
        if code in seen:
            where = "twice in this queue" if seen[code] == name else f"also in queues.{seen[code]}"
            raise _KeyError(name, f"queues.{name}.languages: '{code}' is {where}; "
                            "a language goes to one queue")
        seen[code] = name


def routing_summary(table: pa.Table):
    """Messages per queue and language (a pandas DataFrame). A message in a
    language outside the Analyzer's ``languages`` (``lang`` null, its
    language in ``lang_alt``) is counted as "sv (outside the list)", so a
    translation team sees which languages it gets; "(none)" is a message
    no language was found for."""
    cols = ["route", "lang", "needs_translation"] + \
        (["lang_alt"] if "lang_alt" in table.column_names else [])
    df = table.select(cols).to_pandas()
    lang = df["lang"].astype("object")
    if "lang_alt" in df:
        alt = df["lang_alt"].astype("object")
        lang = lang.where(lang.notna(), alt.map(
            lambda a: f"{a} (outside the list)" if isinstance(a, str) and a else None))
    df["lang"] = lang.fillna("(none)")
    df["route"] = df["route"].astype(str)
    return (df.groupby(["route", "lang"], observed=True)
              .agg(messages=("needs_translation", "size"),
                   needs_translation=("needs_translation", "sum"))
              .reset_index()
              .sort_values(["route", "messages"], ascending=[True, False], ignore_index=True))
