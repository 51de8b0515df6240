"""Writes kvetch's model container (the format read by core/src/model_file.cc;
layout in core/include/kvetch/model_file.h)."""

from __future__ import annotations

import struct
import zlib

MAGIC = b"KVETCHMD"
FORMAT_VERSION = 1
KINDS = {"langid": 1, "emotion": 3, "embed": 4}
HEADER = 40
ENTRY = 40


def fnv1a64(data: bytes) -> int:
    h = 1469598103934665603
    # Python loop over up to ~20 MB: chunked through int.from_bytes would not
    # match the byte-wise definition, so keep it simple and exact.
    for b in data:
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


COMPRESSED = ".z"


def write(path: str, kind: str, model_version: int, data_hash: int,
          sections: dict[str, bytes], checksum=fnv1a64, compress: tuple[str, ...] = ()) -> None:
    """Writes ``sections`` (name -> bytes, names < 22 bytes) to ``path``; the
    sections named in ``compress`` are stored zlib-compressed, as "name.z"
    (the C++ loader inflates them; ``read`` too)."""
    sections = {(n + COMPRESSED if n in compress else n):
                (struct.pack("<Q", len(d)) + zlib.compress(d, 9) if n in compress else d)
                for n, d in sections.items()}
    table_end = HEADER + ENTRY * len(sections)
    entries, payload = [], bytearray()
    offset = (table_end + 7) // 8 * 8
    payload += b"\0" * (offset - table_end)
    for name, data in sections.items():
        raw = name.encode()
        assert len(raw) < 24, name
        pad = (-len(payload)) % 8
        payload += b"\0" * pad
        start = table_end + len(payload)
        entries.append(struct.pack("<24sQQ", raw, start, len(data)))
        payload += data
    body = b"".join(entries) + bytes(payload)
    header = MAGIC + struct.pack("<IIIIQQ", FORMAT_VERSION, KINDS[kind], model_version,
                                 len(sections), data_hash & 0xFFFFFFFFFFFFFFFF, checksum(body))
    with open(path, "wb") as f:
        f.write(header + body)


def read(path: str) -> tuple[str, int, int, dict[str, bytes]]:
    """(kind, model_version, data_hash, sections) of a file ``write`` wrote,
    compressed sections inflated (under their plain names); no checks beyond
    the magic (the C++ loader checks everything)."""
    data = open(path, "rb").read()
    if data[:8] != MAGIC:
        raise ValueError(f"{path}: not a kvetch model file")
    _, kind, version, n, data_hash, _ = struct.unpack("<IIIIQQ", data[8:HEADER])
    sections = {}
    for i in range(n):
        raw, start, size = struct.unpack("<24sQQ", data[HEADER + ENTRY * i:HEADER + ENTRY * (i + 1)])
        name, payload = raw.rstrip(b"\0").decode(), data[start:start + size]
        if name.endswith(COMPRESSED):
            name, payload = name[:-len(COMPRESSED)], zlib.decompress(payload[8:])
        sections[name] = payload
    names = {v: k for k, v in KINDS.items()}
    return names[kind], version, data_hash, sections
