import numpy as np
from sklearn.metrics import normalized_mutual_info_score as nmi
import kvetch._core as core
from kvetch import _kmeans
KM = core.KMeans(2)
SETS = (("clinc_val", 150), ("clinc_test", 150), ("bitext", 27))
def unit(a): return (a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)).astype(np.float32)
def run(x, y, k, seed, thr):
    x = unit(x - x.mean(0, keepdims=True))
    p = _kmeans.fit_partition(KM, x, np.ones(len(x), np.float32), n_clusters=k,
                              min_cluster_size=10, random_state=seed, merge_threshold=thr)
    return 100 * nmi(y, p.labels), len(p.centroids)
def evaluate(vec_of, P, name, thr=0.40, seeds=(0, 1, 2), auto=True):
    out = []
    for key, k in SETS:
        x = vec_of(key); y = P[key + "_y"]
        out.append(np.mean([run(x, y, k, s, thr)[0] for s in seeds]))
    line = f"{name:24s} k: " + " ".join(f"{v:.1f}" for v in out)
    if auto:
        a = [run(vec_of(key), P[key + "_y"], None, 0, thr) for key, _ in SETS]
        line += "  auto: " + " ".join(f"{v:.1f}({c})" for v, c in a)
    print(line, flush=True)
