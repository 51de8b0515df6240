"""Writes the notebooks in this folder from the cells below and runs them,
so that they are committed with their outputs and can be rebuilt.

    .venv/bin/python notebooks/build_notebooks.py          # all of them
    .venv/bin/python notebooks/build_notebooks.py 01 04    # some of them

Each notebook runs top to bottom on the bundled sample archive
(corpora/sample_tickets.csv) in a fresh kernel, from the notebooks folder;
tests/python/test_notebooks.py runs them again in ``make test``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent

SETUP = """\
import sys, subprocess, time
from pathlib import Path
import numpy as np
import pandas as pd
import matplotlib
import matplotlib.pyplot as plt
import kvetch

ROOT = Path("..")                             # the notebooks run from notebooks/
SAMPLE = ROOT / "corpora" / "sample_tickets.csv"
OUT = ROOT / "out"; OUT.mkdir(exist_ok=True)
pd.set_option("display.max_colwidth", 80)
plt.rcParams.update({"figure.figsize": (9, 3.6), "figure.dpi": 90, "axes.grid": True,
                     "grid.alpha": 0.3, "axes.spines.top": False, "axes.spines.right": False})
print("kvetch", kvetch.__version__)"""


def md(text: str):
    return nbformat.v4.new_markdown_cell(text.strip())


def code(text: str):
    return nbformat.v4.new_code_cell(text.strip())


QUICKSTART = [
    md("""
# kvetch quickstart

Analyse a DataFrame of support messages: one row of results per message, in
order, with personal data redacted, the language detected, emotions scored
and customer-service signals flagged. The data is the
bundled sample archive: 6,000 synthetic tickets of a fictitious shop (ten
languages, ten weeks; see `corpora/README.md`).
"""),
    code(SETUP),
    code("""
df = pd.read_csv(SAMPLE)
print(f"{len(df):,} messages, {df.created_at.min()} to {df.created_at.max()}")
df[["ticket_id", "created_at", "channel", "text"]].head()
"""),
    md("""
## Analyse

`Analyzer.analyze` takes a list, a pandas Series or an Arrow array. The work
runs in C++ on `n_threads` threads; the result is columnar
(`to_pandas()`, `to_arrow()`).
"""),
    code("""
analyzer = kvetch.Analyzer(n_threads=2)
t = time.perf_counter()
result = analyzer.analyze(df["text"])
print(f"{len(result):,} messages in {time.perf_counter() - t:.2f} s")
out = result.to_pandas()
out[["status", "lang", "lang_confidence", "pii_count", "text_redacted"]].head(8)
"""),
    md("""
## Personal data

E-mails, phones, cards (Luhn-checked), IBANs (mod 97), IP addresses and URLs
become placeholders, counted per type. Order numbers, prices and dates stay.
"""),
    code("""
summary = result.summary()
print("PII items redacted:", {k: v for k, v in summary["pii"].items() if v})
out.loc[out.pii_count > 0, ["pii_count", "text_redacted"]].head(5)
"""),
    md("""
## Languages

`lang` is an ISO 639-1 code, or empty when a message has no evidence (“ok”,
“12345”, an emoji). The archive carries the true language (`lang_true`), so
we can check the detector here.
"""),
    code("""
langs = out["lang"].astype("object").fillna("(none)").value_counts()
ax = langs.head(12).iloc[::-1].plot.barh(color="#4c78a8", figsize=(7, 3.8))
ax.set_xlabel("messages"); ax.set_title("Detected language, sample archive")
for i, v in enumerate(langs.head(12).iloc[::-1]):
    ax.text(v, i, f" {v:,}", va="center", fontsize=9)
plt.tight_layout(); plt.show()
known = out["lang"].notna()
accuracy = (out["lang"][known].astype(str) == df["lang_true"][known]).mean()
print(f"agrees with lang_true on {accuracy:.1%} of the {known.sum():,} messages with a language; "
      f"{(~known).sum()} have none")
"""),
    code("""
detector = kvetch.LanguageDetector()
for text in ["où est ma commande ?", "Danke für die schnelle Hilfe", "obrigado pela ajuda", "ok"]:
    print(f"{text!r:34} -> {detector.detect(text)!s:5} {detector.confidence_values(text)[:2]}")
"""),
    md("""
## Emotions

