"""ComplaintClusterer: determinism, persistence, id stability, edge cases,
PII, the sample archive's burst, and the CLI."""

import json
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kvetch
from kvetch import cli
from kvetch._cluster_input import ComplaintColumnsWarning
from kvetch._cluster_stats import emerging_flags, label_of, poisson_upper_tail

SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "sample_tickets.csv"

ISSUES = {
    "refund": ["where is my refund of {} euros, I want my money back",
               "still no refund of {} euros on my card",
               "refund of {} euros not received, money back please"],
    "crash": ["the app crashes at login on my phone version {}",
              "app keeps crashing when I log in, version {}",
              "login crash again in the app {}"],
    "late": ["my delivery is {} days late, where is the parcel",
             "parcel still not delivered after {} days, very late",
             "late delivery again, {} days and no parcel"],
}


def issue_texts(n_per_issue=40, seed=0):
    rng = np.random.default_rng(seed)
    texts, truth = [], []
    for issue, templates in ISSUES.items():
        for i in range(n_per_issue):
            texts.append(templates[i % len(templates)].format(int(rng.integers(2, 60))))
            truth.append(issue)
    return texts, truth


@pytest.fixture(scope="module")
def sample():
    return pd.read_csv(SAMPLE)


@pytest.fixture(scope="module")
def sample_result(sample):
    return kvetch.Analyzer().analyze(sample["text"], progress=False)


def fit(data, **kwargs):
    kwargs.setdefault("only_complaints", False)
    cc = kvetch.ComplaintClusterer(**kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ComplaintColumnsWarning)
        cc.fit(data)
    return cc


def test_recovers_planted_issues():
    texts, truth = issue_texts()
    cc = fit(texts, min_cluster_size=5)
    lab = cc.labels_
    assert len(lab) == len(texts)
    for issue in ISSUES:
        mine = lab[np.array(truth) == issue]
        top = pd.Series(mine).value_counts()
        assert top.index[0] >= 0
        # each planted issue is mostly one cluster, and that cluster mostly it
        assert top.iloc[0] / len(mine) >= 0.8, issue
        assert (np.array(truth)[lab == top.index[0]] == issue).mean() >= 0.8, issue


def test_n_clusters_is_honoured():
    texts, _ = issue_texts()
    cc = fit(texts, n_clusters=3)
    assert len(cc.get_cluster_info()) == 3
    assert (cc.labels_ >= 0).all()


@pytest.mark.parametrize("kwargs", [{}, {"n_clusters": 12}])
def test_same_result_for_1_and_2_threads(sample_result, kwargs):
    one = fit(sample_result, n_threads=1, **kwargs)
    two = fit(sample_result, n_threads=2, **kwargs)
    assert np.array_equal(one.labels_, two.labels_)
    a, b = one.get_cluster_info(), two.get_cluster_info()
    assert a["id"].tolist() == b["id"].tolist()
    assert a["label"].tolist() == b["label"].tolist()


def test_random_state_is_the_only_source_of_randomness(sample_result):
    a = fit(sample_result, random_state=3).labels_
    b = fit(sample_result, random_state=3).labels_
    assert np.array_equal(a, b)


def test_cluster_info_columns_and_shares(sample, sample_result):
    cc = fit(sample_result, n_threads=2)
    cc.fit(sample_result, timestamps=sample["created_at"], channels=sample["channel"])
    info = cc.get_cluster_info()
    for col in ["id", "label", "keywords", "size", "share", "nes", "top_emotion", "languages",
                "channels", "first_seen", "last_seen", "weekly", "growth", "emerging",
                "representatives"]:
        assert col in info.columns, col
    assert info["size"].sum() == (cc.labels_ >= 0).sum()
    assert info["share"].sum() <= 1.0 + 1e-9
    assert list(info["size"]) == sorted(info["size"], reverse=True)
    row = info.iloc[0]
    assert sum(row["languages"].values()) == row["size"]
    assert sum(row["channels"].values()) == row["size"]
    assert sum(row["weekly"].values()) == row["size"]
    assert row["first_seen"] <= row["last_seen"]
    docs = cc.get_document_info()
    assert len(docs) == len(sample)
    assert {"cluster", "is_complaint", "text_redacted", "lang"} <= set(docs.columns)


@pytest.mark.parametrize("only_complaints", [True, False])
def test_sample_archive_burst_is_emerging(sample, only_complaints):
    frame = sample[["text", "created_at", "channel"]]
    cc = fit(frame, only_complaints=only_complaints)
    info = cc.get_cluster_info().set_index("id")
    lab = pd.Series(cc.labels_)
    emerging = info.index[info["emerging"]]
    assert len(emerging) >= 1
    burst = sample["issue_true"] == "checkout_error_500"
    # The flagged messages are mostly the burst, mostly in clusters that are
    # mostly the burst, and together they hold a good part of it. Measured
    # over random_state 0-4 (2026-11-24): flagged purity 0.79-0.92, share in
    # mostly-burst clusters 0.80-1.00, recall 0.36-0.63; a single cluster
    # can be as impure as 0.37 (a Portuguese cluster mixing issues), and a
    # change in 7 messages' language moved seed 0 from 0.90 to 0.79. The
    # bars sit under that spread; flagging at random gives about 0.1.
    flagged = lab.isin(emerging)
    assert burst[flagged].mean() >= 0.75
    mostly = [cid for cid in emerging if burst[lab == cid].mean() >= 0.5]
    assert lab.isin(mostly)[flagged].mean() >= 0.75
    assert flagged[burst & (lab >= 0)].mean() >= 0.3
    # the steady recurring issues are clusters too: each has a cluster that
    # is mostly that issue. Over random_state 0-4 (session 15, with the
    # support lexicon): 0.67-1.00; the lowest is password_reset's cluster,
    # which takes in the "other" messages about phishing ("an e-mail asks
    # for my password, is it yours?") in five languages.
    for issue in ["refund_not_received", "late_delivery", "app_crash_login",
                  "password_reset", "double_charge", "wrong_item"]:
        mine = sample["issue_true"] == issue
        best = lab[mine & (lab >= 0)].value_counts().index[0]
        assert (sample["issue_true"][lab == best] == issue).mean() >= 0.6, issue
        assert not info.loc[best, "emerging"], issue


def test_no_pii_in_labels_or_representatives():
    texts = []
    for i in range(30):
        texts.append(f"refund missing, write to jane.doe{i}@example.com or call +44 20 7946 0{i:03d}")
        texts.append(f"app crash at login, card 4111 1111 1111 1111, mail bob{i}@mail.example")
    cc = fit(texts, min_cluster_size=5)
    info = cc.get_cluster_info()
    assert len(info) >= 1
    shown = " ".join(info["label"]) + " " + " ".join(
        " ".join(k) for k in info["keywords"]) + " " + " ".join(
        " ".join(r) for r in info["representatives"])
    assert "@" not in re.sub(r"<EMAIL>", "", shown)
    assert "example" not in shown
    assert not re.search(r"\d{4}", shown)
    assert "<EMAIL>" not in " ".join(info["label"])


