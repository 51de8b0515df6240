"""The Analyzer and Result: inputs, row order, threads, pickling, streaming."""

import os
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import kvetch
from kvetch.schema import COLUMN_NAMES, STATUSES

TEXTS = [
    "Where is my refund??? third time I ask 😡",
    "Bonjour, ma commande n'est pas arrivée. Tel 06 12 34 56 78",
    "Die App stürzt beim Login ab",
    "注文が届きません",
    "Спасибо, всё отлично!",
    "",
]


@pytest.fixture(scope="module")
def analyzer():
    return kvetch.Analyzer(n_threads=2)


def test_columns_follow_the_schema(analyzer):
    r = analyzer.analyze(TEXTS)
    assert r.columns == COLUMN_NAMES
    assert len(r) == len(TEXTS)
    t = r.to_arrow()
    assert pa.types.is_dictionary(t.schema.field("status").type)
    assert pa.types.is_dictionary(t.schema.field("script").type)
    df = r.to_pandas()
    assert df.script.tolist() == ["Latn", "Latn", "Latn", "Jpan", "Cyrl", "Zyyy"]
    assert df.status.tolist() == ["ok"] * 5 + ["empty"]
    assert df.pii_phone.tolist() == [0, 1, 0, 0, 0, 0]


def test_to_arrow_without_dictionaries(analyzer):
    """For readers that take no dictionary columns (Spark's mapInArrow)."""
    t = analyzer.analyze(TEXTS).to_arrow()
    plain = analyzer.analyze(TEXTS).to_arrow(dictionaries=False)
    assert plain.column_names == t.column_names
    assert not any(pa.types.is_dictionary(f.type) for f in plain.schema)
    assert sum(pa.types.is_dictionary(f.type) for f in t.schema) >= 5
    for name in t.column_names:
        assert plain.column(name).to_pylist() == t.column(name).to_pylist(), name


@pytest.mark.parametrize("make", [
    lambda t: t,
    lambda t: tuple(t),
    lambda t: iter(t),
    lambda t: pd.Series(t, dtype=object),
    lambda t: pd.Series(t, dtype="string"),
    lambda t: pd.Series(t, dtype="string[pyarrow]"),
    lambda t: pd.Series(t, dtype=pd.ArrowDtype(pa.large_string())),
    lambda t: pa.array(t),
    lambda t: pa.array(t, type=pa.large_string()),
    lambda t: pa.array([s.encode() for s in t], type=pa.binary()),
    lambda t: pa.chunked_array([t[:2], t[2:]]),
    lambda t: pa.array(["x"] + t).slice(1),
    lambda t: pa.array(t).dictionary_encode(),
], ids=["list", "tuple", "iterator", "series-object", "series-string", "series-pyarrow",
        "series-arrowdtype", "arrow", "arrow-large", "arrow-binary", "chunked", "sliced",
        "dictionary"])
def test_every_input_kind_gives_the_same_rows(analyzer, make):
    expected = analyzer.analyze(TEXTS).to_pandas()
    got = analyzer.analyze(make(list(TEXTS))).to_pandas()
    pd.testing.assert_frame_equal(got, expected)


def test_nulls_in_pandas_and_arrow(analyzer):
    s = pd.Series(["ok then", None, np.nan, pd.NA, "fine"], dtype=object)
    assert analyzer.analyze(s).to_pandas().status.tolist() == ["ok", "null", "null", "null", "ok"]
    arr = pa.array(["a", None, "b"])
    df = analyzer.analyze(arr).to_pandas()
    assert df.status.tolist() == ["ok", "null", "ok"]
    assert df.text_redacted.isna().tolist() == [False, True, False]
    assert analyzer.analyze(pa.nulls(3)).to_pandas().status.tolist() == ["null"] * 3


def test_non_text_values_are_made_text(analyzer):
    df = analyzer.analyze([12345, "a", 3.5, None]).to_pandas()
    assert df.text_redacted.tolist()[:3] == ["12345", "a", "3.5"]
    assert df.status.tolist() == ["ok", "ok", "ok", "null"]
    assert analyzer.analyze(pd.Series([1, 2])).to_pandas().text_redacted.tolist() == ["1", "2"]


