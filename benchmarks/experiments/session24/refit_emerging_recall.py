"""Session 24: emerging clusters of a refit on the sample archive's last
fortnight: burst messages in them and others (run from the repository root)."""
import warnings, numpy as np, pandas as pd, kvetch, tempfile
warnings.simplefilter("ignore")
sample = pd.read_csv("corpora/sample_tickets.csv")
t = pd.to_datetime(sample["created_at"], utc=True)
cut = t.max() - pd.Timedelta(days=14)
cols = ["text", "created_at", "channel"]
p = tempfile.gettempdir() + "/m.kvc"
kvetch.ComplaintClusterer(random_state=0).fit(sample[t < cut][cols]).save(p)
cc = kvetch.ComplaintClusterer.load(p).fit(sample[t >= cut][cols])
info, docs = cc.get_cluster_info(), cc.get_document_info()
em = info[info.emerging]
truth = sample[t >= cut]["issue_true"].to_numpy()
ine = np.isin(docs.cluster.to_numpy(), em.id.to_numpy())
print("emerging", len(em), "burst in emerging", int((truth[ine] == "checkout_error_500").sum()), "of", int((truth == "checkout_error_500").sum()),
      "others in emerging", int((truth[ine] != "checkout_error_500").sum()), pd.Series(truth[ine & (truth != "checkout_error_500")]).value_counts().to_dict())