def test_save_load_round_trip(tmp_path, sample_result):
    cc = fit(sample_result)
    path = tmp_path / "issues.kvc"
    cc.save(path)
    back = kvetch.ComplaintClusterer.load(path)
    a, b = cc.get_cluster_info(), back.get_cluster_info()
    assert a["id"].tolist() == b["id"].tolist()
    assert a["label"].tolist() == b["label"].tolist()
    assert a["size"].tolist() == b["size"].tolist()
    assert a["languages"].tolist() == b["languages"].tolist()
    again = back.transform(sample_result)
    clustered = cc.labels_ >= 0
    assert (again[clustered] == cc.labels_[clustered]).mean() >= 0.95
    assert np.array_equal(cc.transform(sample_result), again)


def test_loaded_clusterer_reports_on_given_messages(tmp_path, sample_result):
    cc = fit(sample_result)
    cc.save(tmp_path / "issues.kvc")
    back = kvetch.ComplaintClusterer.load(tmp_path / "issues.kvc")
    from kvetch.report import report_from_clusterer
    report = report_from_clusterer(back, sample_result)
    assert report.model["clusters"]
    assert all(r["emotions"] for r in report.model["clusters"])  # from transform's assignments
    assert back.to_html(tmp_path / "r.html", messages=sample_result).exists()
    with pytest.raises(kvetch.ConfigError, match="messages="):
        back.to_html(tmp_path / "r2.html")


def test_load_rejects_other_files(tmp_path):
    bad = tmp_path / "bad.kvc"
    bad.write_bytes(b"not a clusterer")
    with pytest.raises(kvetch.ModelError, match="bad.kvc"):
        kvetch.ComplaintClusterer.load(bad)
    empty = tmp_path / "empty.kvc"
    empty.write_bytes(b"")
    with pytest.raises(kvetch.ModelError, match="empty.kvc"):
        kvetch.ComplaintClusterer.load(empty)
    no_options = tmp_path / "meta.kvc"
    with open(no_options, "wb") as f:  # a path would get ".npz" appended
        np.savez(f, meta=np.frombuffer(b'{"format": "x"}', dtype=np.uint8))
    with pytest.raises(kvetch.ModelError, match="meta.kvc"):
        kvetch.ComplaintClusterer.load(no_options)
    cut = tmp_path / "cut.kvc"  # half of a real archive: a BadZipFile before
    with open(no_options, "rb") as f:
        whole = f.read()
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(kvetch.ModelError, match="cut.kvc"):
        kvetch.ComplaintClusterer.load(cut)
    with pytest.raises(kvetch.KvetchIOError, match="no such file"):
        kvetch.ComplaintClusterer.load(tmp_path / "none.kvc")


def test_refit_on_90_percent_overlap_keeps_ids(tmp_path, sample):
    n = len(sample)
    first = sample.iloc[: int(n * 0.95)][["text", "created_at"]]
    second = sample.iloc[int(n * 0.05):][["text", "created_at"]]
    cc = fit(first)
    cc.save(tmp_path / "week1.kvc")
    again = kvetch.ComplaintClusterer.load(tmp_path / "week1.kvc")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ComplaintColumnsWarning)
        again.fit(second)
    overlap = sample.index[int(n * 0.05): int(n * 0.95)]
    a = pd.Series(cc.labels_, index=first.index)[overlap]
    b = pd.Series(again.labels_, index=second.index)[overlap]
    assert (a == b).mean() >= 0.9
    before, after = set(cc.get_cluster_info()["id"]), set(again.get_cluster_info()["id"])
    assert len(before & after) / len(before) >= 0.9
    # new issues get ids never used before
    assert min(after - before, default=max(before) + 1) > max(before)


def test_new_issue_gets_a_new_id():
    texts, _ = issue_texts()
    cc = fit(texts, min_cluster_size=5)
    old = set(cc.get_cluster_info()["id"])
    extra = [f"my invoice pdf is missing for order {i}, please send the invoice" for i in range(30)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ComplaintColumnsWarning)
        cc.fit(texts + extra)
    new = cc.labels_[len(texts):]
    assert (new >= 0).mean() >= 0.8
    assert pd.Series(new).value_counts().index[0] not in old
    assert set(cc.labels_[:len(texts)]) <= old | {-1}


@pytest.mark.parametrize("texts", [[], [""], ["refund please"], ["a", "b"],
                                   ["refund please"] * 3, [None, "", "   "],
                                   ["same complaint"] * 50])
def test_empty_and_tiny_inputs(texts):
    cc = fit(texts, min_cluster_size=2)
    assert len(cc.labels_) == len(texts)
    info = cc.get_cluster_info()
    assert info["size"].sum() == (cc.labels_ >= 0).sum()
    assert len(cc.transform(texts)) == len(texts)


def test_duplicates_are_collapsed_then_counted():
    texts = ["Refund 123 not received!"] * 20 + ["refund 456 not received"] * 5 + \
            ["app crashes at login"] * 30
    cc = fit(texts, min_cluster_size=2)
    info = cc.get_cluster_info()
    assert sorted(info["size"]) == [25, 30]
    assert len(set(cc.labels_[:25])) == 1


def test_only_complaints_uses_polarity_and_signals():
    frame = pd.DataFrame({
        "text_redacted": ["refund missing"] * 12 + ["thanks, great service"] * 12,
        "lang": ["en"] * 24,
        "polarity": ["negative"] * 12 + ["positive"] * 12,
        "signal_churn": [False] * 23 + [True],
    })
    cc = kvetch.ComplaintClusterer(min_cluster_size=2).fit(frame)
    docs = cc.get_document_info()
    assert docs["is_complaint"].tolist() == [True] * 12 + [False] * 11 + [True]
    assert (cc.labels_[12:23] == -1).all()


def test_warns_without_complaint_columns():
    frame = pd.DataFrame({"text_redacted": ["refund missing", "app crash"], "lang": ["en"] * 2})
    with pytest.warns(ComplaintColumnsWarning):
        cc = kvetch.ComplaintClusterer(min_cluster_size=2).fit(frame)
    assert cc.get_document_info()["is_complaint"].all()


def test_raw_texts_use_the_analyzer_polarity():
    texts = ["my refund never arrived, this is ridiculous"] * 3 + ["thanks, great service!"] * 3
    cc = kvetch.ComplaintClusterer(min_cluster_size=2).fit(texts)
    docs = cc.get_document_info()
    assert {"polarity", "nes", "emotion"} <= set(docs.columns)
    assert docs["is_complaint"].tolist() == [True] * 3 + [False] * 3
    assert (cc.labels_[3:] == -1).all()


def test_rename_and_merge(sample_result):
    cc = fit(sample_result)
    info = cc.get_cluster_info()
    a, b = int(info["id"][0]), int(info["id"][1])
    cc.rename(a, "Refunds")
    assert cc.get_cluster_info().set_index("id").loc[a, "label"] == "Refunds"
    size = int(info["size"][0] + info["size"][1])
    assert cc.merge([a, b]) == a
    merged = cc.get_cluster_info().set_index("id")
    assert b not in merged.index
    assert merged.loc[a, "size"] == size
    assert not (cc.labels_ == b).any()
    with pytest.raises(kvetch.ConfigError):
        cc.merge([a])
    with pytest.raises(kvetch.ConfigError):
        cc.rename(10_000, "x")
    # Ids that are not ints were cut down to one ("merge([a + 0.5, b])" merged
    # a and b) or raised a bare ValueError; a label that is not text was
    # stored as str().
    for bad in ["ab", [a + 0.5, b], [a, "b"], 7]:
        with pytest.raises(kvetch.ConfigError):
            cc.merge(bad)
    for bad_id, label in [("abc", "x"), (a + 0.5, "x"), (a, 5), (a, "  ")]:
        with pytest.raises(kvetch.ConfigError):
            cc.rename(bad_id, label)
    cc.rename(np.int64(a), "Refunds again")
    assert cc.get_cluster_info().set_index("id").loc[a, "label"] == "Refunds again"


