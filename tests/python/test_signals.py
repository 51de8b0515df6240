"""Customer-service signals through the Analyzer: golden table, columns,
config rules and their errors, hostile input, thread counts, CLI."""

import pickle
import re
import time
from pathlib import Path

import pandas as pd
import pytest

import kvetch
from kvetch import cli
from kvetch.schema import COLUMN_NAMES, SIGNALS

import golden

ROWS = golden.read("signals.tsv")
COLUMNS = [f"signal_{s}" for s in SIGNALS]
SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "sample_tickets.csv"


@pytest.fixture(scope="module")
def analyzer():
    return kvetch.Analyzer(n_threads=2)


def fired(df: pd.DataFrame, i: int) -> str:
    names = [s for s in SIGNALS if df[f"signal_{s}"].iloc[i]]
    return ",".join(names) or "-"


def test_signals_and_columns():
    assert SIGNALS == ["effort", "churn", "urgency", "escalation"]
    assert COLUMN_NAMES[-4:] == COLUMNS


def test_golden_table(analyzer):
    assert len(ROWS) >= 90
    df = analyzer.analyze([r[0] for r in ROWS]).to_pandas()
    for i, (text, lang, expected) in enumerate(ROWS):
        assert fired(df, i) == expected.decode(), (text.decode(), lang.decode())


def test_golden_table_covers_every_signal_and_language():
    seen = {(r[1].decode(), s) for r in ROWS for s in r[2].decode().split(",")}
    for lang in ["en", "fr", "de", "es", "it", "pt", "nl"]:
        for s in SIGNALS:
            assert (lang, s) in seen, (lang, s)
        assert (lang, "-") in seen, lang  # negated or look-alike rows


def test_columns_are_boolean_and_false_for_null_and_empty(analyzer):
    df = analyzer.analyze(["I want to cancel my subscription", None, "", "   "]).to_pandas()
    for c in COLUMNS:
        assert df[c].dtype == bool
    assert df.signal_churn.tolist() == [True, False, False, False]


def test_signals_can_be_turned_off():
    # No rule at all: the columns are null (not computed), as the emotion
    # columns are without emotion; with only a user's rules, they are bools.
    r = kvetch.Analyzer(signals=False).analyze(["URGENT: cancel my subscription", "hi"])
    assert r.to_pandas()[COLUMNS].isna().all().all()
    assert r.summary()["signals"] == {s: None for s in ("effort", "churn", "urgency", "escalation")}
    own = kvetch.Analyzer(signals=False, signal_rules=[
        {"signal": "urgency", "lang": "en", "pattern": r"\burgent\b"}])
    df = own.analyze(["URGENT: cancel my subscription", "hi"]).to_pandas()
    assert df.signal_urgency.tolist() == [True, False]
    assert df.signal_churn.tolist() == [False, False]


@pytest.mark.parametrize("text", [
    "Thanks, that solved it!\n\n> On Mon, 3 Jun 2024, Support wrote:\n"
    "> Do you want to cancel your subscription?",
    "Merci, c'est réglé.\n\nLe lun. 3 juin 2024, Support a écrit :\n"
    "> Voulez-vous résilier votre abonnement ?",
    "Thanks, that solved it!\n\n-----Original Message-----\nFrom: Support\n"
    "Do you want to cancel your subscription? This is urgent.",
    "Thanks for the update.\n\nBest regards,\nJohn Smith\nHead of Urgent Care Unit",
    "Got it, thanks.\n\nThis e-mail is confidential. If you received this message in "
    "error, please notify the sender urgently and delete it.",
])
def test_quoted_replies_signatures_and_disclaimers_raise_no_signal(analyzer, text):
    """Signals are about the writer's own words: the review found churn and
    urgency raised by a quoted agent question, a job title and a disclaimer."""
    row = analyzer.analyze([text]).to_pandas().iloc[0]
    assert not row[[f"signal_{n}" for n in kvetch.SIGNALS]].any(), row


