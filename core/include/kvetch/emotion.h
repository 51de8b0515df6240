// kvetch/emotion.h: emotion, valence, intensity and polarity of a message.
//
//   auto scorer = kvetch::EmotionScorer::Load("emotion.kvm");
//   if (!scorer.ok()) return scorer.status();
//   kvetch::EmotionScratch scratch;
//   kvetch::EmotionScores s;
//   (*scorer)->Score(doc, cased_text, "en", &scratch, &s);
//   // s.go[k]: GoEmotions label k; s.cs[c]: customer-service emotion c
//
// Method: a linear model over hashed features of the normalised tokens
// (EmotionFeatures below), trained by models/emotion/train_emotion.py. One
// weight table, three heads: 28 GoEmotions labels (sigmoid, English data),
// 3 polarity classes (softmax, multilingual data) and Plutchik's 8 emotions
// (sigmoid, XED data in ~40 languages). The message's body (quoted replies
// and signatures cut, see BodyEnd) is split into sentences; each sentence
// is scored on its own. Polarity: a sentence sure of its side decides, so
// one angry sentence in a long polite e-mail keeps the message negative;
// without one, the whole message (its sentences' logits summed, as the head
// was trained) decides; "mixed" needs a sentence at least 0.7 negative and
// another, not a thank-you or well-wish, at least 0.7 positive.
// polarity_probs are the whole message's; emotion_confidence scales the
// probability of the polarity given, in the sentence or message deciding.
//
// A language without training data (EmotionScorer::Tier) is scored on
// language-independent evidence only (emoji, "!", "?", capitals) and gets a
// low emotion_confidence, never silence.
//
// An EmotionScorer is immutable after Load and thread-safe; Score is
// allocation-free once `scratch` has warmed up, O(tokens).
#ifndef KVETCH_EMOTION_H_
#define KVETCH_EMOTION_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kvetch/body.h"
#include "kvetch/model_file.h"
#include "kvetch/status.h"
#include "kvetch/text.h"

namespace kvetch {

inline constexpr int kNumGoLabels = 28;   // GoEmotions, "neutral" last
inline constexpr int kNumPolarity = 3;    // negative, neutral, positive
inline constexpr int kNumPlutchik = 8;    // XED's order, see PlutchikLabels
inline constexpr int kNumCsEmotions = 8;  // see CsEmotionLabels
inline constexpr int kEmotionOutputs = kNumGoLabels + kNumPolarity + kNumPlutchik;
inline constexpr int kPolarityOffset = kNumGoLabels;
inline constexpr int kPlutchikOffset = kNumGoLabels + kNumPolarity;

// "admiration" .. "surprise", "neutral" (GoEmotions' emotions.txt order).
const std::array<std::string_view, kNumGoLabels>& GoEmotionLabels();
// "anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise",
// "trust".
const std::array<std::string_view, kNumPlutchik>& PlutchikLabels();
// "anger", "frustration", "disappointment", "worry", "confusion",
// "gratitude", "satisfaction", "neutral".
const std::array<std::string_view, kNumCsEmotions>& CsEmotionLabels();
// For GoEmotions label k, the customer-service emotion it counts towards
// (the documented mapping, also in models/README.md).
int CsEmotionOfGo(int go_label);
// For Plutchik label k, the customer-service emotion it counts towards.
int CsEmotionOfPlutchik(int plutchik_label);

enum class Polarity : uint8_t {
  kNegative = 0,
  kNeutral = 1,
  kPositive = 2,
  kMixed = 3,
};
inline constexpr int kNumPolarityNames = 4;
std::string_view PolarityName(Polarity p);  // "negative", ...

// How much the scorer knows a language (from the model file).
enum class LanguageTier : uint8_t {
  kNone = 0,     // No data: language-independent evidence only.
  kPolarity = 1, // Polarity (and Plutchik emotions where XED has them).
  kFull = 2,     // The 28 GoEmotions labels too (English).
};

// --- features ---------------------------------------------------------------

// Message-level cues taken from the cased text, before normalisation.
struct TextCues {
  int caps_words = 0;   // Words of >= 3 letters, all upper case.
  int cased_words = 0;  // Words of >= 3 letters with case.
};
// Counts the cues of valid UTF-8 `cased` (Latin letters only). O(n).
TextCues CountTextCues(std::string_view cased);

// BodyEnd (kvetch/body.h) cuts quoted replies, signatures, footers and
// disclaimers before features are extracted.

// Hashed features of one message, grouped by sentence: features
// [sentence_end[s-1], sentence_end[s]) belong to sentence s. value is 1
// scaled by the clause weight (0.5 before "but", 1.5 after; 0.5 inside an
// "although" clause); negated words are distinct features.
struct EmotionFeatures {
  std::vector<uint32_t> bucket;
  std::vector<float> value;
  std::vector<uint32_t> sentence_end;
  std::vector<int32_t> sentence_tokens;  // content tokens per sentence
  bool universal_only = false;
  // Filled only when `describe` is passed to ExtractEmotionFeatures.
  std::vector<std::string> description;

