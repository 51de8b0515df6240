"""Session 14 experiment: does a block of hashed character n-grams next to
the scorer's own features help the polarity head? Trains the polarity head
alone on train_emotion.py's polarity mix and scores each message whole
(no sentence aggregation), so compare its rows with each other, not with
bench_emotion.py. Prints XLM-T val macro-F1 per language and the sample
archive's polarity shares.

    .venv/bin/pip install scikit-learn
    .venv/bin/python benchmarks/experiments/session14/char_ngrams.py base
    .venv/bin/python benchmarks/experiments/session14/char_ngrams.py char --ngrams 2,5
    .venv/bin/python benchmarks/experiments/session14/char_ngrams.py char --ngrams 4,4

About 1.5 minutes each with character n-grams on 2 cores.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "models" / "emotion"))
sys.path.insert(0, str(ROOT / "models"))
import cs_phrases  # noqa: E402
import train_emotion as T  # noqa: E402


def polarity_mix(corpora: str):
    """train_emotion.py's polarity training rows: (texts, labels, weights)."""
    ge_texts, ge_labels = T.load_goemotions(corpora, "train")
    cal = [T.is_dev(t) for t in ge_texts]
    cs = list(cs_phrases.expand()) + list(cs_phrases.expand_negation())
    x, y, w = [], [], []
    for lang, text, label in T.load_xlmt(corpora, "train"):
        if T.is_dev(text):
            continue
        x.append(text), y.append(label), w.append(1.0)
        if lang != "en" and T.strip_accents(text) != text:
            x.append(T.strip_accents(text)), y.append(label), w.append(0.5)
    for text, labels, c in zip(ge_texts, ge_labels, cal):
        label = T.go_sentiment(labels)
        if label is not None and not c:
            x.append(text), y.append(label), w.append(0.4)
    for lang, text, labels in T.load_xed(corpora):
        label = T.plutchik_polarity(labels)
        if label is not None and not T.is_dev(text):
            x.append(text), y.append(label), w.append(0.3 if lang in ("en", "fi") else 0.1)
    for text in T.load_clinc_neutral(corpora):
        x.append(text), y.append(1), w.append(0.3)
    for _, text, _, pol in cs:
        x.append(text), y.append(pol), w.append(2.0)
        if T.strip_accents(text) != text:
            x.append(T.strip_accents(text)), y.append(pol), w.append(1.0)
    return x, np.array(y), np.array(w)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["base", "char"])
    ap.add_argument("--ngrams", default="2,5", help="char_wb n-gram range, e.g. 3,3")
    ap.add_argument("--weight", type=float, default=0.3, help="value of each n-gram count")
    ap.add_argument("--c", type=float, default=0.2, help="as train_emotion.py --c-pol")
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    args = ap.parse_args()
    T.N_BUCKETS = 1 << 18
    lo, hi = (int(v) for v in args.ngrams.split(","))
    hv = HashingVectorizer(analyzer="char_wb", ngram_range=(lo, hi), n_features=1 << 18,
                           alternate_sign=False, norm=None, lowercase=True)

    def feats(texts):
        x = T.features(list(texts))
        if args.mode == "char":
            x = sp.hstack([x, hv.transform(texts) * args.weight]).tocsr()
        return x

    texts, y, w = polarity_mix(args.corpora)
    model = LogisticRegression(C=args.c, max_iter=300).fit(feats(texts), y, sample_weight=w)
    val = T.load_xlmt(args.corpora, "val")
    f1 = {}
    for lang in sorted({r[0] for r in val}):
        rows = [r for r in val if r[0] == lang]
        f1[lang] = f1_score([r[2] for r in rows], model.predict(feats([r[1] for r in rows])),
                            average="macro")
    print(" ".join(f"{k} {v:.3f}" for k, v in f1.items()), f"mean {np.mean(list(f1.values())):.3f}")
    df = pd.read_csv(ROOT / "corpora" / "sample_tickets.csv")
    df["p"] = model.predict(feats(df["text"].fillna("").tolist()))
    comp = df[~df["issue_true"].isin(["question", "praise"])]
    print(f"complaints negative {(comp.p == 0).mean():.3f} "
          f"(en {(comp[comp.lang_true == 'en'].p == 0).mean():.3f}, "
          f"others {(comp[comp.lang_true != 'en'].p == 0).mean():.3f}); "
          f"praise positive {(df[df.issue_true == 'praise'].p == 2).mean():.3f}; "
          f"questions neutral {(df[df.issue_true == 'question'].p == 1).mean():.3f}")


if __name__ == "__main__":
    main()
