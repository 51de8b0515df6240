"""The clustering algorithm behind ComplaintClusterer, on unit-length message
vectors (one row per distinct message, weighted by its count).

1. Fine spherical k-means: k-means++ seeding from ``random_state``, Lloyd
   steps whose heavy parts run in C++ (``_core.KMeans.assign`` /
   ``accumulate``, bit-identical for any thread count). k0 is the number of
   distinct messages up to 200, then n/6, at most MAX_FINE (3 x n_clusters
   when that is given).
2. Ward agglomeration of the fine clusters (on their unnormalised means and
   weights). With ``n_clusters`` it stops there. Otherwise a pair may merge
   only while the merged cluster stays cohesive: the mean pairwise cosine of
   its messages, which for unit vectors is exactly the squared norm of its
   mean vector, at least ``merge_threshold`` (0.40, chosen on the dev
   corpora CLINC150 and Bitext; see benchmarks/README.md; stored in the
   embedding table, which it depends on, with MERGE_THRESHOLD the fallback
   for a table without it). That floor suits short one-intent requests;
   support messages with greetings, details and signatures are less cohesive
   (a held-out issue's messages: 0.15-0.30), and merging stopped at 3-5
   messages, leaving 65% of a 664-message dev set as outliers. So with
   ``adapt`` (the default when the caller gives no threshold) the floor is
   lowered by FLOOR_STEP, down to MIN_FLOOR, while more than
   MAX_OUTLIER_SHARE of the weight would be outliers; the floor used is
   returned (``Partition.floor``) so that refits keep it. Measured and
   dropped: average and centroid linkage (one giant cluster), a silhouette
   choice of the cut (too many clusters), a threshold relative to the fine
   clusters' cohesion, a merge test on the cosine of the two clusters'
   means corrected for their size (fewer outliers, lower NMI).
3. Clusters lighter than ``min_cluster_size`` messages are outliers (-1); a
   few Lloyd steps on the final clusters put every row with its nearest
   centroid, and a cluster those steps leave under ``min_cluster_size``
   becomes outliers too.

Above MAX_FIT_ROWS distinct messages, 1-3 run on a sample drawn by weight
(seeded) and every row then joins its nearest final centroid, or -1 when it
is farther than that cluster's members (see ``thresholds``): one pass over
the data.

Only numpy here; every random choice comes from one ``numpy.random.Generator``
seeded by ``random_state``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MERGE_THRESHOLD = 0.40
#: Automatic floor: lowered by FLOOR_STEP down to MIN_FLOOR while more than
#: MAX_OUTLIER_SHARE of the weight would be outliers (session 22, chosen on
#: benchmarks/cluster/support_clusters_dev.tsv, CLINC150 and Bitext).
FLOOR_STEP = 0.05
MIN_FLOOR = 0.15
MAX_OUTLIER_SHARE = 0.15
MAX_FINE = 400
MAX_FIT_ROWS = 40_000
LLOYD_STEPS = 12
FINAL_STEPS = 5
#: A row is an outlier of its nearest cluster when it is less similar to it
#: than the cluster's least similar member, by more than this margin.
OUTLIER_MARGIN = 0.02
#: A refit (automatic k) treats a fresh cluster as a new issue, even when
#: most of it lies within known clusters' reach, when its centroid's cosine
#: with the known cluster it mostly joined is under NEW_ISSUE_SIMILARITY...
#: (both chosen in session 24 on CLINC150 val and Bitext with intents held
#: back from the first fit; benchmarks/README.md, "Refits and new issues").
NEW_ISSUE_SIMILARITY = 0.6
#: ... and when the weight it takes from that known cluster is at least this
#: share of the known cluster's expected size (its share in the fit before,
#: times the rows now): a smaller group far from the centroid is a facet of
#: the known issue (a language, a phrasing), not a new one.
NEW_ISSUE_GROWTH = 0.25


@dataclass
class Partition:
    labels: np.ndarray      # int32 per row: cluster 0..k-1, or -1
    centroids: np.ndarray   # float32 (k, d), unit length
    sizes: np.ndarray       # float64 (k,), total weight
    sims: np.ndarray        # float32 per row: similarity to its centroid (0 for -1)
    floor: float | None = None  # the cohesion floor used (None: k given)


def fine_k(n_rows: int, n_clusters: int | None) -> int:
    """How many fine clusters to over-segment into."""
    if n_clusters is not None:
        want = max(3 * n_clusters, 2)
        cap = max(MAX_FINE, n_clusters)
    else:  # small inputs: every distinct message starts as its own cluster
        want = n_rows if n_rows <= 200 else max(200, n_rows // 6)
        cap = MAX_FINE
    return int(max(1, min(n_rows, want, cap)))


def kmeans_pp(km, x: np.ndarray, w: np.ndarray, k: int,
              rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeds (weighted D^2 sampling on cosine distance); the
    similarities come from the C++ KMeans, so no BLAS thread count can
    change them."""
    n = len(x)
    w = w.astype(np.float64)

    def draw(p):
        c = np.cumsum(p)
        return int(min(np.searchsorted(c, rng.random() * c[-1], side="right"), n - 1))

    def distance(i):
        return np.maximum(1.0 - km.assign(x, x[i:i + 1])[1].astype(np.float64), 0.0)

    centers = [draw(w)]
    dist = distance(centers[0])
    for _ in range(1, k):
        p = dist * w
        if p.sum() <= 0:
            break
        centers.append(draw(p))
        np.minimum(dist, distance(centers[-1]), out=dist)
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


