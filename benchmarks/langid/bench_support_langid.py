"""Language ID on support messages written apart from kvetch, side by side.

    /tmp/langid-venv/bin/python benchmarks/langid/bench_support_langid.py \\
        --kvetch-path "$PWD/.venv/lib/python3.11/site-packages"

The texts are the three held-out sets of session 21 (their READMEs say how
they were written): benchmarks/emotion/support_polarity_heldout.tsv (840
messages, en fr de es it pt nl), benchmarks/emotion/support_polarity_ja.tsv
(160, ja), benchmarks/pii/pii_heldout.jsonl (1,246, those seven plus pl,
sv, da; e-mails full of addresses, numbers and quoted headers) and session
22's benchmarks/signals/heldout_en_fr_de_es_it_pt_nl.tsv (560). None was
used to build or tune the language model. Every detector answers with all
its languages (unrestricted); accuracy is the share of messages whose
answer is the labelled language (None counts as wrong), overall and for
messages of at most three words. The detectors are those of
bench_langid.py (same builders, one text at a time for the peers, kvetch's
detect_batch on one thread).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import bench_langid as bl  # noqa: E402

SETS = {
    "support messages (7 languages)": ROOT / "benchmarks/emotion/support_polarity_heldout.tsv",
    "Japanese support messages": ROOT / "benchmarks/emotion/support_polarity_ja.tsv",
    "PII e-mails (10 languages)": ROOT / "benchmarks/pii/pii_heldout.jsonl",
    "signal messages (7 languages)": ROOT / "benchmarks/signals/heldout_en_fr_de_es_it_pt_nl.tsv",
}
DETECTORS = ["kvetch (all languages)", "lingua high (all 75)", "lingua low (all 75)", "pycld2",
             "py3langid (all)"]


def load(path: Path) -> list[tuple[str, str]]:
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as f:
            return [(r["lang"], r["text"]) for r in map(json.loads, f) if r["text"].strip()]
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        # line breaks: " / " in the polarity sets, " | " in the signal set
        return [(r["lang"], r["text"].replace(" / ", "\n").replace(" | ", "\n")) for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kvetch-path", action="append", default=[])
    ap.add_argument("--detectors", default=",".join(DETECTORS))
    args = ap.parse_args()
    for p in args.kvetch_path:
        sys.path.append(p)
    wanted = [w.strip() for w in args.detectors.split(",") if w.strip()]
    dets = [d for d in bl.make_detectors([0]) if d.name in wanted]
    data = {name: load(path) for name, path in SETS.items()}
    header = " | ".join(f"{name} ({len(items)}): all / <= 3 words" for name, items in data.items())
    print(f"| detector | {header} | seconds |")
    print("|---|" + "---:|" * (len(data) + 1))
    for d in dets:
        try:
            predict = d.build()
        except Exception as e:  # a peer that is not installed
            print(f"| {d.name} | not run: {e} |")
            continue
        cells, spent = [], 0.0
        for items in data.values():
            t0 = time.perf_counter()
            preds = predict([t for _, t in items])
            spent += time.perf_counter() - t0
            ok = [bl.norm_code(p) == lang for (lang, _), p in zip(items, preds)]
            short = [o for (_, t), o in zip(items, ok) if len(t.split()) <= 3]
            cells.append(f"{100 * sum(ok) / len(ok):.1f} / "
                         f"{100 * sum(short) / max(len(short), 1):.1f} (n={len(short)})")
        print(f"| {d.name} | " + " | ".join(cells) + f" | {spent:.1f} |")


if __name__ == "__main__":
    main()
