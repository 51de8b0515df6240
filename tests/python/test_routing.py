"""Translation routing: queues by language, pivot, default queue, errors."""

import pickle

import pytest

import kvetch
from kvetch import cli

ROUTING = """default_queue = "global"
pivot = "en"

[queues.global]
languages = ["en"]
[queues.france]
languages = ["fr"]
[queues.iberia]
languages = ["es", "pt", "ca"]
"""


@pytest.fixture
def routing(tmp_path):
    path = tmp_path / "routing.toml"
    path.write_text(ROUTING)
    return path


def test_routes_by_language_with_pivot_and_default(routing):
    a = kvetch.Analyzer(routing=routing)
    df = a.analyze(["Where is my refund?", "Où est ma commande ?", "¿Dónde está mi pedido?",
                    "Wo ist mein Paket?", "ok", None]).to_pandas()
    assert df.route.astype(str).tolist() == ["global", "france", "iberia", "global", "global", "global"]
    assert df.needs_translation.tolist() == [False, False, False, True, False, False]
    assert df.translate_to.astype(object).where(df.translate_to.notna(), None).tolist() == [
        None, None, None, "en", None, None]


def test_routing_summary(routing):
    r = kvetch.Analyzer(routing=routing).analyze(["Where is my refund?", "Wo ist mein Paket?"] * 3)
    s = r.routing_summary()
    row = s[(s.route == "global") & (s.lang == "de")].iloc[0]
    assert (row.messages, row.needs_translation) == (3, 3)
    with pytest.raises(kvetch.ConfigError):
        kvetch.Analyzer().analyze(["x"]).routing_summary()


def test_routing_summary_names_languages_outside_the_list(routing):
    """A message outside ``languages`` (lang null, lang_alt set) was counted
    as "(none)", hiding from a translation team which languages it gets
    (review finding 9)."""
    a = kvetch.Analyzer(routing=routing, languages=["en", "fr", "es", "pt", "ca"])
    texts = ["Wo ist mein Paket? Ich warte seit zwei Wochen auf die Lieferung.",
             "Where is my refund?", "12345"]
    s = a.analyze(texts).routing_summary()
    assert "de (outside the list)" in s.lang.tolist()
    assert "(none)" in s.lang.tolist()  # no language found at all


def test_router_pickles_with_the_analyzer(routing):
    a = kvetch.Analyzer(routing=routing)
    b = pickle.loads(pickle.dumps(a))
    assert b.router == a.router


@pytest.mark.parametrize("text,needle", [
    (ROUTING.replace('default_queue = "global"', 'default_queue = "nowhere"'), ":1: default_queue 'nowhere'"),
    (ROUTING.replace('pivot = "en"', 'pivot = "xx"'), ":2: pivot 'xx'"),
    (ROUTING.replace('languages = ["fr"]', 'languages = "fr"'), ":6: queues.france.languages"),
    (ROUTING + "\ncolour = 1\n", ":11: unknown key 'colour'"),
    ("[queues\n", "invalid TOML"),
    (ROUTING.replace('["fr"]', '["FR"]'), ":6: queues.france.languages: 'FR' is not a language code"),
    (ROUTING.replace('"pt", "ca"', '"pt-BR"'), "'pt-BR' is not a language code as detected "
                                              "(lower-case ISO 639, no region: 'pt')"),
    (ROUTING.replace('["fr"]', '["fr", "en"]'), ":6: queues.france.languages: 'en' is also in "
                                                "queues.global"),
    (ROUTING.replace('["fr"]', '["fr", "fr"]'), "'fr' is twice in this queue"),
    (ROUTING.replace('["fr"]', '[]'), ":6: queues.france.languages is empty"),
    ('default_queue = "g"\nqueues = "g"\n', ":2: queues must be tables"),
    (ROUTING.replace('default_queue = "global"', 'default_queue = ["global"]'),
     ":1: default_queue must be a string"),
    ("queues = " + "[" * 5000 + "]" * 5000 + "\n", "invalid TOML: arrays or tables nested"),
])
def test_errors_name_file_key_and_line(tmp_path, text, needle):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(kvetch.ConfigError) as e:
        kvetch.Analyzer(routing=path)
    assert "bad.toml" in str(e.value) and needle in str(e.value)


def test_routing_file_with_a_byte_order_mark_or_unreadable(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + ROUTING.encode())
    assert kvetch.Analyzer(routing=path).router.pivot == "en"
    with pytest.raises(kvetch.ConfigError, match="cannot read the routing file"):
        kvetch.Analyzer(routing=tmp_path)


def test_routing_needs_langid(routing):
    with pytest.raises(kvetch.ConfigError, match="language identification"):
        kvetch.Analyzer(routing=routing, langid=False)


def test_languages_that_leave_out_a_queue_warn(routing):
    """Under languages=en,fr,es a short Portuguese message is read as
    Spanish or French, and a longer one goes to translation; the queue that
    speaks pt and ca then only gets es: say so."""
    with pytest.warns(UserWarning, match="ca, pt"):
        kvetch.Analyzer(routing=routing, languages=["en", "fr", "es"])
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kvetch.Analyzer(routing=routing, languages=["en", "fr", "es", "pt", "ca"])
        kvetch.Analyzer(routing=routing)


