"""Language identification: the Lingua-shaped API and the Analyzer columns."""

import pickle

import pandas as pd
import pytest

import kvetch

import model_files


@pytest.fixture(scope="module")
def det():
    return kvetch.LanguageDetector()


@pytest.mark.parametrize("text,lang", [
    ("Where is my refund? I ordered two weeks ago.", "en"),
    ("Bonjour, ma commande n'est toujours pas arrivée.", "fr"),
    ("Die App stürzt beim Login ab.", "de"),
    ("Mi hanno addebitato due volte l'ordine.", "it"),
    ("Ainda não recebi o reembolso.", "pt"),
    ("Mijn pakket is nog steeds niet bezorgd.", "nl"),
    ("Заказ не пришёл уже две недели.", "ru"),
    ("注文した商品が届きません。", "ja"),
    ("لم يصل طلبي بعد", "ar"),
    ("주문한 상품이 아직 도착하지 않았어요", "ko"),
])
def test_detects_customer_sentences(det, text, lang):
    assert det.detect(text) == lang


@pytest.mark.parametrize("text,lang", [
    ("Hallo?", "de"),                  # Hungarian before session 22's greetings
    ("hola", "es"),                    # Catalan
    ("Salve", "it"),                   # Spanish
    ("Danke, super Service!", "de"),   # Esperanto
    ("nog steeds niks", "nl"),         # Afrikaans
])
def test_greetings_and_short_replies(det, text, lang):
    """models/langid/chat_lines.py's GREETING_LINES: openers and thanks
    that Tatoeba has few of alone."""
    assert det.detect(text) == lang


@pytest.mark.parametrize("text", ["", "ok", "12345", "😀", "???", "<EMAIL>"])
def test_no_evidence_gives_none(det, text):
    assert det.detect(text) is None
    assert det.confidence_values(text) == []


def test_confidence_values_sorted_and_sum_to_one(det):
    values = det.confidence_values("obrigado pela ajuda")
    assert values[0][0] == "pt"
    probs = [p for _, p in values]
    assert probs == sorted(probs, reverse=True)
    assert sum(probs) == pytest.approx(1.0, abs=1e-4)


def test_restricting_languages_removes_candidates():
    det = kvetch.LanguageDetector(languages=["es", "pt"])
    assert sorted(det.languages) == ["es", "pt"]
    assert det.detect("Danke schön") in ("es", "pt")  # too short to tell
    with pytest.raises(kvetch.ConfigError):
        kvetch.LanguageDetector(languages=["xx"])


def test_restricted_detector_says_none_of_these():
    """A body of 12+ letters that a language outside the list explains far
    better gets no language (the Analyzer's lang_alt names it); the list's
    own languages and short texts keep an answer."""
    det = kvetch.LanguageDetector(languages=["es", "pt"])
    swedish = "Hej, mitt paket har inte kommit än, jag har väntat i två veckor."
    assert det.detect("Danke schön für alles") is None
    assert det.detect(swedish) is None and det.confidence_values(swedish) == []
    assert det.detect_batch([swedish, "Mi pedido todavía no ha llegado"]) == [None, "es"]
    assert kvetch.LanguageDetector().detect(swedish) == "sv"
    assert det.outside_language(swedish) == "sv"
    assert det.outside_language("Mi pedido todavía no ha llegado") is None
    assert det.outside_language("Danke schön") is None  # too short to tell
    assert kvetch.LanguageDetector().outside_language(swedish) is None
    out = kvetch.Analyzer(languages=["es", "pt"], emotion=False, signals=False).analyze(
        [swedish, "Mi pedido todavía no ha llegado", "ok", "違う商品が届きました"]
    ).to_arrow(dictionaries=False).to_pydict()
    assert out["lang"] == [None, "es", None, None]
    assert out["lang_alt"] == ["sv", None, None, "ja"]
    assert out["lang_confidence"][0] == 0
    r = kvetch.Analyzer(languages=["es", "pt"], emotion=False, signals=False).analyze(
        [swedish, swedish, "Mi pedido todavía no ha llegado", "ok"])
    assert r.summary()["lang"] == {"es": 1} and r.summary()["lang_outside"] == {"sv": 2}


def test_languages_as_one_string_as_in_the_analyzer():
    assert kvetch.LanguageDetector(languages="de").languages == ["de"]
    assert kvetch.LanguageDetector(languages="en, fr").languages == ["en", "fr"]
    assert kvetch.LanguageDetector(languages={"en": 1, "de": 2}.keys()).languages == ["en", "de"]
    assert kvetch.LanguageDetector(languages=(c for c in ["fr"])).languages == ["fr"]
    for bad in (5, {"en": 1}, [1, 2]):
        with pytest.raises(kvetch.ConfigError, match="language codes"):
            kvetch.LanguageDetector(languages=bad)


