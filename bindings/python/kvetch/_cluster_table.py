"""ComplaintClusterer.get_cluster_info(): the per-cluster table, computed with
pandas group-bys over the per-message frame of the last fit."""

from __future__ import annotations

import re

import numpy as np

from . import _cluster_stats as stats
from . import _core
from ._cluster_input import CHANNEL_COLUMN, TIME_COLUMN
from ._time import latest_week_masks, week_start

#: Weeks at the end of the archive tested against the weeks before them.
RECENT_WEEKS = 2
N_REPRESENTATIVES = 3
LABEL_SAMPLE = 400
MAX_REPRESENTATIVE_CHARS = 300

COLUMNS = ["id", "label", "keywords", "size", "share", "nes", "top_emotion", "emotions",
           "languages", "channels", "first_seen", "last_seen", "weekly", "growth",
           "emerging", "emerging_p", "representatives"]


def cluster_table(cc):
    import pandas as pd

    docs, st = cc._docs, cc._state
    ids = list(dict.fromkeys(int(i) for i in st["ids"]))  # a merged id has many centroids
    if docs is None or not ids:
        return pd.DataFrame({c: [] for c in COLUMNS})
    clustered = docs[docs["cluster"] >= 0]
    size = clustered["cluster"].value_counts()
    n_base = int(docs["is_complaint"].sum()) if cc.only_complaints else len(docs)
    table = pd.DataFrame({"id": ids})
    table["size"] = [int(size.get(i, 0)) for i in ids]
    table["share"] = table["size"] / max(n_base, 1)
    texts, reps = _labels_and_representatives(cc, ids)
    table["keywords"] = [texts.get(i, []) for i in ids]
    table["label"] = [st["names"].get(i) or stats.label_of(texts.get(i, [])) for i in ids]
    table["nes"] = _nes(clustered, ids)
    table["top_emotion"], table["emotions"] = _emotions(clustered, ids)
    table["languages"] = _counts(clustered, "lang", ids, missing="und")
    table["channels"] = _counts(clustered, CHANNEL_COLUMN, ids) if CHANNEL_COLUMN in docs \
        else [{} for _ in ids]
    _add_time(table, clustered, ids, st.get("history"), st.get("history_end"))
    table["representatives"] = [reps.get(i, []) for i in ids]
    table = table.sort_values(["size", "id"], ascending=[False, True], kind="stable")
    return table[COLUMNS].reset_index(drop=True)


def _labels_and_representatives(cc, ids):
    d = cc._distinct
    docs = cc._docs
    text = docs["text_redacted"].to_numpy()
    lang = docs["lang"].astype(object).to_numpy()
    order = np.lexsort((-d["sim"], d["cluster"]))  # by cluster, nearest first
    groups: dict[int, list[int]] = {}
    for u in order:
        c = int(d["cluster"][u])
        if c >= 0:
            groups.setdefault(c, []).append(int(u))
    reps, label_docs = {}, {}
    for c, us in groups.items():
        reps[c] = _representatives(text, d["doc_rows"], us)
        best = sorted(us, key=lambda u: (-int(d["count"][u]), -float(d["sim"][u])))
        label_docs[c] = [(text[d["doc_rows"][u]], _lang(lang[d["doc_rows"][u]]),
                          int(d["count"][u])) for u in best[:LABEL_SAMPLE]]
    # Labels read the customer's words only: quoted replies, sign-offs and
    # signatures made labels such as "contacting lumio / forwarded" and
    # names keywords (session 23 review).
    flat = bodies([t for docs_ in label_docs.values() for t, _, _ in docs_])
    at = 0
    for c, docs_ in label_docs.items():
        label_docs[c] = [(flat[at + j], lg, n) for j, (_, lg, n) in enumerate(docs_)]
        at += len(docs_)
    keywords = stats.class_tfidf(label_docs)
    return keywords, reps


def bodies(texts: list) -> list[str]:
    """Each text's body: its lines before a quoted reply, signature, footer
    or sign-off (kvetch/body.h), without quoted ('>') lines, and without a
    closing and name that body.h does not know (strip_signature)."""
    # CRLF and CR line ends as "\n": body.h reads lines that end in "\n".
    texts = [str(t or "").replace("\r\n", "\n").replace("\r", "\n") for t in texts]
    out = []
    for t, n in zip(texts, _core.body_lines(texts)):
        lines = t.split("\n")
        if n >= 0:
            lines = lines[:max(n, 1)]
        out.append(strip_signature("\n".join(l for l in lines
                                             if not l.lstrip().startswith(">")).rstrip()))
    return out