def test_the_writers_own_words_still_count_above_a_quote(analyzer):
    text = "I want to cancel my subscription.\n\n> On Mon, Support wrote:\n> How can we help?"
    assert analyzer.analyze([text]).to_pandas()["signal_churn"][0]


def test_rules_match_after_pii_redaction(analyzer):
    df = analyzer.analyze(["third time: write me at a.b@example.com, I want a manager to call +33 6 12 34 56 78"]).to_pandas()
    assert df.text_redacted[0].count("<") == 2
    assert fired(df, 0) == "effort,escalation"


def write_config(tmp_path, body: str) -> Path:
    cfg = tmp_path / "kvetch.toml"
    cfg.write_text(body, encoding="utf-8")
    return cfg


def test_config_rules(tmp_path):
    cfg = write_config(tmp_path, """
[signals]
languages = ["en"]

[[signals.rules]]
signal = "churn"
lang = "en"
pattern = '\\bPort(ing)? my number\\b'

[[signals.rules]]
signal = "urgency"
pattern = 'before the (wedding|funeral)'
""")
    a = kvetch.Analyzer(config=cfg)
    df = a.analyze(["I am porting my number elsewhere",
                    "I'm not porting my number",
                    "I need the dress before the wedding",
                    "je veux résilier"]).to_pandas()
    assert df.signal_churn.tolist() == [True, False, False, False]  # fr pack not loaded
    assert df.signal_urgency.tolist() == [False, False, True, False]


def test_config_exception_rule(tmp_path):
    cfg = write_config(tmp_path, """
[[signals.rules]]
signal = "!escalation"
pattern = 'manager\\s+app'
""")
    df = kvetch.Analyzer(config=cfg).analyze(["please call a manager", "call a manager app"]).to_pandas()
    assert df.signal_escalation.tolist() == [True, False]


def test_config_builtin_false_keeps_only_user_rules(tmp_path):
    cfg = write_config(tmp_path, """
[signals]
builtin = false
[[signals.rules]]
signal = "escalation"
pattern = 'ombudsman'
""")
    df = kvetch.Analyzer(config=cfg).analyze(["urgent: ombudsman!"]).to_pandas()
    assert fired(df, 0) == "escalation"


def test_user_rules_without_packs_stay_negation_aware():
    """builtin off: the packs' rules are gone but their negation cues stay,
    so a user's rule does not fire on "I don't want to ..."; also after
    pickling (the recipe says cues only, not the whole bundled file)."""
    a = kvetch.Analyzer(signals=False, signal_rules=[
        {"signal": "churn", "lang": "en", "pattern": r"\bleave\s+you\b"}])
    texts = ["I will leave you for another bank", "I don't want to leave you",
             "I want to cancel my subscription"]
    for analyzer in (a, pickle.loads(pickle.dumps(a))):
        df = analyzer.analyze(texts).to_pandas()
        assert df.signal_churn.tolist() == [True, False, False]
    hits = kvetch.explain_signals(texts[1], signals=False, signal_rules=[
        {"signal": "churn", "lang": "en", "pattern": r"\bleave\s+you\b"}])
    assert [(h["signal"], h["negated"]) for h in hits] == [("churn", True)]


def test_bad_rule_in_config_names_file_rule_and_reason(tmp_path):
    cfg = write_config(tmp_path, """
[[signals.rules]]
signal = "churn"
pattern = 'leave'
[[signals.rules]]
signal = "churn"
pattern = 'leav(e|ing'
""")
    with pytest.raises(kvetch.PatternError) as e:
        kvetch.Analyzer(config=cfg)
    msg = str(e.value)
    assert "kvetch.toml" in msg and "signals.rules[1]" in msg
    assert "leav(e|ing" in msg and "missing )" in msg
    assert "(?i)" not in msg  # the pattern as the user wrote it


