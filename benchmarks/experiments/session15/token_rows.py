"""Session 15: token rows (CSR) of the same texts and the dequantised table, for
finetune_table.py."""
from pathlib import Path
ROOT = str(Path(__file__).resolve().parents[3])
import sys, numpy as np, pyarrow as pa
TABLE = sys.argv[1] if len(sys.argv) > 1 else ROOT + "/models/embed/embed.kvm"
sys.path.insert(0, ROOT + "/models"); sys.path.insert(0, ROOT + "/models/embed")
import distill_embed as de, kvm
import kvetch._core as core
emb = core.Embedder(TABLE, 2)
P = np.load("/tmp/head/pooled.npz", allow_pickle=True)
def R(texts):
    arr = pa.array(list(texts), type=pa.large_string())
    o, r = emb.token_rows(*arr.__arrow_c_array__())
    return np.asarray(o, np.int64), np.asarray(r, np.int64)
out = {}
for name, texts in (("train", de.sentence_texts()), ("clinc_val", P["clinc_val_text"]),
                    ("clinc_test", P["clinc_test_text"]), ("bitext", P["bitext_text"])):
    out[name + "_o"], out[name + "_r"] = R(texts)
kind, ver, h, sec = kvm.read(TABLE)
dim, V = np.frombuffer(sec["meta"], "<u4")
packed = np.frombuffer(sec["vectors4"], np.uint8).reshape(V, dim // 2)
lo = (packed & 0x0F).astype(np.int8); hi = (packed >> 4).astype(np.int8)
lo[lo > 7] -= 16; hi[hi > 7] -= 16
q = np.empty((V, dim), np.int8); q[:, 0::2] = lo; q[:, 1::2] = hi
scales = np.frombuffer(sec["scales"], "<f4")
out["table"] = q.astype(np.float32) * scales[:, None]
# check: the unit sum of each text's rows is what embed_arrow gives
o, r = out["clinc_test_o"], out["clinc_test_r"]
full = np.diff(o) > 0
v = np.add.reduceat(out["table"][r], o[:-1][full], axis=0)
v = v / np.linalg.norm(v, axis=1, keepdims=True)
print("max diff vs embed_arrow", float(np.abs(v - P["clinc_test"][full]).max()), dim, V)
np.savez("/tmp/head/rows.npz", **out)
