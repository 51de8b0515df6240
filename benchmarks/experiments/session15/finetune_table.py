"""End-to-end fit of the token table (+ optional hashed row-bigram block, + optional MLP head)
towards the teacher's sentence vectors, cosine loss. Eval: kvetch's clustering."""
import sys, time, argparse, numpy as np, torch
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
import nmi_eval as ev
ap = argparse.ArgumentParser()
ap.add_argument("--bigram-buckets", type=int, default=0)
ap.add_argument("--bigram-weight", type=float, default=1.0)
ap.add_argument("--hidden", type=int, default=0)
ap.add_argument("--epochs", type=int, default=4)
ap.add_argument("--lr", type=float, default=1e-3)
ap.add_argument("--l2", type=float, default=0.0, help="pull towards the initial table")
ap.add_argument("--drop-clinc", action="store_true")
ap.add_argument("--save", default="")
a = ap.parse_args()
torch.set_num_threads(2); torch.manual_seed(0)
D = np.load("/tmp/head/rows.npz"); P = np.load("/tmp/head/pooled.npz", allow_pickle=True)
T = np.load("/tmp/embed_sentences.npz")["vectors"].astype(np.float32)
E0 = torch.tensor(D["table"]); V, dim = E0.shape
mean_t = T.mean(0, keepdims=True)
_, _, vt = np.linalg.svd((T - mean_t).astype(np.float64), full_matrices=False)
basis = vt[:dim].T.astype(np.float32)
Y = torch.tensor((T - mean_t) @ basis)
def bags(o, r):
    """flat token rows, offsets, bigram ids (flat), bigram offsets"""
    o = o.astype(np.int64); r = r.astype(np.int64)
    lens = np.diff(o)
    bo = np.zeros(len(o), np.int64); bo[1:] = np.cumsum(np.maximum(lens - 1, 0))
    if a.bigram_buckets:
        nxt = np.ones(len(r), bool); nxt[o[1:] - 1] = False  # last token of each text has no successor
        nxt[np.flatnonzero(lens == 0)] = nxt[np.flatnonzero(lens == 0)]  # no-op
        first = np.flatnonzero(nxt[:-1]) if len(r) else np.zeros(0, np.int64)
        valid = np.zeros(len(r), bool); valid[:-1] = nxt[:-1]
        # positions i with i+1 in the same text
        same = np.zeros(len(r), bool)
        tid = np.repeat(np.arange(len(lens)), lens)
        same[:-1] = tid[:-1] == tid[1:]
        i = np.flatnonzero(same)
        h = (r[i] * 1000003 + r[i + 1] * 7919) % a.bigram_buckets
        bg = h
    else:
        bg = np.zeros(0, np.int64)
    return torch.tensor(r), torch.tensor(o[:-1]), torch.tensor(lens), torch.tensor(bg), torch.tensor(bo[:-1])
class M(torch.nn.Module):
    def __init__(s):
        super().__init__()
        s.tok = torch.nn.EmbeddingBag(V, dim, mode="sum"); s.tok.weight.data.copy_(E0)
        s.big = torch.nn.EmbeddingBag(a.bigram_buckets, dim, mode="sum") if a.bigram_buckets else None
        if s.big is not None: s.big.weight.data.zero_()
        s.head = torch.nn.Sequential(torch.nn.Linear(dim, a.hidden), torch.nn.GELU(), torch.nn.Linear(a.hidden, dim)) if a.hidden else None
        if s.head is not None: torch.nn.init.zeros_(s.head[2].weight); torch.nn.init.zeros_(s.head[2].bias)
    def forward(s, r, o, lens, bg, bo):
        x = s.tok(r, o)
        if s.big is not None:
            x = x + a.bigram_weight * s.big(bg, bo)
        x = x / lens.clamp(min=1).unsqueeze(1).float()
        if s.head is not None:
            x = x + s.head(x)
        return x
def subset(o, r, idx):
    lens = np.diff(o)[idx]
    no = np.zeros(len(idx) + 1, np.int64); no[1:] = np.cumsum(lens)
    nr = np.concatenate([r[o[i]:o[i + 1]] for i in idx]) if len(idx) else np.zeros(0, np.int64)
    return no, nr
o_tr, r_tr = D["train_o"], D["train_r"]
n = len(o_tr) - 1
ok = np.flatnonzero(np.diff(o_tr) > 0)
if a.drop_clinc:
    ok = ok[ok >= 15000]   # CLINC150 train comes first in sentence_texts()
rng = np.random.default_rng(0); rng.shuffle(ok)
held, tr = ok[:5000], ok[5000:]
model = M()
opt = torch.optim.Adam(model.parameters(), lr=a.lr)
def batch(idx):
    o, r = subset(o_tr, r_tr, idx)
    return bags(o, r)
ho = batch(np.sort(held)); hy = Y[np.sort(held)]
def heldcos():
    with torch.no_grad():
        return torch.nn.functional.cosine_similarity(model(*ho), hy).mean().item()
print(f"start held cos {heldcos():.4f}", flush=True)
bs = 512
for ep in range(a.epochs):
    t0 = time.time(); perm = rng.permutation(tr)
    for s in range(0, len(perm), bs):
        idx = perm[s:s + bs]
        pred = model(*batch(idx))
        loss = 1 - torch.nn.functional.cosine_similarity(pred, Y[idx]).mean()
        if a.l2:
            loss = loss + a.l2 * ((model.tok.weight - E0) ** 2).sum() / V
        opt.zero_grad(); loss.backward(); opt.step()
    print(f"epoch {ep} held cos {heldcos():.4f} ({time.time() - t0:.0f}s)", flush=True)
def vec_of(key):
    with torch.no_grad():
        return model(*bags(D[key + "_o"], D[key + "_r"])).numpy()
ev.evaluate(vec_of, P, "trained")
if a.save:
    np.savez(a.save, table=model.tok.weight.detach().numpy())