def test_pickle_ships_the_model_not_the_documents(sample, sample_result):
    """A pickled clusterer carried every document of its fit (2 MB for the
    6,000-message sample, so hundreds of MB per Dask task for an archive)."""
    import pickle

    cc = fit(sample_result)
    blob = pickle.dumps(cc)
    assert len(blob) < len(pickle.dumps(cc.get_document_info())) / 2
    copy = pickle.loads(blob)
    pd.testing.assert_frame_equal(copy.get_cluster_info(), cc.get_cluster_info())
    texts = sample["text"].iloc[:500]
    assert (copy.transform(texts) == cc.transform(texts)).all()
    assert copy.labels_ is None and cc.labels_ is not None
    with pytest.raises(kvetch.ConfigError, match="unpickled"):
        copy.get_document_info()
    assert len(cc.get_document_info()) == len(sample)  # the original keeps them


def test_failed_save_leaves_no_temporary_file(tmp_path, sample_result):
    cc = fit(sample_result)
    target = tmp_path / "model.kvc"
    target.mkdir()  # a folder where the file should go
    with pytest.raises(kvetch.KvetchIOError, match="model.kvc"):
        cc.save(target)
    assert [p.name for p in tmp_path.iterdir()] == ["model.kvc"]
    cc.save(tmp_path / "ok.kvc")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.kvc", "ok.kvc"]


def test_not_fitted_and_bad_options():
    with pytest.raises(kvetch.ConfigError, match="not fitted"):
        kvetch.ComplaintClusterer().get_cluster_info()
    for bad in [{"n_clusters": 0}, {"min_cluster_size": 0}, {"n_threads": 0},
                {"n_threads": 5000}, {"n_clusters": True},
                {"merge_threshold": 1.5}, {"random_state": -1}]:
        with pytest.raises(kvetch.ConfigError):
            kvetch.ComplaintClusterer(**bad)
    with pytest.raises(kvetch.InputError):
        kvetch.ComplaintClusterer().fit(pd.DataFrame({"body": ["x"]}))
    assert kvetch.ComplaintClusterer(n_clusters=np.int64(7)).n_clusters == 7


def test_emerging_test_and_labels():
    # a cluster that triples its share in the recent weeks is flagged; a
    # steady one is not.
    flags, p = emerging_flags(np.array([60, 20]), np.array([40, 200]))
    assert flags.tolist() == [True, False]
    assert p[0] < 1e-6 and p[1] == 1.0
    assert poisson_upper_tail(10, 2.0) == pytest.approx(4.649e-05, rel=1e-3)
    assert label_of(["password reset", "password", "reset", "link"]) == "password reset / link"
    assert label_of([]) == "(no label)"


def test_cli_cluster(tmp_path, sample):
    src = tmp_path / "in.csv"
    sample.iloc[:1500].to_csv(src, index=False)
    out = tmp_path / "ids.csv"
    model = tmp_path / "m.kvc"
    assert cli.main(["cluster", str(src), "-o", str(out), "--id-column", "ticket_id",
                     "--all-messages", "--save-model", str(model)]) == 0
    ids = pd.read_csv(out)
    assert ids.columns.tolist() == ["ticket_id", "cluster", "is_complaint"]
    assert len(ids) == 1500
    table = pd.read_csv(tmp_path / "ids_clusters.csv")
    assert table["size"].sum() == (ids["cluster"] >= 0).sum()
    assert isinstance(json.loads(table["languages"][0]), dict)
    assert model.exists()
    # refit with the saved model keeps ids
    out2 = tmp_path / "ids2.parquet"
    assert cli.main(["cluster", str(src), "-o", str(out2), "--model", str(model)]) == 0
    again = pd.read_parquet(out2)
    clustered = ids["cluster"] >= 0
    assert (again["cluster"][clustered] == ids["cluster"][clustered]).mean() >= 0.95


def test_cli_cluster_missing_text_column(tmp_path, capsys):
    src = tmp_path / "in.csv"
    pd.DataFrame({"body": ["x"]}).to_csv(src, index=False)
    assert cli.main(["cluster", str(src), "-o", str(tmp_path / "o.csv")]) == 65
    assert "text" in capsys.readouterr().err


def test_readme_cluster_example_runs(tmp_path, monkeypatch):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Complaint clusters", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    code = code.replace('"corpora/sample_tickets.csv"', repr(str(SAMPLE)))
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ComplaintColumnsWarning)
        exec(compile(code, "README.md", "exec"), scope)
    assert scope["info"]["emerging"].any()
    assert (tmp_path / "issues.kvc").exists()
    assert len(scope["next_week"].labels_) == len(scope["df"])


@pytest.mark.parametrize("text,expected", [
    ("Hey,\n\nThe payment page is blank.\n\nThank you in advance,\nHannah Baker",
     "Hey,\n\nThe payment page is blank."),
    ("Bonjour,\nma commande est en retard.\nCordialement,\nJean Dupont", "Bonjour,\nma commande est en retard."),
    ("thanks, it works now", "thanks, it works now"),
    ("Hi,\nwrong item.\n\nThanks,\nChloe Garcia\n\nOn Thu, 24 Sep, Lumio wrote:\n> hello",
     "Hi,\nwrong item."),
    ("Thanks,\nthe refund arrived but the invoice is missing for my tax return",
     "Thanks,\nthe refund arrived but the invoice is missing for my tax return"),
    # A name with a lower-case particle, under a Dutch closing.
    ("Hoi,\n\nNog steeds geen terugbetaling.\n\nAlvast bedankt,\nRuben van Dijk\n06 21924779",
     "Hoi,\n\nNog steeds geen terugbetaling."),
    ("Olá,\nainda sem reembolso.\nObrigada,\nMaria da Silva", "Olá,\nainda sem reembolso."),
    # A last line of capitalised nouns is not a name without a closing above.
    ("Paket kam nicht an.\nLieferung von Amazon", "Paket kam nicht an.\nLieferung von Amazon"),
    ("La app no funciona.\nProblema de Pago", "La app no funciona.\nProblema de Pago"),
])
def test_signatures_are_left_out_of_representatives(text, expected):
    from kvetch._cluster_table import strip_signature

    assert strip_signature(text) == expected


def test_sample_representatives_carry_no_signature(sample):
    cc = fit(sample[["text", "created_at"]])
    reps = [r for rs in cc.get_cluster_info()["representatives"] for r in rs]
    assert reps
    closing = re.compile(r"\n(Thanks|Sincerely|Best regards|Kind regards|Cheers),?\n", re.I)
    assert not any(closing.search(r) for r in reps)


def _embedder():
    import kvetch._core as core
    from kvetch.models import bundled_model

    return core.Embedder(str(bundled_model("embed")), 1)


def test_token_rows_are_what_the_vectors_sum():
    import pyarrow as pa

    emb = _embedder()
    arr = pa.array(["refund refund delivery", None, "", "123 !!", "late order"],
                   type=pa.large_string())
    offsets, rows = emb.token_rows(*arr.__arrow_c_array__())
    _, _, known = emb.embed_arrow(*arr.__arrow_c_array__())
    assert offsets.tolist()[0] == 0 and offsets[-1] == len(rows)
    assert np.diff(offsets).tolist() == known.tolist()
    assert rows[0] == rows[1] != rows[2]


