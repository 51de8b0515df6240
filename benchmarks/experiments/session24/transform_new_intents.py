"""Session 24: transform() with intents held back from the fit (as
refit_new_intents.py): new-intent rows given a known id (absorbed), and
old-intent rows that transform gives the id the fit gave them (kept).

    .venv/bin/python benchmarks/experiments/session24/transform_new_intents.py [off]
"""
import sys, warnings, numpy as np, pandas as pd, kvetch
from kvetch import _kmeans
warnings.simplefilter("ignore")
if "off" in sys.argv[1:]:
    _kmeans.NEW_ISSUE_SIMILARITY = -1.0
def run(df, seed, n_new):
    rng = np.random.default_rng(seed)
    intents = np.array(sorted(df.intent.unique()))
    is_new = df.intent.isin(set(rng.choice(intents, n_new, replace=False))).to_numpy()
    u = rng.random(len(df))
    first, second = (~is_new) & (u < 0.6), u >= 0.3
    cc = kvetch.ComplaintClusterer(only_complaints=False, random_state=0, n_threads=2)
    l1 = pd.Series(cc.fit_predict(df.loc[first, "text"].tolist()), index=np.flatnonzero(first))
    l2 = pd.Series(cc.transform(df.loc[second, "text"].tolist()), index=np.flatnonzero(second))
    both = l1.index.intersection(l2.index)
    a, b = l1[both], l2[both]
    return (l2[is_new[l2.index]] >= 0).mean(), (a[a >= 0] == b[a >= 0]).mean()
bit = pd.read_csv("../shared/corpora/bitext-support/bitext_support.csv")
cl = pd.read_csv("../shared/corpora/clinc150/clinc150.csv")
clv = cl[(cl.split == "val") & (cl.intent != "oos")].reset_index(drop=True)
res = [(name, s) + run(df, s, nn) for name, df, nn in (("bitext", bit, 4), ("clinc-val", clv, 20))
       for s in range(3)]
r = pd.DataFrame(res, columns=["data", "seed", "absorbed", "kept"])
print(r.groupby("data")[["absorbed", "kept"]].mean().round(3).to_string())
