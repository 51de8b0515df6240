"""Session 15: message vectors of the training sentences and the CLINC150 / Bitext
sets from an embedding table (argv[1]), for mlp_head.py and finetune_table.py."""
from pathlib import Path
ROOT = str(Path(__file__).resolve().parents[3])
import sys, numpy as np, pandas as pd, pyarrow as pa
TABLE = sys.argv[1] if len(sys.argv) > 1 else ROOT + "/models/embed/embed.kvm"
sys.path.insert(0, ROOT + "/models/embed")
import distill_embed as de
import kvetch._core as core
emb = core.Embedder(TABLE, 2)
def E(texts):
    arr = pa.array(texts, type=pa.large_string())
    v, k, n = emb.embed_arrow(*arr.__arrow_c_array__())
    return np.asarray(v, np.float32)
texts = de.sentence_texts()
c = pd.read_csv(de.CORPORA / "clinc150" / "clinc150.csv")
b = pd.read_csv(de.CORPORA / "bitext-support" / "bitext_support.csv")
out = {"train": E(texts)}
for split in ("val", "test"):
    s = c[(c.split == split) & (c.intent != "oos")]
    out[f"clinc_{split}"] = E(s.text.tolist()); out[f"clinc_{split}_y"] = s.intent.astype("category").cat.codes.to_numpy()
    out[f"clinc_{split}_text"] = np.array(s.text.tolist(), dtype=object)
out["bitext"] = E(b.text.tolist()); out["bitext_y"] = b.intent.astype("category").cat.codes.to_numpy()
out["bitext_text"] = np.array(b.text.tolist(), dtype=object)
np.savez("/tmp/head/pooled.npz", **out)
print({k: v.shape for k, v in out.items()})