Each message gets one of eight customer-service emotions, scores for each
(`emo_*`, 0 to 1), a valence (−1 to +1), an intensity, a polarity and a
confidence; `nes` is its vote in the Net Emotion Score (+1, 0, −1; see
`02_net_emotion_score.ipynb`).
"""),
    code("""
mix = out["emotion"].value_counts(normalize=True).mul(100).round(1).rename("% of messages")
print(f"NES of the archive: {kvetch.nes(out)['nes'].iloc[0]:+.1f} (−100 to +100)")
mix.to_frame().T
"""),
    code("""
cols = ["emotion", "emotion_confidence", "valence", "polarity", "text_redacted"]
examples = out[out.emotion_confidence > 0.7].groupby("emotion", observed=True).head(1)
examples[cols].sort_values("valence")
"""),
    code("""
# Why did a message score as it did? The features behind the score:
kvetch.EmotionScorer().explain("not bad at all, but the delivery was awful")[
    ["feature", "valence"]].head(6)
"""),
    md("""
## Customer-service signals

Four flags per message from rule packs (en, fr, de, es, it, pt, nl, pl, sv,
tr, ru, ja, ar), aware
of negation: `signal_effort` (the customer had to chase or repeat),
`signal_churn` (cancel, switch), `signal_urgency`, `signal_escalation`
(manager, chargeback, public review).
"""),
    code("""
signals = ["signal_effort", "signal_churn", "signal_urgency", "signal_escalation"]
counts = out[signals].sum().rename("messages").to_frame()
counts["% of messages"] = (100 * counts["messages"] / len(out)).round(1)
counts
"""),
    code("""
print(out.loc[out.signal_churn, "text_redacted"].head(3).str.slice(0, 110).to_string())
# Which rule fired, and was it negated?
hits = kvetch.explain_signals("This is the third time I ask. I will not cancel, but I want a manager.")
pd.DataFrame(hits).assign(rule=lambda d: d["rule"].str.rsplit("/", n=1).str[-1])
"""),
    md("""
## Routing queues

A routing file names the support queues and the languages they speak; each
message gets a queue, and whether it needs translation.
"""),
    code("""
routing = OUT / "routing.toml"
routing.write_text('''
default_queue = "global"
pivot = "en"
[queues.global]
languages = ["en"]
[queues.france]
languages = ["fr"]
[queues.dach]
languages = ["de"]
[queues.iberia]
languages = ["es", "pt"]
''')
routed = kvetch.Analyzer(n_threads=2, routing=str(routing)).analyze(df["text"])
queues = routed.routing_summary().groupby("route", observed=True)[["messages", "needs_translation"]].sum()
queues.sort_values("messages", ascending=False)
"""),
]

BATCH = [
    md("""
# Batch archives: the command line, Parquet and DuckDB

`kvetch analyze` streams CSV, JSONL or Parquet in chunks (memory stays flat
whatever the file size) and writes one row per message. Then DuckDB queries
the Parquet output directly, and `kvetch report` turns it into the HTML
report.
"""),
    code(SETUP),
    code("""
def kvetch_cli(*args):
    \"\"\"Runs the kvetch command line and shows its summary (stderr).\"\"\"
    run = subprocess.run([sys.executable, "-m", "kvetch", *map(str, args)],
                         capture_output=True, text=True)
    print(run.stderr.strip())
    assert run.returncode == 0, run.returncode

results = OUT / "sample_results.parquet"
kvetch_cli("analyze", SAMPLE, "-o", results, "--id-column", "ticket_id",
           "--keep-columns", "customer_id,created_at,channel", "--no-progress")
"""),
    md("""
## A larger archive

As a stand-in for a large archive, the sample 20 times over (120,000 rows,
ticket ids made unique) in Parquet. The figures to look at are the rate and
that the output has one row per input row.
"""),
    code("""
import pyarrow.parquet as pq
sample = pd.read_csv(SAMPLE)
big = OUT / "big_archive.parquet"
pd.concat([sample.assign(ticket_id=sample.ticket_id + f"-{i:02d}") for i in range(20)],
          ignore_index=True).to_parquet(big)
