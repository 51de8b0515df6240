"""Emotion columns, EmotionScorer and the behaviours in tests/data/emotion.tsv."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kvetch
from kvetch.schema import CS_EMOTIONS, GO_EMOTIONS

import golden
import model_files

ROWS = golden.read("emotion.tsv")


@pytest.fixture(scope="module")
def scorer():
    return kvetch.EmotionScorer()


@pytest.fixture(scope="module")
def analyzer():
    return kvetch.Analyzer()


def _params(rows):
    """Rows whose expectation starts with '?' are known failures of today's
    model: strict xfail, so a fix shows up as a failure to update the table."""
    out = []
    for r in rows:
        known = r[2].startswith(b"?")
        marks = [pytest.mark.xfail(strict=True, reason=r[3].decode())] if known else []
        out.append(pytest.param([r[0], r[1], r[2].lstrip(b"?"), r[3]], marks=marks,
                                id=r[0].decode("utf-8", "replace")[:40]))
    return out


@pytest.mark.parametrize("row", _params(ROWS))
def test_golden_polarity(analyzer, row):
    text, lang, expect = row[0].decode(), row[1].decode(), row[2].decode()
    # The Analyzer detects the language itself; the table's lang documents
    # what it should find (a wrong guess would show up here too).
    df = analyzer.analyze([text]).to_pandas()
    got = df["polarity"][0]
    if lang:
        assert df["lang"][0] == lang
    if expect.startswith("!"):
        assert got != expect[1:], (text, got)
    else:
        assert got == expect, (text, got)


def test_columns_types_and_ranges(analyzer):
    texts = ["Thanks!", "This is the worst", "", None, "ok", "\U0001F621"]
    df = analyzer.analyze(texts).to_pandas()
    for c in CS_EMOTIONS:
        col = df[f"emo_{c}"]
        assert col.dtype == np.float32 and col.between(0, 1).all()
    assert df["valence"].between(-1, 1).all()
    assert df["intensity"].between(0, 1).all()
    assert df["emotion_confidence"].between(0, 1).all()
    assert set(df["polarity"]) <= {"negative", "neutral", "positive", "mixed"}
    assert set(df["emotion"]) <= set(CS_EMOTIONS)
    assert set(df["nes"]) <= {-1, 0, 1}
    # Empty and null rows: neutral, no confidence, 0 vote, still one row.
    for i in (2, 3):
        assert df["polarity"][i] == "neutral"
        assert df["emotion"][i] == "neutral"
        assert df["emotion_confidence"][i] == 0 and df["nes"][i] == 0
    assert df["nes"][0] == 1 and df["nes"][1] == -1


def test_emotion_agrees_with_polarity(analyzer):
    df = analyzer.analyze(["I am furious, my order never came", "Thank you, great help"]).to_pandas()
    assert df["emotion"][0] in {"anger", "frustration", "disappointment", "worry", "confusion"}
    assert df["emotion"][1] in {"gratitude", "satisfaction"}


def test_emotion_off_gives_null_columns():
    df = kvetch.Analyzer(emotion=False).analyze(["thanks"]).to_pandas()
    assert df["polarity"].isna().all() and df["valence"].isna().all()
    assert df["nes"].isna().all()


def test_intensifiers_caps_and_exclamations(analyzer):
    df = analyzer.analyze(["I am extremely angry, this is absolutely terrible",
                           "I am a bit annoyed",
                           "WHERE IS MY REFUND!!!", "where is my refund"]).to_pandas()
    assert df["intensity"][0] > df["intensity"][1]
    assert df["intensity"][2] > df["intensity"][3]


def test_language_without_model_is_scored_with_low_confidence(analyzer):
    # Swahili has no emotion data: scored on emoji and punctuation only.
    df = analyzer.analyze(["Huduma mbaya sana, bado sijapata oda yangu \U0001F621\U0001F621",
                           "Asante sana kwa msaada"]).to_pandas()
    assert (df["emotion_confidence"] < kvetch._core.NES_MIN_CONFIDENCE).all()
    assert df["polarity"][0] == "negative"  # the emoji are evidence


def test_predict_proba_and_predict(scorer):
    texts = ["Thank you so much for your help!", "I am so angry right now", "what time is it?"]
    proba = scorer.predict_proba(texts)
    assert list(proba.columns) == GO_EMOTIONS and len(proba) == 3
    assert proba.to_numpy().min() >= 0 and proba.to_numpy().max() <= 1
    assert proba["gratitude"][0] > 0.5 and proba["gratitude"][0] > proba["gratitude"][1]
    labels = scorer.predict(texts)
    assert "gratitude" in labels[0]
    assert labels[1] & {"anger", "annoyance"}
    assert all(s for s in labels)
    assert set(scorer.thresholds) == set(GO_EMOTIONS)
    assert scorer.predict_proba([]).shape == (0, 28)


def test_explain_names_the_driving_features(scorer):
    ex = scorer.explain("not bad at all, but the delivery was awful")
    assert {"feature", "sentence", "valence", "anger"} <= set(ex.columns)
    assert "awful" in set(ex["feature"].head(5))
    top = ex.iloc[0]
    assert top["valence"] < 0  # the strongest push is negative
    neg = scorer.explain("not good", lang="en")
    assert "NOT good" in set(neg["feature"])
    assert scorer.explain("").empty


def test_scores_identical_across_threads():
    texts = [f"message {i}: my order is late again, please help" if i % 3 else
             f"thanks {i}, great service!" for i in range(3000)]
    a = kvetch.Analyzer(n_threads=1).analyze(texts).to_pandas()
    b = kvetch.Analyzer(n_threads=2).analyze(texts).to_pandas()
    for c in ["emotion", "valence", "intensity", "polarity", "emotion_confidence", "nes"]:
        assert a[c].equals(b[c]), c


def test_languages_and_coverage_listed(scorer):
    langs = scorer.languages
    for code in ["en", "fr", "de", "es", "it", "pt", "ar", "hi"]:
        assert code in langs
    assert "sw" not in langs


def test_bad_model_path_names_the_file(tmp_path):
    bad = tmp_path / "emotion.kvm"
    bad.write_bytes(b"KVETCHMD" + b"\0" * 10)
    with pytest.raises(kvetch.ModelError, match="emotion.kvm"):
        kvetch.Analyzer(emotion=bad)
    with pytest.raises(kvetch.Error, match="nope.kvm"):
        kvetch.EmotionScorer(model=tmp_path / "nope.kvm")


def test_predict_groupings(scorer):
    tax = scorer.taxonomies
    assert set(tax["ekman"]) == {"anger", "disgust", "fear", "joy", "sadness", "surprise", "neutral"}
    assert set(tax["sentiment"]) == {"positive", "negative", "ambiguous", "neutral"}
    got = scorer.predict(["Thank you, this is wonderful!", "I am furious and disgusted"],
                         taxonomy="sentiment")
    assert "positive" in got[0] and "negative" in got[1]
    assert scorer.predict([], taxonomy="ekman") == []
    with pytest.raises(kvetch.ConfigError, match="taxonomy"):
        scorer.predict(["x"], taxonomy="plutchik")


def _rewritten_model(tmp_path, name, change):
    return model_files.rewritten("emotion", tmp_path / name, change)


def test_group_stackers_and_their_errors(tmp_path, scorer):
    lines = scorer._scorer.groups.splitlines()
    assert all(len(line.split("\t")) == 5 for line in lines)  # stackers shipped
    texts = ["Thank you, this is wonderful!", "I am furious and disgusted", "ok"]

    def drop_stackers(s):
        s["groups"] = "\n".join("\t".join(l.split("\t")[:4]) for l in lines).encode()
    plain = kvetch.EmotionScorer(model=_rewritten_model(tmp_path, "plain.kvm", drop_stackers))
    got = plain.predict(texts, taxonomy="sentiment")  # noisy-OR of the labels
    assert "positive" in got[0] and "negative" in got[1]
    # The stacker is what the shipped model's predictions use.
    assert scorer.predict(texts, taxonomy="sentiment") == [
        {g for g, grp in scorer._taxonomies["sentiment"].items()
         if grp.score(scorer.predict_proba([t]).to_numpy(np.float64), scorer.labels)[0]
         >= np.float32(grp.threshold)} or {"neutral"} for t in texts]

    def cut_one(s):
        s["groups"] = "\n".join(lines[:-1] + [lines[-1].rsplit(",", 1)[0]]).encode()
    with pytest.raises(kvetch.ModelError, match="cut.kvm.*groups.*28 stacker weights"):
        kvetch.EmotionScorer(model=_rewritten_model(tmp_path, "cut.kvm", cut_one))


def test_cli_writes_emotion_columns_and_summary(tmp_path):
    import subprocess
    import sys
    src = tmp_path / "in.csv"
    pd.DataFrame({"text": ["Thanks, great service!", "This is unacceptable, refund me now",
                           None]}).to_csv(src, index=False)
    out = tmp_path / "out.parquet"
    run = subprocess.run([sys.executable, "-m", "kvetch", "analyze", str(src), "-o", str(out),
                          "--no-progress"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Net Emotion Score" in run.stderr
    df = pd.read_parquet(out)
    assert {"emotion", "valence", "polarity", "nes", "emo_anger"} <= set(df.columns)
    assert list(df["nes"]) == [1, -1, 0]
    off = tmp_path / "off.parquet"
    run = subprocess.run([sys.executable, "-m", "kvetch", "analyze", str(src), "-o", str(off),
                          "--no-progress", "--no-emotion"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert pd.read_parquet(off)["polarity"].isna().all()


def test_coverage_per_language(scorer):
    cov = scorer.coverage().set_index("lang")
    assert cov.loc["en", "tier"] == "full"
    assert cov.loc["fr", "tier"] == "polarity" and cov.loc["de", "tier"] == "polarity"
    none = cov[cov["tier"] == "none"]
    assert len(none) > 0 and (none["max_confidence"] < kvetch._core.NES_MIN_CONFIDENCE).all()
    # every language the detector can return is listed, and flagged as such
    detected = set(kvetch.LanguageDetector().languages)
    assert detected <= set(cov.index)
    assert set(cov.index[cov["detected"]]) == detected
    assert not cov.loc["bs", "detected"]  # a model language the detector never returns


def test_bad_input_gets_defined_emotion_scores(analyzer):
    texts = [
        b"\xff\xfe this is terrible \xc3",                     # invalid UTF-8
        "\U0001F621" * 5000,                                   # emoji flood
        "terrible\u200b\u200b service \u202eesrow reven",      # zero-width, RTL override
        "not " * 300_000 + "good",                             # 1.2 MB, capped
        "x" * (10 * 1024 * 1024),                              # 10 MB, one word
        "\x00\x00 thanks \x00",                                 # NUL bytes
        "!!!!!!!!!!????????" * 1000,                            # punctuation only
    ]
    df = analyzer.analyze(texts).to_pandas()
    assert len(df) == len(texts)
    assert list(df["status"][:2]) == ["repaired_utf8", "ok"]
    assert df["status"][3] == "truncated" and df["status"][4] == "truncated"
    assert df["valence"].between(-1, 1).all() and df["intensity"].between(0, 1).all()
    assert df["emotion_confidence"].between(0, 1).all()
    assert df["polarity"][1] == "negative"  # five thousand angry faces
    assert df["polarity"].notna().all() and df["emotion"].notna().all()


def test_training_phrases_are_not_in_the_sample_archive():
    """The sample archive is evaluation data for the notebooks, the report
    and benchmarks/README: none of the hand-written training phrases may
    appear in it verbatim."""
    import importlib.util
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location(
        "cs_phrases", root / "models" / "emotion" / "cs_phrases.py")
    cs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cs)
    texts = [t.lower() for t in pd.read_csv(root / "corpora" / "sample_tickets.csv")["text"].dropna()]
    phrases = [p for groups in cs.PHRASES.values() for _, _, ps in groups for p in ps]
    assert len(phrases) > 300
    found = [p for p in phrases if any(p in t for t in texts)]
    assert found == []


def test_scorer_pickles_as_its_arguments(scorer):
    import pickle
    copy = pickle.loads(pickle.dumps(scorer))
    texts = ["Thanks, that fixed it!", "Still no refund after three weeks."]
    pd.testing.assert_frame_equal(copy.predict_proba(texts), scorer.predict_proba(texts))
    assert copy.predict(texts, taxonomy="ekman") == scorer.predict(texts, taxonomy="ekman")


def test_scorer_shares_the_analyzers_model():
    import kvetch._core as core
    assert core.emotion_scorer_of(kvetch.Analyzer(emotion=False)._core) is None
    scorer = kvetch.EmotionScorer()
    shared = core.emotion_scorer_of(scorer._analyzer._core)
    assert shared.thresholds == scorer._scorer.thresholds
    assert shared.groups == scorer._scorer.groups


def test_compressed_table_loads_like_a_plain_one(tmp_path, scorer):
    # The bundled model stores its table zlib-compressed ("table.z");
    # written back uncompressed it scores the same.
    import kvm  # on sys.path through model_files
    from kvetch.models import bundled_model
    raw = open(bundled_model("emotion"), "rb").read()
    assert b"table.z" in raw[:2000]
    plain = kvetch.EmotionScorer(model=_rewritten_model(tmp_path, "plain.kvm", lambda s: None))
    texts = ["Thanks, that fixed it!", "Still no refund after three weeks."]
    pd.testing.assert_frame_equal(plain.predict_proba(texts), scorer.predict_proba(texts))
    assert kvm.read(str(tmp_path / "plain.kvm"))[3] == kvm.read(str(bundled_model("emotion")))[3]


def test_explain_odd_arguments(scorer):
    assert len(scorer.explain(None)) == 0
    assert len(scorer.explain("")) == 0
    with pytest.raises(kvetch.InputError, match="predict_proba"):
        scorer.explain(["two", "messages"])
    full = scorer.explain("the refund never came, awful service")
    assert len(full) > 3
    assert len(scorer.explain("the refund never came, awful service", top=0)) == 0
    assert len(scorer.explain("the refund never came, awful service", top=2)) == 2
    with pytest.raises(kvetch.ConfigError):
        scorer.explain("x", top=-1)


def test_a_word_repeated_in_a_sentence_counts_three_times_at_most(scorer):
    four, twelve = scorer.predict_proba(["refund " * 4, "refund " * 12]).to_numpy()
    assert np.allclose(four, twelve)
    assert not np.allclose(scorer.predict_proba(["refund"]).to_numpy()[0], four)


def test_run_on_text_is_scored_in_sentences(scorer):
    """A long stretch with no full stop is cut into sentences: its scores
    stay those of its parts, not a sum of hundreds of words."""
    part = ("the parcel came late and the box was damaged but the driver was kind and "
            "the support team answered quickly and the refund was processed in two days")
    text = " and ".join([part] * 12)
    many = scorer.predict_proba([text]).iloc[0]
    # The stretch is cut every 48 words (no punctuation here, so words are
    # the content tokens); each label is its strongest piece's score.
    words = text.split()
    pieces = scorer.predict_proba([" ".join(words[i:i + 48]) for i in range(0, len(words), 48)])
    emotions = [c for c in many.index if c != "neutral"]  # neutral: not a maximum
    assert (many[emotions] - pieces[emotions].max()).abs().max() < 0.01
    # One sentence of 300 words summed into relief 1.0 and caring 1.0.
    flood = scorer.predict_proba([" ".join(["terrible awful refund"] * 100)]).iloc[0]
    assert flood["relief"] < 0.5 and flood["caring"] < 0.5
    assert flood["annoyance"] > 0.5


def test_dominant_emotion_agrees_with_polarity():
    """The README's contract for the emotion column, on every scored row of
    the sample archive (it once showed satisfaction on neutral complaints)."""
    sample = pd.read_csv(Path(__file__).resolve().parents[2] / "corpora" / "sample_tickets.csv")
    df = kvetch.Analyzer().analyze(sample["text"]).to_pandas().dropna(subset=["polarity"])
    allowed = {"neutral": {"neutral", "confusion"},
               "positive": {"gratitude", "satisfaction"},
               "negative": {"anger", "frustration", "disappointment", "worry", "confusion"}}
    for pol, emotions in allowed.items():
        assert set(df.loc[df.polarity == pol, "emotion"]) <= emotions, pol
    assert "neutral" not in set(df.loc[df.polarity == "mixed", "emotion"])
    assert (df.polarity == "neutral").sum() > 100


def test_confidence_is_that_of_the_polarity_given(analyzer):
    """Two warm thank-yous and one complaint: the complaint decides
    (negative), and the confidence is the complaint sentence's (~0.75), not
    the whole message's positive probability (0.997, session 23 review)."""
    text = ("Thanks a lot for the quick reply. Thank you for your patience. "
            "The app keeps crashing.")
    df = analyzer.analyze([text]).to_pandas()
    assert df["polarity"][0] == "negative" and df["nes"][0] == -1
    assert 0.5 <= df["emotion_confidence"][0] < 0.9
