"""The per-language polarity heads experiment (not shipped; see README.md
here and benchmarks/README.md, "Emotion"). Needs lang_heads.patch applied
and the package rebuilt (make setup). For each setting, writes a copy of the
bundled emotion model with heads and prints XLM-T val / calibration mean
macro-F1, de / it / hi / en, XED held-out polarity F1 and the sample
archive's shares (complaints negative in en and in the other languages
without ja, praise positive, questions neutral).

    .venv/bin/python benchmarks/emotion/experiments/lang_heads/sweep.py \\
        --c 0.3 --cs-weight 1,4 --gamma 1,2 [--english-head both]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[4]
sys.path[:0] = [str(ROOT / "models" / "emotion"), str(ROOT / "models")]
import kvm  # noqa: E402
import train_emotion as te  # noqa: E402

import kvetch  # noqa: E402
import kvetch._core as core  # noqa: E402

TO_Y = {"negative": 0, "neutral": 1, "mixed": 1, "positive": 2}
XED_LANGS = ("en", "de", "it", "fr", "es", "pt")


def f1(pred, gold, classes):
    return np.mean([2 * ((pred == k) & (gold == k)).sum()
                    / max(1, (pred == k).sum() + (gold == k).sum()) for k in classes])


def polarity(analyzer, texts):
    df = analyzer.analyze(list(texts), progress=False).to_pandas()
    return np.array([TO_Y[str(p)] for p in df["polarity"]])


def evaluate(path, data):
    an = kvetch.Analyzer(emotion=path)
    out = {}
    for name in ("val", "cal"):
        rows = data[name]
        p, g = polarity(an, [t for _, t, _ in rows]), np.array([y for *_, y in rows])
        langs = np.array([l for l, _, _ in rows])
        out[name] = {l: f1(p[langs == l], g[langs == l], [0, 1, 2]) for l in te.XLMT_LANGS}
    xed = data["xed"]
    p = np.where(polarity(an, [t for _, t, _ in xed]) == 2, 2, 0)
    g, langs = np.array([y for *_, y in xed]), np.array([l for l, _, _ in xed])
    out["xed"] = {l: f1(p[langs == l], g[langs == l], [0, 2]) for l in XED_LANGS}
    df = data["sample"]
    pol = polarity(an, df["text"])
    kind, lang = df["kind"].to_numpy(), df["lang_true"].to_numpy()
    c = kind == "complaint"
    out["cneg_en"] = (pol[c & (lang == "en")] == 0).mean()
    out["cneg_other"] = (pol[c & (lang != "en") & (lang != "ja")] == 0).mean()
    out["ppos"] = (pol[kind == "praise"] == 2).mean()
    out["qneu"] = (pol[kind == "question"] == 1).mean()
    return out


def show(tag, o):
    print(f"{tag}: val {np.mean(list(o['val'].values())):.3f} cal {np.mean(list(o['cal'].values())):.3f}"
          f" | de {o['val']['de']:.3f} it {o['val']['it']:.3f} hi {o['val']['hi']:.3f}"
          f" en {o['val']['en']:.3f} | xed " + " ".join(f"{k} {v:.3f}" for k, v in o["xed"].items())
          + f" | complaints negative en {o['cneg_en']:.3f} other {o['cneg_other']:.3f}"
          f" praise positive {o['ppos']:.3f} questions neutral {o['qneu']:.3f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--c", default="0.3")
    ap.add_argument("--cs-weight", default="1")
    ap.add_argument("--gamma", default="1,2")
    ap.add_argument("--english-head", choices=("yes", "no", "both"), default="both")
    args = ap.parse_args()
    corpora = args.corpora
    xed = [(r[0], r[1], te.plutchik_polarity(r[2])) for r in te.load_xed(corpora) if te.is_dev(r[1])]
    sample = pd.read_csv(ROOT / "corpora" / "sample_tickets.csv")
    kind = sample["issue_true"].where(sample["issue_true"].isin(["praise", "question"]), "complaint")
    sample["kind"] = kind.mask(sample["issue_true"] == "other", "other")
    data = {"val": te.load_xlmt(corpora, "val"),
            "cal": [r for r in te.load_xlmt(corpora, "train") if te.is_dev(r[1])],
            "xed": [r for r in xed if r[2] in (0, 2) and r[0] in XED_LANGS],
            "sample": sample}
    bundled = str(ROOT / "models" / "emotion" / "emotion.kvm")
    show("bundled model", evaluate(bundled, data))
    kind_, version, data_hash, sections = kvm.read(bundled)
    english = {"yes": [True], "no": [False], "both": [True, False]}[args.english_head]
    with tempfile.TemporaryDirectory() as tmp:
        for c in (float(v) for v in args.c.split(",")):
            te.HEAD_C = c
            for w in (float(v) for v in args.cs_weight.split(",")):
                heads = te.train_lang_heads(corpora, cs_weight=w)
                for g in (float(v) for v in args.gamma.split(",")):
                    for en in english:
                        gammas = {l: (g if en or l != "en" else 0.0) for l in te.XLMT_LANGS}
                        path = f"{tmp}/heads_{c}_{w}_{g}_{en}.kvm"  # models are cached by path
                        kvm.write(path, kind_, version, data_hash,
                                  {**sections, "lang_heads": te.lang_heads_section(heads, gammas)},
                                  checksum=lambda b: core.fnv1a64(bytes(b)), compress=te.COMPRESS)
                        show(f"C {c} phrase weight {w} gamma {g} english head {en}",
                             evaluate(path, data))


if __name__ == "__main__":
    main()
