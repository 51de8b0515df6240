"""PII redaction through the Analyzer: golden table, custom patterns and
their errors."""

import pytest

import kvetch

import golden

PII = golden.read("pii.tsv")


@pytest.fixture(scope="module")
def analyzer():
    return kvetch.Analyzer(n_threads=2)


def test_golden_table(analyzer):
    texts = [raw for raw, _ in PII]
    got = analyzer.analyze(texts).to_pandas()["text_redacted"].tolist()
    for (raw, expected), redacted in zip(PII, got):
        assert redacted == expected.decode("utf-8"), raw


def test_counts_per_type(analyzer):
    df = analyzer.analyze(["a@b.example c@d.example +33 6 12 34 56 78, card 4111 1111 1111 1111"]).to_pandas()
    row = df.iloc[0]
    assert (row.pii_email, row.pii_phone, row.pii_card, row.pii_count) == (2, 1, 1, 4)


def test_custom_patterns():
    a = kvetch.Analyzer(pii_patterns={"order_id": r"ORD-\d{6}"})
    df = a.analyze(["see ORD-123456 please"]).to_pandas()
    assert df.text_redacted[0] == "see <CUSTOM:order_id> please"
    assert df.pii_custom[0] == 1


def test_invalid_pattern_names_pattern_and_reason():
    with pytest.raises(kvetch.PatternError) as e:
        kvetch.Analyzer(pii_patterns={"broken": "ORD-(\\d+"})
    assert "'broken'" in str(e.value) and "missing )" in str(e.value)
    assert isinstance(e.value, ValueError)


def test_pii_types_can_be_chosen():
    a = kvetch.Analyzer(pii=["email"])
    df = a.analyze(["a@b.example https://x.example/y"]).to_pandas()
    assert df.text_redacted[0] == "<EMAIL> https://x.example/y"
    with pytest.raises(kvetch.ConfigError):
        kvetch.Analyzer(pii=["passport"])


def test_config_file(tmp_path):
    cfg = tmp_path / "kvetch.toml"
    cfg.write_text('[pii]\ntypes = ["email"]\n[pii.custom]\nemp = \'EMP\\d{5}\'\n')
    a = kvetch.Analyzer(config=cfg)
    df = a.analyze(["EMP12345 mailed a@b.example from 192.168.1.1"]).to_pandas()
    assert df.text_redacted[0] == "<CUSTOM:emp> mailed <EMAIL> from 192.168.1.1"


@pytest.mark.parametrize("content,needle", [
    ("[pii\n", "invalid TOML"),
    ("[colour]\n", "unknown table [colour]"),
    ("n_threads = 4\n", "unknown key 'n_threads' (a config file has the tables [pii] and "
                         "[signals] only"),
    ("[pii]\nkinds = 1\n", "pii.kinds"),
    ("[pii.custom]\nx = 3\n", "pii.custom.x"),
    ("[pii.custom]\nx = '('\n", "'x'"),
    ("[pii]\ntypes = ['emial']\n", "unknown 'emial'"),
    ("[pii]\ntypes = ['custom']\n", "unknown 'custom'"),
    ("[pii.custom]\n'order id' = 'ORD-[0-9]+'\n", "'order id'"),
    ("[pii.custom]\nmaybe = 'x*'\n", "'maybe' (x*): matches the empty string"),
    ("[pii]\ntypes = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ("[signals]\nlanguages = ['xx']\n", "no rules for 'xx'"),
    ("[signals]\nlanguages = ['en', 'xx']\n", "no rules for 'xx'; it has: "),  # finding 12
    ("[[signals.rules]]\nsignal = 'churn'\nlang = 'english'\npattern = 'x'\n",
     "signals.rules[0]: lang must be an ISO 639-1 code"),
])
def test_config_errors_name_file_and_key(tmp_path, content, needle):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(content)
    with pytest.raises(kvetch.ConfigError) as e:
        kvetch.Analyzer(config=cfg)
    assert needle in str(e.value)
    assert "bad.toml" in str(e.value)


def test_unreadable_config_files_are_named(tmp_path):
    cfg = tmp_path / "latin1.toml"
    cfg.write_bytes(b"[pii]\n# caf\xe9\ntypes = ['email']\n")
    with pytest.raises(kvetch.ConfigError, match="latin1.toml: invalid TOML"):
        kvetch.Analyzer(config=cfg)
    with pytest.raises(kvetch.ConfigError, match="cannot read"):
        kvetch.Analyzer(config=tmp_path)


def test_config_with_a_byte_order_mark(tmp_path):
    """Windows editors write one; tomllib calls it an invalid statement."""
    cfg = tmp_path / "bom.toml"
    cfg.write_bytes(b"\xef\xbb\xbf[pii]\ntypes = ['email']\n")
    out = kvetch.Analyzer(config=cfg).analyze(["a@b.example 192.168.1.1"]).to_pandas()
    assert out.text_redacted[0] == "<EMAIL> 192.168.1.1"


def test_missing_config_file(tmp_path):
    with pytest.raises(kvetch.ConfigError, match="not found"):
        kvetch.Analyzer(config=tmp_path / "nope.toml")


def test_counts_do_not_stop_at_65535():
    """Per-type counts were 16-bit and stopped at 65,535 while redaction went
    on (review finding 10): a message with 70,000 e-mails counts 70,000."""
    text = " ".join(["a@b.co"] * 70_000)
    df = kvetch.Analyzer(max_bytes=10**6, emotion=False, signals=False).analyze([text]).to_pandas()
    assert df.pii_email[0] == 70_000 and df.pii_count[0] == 70_000
    assert df.text_redacted[0].count("<EMAIL>") == 70_000
