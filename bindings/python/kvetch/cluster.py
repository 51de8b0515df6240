"""Complaint clustering: every recurring complaint as one named issue.

    >>> import kvetch
    >>> cc = kvetch.ComplaintClusterer(random_state=0)
    >>> labels = cc.fit_predict(texts)            # or an Analyzer Result
    >>> cc.get_cluster_info()                     # one row per issue
    >>> cc.save("issues.kvc"); cc2 = kvetch.ComplaintClusterer.load("issues.kvc")
    >>> cc2.fit(next_week)                        # same issues keep their ids

How (details in kvetch/_kmeans.py and kvetch/_cluster_stats.py):

1. Raw texts go through ``kvetch.Analyzer`` first (PII redaction, language;
   polarity, emotion, NES and signal columns where the Analyzer has them).
   By default only complaints are clustered: ``polarity == "negative"`` or any
   ``signal_*`` column true. Without those columns every message counts, and
   a warning says so.
2. Message vectors from the bundled static embedding table (C++,
   ``_core.Embedder``) over the *redacted* text. Messages equal up to case,
   numbers and punctuation share a near-duplicate key: each distinct message
   is clustered once, weighted by its count.
3. Each vector has its language's mean vector taken off (the overall mean
   for languages with under 20 messages), which removes what all messages of
   a language share, then the vectors are clustered (kvetch/_kmeans.py):
   fine spherical k-means, then Ward merging of the fine clusters, to
   ``n_clusters`` if given, else while a merged cluster keeps a mean pairwise
   cosine >= ``merge_threshold`` (by default a floor that starts at 0.40 and
   is lowered while more than 15% of the messages would be outliers);
   clusters lighter than ``min_cluster_size`` messages are outliers (-1).
4. A refit (``fit`` on a fitted clusterer, also after ``load``) starts from
   the known issues: a message joins the nearest previous centroid when it
   is about as close as that cluster's own members were (see
   ``_kmeans.OUTLIER_MARGIN``), the known clusters' centroids move to their
   new members, and only the remaining messages are clustered afresh, into
   new issues with new ids. With automatic k, a fresh fit of all the
   messages is checked first: a cluster of it that lies mostly within a
   known cluster's reach but whose centroid is far from that cluster's
   (cosine under ``_kmeans.NEW_ISSUE_SIMILARITY``, 0.6), that took at
   least a quarter of that cluster's usual size and that holds at least
   ``min_cluster_size`` distinct messages is a new issue: its messages are
   clustered afresh too, and those no new cluster takes go back to the
   known one (a new issue next to a known one was otherwise mostly
   absorbed by it). Issues with no message left drop out.
   ``transform`` assigns by the same reach and the same test, and gives a
   new issue's messages -1.

Results depend only on the input, the options and ``random_state``: the
C++ steps are bit-identical for any ``n_threads``.

Languages: one shared vector space for all languages, each language centred
on itself (step 3). The table is distilled from an English sentence model, so
messages in other languages about the same issue meet only where their words
are shared or close (brand and product words, "error 500", cognates); on the
sample archive 79% of the clusters hold more than one language (session
23; 82% before), but most
issues still split into several per-language clusters. ``get_cluster_info()``
lists the languages of each cluster so this is visible.

Not done: hierarchical topics, per-language sub-labels, online (partial_fit)
updates.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from . import _core, _kmeans
from .config import MAX_THREADS, check_float, check_int
from .errors import ConfigError, KvetchIOError, ModelError
from .io import atomic_file

_FORMAT = "kvetch-clusterer/1"


class ComplaintClusterer:
    """Groups complaints into recurring issues (BERTopic-style API).

    Args (keyword-only):
        n_clusters: number of clusters; None chooses it (see module doc).
        min_cluster_size: with automatic k, smaller clusters become -1.
        only_complaints: cluster only complaints (see module doc); False
            clusters every message.
        random_state: seed of every random choice.
        n_threads: threads for the C++ work (default: all CPUs).
        merge_threshold: with automatic k, the mean pairwise cosine a
            cluster must keep (higher: more, tighter clusters). None:
            automatic: it starts at the value the embedding table was tuned
            with (its 'merge_threshold' section, else 0.40) and is lowered
            in steps of 0.05, down to 0.15, while more than 15% of the
            messages would be outliers (less cohesive text: long e-mails,
            signatures); the value used is ``floor_`` after the first fit,
            and refits keep it.
        embed_model: path of an embedding table (default: the bundled one).
    """

    def __init__(self, *, n_clusters: int | None = None, min_cluster_size: int = 10,
                 only_complaints: bool = True, random_state: int = 0,
                 n_threads: int | None = None,
                 merge_threshold: float | None = None,
                 embed_model: str | None = None):
        self.n_clusters = check_int("n_clusters", n_clusters, 1, allow_none=True)
        self.min_cluster_size = check_int("min_cluster_size", min_cluster_size, 1)
        self.only_complaints = bool(only_complaints)
        if random_state is None:
            raise ConfigError("random_state must be an int >= 0, got None: results are "
                              "reproducible by design; pass any seed (the default is 0)")
        self.random_state = check_int("random_state", random_state, 0)
        self.n_threads = check_int("n_threads", n_threads, 1, MAX_THREADS, allow_none=True)
        self.merge_threshold = None if merge_threshold is None else \
            check_float("merge_threshold", merge_threshold, 0, 1, open_ends=True)
        self.embed_model = embed_model
        self.labels_: np.ndarray | None = None
        self._state: dict[str, Any] | None = None   # the fitted model
        self._docs = None                            # per-message frame of the last fit
        self._docs_index = None                      # the input's pandas index, if any
        self._info = None                            # cached cluster table
        self._distinct: dict[str, np.ndarray] | None = None  # distinct messages

    # --- pickling: the fitted model, not the documents ---------------------
    def __getstate__(self) -> dict[str, Any]:
        """What :meth:`save` writes, no more: the options, the fitted
        clusters, their names and table. The documents of the fit
        (``labels_``, :meth:`get_document_info`) stay with the original, so
        a clusterer fitted on millions of messages ships to Spark or Dask
        workers (for :meth:`transform`) in kilobytes, not hundreds of MB."""
        if self._state is not None:
            self.get_cluster_info()  # computed while the documents are here
        state = dict(self.__dict__)
        state.update(labels_=None, _docs=None, _docs_index=None, _distinct=None)
        return state

    # --- fitting -----------------------------------------------------------
    def fit(self, texts_or_result: Any, *, timestamps: Any = None,
            channels: Any = None) -> "ComplaintClusterer":
        """Clusters the messages. Accepts raw texts (list, pandas Series,
        Arrow array), a ``kvetch.Result``, or a DataFrame with
        ``text_redacted`` (Result-like) or ``text``. ``timestamps`` and
        ``channels`` (one per message) override ``created_at`` / ``channel``
        columns. On a fitted (or loaded) clusterer this is a refit that keeps
        the ids of the issues it already knows (see the module doc)."""
        docs = self._documents(texts_or_result, timestamps, channels)
        lost = docs.attrs.get("lost_times", 0)
        if lost:
            import warnings
            warnings.warn(f"{lost:,} of {len(docs):,} timestamps could not be read as dates; "
                          "their messages are left out of weekly counts, growth and the "
                          "emerging test", stacklevel=2)
        previous = self._state
        # The table of the fit before (merges included), for its weeks.
        prev_table = self.get_cluster_info() if previous is not None else None
        rows = np.flatnonzero(docs["is_complaint"].to_numpy()) if self.only_complaints \
            else np.arange(len(docs))
        vec, keys, known = self._embed(docs["text_redacted"].to_numpy()[rows])
        dim = int(vec.shape[1])
        ok = known > 0
        rows, vec, keys = rows[ok], vec[ok], keys[ok]
        _, first, inverse, counts = _dedup(keys)
        x_raw = vec[first]
        del vec
        w = counts.astype(np.float32)
        langs = docs["lang"].astype(object).to_numpy()[rows][first]
        mean, lang_means = _centres(x_raw, w, langs, previous)
        x = _centre(x_raw, langs, mean, lang_means)
        del x_raw
        km = _core.KMeans(self.n_threads or 0)
        opts = dict(n_clusters=self.n_clusters, min_cluster_size=self.min_cluster_size,
                    random_state=self.random_state, merge_threshold=self._merge_threshold())
        known_floor = previous.get("floor") if previous is not None else None
        if self.merge_threshold is None and known_floor is not None:
            opts["merge_threshold"] = known_floor  # a refit keeps the floor that made clusters
        if previous is None or len(previous["ids"]) == 0:
            part = _kmeans.fit_partition(km, x, w, **opts, adapt=self.merge_threshold is None
                                         and known_floor is None)
            start = previous["next_id"] if previous else 0
            ids = np.arange(start, start + len(part.centroids), dtype=np.int64)
        else:
            part, kept = _kmeans.refit_partition(
                km, x, w, previous["centroids"], previous["thresholds"],
                n_known=len(np.unique(previous["ids"])), **opts,
                prev_shares=self._centroid_shares(), prev_total=self._fit_total())
            ids = np.concatenate([previous["ids"][kept], np.arange(
                previous["next_id"], previous["next_id"] + len(part.centroids) - len(kept),
                dtype=np.int64)])
        k = len(part.centroids)
        ulab = np.where(part.labels >= 0, ids[np.maximum(part.labels, 0)] if k else -1, -1)
        msg_labels = np.full(len(docs), -1, np.int64)
        msg_labels[rows] = ulab[inverse]
        member_sims = part.sims
        docs["cluster"] = msg_labels
        self.labels_ = msg_labels
        self._distinct = {"doc_rows": rows[first], "cluster": ulab, "sim": member_sims,
                          "count": counts}
        self._state = {
            "ids": ids, "centroids": part.centroids, "mean": mean, "lang_means": lang_means,
            "thresholds": _kmeans.thresholds(member_sims, part.labels, k),
            "next_id": max(int(ids.max()) + 1 if k else 0,
                           previous["next_id"] if previous else 0),
            "names": dict(previous["names"]) if previous else {},
            "n_fits": (previous["n_fits"] if previous else 0) + 1, "dim": dim,
            "floor": self._floor_used(known_floor, (part.floor if part.floor is not None
                                                    else opts["merge_threshold"]) if k else None),
            # Weekly counts of the earlier fits, per known id, and the last
            # time they saw: a refit's emerging test compares its weeks with
            # them (_cluster_table._add_time).
            **_history(prev_table),
        }
        self._docs = docs
        self._docs_index = _input_index(texts_or_result, len(docs))
        self._info = None
        self._info = self.get_cluster_info()
        if self.n_clusters is not None and 0 < k < self.n_clusters and previous is None:
            import warnings
            warnings.warn(f"n_clusters={self.n_clusters} but {k} clusters were made: there "
                          "are fewer distinct messages (or groups reaching min_cluster_size) "
                          "than that", stacklevel=2)
        if k == 0 and len(docs):
            import warnings
            n = int(docs["is_complaint"].sum()) if self.only_complaints else len(docs)
            from .report._words import count_of
            what = count_of(n, "complaint" if self.only_complaints else "message")
            warnings.warn(f"no cluster: no group of similar messages reached min_cluster_size="
                          f"{self.min_cluster_size} among the {what}", stacklevel=2)
        return self

    def fit_predict(self, texts_or_result: Any, **kwargs: Any) -> np.ndarray:
        """``fit``, then the cluster id of each message (-1: outlier or not
        clustered)."""
        return self.fit(texts_or_result, **kwargs).labels_

    def transform(self, texts_or_result: Any) -> np.ndarray:
        """The cluster id of each new message: its nearest cluster, or -1
        when it is farther than the cluster's own members usually are (or is
        not a complaint when ``only_complaints``). On the fit's own messages
        it mostly agrees with the fit, but not always: a fit outlier (-1,
        say from a group under ``min_cluster_size``) close enough to a
        cluster gets that cluster here. It never creates a cluster: a new
        issue's messages get -1, those close enough to a known cluster
        included when (automatic k) they form a group of their own far from
        it (the refit's test, see the module doc); ``fit`` on new data
        finds new clusters."""
        st = self._fitted()
        docs = self._documents(texts_or_result, None, None)
        out = np.full(len(docs), -1, np.int64)
        rows = np.flatnonzero(docs["is_complaint"].to_numpy()) if self.only_complaints \
            else np.arange(len(docs))
        if len(rows) == 0 or len(st["ids"]) == 0:
            return out
        vec, _, known = self._embed(docs["text_redacted"].to_numpy()[rows])
        langs = docs["lang"].astype(object).to_numpy()[rows]
        x = _centre(vec, langs, st["mean"], st["lang_means"])
        km = _core.KMeans(self.n_threads or 0)
        lab, sim = km.assign(x, st["centroids"])
        good = (known > 0) & (sim >= st["thresholds"][lab])
        if self.n_clusters is None and good.any():
            ok = np.flatnonzero(known > 0)
            labels = np.where(good[ok], lab[ok], -1).astype(np.int32)
            _kmeans.release_new_issues(
                km, x[ok], np.ones(len(ok), np.float32), labels, st["centroids"],
                self._centroid_shares(), self._fit_total(),
                min_cluster_size=self.min_cluster_size,
                random_state=self.random_state,
                merge_threshold=st.get("floor") or self._merge_threshold())
            good[ok] = labels >= 0
        out[rows[good]] = st["ids"][lab[good]]
        return out

    # --- results -----------------------------------------------------------
    def get_cluster_info(self):
        """One row per cluster, largest first (pandas DataFrame): id, label,
        keywords, size, share, nes, top_emotion, emotions, languages,
        channels, first_seen, last_seen, weekly, growth, emerging,
        emerging_p, representatives. ``growth``: messages in the latest week
        so far over those of the same days (weekday and hour) of the week
        before; inf when there were none before (a new issue), NaN when
        there were none in either. ``weekly``: messages per week (Monday,
        UTC), every week of the archive, zeros included; after a refit also
        the earlier fits' weeks before this fit's messages begin, which the
        emerging test reads as its baseline."""
        self._fitted()
        if self._info is None:
            self._info = _cluster_table(self)
        return self._info.copy()

    def get_document_info(self):
        """One row per message of the last fit: ``cluster``,
        ``is_complaint``, ``text_redacted``, ``lang`` and the other input
        fields, indexed like the input (a pandas Series or DataFrame, or a
        Result of one) so that it joins back onto it; else 0..n-1."""
        self._fitted()
        if self._docs is None:
            raise ConfigError("no documents: this clusterer was loaded or unpickled, not "
                              "fitted; use transform() or fit()")
        docs = self._docs.copy()
        if self._docs_index is not None:
            docs.index = self._docs_index
        return docs

    def rename(self, cluster_id: int, label: str) -> None:
        """Sets a cluster's label (kept across refits while the id is)."""
        st = self._fitted()
        cluster_id = check_int("cluster_id", cluster_id, -1)
        if cluster_id not in set(st["ids"].tolist()):
            raise ConfigError(f"no cluster {cluster_id}")
        if not isinstance(label, str) or not label.strip():
            raise ConfigError(f"label must be a non-blank string, got {label!r}")
        st["names"][cluster_id] = label
        if self._info is not None:
            self._info.loc[self._info["id"] == cluster_id, "label"] = label

    def merge(self, ids) -> int:
        """Merges the clusters ``ids`` into the first of them; returns it.
        The merged cluster keeps every centroid of its parts (each with its
        own reach), so ``transform`` and a refit send each part's messages
        back to it, and its label, keywords and representatives are drawn
        from all its members."""
        st = self._fitted()
        if isinstance(ids, (str, bytes)) or not hasattr(ids, "__iter__"):
            raise ConfigError(f"merge takes a list of cluster ids, got {ids!r}")
        ids = [check_int("cluster id", i, -1) for i in ids]
        have = set(st["ids"].tolist())
        missing = [i for i in ids if i not in have]
        if missing:
            raise ConfigError(f"merge: no cluster with id {', '.join(map(str, missing))}")
        if len(set(ids)) < 2:
            raise ConfigError(f"merge needs two or more different cluster ids, got {ids}")
        keep = ids[0]
        st["ids"] = np.where(np.isin(st["ids"], ids), keep, st["ids"]).astype(np.int64)
        history = st.get("history") or {}
        for i in ids[1:]:  # the earlier fits' weeks add up too
            for w, n in history.pop(i, {}).items():
                history.setdefault(keep, {})[w] = history.get(keep, {}).get(w, 0) + n
        if self._docs is not None:
            lab = self._docs["cluster"].to_numpy().copy()
            lab[np.isin(lab, ids)] = keep
            self._docs["cluster"] = lab
            self.labels_ = lab
            d = self._distinct
            d["cluster"] = np.where(np.isin(d["cluster"], ids), keep, d["cluster"])
            self._info = None
        else:
            self._info = _merge_loaded_rows(self._info, ids)
        return keep

    # --- persistence -------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Writes the fitted clusterer to one ``.npz`` file (arrays and JSON;
        no pickled code). Written atomically."""
        st = self._fitted()
        info = self.get_cluster_info()
        meta = {
            "format": _FORMAT, "version": _core.__version__,
            "options": {"n_clusters": self.n_clusters, "min_cluster_size": self.min_cluster_size,
                        "only_complaints": self.only_complaints,
                        "random_state": self.random_state,
                        "merge_threshold": self.merge_threshold},
            "next_id": st["next_id"], "n_fits": st["n_fits"], "dim": st["dim"],
            "floor": st.get("floor"),
            "names": {str(k): v for k, v in st["names"].items()},
            "langs": list(st["lang_means"]),
            "info": json.loads(info.to_json(orient="records", date_format="iso",
                                            double_precision=15)),
            # JSON has no infinity: the ids whose growth is inf (new issues).
            "growth_new": [int(i) for i, g in zip(info["id"], info["growth"])
                           if np.isinf(g)] if "growth" in info else [],
        }
        with atomic_file(path) as f:
            np.savez(f, ids=st["ids"], centroids=st["centroids"], mean=st["mean"],
                     thresholds=st["thresholds"],
                     lang_means=np.array(list(st["lang_means"].values()), np.float32).reshape(
                         len(st["lang_means"]), len(st["mean"])),
                     meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))

    @classmethod
    def load(cls, path: str | Path, *, n_threads: int | None = None,
             embed_model: str | None = None) -> "ComplaintClusterer":
        """A clusterer written by :meth:`save`."""
        import pandas as pd

        if not Path(path).is_file():
            raise KvetchIOError(f"{path}: no such file" if not Path(path).exists()
                                else f"{path}: not a file")
        try:
            with np.load(path, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
            meta = json.loads(arrays.pop("meta").tobytes().decode())
        except (OSError, ValueError, KeyError, AttributeError, EOFError,
                zipfile.BadZipFile) as e:  # a cut or overwritten file
            why = e if isinstance(e, KeyError) else "not an .npz archive written by save()"
            raise ModelError(f"{path}: not a saved ComplaintClusterer ({why})") from None
        if meta.get("format") != _FORMAT or "options" not in meta:
            raise ModelError(f"{path}: unknown format {meta.get('format')!r}")
        self = cls(n_threads=n_threads, embed_model=embed_model, **meta["options"])
        self._state = {
            "ids": arrays["ids"].astype(np.int64), "centroids": arrays["centroids"],
            "mean": arrays["mean"],
            "lang_means": dict(zip(meta["langs"], arrays["lang_means"])),
            "thresholds": arrays["thresholds"], "next_id": int(meta["next_id"]),
            "names": {int(k): v for k, v in meta["names"].items()},
            "n_fits": int(meta["n_fits"]), "dim": int(meta["dim"]),
            "floor": meta.get("floor"),  # absent in files of 0.1.0 before session 22
        }
        info = pd.DataFrame(meta["info"])
        for col in ("first_seen", "last_seen"):
            if col in info:
                info[col] = pd.to_datetime(info[col], utc=True)
        if "growth" in info:
            info["growth"] = info["growth"].astype(float)
            info.loc[info["id"].isin(meta.get("growth_new", [])), "growth"] = float("inf")
        self._info = info
        self._state.update(_history(info))
        return self

    def to_html(self, path: str | Path, *, messages: Any = None,
                title: str = "Customer voice report") -> Path:
        """Writes the HTML report of this fit to ``path`` (one self-contained
        file: the cluster table that sorts and searches, a drill-down per
        cluster, emerging issues, a map; see :mod:`kvetch.report`) and
        returns the path. ``messages`` (a Result or DataFrame, one row per
        message of the fit) adds the overview; default the documents of
        the fit."""
        from .report import report_from_clusterer
        return report_from_clusterer(self, messages, title=title).save(path)

    @property
    def cluster_centers_(self) -> np.ndarray:
        """Unit-length centroids, one row per cluster of
        :meth:`get_cluster_info` (same order)."""
        st = self._fitted()
        known = set(st["ids"].tolist())
        ids = [int(i) for i in self.get_cluster_info()["id"] if int(i) in known]
        cents = np.asarray(st["centroids"])
        out = np.zeros((len(ids), cents.shape[1] if cents.ndim == 2 else 0), np.float32)
        for row, i in enumerate(ids):  # a merged cluster: the mean of its parts
            c = cents[st["ids"] == i].mean(0)
            out[row] = c / max(float(np.linalg.norm(c)), 1e-12)
        return out

    @property
    def floor_(self) -> float | None:
        """The cohesion floor the fit used (see ``merge_threshold``); None
        with ``n_clusters`` given, or when the fit found no cluster."""
        return self._fitted().get("floor")

    def __repr__(self) -> str:
        k = len(set(self._state["ids"].tolist())) if self._state else None
        return (f"kvetch.ComplaintClusterer(n_clusters={self.n_clusters}, "
                f"min_cluster_size={self.min_cluster_size}, only_complaints="
                f"{self.only_complaints}, random_state={self.random_state}; "
                f"{'not fitted' if k is None else f'{k} clusters'})")

    # --- internals ---------------------------------------------------------
    def _fitted(self) -> dict:
        if self._state is None:
            raise ConfigError("this ComplaintClusterer is not fitted: call fit() or load()")
        return self._state

    def _embedder(self):
        from .models import bundled_model

        path = str(self.embed_model or bundled_model("embed"))
        key = (path, self.n_threads or 0)
        emb = _EMBEDDERS.get(key)
        if emb is None:
            emb = _EMBEDDERS[key] = _core.Embedder(path, self.n_threads or 0)
        return emb

    def _centroid_shares(self) -> np.ndarray:
        """Per centroid of the fitted state, its cluster's share of the
        fit's messages (the cluster table's ``share``; a merged id's
        centroids each get the merged share), for the new-issue test."""
        info = self.get_cluster_info()
        share = dict(zip(info["id"].astype(int), info["share"].astype(float)))
        return np.array([share.get(int(i), 0.0) for i in self._state["ids"]], np.float64)

    def _fit_total(self) -> float:
        """The messages the last fit clustered among (complaints, or all
        with ``only_complaints=False``), from its table (size / share)."""
        info = self.get_cluster_info()
        share = float(info["share"].sum()) if len(info) else 0.0
        return float(info["size"].sum()) / share if share > 0 else 0.0

    def _floor_used(self, known: float | None, chosen: float | None) -> float | None:
        """The floor to keep for refits: a given ``merge_threshold``, else
        the one kept before, else the one this fit chose if it made
        clusters (an empty or all-outlier fit leaves the next one to choose
        again); None with ``n_clusters``."""
        if self.n_clusters is not None:
            return None
        if self.merge_threshold is not None:
            return self.merge_threshold
        return known if known is not None else chosen

    def _merge_threshold(self) -> float:
        """The one given, else the embedding table's, else the default."""
        if self.merge_threshold is not None:
            return self.merge_threshold
        table = self._embedder().merge_threshold
        # the table stores float32: 0.4000000059604645 -> 0.4
        return _kmeans.MERGE_THRESHOLD if table is None else round(float(table), 6)

    def _embed(self, texts: np.ndarray):
        emb = self._embedder()
        if self._state is not None and self._state["dim"] != emb.dim:
            raise ModelError(f"embedding table has dimension {emb.dim}, the clusterer "
                             f"{self._state['dim']}")
        if len(texts) == 0:
            return (np.zeros((0, emb.dim), np.float32), np.zeros(0, np.uint64),
                    np.zeros(0, np.int32))
        arr = pa.array(texts, type=pa.large_string(), from_pandas=True)
        return emb.embed_arrow(*arr.__arrow_c_array__())

    def _documents(self, data: Any, timestamps: Any, channels: Any):
        from ._cluster_input import documents

        return documents(data, timestamps, channels, n_threads=self.n_threads,
                         warn=self.only_complaints)


