"""What the emoji table of models/emotion/cs_phrases.py (EMOJI) does on real
tweets: the XLM-T val tweets that hold one of its emoji, polarity macro-F1
and accuracy per model, then every tweet whose polarity changes between the
first two models ("mixed" counts as neutral).

    git show a6949e5:models/emotion/emotion.kvm > /tmp/emotion_before16.kvm
    .venv/bin/pip install scikit-learn   # f1_score
    .venv/bin/python benchmarks/experiments/session16/emoji_tweets.py \\
        /tmp/emotion_before16.kvm bundled

"bundled" is the model installed with kvetch.
"""

import os
import sys

import numpy as np
from sklearn.metrics import f1_score

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "models", "emotion"))
import cs_phrases  # noqa: E402
import train_emotion  # noqa: E402

import kvetch  # noqa: E402

CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
POLARITY = {"negative": 0, "neutral": 1, "mixed": 1, "positive": 2}


def main(models):
    emoji = {e.replace("\ufe0f", "") for _, _, s in cs_phrases.EMOJI for e in s.split()}
    rows = train_emotion.load_xlmt(CORPORA, "val")
    sel = [r for r in rows if any(e in r[1].replace("\ufe0f", "") for e in emoji)]
    print(f"{len(sel)} of {len(rows)} XLM-T val tweets hold a listed emoji")
    y = np.array([r[2] for r in sel])
    outs = []
    for model in models:
        a = kvetch.Analyzer(emotion=True if model == "bundled" else model, n_threads=2)
        pol = a.analyze([r[1] for r in sel], progress=False).to_pandas()["polarity"].tolist()
        pred = np.array([POLARITY[p] for p in pol])
        outs.append(pol)
        print(f"{model}: macro-F1 {f1_score(y, pred, average='macro'):.3f}, "
              f"accuracy {(pred == y).mean():.3f}")
    if len(outs) >= 2:
        changed = [(r, a, b) for r, a, b in zip(sel, outs[0], outs[1]) if a != b]
        right = sum(POLARITY[b] == r[2] for r, a, b in changed)
        wrong = sum(POLARITY[a] == r[2] for r, a, b in changed)
        print(f"{len(changed)} change polarity: {right} to the right class, "
              f"{wrong} from the right class")


if __name__ == "__main__":
    main(sys.argv[1:] or ["bundled"])
