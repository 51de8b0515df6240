"""Counted nouns for the report's sentences: "1 week", "5 weeks", "1,204
messages". Used by the Python that builds titles and notes, and by the
templates as the Jinja filters ``noun`` and ``count_of``.

English only, as the rest of the report; the plural is the singular plus
"s" unless given.
"""

from __future__ import annotations


def noun(n: float, singular: str, plural: str | None = None) -> str:
    """``singular`` when ``n`` is 1, else ``plural`` (default ``singular + "s"``)."""
    return singular if n == 1 else (plural or singular + "s")


def count_of(n: float, singular: str, plural: str | None = None) -> str:
    """``n`` rounded, with thousands separators, and its noun."""
    k = int(round(n))
    return f"{k:,} {noun(k, singular, plural)}"
