"""The train / held-back split of ../shared/corpora/langid-train, shared by trainer and evaluator.

Contract (see benchmarks/langid/README.md):

* A language file ``<code>.txt`` is read as UTF-8 and cut on ``"\\n"`` only
  (the corpus has no other line breaks; ``str.splitlines()`` gives the same
  lines on every file of the current corpus, checked by ``python split.py --check``).
* With ``n`` lines, lines ``[0, split_point(n))`` are for training and lines
  ``[split_point(n), n)`` are held back for evaluation, where
  ``split_point(n) = floor(0.9 * n) = n * 9 // 10`` (exact integer arithmetic).
* A trainer must read only :func:`train_lines`; the dev set
  (``make_dev_set.py``) samples only from :func:`heldback_lines`.

Usable from anywhere:

    import sys; sys.path.insert(0, "benchmarks/langid")
    from split import train_lines, REQUIRED_42
    lines = train_lines("fr")
"""

from __future__ import annotations

import os
from pathlib import Path

# The 42 languages issue 3 requires (ISO 639-1).
REQUIRED_42: tuple[str, ...] = tuple(
    "en fr de es it pt nl sv da nb fi pl cs sk hu ro bg ru uk el tr ar he fa hi bn ur "
    "th vi id ms zh ja ko ca hr sr sl lt lv et tl".split())

TRAIN_NUM, TRAIN_DEN = 9, 10          # training share: 9/10, held back: the last 1/10
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "langid-train"


def corpus_dir(corpus: str | os.PathLike | None = None) -> Path:
    """The corpus folder: the argument, else $LANGID_TRAIN_DIR, else ../shared/corpora/langid-train."""
    if corpus is not None:
        return Path(corpus)
    env = os.environ.get("LANGID_TRAIN_DIR")
    return Path(env) if env else DEFAULT_CORPUS


def split_point(n: int) -> int:
    """Number of training lines of a file with n lines: floor(0.9 * n)."""
    return n * TRAIN_NUM // TRAIN_DEN


def all_lines(code: str, corpus: str | os.PathLike | None = None) -> list[str]:
    text = (corpus_dir(corpus) / f"{code}.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def train_lines(code: str, corpus: str | os.PathLike | None = None) -> list[str]:
    """The lines a trainer may use: [0, floor(0.9 n))."""
    lines = all_lines(code, corpus)
    return lines[: split_point(len(lines))]


def heldback_lines(code: str, corpus: str | os.PathLike | None = None) -> list[str]:
    """The held-back pool: [floor(0.9 n), n). Never train on these."""
    lines = all_lines(code, corpus)
    return lines[split_point(len(lines)):]


def languages(corpus: str | os.PathLike | None = None) -> list[str]:
    """Every language code with a file in the corpus."""
    return sorted(p.stem for p in corpus_dir(corpus).glob("*.txt"))


# --- dev-set TSV format: lang \t kind \t text, with \\ \t \n escaped ---------------------

def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def unescape(field: str) -> str:
    out, i, n = [], 0, len(field)
    while i < n:
        c = field[i]
        if c == "\\" and i + 1 < n:
            nxt = field[i + 1]
            out.append({"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_dev_tsv(path: str | os.PathLike) -> list[tuple[str, str, str]]:
    """Rows (lang, kind, text) of a dev-set TSV written by make_dev_set.py (header skipped)."""
    rows = []
    with open(path, encoding="utf-8", newline="\n") as f:
        for i, line in enumerate(f):
            line = line.rstrip("\n")
            if i == 0 and line.startswith("lang\tkind\t"):
                continue
            lang, kind, text = line.split("\t", 2)
            rows.append((lang, kind, unescape(text)))
    return rows


def _check(corpus: str | None) -> int:
    """Checks that "\\n" and splitlines() agree on every file (so trainers may use either)."""
    bad = 0
    for code in languages(corpus):
        text = (corpus_dir(corpus) / f"{code}.txt").read_text(encoding="utf-8")
        a = all_lines(code, corpus)
        b = text.splitlines()
        if a != b:
            bad += 1
            print(f"{code}: split('\\n') gives {len(a)} lines, splitlines() {len(b)}")
    missing = [c for c in REQUIRED_42 if not (corpus_dir(corpus) / f"{c}.txt").exists()]
    for c in missing:
        print(f"{c}: missing from the corpus")
    print(f"checked {len(languages(corpus))} files: {bad} disagree, {len(missing)} required missing")
    return 1 if bad or missing else 0


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--check", action="store_true", help="check the line-splitting contract")
    args = ap.parse_args()
    if args.check:
        raise SystemExit(_check(args.corpus))
    for code in REQUIRED_42:
        n = len(all_lines(code, args.corpus))
        print(f"{code}\t{n}\ttrain {split_point(n)}\theld back {n - split_point(n)}")