def test_wrong_containers_raise_input_error(analyzer):
    with pytest.raises(kvetch.InputError, match="wrap it in a list"):
        analyzer.analyze("one message")
    with pytest.raises(kvetch.InputError, match="df\\['text'\\]"):
        analyzer.analyze(pd.DataFrame({"text": ["a"]}))
    table = pa.table({"text": ["a"], "id": [1]})
    for data in (table, table.to_batches()[0]):
        with pytest.raises(kvetch.InputError, match="table\\['text'\\].*columns: text, id"):
            analyzer.analyze(data)
    assert analyzer.analyze(table["text"]).to_pandas().status.tolist() == ["ok"]


def test_results_do_not_depend_on_threads():
    texts = TEXTS * 5000
    one = kvetch.Analyzer(n_threads=1).analyze(texts).to_arrow()
    for n in (2, 4):
        assert kvetch.Analyzer(n_threads=n).analyze(texts).to_arrow().equals(one)


def test_empty_input(analyzer):
    r = analyzer.analyze([])
    assert len(r) == 0 and r.columns == COLUMN_NAMES


def test_pickles_as_options_and_reuses_the_compiled_core():
    a = kvetch.Analyzer(n_threads=1, max_bytes=100, pii_patterns={"x": "X-[0-9]+"})
    b = pickle.loads(pickle.dumps(a))
    assert b.options == a.options
    assert b._core is a._core  # built once per process
    assert len(pickle.dumps(a)) < 1000
    assert b.analyze(["X-42"]).to_pandas().text_redacted[0] == "<CUSTOM:x>"


def test_pipe_streams_in_batches(analyzer):
    gen = (t for t in TEXTS * 7)
    parts = list(analyzer.pipe(gen, batch_size=10))
    assert [len(p) for p in parts] == [10, 10, 10, 10, 2]
    whole = kvetch.Result.concat(parts).to_pandas()
    pd.testing.assert_frame_equal(whole, analyzer.analyze(TEXTS * 7).to_pandas())
    with pytest.raises(kvetch.ConfigError):
        next(analyzer.pipe(TEXTS, batch_size=0))


def test_long_batches_span_several_core_calls(analyzer, monkeypatch):
    import kvetch.analyzer as mod
    monkeypatch.setattr(mod, "CHUNK_ROWS", 4)
    texts = [f"message {i}" for i in range(10)]
    df = analyzer.analyze(texts, progress=False).to_pandas()
    assert df.text_redacted.tolist() == texts


@pytest.mark.parametrize("kwargs", [
    {"n_threads": 0}, {"n_threads": -1}, {"n_threads": "2"}, {"n_threads": True},
    {"n_threads": 1.5}, {"n_threads": 10_000}, {"max_bytes": 0}, {"max_bytes": 1 << 31}])
def test_bad_options(kwargs):
    name = next(iter(kwargs))
    with pytest.raises(kvetch.ConfigError, match=f"{name} must be an int in"):
        kvetch.Analyzer(**kwargs)


def test_numpy_integers_are_ints():
    """Counts computed with numpy (``np.int64(os.cpu_count() // 2)``) are
    accepted as the ints they are."""
    a = kvetch.Analyzer(n_threads=np.int64(2), max_bytes=np.int32(4096))
    assert a.n_threads == 2
    assert a.analyze(["x" * 5000]).to_pandas().status[0] == "truncated"