def test_typos_cluster_with_the_word_they_misspell():
    import pyarrow as pa

    emb = _embedder()
    arr = pa.array(["where is my refund", "where is my refnd", "where is my refunnd",
                    "where is my refnud"], type=pa.large_string())
    vec, _, _ = emb.embed_arrow(*arr.__arrow_c_array__())
    assert np.allclose(vec[1:] @ vec[0], 1.0, atol=1e-5)


def _lexicon():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "models" / "embed" / "cs_lexicon.py"
    spec = importlib.util.spec_from_file_location("cs_lexicon", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.LEXICON


def test_lexicon_words_embed_as_their_english_target():
    """The bundled table holds models/embed/cs_lexicon.py: every support word
    of the nine languages has exactly its English target's vector (a table
    built before a lexicon change fails here)."""
    import pyarrow as pa

    pairs = [(form, target) for target, langs in _lexicon().items()
             for forms in langs.values() for form in forms.split()]
    assert len(pairs) > 1000
    arr = pa.array([f for f, _ in pairs] + [t for _, t in pairs], type=pa.large_string())
    vec, _, known = _embedder().embed_arrow(*arr.__arrow_c_array__())
    n = len(pairs)
    assert (known[:n] == 1).all()
    wrong = [pairs[i] for i in np.flatnonzero(~np.all(vec[:n] == vec[n:], axis=1))]
    assert wrong == []


def _cross_language_together(issues, langs, labels):
    """Of the pairs of clustered messages about the same issue in different
    languages, the share in the same cluster; and the same for pairs about
    different issues (exact counts over all pairs)."""
    frame = pd.DataFrame({"i": issues, "l": langs, "c": labels})[labels >= 0]

    def pairs(keys):  # ordered pairs of distinct rows that agree on keys
        n = frame.groupby(keys).size().to_numpy(np.float64)
        return (n * n).sum() - len(frame)

    cross = len(frame) ** 2 - len(frame) - pairs(["l"])      # different languages
    cross_same = pairs(["i"]) - pairs(["i", "l"])             # ... and the same issue
    together = pairs(["c"]) - pairs(["c", "l"])               # ... in one cluster
    together_same = pairs(["c", "i"]) - pairs(["c", "i", "l"])
    return (together_same / cross_same,
            (together - together_same) / (cross - cross_same))


@pytest.mark.parametrize("only_complaints", [True, False])
def test_sample_archive_issues_meet_across_languages(sample, only_complaints):
    """Messages about one issue in different languages share clusters far
    more often than messages about different issues: the support lexicon
    (models/embed/cs_lexicon.py) maps their words onto the English rows.
    Measured over random_state 0-2 (2026-11-24): same issue 0.035-0.044,
    26-31x the different-issue share (0.0011-0.0017); before the lexicon
    0.007-0.008, 6-7x. The bars sit under the first spread and above the
    second."""
    cc = fit(sample[["text", "created_at", "channel"]], only_complaints=only_complaints)
    same, other = _cross_language_together(
        sample["issue_true"].to_numpy(), sample["lang_true"].to_numpy(), cc.labels_)
    assert same >= 0.02
    assert same >= 15 * other


def test_int8_and_packed_4_bit_tables_give_the_same_vectors(tmp_path):
    """The bundled table packs 4-bit values two per byte ("vectors4"); the
    same values unpacked into an int8 "vectors" section embed identically,
    and a packed section of the wrong size names the file."""
    import sys

    import pyarrow as pa

    import kvetch._core as core
    from kvetch.models import bundled_model

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "models"))
    import kvm

    kind, version, data_hash, sec = kvm.read(str(bundled_model("embed")))
    assert "vectors4" in sec
    dim, n = np.frombuffer(sec["meta"], "<u4")
    packed = np.frombuffer(sec["vectors4"], np.uint8).reshape(n, dim // 2)
    low = (packed << 4).astype(np.int8) >> 4
    high = packed.astype(np.int8) >> 4
    values = np.empty((n, dim), np.int8)
    values[:, 0::2], values[:, 1::2] = low, high
    assert values.min() >= -7 and values.max() <= 7
    plain = {k: v for k, v in sec.items() if k != "vectors4"}
    kvm.write(str(tmp_path / "int8.kvm"), kind, version, data_hash,
              {**plain, "vectors": values.tobytes()})
    arr = pa.array(["where is my refund", "app crashes at login", "ok"],
                   type=pa.large_string())
    a = core.Embedder(str(bundled_model("embed")), 1).embed_arrow(*arr.__arrow_c_array__())
    b = core.Embedder(str(tmp_path / "int8.kvm"), 1).embed_arrow(*arr.__arrow_c_array__())
    assert np.array_equal(a[0], b[0])
    kvm.write(str(tmp_path / "short.kvm"), kind, version, data_hash,
              {**plain, "vectors4": sec["vectors4"][:-1]})
    with pytest.raises(kvetch.ModelError, match="short.kvm"):
        core.Embedder(str(tmp_path / "short.kvm"), 1)


def test_merge_threshold_comes_from_the_table(tmp_path, sample_result):
    """merge_threshold=None starts the automatic floor at the table's
    'merge_threshold' section (the bundled one says 0.40), at 0.40 when the
    table has none; a given threshold is used as it is; a bad section names
    the file."""
    import sys

    import kvetch._core as core
    from kvetch.models import bundled_model

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "models"))
    import kvm

    bundled = str(bundled_model("embed"))
    assert core.Embedder(bundled, 1).merge_threshold == pytest.approx(0.40)
    kind, version, data_hash, sec = kvm.read(bundled)
    plain = {k: v for k, v in sec.items() if k != "merge_threshold"}

    def table(name, **extra):
        path = tmp_path / name
        kvm.write(str(path), kind, version, data_hash, {**plain, **extra},
                  checksum=lambda body: core.fnv1a64(bytes(body)))
        return str(path)

    data = sample_result.to_pandas().head(1500)
    auto = fit(data)
    default = auto.labels_
    assert fit(data, merge_threshold=0.40).floor_ == 0.40  # given: not lowered
    assert auto.floor_ < 0.40  # lowered: 0.40 left a third of these rows as outliers
    assert fit(data, merge_threshold=auto.floor_).labels_.tolist() == default.tolist()
    none = table("none.kvm")
    assert core.Embedder(none, 1).merge_threshold is None
    assert fit(data, embed_model=none).labels_.tolist() == default.tolist()
    low = table("low.kvm", merge_threshold=np.array([0.25], "<f4").tobytes())
    coarse = fit(data, embed_model=low)
    assert coarse.floor_ == 0.25  # 0.40 left 33% outliers here, 0.30 4.8%, 0.25 0.3%
    assert coarse.labels_.tolist() != default.tolist()  # the section took effect
    assert coarse.labels_.tolist() == fit(data, merge_threshold=coarse.floor_).labels_.tolist()
    assert fit(data, merge_threshold=0.25).floor_ == 0.25
    for name, value in [("big.kvm", np.array([1.5], "<f4")), ("size.kvm", np.zeros(2, "<f4"))]:
        with pytest.raises(kvetch.ModelError, match=f"{name}.*merge_threshold"):
            core.Embedder(table(name, merge_threshold=value.tobytes()), 1)


