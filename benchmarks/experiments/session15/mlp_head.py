import sys, numpy as np, torch, time
from sklearn.cluster import KMeans
from sklearn.metrics import normalized_mutual_info_score as nmi
torch.set_num_threads(2); torch.manual_seed(0)
P = np.load("/tmp/head/pooled.npz", allow_pickle=True)
T = np.load("/tmp/embed_sentences.npz")["vectors"].astype(np.float32)
X = P["train"]; keep = np.linalg.norm(X, axis=1) > 0
X, T = X[keep], T[keep]
Tc = T - T.mean(0, keepdims=True)
hidden = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
def unit(a): return a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)
def score(fn, name):
    res = []
    for key, k in (("clinc_val", 150), ("clinc_test", 150), ("bitext", 27)):
        v = fn(P[key]); v = unit(v - v.mean(0, keepdims=True))
        s = np.mean([nmi(P[key + "_y"], KMeans(k, n_init=1, random_state=r).fit_predict(v)) for r in range(2)])
        res.append(100 * s)
    print(name, " ".join(f"{r:.1f}" for r in res), flush=True)
score(lambda v: v, "base")
class Head(torch.nn.Module):
    def __init__(s):
        super().__init__()
        s.lin = torch.nn.Linear(256, 384)
        s.mlp = torch.nn.Sequential(torch.nn.Linear(256, hidden), torch.nn.GELU(), torch.nn.Linear(hidden, 384)) if hidden else None
    def forward(s, x):
        return s.lin(x) + (s.mlp(x) if s.mlp is not None else 0)
h = Head(); opt = torch.optim.AdamW(h.parameters(), 1e-3, weight_decay=1e-4)
Xt, Tt = torch.tensor(X), torch.tensor(Tc)
n = len(Xt); perm = torch.randperm(n); val = perm[:5000]; tr = perm[5000:]
for ep in range(epochs):
    t0 = time.time(); h.train()
    idx = tr[torch.randperm(len(tr))]
    for s in range(0, len(idx), 256):
        b = idx[s:s+256]
        loss = 1 - torch.nn.functional.cosine_similarity(h(Xt[b]), Tt[b]).mean()
        opt.zero_grad(); loss.backward(); opt.step()
    with torch.no_grad():
        vl = torch.nn.functional.cosine_similarity(h(Xt[val]), Tt[val]).mean().item()
    print(f"epoch {ep} heldout cos {vl:.4f} {time.time()-t0:.0f}s", flush=True)
h.eval()
with torch.no_grad():
    score(lambda v: h(torch.tensor(np.asarray(v, np.float32))).numpy(), f"head{hidden}")