def test_default_threads_from_omp(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    assert kvetch.Analyzer(max_bytes=12345).n_threads == 3


def test_html_repr_and_summary(analyzer):
    r = analyzer.analyze(TEXTS + ["<script>alert(1)</script> a@b.example"])
    html = r._repr_html_()
    assert "kvetch.Result" in html and "<script>" not in html
    s = r.summary()
    assert s["rows"] == 7 and s["status"]["ok"] == 6 and s["pii"]["email"] == 1


def test_version_and_build_info():
    info = kvetch.build_info()
    assert kvetch.__version__ == info["kvetch"]
    assert set(info) >= {"icu", "re2", "tbb", "eigen"}


def test_statuses_are_stable():
    assert STATUSES == ["ok", "empty", "null", "repaired_utf8", "truncated"]


def test_results_keep_the_index_of_a_series():
    """A filtered Series keeps its labels, so a join pairs the right rows."""
    import pandas as pd

    df = pd.DataFrame({"text": ["refund please", "merci", "app crash", "ok"],
                       "channel": ["email", "chat", "email", "chat"]}, index=[10, 11, 12, 13])
    email = df[df["channel"] == "email"]
    result = kvetch.Analyzer().analyze(email["text"])
    out = result.to_pandas()
    assert out.index.tolist() == [10, 12]
    assert out.join(df[["channel"]])["channel"].tolist() == ["email", "email"]
    assert result["status"].index.tolist() == [10, 12]
    both = kvetch.Result.concat([result, kvetch.Analyzer().analyze(df["text"][1:2])])
    assert both.to_pandas().index.tolist() == [10, 12, 11]
    assert kvetch.Analyzer().analyze(["a", "b"]).to_pandas().index.tolist() == [0, 1]
    probs = kvetch.EmotionScorer().predict_proba(email["text"])
    assert probs.index.tolist() == [10, 12]
    parts = list(kvetch.Analyzer().pipe(df["text"], batch_size=3))
    assert [p.to_pandas().index.tolist() for p in parts] == [[10, 11, 12], [13]]


def test_argument_mistakes_get_clear_errors():
    assert kvetch.Analyzer(languages="en, fr")._options["languages"] == ["en", "fr"]
    with pytest.raises(kvetch.ConfigError, match="language codes"):
        kvetch.Analyzer(languages=[1, 2])
    for bad in (5, None):
        with pytest.raises(kvetch.InputError, match="sequence of messages"):
            kvetch.Analyzer().analyze(bad)


@pytest.mark.parametrize("kwargs,needle", [
    ({"min_lang_confidence": "abc"}, "min_lang_confidence must be a number in [0, 1]"),
    ({"pii": 5}, "pii must be True, False or a list"),
    ({"signal_rules": 5}, "signal_rules must be a list of rules"),
    ({"emotion": 5}, "emotion must be a file path"),
    ({"langid": 5}, "langid must be a file path"),
    ({"routing": 5}, "routing must be a file path"),
    ({"config": 5}, "config must be a file path"),
    ({"signals": 5}, "signals must be a file path"),
])
def test_wrongly_typed_options_name_the_option(kwargs, needle):
    """A ConfigError naming the option, not a TypeError from deep inside."""
    with pytest.raises(kvetch.ConfigError) as e:
        kvetch.Analyzer(**kwargs)
    assert needle in str(e.value)


def test_pipe_checks_batch_size_and_refuses_one_string(analyzer):
    for bad in ("5", 1.5, 0):
        with pytest.raises(kvetch.ConfigError, match="batch_size must be an int"):
            list(analyzer.pipe(["x"], batch_size=bad))
    with pytest.raises(kvetch.InputError, match="wrap it in a list"):
        list(analyzer.pipe("abc"))


def test_pickles_load_where_kvetch_is_installed_elsewhere(tmp_path):
    """Analyzer, LanguageDetector and EmotionScorer pickled by a kvetch
    installed at one path load on a worker whose kvetch is elsewhere: the
    bundled models travel as "the bundled one", not as the driver's paths."""
    import shutil
    import subprocess
    import sys

    here = Path(kvetch.__file__).resolve().parent
    other = tmp_path / "site"
    shutil.copytree(here, other / "kvetch")
    code = ("import kvetch, pickle, sys; sys.stdout.buffer.write(pickle.dumps("
            "[kvetch.Analyzer(n_threads=1), kvetch.LanguageDetector(), kvetch.EmotionScorer()]))")
    env = {**os.environ, "PYTHONPATH": str(other)}
    blob = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          check=True, cwd=tmp_path).stdout
    assert str(other).encode() not in blob
    shutil.rmtree(other)
    analyzer, detector, scorer = pickle.loads(blob)
    assert analyzer.options["langid_model"] == str(here / "models" / "langid.kvm")
    assert analyzer.analyze(["Where is my refund?"]).to_pandas().lang[0] == "en"
    assert detector.detect("Où est mon colis ?") == "fr"
    assert scorer.predict_proba(["thank you so much!"]).shape[0] == 1


def test_more_threads_than_cpus_prints_no_tbb_warning():
    """n_threads above the CPUs made TBB print "TBB Warning: The number of
    workers is currently limited to ..." on stderr (review finding 18); the
    arena now gets at most the CPUs TBB may use, the results are the same."""
    import subprocess
    import sys

    code = ("import kvetch, warnings; warnings.simplefilter('ignore'); "
            "texts = ['Where is my refund?'] * 3000; "
            "a = kvetch.Analyzer(n_threads=64).analyze(texts).to_pandas(); "
            "b = kvetch.Analyzer(n_threads=1).analyze(texts).to_pandas(); "
            "assert a.equals(b); "
            "kvetch.ComplaintClusterer(n_threads=64, only_complaints=False).fit(texts[:50])")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "TBB Warning" not in run.stderr


