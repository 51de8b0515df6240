"""Trains kvetch's emotion model (models/emotion/emotion.kvm) from
../shared/corpora: GoEmotions (28 labels, English), XLM-T sentiment (3
classes, 8 languages), XED (Plutchik's 8 emotions, ~40 languages), plus the
customer-service phrases and emoji in cs_phrases.py and the polar words of
the labMT 1.0 happiness ratings (English; fetched from PyPI, see
fetch_labmt), taught to the polarity head.

    .venv/bin/pip install scikit-learn       # training only, not a runtime dep
    .venv/bin/python models/emotion/train_emotion.py [--corpora ../shared/corpora]

Features come from the C++ extractor (kvetch._core.emotion_features_batch),
the same code that scores at run time. Three heads over one hashed feature
space: one-vs-rest logistic regression for the 28 GoEmotions labels and for
the 8 Plutchik labels, multinomial logistic regression for polarity. Weights
are stored as int8 with one scale per output. Deterministic: fixed splits
(by hash of the text) and seeds. About 3 minutes on 2 cores.

Splits: GoEmotions train is split 90/10 (the 10% "calibration" part picks
the per-label thresholds); GoEmotions dev, XLM-T val and 10% of XED (by text
hash) are never trained on and are what benchmarks/emotion reports.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
import unicodedata

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import cs_phrases  # noqa: E402
import kvm  # noqa: E402

import kvetch._core as core  # noqa: E402

N_BUCKETS = 1 << 18
GO = list(core.GO_EMOTIONS)
NEUTRAL = GO.index("neutral")
XLMT_LANGS = ["ar", "de", "en", "es", "fr", "hi", "it", "pt"]
# XED projection file codes -> ISO 639-1 (see the XED README).
XED_CODES = {"br": "pt", "cn": "zh", "tw": "zh", "no": "nb"}
XED_SKIP = {"zh"}  # upstream "zh" is mixed Chinese/English lines
MIN_TIER_ROWS = 500
# A language without XLM-T or XED lines gets the polarity tier from its
# customer-service phrases (cs_phrases.py and cs_phrases_extra.tsv, after
# expansion) when it has this many: Japanese since session 21 (measured on
# benchmarks/emotion/support_polarity_ja.tsv; models/README.md).
MIN_CS_TIER_ROWS = 200
# The weight table is stored zlib-compressed (9.8 -> ~3.3 MiB on disk); the
# scorer copies it out at load anyway, so inflating costs only time.
COMPRESS = ("table",)
SENT_POS = {"amusement", "excitement", "joy", "love", "desire", "optimism", "caring",
            "pride", "admiration", "gratitude", "relief", "approval"}
SENT_NEG = {"fear", "nervousness", "remorse", "embarrassment", "disappointment", "sadness",
            "grief", "disgust", "anger", "annoyance", "disapproval"}
PLU_NEG, PLU_POS = {0, 2, 3, 5}, {4, 7}  # anger disgust fear sadness | joy trust


def is_dev(text: str, percent: int = 10) -> bool:
    """The fixed held-out split: 10% of texts by hash."""
    return int(hashlib.md5(text.encode()).hexdigest()[:8], 16) % 100 < percent


def strip_accents(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if unicodedata.category(c) != "Mn"))


# --- data -------------------------------------------------------------------

def load_goemotions(corpora: str, split: str):
    texts, labels = [], []
    with open(os.path.join(corpora, "goemotions", f"{split}.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            texts.append(parts[0])
            labels.append([int(x) for x in parts[1].split(",")])
    return texts, labels


def load_xlmt(corpora: str, split: str):
    rows = []
    for lang in XLMT_LANGS:
        d = os.path.join(corpora, "xlmt-sentiment", lang)
        with open(os.path.join(d, f"{split}_text.txt"), encoding="utf-8") as f:
            texts = [t.rstrip("\n") for t in f]
        with open(os.path.join(d, f"{split}_labels.txt"), encoding="utf-8") as f:
            labels = [int(x) for x in f.read().split()]
        rows += [(lang, decode_escapes(t), y) for t, y in zip(texts, labels)]
    return rows


def decode_escapes(text: str) -> str:
    """XLM-T texts carry \\uXXXX escapes; decode them, keep the rest."""
    if "\\u" not in text:
        return text
    try:
        return text.encode("latin-1", "backslashreplace").decode("unicode-escape")
    except UnicodeError:
        return text


def load_xed(corpora: str):
    """(lang, text, plutchik label list (0-based)) rows; neutral rows get []."""
    d = os.path.join(corpora, "xed")
    files = [("en", os.path.join(d, "en-annotated.tsv")), ("fi", os.path.join(d, "fi-annotated.tsv"))]
    for name in sorted(os.listdir(os.path.join(d, "projections"))):
        code = name.split("-")[0]
        if code in XED_SKIP:
            continue
        files.append((XED_CODES.get(code, code), os.path.join(d, "projections", name)))
    rows = []
    for lang, path in files:
        with open(path, encoding="utf-8", newline="") as f:
            for rec in csv.reader(f, delimiter="\t"):
                if len(rec) != 2:
                    continue
                try:
                    labels = sorted({int(x) - 1 for x in rec[1].split(",")})
                except ValueError:
                    continue
                if rec[0].strip() and all(0 <= x < 8 for x in labels):
                    rows.append((lang, rec[0], labels))
    for lang, name, col in [("en", "neu_en.txt", 1), ("fi", "neu_fi.txt", 1)]:
        with open(os.path.join(d, name), encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) > col and parts[col].strip():
                    rows.append((lang, parts[col], []))
    return rows


# CLINC150 intents that are not neutral in tone: a customer reporting a
# blocked account, a declined or lost card, fraud or lost luggage is
# complaining, and "thank you" is gratitude. Left out of the neutral rows.
CLINC_NOT_NEUTRAL = {"account_blocked", "card_declined", "damaged_card", "lost_luggage",
                     "report_fraud", "report_lost_card", "thank_you"}


def load_clinc_neutral(corpora: str, limit: int = 6000) -> list[str]:
    with open(os.path.join(corpora, "clinc150", "clinc150.csv"), encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["split"] == "train" and r["intent"] != "oos"
                and r["intent"] not in CLINC_NOT_NEUTRAL]
    rows.sort(key=lambda r: hashlib.md5(r["text"].encode()).hexdigest())
    return [r["text"] for r in rows[:limit]]


LABMT_SDIST = "labMTsimple==2.8.8"
# The English negation cues of emotion_features.cc (NegationCues, IsNegation).
EN_NEGATORS = {"not", "no", "never", "nothing", "nobody", "none", "neither", "nor",
               "without", "hardly", "cannot", "dont", "doesnt", "didnt", "isnt", "wasnt",
               "arent", "cant", "wont", "havent", "hasnt"}


def fetch_labmt(cache: str = os.path.join(HERE, "..", ".cache")) -> str:
    """The path of labMT1.txt, from the labMTsimple source distribution on
    PyPI, fetched once into `cache` (git-ignored; see models/sdist.py)."""
    import sdist
    return sdist.fetch_member(LABMT_SDIST, "LabMT/labMT1.txt", cache)


def load_labmt(path: str):
    """(word, polarity class, weight) rows from the labMT 1.0 table (Dodds
    et al. 2011, PLoS ONE, Data Set S1, CC BY: 10,222 frequent English words
    of Twitter, Google Books, the New York Times and song lyrics, each rated
    1-9 for happiness by 50 people): words rated 6.5 or more are positive,
    3.5 or less negative, weighted by how far they are beyond 6 or under 4
    (at most 1, times --lex-weight). Words in between are left out: as
    neutral rows they pulled the neutral class up everywhere (Japanese
    complaints of the sample archive scored negative: 91 -> 31 of 225).
    So are negation cues ("no", "never", "can't": rated 3.3-3.5), whose
    polarity is that of what they negate ("I don't hate it" turned
    negative with them)."""
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            word, happs = parts[0], float(parts[2])
            if word.replace("'", "") in EN_NEGATORS or word.endswith("n't"):
                continue  # negation cues: their polarity is what they negate
            if happs >= 6.5:
                yield word, 2, min(1.0, (happs - 6.0) / 2.0)
            elif happs <= 3.5:
                yield word, 0, min(1.0, (4.0 - happs) / 2.0)


# --- features ---------------------------------------------------------------

def features(texts: list[str]) -> sp.csr_matrix:
    buckets, values, offsets = core.emotion_features_batch(list(texts), N_BUCKETS)
    x = sp.csr_matrix((values, buckets.astype(np.int64), offsets), shape=(len(texts), N_BUCKETS))
    x.sum_duplicates()
    return x


def go_sentiment(labels: list[int]) -> int | None:
    names = {GO[i] for i in labels}
    pos, neg = bool(names & SENT_POS), bool(names & SENT_NEG)
    if pos and not neg:
        return 2
    if neg and not pos:
        return 0
    if names == {"neutral"}:
        return 1
    return None


def plutchik_polarity(labels: list[int]) -> int | None:
    s = set(labels)
    if not s:
        return 1
    if s <= PLU_NEG:
        return 0
    if s <= PLU_POS:
        return 2
    return None


# --- training ---------------------------------------------------------------

def train_ovr(x, y: np.ndarray, c: float, weights=None, solver: str = "liblinear",
              max_iter: int = 200):
    """One-vs-rest logistic regression: (W (features x labels), b)."""
    w = np.zeros((x.shape[1], y.shape[1]), dtype=np.float32)
    b = np.zeros(y.shape[1], dtype=np.float32)
    for k in range(y.shape[1]):
        if y[:, k].sum() == 0:
            b[k] = -8.0
            continue
        m = LogisticRegression(C=c, solver=solver, max_iter=max_iter)
        m.fit(x, y[:, k], sample_weight=weights)
        w[:, k] = m.coef_[0]
        b[k] = m.intercept_[0]
    return w, b


def best_thresholds(probs: np.ndarray, y: np.ndarray) -> np.ndarray:
    out = np.zeros(probs.shape[1], dtype=np.float32)
    for k in range(probs.shape[1]):
        best, best_f1 = 0.5, -1.0
        for t in np.arange(0.05, 0.95, 0.01):
            pred = probs[:, k] >= t
            tp = float((pred & (y[:, k] == 1)).sum())
            f1 = 2 * tp / max(1.0, pred.sum() + y[:, k].sum())
            if f1 > best_f1:
                best, best_f1 = t, f1
        out[k] = best
    return out


def taxonomies(corpora: str) -> dict[str, dict[str, list[str]]]:
    """GoEmotions' Ekman and sentiment groupings (plus neutral)."""
    out = {}
    for name, file in [("ekman", "ekman_mapping.json"), ("sentiment", "sentiment_mapping.json")]:
        with open(os.path.join(corpora, "goemotions", file), encoding="utf-8") as f:
            groups = json.load(f)
        groups["neutral"] = ["neutral"]
        out[name] = groups
    return out


