#include "kvetch/emotion.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <string>

#include "golden.h"
#include "kvetch/pii.h"

namespace kvetch {
namespace {

const char* kModel = KVETCH_MODELS_DIR "/emotion/emotion.kvm";

const EmotionScorer& Scorer() {
  static const EmotionScorer* s = [] {
    auto r = EmotionScorer::Load(kModel);
    REQUIRE(r.ok());
    return std::move(r).value().release();
  }();
  return *s;
}

EmotionScores Score(const std::string& text, std::string_view lang = "en") {
  Tokenizer tok;
  Document doc;
  tok.NormalizeAndTokenize(text, {}, &doc);
  EmotionScratch scratch;
  EmotionScores s;
  Scorer().Score(doc, text, lang, &scratch, &s);
  return s;
}

Document Tokens(const std::string& text) {
  Tokenizer tok;
  Document doc;
  tok.NormalizeAndTokenize(text, {}, &doc);
  return doc;
}

TEST_CASE("Emotion: golden polarity table", "[emotion]") {
  for (const auto& row : testing::ReadGolden("emotion.tsv")) {
    REQUIRE(row.size() >= 3);
    INFO(row[0] << " [" << row[3] << "]");
    if (row[2][0] == '?') continue;  // known failure (tests/data/README.md)
    EmotionScores s = Score(row[0], row[1]);
    std::string got(PolarityName(s.polarity));
    if (row[2][0] == '!') {
      CHECK(got != row[2].substr(1));
    } else {
      CHECK(got == row[2]);
    }
  }
}

TEST_CASE("Emotion: scores are in range and consistent", "[emotion]") {
  for (const char* t : {"Thanks a lot!", "This is the worst service ever",
                        "how do I change my address?", "\xF0\x9F\x98\xA1"}) {
    INFO(t);
    EmotionScores s = Score(t);
    CHECK(s.valence >= -1.0f);
    CHECK(s.valence <= 1.0f);
    CHECK(s.intensity >= 0.0f);
    CHECK(s.intensity <= 1.0f);
    CHECK(s.confidence >= 0.0f);
    CHECK(s.confidence <= 1.0f);
    float sum = s.polarity_probs[0] + s.polarity_probs[1] + s.polarity_probs[2];
    CHECK(sum == Approx(1.0f).epsilon(1e-4));
    for (float p : s.go) CHECK((p >= 0.0f && p <= 1.0f));
    CHECK(s.nes == NesOf(s.polarity, s.confidence));
  }
}

TEST_CASE("Emotion: empty document is neutral with no confidence", "[emotion]") {
  EmotionScores s = Score("");
  CHECK(s.polarity == Polarity::kNeutral);
  CHECK(s.confidence == 0.0f);
  CHECK(s.nes == 0);
  CHECK(CsEmotionLabels()[s.cs_top] == "neutral");
}

TEST_CASE("Emotion: intensifiers, capitals and exclamations raise intensity",
          "[emotion]") {
  CHECK(Score("I am extremely angry, this is absolutely terrible").intensity >
        Score("I am a bit annoyed").intensity);
  CHECK(Score("WHERE IS MY REFUND!!!").intensity >
        Score("where is my refund").intensity);
}

TEST_CASE("Emotion: a language without a model gets low confidence",
          "[emotion]") {
  CHECK(Scorer().Tier("en") == LanguageTier::kFull);
  CHECK(Scorer().Tier("fr") == LanguageTier::kPolarity);
  CHECK(Scorer().Tier("xx") == LanguageTier::kNone);
  EmotionScores known = Score("Thank you so much!", "en");
  EmotionScores none = Score("Thank you so much!", "xx");
  CHECK(none.confidence < known.confidence);
  CHECK(none.confidence < kNesMinConfidence);
  // Emoji are evidence in any language.
  CHECK(Score("\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1", "xx").polarity ==
        Polarity::kNegative);
}

TEST_CASE("Emotion: NES rule", "[emotion]") {
  CHECK(NesOf(Polarity::kPositive, 0.9f) == 1);
  CHECK(NesOf(Polarity::kNegative, 0.9f) == -1);
  CHECK(NesOf(Polarity::kNegative, 0.3f) == 0);
  CHECK(NesOf(Polarity::kMixed, 0.9f) == 0);
  CHECK(NesOf(Polarity::kNeutral, 0.9f) == 0);
}

TEST_CASE("Emotion: every GoEmotions label maps to a CS emotion", "[emotion]") {
  for (int k = 0; k < kNumGoLabels; ++k) {
    int c = CsEmotionOfGo(k);
    CHECK((c >= 0 && c < kNumCsEmotions));
  }
  CHECK(CsEmotionLabels()[CsEmotionOfGo(15)] == "gratitude");
  CHECK(CsEmotionLabels()[CsEmotionOfGo(3)] == "frustration");
}

TEST_CASE("Features: a salutation line is skipped", "[emotion]") {
  EmotionFeatures f;
  ExtractEmotionFeatures(Tokens("Dear Customer Service,\nthanks, all sorted"),
                         {}, 1u << 18, false, true, &f);
  for (const std::string& d : f.description) CHECK(d != "customer");
  CHECK(std::find(f.description.begin(), f.description.end(), "sorted") !=
        f.description.end());
  // One line ending in a comma is the message, not a salutation.
  ExtractEmotionFeatures(Tokens("Hello, my order is late"), {}, 1u << 18,
                         false, true, &f);
  CHECK(f.description.front() == "hello");
}

TEST_CASE("BodyEnd: sign-offs in several languages", "[emotion]") {
  for (const char* t : {"Great\nThank you in advance,\nRyan",
                        "Super\nMerci d'avance\nPaul",
                        "Gut\nMit freundlichen Grüßen\nAnna",
                        "Bien\nSaludos cordiales,\nAna"}) {
    INFO(t);
    Document d = Tokens(t);
    CHECK(BodyEnd(d) < d.norm.size());
    CHECK(d.norm.substr(0, BodyEnd(d)).find('\n') == std::string::npos);
  }
}

TEST_CASE("Features: negation scope and clause weights", "[emotion]") {
  EmotionFeatures plain, negated;
  ExtractEmotionFeatures(Tokens("good"), {}, 1u << 18, false, true, &plain);
  ExtractEmotionFeatures(Tokens("not good"), {}, 1u << 18, false, true, &negated);
  CHECK(plain.description[0] == "good");
  CHECK(std::find(negated.description.begin(), negated.description.end(),
                  "NOT good") != negated.description.end());
  EmotionFeatures but;
  ExtractEmotionFeatures(Tokens("nice but slow"), {}, 1u << 18, false, true, &but);
  REQUIRE(but.value.size() >= 2);
  CHECK(but.value.front() == 0.5f);  // "nice": before "but"
  CHECK(but.value.back() == 1.5f);   // "slow": after
  REQUIRE(but.num_sentences() == 1);
}

TEST_CASE("Features: a run-on stretch is cut every 48 content tokens",
          "[emotion]") {
  std::string run_on;
  for (int i = 0; i < 100; ++i) run_on += "terrible awful refund ";
  EmotionFeatures f;
  ExtractEmotionFeatures(Tokens(run_on), {}, 1u << 18, false, false, &f);
  REQUIRE(f.num_sentences() == 7);  // 300 words: 6 x 48 + 12
  CHECK(f.sentence_tokens.front() == 48);
  CHECK(f.sentence_tokens.back() == 12);
  EmotionFeatures short_one;
  ExtractEmotionFeatures(Tokens("terrible awful refund"), {}, 1u << 18, false,
                         false, &short_one);
  CHECK(short_one.num_sentences() == 1);
}

TEST_CASE("Features: universal_only keeps emoji and punctuation",
          "[emotion]") {
  EmotionFeatures f;
  ExtractEmotionFeatures(Tokens("terrible \xF0\x9F\x98\xA1!"), {}, 1u << 18,
                         true, true, &f);
  for (const std::string& d : f.description) CHECK(d != "terrible");
  CHECK(f.bucket.size() == 2);  // the emoji and "!"
}

TEST_CASE("Features: an ASCII emoticon shares its emoji's feature",
          "[emotion]") {
  auto buckets = [](const std::string& text) {
    EmotionFeatures f;
    ExtractEmotionFeatures(Tokens(text), {}, 1u << 18, false, true, &f);
    return f;
  };
  const std::pair<const char*, const char*> same[] = {
      {"late :(", "late \xF0\x9F\x99\x81"},       // 🙁
      {"late :-(", "late \xF0\x9F\x99\x81"},
      {"ok :D", "ok \xF0\x9F\x98\x84"},           // 😄
      {"thanks <3", "thanks \xE2\x9D\xA4\xEF\xB8\x8F"},  // ❤️
      {"sad :'(", "sad \xF0\x9F\x98\xA2"},        // 😢
  };
  for (const auto& [emoticon, emoji] : same) {
    INFO(emoticon);
    EmotionFeatures a = buckets(emoticon), b = buckets(emoji);
    CHECK(a.bucket == b.bucket);
    CHECK(a.num_sentences() == 1);
  }
  // The description keeps what was written.
  CHECK(buckets("late :-(").description.back() == ":-(");
  // Not emoticons (a time, a closing bracket, spaced-out marks): the same
  // features as with a comma for the bracket.
  for (std::string text : {"at 10:30 (see below)", "the app (v2)", "fine : )"}) {
    INFO(text);
    std::string comma = text;
    std::replace(comma.begin(), comma.end(), ')', ',');
    CHECK(buckets(text).bucket == buckets(comma).bucket);
  }
}

TEST_CASE("Features: hostile input is bounded", "[emotion]") {
  std::string big;
  for (int i = 0; i < 200000; ++i) big += "not ";
  EmotionFeatures f;
  Document d = Tokens(big);
  ExtractEmotionFeatures(d, {}, 1u << 18, false, false, &f);
  CHECK(f.bucket.size() < 3 * kEmotionMaxTokens + 16);
}

TEST_CASE("EmotionScorer: bad model files are named", "[emotion]") {
  auto missing = EmotionScorer::Load("/nonexistent/emotion.kvm");
  CHECK(missing.status().code() == StatusCode::kIoError);
  CHECK(missing.status().message().find("/nonexistent/emotion.kvm") !=
        std::string::npos);
  auto wrong_kind = EmotionScorer::Load(KVETCH_MODELS_DIR "/langid/langid.kvm");
  CHECK(wrong_kind.status().code() == StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace kvetch
