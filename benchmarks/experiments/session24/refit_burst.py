"""Session 24 (run from the repository root; optional argument: a quantile
of member similarities to use as reach instead of the minimum). Fit on everything before the checkout_error_500 burst, refit on the rest:
where do the burst's messages go? And id stability on 90% overlap."""
import sys, warnings, tempfile, numpy as np, pandas as pd, kvetch
from kvetch import _kmeans
warnings.simplefilter("ignore")
mode = sys.argv[1] if len(sys.argv) > 1 else "min"
if mode != "min":
    q = float(mode)
    def thresholds(sims, labels, k):
        out = np.ones(k, np.float32)
        for c in range(k):
            s = sims[labels == c]
            if len(s):
                out[c] = np.quantile(s, q) - _kmeans.OUTLIER_MARGIN
        return out
    _kmeans.thresholds = thresholds
df = pd.read_csv("corpora/sample_tickets.csv")
t = pd.to_datetime(df.created_at, utc=True)
first = t[df.issue_true == "checkout_error_500"].min()
old, new = df[t < first], df[t >= first]
cols = ["text", "created_at", "channel"]
cc = kvetch.ComplaintClusterer(random_state=0).fit(old[cols])
p = tempfile.gettempdir() + "/old.kvc"; cc.save(p)
known = set(cc.get_cluster_info().id)
cc2 = kvetch.ComplaintClusterer.load(p).fit(new[cols])
d = cc2.get_document_info()
lab = d.cluster.to_numpy(); truth = new.issue_true.to_numpy()
b = truth == "checkout_error_500"
comp = d.is_complaint.to_numpy()
print(f"mode {mode}: burst {b.sum()}, complaints {int((b & comp).sum())}: old ids {int(np.isin(lab[b], list(known)).sum())}, "
      f"new ids {int(((lab[b] >= 0) & ~np.isin(lab[b], list(known))).sum())}, outliers {int((lab[b & comp] < 0).sum())}")
# non-burst complaint messages of the new period: share in old ids
nb = ~b & comp
print(f"  other complaints in new period {nb.sum()}: old ids {np.isin(lab[nb], list(known)).mean():.3f}, new {((lab[nb]>=0)&~np.isin(lab[nb], list(known))).mean():.3f}, out {(lab[nb]<0).mean():.3f}")
info = cc2.get_cluster_info()
print("  clusters", len(info), "new ids", int((~info.id.isin(known)).sum()), "emerging", int(info.emerging.sum()))
# 90% overlap id stability (as the test): fit on rows 0..90%, refit on 10%..100%
n = len(df); a = df.iloc[: int(n * 0.9)]; bb = df.iloc[int(n * 0.1):]
c1 = kvetch.ComplaintClusterer(random_state=0).fit(a[cols]); l1 = c1.labels_
ids1 = set(c1.get_cluster_info().id)
c1.fit(bb[cols]); l2 = c1.labels_
ov1 = l1[int(n * 0.1):]; ov2 = l2[: len(ov1)]
ids2 = set(c1.get_cluster_info().id)
m = ov1 >= 0
print(f"  90% overlap: ids kept {len(ids1 & ids2)/len(ids1):.3f}, messages kept id {(ov1[m]==ov2[m]).mean():.3f}")
