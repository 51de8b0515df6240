"""Language models side by side on what the dev-set benchmark does not
show: the XLM-T val tweets of ../shared (how many each model detects as
their language, and as hi), the sample archive (against its lang_true),
and the dev set's macro accuracy per kind with how often each model says
a language that is not there (--watch, default hi).

    .venv/bin/python benchmarks/langid/compare_models.py MODEL [MODEL ...] \\
        [--dev /tmp/langid_dev] [--watch hi]

MODEL: a langid.kvm path, or "bundled". An older model: git show REV:models/langid/langid.kvm > /tmp/old.kvm
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import pandas as pd

import kvetch

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_langid  # noqa: E402  (the dev-set reader)

XLMT = ["hi", "en", "de", "es", "fr", "it", "pt", "ar"]


def report(model: str, dev: Path, watch: str, corpora: Path) -> None:
    det = kvetch.LanguageDetector() if model == "bundled" else kvetch.LanguageDetector(model=model)
    print(f"## {model}")
    if dev.exists():
        for kind, items in bench_langid.load_dev(dev, None).items():
            pred = det.detect_batch([t for _, t in items])
            per = collections.defaultdict(lambda: [0, 0])
            for (gold, _), p in zip(items, pred):
                per[gold][0] += p == gold
                per[gold][1] += 1
            macro = 100 * sum(a / b for a, b in per.values()) / len(per)
            stray = sum(p == watch and g != watch for (g, _), p in zip(items, pred))
            print(f"dev {kind}: macro {macro:.2f} over {len(per)} languages; "
                  f"{stray} of {len(items)} said {watch} wrongly")
    for lang in XLMT:
        path = corpora / "xlmt-sentiment" / lang / "val_text.txt"
        if not path.exists():
            continue
        pred = collections.Counter(det.detect_batch(path.read_text(encoding="utf-8").split("\n")))
        print(f"xlmt {lang} val: {pred[lang]} of {sum(pred.values())} as {lang}, "
              f"{pred[watch]} as {watch}; top {pred.most_common(3)}")
    df = pd.read_csv(ROOT / "corpora" / "sample_tickets.csv")
    pred = pd.Series(det.detect_batch(df.text.tolist()), index=df.index)
    right = pred == df.lang_true
    print(f"sample archive: {100 * right.mean():.2f}% right; per language "
          f"{right.groupby(df.lang_true).mean().round(3).to_dict()}; wrong as "
          f"{pred[~right].value_counts().head(6).to_dict()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="+")
    ap.add_argument("--dev", default="/tmp/langid_dev")
    ap.add_argument("--watch", default="hi")
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    args = ap.parse_args()
    for m in args.models:
        report(m, Path(args.dev), args.watch, Path(args.corpora))


if __name__ == "__main__":
    main()
