// kvetch/result.h: the one result schema, declared once. The Python package
// mirrors it (kvetch/schema.py reads ResultSchema() through the bindings).
//
// One row per input message, in input order, always. A problem with one
// message is a RowStatus on its row, never a failure of the batch.
//
// Columns (name: type; meaning; null rule):
//   status:        dictionary<string>; RowStatus name; never null
//   text_redacted: large_string; cleaned text with PII replaced by typed
//                  placeholders; null iff status == "null"
//   n_bytes:       int64; UTF-8 bytes of the input as given (before the cap)
//   n_tokens:      int32; word, number, emoji and placeholder tokens
//   script:        dictionary<string>; ISO 15924 code of the dominant
//                  script, "Zyyy" when there are no letters
//   pii_count:     int32; PII items redacted, all types
//   pii_<type>:    int32; per type: email phone card iban ip url custom
//   lang:          dictionary<string>; ISO 639-1 code (639-3 where none);
//                  null when there is no evidence, no language model, or
//                  the text is in a language outside a restricted list
//   lang_confidence: float32 in [0, 1]; 0 when lang is null
//   lang_alt:      dictionary<string>; the runner-up when its probability
//                  is at least kLangAltMin, else null; when lang is null
//                  because the text is in a language outside a restricted
//                  list (langid.h, LanguageGuess::outside), that language
//   emotion:       dictionary<string>; the dominant customer-service emotion
//                  (emotion.h CsEmotionLabels); null without an emotion model
//   emo_<name>:    float32 in [0, 1]; per customer-service emotion
//   valence:       float32 in [-1, 1]; intensity: float32 in [0, 1]
//   polarity:      dictionary<string>; negative, neutral, positive, mixed
//   emotion_confidence: float32 in [0, 1]; 0 for empty and null rows
//   nes:           int8 in {-1, 0, 1}; the row's Net Emotion Score vote
//   signal_<name>: bool (uint8 0/1 here); per signal: effort churn urgency
//                  escalation (signals.h); false without rules or text
#ifndef KVETCH_RESULT_H_
#define KVETCH_RESULT_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kvetch/emotion.h"
#include "kvetch/pii.h"
#include "kvetch/signals.h"

namespace kvetch {

// The status of one row. When several apply, the first in this order wins:
// null, empty, truncated, repaired_utf8, ok.
enum class RowStatus : uint8_t {
  kOk = 0,            // Analysed as given.
  kEmpty = 1,         // Nothing but whitespace or invisible characters.
  kNull = 2,          // No value (None, NaN, Arrow null).
  kRepairedUtf8 = 3,  // Ill-formed UTF-8 replaced by U+FFFD, then analysed.
  kTruncated = 4,     // Longer than max_bytes: the prefix was analysed
                      // (even when it holds no word: it wins over kEmpty).
};
inline constexpr int kNumRowStatuses = 5;

// A runner-up language is reported when its probability is at least this.
inline constexpr float kLangAltMin = 0.1f;

// "ok", "empty", "null", "repaired_utf8", "truncated".
std::string_view RowStatusName(RowStatus status);

struct ColumnInfo {
  std::string_view name;
  std::string_view type;
  std::string_view meaning;
};

// The columns of an AnalysisBatch, in output order.
const std::vector<ColumnInfo>& ResultSchema();

// Columnar results of Analyzer::Run: every vector has one entry per row
// (text_offsets has size() + 1, Arrow large_string layout over text_data).
struct AnalysisBatch {
  std::vector<uint8_t> status;  // RowStatus
  std::vector<int64_t> text_offsets;
  std::string text_data;
  std::vector<int64_t> n_bytes;
  std::vector<int32_t> n_tokens;
  std::vector<uint16_t> script;  // ICU script code; ScriptName() names it
  std::vector<int32_t> pii_count;
  std::array<std::vector<int32_t>, kNumPiiTypes> pii_by_type;
  std::vector<int16_t> lang;      // index into Analyzer::languages(); -1
  std::vector<float> lang_confidence;
  std::vector<int16_t> lang_alt;  // -1 when not close
  // Emotion (emotion.h); emotion and polarity are -1 without a model.
  std::vector<int8_t> emotion;  // index into CsEmotionLabels()
  std::array<std::vector<float>, kNumCsEmotions> emo;
  std::vector<float> valence;
  std::vector<float> intensity;
  std::vector<int8_t> polarity;  // Polarity value
  std::vector<float> emotion_confidence;
  std::vector<int8_t> nes;
  // Row-major size() x kNumGoLabels; filled only with
  // AnalyzerOptions::emotion_details (EmotionScorer.predict_proba).
  std::vector<float> go_emotions;
  std::array<std::vector<uint8_t>, kNumSignals> signal_by_type;  // 0 or 1

  int64_t size() const { return static_cast<int64_t>(status.size()); }
  void Resize(int64_t n);
  std::string_view TextRedacted(int64_t row) const {
    return std::string_view(text_data)
        .substr(text_offsets[row], text_offsets[row + 1] - text_offsets[row]);
  }
};

}  // namespace kvetch

#endif  // KVETCH_RESULT_H_