@pytest.mark.parametrize("body,needle", [
    ("[[signals.rules]]\nsignal = 'anger'\npattern = 'grr'\n", "signals.rules[0]: signal must be one of"),
    ("[[signals.rules]]\nsignal = 'churn'\n", "signals.rules[0]: pattern must be"),
    ("[[signals.rules]]\nsignal = 'churn'\npattern = 'x'\nweight = 2\n", "unknown key 'weight'"),
    ("[signals]\nrules = 'x'\n", "signals.rules must be an array"),
    ("[signals]\nbuiltin = 'yes'\n", "signals.builtin"),
    ("[signals]\ncolour = 1\n", "signals.colour"),
    ("[[signals.rules]]\nsignal = 'churn'\npattern = 'vertrag schließen'\n",
     "signals.rules[0].pattern: 'ß' never occurs in the text rules read (NFKC, case-folded); "
     "write 'ss'"),
    ("[[signals.rules]]\nsignal = 'churn'\npattern = 'ｷｬﾝｾﾙ'\n", "write 'キ'"),
    ("[[signals.rules]]\nsignal = 'churn'\npattern = 'annule\u0301'\n", "composed (NFKC) form"),
])
def test_config_errors_name_file_and_key(tmp_path, body, needle):
    cfg = write_config(tmp_path, body)
    with pytest.raises(kvetch.ConfigError) as e:
        kvetch.Analyzer(config=cfg)
    assert needle in str(e.value) and "kvetch.toml" in str(e.value)


def test_user_rules_match_folded_text_whatever_its_case():
    """Rules read NFKC + case-folded text: "SCHLIEßEN" is "schliessen" there,
    and user rules are case-insensitive."""
    a = kvetch.Analyzer(signal_rules=[{"signal": "churn", "lang": "de",
                                       "pattern": r"Vertrag\s+schliessen"}])
    df = a.analyze(["Ich will meinen Vertrag SCHLIEßEN.", "Ich will meinen Vertrag behalten."]
                   ).to_pandas()
    assert df.signal_churn.tolist() == [True, False]


def test_rule_matching_empty_string_is_rejected():
    with pytest.raises(kvetch.PatternError, match="empty string"):
        kvetch.Analyzer(signal_rules=[{"signal": "urgency", "pattern": "(now)?"}])


def test_missing_rules_file(tmp_path):
    with pytest.raises(kvetch.KvetchIOError, match="nope.tsv"):
        kvetch.Analyzer(signals=tmp_path / "nope.tsv")


def test_own_rules_file_errors_name_line(tmp_path):
    rules = tmp_path / "rules.tsv"
    rules.write_text("signal\tlang\tpattern\tcomment\nchurn\ten\tquit\tok\nchurn\ten\t[z-a]\tbad\n")
    with pytest.raises(kvetch.PatternError) as e:
        kvetch.Analyzer(signals=rules)
    assert "rules.tsv:3" in str(e.value) and "invalid character class range" in str(e.value)
    # Ill-formed UTF-8 in the file: the error still names it (its bytes as
    # U+FFFD), not a UnicodeDecodeError from the message.
    rules.write_bytes(b"signal\tlang\tpattern\tcomment\nchurn\ten\tcanc\xffel\tx\n")
    with pytest.raises(kvetch.PatternError, match="rules.tsv:2: .*canc\ufffdel.*invalid UTF-8"):
        kvetch.Analyzer(signals=rules)


def test_pickle_keeps_signal_rules():
    a = kvetch.Analyzer(signal_rules=[{"signal": "churn", "pattern": "adios amigos"}],
                        signal_languages=["en"])
    b = pickle.loads(pickle.dumps(a))
    assert b.options["signal_rules"] == a.options["signal_rules"]
    assert b.analyze(["adios amigos"]).to_pandas().signal_churn[0]


