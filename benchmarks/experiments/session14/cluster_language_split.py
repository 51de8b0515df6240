"""Session 14: does giving k, or a lower merge threshold, mend the sample
archive's split of one issue into per-language clusters? Clusters the
complaints (the default) and prints, per setting, the clusters, the NMI
against the complaint issues over the rows that got a cluster, and the
emerging clusters' sizes.

    .venv/bin/pip install scikit-learn
    .venv/bin/python benchmarks/experiments/session14/cluster_language_split.py
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import normalized_mutual_info_score

import kvetch

SAMPLE = Path(__file__).resolve().parents[3] / "corpora" / "sample_tickets.csv"
SETTINGS = [(None, None), (None, 0.30), (None, 0.25), (None, 0.20), (15, None), (30, None),
            (60, None)]


def main() -> None:
    warnings.simplefilter("ignore")
    df = pd.read_csv(SAMPLE)
    complaint = ~df["issue_true"].isin(["question", "praise", "other"]).to_numpy()
    for k, threshold in SETTINGS:
        cc = kvetch.ComplaintClusterer(n_clusters=k, merge_threshold=threshold)
        labels = np.asarray(cc.fit_predict(df[["text", "created_at", "channel"]]))
        info = cc.get_cluster_info()
        rows = complaint & (labels >= 0)
        nmi = normalized_mutual_info_score(df["issue_true"][rows], labels[rows])
        emerging = sorted(info.loc[info["emerging"], "size"].tolist(), reverse=True)
        print(f"n_clusters={k} merge_threshold={threshold}: {len(info)} clusters, "
              f"{rows.sum()} complaint rows clustered, NMI {100 * nmi:.1f}, "
              f"emerging sizes {emerging}")


if __name__ == "__main__":
    main()
