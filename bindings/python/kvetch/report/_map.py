"""The 2-D map of complaint clusters.

Positions come from the clusters' centroids when the clusterer gives them
(PCA to two axes), else from their wording: a TF-IDF vector over each
cluster's label, keywords and representative messages, projected the same
way. Close bubbles are clusters that sound alike. A few rounds of pairwise
repulsion then push overlapping bubbles apart so that every one can be
seen and clicked; the layout is deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Sequence

import numpy as np

from ._words import count_of

_WORD = re.compile(r"\w{3,}", re.UNICODE)
#: Clusters labelled on the map (the largest); the rest show on hover.
MAX_MAP_LABELS = 12
#: Clusters on the map (the largest): more would be a wall of dots.
MAX_MAP_BUBBLES = 40


def wording_vectors(docs: Sequence[str]) -> np.ndarray:
    """Row-normalised TF-IDF vectors of ``docs`` (one per cluster)."""
    counts = [Counter(w.lower() for w in _WORD.findall(d)) for d in docs]
    vocab = sorted({w for c in counts for w in c})
    if not vocab:
        return np.zeros((len(docs), 1))
    index = {w: i for i, w in enumerate(vocab)}
    x = np.zeros((len(docs), len(vocab)))
    for r, c in enumerate(counts):
        for w, n in c.items():
            x[r, index[w]] = 1.0 + math.log(n)
    df = (x > 0).sum(axis=0)
    x *= np.log((1 + len(docs)) / (1 + df)) + 1.0
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def project_2d(vectors: np.ndarray) -> np.ndarray:
    """PCA of ``vectors`` (k x d) to k x 2, each axis scaled to [0, 1]."""
    x = np.asarray(vectors, dtype=float)
    k = x.shape[0]
    if k == 0:
        return np.zeros((0, 2))
    if k < 3:
        return np.array([[0.5 + 0.3 * i - 0.15 * (k - 1), 0.5] for i in range(k)])
    x = x - x.mean(axis=0)
    u, s, _ = np.linalg.svd(x, full_matrices=False)
    xy = u[:, :2] * s[:2]
    if xy.shape[1] < 2:
        xy = np.hstack([xy, np.zeros((k, 1))])
    # Sign convention: the largest coordinate of each axis is positive, so
    # the map does not flip between runs of SVD implementations.
    for j in range(2):
        if xy[np.argmax(np.abs(xy[:, j])), j] < 0:
            xy[:, j] *= -1
    span = xy.max(axis=0) - xy.min(axis=0)
    return (xy - xy.min(axis=0)) / np.where(span > 0, span, 1.0)


def _relax(px: np.ndarray, radii: np.ndarray, width: float, height: float,
           rounds: int = 200) -> np.ndarray:
    """Push overlapping circles apart, keeping them inside the box."""
    # A deterministic half-pixel spiral separates clusters that sit on the
    # same spot (identical wording), which repulsion alone cannot part.
    angle = np.arange(len(px)) * 2.39996
    p = px + 0.5 * np.column_stack([np.cos(angle), np.sin(angle)])
    for _ in range(rounds):
        d = p[:, None, :] - p[None, :, :]
        dist = np.maximum(np.sqrt((d ** 2).sum(-1)), 1e-6) + np.eye(len(p))
        need = radii[:, None] + radii[None, :] + 6.0
        overlap = np.clip(need - dist, 0, None)
        np.fill_diagonal(overlap, 0)
        if overlap.max() < 0.5:
            break
        p += ((d / dist[..., None]) * (overlap[..., None] / 2)).sum(axis=1) * 0.5
        p[:, 0] = np.clip(p[:, 0], radii, width - radii)
        p[:, 1] = np.clip(p[:, 1], radii, height - radii)
    return p


def _short(label: str, n: int = 24) -> str:
    return label if len(label) <= n else label[:n - 1] + "…"


def _place_labels(rows, px, radii, sizes, width, height) -> dict[int, dict]:
    """Label positions for the largest clusters: below, above, right or left
    of the bubble, the first spot that overlaps no placed label or other
    bubble and stays inside the map; a cluster with no free spot keeps its
    label for the hover text only."""
    boxes, out = [], {}
    char_w, text_h = 6.8, 16.0
    for i in np.argsort(-sizes, kind="stable")[:MAX_MAP_LABELS]:
        text = _short(rows[i]["label"])
        w = char_w * len(text)
        x, y, r = px[i, 0], px[i, 1], radii[i]
        d = r * 0.72
        spots = ((x, y + r + 13), (x, y - r - 5), (x + r + 4 + w / 2, y + 4),
                 (x - r - 4 - w / 2, y + 4), (x + d + w / 2, y + d + 12), (x - d - w / 2, y + d + 12),
                 (x + d + w / 2, y - d - 3), (x - d - w / 2, y - d - 3))
        # First a spot clear of other bubbles; failing that, one that covers
        # no bubble's middle.
        for reach, (cx, cy) in [(k, p) for k in (1.0, 0.45) for p in spots]:
            box = (cx - w / 2 - 2, cy - text_h + 4, cx + w / 2 + 2, cy + 4)
            if box[0] < 2 or box[2] > width - 2 or box[1] < 2 or box[3] > height - 2:
                continue
            if any(_overlap(box, b) for b in boxes) or _hits_bubble(box, px, radii, i, reach):
                continue
            boxes.append(box)
            out[int(i)] = {"text": text, "x": float(cx), "y": float(cy)}
            break
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _hits_bubble(box, px, radii, own: int, reach: float) -> bool:
    """Whether ``box`` comes within ``reach`` x radius of the centre of a
    bubble other than ``own``."""
    nx = np.clip(px[:, 0], box[0], box[2])
    ny = np.clip(px[:, 1], box[1], box[3])
    d = np.hypot(px[:, 0] - nx, px[:, 1] - ny)
    hit = d < radii * reach
    hit[own] = False
    return bool(hit.any())


def cluster_map(rows: Sequence[dict], vectors: np.ndarray | None = None, *,
                width: int = 640, height: int = 400) -> dict:
    """Bubble positions for the largest ``MAX_MAP_BUBBLES`` of ``rows`` (the
    report's cluster rows, largest first, each with ``size``, ``label``,
    ``keywords``, ``representatives``, ``nes``, ``emerging``), plus every
    emerging one beyond them."""
    if not rows:
        return {"width": width, "height": height, "bubbles": [], "basis": "", "left_out": 0}
    keep = [i for i, r in enumerate(rows) if i < MAX_MAP_BUBBLES or r.get("emerging")]
    left_out = len(rows) - len(keep)
    if vectors is not None and len(vectors) == len(rows):
        vectors = np.asarray(vectors)[keep]
    rows = [rows[i] for i in keep]
    if vectors is not None and len(vectors) == len(rows):
        xy, basis = project_2d(vectors), "centroids"
    else:
        docs = [" ".join([r["label"]] + list(r["keywords"]) + list(r["representatives"]))
                for r in rows]
        xy, basis = project_2d(wording_vectors(docs)), "wording"
    sizes = np.array([max(r["size"], 1) for r in rows], dtype=float)
    # Area follows size; all bubbles together cover at most ~20% of the map.
    scale = math.sqrt(0.2 * width * height / (math.pi * sizes.sum()))
    radii = np.clip(scale * np.sqrt(sizes), 4.0, 28.0)
    margin = 44.0
    px = np.column_stack([margin + xy[:, 0] * (width - 2 * margin),
                          margin + xy[:, 1] * (height - 2 * margin)])
    px = _relax(px, radii, width, height)
    places = _place_labels(rows, px, radii, sizes, width, height)
    bubbles = []
    for i, r in enumerate(rows):
        bubbles.append({"id": r["id"], "anchor": r["anchor"], "x": float(px[i, 0]),
                        "y": float(px[i, 1]), "r": float(radii[i]), "color": r["nes_color"],
                        "emerging": r["emerging"],
                        "label": places.get(i, {}).get("text", ""),
                        "lx": places.get(i, {}).get("x", 0.0), "ly": places.get(i, {}).get("y", 0.0),
                        "title": f"{r['label']}: {count_of(r['size'], 'message')}, {r['share_text']}, "
                                 f"NES {r['nes_text']}"})
    # Draw big bubbles first so small ones stay clickable on top.
    bubbles.sort(key=lambda b: -b["r"])
    return {"width": width, "height": height, "bubbles": bubbles, "basis": basis,
            "left_out": left_out}