def test_cli_routing(tmp_path, routing, capsys):
    inp = tmp_path / "in.csv"
    inp.write_text('text\n"Où est ma commande ?"\n"Wo ist mein Paket?"\n')
    out = tmp_path / "out.csv"
    assert cli.main(["analyze", str(inp), "-o", str(out), "--routing", str(routing)]) == 0
    import pandas as pd
    df = pd.read_csv(out)
    assert df.route.tolist() == ["france", "global"]
    assert df.needs_translation.tolist() == [False, True]
    assert "routes: " in capsys.readouterr().err


def test_text_in_a_script_no_listed_language_uses_goes_to_translation(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('default_queue = "global"\npivot = "en"\n'
                    '[queues.global]\nlanguages = ["en"]\n[queues.france]\nlanguages = ["fr"]\n')
    out = kvetch.Analyzer(routing=path, languages=["en", "fr"]).analyze(
        ["Заказ не пришёл уже две недели", "where is my refund", "ok", "merci beaucoup"]).to_pandas()
    assert out["lang"].isna().tolist() == [True, False, True, False]
    assert out["route"].astype(str).tolist() == ["global", "global", "global", "france"]
    assert out["needs_translation"].tolist() == [True, False, False, False]
    assert out["translate_to"].astype(object).tolist()[0] == "en"


def test_text_in_a_language_outside_the_list_goes_to_translation(tmp_path):
    """Swedish under languages=en,fr used to be read as English or French
    and routed to that queue without translation."""
    path = tmp_path / "r.toml"
    path.write_text('default_queue = "global"\npivot = "en"\n'
                    '[queues.global]\nlanguages = ["en"]\n[queues.france]\nlanguages = ["fr"]\n')
    texts = ["Hej, mitt paket har inte kommit än, jag har väntat i två veckor.",
             "Bonjour, mon colis n'est toujours pas arrivé, j'attends depuis deux semaines.",
             "hej då"]
    out = kvetch.Analyzer(routing=path, languages=["en", "fr"]).analyze(texts).to_arrow(
        dictionaries=False).to_pydict()
    assert out["lang"][:2] == [None, "fr"] and out["lang_alt"][0] == "sv"
    assert out["route"][:2] == ["global", "france"]
    assert out["needs_translation"][:2] == [True, False]
    assert out["translate_to"][:2] == ["en", None]
    assert out["lang"][2] is not None  # too short to tell: the closest listed language


def test_text_outside_the_list_reaches_a_queue_that_speaks_it(tmp_path):
    """Under languages=en,fr a long German message has no lang but lang_alt
    de: the German queue gets it, without translation."""
    path = tmp_path / "r.toml"
    path.write_text('default_queue = "global"\npivot = "en"\n[queues.global]\nlanguages = ["en"]\n'
                    '[queues.france]\nlanguages = ["fr"]\n[queues.dach]\nlanguages = ["de"]\n')
    with pytest.warns(UserWarning, match="speak de, which languages="):
        analyzer = kvetch.Analyzer(routing=path, languages=["en", "fr"])
    out = analyzer.analyze(["Mein Paket ist immer noch nicht angekommen, ich warte seit zwei Wochen.",
                            "違う商品が届きました。青のセーター"]).to_arrow(dictionaries=False).to_pydict()
    assert out["lang"] == [None, None] and out["lang_alt"] == ["de", "ja"]
    assert out["route"] == ["dach", "global"]
    assert out["needs_translation"] == [False, True]


def test_queue_language_the_model_never_detects_warns(tmp_path):
    """'xh' is a valid code but not one the bundled model knows: no message
    would ever reach that queue."""
    path = tmp_path / "r.toml"
    path.write_text(ROUTING.replace('["fr"]', '["fr", "xh"]'))
    with pytest.warns(UserWarning, match="speak xh, which the language model does not detect"):
        kvetch.Analyzer(routing=path)


def test_router_built_directly_defaults_and_errors():
    r = kvetch.Router(queues={"global": ["en"], "france": ["fr"]})
    assert r.default_queue == "global"  # the pivot's queue
    with pytest.raises(kvetch.ConfigError, match=r"must be a list of language codes.*'en'") as e:
        kvetch.Router(queues={"g": "en"}, default_queue="g")
    assert type(e.value) is kvetch.ConfigError  # not a private subclass
    with pytest.raises(kvetch.ConfigError, match="default_queue 'x' is not one of"):
        kvetch.Router(queues={"g": ["en"]}, default_queue="x")


def test_routing_file_without_default_queue_uses_the_pivots(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('pivot = "fr"\n[queues.global]\nlanguages = ["en"]\n'
                    '[queues.france]\nlanguages = ["fr"]\n')
    assert kvetch.Router.from_toml(path).default_queue == "france"


def test_router_errors_blame_the_right_key():
    with pytest.raises(kvetch.ConfigError, match="pivot 'en' is spoken by no queue"):
        kvetch.Router(queues={"fr": ["fr"], "de": ["de"]})
    with pytest.raises(kvetch.ConfigError, match="1 is not a language code"):
        kvetch.Router(queues={"fr": [1]}, pivot="fr", default_queue="fr")