_EMBEDDERS: dict[tuple, Any] = {}


def _input_index(data: Any, n: int):
    """The pandas index of what fit() was given (a Series, a DataFrame, or a
    Result of a Series), when it has one row per document; else None."""
    from .result import Result

    index = data._index if isinstance(data, Result) else getattr(data, "index", None)
    pd = sys.modules.get("pandas")
    if pd is None or not isinstance(index, pd.Index) or len(index) != n:
        return None
    return index


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(n, 1e-12)).astype(np.float32)


#: Languages with at least this many (clustered) messages get their own
#: centre; the others use the overall one.
MIN_LANG_MESSAGES = 20


def _centres(x: np.ndarray, w: np.ndarray, langs: np.ndarray, previous: dict | None):
    """(overall weighted mean, {language: weighted mean}) of message vectors.
    Subtracting each language's own mean removes what all messages of a
    language share (its function words), so messages meet by topic. A refit
    keeps the previous centres (the previous centroids live in their space)
    and adds languages new to it."""
    d = x.shape[1]
    if previous is not None:
        mean, out = previous["mean"], dict(previous["lang_means"])
    elif len(x) == 0:
        return np.zeros(d, np.float32), {}
    else:
        mean, out = ((x * w[:, None]).sum(0) / w.sum()).astype(np.float32), {}
    keys = np.array([l if isinstance(l, str) else "" for l in langs], dtype=object)
    for lang in sorted(set(keys.tolist()) - {""} - set(out)):
        m = keys == lang
        if w[m].sum() >= MIN_LANG_MESSAGES:
            out[lang] = ((x[m] * w[m, None]).sum(0) / w[m].sum()).astype(np.float32)
    return mean, out


