"""The clustering algorithm behind ComplaintClusterer, on unit-length message
vectors (one row per distinct message, weighted by its count).

1. Fine spherical k-means (k-means++ seeding from ``random_state``, Lloyd
   steps whose heavy parts run in C++: ``_core.KMeans.assign`` /
   ``accumulate``, bit-identical for any thread count), on a seeded sample
   of at most ``max_fit_rows`` rows, then one assignment pass over all rows.
2. Average-linkage agglomeration of the fine clusters. For unit vectors the
   mean cosine similarity between the members of A and of B is exactly
   ``mean(A) . mean(B)`` (unnormalised means), so the linkage is computed on
   the fine means, exactly, in O(k0^2) memory. Merging stops at
   ``n_clusters`` clusters when given, else when no pair is closer than
   ``merge_threshold`` (chosen on the dev corpora; see benchmarks/README.md).
3. Clusters that weigh less than ``min_cluster_size`` messages are outliers
   (-1).

Only numpy here; every random choice comes from one ``numpy.random.Generator``
seeded by ``random_state``, so the result is a function of the input, the
options and ``random_state``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MERGE_THRESHOLD = 0.30
MAX_FINE = 400
MAX_FIT_ROWS = 60_000
LLOYD_STEPS = 12
FINAL_STEPS = 5


@dataclass
class Partition:
    labels: np.ndarray      # int32 per row: cluster id 0..k-1, or -1
    centroids: np.ndarray   # float32 (k, d), unit length
    sizes: np.ndarray       # float64 (k,), total weight
    sims: np.ndarray        # float32 per row: similarity to its fine centroid


def fine_k(n_rows: int, n_clusters: int | None) -> int:
    """How many fine clusters to over-segment into."""
    if n_clusters is not None:
        want = 3 * n_clusters
    else:  # small inputs: every distinct message starts as its own cluster
        want = n_rows if n_rows <= 200 else max(200, n_rows // 6)
    return int(max(1, min(n_rows, max(want, 2), MAX_FINE if n_clusters is None else
                          max(MAX_FINE, n_clusters))))


def kmeans_pp(x: np.ndarray, w: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeds (weighted D^2 sampling on cosine distance)."""
    n = len(x)
    first = int(rng.choice(n, p=w / w.sum()))
    centers = [first]
    dist = np.maximum(1.0 - x @ x[first], 0.0).astype(np.float64)
    for _ in range(1, k):
        p = dist * w
        total = p.sum()
        if total <= 0:
            break
        nxt = int(rng.choice(n, p=p / total))
        centers.append(nxt)
        np.minimum(dist, np.maximum(1.0 - x @ x[nxt], 0.0), out=dist)
    return x[np.array(centers)].copy()


def lloyd(km, x, w, centroids, steps=LLOYD_STEPS):
    """Spherical k-means steps; returns (centroids, labels, sims)."""
    k = len(centroids)
    labels = sims = None
    for _ in range(steps):
        new_labels, sims = km.assign(x, centroids)
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        sums, totals = km.accumulate(x, w, labels, k)
        norms = np.linalg.norm(sums, axis=1)
        keep = norms > 0
        centroids = centroids.copy()
        centroids[keep] = (sums[keep] / norms[keep, None]).astype(np.float32)
    return centroids, labels, sims


LINKAGE = "ward"
COHESION = None


def _linkage(means, weights, i=None):
    """Similarity of fine clusters (row i, or all pairs)."""
    if LINKAGE == "avg":
        return means @ (means.T if i is None else means[i])
    if LINKAGE == "ward":
        sq = (means * means).sum(1)
        if i is None:
            dot = means @ means.T
            d2 = sq[:, None] + sq[None, :] - 2 * dot
            wa, wb, qa, qb = weights[:, None], weights[None, :], sq[:, None], sq[None, :]
        else:
            dot = means @ means[i]
            d2 = sq + sq[i] - 2 * dot
            wa, wb, qa, qb = weights, weights[i], sq, sq[i]
        tot = np.maximum(wa + wb, 1e-12)
        cost = -(wa * wb / tot * np.maximum(d2, 0))
        if COHESION is not None:
            merged = (wa * wa * qa + wb * wb * qb + 2 * wa * wb * dot) / (tot * tot)
            cost = np.where(merged >= COHESION, cost, -np.inf)
        return cost
    u = means / np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
    return u @ (u.T if i is None else u[i])