def test_document_info_is_indexed_like_the_input(sample):
    sub = sample.set_index("ticket_id").iloc[:300]
    cc = fit(kvetch.Analyzer().analyze(sub["text"]), min_cluster_size=3)
    docs = cc.get_document_info()
    assert docs.index.equals(sub.index)
    assert sub.join(docs[["cluster"]])["cluster"].notna().all()
    frame = sample.iloc[100:200]
    assert fit(frame[["text"]], min_cluster_size=3).get_document_info().index.equals(frame.index)


def test_a_filtered_frame_keeps_each_message_its_own_time_and_channel(sample):
    # A frame whose index is not 0..n-1 (rows picked by date): the analysed
    # columns and the frame's others are joined by position, not by label.
    late = sample[pd.to_datetime(sample["created_at"]) >= "2026-10-15"]
    assert not late.index.equals(pd.RangeIndex(len(late)))
    cols = ["text", "created_at", "channel"]
    cc = fit(late[cols], random_state=0)
    docs = cc.get_document_info()
    assert docs["created_at"].notna().all()
    assert (docs["channel"].to_numpy() == late["channel"].to_numpy()).all()
    plain = fit(late[cols].reset_index(drop=True), random_state=0)
    info, plain_info = cc.get_cluster_info(), plain.get_cluster_info()
    assert info["weekly"].tolist() == plain_info["weekly"].tolist()
    assert info["growth"].equals(plain_info["growth"])


def test_a_merge_survives_a_refit_and_speaks_for_all_its_parts(sample, sample_result):
    cc = kvetch.ComplaintClusterer(random_state=0).fit(sample)
    info = cc.get_cluster_info()
    small, big = int(info["id"].iloc[-1]), int(info["id"].iloc[0])
    before = cc.labels_.copy()
    members = np.isin(before, [small, big])
    assert cc.merge([small, big]) == small
    merged = cc.get_cluster_info().set_index("id").loc[small]
    big_words = set(info.set_index("id").loc[big, "keywords"])
    assert big_words & set(merged["keywords"])       # not the first part's words only
    assert cc.cluster_centers_.shape == (len(cc.get_cluster_info()), cc._state["dim"])
    assert np.allclose(np.linalg.norm(cc.cluster_centers_, axis=1), 1, atol=1e-5)
    cc.fit(sample)                                     # refit on the same data
    assert (cc.labels_[members] == small).mean() >= 0.9
    assert (cc.transform(sample_result)[members] == small).mean() >= 0.9


def test_refits_with_k_given_keep_k(sample):
    """k given: a refit whose new messages fit no known cluster still has k
    clusters (it grew by one per refit)."""
    cc = kvetch.ComplaintClusterer(n_clusters=10).fit(sample)
    new = pd.DataFrame({"text": [f"the solar panel on the roof of unit {i} caught fire, awful"
                                 for i in range(30)]})
    for _ in range(2):
        cc.fit(pd.concat([sample[["text"]], new], ignore_index=True))
        assert len(cc.get_cluster_info()) == 10