print(f"{big.name}: {pq.read_metadata(big).num_rows:,} rows, {big.stat().st_size / 1e6:.1f} MB")
big_results = OUT / "big_results.parquet"
kvetch_cli("analyze", big, "-o", big_results, "--id-column", "ticket_id",
           "--keep-columns", "created_at,channel", "--batch-size", "20000", "--no-progress")
"""),
    md("""
## Querying the results with DuckDB

DuckDB reads the Parquet file in place: no loading step. `text_redacted` is
the message without personal data; the raw text is not in the output.
"""),
    code("""
import duckdb
con = duckdb.connect()
con.execute(f"CREATE VIEW results AS SELECT * FROM read_parquet('{results}')")
cols = con.sql("DESCRIBE results").df()
print(", ".join(f"{n} ({t.lower()})" for n, t in zip(cols.column_name, cols.column_type)))
"""),
    code("""
con.sql('''
    SELECT coalesce(lang, '(none)') AS lang, count(*) AS messages,
           round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct,
           CAST(sum(pii_count) AS INTEGER) AS pii_items
    FROM results GROUP BY ALL ORDER BY messages DESC LIMIT 10
''').df()
"""),
    code("""
weekly = con.sql('''
    SELECT date_trunc('week', CAST(created_at AS TIMESTAMP)) AS week, channel, count(*) AS messages
    FROM results GROUP BY ALL ORDER BY week
''').df().pivot(index="week", columns="channel", values="messages")
fig, ax = plt.subplots()
x, bottom = np.arange(len(weekly)), np.zeros(len(weekly))
for channel in weekly.columns:
    ax.bar(x, weekly[channel], 0.8, bottom=bottom, label=channel)
    bottom += weekly[channel].to_numpy()
ax.set_xticks(x, [w.strftime("%d %b") for w in weekly.index])
ax.set_xlabel("week starting"); ax.set_ylabel("messages"); ax.set_title("Messages per week and channel")
ax.legend(title="channel", bbox_to_anchor=(1.01, 1), loc="upper left")
plt.tight_layout(); plt.show()
"""),
    code("""
# Customers who wrote most: repeat contacts are where escalations start.
con.sql('''
    SELECT customer_id, count(*) AS messages,
           strftime(min(CAST(created_at AS TIMESTAMP)), '%d %b %H:%M') AS first,
           strftime(max(CAST(created_at AS TIMESTAMP)), '%d %b %H:%M') AS last,
           left(regexp_replace(arg_min(text_redacted, CAST(created_at AS TIMESTAMP)), '\\s+', ' ', 'g'), 70)
               AS first_message
    FROM results GROUP BY customer_id HAVING count(*) >= 3
    ORDER BY messages DESC, customer_id LIMIT 5
''').df()
"""),
    code("""
con.sql(f'''
    SELECT count(*) AS rows, count(DISTINCT ticket_id) AS tickets,
           CAST(sum(pii_count) AS INTEGER) AS pii_items
    FROM read_parquet('{big_results}')
''').df()
"""),
    md("""
## The report

`kvetch report` reads the analysed Parquet (no second analysis) or a raw
archive, and writes one HTML file that opens anywhere, offline.
"""),
    code("""
report = OUT / "sample_report.html"
kvetch_cli("report", results, "-o", report, "--no-progress")
print(f"{report.name}: {report.stat().st_size / 1e3:.0f} kB")
"""),
]

NES = [
    md("""
# Net Emotion Score

The Net Emotion Score (NES) is the share of positive messages minus the share
of negative ones, from −100 (all negative) to +100 (all positive). A message
votes +1 or −1 only when the emotion model is confident (`emotion_confidence`
≥ 0.5); every other message votes 0 but still counts. `kvetch.nes()` gives
the score per group with a 95% confidence interval, so that a dip in a small
group is not mistaken for a trend.
"""),
    code(SETUP),
    code("""
df = pd.read_csv(SAMPLE)
out = kvetch.Analyzer(n_threads=2).analyze(df["text"]).to_pandas()
out[["created_at", "channel"]] = df[["created_at", "channel"]]
kvetch.nes(out).round(1)
"""),
    md("""
`coverage` is the share of messages with a confident vote; `positive` and
`negative` count the votes.

## By week
"""),
    code("""