# --- streaming and input shapes (session 23 review) --------------------------

def test_pipe_over_a_generator_indexes_by_position_in_the_stream(analyzer):
    """pd.concat of the batches joins back on the input's index: each batch
    used to restart at 0, and a join paired 3,640 of 6,000 rows wrongly."""
    texts = pd.Series(TEXTS * 7, index=range(len(TEXTS) * 7))
    parts = [r.to_pandas() for r in analyzer.pipe(iter(texts.tolist()), batch_size=10)]
    assert [p.index[0] for p in parts] == [0, 10, 20, 30, 40]
    joined = pd.concat(parts).join(texts.rename("text"))
    assert len(joined) == len(texts) and joined.index.is_unique
    assert (joined["text_redacted"].str.len() > 0).sum() >= (texts.str.strip().str.len() > 0).sum() - 2


def test_pipe_takes_columns_and_streams_of_columns(analyzer):
    whole = analyzer.analyze(TEXTS * 3).to_pandas()
    arrow = list(analyzer.pipe(pa.array(TEXTS * 3), batch_size=8))
    n = len(TEXTS) * 3
    assert [len(r) for r in arrow] == [8] * (n // 8) + [n % 8] and n % 8
    pd.testing.assert_frame_equal(kvetch.Result.concat(arrow).to_pandas(), whole)
    series = pd.Series(TEXTS * 3)
    chunks = (series.iloc[i:i + 5] for i in range(0, len(series), 5))
    streamed = pd.concat(r.to_pandas() for r in analyzer.pipe(chunks, batch_size=4))
    assert streamed.index.tolist() == list(range(len(series)))
    pd.testing.assert_frame_equal(streamed, whole, check_categorical=False)
    mixed = [pa.array(TEXTS[:4]), pa.array([t.encode() for t in TEXTS[4:]], pa.binary())]
    out = pd.concat(r.to_pandas() for r in analyzer.pipe(iter(mixed), batch_size=3))
    assert out.index.tolist() == list(range(len(TEXTS)))


def test_pipe_refuses_tables_and_streams_of_tables(analyzer):
    df = pd.DataFrame({"text": TEXTS[:4], "id": range(4)})
    with pytest.raises(kvetch.InputError, match=r"not a DataFrame: pass df\['text'\]"):
        next(analyzer.pipe(df))
    with pytest.raises(kvetch.InputError, match="not a table"):
        next(analyzer.pipe(pa.table(df)))
    with pytest.raises(kvetch.InputError, match=r"item of the stream is a DataFrame.*c\['text'\]"):
        next(analyzer.pipe(iter([df, df])))
    with pytest.raises(kvetch.InputError, match="not a table"):
        analyzer.analyze(pa.table(df).to_reader())


@pytest.mark.parametrize("texts,match", [
    ([pd.Series(["late parcel"])], "message 0 is a Series"),
    (["fine", {"text": "hi"}], "message 1 is a dict"),
    ([["a", "b"]], "message 0 is a list"),
    ([np.array(["a", "b"])], "message 0 is a ndarray"),
    ({"text": ["a"]}, "not a dict"),
    ({"a", "b"}, "not a set"),
])
def test_messages_that_are_containers_are_refused(analyzer, texts, match):
    with pytest.raises(kvetch.InputError, match=match):
        analyzer.analyze(texts)


def test_scalars_that_are_not_text_are_still_read_as_text(analyzer):
    out = analyzer.analyze([12345, 3.5, pd.Timestamp("2026-09-07"), None]).to_pandas()
    assert out["text_redacted"].tolist()[:2] == ["12345", "3.5"]
    assert out["status"].tolist()[3] == "null"


def test_a_duplicate_index_warns_that_a_join_would_pair_rows_wrongly(analyzer):
    texts = pd.Series(TEXTS[:3] * 2, index=[0, 1, 2] * 2)
    with pytest.warns(UserWarning, match="duplicate labels"):
        analyzer.analyze(texts)


def test_result_indexing_by_column_names(analyzer):
    r = analyzer.analyze(["hello", "bye"])
    assert "lang" in r and "nope" not in r and list(r) == r.columns
    assert r[["lang", "nes"]].shape == (2, 2)
    for key, err in [(1, TypeError), (slice(0, 2), TypeError), ("nope", KeyError)]:
        with pytest.raises(err, match="column"):
            r[key]


def test_categories_do_not_depend_on_the_batch(analyzer):
    """Dask's meta and pd.concat need the same categories in every part."""
    parts = [analyzer.analyze(["hello there my friend"]), analyzer.analyze(["привет, как дела"]),
             analyzer.analyze([])]
    frames = [p.to_pandas() for p in parts]
    for col in ("script", "lang", "lang_alt"):
        cats = [list(f[col].cat.categories) for f in frames]
        assert cats[0] == cats[1] == cats[2], col
    assert "" not in frames[2]["lang"].cat.categories
    assert {"Latn", "Cyrl", "Jpan", "Zyyy"} <= set(frames[0]["script"].cat.categories)
    together = pd.concat(frames)
    assert all(isinstance(together[c].dtype, pd.CategoricalDtype) for c in ("script", "lang"))


def test_concat_of_results_with_different_columns_names_them(analyzer, tmp_path):
    routing = tmp_path / "r.toml"
    routing.write_text('[queues.global]\nlanguages = ["en"]\n')
    routed = kvetch.Analyzer(routing=routing).analyze(["hello"])
    with pytest.raises(kvetch.InputError, match="needs_translation, route, translate_to"):
        kvetch.Result.concat([routed, analyzer.analyze(["hello"])])


def test_unpickling_does_not_repeat_the_routing_warning(tmp_path):
    import warnings
    routing = tmp_path / "r.toml"
    routing.write_text('[queues.global]\nlanguages = ["en", "nl"]\n')
    with pytest.warns(UserWarning, match="queues speak nl"):
        a = kvetch.Analyzer(routing=routing, languages=["en", "fr"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pickle.loads(pickle.dumps(a))


def test_pipe_refuses_what_analyze_refuses_and_places_errors_in_the_stream(analyzer):
    for bad, match in [({"text": ["a"]}, "not a dict"), ({"a", "b"}, "not a set"),
                       (np.array([["a", "b"]]), "one-dimensional")]:
        with pytest.raises(kvetch.InputError, match=match):
            next(analyzer.pipe(bad))
    stream = iter(["ok"] * 13 + [["a list"]] + ["ok"] * 3)
    with pytest.raises(kvetch.InputError, match="batch from message 10 of the stream: "
                                                "message 3 is a list"):
        list(analyzer.pipe(stream, batch_size=5))


def test_arrow_scalars_and_view_dictionaries_are_read_as_text(analyzer):
    out = analyzer.analyze(list(pa.array(["hi", None]))).to_pandas()
    assert out["status"].tolist() == ["ok", "null"]  # not the text "None"
    view = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0]),
                                          pa.array(["hello there", "bye now"], pa.string_view()))
    assert analyzer.analyze(view).to_pandas()["text_redacted"].tolist() == \
        ["hello there", "bye now", "hello there"]


def test_route_categories_do_not_depend_on_the_batch(tmp_path):
    routing = tmp_path / "r.toml"
    routing.write_text('[queues.global]\nlanguages = ["en"]\n[queues.france]\nlanguages = ["fr"]\n')
    a = kvetch.Analyzer(routing=routing)
    parts = [a.analyze(["Where is my refund please"]).to_pandas(),
             a.analyze(["Où est mon remboursement s'il vous plaît"]).to_pandas()]
    for col in ("route", "translate_to"):
        assert list(parts[0][col].cat.categories) == list(parts[1][col].cat.categories), col
    assert parts[0]["route"].tolist() == ["global"] and parts[1]["route"].tolist() == ["france"]


def test_pipe_progress_bar_counts_messages_and_changes_nothing(analyzer, capsys):
    shown = list(analyzer.pipe(iter(TEXTS * 3), batch_size=4, progress=True))
    assert "kvetch" in capsys.readouterr().err  # tqdm writes to stderr
    plain = list(analyzer.pipe(iter(TEXTS * 3), batch_size=4, progress=False))
    pd.testing.assert_frame_equal(kvetch.Result.concat(shown).to_pandas(),
                                  kvetch.Result.concat(plain).to_pandas())