# A closing line ("Thanks,", "Best regards,") and the signature after it
# (usually a name, which PII redaction does not cover) are left out of
# representatives.
_CLOSING = re.compile(
    r"^\s*(thanks|thank you( in advance| so much)?|many thanks|regards|best( regards| wishes)?|"
    r"kind regards|sincerely|cheers|merci( d'avance)?|cordialement|bien à vous|"
    r"(viele |mit freundlichen |beste )?grü(ß|ss)en?|gruß|mfg|danke|saludos|gracias|un saludo|"
    r"grazie|cordiali saluti|distinti saluti|saluti|obrigad[oa]|atenciosamente|cumprimentos|"
    r"groeten|groetjes|met vriendelijke groet|mvg|atentamente|с уважением|всего доброго|"
    r"заранее спасибо|alvast bedankt|danke im voraus|gracias de antemano|"
    r"grazie in anticipo|obrigad[oa] desde já)[\s,.!]*$", re.IGNORECASE)
# Lower-case particles inside a name ("Ruben van Dijk", "Maria da Silva").
_PARTICLES = frozenset("van von de der den da di du des del della dos das do la le y e ten ter "
                       "bin al el".split())
# A name line: one to three words, each capitalised (or in a script without
# case), no digits, no sentence punctuation.
_NAME = re.compile(r"^\s*(?:[^\W\d_][\w'’.-]*)(?:\s+[^\W\d_][\w'’.-]*){0,2}\s*$")
# A closing that ends a letter: short, and ending in a comma (also Arabic's)
# or a Japanese closing formula.
_CLOSING_END = re.compile(r"([,،]|お願いします。|お願いいたします。)\s*$")


def strip_signature(text: str) -> str:
    """The text up to a closing line that is followed by a short line (a
    name), or up to a closing line ("Best regards," / "Gracias de
    antemano,", up to 8 words ending in a comma) with a name line after it:
    the signature and anything after it (a quoted reply) go. A bare name on
    the last line goes too."""
    lines = text.rstrip().split("\n")
    for i in range(1, len(lines)):
        if _CLOSING.match(lines[i]):
            tail = [l for l in lines[i + 1:] if l.strip()]
            if not tail or len(tail[0].split()) <= 4:
                return "\n".join(lines[:i]).rstrip()
    kept = [i for i, l in enumerate(lines) if l.strip()]
    for a, b in zip(kept[1:], kept[2:]):  # a closing, then a name, then anything
        closing = lines[a]
        if (len(closing.split()) <= 8 and _is_name(lines[b], particles=True) and
                (_CLOSING_END.search(closing) or _CLOSING.match(closing))):
            return "\n".join(lines[:a]).rstrip()
    if len(kept) >= 2 and _is_name(lines[kept[-1]]):
        return "\n".join(lines[:kept[-1]]).rstrip()
    return text


def _is_name(line: str, particles: bool = False) -> bool:
    """One to three capitalised words; with ``particles`` (only under a
    closing line) lower-case particles between them too ("Ruben van Dijk"),
    which a bare last line would confuse with German nouns ("Lieferung von
    Amazon")."""
    if not _NAME.match(line) or len(line.strip()) > 40:
        return False
    words = line.split()
    allowed = _PARTICLES if particles else frozenset()
    return not words[0][0].islower() and not any(
        w[0].islower() and w not in allowed for w in words)


def _representatives(text, doc_rows, us):
    out, seen = [], set()
    for u in us:
        t = bodies([text[doc_rows[u]]])[0].strip()
        if t and t not in seen:
            seen.add(t)
            out.append(t if len(t) <= MAX_REPRESENTATIVE_CHARS
                       else t[:MAX_REPRESENTATIVE_CHARS - 1] + "…")
        if len(out) == N_REPRESENTATIVES:
            break
    return out


def _lang(v):
    return v if isinstance(v, str) else None


def _nes(clustered, ids):
    if "nes" not in clustered:
        return [float("nan")] * len(ids)
    m = clustered.groupby("cluster")["nes"].mean() * 100
    return [float(m.get(i, float("nan"))) for i in ids]


def _emotions(clustered, ids):
    if "emotion" not in clustered:
        return [None] * len(ids), [{} for _ in ids]
    counts = _counts(clustered, "emotion", ids)
    top = []
    for c in counts:
        strong = {k: v for k, v in c.items() if k != "neutral"}
        pick = strong or c
        top.append(max(sorted(pick), key=lambda k: pick[k]) if pick else None)
    return top, counts


def _counts(clustered, column, ids, missing=None):
    col = clustered[column].astype(object)
    if missing is not None:
        col = col.where(col.notna(), missing)
    g = col.groupby(clustered["cluster"]).value_counts()
    out = {i: {} for i in ids}
    for (c, v), n in g.items():
        if v is not None and v == v and int(c) in out:
            out[int(c)][str(v)] = int(n)
    return [dict(sorted(out[i].items(), key=lambda kv: (-kv[1], kv[0]))) for i in ids]