weekly = kvetch.nes(out, freq="W")
fig, ax = plt.subplots()
ax.fill_between(weekly.period, weekly.ci_low, weekly.ci_high, alpha=0.2, label="95% CI")
ax.plot(weekly.period, weekly.nes, marker="o", label="NES")
ax.set_ylabel("NES (−100 to +100)"); ax.set_xlabel("week starting")
ax.set_title("Net Emotion Score per week")
ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%d %b"))
ax.legend(loc="lower left"); plt.tight_layout(); plt.show()
weekly[["period", "nes", "ci_low", "ci_high", "messages"]].round({"nes": 1, "ci_low": 1, "ci_high": 1}).tail(4)
"""),
    md("""
## By channel and by language

Small groups have wide intervals: compare the bars' whiskers before the bars.
"""),
    code("""
def nes_bars(table, key, title, min_messages=30, min_coverage=0.2):
    t = table[(table.messages >= min_messages) & (table.coverage >= min_coverage)].sort_values("nes")
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(t) + 1.2))
    err = [t.nes - t.ci_low, t.ci_high - t.nes]
    ax.barh([str(k) if pd.notna(k) else "(none)" for k in t[key]], t.nes, xerr=err, color=np.where(t.nes < 0, "#c0392b", "#1e8449"),
            alpha=0.8, capsize=3)
    right = max(t.ci_high.max(), 0)
    for y, (v, n) in enumerate(zip(t.nes, t.messages)):
        ax.text(right + 2, y, f"{v:+.0f}  (n={n:,})", va="center", fontsize=9)
    ax.set_xlim(min(t.ci_low.min(), 0) - 5, right + 28)
    ax.axvline(0, color="grey", lw=0.8); ax.set_xlabel("NES (−100 to +100), 95% CI")
    ax.set_title(title); plt.tight_layout(); plt.show()

by_channel = kvetch.nes(out, by="channel")
nes_bars(by_channel, "channel", "NES by channel")
"""),
    code("""
by_lang = kvetch.nes(out, by="lang")
nes_bars(by_lang, "lang", "NES by language (30+ messages, 20%+ coverage)")
by_lang.sort_values("messages", ascending=False).head(10).round(2)
"""),
    md("""
Read `coverage` before the score: a language without emotion training data
(Japanese here) gets no confident votes, so its NES of 0 means "not
measured", not "neutral". The chart leaves out groups under 20% coverage.

## Channel by week

The last two weeks of the archive hold a burst of checkout errors (see
`corpora/README.md`): which channels carry the drop?
"""),
    code("""
cw = kvetch.nes(out, by="channel", freq="W")
fig, ax = plt.subplots()
for channel, part in cw.groupby("channel"):
    ax.plot(part.period, part.nes, marker=".", label=channel)
ax.set_ylabel("NES (−100 to +100)"); ax.set_xlabel("week starting")
ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%d %b"))
ax.set_title("NES per week and channel"); ax.legend(ncol=4, loc="lower left")
plt.tight_layout(); plt.show()
"""),
    md("""
## What drives the score

The emotion mix of the negative votes, and a few of them (personal data
removed).
"""),
    code("""
neg = out[out.nes < 0]
print(neg.emotion.value_counts(normalize=True).mul(100).round(1).head(5).to_string())
neg.sort_values("emotion_confidence", ascending=False)[["emotion", "channel", "text_redacted"]].head(5)
"""),
]

CLUSTERS = [
    md("""
# Complaint clusters

`kvetch.ComplaintClusterer` groups complaints about the same thing, across
languages, into named issues: fit, inspect, merge and rename, follow the
trends, find the emerging issues, and export the report for the product
team. The sample archive carries the true issue of each message
(`issue_true`), so we can also see how well the clusters match it.
"""),
    code(SETUP),
    code("""
df = pd.read_csv(SAMPLE)
result = kvetch.Analyzer(n_threads=2).analyze(df["text"])
clusterer = kvetch.ComplaintClusterer(random_state=0)
t = time.perf_counter()
clusterer.fit(result, timestamps=df["created_at"], channels=df["channel"])
print(f"fitted in {time.perf_counter() - t:.1f} s: {clusterer}")
info = clusterer.get_cluster_info()
info[["id", "label", "size", "share", "growth", "emerging", "nes", "top_emotion"]].round(3).head(12)
"""),
    md("""
## One cluster up close

Keywords, languages and channels, and representative messages (personal
data removed).
"""),
    code("""
