"""Restricted language ID: how often "none of these" is right (session 20).

    python3 benchmarks/langid/make_dev_set.py --out /tmp/langid_dev
    .venv/bin/python benchmarks/langid/bench_restricted.py --dev /tmp/langid_dev \\
        [--languages en,fr,de,es,it,pt,nl]

With ``languages=`` a detector answers one of them, or none when a body of
12+ letters is explained 1000x better by another language of the model (its
``lang_alt`` then names that language). On the held-back dev set (words,
word pairs, sentences, typo'd lines), through ``kvetch.Analyzer``, this
prints per kind:

* in-list rows sent outside (false alarms) and their accuracy;
* rows of the other Latin-script languages sent outside (the feature
  working), and what the rest were read as;
* rows of the sample archive (corpora/sample_tickets.csv, its ``lang_true``).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pandas as pd

import kvetch

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("word", "pair", "sentence", "noisy")


def load(dev: Path) -> pd.DataFrame:
    rows = []
    for kind in KINDS:
        with open(dev / f"{kind}.tsv", encoding="utf-8") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            next(reader)
            rows += [(lang, kind, text.replace("\\n", "\n")) for lang, _, text in reader]
    archive = pd.read_csv(ROOT / "corpora" / "sample_tickets.csv")
    rows += [(lang, "archive", text) for lang, text in zip(archive.lang_true, archive.text)]
    return pd.DataFrame(rows, columns=["lang", "kind", "text"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, required=True)
    ap.add_argument("--languages", default="en,fr,de,es,it,pt,nl")
    args = ap.parse_args()
    listed = args.languages.split(",")
    data = load(args.dev)
    out = kvetch.Analyzer(languages=listed, emotion=False, signals=False).analyze(
        data.text, progress=False).to_arrow(dictionaries=False).to_pydict()
    data["pred"], data["alt"], data["script"] = out["lang"], out["lang_alt"], out["script"]
    data["outside"] = data.pred.isna() & data.alt.notna()
    latin = set(data[data.kind == "sentence"].groupby("lang").script.agg(
        lambda s: (s == "Latn").mean()).loc[lambda s: s > 0.9].index) - set(listed)
    print(f"languages={','.join(listed)}; other Latin-script languages: {len(latin)}")
    for kind, g in data.groupby("kind", sort=False):
        mine, other = g[g.lang.isin(listed)], g[g.lang.isin(latin)]
        line = (f"  {kind}: in-list sent outside {int(mine.outside.sum())} of {len(mine)}, "
                f"in-list accuracy {(mine.pred == mine.lang).mean():.2%}")
        if len(other):
            line += f"; other Latin-script sent outside {other.outside.mean():.1%} of {len(other)}"
        print(line)
    kept = data[data.lang.isin(latin) & (data.kind == "sentence") & ~data.outside]
    print("  other-language sentences kept, read as:",
          kept.groupby(["lang", "pred"]).size().sort_values(ascending=False).head(8).to_dict())


if __name__ == "__main__":
    main()
