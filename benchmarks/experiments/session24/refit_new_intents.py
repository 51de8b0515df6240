"""Session 24. Refit with new intents (run from the repository root): fit on most intents, refit on a window holding
new ones. Measures absorbed (new-intent rows given an old id), kept (old-intent
rows in both fits that keep their id), and new-intent rows in new ids.

    .venv/bin/python benchmarks/experiments/session24/refit_new_intents.py [off] [test]

"off" measures the refit without the new-issue check (the behaviour before
session 24); "test" uses CLINC150's test split instead of val (scored once,
after NEW_ISSUE_SIMILARITY and NEW_ISSUE_GROWTH were chosen on val and Bitext)."""
import sys, warnings, numpy as np, pandas as pd, kvetch
from kvetch import _kmeans
warnings.simplefilter("ignore")
if "off" in sys.argv[1:]:
    _kmeans.NEW_ISSUE_SIMILARITY = -1.0  # every fresh cluster "matches": no release
SPLIT = "test" if "test" in sys.argv[1:] else "val"
def run(df, text, label, seed, n_new):
    rng = np.random.default_rng(seed)
    intents = np.array(sorted(df[label].unique()))
    new_int = set(rng.choice(intents, n_new, replace=False))
    is_new = df[label].isin(new_int).to_numpy()
    u = rng.random(len(df))
    first = (~is_new) & (u < 0.6)           # fit: 60% of old intents
    second = (u >= 0.3)                      # refit: the other 70%, new intents included
    cc = kvetch.ComplaintClusterer(only_complaints=False, random_state=0, n_threads=2)
    cc.fit(df.loc[first, text].tolist())
    known = set(cc.get_cluster_info().id); l1 = pd.Series(cc.labels_, index=np.flatnonzero(first))
    cc.fit(df.loc[second, text].tolist())
    l2 = pd.Series(cc.labels_, index=np.flatnonzero(second))
    both = l1.index.intersection(l2.index)
    a, b = l1[both], l2[both]; m = a >= 0
    kept = (a[m] == b[m]).mean()
    nw = l2[is_new[l2.index]]
    absorbed = nw.isin(known).mean(); newid = ((nw >= 0) & ~nw.isin(known)).mean()
    return absorbed, newid, kept
bit = pd.read_csv("../shared/corpora/bitext-support/bitext_support.csv")
cl = pd.read_csv("../shared/corpora/clinc150/clinc150.csv")
clv = cl[(cl.split == SPLIT) & (cl.intent != "oos")].reset_index(drop=True)
res = []
for name, df, nn in [("bitext", bit, 4), (f"clinc-{SPLIT}", clv, 20)]:
    for seed in range(3):
        res.append((name, seed) + run(df, "text", "intent", seed, nn))
r = pd.DataFrame(res, columns=["data", "seed", "absorbed", "new_id", "kept"])
print(r.groupby("data")[["absorbed", "new_id", "kept"]].mean().round(3).to_string())
