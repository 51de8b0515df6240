"""Builds the held-back language-ID dev set from ../shared/corpora/langid-train.

    python3 benchmarks/langid/make_dev_set.py [--out /tmp/langid_dev] [--seed 2026] [--n 300]

For each of the 42 required languages it samples, from the held-back pool
(the LAST 10% of the language's lines, see split.py), deterministically:

* ``sentence``: up to N pool sentences (fewer where the pool is smaller: et, th);
* ``pair``:     up to N distinct pairs of adjacent words from pool sentences;
* ``word``:     up to N distinct single words from pool sentences;
* ``noisy``:    the same sentences as ``sentence``, noised the way customers type:
  lower case, accents stripped (Latin-script sentences), a typo (swap or drop
  of a character) in about 1 word of 10, and sometimes an emoji, a URL,
  ``<EMAIL>`` or an English mail signature ("\\n\\nSent from my iPhone") appended.

Held-back lines with mojibake (UTF-8 decoded as Latin-1, C1 control
characters) are skipped. A word is a whitespace token stripped of leading/trailing punctuation and
symbols, with no digit and at least 2 letters. zh, ja and th have no spaces:
there a "word" is a 2-4 character substring and a "pair" a 4-8 character
substring of letters. Words and pairs that also occur (case-insensitively) in
another required language's pool are dropped: they have no single right answer
("Tom", "ok", "taxi", identical hr/sr words, Kanji shared by zh and ja).

Output (never inside the repository: the data derive from ../shared):
``<out>/{word,pair,sentence,noisy}.tsv`` with a header ``lang\\tkind\\ttext``,
backslash, tab and newline escaped as ``\\\\``, ``\\t``, ``\\n`` (read them with
``split.read_dev_tsv``), and ``<out>/manifest.json`` (seed, counts, pool sizes).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from split import (REPO_ROOT, REQUIRED_42, all_lines, corpus_dir, escape,  # noqa: E402
                   split_point)

KINDS = ("word", "pair", "sentence", "noisy")
NO_SPACE = {"zh", "ja", "th"}          # word/pair = character substrings
GENERATOR_VERSION = 1

EMOJI = ["😀", "🙏", "👍", "😡", "😢", "🙂", "❤️", "🤔", "😂", "👎", "🔥", "✅", "😤", "🎉"]
URLS = ["https://www.example-shop.com/orders/48213", "http://bit.ly/3xYz9Qa",
        "www.example.org/help?ticket=1183", "https://support.example.com/t/77210/",
        "https://example.net/de/konto/login"]
SIGNATURES = ["\n\nSent from my iPhone", "\n\nSent from my Samsung Galaxy smartphone.",
              "\n\nGet Outlook for Android", "\n\n--\nSent from Mail for Windows",
              "\n\nSent from Yahoo Mail on Android", "\n\nThanks,\nSent from my iPad"]
INNER = set("'’-")
# UTF-8 read as Latin-1 ("relatÃ³rio", "giá»\x9d"): ~94 such Tatoeba lines in the 42 files.
MOJIBAKE = re.compile("[\x80-\x9f]|[ÃÄÅÆ][\x80-\xbf]|á[º»]")


def is_letter(c: str) -> bool:
    return unicodedata.category(c)[0] == "L"


def clean_token(tok: str) -> str | None:
    """A token stripped of edge punctuation/symbols, or None if it is not a word."""
    i, j = 0, len(tok)
    while i < j and unicodedata.category(tok[i])[0] in "PSZC":
        i += 1
    while j > i and unicodedata.category(tok[j - 1])[0] in "PSZC":
        j -= 1
    w = tok[i:j]
    if not w:
        return None
    letters = 0
    for c in w:
        cat = unicodedata.category(c)
        if cat[0] == "L":
            letters += 1
        elif cat[0] == "M" or c in INNER:
            continue
        else:                      # digit, inner punctuation other than ' ’ -, symbol
            return None
    return w if letters >= 2 else None


def words_of(sentence: str) -> list[str | None]:
    """Cleaned tokens in order, None where a token is not a word (breaks adjacency)."""
    return [clean_token(t) for t in sentence.split()]


def substring_ok(s: str) -> bool:
    return (all(unicodedata.category(c)[0] in "LM" and ord(c) > 0x24F for c in s)
            and unicodedata.category(s[0])[0] == "L")


def is_latin_sentence(text: str) -> bool:
    letters = [c for c in text if is_letter(c)]
    if not letters:
        return False
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin >= 0.5 * len(letters)


def strip_accents(text: str) -> str:
    d = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in d if unicodedata.category(c) != "Mn"))


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word
    if rng.random() < 0.5:                       # swap two adjacent characters
        i = rng.randrange(len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    i = rng.randrange(len(word))                 # drop one character
    return word[:i] + word[i + 1:]


def noisy(sentence: str, code: str, rng: random.Random) -> str:
    s = sentence.lower()
    if is_latin_sentence(s):
        s = strip_accents(s)
    if code in NO_SPACE:
        chars = list(s)
        out, i = [], 0
        while i < len(chars):                    # ~1 typo per 10 "words" of ~3 characters
            if is_letter(chars[i]) and rng.random() < 0.033:
                if rng.random() < 0.5 and i + 1 < len(chars):
                    out += [chars[i + 1], chars[i]]
                    i += 2
                    continue
                i += 1                           # drop
                continue
            out.append(chars[i])
            i += 1
        s = "".join(out)
    else:
        toks = s.split(" ")
        s = " ".join(typo(t, rng) if rng.random() < 0.1 else t for t in toks)
    if rng.random() < 0.2:
        s += " " + "".join(rng.choice(EMOJI) for _ in range(rng.randint(1, 2)))
    if rng.random() < 0.1:
        s += " " + rng.choice(URLS)
    if rng.random() < 0.1:
        s += " <EMAIL>"
    if rng.random() < 0.15:
        s += rng.choice(SIGNATURES)
    return s


def pool_items(code: str, pool: list[str]):
    """(words, pairs) of a pool in first-seen order, deduplicated case-insensitively."""
    words: dict[str, str] = {}
    pairs: dict[str, str] = {}
    if code in NO_SPACE:
        return words, pairs                      # substrings are drawn at sampling time
    for sent in pool:
        toks = words_of(sent)
        for k, w in enumerate(toks):
            if w is None:
                continue
            words.setdefault(w.lower(), w)
            if k + 1 < len(toks) and toks[k + 1] is not None:
                p = f"{w} {toks[k + 1]}"
                pairs.setdefault(p.lower(), p)
    return words, pairs


def sample_substrings(pool: list[str], lo: int, hi: int, n: int, rng: random.Random,
                      others_text: str) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    tries = 0
    while len(out) < n and tries < 200 * n:
        tries += 1
        s = rng.choice(pool)
        k = rng.randint(lo, hi)
        if len(s) < k:
            continue
        i = rng.randrange(len(s) - k + 1)
        sub = s[i:i + k]
        if sub in seen or not substring_ok(sub) or sub in others_text:
            continue
        seen.add(sub)
        out.append(sub)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description="Build the held-back langid dev set (TSV).")
    ap.add_argument("--corpus", default=None, help="langid-train folder (default ../shared/corpora/langid-train)")
    ap.add_argument("--out", default="/tmp/langid_dev")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--n", type=int, default=300, help="items per language per kind (default 300)")
    ap.add_argument("--keep-shared", action="store_true",
                    help="keep words/pairs that also occur in another language's pool")
    args = ap.parse_args()

    out = Path(args.out).resolve()
    if out == REPO_ROOT or REPO_ROOT in out.parents:
        sys.exit(f"refusing to write into the repository ({out}): data derived from ../shared "
                 "must not be committed; use a folder outside it, e.g. /tmp/langid_dev")
    corpus = corpus_dir(args.corpus)
    t0 = time.time()

    pools: dict[str, list[str]] = {}
    sizes: dict[str, dict[str, int]] = {}
    digest = hashlib.sha256()
    for code in REQUIRED_42:
        lines = all_lines(code, corpus)
        cut = split_point(len(lines))
        held = lines[cut:]
        pools[code] = [s for s in held if not MOJIBAKE.search(s)]
        sizes[code] = {"lines": len(lines), "train": cut, "held_back": len(lines) - cut,
                       "mojibake_skipped": len(held) - len(pools[code])}
        digest.update(("\n".join(held) + "\n").encode("utf-8"))

    items = {code: pool_items(code, pools[code]) for code in REQUIRED_42}
    owners: dict[str, set[str]] = {}             # lower-cased word/pair -> languages using it
    for code, (words, pairs) in items.items():
        for key in list(words) + list(pairs):
            owners.setdefault(key, set()).add(code)

    rows: dict[str, list[tuple[str, str, str]]] = {k: [] for k in KINDS}
    counts: dict[str, dict[str, int]] = {}
    dropped_shared: dict[str, int] = {}
    for code in REQUIRED_42:
        rng = random.Random(f"{args.seed}:{code}")
        pool = pools[code]
        sents = rng.sample(pool, min(args.n, len(pool)))
        if code in NO_SPACE:
            others = ""                          # Thai script is used by no other language here
            if code in ("zh", "ja"):             # Han shared by zh and ja: drop shared strings
                other = "ja" if code == "zh" else "zh"
                others = "\n".join(pools[other])
            words = sample_substrings(pool, 2, 4, args.n, rng, others)
            pairs = sample_substrings(pool, 4, 8, args.n, rng, others)
            dropped_shared[code] = 0
        else:
            wmap, pmap = items[code]
            keep_w = [w for k, w in wmap.items() if args.keep_shared or owners[k] == {code}]
            keep_p = [p for k, p in pmap.items() if args.keep_shared or owners[k] == {code}]
            dropped_shared[code] = (len(wmap) - len(keep_w)) + (len(pmap) - len(keep_p))
            words = rng.sample(keep_w, min(args.n, len(keep_w)))
            pairs = rng.sample(keep_p, min(args.n, len(keep_p)))
        noisy_sents = [noisy(s, code, rng) for s in sents]
        for kind, texts in (("word", words), ("pair", pairs), ("sentence", sents),
                            ("noisy", noisy_sents)):
            rows[kind].extend((code, kind, t) for t in texts)
        counts[code] = {"word": len(words), "pair": len(pairs), "sentence": len(sents),
                        "noisy": len(noisy_sents)}

    out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        with open(out / f"{kind}.tsv", "w", encoding="utf-8", newline="\n") as f:
            f.write("lang\tkind\ttext\n")
            for lang, k, text in rows[kind]:
                f.write(f"{lang}\t{k}\t{escape(text)}\n")
    short = {c: v for c, v in counts.items() if min(v.values()) < args.n}
    manifest = {
        "generator": "benchmarks/langid/make_dev_set.py", "version": GENERATOR_VERSION,
        "seed": args.seed, "n": args.n, "keep_shared": args.keep_shared,
        "corpus": str(corpus), "heldback_sha256": digest.hexdigest(),
        "split": "held back = lines [n*9//10, n) of each <code>.txt (see split.py)",
        "languages": list(REQUIRED_42), "counts": counts, "pool_sizes": sizes,
        "dropped_shared_words_and_pairs": dropped_shared,
        "totals": {k: len(v) for k, v in rows.items()},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    print(f"wrote {out}: " + ", ".join(f"{k} {len(v)}" for k, v in rows.items())
          + f" ({time.time() - t0:.1f} s)")
    for c, v in short.items():
        print(f"  {c}: fewer than {args.n} items: {v} (held-back pool {sizes[c]['held_back']} lines)")


if __name__ == "__main__":
    main()
