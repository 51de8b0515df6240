"""Writes the fuzzers' seed inputs (tests/fuzz/fuzz_targets.h says how each
target reads its bytes) into OUT/<target>/: messages of the bundled sample
archive and hostile strings. Standard library only; `make fuzz` runs it.

    python3 tests/fuzz/make_seeds.py build/fuzz/seeds
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPLIT = b"\x1e"

HOSTILE = [
    b"", b" ", b"\x00\x00abc\x00", b"\xff\xfe\xc3\x28 bad \xe2\x82 utf8 \xf0\x9f\x98",
    "caf\u00e9 \u200b\u200d\u2060 zero\u200bwidth \u202eevil\u202c \u2067rtl\u2069".encode(),
    ("\U0001F469\u200d\U0001F469\u200d\U0001F467 \U0001F44D\U0001F3FD \U0001F1EB\U0001F1F7 "
     "1\ufe0f\u20e3 " * 20).encode(),
    ("\U0001F92C" * 300).encode(),
    "WHERE IS MY REFUND!!! third time I ask, cancel my subscription".encode(),
    b"Contact me at jane.doe@example.com or +44 20 7946 0958, card 4111 1111 1111 1111",
    b"IBAN DE89 3704 0044 0532 0130 00, ip 192.168.0.1, https://x.example/a?b=c",
    "\u6ce8\u6587\u3057\u305f\u5546\u54c1\u304c\u5c4a\u304d\u307e\u305b\u3093\u3002"
    "\u0e2a\u0e34\u0e19\u0e04\u0e49\u0e32\u0e22\u0e31\u0e07\u0e44\u0e21\u0e48\u0e21\u0e32".encode(),
    "\u0623\u0631\u064a\u062f \u0625\u0644\u063a\u0627\u0621 \u0627\u0634\u062a\u0631\u0627\u0643\u064a".encode(),
    b"<EMAIL> <PHONE> <CUSTOM:x> <CUSTOM:" + b"a" * 80 + b"> <<<>>>",
    b"> quoted reply\n> more\n\nThanks,\nEmma\n-- \nSent from my phone",
    b"a" * 3000, b"1" * 40, b"!!!???..." * 50,
]
PATTERNS = [b"ORD-\\d+", b"(a+)+$", b"[", b"\\bcust\\w*", b"(?i)secret", b"", b"\\p{Han}+",
            b"(?P<x>a)|b{1000}", b"x*"]
CSV = [b'a,b\n1,"two"\n', b'\xef\xbb\xbf"x",y\n"open', b'"a""b",c\n', b'x,"y\n\nz"\n"w',
       b'""""', b'a\r\n"b\r\n']


def sample_messages(limit: int = 400) -> list[bytes]:
    path = os.path.join(ROOT, "corpora", "sample_tickets.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.DictReader(f)
        return [r["text"].encode() for r, _ in zip(rows, range(limit))]


def small_models() -> list[bytes]:
    """The bundled models' containers with every section cut to 2 KiB, as
    written and with the big section zlib-compressed: the section table and
    the loaders' checks for the fuzzer to mutate (the fuzz target makes the
    header valid again, fuzz_targets.h)."""
    sys.path.insert(0, os.path.join(ROOT, "models"))
    import kvm

    blobs = []
    for name in ("langid/langid.kvm", "emotion/emotion.kvm", "embed/embed.kvm"):
        kind, version, data_hash, sections = kvm.read(os.path.join(ROOT, "models", name))
        small = {k: v[:2048] for k, v in sections.items()}
        big = max(sections, key=lambda k: len(sections[k]))
        for compress in ((), (big,)):
            tmp = os.path.join(ROOT, "build", "fuzz_seed.kvm")
            os.makedirs(os.path.dirname(tmp), exist_ok=True)
            kvm.write(tmp, kind, version, data_hash, small, compress=compress)
            with open(tmp, "rb") as f:
                blobs.append(f.read())
            os.remove(tmp)
    return blobs


def write(out: str, target: str, blobs: list[bytes]) -> None:
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    for b in blobs:
        name = hashlib.sha1(b).hexdigest()[:16]
        with open(os.path.join(d, name), "wb") as f:
            f.write(b)


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "build/fuzz/seeds"
    texts = sample_messages() + HOSTILE
    groups = [SPLIT.join(texts[i:i + 8]) for i in range(0, len(texts), 8)]
    write(out, "analyze", [bytes([f]) + g for f in (0, 1, 3) for g in groups])
    write(out, "embed", groups)
    write(out, "text", texts)
    write(out, "csv_quotes", CSV + [b'id,text\n1,"' + t + b'"\n' for t in texts[:20]])
    write(out, "pii_pattern", [p + SPLIT + t for p in PATTERNS for t in texts[::40]])
    write(out, "signal_rule",
          [bytes([i % 6]) + p + SPLIT + t for i, p in enumerate(PATTERNS + [b"third time"])
           for t in texts[::40]])
    write(out, "model_bytes", small_models() + [b"", b"KVM"])
    print(f"seeds written to {out}")


if __name__ == "__main__":
    main()
