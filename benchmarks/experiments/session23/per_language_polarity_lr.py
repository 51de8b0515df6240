import sys, numpy as np
sys.path.insert(0, "models/emotion"); sys.path.insert(0, "models")
import train_emotion as T
from sklearn.linear_model import LogisticRegression
def f1(y, p): return np.mean([2*np.sum((y==c)&(p==c))/max(1,np.sum(y==c)+np.sum(p==c)) for c in range(3)])
for lang in ["hi", "es", "it"]:
    d = f"../shared/corpora/xlmt-sentiment/{lang}"
    tr = [T.decode_escapes(t.rstrip("\n")) for t in open(f"{d}/train_text.txt", encoding="utf-8")]
    ytr = np.array([int(x) for x in open(f"{d}/train_labels.txt").read().split()])
    va = [T.decode_escapes(t.rstrip("\n")) for t in open(f"{d}/val_text.txt", encoding="utf-8")]
    yva = np.array([int(x) for x in open(f"{d}/val_labels.txt").read().split()])
    Xtr, Xva = T.features(tr), T.features(va)
    print(lang, " ".join(f"C={C}:{f1(yva, LogisticRegression(C=C, max_iter=1000).fit(Xtr, ytr).predict(Xva)):.3f}" for C in (0.05, 0.2, 1.0)))