def agglomerate(means: np.ndarray, weights: np.ndarray, n_clusters: int | None,
                threshold: float) -> np.ndarray:
    """Average-linkage merging of fine clusters; returns the group of each."""
    k = len(means)
    means = means.astype(np.float64)
    weights = weights.astype(np.float64).copy()
    group = np.arange(k)
    active = weights > 0
    sim = _linkage(means, weights)
    np.fill_diagonal(sim, -np.inf)
    sim[~active, :] = -np.inf
    sim[:, ~active] = -np.inf
    target = n_clusters if n_clusters is not None else 1
    n_active = int(active.sum())
    merges = []
    while n_active > target:
        flat = int(np.argmax(sim))
        a, b = divmod(flat, k)
        if a > b:
            a, b = b, a
        if not np.isfinite(sim[a, b]):
            break
        merges.append((a, b))
        wa, wb = weights[a], weights[b]
        means[a] = (wa * means[a] + wb * means[b]) / (wa + wb)
        weights[a] = wa + wb
        weights[b] = 0
        group[group == b] = a
        row = _linkage(means, weights, a)
        row[~(weights > 0)] = -np.inf
        row[a] = -np.inf
        sim[a, :] = row
        sim[:, a] = row
        sim[b, :] = -np.inf
        sim[:, b] = -np.inf
        n_active -= 1
    return group, merges


def cut(k0: int, merges, n_merges: int) -> np.ndarray:
    """The group of each fine cluster after the first n_merges merges."""
    group = np.arange(k0)
    for a, b in merges[:n_merges]:
        group[group == b] = a
    return group


def simplified_silhouette(x, w, fine_labels, fine_means, group) -> float:
    """Weighted mean of (b - a) / max(a, b) with a, b the cosine distances of
    each row to its group's centroid and to the nearest other one."""
    ids, inv = np.unique(group, return_inverse=True)
    if len(ids) < 2:
        return -1.0
    sums = np.zeros((len(ids), fine_means.shape[1]))
    np.add.at(sums, inv, fine_means)
    c = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    sim = x @ c.T.astype(np.float32)
    own = inv[fine_labels]
    a = 1.0 - sim[np.arange(len(x)), own]
    sim[np.arange(len(x)), own] = -np.inf
    b = 1.0 - sim.max(axis=1)
    s = (b - a) / np.maximum(np.maximum(a, b), 1e-12)
    return float((s * w).sum() / w.sum())


def fit_partition(km, x: np.ndarray, w: np.ndarray, *, n_clusters: int | None,
                  min_cluster_size: int, random_state: int,
                  merge_threshold: float = MERGE_THRESHOLD) -> Partition:
    """Clusters the rows of x (unit vectors, weights w); see module doc."""
    n, d = x.shape
    empty = Partition(np.full(n, -1, np.int32), np.zeros((0, d), np.float32),
                      np.zeros(0), np.zeros(n, np.float32))
    if n == 0:
        return empty
    rng = np.random.default_rng(random_state)
    fit_rows = np.arange(n)
    if n > MAX_FIT_ROWS:
        fit_rows = np.sort(rng.choice(n, MAX_FIT_ROWS, replace=False, p=w / w.sum()))
    xs, ws = x[fit_rows], w[fit_rows].astype(np.float32)
    if n > MAX_FIT_ROWS:
        ws = np.ones_like(ws)  # drawn by weight already
    k0 = fine_k(len(xs), n_clusters)
    seeds = kmeans_pp(xs, ws, k0, rng)
    fine, _, _ = lloyd(km, xs, ws, seeds)
    fine_labels, sims = km.assign(x, fine)
    sums, totals = km.accumulate(x, w.astype(np.float32), fine_labels, len(fine))
    means = sums / np.maximum(totals, 1e-12)[:, None]
    global COHESION
    COHESION = None if n_clusters is not None else merge_threshold
    group, merges = agglomerate(means, totals, n_clusters, merge_threshold)
    return _final(km, x, w, fine_labels, sims, group,
                  min_cluster_size if n_clusters is None else 1)


