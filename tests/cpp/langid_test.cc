#include "kvetch/langid.h"

#include <catch2/catch.hpp>
#include <string>

namespace kvetch {
namespace {

const char* kModel = KVETCH_MODELS_DIR "/langid/langid.kvm";

std::string Detect(const LanguageDetector& d, const std::string& text) {
  std::vector<std::pair<int, float>> p;
  d.TextProbabilities(text, &p);
  return p.empty() ? "-" : d.languages()[p[0].first];
}

LanguageGuess Guess(const LanguageDetector& d, const std::string& text) {
  return d.TextDetect(text);
}

std::string Code(const LanguageDetector& d, int lang) {
  return lang < 0 ? "-" : d.languages()[lang];
}

std::unique_ptr<LanguageDetector> Load(std::vector<std::string> langs = {}) {
  auto d = LanguageDetector::Load(kModel, langs);
  REQUIRE(d.ok());
  return std::move(d).value();
}

TEST_CASE("LanguageDetector: sentences in several scripts", "[langid]") {
  auto d = Load();
  CHECK(Detect(*d, "Where is my refund? I ordered two weeks ago.") == "en");
  CHECK(Detect(*d, "Bonjour, ma commande n'est toujours pas arrivée.") == "fr");
  CHECK(Detect(*d, "Die App stürzt beim Login ab.") == "de");
  CHECK(Detect(*d, "Заказ не пришёл уже две недели.") == "ru");
  CHECK(Detect(*d, "注文した商品が届きません。") == "ja");
  CHECK(Detect(*d, "Το πακέτο δεν έφτασε ακόμα.") == "el");
  CHECK(Detect(*d, "החבילה עדיין לא הגיעה") == "he");
}

TEST_CASE("LanguageDetector: the id/ms pair's second stage", "[langid]") {
  auto d = Load();
  Tokenizer tok;
  for (auto [text, want] : {std::pair<const char*, const char*>{
                                "Saya masih belum terima bungkusan saya, tolong semak.", "ms"},
                            {"Bungkusan saya belum sampai lagi, sila semak.", "ms"},
                            {"Saya belum menerima paket saya, tolong dicek.", "id"}}) {
    INFO(text);
    CHECK(Detect(*d, text) == want);
    // Detect (the analyzer's path) and Probabilities agree after the stage.
    Document doc;
    tok.NormalizeAndTokenize(text, {}, &doc);
    LanguageGuess g = d->Detect(doc, DominantScript(text));
    std::vector<std::pair<int, float>> p;
    d->Probabilities(doc, DominantScript(text), &p);
    REQUIRE(p.size() >= 2);
    CHECK(g.lang == p[0].first);
    CHECK(g.alt == p[1].first);
    CHECK(g.confidence == Approx(p[0].second).epsilon(1e-4));
    CHECK(g.confidence + g.alt_confidence <= 1.0f + 1e-5f);
  }
  // The model loads in "low" mode too; the stage is then off (it was
  // trained on the full features).
  auto low = LanguageDetector::Load(kModel, {}, kLangidLowOrder);
  REQUIRE(low.ok());
}

TEST_CASE("LanguageDetector: the body decides, not footers or quotes",
          "[langid]") {
  auto d = Load();
  CHECK(Detect(*d, "Hallo, wo ist mein Paket?\n--\nGet Outlook for Android") ==
        "de");
  CHECK(Detect(*d, "Buongiorno, non ho ricevuto il rimborso.\n\nThis email "
                   "and any attachments are confidential and intended solely "
                   "for the addressee. If you have received it in error please "
                   "notify the sender.") == "it");
  // A Greek body under which an English footer has more letters.
  CHECK(Detect(*d, "\xce\xa4\xce\xbf \xcf\x80\xce\xb1\xce\xba\xce\xad"
                   "\xcf\x84\xce\xbf \xce\xb4\xce\xb5\xce\xbd \xce\xad"
                   "\xcf\x86\xcf\x84\xce\xb1\xcf\x83\xce\xb5\n"
                   "Sent from my iPhone. This message is confidential and "
                   "intended only for the recipient.") == "el");
  // A short body takes its sign-off in: it is the writer's language.
  CHECK(Detect(*d, "???\nMit freundlichen Gr\xc3\xbc\xc3\x9f" "en") == "de");
  CHECK(Detect(*d, "ok\nCordialement,\nAlex") == "fr");
  // A body of a few words decides alone, whatever its sign-off's language
  // (these were es, fr and de).
  CHECK(Detect(*d, "Hi, my parcel is late.\n\nSaludos,\nJuan") == "en");
  CHECK(Detect(*d, "Mein Paket ist zu sp\xc3\xa4t.\n\nCordialement,\nAlex") == "de");
  CHECK(Detect(*d, "Mon colis est en retard.\n\nMit freundlichen Gr\xc3\xbc\xc3\x9f" "en\nAlex") == "fr");
  // A reply without letters above a quoted message: the thread decides.
  CHECK(Detect(*d, "ok\n\nLe lundi 3 juin, Support a \xc3\xa9" "crit :\n"
                   "> Bonjour, votre commande est en route.") == "fr");
  // Above a client footer only: no evidence, no answer.
  CHECK(Detect(*d, "ok\n\nSent from my iPhone") == "-");
}

TEST_CASE("LanguageDetector: no evidence, no answer", "[langid]") {
  auto d = Load();
  for (const char* t : {"", "ok", "12345", "\xF0\x9F\x98\x80", "???"}) {
    INFO(t);
    CHECK(Detect(*d, t) == "-");
  }
}

TEST_CASE("LanguageDetector: probabilities sum to 1, sorted", "[langid]") {
  auto d = Load();
  std::vector<std::pair<int, float>> p;
  d->TextProbabilities("obrigado pela ajuda", &p);
  REQUIRE(p.size() > 1);
  float sum = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    sum += p[i].second;
    if (i) CHECK(p[i - 1].second >= p[i].second);
  }
  CHECK(sum == Approx(1.0f).epsilon(1e-4));
}

TEST_CASE("LanguageDetector: restriction removes candidates", "[langid]") {
  auto d = Load({"es", "pt"});
  CHECK(d->candidates().size() == 2);
  CHECK(Detect(*d, "Danke schön") != "de");
  auto bad = LanguageDetector::Load(kModel, {"xx"});
  CHECK(bad.status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("LanguageDetector: no candidate writes the script, no answer",
          "[langid]") {
  auto latin = Load({"en", "fr", "de", "es"});
  CHECK(Detect(*latin, "Заказ не пришёл уже две недели.") == "-");
  CHECK(Detect(*latin, "違う商品が届きました。青のセーター") == "-");
  CHECK(Detect(*latin, "لم يصل طلبي بعد") == "-");
  CHECK(Detect(*latin, "Where is my refund?") == "en");
  // Japanese is written in Han too: kanji-only text stays open to it.
  auto japanese = Load({"ja", "en"});
  CHECK(Detect(*japanese, "返金希望") == "ja");
  CHECK(Detect(*japanese, "Заказ не пришёл уже две недели.") == "-");
}

TEST_CASE("LanguageDetector: a restricted list answers none of these",
          "[langid]") {
  auto d = Load({"en", "de"});
  const std::string swedish =
      "Hej, mitt paket har inte kommit än, jag har väntat i två veckor.";
  LanguageGuess g = Guess(*d, swedish);
  CHECK(Code(*d, g.lang) == "-");
  CHECK(Code(*d, g.outside) == "sv");
  CHECK(g.outside_confidence > 0.5f);
  CHECK(g.outside_confidence <= 1.0f);
  CHECK(Detect(*d, swedish) == "-");  // no probabilities over en, de
  // The unrestricted detector never answers "outside".
  CHECK(Guess(*Load(), swedish).outside == -1);
  // The list's own languages, long or short, keep their answer.
  g = Guess(*d, "Mein Paket ist immer noch nicht angekommen, ich warte seit "
                "zwei Wochen.");
  CHECK(Code(*d, g.lang) == "de");
  CHECK(g.outside == -1);
  // Under 12 letters the closest candidate answers: too little to tell.
  CHECK(Detect(*d, "Hej, tack!") != "-");
  // A sign-off in another language does not make a short body outside.
  auto romance = Load({"fr", "es", "it"});
  CHECK(Detect(*romance, "Grazie mille\n\nThanks,\nSent from my iPad") == "it");
  // A bare "ok" above a quoted message: the quote is the evidence, for the
  // outside check too.
  const std::string header = "ok\n\nOn Mon, 3 Jun 2024, Anna wrote:\n> ";
  g = Guess(*d, header + swedish);
  CHECK(Code(*d, g.lang) == "-");
  CHECK(Code(*d, g.outside) == "sv");
  CHECK(Detect(*d, header + "Mein Paket ist immer noch nicht angekommen, ich "
                            "warte seit zwei Wochen.") == "de");
  // A script no candidate writes: no answer, but the outside language.
  g = Guess(*d, "違う商品が届きました。青のセーター");
  CHECK(Code(*d, g.lang) == "-");
  CHECK(Code(*d, g.outside) == "ja");
  // A script with one candidate decides short texts only.
  auto russian = Load({"en", "ru"});
  CHECK(russian->DecidedBy(DominantScript("Привет")) == -1);
  CHECK(Detect(*russian, "Привет") == "ru");
  g = Guess(*russian, "Доброго дня, моє замовлення досі не прийшло, чекаю вже "
                      "два тижні.");
  CHECK(Code(*russian, g.outside) == "uk");
  CHECK(Load({"en", "el"})->DecidedBy(DominantScript("Γεια")) >= 0);
}

TEST_CASE("LanguageDetector: kanji-only Japanese stays Japanese under a list",
          "[langid]") {
  // Japanese has a script of its own in the model; text in kanji alone is
  // Han, which Chinese is written in: it must still be scored as Japanese.
  const std::string kanji = "商品到着遅延、返金要求。注文番号確認済。";
  auto ja = Load({"en", "ja"});
  LanguageGuess g = Guess(*ja, kanji);
  CHECK(Code(*ja, g.lang) == "ja");
  CHECK(g.outside == -1);
  CHECK(Code(*Load(), Guess(*Load(), kanji).lang) != "-");
  g = Guess(*Load({"en", "fr"}), kanji);  // neither: outside, named
  CHECK(g.lang == -1);
  CHECK(g.outside >= 0);
}

TEST_CASE("LanguageDetector: short texts lean away from rare languages",
          "[langid]") {
  // Under 12 letters an unrestricted detector divides the likelihood of
  // languages rare in customer messages by 10; a list the user gives gets
  // no prior.
  auto all = Load();
  CHECK(Detect(*all, "Super, danke!") == "de");  // Esperanto before session 22's
  CHECK(Detect(*all, "ok danke") == "de");       // greetings, Afrikaans too
  CHECK(Detect(*all, "a caixa") != "gl");  // Galician (0.29) divided by 10
  CHECK(Detect(*Load({"pt", "gl"}), "a caixa") == "gl");  // listed: no prior
  // Longer texts are read on their evidence alone.
  CHECK(Detect(*all, "Mi ne ricevis mian pakaĵon, bonvolu helpi min.") == "eo");
}

TEST_CASE("LanguageDetector: Serbian in both scripts", "[langid]") {
  auto d = Load({"sr", "hr", "ru", "bg"});
  CHECK(Detect(*d, "Где је моја поруџбина? Још увек није стигла.") == "sr");
  CHECK(Detect(*d, "Molim vas, još uvijek čekam povrat novca.") == "hr");
}

}  // namespace
}  // namespace kvetch
