"""Polarity of customer-support messages, kvetch side by side with VADER,
on a held-out set written apart from kvetch's code and training data.

    .venv/bin/pip install vaderSentiment          # peer, benchmark only
    .venv/bin/python benchmarks/emotion/bench_support_polarity.py \\
        [--data benchmarks/emotion/support_polarity_heldout.tsv] [--half test]

The set (a TSV with columns id, lang, label, text; label one of negative,
neutral, positive, mixed) is described in support_polarity_heldout.md. Rows
are split into two fixed halves by the parity of their number: "dev" (even)
may be read to find what kvetch gets wrong, "test" (odd) is only scored.

Per language: 3-class macro-F1 (negative, neutral, positive) over the rows
whose label is not "mixed", kvetch's "mixed" counted as neutral and VADER's
compound cut at +-0.05 as in benchmarks/emotion/bench_emotion.py; the share
of negative rows read as negative; the share of positive rows read as
positive; and, for the "mixed" rows, the share kvetch reads as mixed or
negative. Also the Pearson r of valence (VADER: compound) with the labels
as -1 / 0 / +1 (mixed as 0).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "support_polarity_heldout.tsv")
CLASSES = ("negative", "neutral", "positive")
SCORE = {"negative": -1.0, "neutral": 0.0, "mixed": 0.0, "positive": 1.0}


def load(path: str, half: str):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or not {"id", "lang", "label", "text"} <= set(rows[0]):
        sys.exit(f"{path}: expected the columns id, lang, label, text")
    if half == "all":
        return rows
    want = 0 if half == "dev" else 1
    return [r for r in rows if int("".join(filter(str.isdigit, r["id"]))) % 2 == want]


def macro_f1(pred, gold) -> float:
    from bench_emotion import multiclass_f1  # beside this script

    return multiclass_f1(pred, gold, list(CLASSES))


def share(pred, gold, label, accept) -> str:
    idx = [i for i, g in enumerate(gold) if g == label]
    if not idx:
        return "-"
    return f"{sum(pred[i] in accept for i in idx) / len(idx):.2f}"


def kvetch_scores(texts, model=None):
    import kvetch

    df = kvetch.Analyzer(n_threads=1, emotion=model or True).analyze(texts).to_pandas()
    return df["polarity"].fillna("neutral").tolist(), df["valence"].fillna(0).to_numpy()


def vader_scores(texts):
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    sia = SentimentIntensityAnalyzer()
    comp = np.array([sia.polarity_scores(t)["compound"] for t in texts])
    pol = ["positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral" for c in comp]
    return pol, comp


def rows_for(name, pol, val, gold):
    plain = [i for i, g in enumerate(gold) if g != "mixed"]
    p3 = ["neutral" if pol[i] == "mixed" else pol[i] for i in plain]
    f1 = macro_f1(p3, [gold[i] for i in plain])
    y = np.array([SCORE[g] for g in gold])
    r = float(np.corrcoef(val, y)[0, 1]) if np.std(val) > 0 else float("nan")
    return (f"{name} | {f1:.3f} | {share(pol, gold, 'negative', {'negative'})} | "
            f"{share(pol, gold, 'positive', {'positive'})} | "
            f"{share(pol, gold, 'mixed', {'mixed', 'negative'})} | {r:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=DEFAULT)
    ap.add_argument("--half", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--model", help="an emotion model file (default: the bundled one)")
    ap.add_argument("--errors", type=int, default=0,
                    help="print this many of kvetch's wrong rows (dev half only)")
    args = ap.parse_args()
    rows = load(args.data, args.half)
    texts = [r["text"].replace(" / ", "\n") for r in rows]
    gold = [r["label"] for r in rows]
    langs = [r["lang"] for r in rows]
    kv = kvetch_scores(texts, args.model)
    vd = vader_scores(texts)
    print(f"{os.path.basename(args.data)}, {args.half} half: {len(rows)} rows\n")
    print("| lang | tool | macro-F1 (3 classes) | negative read negative | "
          "positive read positive | mixed read mixed or negative | r valence |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for lang in sorted(set(langs)) + ["all"]:
        idx = [i for i, l in enumerate(langs) if lang in ("all", l)]
        g = [gold[i] for i in idx]
        for name, res in (("kvetch", kv), ("VADER", vd)):
            if res is None:
                continue
            pol, val = res
            print(f"| {lang} ({len(idx)}) | "
                  + rows_for(name, [pol[i] for i in idx], val[idx], g) + " |")
    if args.errors:
        if args.half == "test":
            sys.exit("--errors reads the dev half only")
        wrong = [i for i in range(len(rows)) if kv[0][i] != gold[i]]
        print(f"\nkvetch wrong on {len(wrong)} of {len(rows)}:")
        for i in wrong[: args.errors]:
            print(f"  {langs[i]} gold={gold[i]} kvetch={kv[0][i]} "
                  f"v={kv[1][i]:+.2f}  {rows[i]['text'][:110]}")


if __name__ == "__main__":
    main()