def _centre(x, langs, mean, lang_means) -> np.ndarray:
    """Unit vectors of x minus its language's centre (or the overall one)."""
    names = list(lang_means)
    table = np.vstack([mean] + [lang_means[n] for n in names]).astype(np.float32)
    index = {n: i + 1 for i, n in enumerate(names)}
    idx = np.fromiter((index.get(l, 0) if isinstance(l, str) else 0 for l in langs),
                      dtype=np.int64, count=len(langs))
    x = np.asarray(x, dtype=np.float32) - table[idx]
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    return x


def _dedup(keys: np.ndarray):
    """(unique keys, first row of each, row -> unique index, counts), unique
    in order of first appearance."""
    if len(keys) == 0:
        z = np.zeros(0, np.int64)
        return keys, z, z, z
    uniq, first, inverse, counts = np.unique(keys, return_index=True, return_inverse=True,
                                             return_counts=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return uniq[order], first[order], rank[inverse.ravel()], counts[order]


def _history(info) -> dict[str, Any]:
    """The state's "history" (id -> {week: messages}) and "history_end"
    (the last time seen) from the cluster table of the fit before a refit;
    empty without one."""
    import pandas as pd

    if info is None or "weekly" not in info or not len(info):
        return {"history": {}, "history_end": None}
    history = {int(i): {str(w): int(n) for w, n in (wk or {}).items() if n}
               for i, wk in zip(info["id"], info["weekly"]) if isinstance(wk, dict)}
    end = pd.to_datetime(info["last_seen"], utc=True).max() if "last_seen" in info else None
    return {"history": history, "history_end": None if pd.isna(end) else end}


def _cluster_table(cc: ComplaintClusterer):
    from ._cluster_table import cluster_table

    return cluster_table(cc)


def _merge_loaded_rows(info, ids):
    from ._cluster_table import merge_rows

    return merge_rows(info, ids)
