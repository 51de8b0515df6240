import pandas as pd, kvetch, warnings
warnings.simplefilter("ignore")
df = pd.read_csv("corpora/sample_tickets.csv")
t = pd.to_datetime(df.created_at, utc=True)
end = t.max() - pd.Timedelta(days=14)
cut = end - pd.Timedelta(days=14)
old, new = df[t < cut], df[(t >= cut) & (t < end)]
cc = kvetch.ComplaintClusterer(random_state=0).fit(old[["text", "created_at", "channel"]])
cc2 = kvetch.ComplaintClusterer.load  # noqa
import pickle
cc2 = pickle.loads(pickle.dumps(cc)).fit(new[["text", "created_at", "channel"]])
info = cc2.get_cluster_info(); d = cc2.get_document_info()
print("no-burst refit: clusters", len(info), "emerging", int(info.emerging.sum()))
truth = new["issue_true"].to_numpy()
for _, r in info[info.emerging].iterrows():
    m = d["cluster"].to_numpy() == r["id"]
    print(r["id"], r["label"], r["size"], dict(pd.Series(truth[m]).value_counts().head(2)), list(r["weekly"].items())[-4:])
