"""Emotion quality and speed, kvetch side by side with VADER and TextBlob.

    .venv/bin/pip install vaderSentiment textblob      # peers, benchmark only
    .venv/bin/python benchmarks/emotion/bench_emotion.py [--corpora ../shared/corpora]

Data (never trained on; see models/emotion/train_emotion.py):
  * GoEmotions dev (5,426 Reddit comments): macro-F1 on the 28 labels, on
    Ekman's 6 groups + neutral, and on the sentiment groups (positive,
    negative, ambiguous, neutral), as in Demszky et al. 2020.
  * XLM-T val (324 tweets per language, 8 languages): 3-class polarity
    macro-F1 per language ("mixed" counts as neutral).
  * XED held-out 10% (by text hash, as in training): 2-class polarity
    (anger/disgust/fear/sadness vs joy/trust) macro-F1 per language.
  * Valence: Pearson r of valence with the XLM-T labels (-1, 0, 1), a proxy
    (bench_valence.py scores valence against human ratings).
Speed: messages per second on the GoEmotions dev texts repeated to
50,000 messages, one process; kvetch's figure includes cleaning, PII
redaction, tokenisation and language identification.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "models", "emotion"))
import train_emotion as te  # noqa: E402  (loaders and the fixed splits)

import kvetch  # noqa: E402

GO = te.GO


def f1_macro(pred: np.ndarray, gold: np.ndarray) -> float:
    return te.macro_f1(pred.astype(bool), gold.astype(np.int8))


def multiclass_f1(pred: list, gold: list, classes: list) -> float:
    out = []
    for c in classes:
        tp = sum(p == c and g == c for p, g in zip(pred, gold))
        n = sum(p == c for p in pred) + sum(g == c for g in gold)
        out.append(2 * tp / n if n else 0.0)
    return float(np.mean(out))


def group_matrix(labels: list[set[str]], groups: dict[str, list[str]]) -> np.ndarray:
    names = list(groups)
    m = np.zeros((len(labels), len(names)), dtype=bool)
    for i, ls in enumerate(labels):
        for j, g in enumerate(names):
            m[i, j] = bool(ls & set(groups[g]))
    return m


def goemotions(corpora: str, scorer) -> dict:
    texts, labels = te.load_goemotions(corpora, "dev")
    gold_sets = [{GO[i] for i in ls} for ls in labels]
    pred_sets = scorer.predict(texts)
    gold = np.array([[g in s for g in GO] for s in gold_sets])
    pred = np.array([[g in s for g in GO] for s in pred_sets])
    with open(os.path.join(corpora, "goemotions", "ekman_mapping.json")) as f:
        ekman = json.load(f)
    ekman["neutral"] = ["neutral"]
    with open(os.path.join(corpora, "goemotions", "sentiment_mapping.json")) as f:
        senti = json.load(f)
    senti["neutral"] = ["neutral"]
    out = {"go28": f1_macro(pred, gold), "n": len(texts)}
    for name, groups in [("ekman", ekman), ("sentiment", senti)]:
        names = list(groups)
        got = scorer.predict(texts, taxonomy=name)
        p = np.array([[g in s for g in names] for s in got])
        out[name] = f1_macro(p, group_matrix(gold_sets, groups))
    return out


def vader_polarity(analyzer, texts):
    out = []
    for t in texts:
        c = analyzer.polarity_scores(t)["compound"]
        out.append(0 if c <= -0.05 else 2 if c >= 0.05 else 1)
    return out


def textblob_polarity(texts):
    from textblob import TextBlob
    out = []
    for t in texts:
        p = TextBlob(t).sentiment.polarity
        out.append(0 if p < -0.05 else 2 if p > 0.05 else 1)
    return out


def kvetch_polarity(analyzer, texts):
    df = analyzer.analyze(texts).to_pandas()
    m = {"negative": 0, "neutral": 1, "positive": 2, "mixed": 1}
    return [m[p] for p in df["polarity"]], df["valence"].to_numpy(), list(df["lang"])


def xlmt(corpora: str, analyzer, vader) -> dict:
    rows = te.load_xlmt(corpora, "val")
    out = {}
    for lang in te.XLMT_LANGS:
        texts = [r[1] for r in rows if r[0] == lang]
        gold = [r[2] for r in rows if r[0] == lang]
        ours, val, _ = kvetch_polarity(analyzer, texts)
        v = vader_polarity(vader, texts)
        tb = textblob_polarity(texts)
        vc = np.array([vader.polarity_scores(t)["compound"] for t in texts])
        g = np.array(gold) - 1.0
        out[lang] = {
            "kvetch": multiclass_f1(ours, gold, [0, 1, 2]),
            "vader": multiclass_f1(v, gold, [0, 1, 2]),
            "textblob": multiclass_f1(tb, gold, [0, 1, 2]),
            "r_kvetch": float(np.corrcoef(val, g)[0, 1]),
            "r_vader": float(np.corrcoef(vc, g)[0, 1]),
        }
    return out


def xed(corpora: str, analyzer, vader, langs: list[str]) -> dict:
    rows = [r for r in te.load_xed(corpora) if te.is_dev(r[1])]
    out = {}
    for lang in langs:
        sel = [(r[1], te.plutchik_polarity(r[2])) for r in rows if r[0] == lang]
        sel = [(t, y) for t, y in sel if y in (0, 2)]
        if len(sel) < 50:
            continue
        texts, gold = [t for t, _ in sel], [y for _, y in sel]
        ours, _, _ = kvetch_polarity(analyzer, texts)
        # two classes: anything not positive counts as negative for all tools
        ours = [2 if p == 2 else 0 for p in ours]
        v = [2 if p == 2 else 0 for p in vader_polarity(vader, texts)]
        out[lang] = {"kvetch": multiclass_f1(ours, gold, [0, 2]),
                     "vader": multiclass_f1(v, gold, [0, 2]), "n": len(texts)}
    return out


def sample_archive(analyzer) -> dict:
    """Polarity against what each message of the bundled sample archive is
    about (issue_true): no sentiment labels, so shares, not F1."""
    import pandas as pd
    df = pd.read_csv(os.path.join(ROOT, "corpora", "sample_tickets.csv"))
    df["polarity"] = analyzer.analyze(df["text"]).to_pandas()["polarity"].astype(str).to_numpy()
    kind = df["issue_true"].where(df["issue_true"].isin(["praise", "question"]), "complaint")
    kind = kind.mask(df["issue_true"] == "other", "other")
    out = {}
    for k in ["complaint", "praise", "question"]:
        d = df[kind == k]
        out[k] = {"n": len(d), "all": d["polarity"].value_counts(normalize=True).round(3).to_dict(),
                  "by_lang": {l: g["polarity"].value_counts().to_dict()
                              for l, g in d.groupby("lang_true")}}
    return out


def speed(corpora: str, vader, n: int = 50_000) -> dict:
    from textblob import TextBlob
    texts, _ = te.load_goemotions(corpora, "dev")
    texts = (texts * (n // len(texts) + 1))[:n]
    out = {}
    for threads in (1, 2):
        a = kvetch.Analyzer(n_threads=threads)
        a.analyze(texts[:1000])
        t0 = time.perf_counter()
        a.analyze(texts)
        out[f"kvetch_{threads}t"] = n / (time.perf_counter() - t0)
    k = 5_000
    t0 = time.perf_counter()
    for t in texts[:k]:
        vader.polarity_scores(t)
    out["vader"] = k / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for t in texts[:k]:
        TextBlob(t).sentiment
    out["textblob"] = k / (time.perf_counter() - t0)
    # Head to head, 1 thread each: this shared host's speed drifts between
    # passes, so each round times both back to back (order alternating) and
    # the median of the per-round ratios is reported.
    one = kvetch.Analyzer(n_threads=1)
    ratios = []
    for r in range(7):
        rate = {}
        for who in (("kvetch", "vader") if r % 2 == 0 else ("vader", "kvetch")):
            t0 = time.perf_counter()
            if who == "kvetch":
                one.analyze(texts[:20_000])
                rate[who] = 20_000 / (time.perf_counter() - t0)
            else:
                for t in texts[:2_000]:
                    vader.polarity_scores(t)
                rate[who] = 2_000 / (time.perf_counter() - t0)
        ratios.append(rate["kvetch"] / rate["vader"])
    ratios.sort()
    out["ratio_1t_median"], out["ratio_1t_range"] = ratios[3], (ratios[0], ratios[-1])
    return out


def main() -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default=os.path.join(ROOT, "..", "shared", "corpora"))
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--model", help="an emotion model file (default: the bundled one)")
    ap.add_argument("--no-speed", action="store_true", help="quality only")
    ap.add_argument("--speed-only", action="store_true", help="speed only")
    args = ap.parse_args()
    corpora = os.path.abspath(args.corpora)
    vader = SentimentIntensityAnalyzer()
    if args.speed_only:
        return print_speed(speed(corpora, vader))
    scorer = kvetch.EmotionScorer(model=args.model)
    analyzer = kvetch.Analyzer(emotion=args.model or True)
    res = {"goemotions": goemotions(corpora, scorer)}
    g = res["goemotions"]
    print(f"GoEmotions dev ({g['n']}): macro-F1 28 labels {g['go28']:.3f}, "
          f"Ekman {g['ekman']:.3f}, sentiment {g['sentiment']:.3f}")
    res["xlmt"] = xlmt(corpora, analyzer, vader)
    print("\nXLM-T val, 3-class polarity macro-F1 (and Pearson r of valence with -1/0/1 labels)")
    print("| lang | kvetch | VADER | TextBlob | r kvetch | r VADER |")
    print("|---|---:|---:|---:|---:|---:|")
    for lang, r in res["xlmt"].items():
        print(f"| {lang} | {r['kvetch']:.3f} | {r['vader']:.3f} | {r['textblob']:.3f} | "
              f"{r['r_kvetch']:.3f} | {r['r_vader']:.3f} |")
    avg = {k: np.mean([r[k] for r in res["xlmt"].values()])
           for k in ["kvetch", "vader", "textblob", "r_kvetch", "r_vader"]}
    print(f"| mean | {avg['kvetch']:.3f} | {avg['vader']:.3f} | {avg['textblob']:.3f} | "
          f"{avg['r_kvetch']:.3f} | {avg['r_vader']:.3f} |")
    res["xed"] = xed(corpora, analyzer, vader,
                     ["en", "fi", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "sv", "tr",
                      "ar", "zh", "ja", "el", "hu", "ro"])
    print("\nXED held-out, 2-class polarity macro-F1")
    print("| lang | n | kvetch | VADER |")
    print("|---|---:|---:|---:|")
    for lang, r in res["xed"].items():
        print(f"| {lang} | {r['n']} | {r['kvetch']:.3f} | {r['vader']:.3f} |")
    res["sample"] = sample_archive(analyzer)
    print("\nSample archive, polarity shares by what the message is about (issue_true)")
    for k, r in res["sample"].items():
        print(f"  {k} ({r['n']}): {r['all']}")
        for lang, counts in r["by_lang"].items():
            print(f"    {lang}: {counts}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
    if args.no_speed:
        return
    res["speed"] = speed(corpora, vader)
    print_speed(res["speed"])
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)


def print_speed(s: dict) -> None:
    print(f"\nSpeed (messages/s): kvetch 1 thread {s['kvetch_1t']:,.0f}, 2 threads "
          f"{s['kvetch_2t']:,.0f}; VADER {s['vader']:,.0f}; TextBlob {s['textblob']:,.0f}; "
          f"ratio kvetch(2t)/VADER {s['kvetch_2t'] / s['vader']:.1f}x; head to head on 1 thread "
          f"(whole Analyzer vs VADER, 7 rounds): median {s['ratio_1t_median']:.1f}x, range "
          f"{s['ratio_1t_range'][0]:.1f}-{s['ratio_1t_range'][1]:.1f}x")


if __name__ == "__main__":
    main()
