"""What the short-text prior (core/src/langid.cc, kRareInSupport) costs the
26 languages it leans away from: accuracy of the unrestricted detector on a
random word, a random word pair and the whole line of 300 held-back lines
(benchmarks/langid/split.py) of each, fixed seed.

    .venv/bin/python benchmarks/langid/bench_rare_prior.py
    # the same without the prior: a build of f8ff72a^ installed apart, e.g.
    #   git worktree add /tmp/old f8ff72a^ && .venv/bin/pip install --no-deps \
    #       --no-build-isolation --target /tmp/oldkv /tmp/old
    PYTHONPATH=/tmp/oldkv .venv/bin/python benchmarks/langid/bench_rare_prior.py
"""
import sys, random, re
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from split import heldback_lines
import kvetch
RARE = "af am az be cy eo eu ga gl ha hy is ka kk km mk ml mr my ne so sq sw ta te zu".split()
d = kvetch.LanguageDetector()
rng = random.Random(7)
tot = {"word": [0, 0], "pair": [0, 0], "sentence": [0, 0]}
per = {}
for lang in RARE:
    lines = [l for l in heldback_lines(lang) if len(l.split()) >= 3][:300]
    items = {"word": [], "pair": [], "sentence": lines}
    for l in lines:
        w = [x for x in l.split() if len(re.sub(r"\W", "", x)) >= 3]
        if not w: continue
        i = rng.randrange(len(w)); items["word"].append(w[i])
        j = rng.randrange(max(1, len(w) - 1)); items["pair"].append(" ".join(w[j:j + 2]))
    for k, texts in items.items():
        p = d.detect_batch(texts)
        ok = sum(x == lang for x in p)
        tot[k][0] += ok; tot[k][1] += len(texts)
        per.setdefault(lang, {})[k] = round(100 * ok / max(len(texts), 1), 1)
print({k: round(100 * a / b, 2) for k, (a, b) in tot.items()})
print(per)