def test_outside_language_holds_back_below_min_confidence():
    text = "Bok, moj paket još nije stigao"
    strict = kvetch.LanguageDetector(languages=["en", "de"], min_confidence=0.9)
    analyzer = kvetch.Analyzer(languages=["en", "de"], min_lang_confidence=0.9,
                               emotion=False, signals=False)
    alt = analyzer.analyze([text]).to_pandas()["lang_alt"].iloc[0]
    assert strict.outside_language(text) == (None if pd.isna(alt) else alt)
    assert kvetch.LanguageDetector(languages=["en", "de"]).outside_language(text) is not None


def test_min_confidence():
    det = kvetch.LanguageDetector(min_confidence=0.999999)
    assert det.detect("mail") is None


def test_detect_batch_matches_detect(det):
    texts = ["Where is my refund?", None, "ok", "Wo ist meine Bestellung?", b"caf\xe9 cr\xe8me"]
    batch = det.detect_batch(texts)
    assert batch[:4] == ["en", None, None, "de"]
    assert len(batch) == len(texts)


def test_single_texts_are_read_as_the_batch_and_the_analyzer_read_them(det):
    # PII is redacted first everywhere: an address and a URL do not make a
    # Russian message English. Two Han or Hangul letters are enough
    # everywhere (each counts 3), and placeholders already in the text
    # (redacted upstream) are no evidence.
    ru = ("Приложение вылетает каждый раз, когда я пытаюсь войти!!! Вот заказ: "
          "https://shop.example.com/account/login?redirect=%2Forders "
          "Мой e-mail: lebedeva.ksenia@example.net.")
    texts = [ru, "注文", "<PHONE> <URL>", "주문", "注文が届かない",
             "Contact: jean.dupont@example.fr merci", "<EMAIL>"]
    full = kvetch.Analyzer(emotion=False, signals=False).analyze(texts).to_pandas()["lang"]
    expected = [None if pd.isna(x) else x for x in full]
    assert [det.detect(t) for t in texts] == expected
    assert det.detect_batch(texts) == expected
    assert expected[:4] == ["ru", "zh", None, "ko"]
    assert expected[-1] is None
    assert det.confidence_values(ru)[0][0] == "ru"


def test_detect_batch_skips_nothing_when_the_script_decides(det):
    # detect_batch does not tokenise text whose script alone decides the
    # language (Greek, Hangul, kana, Hebrew, Thai): same answers as detect.
    texts = ["Καλημέρα σας", "αβ", "주문한 상품", "注文が届きません", "שלום לכם",
             "สวัสดีครับ", "Καλη\udcffμέρα", "abc", "Hello there"]
    texts = [t.encode("utf-8", "surrogateescape") for t in texts]
    singles = [det.detect(t.decode("utf-8", "replace")) for t in texts]
    assert det.detect_batch(texts) == singles
    assert singles[:6] == ["el", None, "ko", "ja", "he", "th"]


def test_detect_mixed_spans(det):
    text = "Bonjour, je voudrais un remboursement. Thanks a lot for your help!"
    spans = det.detect_mixed(text)
    assert [s[2] for s in spans] == ["fr", "en"]
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert text[spans[1][0]:spans[1][1]].startswith("Thanks")


def test_analyzer_lang_columns():
    r = kvetch.Analyzer(n_threads=2).analyze(
        ["Where is my refund?", "Wo ist meine Bestellung?", "ok", None])
    df = r.to_pandas()
    assert df.lang.tolist()[:2] == ["en", "de"]
    assert df.lang.isna().tolist()[2:] == [True, True]
    assert (df.lang_confidence[:2] > 0.5).all() and df.lang_confidence[2] == 0
    assert r.summary()["lang"] == {"en": 1, "de": 1}


def test_analyzer_without_langid_and_pickling():
    a = kvetch.Analyzer(langid=False)
    assert a.analyze(["Where is my refund?"]).to_pandas().lang.isna().all()
    b = kvetch.Analyzer(languages=["en", "fr"])
    c = pickle.loads(pickle.dumps(b))
    assert c.options == b.options
    assert c.analyze(["merci beaucoup pour votre aide"]).to_pandas().lang[0] == "fr"


def test_bad_model_file_names_it(tmp_path):
    bad = tmp_path / "broken.kvm"
    bad.write_bytes(b"KVETCHMD" + b"\0" * 10)
    with pytest.raises(kvetch.ModelError, match="broken.kvm"):
        kvetch.LanguageDetector(model=bad)
    with pytest.raises(kvetch.ModelError, match="broken.kvm"):
        kvetch.Analyzer(langid=bad)
    with pytest.raises(kvetch.KvetchIOError, match="missing.kvm"):
        kvetch.Analyzer(langid=tmp_path / "missing.kvm")