def _add_time(table, clustered, ids, history=None, history_end=None):
    """first_seen, last_seen, weekly, growth and the emerging test.
    ``history`` (id -> {week: count}, weeks as "YYYY-MM-DD" Mondays) holds
    the earlier fits' weeks after a refit; ``history_end`` the last
    timestamp they saw."""
    import pandas as pd

    history = history or {}
    nan = [float("nan")] * len(ids)
    if TIME_COLUMN not in clustered or clustered[TIME_COLUMN].notna().sum() == 0:
        table["first_seen"] = pd.NaT
        table["last_seen"] = pd.NaT
        # No dates in this fit: the earlier weeks are carried on as they are.
        table["weekly"] = [dict(history.get(i, {})) for i in ids]
        table["growth"], table["emerging"], table["emerging_p"] = nan, False, nan
        return
    t = clustered[TIME_COLUMN]
    g = t.groupby(clustered["cluster"])
    first, last = g.min(), g.max()
    table["first_seen"] = [first.get(i, pd.NaT) for i in ids]
    table["last_seen"] = [last.get(i, pd.NaT) for i in ids]
    week = week_start(t)
    per = week.groupby(clustered["cluster"]).value_counts()
    counts = {i: {} for i in ids}
    for (c, wk), n in per.items():
        if int(c) in counts:
            counts[int(c)][wk.strftime("%Y-%m-%d")] = int(n)
    weekly = _with_history(counts, history, week.min(), t.min(), history_end)
    all_weeks = pd.date_range(min(min(wk) for wk in weekly.values() if wk) if any(weekly.values())
                              else week.min(), week.max(), freq="7D").strftime("%Y-%m-%d")
    table["weekly"] = [_zero_filled(weekly[i], all_weeks) for i in ids]
    last_week = week.max().strftime("%Y-%m-%d")
    recent_start = (week.max() - pd.Timedelta(days=7 * (RECENT_WEEKS - 1))).strftime("%Y-%m-%d")
    in_now, in_before = latest_week_masks(t)
    now = clustered["cluster"][in_now].value_counts().to_dict()
    before = clustered["cluster"][in_before].value_counts().to_dict()
    growth, recent, base = [], [], []
    for i in ids:
        wk = weekly[i]  # ISO dates compare as strings
        earlier = sum(n for k, n in wk.items() if k < last_week)
        growth.append(_growth(now.get(i, 0), before.get(i, 0), bool(before), earlier))
        recent.append(sum(n for k, n in wk.items() if k >= recent_start))
        base.append(sum(n for k, n in wk.items() if k < recent_start))
    flags, p = stats.emerging_flags(np.array(recent), np.array(base))
    table["growth"] = growth
    table["emerging"] = flags
    table["emerging_p"] = p


def _with_history(counts, history, first_week, first_time, history_end):
    """This fit's weekly counts per id plus the earlier fits' weeks before
    its first week; the first week too when the earlier fits ended before
    this fit's first message (a fit that starts mid-week after them)."""
    first = first_week.strftime("%Y-%m-%d")
    disjoint = history_end is not None and first_time > history_end
    out = {}
    for i, wk in counts.items():
        merged = {w: n for w, n in history.get(i, {}).items() if w < first and n}
        if disjoint and history.get(i, {}).get(first):
            wk = dict(wk)
            wk[first] = wk.get(first, 0) + history[i][first]
        merged.update(wk)
        out[i] = merged
    return out


def _zero_filled(weekly: dict, all_weeks) -> dict:
    """``weekly`` over every week from its own first to the last week of
    the archive, zeros included (a plot then shows the gaps; an odd date
    years back lengthens only its own cluster)."""
    if not weekly:
        return {}
    start = min(weekly)
    return {w: weekly.get(w, 0) for w in all_weeks if w >= start}


def _growth(now: int, before: int, any_before: bool, earlier: int) -> float:
    """now / before. With none before: inf for a cluster that is new (no
    message in any earlier week, while other clusters had some in the
    span compared), else NaN (nothing to compare with, or a quiet week)."""
    if before:
        return now / before
    return float("inf") if now and any_before and not earlier else float("nan")


def merge_rows(info, ids):
    """Merges rows of a loaded cluster table (no documents): sizes, shares,
    counts and weeks add up; the first id keeps its label."""
    import pandas as pd

    rows = info[info["id"].isin(ids)]
    keep = info[info["id"] == ids[0]].index[0]
    merged = info.loc[keep].copy()
    for col in ("size", "share"):
        merged[col] = rows[col].sum()
    for col in ("languages", "channels", "emotions", "weekly"):
        if col in info:
            total: dict = {}
            for d in rows[col]:
                for k, v in (d or {}).items():
                    total[k] = total.get(k, 0) + v
            merged[col] = total
    merged["first_seen"] = pd.to_datetime(rows["first_seen"]).min()
    merged["last_seen"] = pd.to_datetime(rows["last_seen"]).max()
    out = info[~info["id"].isin(ids[1:])].copy()
    out.loc[keep] = merged
    return out.sort_values(["size", "id"], ascending=[False, True]).reset_index(drop=True)
