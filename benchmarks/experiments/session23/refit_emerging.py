import pandas as pd, kvetch, warnings
warnings.simplefilter("ignore")
df = pd.read_csv("corpora/sample_tickets.csv")
t = pd.to_datetime(df.created_at, utc=True)
cut = t.max() - pd.Timedelta(days=14)
old, new = df[t < cut], df[t >= cut]
cc = kvetch.ComplaintClusterer(random_state=0).fit(old[["text", "created_at", "channel"]])
cc.save(__import__("tempfile").gettempdir() + "/old.kvc")
cc2 = kvetch.ComplaintClusterer.load(__import__("tempfile").gettempdir() + "/old.kvc").fit(new[["text", "created_at", "channel"]])
info = cc2.get_cluster_info()
d = cc2.get_document_info()
print("clusters", len(info), "emerging", int(info.emerging.sum()))
truth = new["issue_true"].to_numpy()
for _, r in info[info.emerging].iterrows():
    m = d["cluster"].to_numpy() == r["id"]
    top = pd.Series(truth[m]).value_counts().head(1)
    print(r["id"], r["label"], r["size"], dict(top), list(r["weekly"].items())[-3:])
full = kvetch.ComplaintClusterer(random_state=0).fit(df[["text", "created_at", "channel"]]).get_cluster_info()
print("full fit emerging", int(full.emerging.sum()))