def test_refit_with_k_given_counts_clusters_not_centroids():
    """A merged cluster keeps its parts' centroids. With k = 3 and clusters
    {A, B} (A merged from two centroids), rows far from all of them open a
    third cluster; counting centroids (3) left no slot and forced them into
    A or B."""
    from kvetch import _core, _kmeans
    rng = np.random.default_rng(0)
    axes = np.eye(8, dtype=np.float32)

    def around(axis, n):
        v = axes[axis] + 0.05 * rng.standard_normal((n, 8)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    x = np.concatenate([around(0, 20), around(1, 20), around(2, 20), around(5, 20)])
    w = np.ones(len(x), np.float32)
    prev, reach = axes[[0, 1, 2]], np.full(3, 0.9, np.float32)
    opts = dict(n_clusters=3, min_cluster_size=5, random_state=0)
    km = _core.KMeans(1)
    part, _ = _kmeans.refit_partition(km, x, w, prev, reach, n_known=2, **opts)
    assert len(part.centroids) == 4 and (part.labels[60:] == 3).all()
    part, _ = _kmeans.refit_partition(km, x, w, prev, reach, **opts)  # 3 clusters known
    assert len(part.centroids) == 3


def test_min_cluster_size_holds_after_the_final_steps(sample_result):
    for size in (10, 30):
        info = fit(sample_result, min_cluster_size=size).get_cluster_info()
        assert (info["size"] >= size).all(), info["size"].tolist()


@pytest.mark.parametrize("text,expected", [
    ("Hola,\nel pedido no llega.\n\nQuedo a la espera de su respuesta,\nElena Pérez",
     "Hola,\nel pedido no llega."),
    ("Guten Tag,\nKaputt.\n\nMit freundlichen Grüßen\nAnna Schmidt", "Guten Tag,\nKaputt."),
    ("Списали дважды.\nЗаранее спасибо,\nМария Иванова\n12.10.2026, 20:32, Lumio Support:\n> текст",
     "Списали дважды."),
    ("お世話になっております。\n返金がまだです。\n\nよろしくお願いいたします。\n高橋",
     "お世話になっております。\n返金がまだです。"),
    ("Hi,\nmy order is late.\nOliver", "Hi,\nmy order is late."),
    ("Hello,\nsorry wrong chat", "Hello,\nsorry wrong chat"),
    ("still waiting for the refund\nplease help", "still waiting for the refund\nplease help"),
])
def test_closings_in_many_languages_and_bare_names_are_cut(text, expected):
    from kvetch._cluster_table import strip_signature

    assert strip_signature(text) == expected


def test_no_signature_name_of_the_sample_reaches_the_report(tmp_path, sample):
    """Names after a closing line are the sample's signatures; PII redaction
    does not know names, so the representatives must leave them out."""
    names = set()
    for t in sample["text"].dropna():
        lines = [l.strip() for l in t.strip().split("\n") if l.strip()]
        for a, b in zip(lines, lines[1:]):
            words = b.split()
            if (1 <= len(words) <= 3 and a.endswith((",", "،", "。")) and
                    all(w[0].isupper() and w.replace("-", "").isalpha() for w in words)):
                names.add(b)
    assert len(names) > 500
    assert cli.main(["report", str(SAMPLE), "-o", str(tmp_path / "r.html"),
                     "--no-progress"]) == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert [n for n in names if len(n) > 3 and n in html] == []


def test_growth_compares_a_week_in_progress_with_the_same_days():
    """Steady traffic in an archive that ends on a Monday morning: growth 1,
    not the Monday morning over the whole week before (0.07)."""
    times = pd.date_range("2026-09-07", "2026-09-21 10:00", freq="6h", tz="UTC")
    texts = [f"my refund for order {i} never arrived" for i in range(len(times))]
    cc = kvetch.ComplaintClusterer(only_complaints=False, min_cluster_size=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ComplaintColumnsWarning)
        cc.fit(texts, timestamps=times)
    info = cc.get_cluster_info()
    assert len(info) == 1 and info["growth"][0] == pytest.approx(1.0)


def test_messages_outside_the_languages_list_keep_their_language():
    """Under Analyzer(languages=["en", "de"]) Swedish messages have no lang;
    the clusterer centres and lists them by lang_alt, as Swedish."""
    from kvetch._cluster_input import documents
    swedish = "Hej, mitt paket har inte kommit än, jag har väntat i två veckor."
    res = kvetch.Analyzer(languages=["en", "de"]).analyze(
        [swedish, "my parcel is late, still waiting after two weeks", "ok"])
    docs = documents(res, None, None, n_threads=1, warn=False)
    assert docs["lang"].tolist()[0] == "sv" and docs["lang"].tolist()[1] == "en"
    assert pd.isna(docs["lang"].tolist()[2])


def test_automatic_floor_bounds_outliers_and_is_kept(tmp_path, sample_result):
    """With automatic k and no threshold, the cohesion floor is lowered in
    0.05 steps while over 15% of the weight would be outliers; the floor
    used survives save/load and pickling, and refits keep it instead of
    adapting again."""
    import pickle

    data = sample_result.to_pandas().head(1500)
    cc = fit(data)
    assert 0.15 <= cc.floor_ < 0.40
    assert (cc.labels_ == -1).mean() <= 0.15
    higher = fit(data, merge_threshold=round(cc.floor_ + 0.05, 2))
    assert (higher.labels_ == -1).mean() > 0.15  # the step above was refused
    cc.save(tmp_path / "c.npz")
    loaded = kvetch.ComplaintClusterer.load(tmp_path / "c.npz")
    assert loaded.floor_ == cc.floor_
    assert pickle.loads(pickle.dumps(cc)).floor_ == cc.floor_
    loaded.fit(sample_result.to_pandas().iloc[1500:2000])
    assert loaded.floor_ == cc.floor_
    assert fit(data, n_clusters=20).floor_ is None


def test_floor_after_an_empty_first_fit_and_a_threshold_set_later(sample_result):
    """Diff review: a first fit on no complaints locked the floor at 0.40
    (float32 noise included) and the next fit left 87% outliers; a
    merge_threshold set after an automatic fit was ignored by refits."""
    data = sample_result.to_pandas().head(1500)
    cc = fit(data.head(0))
    assert cc.floor_ is None
    cc.fit(data)
    assert cc.floor_ == fit(data).floor_ < 0.40
    cc.merge_threshold = 0.6
    cc.fit(sample_result.to_pandas().iloc[1500:2500])
    assert cc.floor_ == 0.6
    assert fit(data, merge_threshold=None).floor_ in (0.4, 0.35, 0.3, 0.25, 0.2, 0.15)


def test_a_model_saved_without_a_floor_refits_at_the_tables(tmp_path, sample_result):
    """Files saved before session 22 have no floor: a refit uses the table's
    0.40 and says so (floor_ stayed None: second review)."""
    import json

    data = sample_result.to_pandas()
    cc = fit(data.head(1500))
    path = tmp_path / "c.npz"
    cc.save(path)
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(arrays["meta"].tobytes().decode())
    del meta["floor"]
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    np.savez(path, **arrays)
    old = kvetch.ComplaintClusterer.load(path)
    assert old.floor_ is None
    old.fit(data.iloc[1500:2500])
    assert old.floor_ == 0.4


def test_random_state_none_is_refused_with_the_reason():
    with pytest.raises(kvetch.ConfigError, match="reproducible by design"):
        kvetch.ComplaintClusterer(random_state=None)


def test_growth_of_a_new_cluster_is_inf_and_weeks_without_messages_are_zeros():
    texts, truth = issue_texts(20)
    # refund: weeks 1, 2 and 3; crash: weeks 1 and 3 (none in week 2);
    # late: the latest week only, a new issue.
    when = {"refund": ["2026-09-07T10:00Z", "2026-09-14T10:00Z", "2026-09-21T09:00Z"],
            "crash": ["2026-09-07T10:00Z", "2026-09-21T09:00Z"],
            "late": ["2026-09-21T10:00Z"]}
    times = [when[issue][i % len(when[issue])] for i, issue in enumerate(truth)]
    cc = kvetch.ComplaintClusterer(only_complaints=False, min_cluster_size=5)
    cc.fit(pd.DataFrame({"text": texts, "created_at": times}))
    info, docs = cc.get_cluster_info(), cc.get_document_info()
    issue_of = {c: pd.Series(np.array(truth)[docs["cluster"] == c]).mode()[0]
                for c in info["id"]}
    for _, row in info.iterrows():
        issue = issue_of[row["id"]]
        if issue == "late":
            assert list(row["weekly"]) == ["2026-09-21"] and np.isinf(row["growth"])
        else:
            assert list(row["weekly"]) == ["2026-09-07", "2026-09-14", "2026-09-21"]
        if issue == "crash":
            assert row["weekly"]["2026-09-14"] == 0 and np.isnan(row["growth"])  # quiet week
    assert "late" in issue_of.values()


def test_unreadable_timestamps_warn_with_their_count():
    texts, _ = issue_texts(10)
    times = ["2026-09-07"] * len(texts)
    times[:4] = ["garbage"] * 4
    with pytest.warns(UserWarning, match="4 of 30 timestamps could not be read"):
        kvetch.ComplaintClusterer(only_complaints=False, min_cluster_size=3).fit(
            pd.DataFrame({"text": texts, "created_at": times}))


def test_merge_errors_and_report_row_checks(sample_result, sample):
    cc = fit(sample_result, min_cluster_size=10)
    ids = cc.get_cluster_info()["id"].tolist()
    with pytest.raises(kvetch.ConfigError, match="two or more different cluster ids"):
        cc.merge([ids[0], ids[0]])
    with pytest.raises(kvetch.ConfigError, match="no cluster with id 999999"):
        cc.merge([ids[0], 999999])
    with pytest.raises(kvetch.InputError, match="fitted on 6,000 messages, but 3,000"):
        kvetch.report.report_from_clusterer(cc, sample_result.to_pandas().head(3000))


def test_a_fit_without_clusters_warns():
    with pytest.warns(UserWarning, match="no cluster"):
        kvetch.ComplaintClusterer(only_complaints=False).fit(["one message", "another one"])


def test_report_of_a_result_takes_the_fits_timestamps(sample_result, sample, tmp_path):
    cc = kvetch.ComplaintClusterer(random_state=0).fit(
        sample_result, timestamps=sample["created_at"], channels=sample["channel"])
    html = kvetch.report.report_from_clusterer(cc, sample_result).html
    assert "no readable dates" not in html and "weekly trends are not shown" not in html
    direct = kvetch.report.report_from_clusterer(cc).model["emerging"]
    via_result = kvetch.report.report_from_clusterer(cc, sample_result).model["emerging"]
    assert [r["surge_text"] for r in direct] == [r["surge_text"] for r in via_result]


def test_cli_cluster_merge_threshold_and_counted_nouns(tmp_path, sample, capsys):
    src = tmp_path / "in.csv"
    sample.iloc[:600].to_csv(src, index=False)
    loose, tight = tmp_path / "loose.csv", tmp_path / "tight.csv"
    assert cli.main(["cluster", str(src), "-o", str(loose), "--all-messages",
                     "--merge-threshold", "0.2", "--no-progress"]) == 0
    assert cli.main(["cluster", str(src), "-o", str(tight), "--all-messages",
                     "--merge-threshold", "0.6", "--no-progress"]) == 0
    n_loose = len(pd.read_csv(tmp_path / "loose_clusters.csv"))
    n_tight = len(pd.read_csv(tmp_path / "tight_clusters.csv"))
    assert n_loose != n_tight
    one = tmp_path / "one.csv"
    pd.DataFrame({"text": ["The app crashes at login."]}).to_csv(one, index=False)
    capsys.readouterr()
    assert cli.main(["cluster", str(one), "-o", str(tmp_path / "o.csv"), "--no-progress"]) == 0
    assert "kvetch: 1 message, 1 complaint, 0 clusters (0 messages)" in capsys.readouterr().err


def test_labels_read_the_body_not_quoted_replies_or_signatures():
    texts = []
    for i in range(30):
        issue = ISSUES["refund"][i % 3].format(10 + i)
        texts.append(f"Hello,\n\n{issue}\n\nBest regards,\nEmma\n\n"
                     f"On Mon, 7 Sep 2026 at 10:03, Acme Support wrote:\n"
                     f"> Thank you for contacting Acme Support. We have forwarded your "
                     f"request to the relevant team.")
    cc = kvetch.ComplaintClusterer(only_complaints=False, min_cluster_size=5).fit(texts)
    info = cc.get_cluster_info()
    assert len(info)
    words = " ".join(info["label"]) + " " + " ".join(k for ks in info["keywords"] for k in ks)
    for leaked in ("emma", "forwarded", "contacting", "wrote", "relevant"):
        assert leaked not in words, leaked
    assert "refund" in words
    reps = [r for rs in info["representatives"] for r in rs]
    assert reps and not any("Emma" in r or "wrote" in r for r in reps)


def test_a_cluster_of_varied_wording_still_gets_a_label():
    from kvetch._cluster_stats import class_tfidf
    docs = {0: [("tracking link broken", "en", 1), ("parcel number unknown", "en", 1),
                ("courier site says nothing", "en", 1), ("no scan since monday", "en", 1)],
            1: [("refund please", "en", 1)] * 5}
    out = class_tfidf(docs)
    assert out[0] and out[1][0] == "refund"


def test_cli_cluster_table_in_parquet_has_arrow_types(tmp_path, sample):
    import pyarrow as pa
    import pyarrow.parquet as pq
    src = tmp_path / "in.csv"
    sample.iloc[:400].to_csv(src, index=False)
    assert cli.main(["cluster", str(src), "-o", str(tmp_path / "ids.parquet"),
                     "--all-messages", "--no-progress"]) == 0
    schema = pq.read_schema(tmp_path / "ids_clusters.parquet")
    for col in ("languages", "channels", "emotions", "weekly"):
        assert pa.types.is_map(schema.field(col).type), col
    assert pa.types.is_list(schema.field("keywords").type)
    assert pa.types.is_timestamp(schema.field("first_seen").type)
    csv_table = tmp_path / "ids_clusters.csv"
    assert cli.main(["cluster", str(src), "-o", str(tmp_path / "ids.csv"),
                     "--all-messages", "--no-progress"]) == 0
    assert isinstance(json.loads(pd.read_csv(csv_table)["weekly"][0]), dict)


def test_asking_for_more_clusters_than_can_be_made_warns():
    texts, _ = issue_texts(5)
    with pytest.warns(UserWarning, match="n_clusters=50 but"):
        kvetch.ComplaintClusterer(only_complaints=False, n_clusters=50,
                                  min_cluster_size=1).fit(texts)


def test_a_refit_on_the_new_fortnight_flags_the_burst_against_the_saved_history(sample, tmp_path):
    """The README's week-to-week workflow: fit, save, then refit on the last
    two weeks only. The emerging test used to see only those two weeks (no
    baseline: 0 emerging); it now reads the saved weekly counts."""
    t = pd.to_datetime(sample["created_at"], utc=True)
    cut = t.max() - pd.Timedelta(days=14)
    cols = ["text", "created_at", "channel"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kvetch.ComplaintClusterer(random_state=0).fit(sample[t < cut][cols]).save(tmp_path / "m.kvc")
        cc = kvetch.ComplaintClusterer.load(tmp_path / "m.kvc").fit(sample[t >= cut][cols])
    info, docs = cc.get_cluster_info(), cc.get_document_info()
    emerging = info[info["emerging"]]
    assert len(emerging) >= 3
    truth = sample[t >= cut]["issue_true"].to_numpy()
    in_emerging = np.isin(docs["cluster"].to_numpy(), emerging["id"].to_numpy())
    burst = truth == "checkout_error_500"
    # Session 24 (new issues inside known reach): 214 of the 420 burst
    # messages in emerging clusters (184 before), 79% of their messages
    # (85% before: the burst was half absorbed by known clusters).
    assert burst[in_emerging].mean() >= 0.7
    assert in_emerging[burst].mean() >= 0.48
    weeks = list(info["weekly"].iloc[0])
    assert pd.Timestamp(weeks[0]) < cut.tz_localize(None) - pd.Timedelta(days=30)  # history


@pytest.fixture(scope="module")
def early_model(sample, tmp_path_factory):
    """A model of all but the sample archive's last fortnight, saved."""
    t = pd.to_datetime(sample["created_at"], utc=True)
    cut = t.max() - pd.Timedelta(days=14)
    path = tmp_path_factory.mktemp("early") / "m.kvc"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kvetch.ComplaintClusterer(random_state=0).fit(
            sample[t < cut][["text", "created_at", "channel"]]).save(path)
    return path, sample[t >= cut][["text", "created_at", "channel"]]


def test_history_survives_merges_refits_without_dates_and_save(early_model, tmp_path):
    path, late = early_model
    half = len(late) // 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cc = kvetch.ComplaintClusterer.load(path).fit(late.iloc[:half])
        info = cc.get_cluster_info().set_index("id")
        a, b = info.index[:2]
        expect = {w: info.loc[a, "weekly"].get(w, 0) + info.loc[b, "weekly"].get(w, 0)
                  for w in set(info.loc[a, "weekly"]) | set(info.loc[b, "weekly"])}
        cc.merge([a, b])
        merged = cc.get_cluster_info().set_index("id").loc[a, "weekly"]
        assert {w: n for w, n in merged.items() if n} == {w: n for w, n in expect.items() if n}
        # A refit right after the merge, then one without dates, then with.
        cc.fit(late.iloc[half:])
        weeks_before = len(cc.get_cluster_info()["weekly"].iloc[0])
        cc.fit(late.iloc[half:][["text"]])
        assert max(len(w) for w in cc.get_cluster_info()["weekly"]) >= weeks_before - 1
        cc.fit(late)
        assert len(cc.get_cluster_info()["weekly"].iloc[0]) >= 8
        cc.save(tmp_path / "again.kvc")
        back = kvetch.ComplaintClusterer.load(tmp_path / "again.kvc").get_cluster_info()
    growth = cc.get_cluster_info().set_index("id")["growth"]
    loaded = back.set_index("id")["growth"]
    assert (np.isinf(growth) == np.isinf(loaded.reindex(growth.index))).all()


def test_report_cli_refuses_cluster_options_with_no_clusters(tmp_path, sample, capsys):
    src = tmp_path / "in.csv"
    sample.head(50).to_csv(src, index=False)
    assert cli.main(["report", str(src), "-o", str(tmp_path / "r.html"), "--no-clusters",
                     "--n-clusters", "5", "--no-progress"]) == 2
    assert "would have no effect" in capsys.readouterr().err


def test_parquet_cluster_table_schema_is_the_same_without_clusters(tmp_path):
    import pyarrow.parquet as pq
    src = tmp_path / "in.csv"
    pd.DataFrame({"text": ["hello there", "fine thanks"]}).to_csv(src, index=False)
    assert cli.main(["cluster", str(src), "-o", str(tmp_path / "o.parquet"),
                     "--no-progress"]) == 0
    from kvetch._cli_cluster import _PARQUET_SCHEMA
    assert pq.read_schema(tmp_path / "o_clusters.parquet").remove_metadata().equals(
        _PARQUET_SCHEMA)


def test_report_badges_after_a_refit_read_the_history(early_model):
    path, late = early_model
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cc = kvetch.ComplaintClusterer.load(path).fit(late)
    emerging = kvetch.report.report_from_clusterer(cc).model["emerging"]
    info = cc.get_cluster_info().set_index("id")
    known = [r for r in emerging if sum(list(info.loc[r["id"], "weekly"].values())[:-2])]
    assert known and all(r["surge_text"] != "new" for r in known)


def test_japanese_keywords_are_words_not_clauses():
    from kvetch._cluster_stats import terms_of
    terms = terms_of("ログインしようとするたびにアプリが落ちます。@lumiohelp", "ja")
    assert {"ログイン", "アプリ"} <= set(terms)
    assert all(len(t) <= 8 for t in terms) and not any("@" in t for t in terms)
    assert not {"が", "ます", "しよう", "たび"} & set(terms)  # particles and auxiliaries


def test_history_of_a_shared_first_week_is_added_only_for_disjoint_fits():
    from kvetch._cluster_table import _with_history
    history = {1: {"2026-09-07": 5, "2026-09-14": 3}}
    counts = {1: {"2026-09-14": 2, "2026-09-21": 4}}
    first_week = pd.Timestamp("2026-09-14")
    end = pd.Timestamp("2026-09-16T12:00Z")
    after = _with_history(counts, history, first_week, pd.Timestamp("2026-09-17T08:00Z"), end)
    assert after[1] == {"2026-09-07": 5, "2026-09-14": 5, "2026-09-21": 4}
    overlap = _with_history(counts, history, first_week, pd.Timestamp("2026-09-14T08:00Z"), end)
    assert overlap[1] == {"2026-09-07": 5, "2026-09-14": 2, "2026-09-21": 4}


def test_cli_cluster_without_id_column_writes_row_numbers(tmp_path, sample):
    """Without --id-column the per-message output had only row order to join
    on (left alone at stop 23): it now starts with the input's row number."""
    src = tmp_path / "in.csv"
    sample.iloc[:400].to_csv(src, index=False)
    out = tmp_path / "ids.jsonl"
    assert cli.main(["cluster", str(src), "-o", str(out), "--all-messages",
                     "--keep-columns", "channel", "--no-progress"]) == 0
    ids = pd.read_json(out, lines=True)
    assert ids.columns.tolist() == ["row", "channel", "cluster", "is_complaint"]
    assert ids["row"].tolist() == list(range(400))
    assert ids["channel"].tolist() == sample["channel"].iloc[:400].tolist()


@pytest.fixture(scope="module")
def before_burst(sample, tmp_path_factory):
    """(a model of the sample archive's complaints before the checkout
    burst's first message, saved; the rows from that message on; its
    labels of the rows before it)."""
    t = pd.to_datetime(sample["created_at"], utc=True)
    first = t[sample["issue_true"] == "checkout_error_500"].min()
    cols = ["text", "created_at", "channel"]
    path = tmp_path_factory.mktemp("before_burst") / "m.kvc"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cc = kvetch.ComplaintClusterer(random_state=0).fit(sample[t < first][cols])
    cc.save(path)
    return path, sample[t >= first], pd.Series(cc.labels_, index=sample.index[t < first])


def test_a_refit_gives_a_new_issue_next_to_known_ones_its_own_ids(before_burst):
    """Fit before the sample archive's checkout burst, refit after it: a
    known cluster's reach (its least similar member) took 220 of the 344
    burst complaints into old ids (92 in new ids); the fresh fit's check
    now sends 147 to new ids (158 stay in old ones) while known issues keep
    theirs."""
    path, later, _ = before_burst
    cc = kvetch.ComplaintClusterer.load(path)
    known = set(cc.get_cluster_info()["id"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cc.fit(later[["text", "created_at", "channel"]])
    docs = cc.get_document_info()
    lab = docs["cluster"].to_numpy()
    complaint = docs["is_complaint"].to_numpy()
    burst = (later["issue_true"] == "checkout_error_500").to_numpy() & complaint
    new_ids = (lab >= 0) & ~np.isin(lab, list(known))
    assert new_ids[burst].mean() >= 0.4
    others = ~burst & complaint & (lab >= 0)
    assert np.isin(lab[others], list(known)).mean() >= 0.9


def test_transform_leaves_a_new_issue_next_to_known_ones_out(before_burst, sample):
    """transform() never creates clusters; a new issue's messages within a
    known cluster's reach went to it (220 of the 420 burst messages with a
    model fit before the burst). They now get -1 (139 left in known ids)
    when they form a group of their own, far from that cluster."""
    path, later, _ = before_burst
    cc = kvetch.ComplaintClusterer.load(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        labels = cc.transform(later[["text", "created_at", "channel"]])
        own = cc.transform(sample.drop(later.index)[["text", "created_at", "channel"]])
        fitted = kvetch.ComplaintClusterer(random_state=0).fit_predict(
            sample.drop(later.index)[["text", "created_at", "channel"]])
    burst = (later["issue_true"] == "checkout_error_500").to_numpy()
    assert (labels[burst] >= 0).mean() <= 0.4
    assert (labels[~burst] >= 0).mean() >= 0.5
    assert (own[fitted >= 0] == fitted[fitted >= 0]).mean() >= 0.95


def test_a_refit_on_a_slice_of_the_fitted_messages_keeps_their_ids(before_burst, sample):
    """Review finding: the new-issue test measured a known cluster's
    expected size on the refit's own rows, so a refit on one channel's
    messages, or on 20 copies of one member, found known facets 'new' and
    moved 6.5% of them (some to -1). It now measures it on the larger of the
    refit and the fit before, and a released message that no new cluster
    takes goes back to its known cluster."""
    path, _, fitted = before_burst
    clustered = fitted[fitted >= 0]
    app = clustered[sample.loc[clustered.index, "channel"] == "app_review"]
    for part in (app, clustered.iloc[[0] * 20]):
        again = kvetch.ComplaintClusterer.load(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            labels = again.fit_predict(sample.loc[part.index, ["text", "created_at", "channel"]])
        assert (labels == part.to_numpy()).mean() >= 0.99


def test_cli_cluster_row_number_does_not_take_a_kept_row_column(tmp_path, sample):
    """A kept column named 'row' was silently dropped in favour of the row
    number (review finding): the row number is then 'input_row'."""
    src = tmp_path / "in.csv"
    frame = sample.iloc[:200].assign(row=[f"r{i}" for i in range(200)])
    frame.to_csv(src, index=False)
    out = tmp_path / "ids.csv"
    assert cli.main(["cluster", str(src), "-o", str(out), "--all-messages",
                     "--keep-columns", "row", "--no-progress"]) == 0
    ids = pd.read_csv(out)
    assert ids.columns.tolist() == ["input_row", "row", "cluster", "is_complaint"]
    assert ids["row"].tolist() == frame["row"].tolist()
    assert ids["input_row"].tolist() == list(range(200))
