import pandas as pd, numpy as np, kvetch, warnings
from sklearn.metrics import normalized_mutual_info_score as nmi
df = pd.read_csv("corpora/sample_tickets.csv")
res = kvetch.Analyzer().analyze(df["text"])
for mt in (None, 0.35, 0.30, 0.25, 0.20):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cc = kvetch.ComplaintClusterer(random_state=0, merge_threshold=mt).fit(res, timestamps=df["created_at"])
    d = cc.get_document_info()
    m = d["is_complaint"].to_numpy()
    lab = cc.labels_[m]; truth = df["issue_true"].to_numpy()[m]
    info = cc.get_cluster_info()
    print(mt, cc.floor_, len(info), f"outliers {np.mean(lab<0):.2f}", f"NMI {100*nmi(truth, lab):.1f}", "emerging", int(info.emerging.sum()))
