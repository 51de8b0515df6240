"""Reads the golden tables in tests/data (format: tests/data/README.md)."""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[tnr\\])")


def unescape(cell: str) -> bytes:
    """The bytes a cell stands for (\\xNN may make them ill-formed UTF-8)."""
    out = bytearray()
    pos = 0
    for m in _ESCAPE.finditer(cell):
        out += cell[pos:m.start()].encode("utf-8")
        e = m.group(1)
        if e[0] == "x":
            out.append(int(e[1:], 16))
        elif e[0] in "uU":
            out += chr(int(e[1:], 16)).encode("utf-8")
        else:
            out += {"t": b"\t", "n": b"\n", "r": b"\r", "\\": b"\\"}[e]
        pos = m.end()
    out += cell[pos:].encode("utf-8")
    return bytes(out)


def read(name: str) -> list[list[bytes]]:
    rows = []
    lines = (DATA / name).read_text(encoding="utf-8").split("\n")[1:]
    for line in lines:
        if line and not line.startswith("#"):
            rows.append([unescape(c) for c in line.split("\t")])
    return rows


def ids(rows: list[list[bytes]]) -> list[str]:
    return [r[0].decode("utf-8", "replace")[:40] for r in rows]