def _rewritten(tmp_path, name, change):
    return model_files.rewritten("langid", tmp_path / name, change)


def test_model_pairs_section(tmp_path):
    malay = "Saya masih belum terima bungkusan saya, tolong semak."
    # Without the id/ms stage the model still loads (naive Bayes alone).
    plain = _rewritten(tmp_path, "plain.kvm", lambda s: s.pop("pairs"))
    assert kvetch.LanguageDetector(model=plain).detect(malay) in ("id", "ms")
    assert kvetch.LanguageDetector().detect(malay) == "ms"
    # A truncated or unknown pair is an error naming the file.
    cut = _rewritten(tmp_path, "cut.kvm", lambda s: s.update(pairs=s["pairs"][:-1]))
    with pytest.raises(kvetch.ModelError, match="cut.kvm.*pairs"):
        kvetch.LanguageDetector(model=cut)
    bad = _rewritten(tmp_path, "bad.kvm",
                     lambda s: s.update(pairs=s["pairs"][:4] + b"xx".ljust(8, b"\0")
                                        + s["pairs"][12:]))
    with pytest.raises(kvetch.ModelError, match="bad.kvm.*xx"):
        kvetch.LanguageDetector(model=bad)


def test_ten_megabyte_message_is_decided_on_a_bounded_sample(det):
    big = "merci beaucoup pour votre aide, " * (10 * 1024 * 1024 // 32)
    assert det.detect(big) == "fr"
    assert det.detect_batch([big, "   ", "\x00\x00"]) == ["fr", None, None]


def test_low_mode_detects_sentences_and_rejects_unknown_modes():
    low = kvetch.LanguageDetector(mode="low")
    assert low.detect("Bonjour, ma commande n'est toujours pas arrivée.") == "fr"
    assert low.detect_batch(["Die App stürzt beim Login ab."]) == ["de"]
    with pytest.raises(kvetch.ConfigError):
        kvetch.LanguageDetector(mode="medium")
    with pytest.raises(kvetch.ConfigError):
        kvetch.Analyzer(langid_mode="fast")


# Close pairs (issue 3): one everyday support sentence per language, with
# the words that tell the neighbours apart.
@pytest.mark.parametrize("text,lang", [
    ("Jeg har ikke fått pakken min ennå, hva skjer?", "nb"),
    ("Jeg har endnu ikke modtaget min pakke, hvad sker der?", "da"),
    ("Jag har inte fått mitt paket än, vad händer?", "sv"),
    ("Još nisam dobio svoju narudžbu, molim vas provjerite.", "hr"),
    ("Још нисам добио своју поруџбину.", "sr"),
    ("Saya belum menerima paket saya, tolong dicek.", "id"),
    ("Saya masih belum terima bungkusan saya, tolong semak.", "ms"),
    ("Todavía no he recibido mi pedido, ¿qué pasa?", "es"),
    ("Ainda não recebi a minha encomenda, o que se passa?", "pt"),
    ("Encara no he rebut la meva comanda, què passa?", "ca"),
    ("Ještě jsem nedostal svou objednávku, co se děje?", "cs"),
    ("Ešte som nedostal svoju objednávku, čo sa deje?", "sk"),
    ("Я до сих пор не получил свой заказ.", "ru"),
    ("Я досі не отримав своє замовлення.", "uk"),
    ("Все още не съм получил поръчката си.", "bg"),
])
def test_close_pairs(det, text, lang):
    assert det.detect(text) == lang


# Short and noisy: single words, two words, no accents, an emoji.
@pytest.mark.parametrize("text,lang", [
    ("merci", "fr"), ("danke", "de"), ("gracias", "es"), ("obrigado", "pt"),
    ("grazie", "it"), ("bedankt", "nl"), ("спасибо", "ru"), ("ok merci", "fr"),
    ("still nothing??", "en"), ("nao recebi", "pt"), ("wo bleibt meine bestellung 😡", "de"),
])
def test_short_and_noisy(det, text, lang):
    assert det.detect(text) == lang


# English footers and quoted replies under a message in another language:
# the body decides (kvetch/body.h).
@pytest.mark.parametrize("text,lang", [
    ("Hallo, wo ist mein Paket?\n--\nGet Outlook for Android", "de"),
    ("Buongiorno, non ho ricevuto il rimborso.\n\nThis email and any attachments are "
     "confidential and intended solely for the addressee.", "it"),
    ("Où est ma commande ?\n\nSent from my iPhone", "fr"),
    ("Sigo sin respuesta.\n\nOn Mon, 3 Jun 2024, Support <help@shop.example> wrote:\n"
     "> Thank you for contacting us, we will get back to you shortly.", "es"),
    ("ok\n\nSent from my iPhone", None),            # the footer is no evidence
    ("ok\n\nLe lundi 3 juin, Support a écrit :\n> Bonjour, votre commande est en route.",
     "fr"),                                          # a short reply: the thread decides
])
def test_footers_and_quotes_do_not_decide(det, text, lang):
    assert det.detect(text) == lang
    assert det.detect_batch([text]) == [lang]


# Chat forms customers type (models/langid/chat_lines.py): trained on, so
# this checks the model kept them, not that it generalises.
@pytest.mark.parametrize("text,lang", [
    ("thx", "en"), ("pls help me", "en"), ("btw still waiting", "en"),
    ("merci bcp", "fr"), ("svp", "fr"), ("mfg", "de"), ("porfa", "es"),
    ("obg", "pt"), ("cmq", "it"), ("bvd", "nl"),
])
def test_chat_forms(det, text, lang):
    assert det.detect(text) == lang


# Hindi typed in Latin letters, as many Indian customers write it. The model
# learned it from code-mixed tweets (train_langid.py, romanised_hindi); these
# support messages were written for this test and appear in no training data.
@pytest.mark.parametrize("text,lang", [
    ("mera refund abhi tak nahi aaya, kya ho raha hai?", "hi"),
    ("order kab aayega bhai? 10 din ho gaye", "hi"),
    ("app mein login nahi ho raha hai", "hi"),
    ("paise kat gaye do baar, please check karo", "hi"),
    # English with the words Indian English shares stays English.
    ("sir please help me with my order", "en"),
    ("I have not received my refund yet", "en"),
])
def test_romanised_hindi(det, text, lang):
    assert det.detect(text) == lang


def test_romanised_hindi_is_a_second_script_of_hi(det):
    # One language, two classes (Devanagari and Latin), like Serbian.
    assert det.detect("मेरा रिफंड अभी तक नहीं आया") == "hi"
    assert kvetch.LanguageDetector().languages.count("hi") == 1


def test_detector_pickles_as_its_arguments():
    det = kvetch.LanguageDetector(languages=["en", "fr", "de"], min_confidence=0.1, mode="low")
    copy = pickle.loads(pickle.dumps(det))
    texts = ["Where is my order?", "Où est ma commande ?", "Wo ist meine Bestellung?", "ok"]
    assert copy.detect_batch(texts) == det.detect_batch(texts)
    assert copy.languages == det.languages and copy.min_confidence == det.min_confidence


def test_detect_mixed_keeps_a_sentence_outside_the_list_apart():
    """A sentence in a language outside the list is a span of its own (code
    None), not merged into its neighbour as if it held no evidence."""
    det = kvetch.LanguageDetector(languages=["en", "de"])
    text = ("My parcel has not arrived yet, please help. "
            "Mitt paket har inte kommit än, jag har väntat länge på det. ok")
    spans = det.detect_mixed(text)
    assert [s[2] for s in spans] == ["en", None]
    assert text[spans[1][0]:spans[1][1]].startswith("Mitt paket")
    assert spans[1][1] == len(text)  # "ok" (no evidence) joins the span before it


def test_min_lang_confidence_also_holds_back_an_outside_language():
    """An outside language is named in lang_alt only when its probability
    reaches min_lang_confidence (Danish is 0.99998 here, Swedish 1.0)."""
    texts = ["Hej, jeg har ikke fået min pakke endnu, jeg har ventet i to uger.",
             "Hej, mitt paket har inte kommit än, jag har väntat i två veckor."]
    for threshold, expected in ((0.0, ["da", "sv"]), (0.999999, [None, "sv"])):
        out = kvetch.Analyzer(languages=["en", "de"], min_lang_confidence=threshold, emotion=False,
                              signals=False).analyze(texts).to_arrow(dictionaries=False).to_pydict()
        assert out["lang"] == [None, None] and out["lang_alt"] == expected


def test_an_unknown_code_lists_the_models_and_drops_a_region():
    with pytest.raises(kvetch.ConfigError, match=r"codes have no region or script: 'en'; "
                                                 r"it detects: af, am, ar") as e:
        kvetch.Analyzer(languages=["en-US"])
    assert "langid.kvm" in str(e.value)
    with pytest.raises(kvetch.ConfigError, match="it detects: .*, zh") as e:
        kvetch.LanguageDetector(languages=["xx"])
    assert "region" not in str(e.value)
    with pytest.raises(kvetch.ConfigError) as e:  # no hint to a code it lacks too
        kvetch.LanguageDetector(languages=["zz-YY"])
    assert "region" not in str(e.value) and "it detects" in str(e.value)
    assert repr(kvetch.LanguageDetector(languages="en,fr")) == \
        "kvetch.LanguageDetector(languages=['en', 'fr'])"
    assert repr(kvetch.LanguageDetector()).endswith(" languages)")