def test_explain_signals_shows_negated_hits():
    hits = kvetch.explain_signals("I don't want to cancel my subscription. Urgent!")
    churn = [h for h in hits if h["signal"] == "churn"]
    assert churn and all(h["negated"] for h in churn)
    assert churn[0]["match"] == "cancel my subscription"
    assert any(h["signal"] == "urgency" and not h["negated"] for h in hits)
    assert all(".tsv:" in h["rule"] for h in hits)


def test_hostile_repetition_is_fast_and_right():
    a = kvetch.Analyzer(n_threads=1, max_bytes=2 << 20, langid=False)
    texts = ["still not " * 100_000, "not urgent " * 100_000]  # ~1 MB each
    start = time.perf_counter()
    df = a.analyze(texts).to_pandas()
    assert time.perf_counter() - start < 10
    assert df.status.tolist() == ["ok", "ok"]
    assert fired(df, 0) == "effort"
    assert fired(df, 1) == "-"  # every "urgent" is negated


def test_ten_megabyte_message():
    text = "bla " * (10 * 1024 * 1024 // 4) + "i want to speak to a manager"
    uncapped = kvetch.Analyzer(n_threads=1, max_bytes=16 << 20, langid=False)
    start = time.perf_counter()
    df = uncapped.analyze([text]).to_pandas()
    assert time.perf_counter() - start < 20
    assert fired(df, 0) == "escalation"
    capped = kvetch.Analyzer(n_threads=1, langid=False).analyze([text]).to_pandas()
    assert capped.status[0] == "truncated" and fired(capped, 0) == "-"


def test_same_results_for_one_and_two_threads():
    texts = pd.read_csv(SAMPLE)["text"]
    one = kvetch.Analyzer(n_threads=1).analyze(texts).to_pandas()[COLUMNS]
    two = kvetch.Analyzer(n_threads=2).analyze(texts).to_pandas()[COLUMNS]
    pd.testing.assert_frame_equal(one, two)
    assert one.to_numpy().any(axis=0).all()  # every signal fires somewhere


def test_cli_writes_signal_columns(tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": ["1", "2"], "text": ["Quiero darme de baja", "gracias"]}).to_csv(src, index=False)
    out = tmp_path / "out.parquet"
    assert cli.main(["analyze", str(src), "-o", str(out), "--id-column", "id",
                     "--no-progress"]) == 0
    df = pd.read_parquet(out)
    assert df.signal_churn.tolist() == [True, False]
    assert df.signal_churn.dtype == bool


def test_readme_config_example_loads(tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    body = next(b for b in blocks if "[[signals.rules]]" in b)
    cfg = write_config(tmp_path, body)
    df = kvetch.Analyzer(config=cfg).analyze(["I'm Porting my number", "je veux résilier",
                                               "ich will kündigen"]).to_pandas()
    assert df.signal_churn.tolist() == [True, True, False]  # languages = ["en", "fr"]


def test_language_lists_take_capitals_like_the_cli():
    """Analyzer(signal_languages=["EN"]) named "no rules for 'EN'" while the
    CLI's --languages took "EN" (diff review)."""
    a = kvetch.Analyzer(signal_languages=["EN"], languages=[" FR", "En"], emotion=False)
    assert a.options["signal_languages"] == ["en"] and a.options["languages"] == ["fr", "en"]
    assert a.analyze(["I want to cancel my subscription"]).to_pandas().signal_churn[0]


@pytest.mark.parametrize("value", [",", "", " , ", ["en", " "]])
def test_language_lists_naming_no_code_are_refused_like_the_cli(value):
    """languages="," meant no restriction in Python while the CLI refused
    "--languages ," (left alone at stop 23, fixed since)."""
    with pytest.raises(kvetch.ConfigError, match="language code"):
        kvetch.Analyzer(languages=value, emotion=False, signals=False)
    with pytest.raises(kvetch.ConfigError, match="language code"):
        kvetch.LanguageDetector(languages=value)


def test_empty_language_lists_are_no_restriction():
    a = kvetch.Analyzer(languages=[], emotion=False, signals=False)
    assert a.options["languages"] == []