c = info.iloc[0]
print(f"#{c.id} {c.label!r}: {c['size']:,} messages ({c.share:.1%}), NES {c.nes:+.0f}")
print("keywords: ", ", ".join(c.keywords[:8]))
print("languages:", dict(sorted(c.languages.items(), key=lambda kv: -kv[1])[:6]))
print("channels: ", c.channels)
for text in c.representatives:
    print("  -", " ".join(text.split())[:140])
"""),
    md("""
## Against the truth

Each cluster's most common true issue and its purity (the share of the
cluster's messages with that issue). Outliers (`-1`) are complaints that fit
no cluster.
"""),
    code("""
docs = clusterer.get_document_info()
docs["issue_true"] = df["issue_true"].to_numpy()
clustered = docs[docs.cluster >= 0]
ct = pd.crosstab(clustered.cluster, clustered.issue_true)
truth = pd.DataFrame({"top_issue": ct.idxmax(axis=1), "purity": (ct.max(axis=1) / ct.sum(axis=1)).round(2)})
view = info.set_index("id")[["label", "size"]].join(truth)
print(f"{len(clustered):,} of {int(docs.is_complaint.sum()):,} complaints clustered; "
      f"weighted purity {(view.purity * view['size']).sum() / view['size'].sum():.0%}")
view.head(15)
"""),
    md("""
## Merge and rename

Two clusters about the same issue become one (the merged cluster keeps the
first id), and a cluster gets the name the product team uses.
"""),
    code("""
dupes = view.reset_index().groupby("top_issue")["id"].apply(list)
dupes = dupes[dupes.map(len) > 1]
if len(dupes):
    issue, ids = dupes.index[0], dupes.iloc[0][:2]
    print(f"merging {ids} (both mostly {issue})")
    merged = clusterer.merge(ids)
else:
    merged = int(info.id.iloc[0])
    print("no two clusters share a top issue; renaming only")
top_issue = view.loc[merged, "top_issue"] if merged in view.index else "issue"
clusterer.rename(merged, top_issue.replace("_", " ").capitalize())
info = clusterer.get_cluster_info()
info.loc[info.id == merged, ["id", "label", "size", "keywords"]]
"""),
    md("""
## Trends

Messages per week of the six largest clusters (`weekly`: week start ->
messages).
"""),
    code("""
fig, ax = plt.subplots()
for _, row in info.head(6).iterrows():
    weekly = pd.Series(row.weekly).sort_index()
    ax.plot(pd.to_datetime(weekly.index), weekly.values, marker=".", label=row.label[:28])
ax.set_ylabel("messages per week"); ax.set_xlabel("week starting")
ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%d %b"))
ax.set_title("The largest clusters, week by week")
ax.legend(fontsize=8, bbox_to_anchor=(1.01, 1), loc="upper left")
plt.tight_layout(); plt.show()
"""),
    md("""
## Emerging issues

Clusters much larger in the last weeks than their earlier share predicts
(`emerging`; `growth` is the ratio of the latest period to the one before).
"""),
    code("""
emerging = info[info.emerging]
emerging[["id", "label", "size", "growth", "first_seen", "nes", "top_emotion"]]
"""),
    md("""
## The report

One HTML file for the product team: the overview, the emerging issues, the
cluster table (sorts and searches), a drill-down per cluster and a map.
"""),
    code("""
path = result.to_html(OUT / "clusters_report.html", clusterer=clusterer,
                      timestamps=df["created_at"], channels=df["channel"],
                      title="Lumio: customer complaints")
print(f"{path.name}: {path.stat().st_size / 1e3:.0f} kB")
"""),
]

NOTEBOOKS = {
    "01_quickstart.ipynb": QUICKSTART,
    "02_net_emotion_score.ipynb": NES,
    "03_complaint_clusters.ipynb": CLUSTERS,
    "04_batch_archives.ipynb": BATCH,
}


def build(name: str, cells: list, *, execute: bool = True, timeout: int = 300) -> float:
    nb = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    start = time.perf_counter()
    if execute:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(HERE)}}).execute()
    nbformat.write(nb, HERE / name)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    wanted = [n for n in NOTEBOOKS if not argv or any(n.startswith(a) for a in argv)]
    for name in wanted:
        print(f"{name}: ran in {build(name, NOTEBOOKS[name]):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
