"""Trains kvetch's language identifier from ../shared/corpora/langid-train.

    .venv/bin/python models/langid/train_langid.py [--corpus DIR] [--out models/langid/langid.kvm]

Naive Bayes over hashed character n-grams (the features of
core/src/langid.cc, computed by kvetch itself so training and inference
agree byte for byte). Uses only the first 90% of each language's lines; the
last 10% are held back for evaluation (benchmarks/langid). Latin-script
sentences are also seen with their accents stripped, as customers type them.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import random
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import kvm  # noqa: E402
from kvetch import _core  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ("en fr de es it pt nl sv da nb fi pl cs sk hu ro bg ru uk el tr ar he fa hi bn ur "
            "th vi id ms zh ja ko ca hr sr sl lt lv et tl").split()
EXTRA = "af be mk is eu gl cy ga eo hy ka az kk sq sw ta te ml mr ne km my am so zu ha".split()
LANGUAGES = REQUIRED + EXTRA
MAX_LINES = 30000
# Languages written in two scripts: one class per script (see langid.cc).
TWO_SCRIPTS = {"sr": ("Cyrl", "Latn")}
ALPHA = 0.5          # additive smoothing of bucket counts
SCALE = 16.0         # cost units per nat; costs are capped at 255
MODEL_VERSION = 1
HELD_BACK = 0.1


def train_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[: int(len(lines) * (1 - HELD_BACK))]


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def scripts_of(lines: list[str]) -> tuple[int, int]:
    """The one or two ICU script codes this language is written in."""
    names = collections.Counter(_core.dominant_script(t) for t in lines[:800])
    names.pop("Zyyy", None)
    top = [n for n, c in names.most_common(2) if c >= 0.2 * sum(names.values())]
    codes = [SCRIPT_CODES[n] for n in top] + [-1, -1]
    return codes[0], codes[1]


SCRIPT_CODES = {_core.script_name(c): c for c in range(250)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "langid-train"))
    ap.add_argument("--out", default=str(ROOT / "models" / "langid" / "langid.kvm"))
    args = ap.parse_args()
    rng = random.Random(13)
    buckets = _core.LANGID_BUCKETS
    scripts, manifest = [], []
    t0 = time.time()
    classes = []  # (code, lines): one class per language and script
    for lang in LANGUAGES:
        path = Path(args.corpus) / f"{lang}.txt"
        lines = train_lines(path)
        if len(lines) > MAX_LINES:
            lines = rng.sample(lines, MAX_LINES)
        manifest.append(f"{lang}\t{path.stat().st_size}\t{len(lines)}")
        if lang in TWO_SCRIPTS:
            by_script = collections.defaultdict(list)
            for t in lines:
                by_script[_core.dominant_script(t)].append(t)
            classes += [(lang, by_script[name]) for name in TWO_SCRIPTS[lang]]
        else:
            classes.append((lang, lines))
    counts = np.zeros((buckets, len(classes)), dtype=np.float64)
    for ci, (lang, lines) in enumerate(classes):
        scripts.append(scripts_of(lines))
        texts = list(lines)
        if scripts[-1][0] == SCRIPT_CODES["Latn"]:
            texts += [s for s in map(strip_accents, lines) if s]
        feats, _ = _core.langid_features_batch(texts)
        counts[:, ci] = np.bincount(feats, minlength=buckets)
        print(f"{lang}: {len(lines)} lines, {len(feats)} features, scripts {scripts[-1]}", file=sys.stderr)
    totals = counts.sum(axis=0, keepdims=True)
    cost = -np.log((counts + ALPHA) / (totals + ALPHA * buckets)) * SCALE
    table = np.clip(np.rint(cost), 0, 255).astype(np.uint8)
    data_hash = int.from_bytes(hashlib.sha256("\n".join(manifest).encode()).digest()[:8], "little")
    sections = {
        "languages": "\n".join(code for code, _ in classes).encode(),
        "scripts": np.array(scripts, dtype=np.int16).tobytes(),
        "table": np.ascontiguousarray(table).tobytes(),
        "meta": np.array([buckets], dtype=np.uint32).tobytes() + np.array([SCALE], dtype=np.float32).tobytes(),
        "manifest": "\n".join(manifest).encode(),
    }
    kvm.write(args.out, "langid", MODEL_VERSION, data_hash, sections,
              checksum=lambda b: _core.fnv1a64(b))
    print(f"wrote {args.out}: {len(LANGUAGES)} languages in {len(classes)} classes, {Path(args.out).stat().st_size / 1e6:.1f} MB "
          f"in {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