  void Clear();
  size_t num_sentences() const { return sentence_end.size(); }
};

// Fills *out with the features of `doc` (the body only; at most
// kEmotionMaxTokens tokens). `universal_only` keeps only the
// language-independent features (emoji, punctuation, capitals).
// `describe`: also fill out->description (for explain; slower).
inline constexpr int kEmotionMaxTokens = 2048;
void ExtractEmotionFeatures(const Document& doc, const TextCues& cues,
                            uint32_t n_buckets, bool universal_only,
                            bool describe, EmotionFeatures* out);

// --- scoring ----------------------------------------------------------------

struct EmotionScores {
  std::array<float, kNumGoLabels> go{};
  std::array<float, kNumPolarity> polarity_probs{};  // neg, neu, pos
  std::array<float, kNumPlutchik> plutchik{};
  std::array<float, kNumCsEmotions> cs{};
  int cs_top = kNumCsEmotions - 1;  // index of the dominant CS emotion
  float valence = 0;                // [-1, 1]
  float intensity = 0;              // [0, 1]
  float confidence = 0;             // [0, 1]
  Polarity polarity = Polarity::kNeutral;
  int8_t nes = 0;                   // +1, 0, -1 (NesOf)

  void Clear() { *this = EmotionScores(); }
};

// A message counts +1 to the Net Emotion Score when positive with
// confidence >= kNesMinConfidence, -1 when negative with that confidence,
// and 0 otherwise (neutral, mixed, or not confident).
inline constexpr float kNesMinConfidence = 0.5f;
int8_t NesOf(Polarity p, float confidence);

// Per-thread buffers for Score.
struct EmotionScratch {
  EmotionFeatures features;
  std::vector<float> logits;  // sentences x kEmotionOutputs
};

class EmotionScorer {
 public:
  // Errors: kIoError / kInvalidModel naming the file.
  static StatusOr<std::unique_ptr<EmotionScorer>> Load(const std::string& path);
  static StatusOr<std::unique_ptr<EmotionScorer>> FromModel(ModelFile file);

  // Scores `doc` (from Tokenizer::NormalizeAndTokenize of `cased`, the
  // cleaned, redacted text). `lang`: detected ISO code, "" when unknown.
  // Never fails; a document without tokens gets neutral, confidence 0.
  void Score(const Document& doc, std::string_view cased,
             std::string_view lang, EmotionScratch* scratch,
             EmotionScores* out) const;

  // The features of `doc` with their weight per output (kEmotionOutputs
  // columns, dequantised, times the feature's value), for explain().
  struct Contribution {
    std::string feature;
    int sentence = 0;
    std::array<float, kEmotionOutputs> weight{};
  };
  std::vector<Contribution> Explain(const Document& doc,
                                    std::string_view cased,
                                    std::string_view lang) const;

  LanguageTier Tier(std::string_view lang) const;
  // Languages with a tier above kNone, sorted.
  std::vector<std::string> languages() const;
  uint32_t n_buckets() const { return n_buckets_; }
  // Per-label thresholds for predict() (calibrated on held-out training
  // data).
  const std::array<float, kNumGoLabels>& go_thresholds() const {
    return go_thresholds_;
  }
  // The label groupings (Ekman, sentiment) with their calibrated
  // thresholds: lines "taxonomy<TAB>group<TAB>member,member<TAB>threshold";
  // empty if the model has none.
  const std::string& groups() const { return groups_; }

 private:
  EmotionScorer() = default;
  void SentenceLogits(const EmotionFeatures& f, std::vector<float>* z) const;
  // Fills *out from the sentences' logits `z`; returns the probability
  // behind out->polarity (of the deciding sentence or the whole message).
  float Aggregate(const EmotionFeatures& f, const std::vector<float>& z,
                  LanguageTier tier, const TextCues& cues,
                  EmotionScores* out) const;

  uint32_t n_buckets_ = 0;
  // The model's int8 weight rows (n_buckets x kEmotionOutputs), each padded
  // with zeros to kRowStride bytes for the SSE2 sums of SentenceLogits.
  static constexpr size_t kRowStride = 48;
  std::shared_ptr<const uint8_t> rows_;
  std::array<float, kEmotionOutputs> scale_{};
  std::array<float, kEmotionOutputs> bias_{};
  // The polarity a text without any feature gets (the biases' softmax): it
  // leans negative (0.41 / 0.26 / 0.33), so a message must move away from
  // it to be called negative or positive (see Aggregate).
  std::array<float, kNumPolarity> prior_{};
  std::array<float, kNumGoLabels> go_thresholds_{};
  std::vector<std::pair<std::string, LanguageTier>> tiers_;  // sorted
  std::string groups_;
};

}  // namespace kvetch

#endif  // KVETCH_EMOTION_H_