def _ward(means, weights, cohesion, i=None):
    """Minus the Ward merge cost of every pair (or of row i with all), -inf
    where the merged cluster would be less cohesive than ``cohesion``."""
    sq = (means * means).sum(1)
    if i is None:
        dot = means @ means.T
        wa, wb, qa, qb = weights[:, None], weights[None, :], sq[:, None], sq[None, :]
    else:
        dot = means @ means[i]
        wa, wb, qa, qb = weights, weights[i], sq, sq[i]
    tot = np.maximum(wa + wb, 1e-12)
    cost = -(wa * wb / tot * np.maximum(qa + qb - 2 * dot, 0))
    if cohesion is not None:
        merged = (wa * wa * qa + wb * wb * qb + 2 * wa * wb * dot) / (tot * tot)
        cost = np.where(merged >= cohesion, cost, -np.inf)
    return cost


def agglomerate(means: np.ndarray, weights: np.ndarray, n_clusters: int | None,
                cohesion: float | None) -> np.ndarray:
    """Ward merging of fine clusters down to n_clusters (or while allowed by
    ``cohesion``); returns the group of each fine cluster. Ties go to the
    lowest pair of indexes."""
    k = len(means)
    means = means.astype(np.float64)
    weights = weights.astype(np.float64).copy()
    group = np.arange(k)
    gone = ~(weights > 0)
    sim = _ward(means, weights, cohesion)
    np.fill_diagonal(sim, -np.inf)
    sim[gone, :] = -np.inf
    sim[:, gone] = -np.inf
    n_active = int((~gone).sum())
    while n_active > (n_clusters or 1):
        a, b = divmod(int(np.argmax(sim)), k)
        if not np.isfinite(sim[a, b]):
            break
        a, b = min(a, b), max(a, b)
        wa, wb = weights[a], weights[b]
        means[a] = (wa * means[a] + wb * means[b]) / (wa + wb)
        weights[a], weights[b] = wa + wb, 0
        group[group == b] = a
        row = _ward(means, weights, cohesion, a)
        row[~(weights > 0)] = -np.inf
        row[a] = -np.inf
        sim[a, :] = sim[:, a] = row
        sim[b, :] = sim[:, b] = -np.inf
        n_active -= 1
    return group


def fit_partition(km, x: np.ndarray, w: np.ndarray, *, n_clusters: int | None,
                  min_cluster_size: int, random_state: int,
                  merge_threshold: float = MERGE_THRESHOLD, adapt: bool = False) -> Partition:
    """Clusters the rows of x (unit vectors, weights w); see module doc.
    ``adapt``: with automatic k, ``merge_threshold`` is where the floor
    starts, not what it is."""
    n, d = x.shape
    floor = None if n_clusters is not None else merge_threshold
    if n == 0:
        return Partition(np.full(0, -1, np.int32), np.zeros((0, d), np.float32),
                         np.zeros(0), np.zeros(0, np.float32), floor)
    rng = np.random.default_rng(random_state)
    if n <= MAX_FIT_ROWS:
        return _fit_all(km, x, w, n_clusters, min_cluster_size, merge_threshold, adapt, rng)
    rows = np.sort(rng.choice(n, MAX_FIT_ROWS, replace=False, p=w / w.sum()))
    part = _fit_all(km, x[rows], np.ones(len(rows), np.float32), n_clusters,
                    min_cluster_size, merge_threshold, adapt, rng)
    k = len(part.centroids)
    if k == 0:
        return Partition(np.full(n, -1, np.int32), part.centroids, np.zeros(0),
                         np.zeros(n, np.float32), part.floor)
    limits = thresholds(part.sims, part.labels, k)
    labels, sims = km.assign(x, part.centroids)
    labels = np.where(sims >= limits[labels], labels, -1).astype(np.int32)
    cents, sizes = centroids_of(km, x, w, labels, k)
    return Partition(labels, cents, sizes, sims, part.floor)