STACK_CS = (0.03, 0.1, 0.3, 1.0, 3.0)


def fit_stacker(p: np.ndarray, y: np.ndarray):
    """A logistic regression from the 28 label probabilities to one group:
    C chosen by 5-fold out-of-fold F1 on (p, y), refit on all of it.
    Returns (bias, weights, out-of-fold scores)."""
    from sklearn.model_selection import StratifiedKFold
    best = None
    for c in STACK_CS:
        oof = np.zeros(len(y))
        for a, b in StratifiedKFold(5, shuffle=True, random_state=0).split(p, y):
            m = LogisticRegression(C=c, max_iter=2000).fit(p[a], y[a])
            oof[b] = m.predict_proba(p[b])[:, 1]
        thr = best_thresholds(oof[:, None], y[:, None])
        score = macro_f1(oof[:, None] >= thr, y[:, None])
        if best is None or score > best[0]:
            best = (score, c, oof)
    m = LogisticRegression(C=best[1], max_iter=2000).fit(p, y)
    return float(m.intercept_[0]), m.coef_[0], best[2]


def group_stackers(corpora: str, model: str, cal_texts: list[str], cal_y: np.ndarray) -> bytes:
    """Lines "taxonomy, group, members (comma-separated), threshold, stacker
    (bias then one weight per GoEmotions label, comma-separated)". A group's
    score is sigmoid(bias + weights . p), p the 28 probabilities the scorer
    in `model` gives at run time; the stacker and threshold are fit on the
    calibration split (thresholds on out-of-fold scores). Measured on
    GoEmotions dev against the noisy-OR of the member labels: Ekman
    0.567 -> 0.567, sentiment 0.632 -> 0.652."""
    import kvetch
    p = kvetch.EmotionScorer(model=model).predict_proba(cal_texts).to_numpy().astype(np.float64)
    lines = []
    for tax, groups in taxonomies(corpora).items():
        names = list(groups)
        gy = np.stack([cal_y[:, [GO.index(m) for m in groups[g]]].max(axis=1) for g in names], axis=1)
        fits = [fit_stacker(p, gy[:, k]) for k in range(len(names))]
        oof = np.stack([f[2] for f in fits], axis=1)
        thr = best_thresholds(oof, gy)
        print(f"  {tax}: calibration macro-F1 {macro_f1(oof >= thr, gy):.3f} (out of fold)")
        for g, t, (bias, w, _) in zip(names, thr, fits):
            coefs = ",".join(f"{v:.5g}" for v in [bias, *w])
            lines.append(f"{tax}\t{g}\t{','.join(groups[g])}\t{t:.2f}\t{coefs}")
    return "\n".join(lines).encode()


