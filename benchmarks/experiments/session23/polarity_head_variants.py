import sys, os, time, numpy as np, scipy.sparse as sp
sys.path.insert(0, "models/emotion"); sys.path.insert(0, "models")
import train_emotion as T, cs_phrases
from sklearn.linear_model import LogisticRegression
corpora = "../shared/corpora"; t0 = time.time()
ge_texts, ge_labels = T.load_goemotions(corpora, "train")
cal = np.array([T.is_dev(t) for t in ge_texts])
cs = list(cs_phrases.expand(extra=True)) + list(cs_phrases.expand_negation())
emoji = list(cs_phrases.expand_emoji())
rows = []  # (text, y, w, source, lang)
for lang, text, y in T.load_xlmt(corpora, "train"):
    if T.is_dev(text): continue
    rows.append((text, y, 1.0, "xlmt", lang))
    if lang != "en" and T.strip_accents(text) != text: rows.append((T.strip_accents(text), y, 0.5, "xlmt", lang))
for text, labels, c in zip(ge_texts, ge_labels, cal):
    y = T.go_sentiment(labels)
    if y is not None and not c: rows.append((text, y, 0.4, "go", "en"))
for lang, text, labels in [r for r in T.load_xed(corpora) if not T.is_dev(r[1])]:
    y = T.plutchik_polarity(labels)
    if y is not None: rows.append((text, y, 0.3 if lang in ("en", "fi") else 0.1, "xed", lang))
for lang, text, labels, pol in cs + emoji:
    rows.append((text, pol, 2.0, "cs", lang or ""))
    if T.strip_accents(text) != text: rows.append((T.strip_accents(text), pol, 1.0, "cs", lang or ""))
for word, y, w in T.load_labmt(T.fetch_labmt()):
    rows.append((word, y, w * 3.0, "lex", "en")); rows.append((f"not {word}", 0 if y == 2 else 1, w * 1.5, "lex", "en"))
X = T.features([r[0] for r in rows]); Y = np.array([r[1] for r in rows]); W0 = np.array([r[2] for r in rows]); SRC = np.array([r[3] for r in rows]); LANG = np.array([r[4] for r in rows])
langs = sorted(set(LANG) | set(T.XLMT_LANGS))
def lang_cols(ls):  # one-hot language bias columns
    idx = {l: i for i, l in enumerate(langs)}
    data = np.ones(len(ls)); cols = [idx.get(l, 0) for l in ls]
    return sp.csr_matrix((data, (np.arange(len(ls)), cols)), shape=(len(ls), len(langs)))
val = {}
for lang in T.XLMT_LANGS:
    d = f"{corpora}/xlmt-sentiment/{lang}"
    tx = [T.decode_escapes(t.rstrip("\n")) for t in open(f"{d}/val_text.txt", encoding="utf-8")]
    yy = np.array([int(x) for x in open(f"{d}/val_labels.txt").read().split()])
    val[lang] = (T.features(tx), yy)
print("features ready", X.shape, f"{time.time()-t0:.0f}s", flush=True)
def f1(y, p): return np.mean([2*np.sum((y==c)&(p==c))/max(1, np.sum(y==c)+np.sum(p==c)) for c in range(3)])
def run(name, Xtr, mk_val, W):
    m = LogisticRegression(C=0.2, max_iter=300).fit(Xtr, Y, sample_weight=W)
    s = {l: f1(v[1], m.predict(mk_val(l, v[0]))) for l, v in val.items()}
    print(f"{name:28s} mean {np.mean(list(s.values())):.3f} " + " ".join(f"{l} {v:.3f}" for l, v in s.items()) + f"  [{time.time()-t0:.0f}s]", flush=True)
run("baseline", X, lambda l, x: x, W0)
run("lang bias", sp.hstack([X, lang_cols(LANG)]).tocsr(), lambda l, x: sp.hstack([x, lang_cols([l]*x.shape[0])]).tocsr(), W0)
run("no XED non-en/fi", X, lambda l, x: x, W0 * ~((SRC == "xed") & ~np.isin(LANG, ["en", "fi"])))
# domain adaptation: a language-specific copy of every feature for non-English rows
def adapt(x, ls):
    x = x.tocsr(); blocks = []
    n = x.shape[1]
    rows_out = []
    cols = x.indices.copy(); data = x.data
    # hashed copy: column (c * 2654435761 + hash(lang)) % n
    lh = np.array([0 if l in ("en", "") else (hash(l) % 1000003) for l in ls], dtype=np.int64)
    rowid = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    keep = lh[rowid] != 0
    newc = (cols[keep].astype(np.int64) * 2654435761 + lh[rowid[keep]] * 97) % n
    extra = sp.csr_matrix((data[keep], (rowid[keep], newc)), shape=x.shape)
    return sp.hstack([x, extra]).tocsr()
run("adapted copies", adapt(X, LANG), lambda l, x: adapt(x, [l]*x.shape[0]), W0)