def _fit_all(km, x, w, n_clusters, min_cluster_size, merge_threshold, adapt,
             rng) -> Partition:
    k0 = fine_k(len(x), n_clusters)
    seeds = kmeans_pp(km, x, w, k0, rng)
    fine, fine_labels, _ = lloyd(km, x, w, seeds)
    sums, totals = km.accumulate(x, w.astype(np.float32), fine_labels, len(fine))
    means = sums / np.maximum(totals, 1e-12)[:, None]
    if n_clusters is not None:
        group = agglomerate(means, totals, n_clusters, None)
        return _final(km, x, w, fine_labels, group, 1)
    for floor in _floors(merge_threshold, adapt):
        group = agglomerate(means, totals, None, floor)
        part = _final(km, x, w, fine_labels, group, min_cluster_size)
        if w[part.labels < 0].sum() <= MAX_OUTLIER_SHARE * w.sum():
            break
    part.floor = floor
    return part


def _floors(start: float, adapt: bool) -> list[float]:
    """The cohesion floors to try, highest first: ``start`` alone, or with
    ``adapt`` every FLOOR_STEP below it down to MIN_FLOOR."""
    if not adapt or start <= MIN_FLOOR:
        return [start]
    steps = int(np.floor((start - MIN_FLOOR) / FLOOR_STEP + 1e-9))
    return [round(start - i * FLOOR_STEP, 6) for i in range(steps + 1)]