def calibration_split(corpora: str):
    """The GoEmotions train rows held out for thresholds: texts, 0/1 labels."""
    ge_texts, ge_labels = load_goemotions(corpora, "train")
    rows = [(t, l) for t, l in zip(ge_texts, ge_labels) if is_dev(t)]
    y = np.zeros((len(rows), len(GO)), dtype=np.int8)
    for j, (_, labels) in enumerate(rows):
        y[j, labels] = 1
    return [t for t, _ in rows], y


def write_groups(corpora: str, path: str) -> None:
    """Refits the `groups` section of the model at `path` in place."""
    cal_texts, cal_y = calibration_split(corpora)
    groups = group_stackers(corpora, path, cal_texts, cal_y)
    kind, version, data_hash, sections = kvm.read(path)
    sections["groups"] = groups
    kvm.write(path, kind, version, data_hash, sections,
              checksum=lambda body: core.fnv1a64(bytes(body)), compress=COMPRESS)


def quantize(w: np.ndarray):
    """int8 weights and one scale per column (max |w| / 127: the strongest
    features, which decide most messages, are never clipped)."""
    scale = np.maximum(np.abs(w).max(axis=0), 1e-6) / 127.0
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def macro_f1(pred: np.ndarray, y: np.ndarray) -> float:
    f1s = []
    for k in range(y.shape[1]):
        tp = float((pred[:, k] & (y[:, k] == 1)).sum())
        denom = pred[:, k].sum() + y[:, k].sum()
        f1s.append(2 * tp / denom if denom else 0.0)
    return float(np.mean(f1s))