def _final(km, x, w, fine_labels, sims, group, min_size) -> Partition:
    """Relabels merged groups 0..k-1 by decreasing size; small ones -> -1."""
    rows_group = group[fine_labels]
    gsize = np.bincount(rows_group, weights=w, minlength=len(group))
    keep = [g for g in np.unique(rows_group) if gsize[g] >= min_size]
    keep.sort(key=lambda g: (-gsize[g], g))
    remap = np.full(len(group), -1, np.int64)
    remap[np.array(keep, dtype=np.int64)] = np.arange(len(keep))
    labels = remap[rows_group].astype(np.int32)
    cents, sizes = centroids_of(km, x, w, labels, len(keep))
    # Last Lloyd steps on the final clusters, so that every clustered row
    # sits with its nearest centroid (as transform() and refits put it).
    inside = np.flatnonzero(labels >= 0)
    for _ in range(FINAL_STEPS if len(keep) > 1 and len(inside) else 0):
        near, _ = km.assign(x[inside], cents)
        if np.array_equal(near, labels[inside]):
            break
        labels[inside] = near
        cents, sizes = centroids_of(km, x, w, labels, len(keep))
    return Partition(labels, cents, sizes, sims)


def centroids_of(km, x, w, labels, k):
    """(unit-length mean direction (k, d) float32, total weight (k,))."""
    if k == 0:
        return np.zeros((0, x.shape[1]), np.float32), np.zeros(0)
    sums, totals = km.accumulate(x, w.astype(np.float32), labels, k)
    norms = np.maximum(np.linalg.norm(sums, axis=1), 1e-12)
    return (sums / norms[:, None]).astype(np.float32), totals


def choose_cut(means, totals, merges, threshold):
    """Follows the Ward merges while the merged cluster stays cohesive: the
    mean cosine similarity of its messages (the squared norm of its mean
    vector) at least ``threshold``; returns the groups at the first merge
    that would fall below it."""
    k0 = len(means)
    m = means.astype(np.float64).copy()
    t = totals.astype(np.float64).copy()
    group = np.arange(k0)
    for a, b in merges:
        merged = (t[a] * m[a] + t[b] * m[b]) / max(t[a] + t[b], 1e-12)
        if float(merged @ merged) < threshold:
            break
        m[a], t[a], t[b] = merged, t[a] + t[b], 0
        group[group == b] = a
    return group


def refit_partition(km, x, w, prev_centroids, prev_thresholds, *, n_clusters,
                    min_cluster_size, random_state, merge_threshold=MERGE_THRESHOLD):
    """A refit from known clusters: rows within a previous cluster's reach
    join it, the rest are clustered afresh (fit_partition). Returns the
    partition, whose first clusters are the previous ones still used, in
    their order, and the indexes (into the previous clusters) of those."""
    n, d = x.shape
    labels = np.full(n, -1, np.int32)
    if n:
        near, sims = km.assign(x, prev_centroids)
        joined = sims >= prev_thresholds[near]
        labels[joined] = near[joined]
    rest = np.flatnonzero(labels < 0)
    new = fit_partition(km, x[rest], w[rest], n_clusters=None if n_clusters is None else
                        max(1, n_clusters - len(prev_centroids)),
                        min_cluster_size=min_cluster_size, random_state=random_state,
                        merge_threshold=merge_threshold)
    used = np.unique(labels[labels >= 0])
    remap = np.full(len(prev_centroids), -1, np.int64)
    remap[used] = np.arange(len(used))
    out = np.where(labels >= 0, remap[np.maximum(labels, 0)], -1).astype(np.int32)
    out[rest] = np.where(new.labels >= 0, new.labels + len(used), -1)
    k = len(used) + len(new.centroids)
    cents, sizes = centroids_of(km, x, w, out, k)
    return Partition(out, cents, sizes, np.zeros(n, np.float32)), used