def thresholds(sims: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Per cluster, its members' lowest similarity less OUTLIER_MARGIN."""
    out = np.ones(k, np.float32)
    inside = labels >= 0
    if k and inside.any():
        low = np.full(k, np.inf)
        np.minimum.at(low, labels[inside], sims[inside])
        out = np.where(np.isfinite(low), low - OUTLIER_MARGIN, 1.0).astype(np.float32)
    return out


def _final(km, x, w, fine_labels, group, min_size) -> Partition:
    """Relabels merged groups 0..k-1 by decreasing size (small ones -> -1),
    then Lloyd steps on the final clusters, so that every clustered row sits
    with its nearest centroid (as transform() and refits put it); clusters
    the steps leave under ``min_size`` go to -1 after them."""
    rows_group = group[fine_labels]
    gsize = np.bincount(rows_group, weights=w, minlength=len(group))
    keep = [g for g in np.unique(rows_group) if gsize[g] >= min_size]
    keep.sort(key=lambda g: (-gsize[g], g))
    remap = np.full(len(group), -1, np.int64)
    remap[np.array(keep, dtype=np.int64)] = np.arange(len(keep))
    labels = remap[rows_group].astype(np.int32)
    cents, sizes = centroids_of(km, x, w, labels, len(keep))
    inside = np.flatnonzero(labels >= 0)
    for _ in range(FINAL_STEPS if len(keep) > 1 and len(inside) else 0):
        near, _ = km.assign(x[inside], cents)
        if np.array_equal(near, labels[inside]):
            break
        labels[inside] = near
        cents, sizes = centroids_of(km, x, w, labels, len(keep))
    labels, cents, sizes = _drop_light(labels, cents, sizes, min_size)
    inside = np.flatnonzero(labels >= 0)
    sims = np.zeros(len(x), np.float32)
    if len(cents) and len(inside):
        _, sims_in = km.assign(x[inside], cents)
        sims[inside] = sims_in
    return Partition(labels, cents, sizes, sims)


def _drop_light(labels, cents, sizes, min_size):
    """The Lloyd steps may leave a cluster under ``min_size``: its rows
    become outliers (-1) and the others keep their order. The kept rows'
    nearest centroid is still their own, so no step is needed after."""
    keep = np.flatnonzero(sizes >= min_size)
    if len(keep) == len(sizes):
        return labels, cents, sizes
    remap = np.full(len(sizes), -1, np.int64)
    remap[keep] = np.arange(len(keep))
    labels = np.where(labels >= 0, remap[np.maximum(labels, 0)], -1).astype(np.int32)
    return labels, cents[keep], sizes[keep]


def centroids_of(km, x, w, labels, k):
    """(unit-length mean direction (k, d) float32, total weight (k,))."""
    if k == 0:
        return np.zeros((0, x.shape[1]), np.float32), np.zeros(0)
    sums, totals = km.accumulate(x, w.astype(np.float32), labels, k)
    norms = np.maximum(np.linalg.norm(sums, axis=1), 1e-12)
    return (sums / norms[:, None]).astype(np.float32), totals


def refit_partition(km, x, w, prev_centroids, prev_thresholds, *, n_clusters,
                    min_cluster_size, random_state, merge_threshold=MERGE_THRESHOLD,
                    n_known=None, prev_shares=None, prev_total=0.0):
    """A refit from known clusters: rows within a previous cluster's reach
    join it, unless (automatic k) a fresh fit finds them in a new issue
    (release_new_issues); the rest are clustered afresh (fit_partition).
    Returns the
    partition, whose first clusters are the previous ones still used, in
    their order, and the indexes (into the previous clusters) of those.
    ``n_known``: how many clusters the previous centroids make (fewer than
    the centroids when merged clusters keep their parts' centroids);
    ``n_clusters`` counts clusters, not centroids."""
    n, d = x.shape
    labels = np.full(n, -1, np.int32)
    if n:
        near, sims = km.assign(x, prev_centroids)
        joined = sims >= prev_thresholds[near]
        labels[joined] = near[joined]
        if n_clusters is None:
            release_new_issues(km, x, w, labels, prev_centroids, prev_shares, prev_total,
                               min_cluster_size=min_cluster_size, random_state=random_state,
                               merge_threshold=merge_threshold)
    known = len(prev_centroids) if n_known is None else n_known
    slots = None if n_clusters is None else n_clusters - known
    if slots is not None and slots <= 0 and n:
        labels[:] = near  # k is full: every row joins its nearest known cluster
    rest = np.flatnonzero(labels < 0)
    new = fit_partition(km, x[rest], w[rest], n_clusters=slots,
                        min_cluster_size=min_cluster_size, random_state=random_state,
                        merge_threshold=merge_threshold)
    if n:
        # A released row that the fresh clustering of the rest leaves out
        # goes back to the known cluster whose reach it is in.
        back = rest[(new.labels < 0) & joined[rest]]
        labels[back] = near[back]
    used = np.unique(labels[labels >= 0])
    remap = np.full(len(prev_centroids), -1, np.int64)
    remap[used] = np.arange(len(used))
    out = np.where(labels >= 0, remap[np.maximum(labels, 0)], -1).astype(np.int32)
    out[rest] = np.where(new.labels >= 0, new.labels + len(used), out[rest])
    k = len(used) + len(new.centroids)
    cents, sizes = centroids_of(km, x, w, out, k)
    sims = np.zeros(n, np.float32)
    inside = np.flatnonzero(out >= 0)
    if k and len(inside):
        # similarity to the own (moved) centroid, for the new thresholds
        own = out[inside]
        sims[inside] = _rowdot(x[inside], cents, own)
    return Partition(out, cents, sizes, sims), used


def release_new_issues(km, x, w, labels, prev_centroids, prev_shares, prev_total=0.0, *,
                       min_cluster_size, random_state, merge_threshold) -> None:
    """Sets to -1 the rows of a new issue that the previous clusters' reach
    took: a cluster of a fresh fit on all rows (automatic k) whose weight
    is mostly within reach of previous clusters, but whose centroid has a
    cosine under NEW_ISSUE_SIMILARITY with the previous centroid that most
    of that weight joined, and which took from it at least NEW_ISSUE_GROWTH
    of that cluster's expected weight (``prev_shares``: each previous
    centroid's cluster's share of the rows of the fit before, times the
    larger of this weight and ``prev_total``, that fit's rows, so that a
    refit on a slice of the data does not find its own known facets new;
    None skips this test), and that holds at least ``min_cluster_size``
    rows (distinct messages in a refit). A known cluster's reach is its least similar member's
    similarity, so a new, neighbouring issue fell largely inside it
    (measured in benchmarks/README.md, "Refits and new issues")."""
    fresh = fit_partition(km, x, w, n_clusters=None, min_cluster_size=min_cluster_size,
                          random_state=random_state, merge_threshold=merge_threshold)
    for c in range(len(fresh.centroids)):
        rows = np.flatnonzero(fresh.labels == c)
        if len(rows) < min_cluster_size:
            continue  # a few messages said many times are no new issue
        inside = rows[labels[rows] >= 0]
        if w[inside].sum() < 0.5 * w[rows].sum():
            continue  # mostly outside every reach: clustered afresh anyway
        took = np.bincount(labels[inside], weights=w[inside])
        old = int(took.argmax())
        if float(fresh.centroids[c] @ prev_centroids[old]) >= NEW_ISSUE_SIMILARITY:
            continue
        if prev_shares is not None and \
                took[old] < NEW_ISSUE_GROWTH * prev_shares[old] * max(w.sum(), prev_total):
            continue  # small next to the known issue's usual size: a facet of it
        labels[rows] = -1


def _rowdot(x, cents, labels, block=65536):
    """x[i] . cents[labels[i]] per row, in blocks (no n x d temporary)."""
    out = np.empty(len(x), np.float32)
    for s in range(0, len(x), block):
        out[s:s + block] = np.einsum("ij,ij->i", x[s:s + block], cents[labels[s:s + block]])
    return out
