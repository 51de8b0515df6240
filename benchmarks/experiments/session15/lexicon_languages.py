"""Session 15: what the support lexicon (models/embed/cs_lexicon.py) does to
the sample archive's clusters. For each embedding table given (default: the
bundled one) and random_state 0-2, prints: clusters and NMI against the
issues over all messages, the mean of the per-language NMIs, the share of
clusters holding more than one language; with the default complaints-only
clustering: clusters, NMI over the clustered complaint rows, emerging
clusters, the burst's share of their messages and the share of the
clustered burst they hold; NMI with n_clusters=15; and the share of
same-issue, different-language message pairs that share a cluster against
that of different-issue pairs (``_cross_language_together`` of
tests/python/test_cluster.py). Then the means over the three seeds.

The table before the lexicon is the file at commit c723468:

    git show c723468:models/embed/embed.kvm > /tmp/embed_before.kvm
    .venv/bin/pip install scikit-learn
    .venv/bin/python benchmarks/experiments/session15/lexicon_languages.py /tmp/embed_before.kvm \\
        models/embed/embed.kvm
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import normalized_mutual_info_score

import kvetch

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "python"))
from test_cluster import _cross_language_together  # noqa: E402

COLUMNS = ["all clusters", "all NMI", "per-language NMI", "multi-language %",
           "complaint clusters", "complaint NMI", "emerging", "emerging burst %",
           "burst held %", "k=15 NMI", "cross-language same-issue %",
           "cross-language other %"]


def nmi(a, b) -> float:
    return 100 * normalized_mutual_info_score(a, b)


def one_seed(df: pd.DataFrame, table: str, seed: int) -> list[float]:
    frame = df[["text", "created_at", "channel"]]
    issues, langs = df["issue_true"].to_numpy(), df["lang_true"].to_numpy()
    complaint = ~df["issue_true"].isin(["question", "praise", "other"]).to_numpy()
    burst = issues == "checkout_error_500"

    def fit(**kw):
        cc = kvetch.ComplaintClusterer(embed_model=table, random_state=seed, **kw)
        return np.asarray(cc.fit_predict(frame)), cc

    lab, cc = fit(only_complaints=False)
    info = cc.get_cluster_info()
    per_lang = [nmi(g["issue_true"], lab[g.index]) for _, g in df.groupby("lang_true")
                if len(g) >= 100]
    out = [len(info), nmi(issues, lab), float(np.mean(per_lang)),
           100 * float(np.mean([len(x) > 1 for x in info["languages"]]))]
    lab, cc = fit()
    info = cc.get_cluster_info()
    rows = complaint & (lab >= 0)
    flagged = np.isin(lab, info.loc[info["emerging"], "id"].to_numpy())
    out += [len(info), nmi(issues[rows], lab[rows]), int(info["emerging"].sum()),
            100 * burst[flagged].mean(), 100 * flagged[burst & (lab >= 0)].mean()]
    same, other = _cross_language_together(issues, langs, lab)
    lab15, _ = fit(n_clusters=15)
    rows = complaint & (lab15 >= 0)
    return out + [nmi(issues[rows], lab15[rows]), 100 * same, 100 * other]


def main() -> None:
    warnings.simplefilter("ignore")
    df = pd.read_csv(ROOT / "corpora" / "sample_tickets.csv")
    tables = sys.argv[1:] or [None]
    for table in tables:
        runs = np.array([one_seed(df, table, seed) for seed in (0, 1, 2)])
        print(f"== {table or 'bundled table'}")
        for name, col in zip(COLUMNS, runs.T):
            print(f"  {name:28s} mean {col.mean():7.2f}   seeds "
                  + " ".join(f"{v:.2f}" for v in col))


if __name__ == "__main__":
    main()