def main() -> None:
    global N_BUCKETS  # features() reads it; --buckets sets it
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default=os.path.join(HERE, "..", "..", "..", "shared", "corpora"))
    ap.add_argument("--out", default=os.path.join(HERE, "emotion.kvm"))
    ap.add_argument("--buckets", type=int, default=N_BUCKETS,
                    help="hashed feature buckets, a power of two")
    ap.add_argument("--c-go", type=float, default=1.0)
    ap.add_argument("--c-pol", type=float, default=0.2)
    ap.add_argument("--c-plu", type=float, default=0.5)
    ap.add_argument("--lexicon", help="labMT 1.0 word list (labMT1.txt); default: fetched "
                    f"from PyPI ({LABMT_SDIST}) into models/.cache")
    ap.add_argument("--no-lexicon", action="store_true", help="train without the word list")
    ap.add_argument("--lex-weight", type=float, default=3.0)
    ap.add_argument("--shout-weight", type=float, default=0.0,
                    help="weight of shouted copies of 1 in 10 CLINC150 requests, taught as "
                    "negative (measured at 0.3, not used: XLM-T it -0.025; benchmarks/README)")
    ap.add_argument("--neg-lex-weight", type=float, default=0.5,
                    help="each lexicon word also negated ('not WORD'), at this share of its weight")
    ap.add_argument("--clinc-weight", type=float, default=0.0,
                    help="polarity weight of a CLINC150 request taught as neutral (0.3 until "
                    "session 21; since cs_phrases_extra.tsv's neutral requests in ten "
                    "languages, 0: they taught that delivery and order words are neutral, "
                    "so 'my package is 12 days late' read neutral; benchmarks/README.md)")
    ap.add_argument("--cs-weight", type=float, default=2.0,
                    help="polarity weight of a customer-service phrase or emoji row")
    ap.add_argument("--no-extra", action="store_true",
                    help="leave out cs_phrases_extra.tsv (the model before session 21)")
    ap.add_argument("--groups-only", action="store_true",
                    help="refit only the Ekman/sentiment stackers of --out")
    args = ap.parse_args()
    if args.groups_only:
        write_groups(os.path.abspath(args.corpora), args.out)
        print(f"rewrote the groups section of {args.out}")
        return
    N_BUCKETS = args.buckets
    t0 = time.time()
    corpora = os.path.abspath(args.corpora)

    # GoEmotions: 90% train, 10% calibration (thresholds).
    ge_texts, ge_labels = load_goemotions(corpora, "train")
    cal = np.array([is_dev(t) for t in ge_texts])
    cs = list(cs_phrases.expand(extra=not args.no_extra)) + list(cs_phrases.expand_negation())
    emoji = list(cs_phrases.expand_emoji())
    go_texts = [t for t, c in zip(ge_texts, cal) if not c] + [r[1] for r in cs]
    go_y = np.zeros((len(go_texts), len(GO)), dtype=np.int8)
    i = 0
    for labels, c in zip(ge_labels, cal):
        if not c:
            go_y[i, labels] = 1
            i += 1
    for lang, text, labels, pol in cs:
        go_y[i, [GO.index(l) for l in labels]] = 1
        i += 1
    x_go = features(go_texts)
    print(f"GoEmotions rows {x_go.shape[0]}, nnz {x_go.nnz}  [{time.time() - t0:.0f}s]")
    w_go, b_go = train_ovr(x_go, go_y, args.c_go)
    cal_texts = [t for t, c in zip(ge_texts, cal) if c]
    cal_y = np.zeros((len(cal_texts), len(GO)), dtype=np.int8)
    for j, labels in enumerate(l for l, c in zip(ge_labels, cal) if c):
        cal_y[j, labels] = 1
    cal_p = 1 / (1 + np.exp(-(features(cal_texts) @ w_go + b_go)))
    thresholds = best_thresholds(cal_p, cal_y)
    print(f"GO head trained; calibration macro-F1 {macro_f1(cal_p >= thresholds, cal_y):.3f}"
          f"  [{time.time() - t0:.0f}s]")

    # Polarity: XLM-T + GoEmotions sentiment + XED polarity + CS phrases.
    pol_texts, pol_y, pol_w = [], [], []

    def add(text, y, w):
        pol_texts.append(text)
        pol_y.append(y)
        pol_w.append(w)

    xlmt_train = load_xlmt(corpora, "train")
    xlmt_cal = [r for r in xlmt_train if is_dev(r[1])]
    for lang, text, y in xlmt_train:
        if is_dev(text):
            continue  # the polarity calibration split
        add(text, y, 1.0)
        if lang != "en" and strip_accents(text) != text:
            add(strip_accents(text), y, 0.5)
    for text, labels, c in zip(ge_texts, ge_labels, cal):
        y = go_sentiment(labels)
        if y is not None and not c:
            add(text, y, 0.4)
    xed = [r for r in load_xed(corpora) if not is_dev(r[1])]
    tier_rows: dict[str, int] = {}
    for lang, text, labels in xed:
        y = plutchik_polarity(labels)
        tier_rows[lang] = tier_rows.get(lang, 0) + 1
        # Projected lines have no neutral class: a light weight keeps them
        # from teaching "every non-English message is polar".
        if y is not None:
            add(text, y, 0.3 if lang in ("en", "fi") else 0.1)
    # Task-oriented requests (CLINC150 train, in-scope) are neutral in tone:
    # they taught the polarity head that a question is not a complaint
    # (weight 0 by default since session 21, see --clinc-weight).
    for i, text in enumerate(load_clinc_neutral(corpora) if args.clinc_weight or
                             args.shout_weight else []):
        add(text, 1, args.clinc_weight)
        if args.shout_weight > 0 and i % 10 == 0:
            # The same request shouted ("WHERE IS MY REFUND!!!") is angry.
            add(text.upper().rstrip("?.!") + "!!!", 0, args.shout_weight)
    for lang, text, labels, pol in cs + emoji:
        add(text, pol, args.cs_weight)
        if strip_accents(text) != text:
            add(strip_accents(text), pol, args.cs_weight / 2)
    if not args.no_lexicon:
        n_lex = 0
        for word, y, w in load_labmt(args.lexicon or fetch_labmt()):
            add(word, y, w * args.lex_weight)
            n_lex += 1
            if args.neg_lex_weight > 0:
                # Negated: a positive word turns negative ("not happy"), a
                # negative one neutral ("I don't hate it", "not bad").
                add(f"not {word}", 0 if y == 2 else 1, w * args.lex_weight * args.neg_lex_weight)
                n_lex += 1
        print(f"  {n_lex} lexicon rows")
    x_pol = features(pol_texts)
    print(f"polarity rows {x_pol.shape[0]}  [{time.time() - t0:.0f}s]")
    m = LogisticRegression(C=args.c_pol, max_iter=300)
    m.fit(x_pol, np.array(pol_y), sample_weight=np.array(pol_w))
    w_pol, b_pol = m.coef_.T.astype(np.float32), m.intercept_.astype(np.float32)
    # Measured and left out: shifting the neutral logit to maximise macro-F1
    # on this calibration split (+0.6) lowered XLM-T val through the
    # sentence-level scorer (0.518 -> 0.501 mean) and turned clear complaints
    # neutral; a smaller shift (neutral intercept 0.1 above the others, so
    # that "no evidence" is neutral) cost 0.9 points and moved 9% of the
    # sample archive's complaints to neutral. The split stays out of
    # training, for comparisons.
    print(f"  polarity calibration split: {len(xlmt_cal)} XLM-T rows held out")
    print(f"polarity head trained  [{time.time() - t0:.0f}s]")

    # Plutchik: XED rows with emotions (neutral rows are all-zero targets).
    plu_texts = [r[1] for r in xed] + [r[1] for r in emoji]
    plu_y = np.zeros((len(plu_texts), 8), dtype=np.int8)
    for j, r in enumerate(xed):
        plu_y[j, r[2]] = 1
    for j, (_, _, labels, _) in enumerate(emoji, start=len(xed)):
        for label in labels:
            plu_y[j, cs_phrases.EMOJI_PLUTCHIK.get(label, [])] = 1
    x_plu = features(plu_texts)
    w_plu, b_plu = train_ovr(x_plu, plu_y, args.c_plu, solver="lbfgs", max_iter=100)
    print(f"Plutchik head trained on {len(plu_texts)} rows  [{time.time() - t0:.0f}s]")

    w = np.concatenate([w_go, w_pol, w_plu], axis=1)
    b = np.concatenate([b_go, b_pol, b_plu]).astype(np.float32)
    q, scale = quantize(w)
    tiers = {"en": 2}
    for lang in XLMT_LANGS:
        tiers.setdefault(lang, 1)
    for lang, n in tier_rows.items():
        if n >= MIN_TIER_ROWS:
            tiers.setdefault(lang, 1)
    cs_rows: dict[str, int] = {}
    for lang, *_ in cs:
        cs_rows[lang] = cs_rows.get(lang, 0) + 1
    for lang, n in cs_rows.items():
        if n >= MIN_CS_TIER_ROWS and not args.no_extra:
            tiers.setdefault(lang, 1)
    tier_text = "\n".join(f"{k}\t{v}" for k, v in sorted(tiers.items())).encode()
    sources = ["goemotions/train.tsv", "xlmt-sentiment", "xed", "cs_phrases_extra.tsv"]
    if args.clinc_weight or args.shout_weight:
        sources.append("clinc150")
    if not args.no_lexicon:
        sources.append(f"{LABMT_SDIST}:labMT1.txt x{args.lex_weight:g}")
    manifest = "\n".join(sources).encode()
    kvm.write(args.out, "emotion", 1, core.fnv1a64(manifest), {
        "meta": np.array([N_BUCKETS, w.shape[1]], dtype=np.uint32).tobytes(),
        "scale": scale.tobytes(),
        "bias": b.tobytes(),
        "thresholds": thresholds.astype(np.float32).tobytes(),
        "tiers": tier_text,
        "table": q.tobytes(),
    }, checksum=lambda body: core.fnv1a64(bytes(body)), compress=COMPRESS)
    write_groups(corpora, args.out)  # needs the scorer, so the file, first
    print(f"wrote {args.out}: {os.path.getsize(args.out) / 1e6:.1f} MB, "
          f"{len(tiers)} languages with a model  [{time.time() - t0:.0f}s]")


if __name__ == "__main__":
    main()
