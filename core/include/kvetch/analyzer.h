// kvetch/analyzer.h: the batch pipeline. Runs every unit over a batch of
// messages in parallel and returns columnar results (result.h).
//
//   kvetch::AnalyzerOptions opts;
//   opts.n_threads = 4;
//   auto analyzer = kvetch::Analyzer::Create(opts);
//   if (!analyzer.ok()) return analyzer.status();
//   std::vector<std::string_view> texts = {"Refund please!", "mail a@b.co"};
//   kvetch::AnalysisBatch out = (*analyzer)->Run(
//       kvetch::TextColumn::FromViews(texts.data(), nullptr, texts.size()));
//
// Per message, independently: clean (text.h), redact PII (pii.h), normalise
// and tokenise the redacted text, dominant script, language (langid.h),
// emotion (emotion.h). Each message is a pure
// customer-service signals (signals.h). Each message is a pure
// function of its text and the immutable Analyzer, so results are identical
// whatever n_threads is and however the batch is split.
//
// Not done here: reading files, cross-message work (clustering, NES).
#ifndef KVETCH_ANALYZER_H_
#define KVETCH_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "kvetch/emotion.h"
#include "kvetch/langid.h"
#include "kvetch/pii.h"
#include "kvetch/result.h"
#include "kvetch/signals.h"
#include "kvetch/status.h"
#include "kvetch/text.h"

namespace kvetch {

// Threads to use when none are given: OMP_NUM_THREADS if set to a positive
// integer, else the CPUs this process may run on. At least 1.
int DefaultThreadCount();

// The concurrency a tbb::task_arena asked for n_threads gets: n_threads, at
// most the CPUs TBB may use (tbb::info::default_concurrency()). Asking TBB
// for more printed "TBB Warning: ... request ... is ignored" and ran on those
// CPUs anyway. Results do not depend on it.
int ArenaThreads(int n_threads);

struct AnalyzerOptions {
  int n_threads = 0;                  // <= 0: DefaultThreadCount().
  size_t max_bytes = kDefaultMaxBytes;  // 1 .. kMaxMaxBytes.
  PiiOptions pii;
  // Language identification: a model file (langid.h); empty: no lang
  // columns are filled. `languages` restricts the candidates; a guess below
  // `min_lang_confidence` becomes no answer.
  std::string langid_model;
  std::vector<std::string> languages;
  float min_lang_confidence = 0.0f;
  int langid_max_order = kLangidMaxOrder;  // kLangidLowOrder: "low" mode
  // Emotion (emotion.h): a model file; empty: the emotion columns stay
  // null. `emotion_details` also fills AnalysisBatch::go_emotions.
  std::string emotion_model;
  bool emotion_details = false;
  // Customer-service signals (signals.h); no rules file and no rules: the
  // signal_* columns stay false.
  SignalOptions signals;
  // Only the language columns are wanted (LanguageDetector.detect_batch):
  // a one-line message whose dominant script alone decides its language
  // (langid.h, DecidedBy) is not tokenised, and its n_tokens is -1. Every other
  // column is as without it. Needs a language model; no emotion model and
  // no signals.
  bool language_only = false;
};
inline constexpr size_t kMaxMaxBytes = size_t{1} << 30;

// A read-only view of N messages that the caller owns and keeps alive for
// the duration of Run. Either string views, or an Arrow string/binary array
// (32- or 64-bit offsets, optional LSB-first validity bitmap). Bytes need
// not be valid UTF-8.
class TextColumn {
 public:
  // is_null may be nullptr; else is_null[i] != 0 marks row i null.
  static TextColumn FromViews(const std::string_view* views,
                              const uint8_t* is_null, int64_t n);
  // Arrow layout: offsets[offset .. offset + n] index into data.
  static TextColumn FromArrow(const char* data, const int32_t* offsets,
                              const uint8_t* validity, int64_t offset,
                              int64_t n);
  static TextColumn FromArrow(const char* data, const int64_t* offsets,
                              const uint8_t* validity, int64_t offset,
                              int64_t n);

  int64_t size() const { return n_; }
  bool IsNull(int64_t i) const;
  std::string_view Get(int64_t i) const;  // Empty for null rows.

 private:
  TextColumn() = default;
  const std::string_view* views_ = nullptr;
  const uint8_t* is_null_ = nullptr;
  const char* data_ = nullptr;
  const int32_t* offsets32_ = nullptr;
  const int64_t* offsets64_ = nullptr;
  const uint8_t* validity_ = nullptr;
  int64_t offset_ = 0;
  int64_t n_ = 0;
};

// Immutable after Create and thread-safe: Run may be called from several
// threads at once (they share the analyzer's task arena).
class Analyzer {
 public:
  // Errors: kInvalidArgument for out-of-range options, kInvalidPattern for a
  // bad custom PII pattern or signal rule (the message names it), kIoError
  // for an unreadable signal rules file.
  static StatusOr<std::unique_ptr<Analyzer>> Create(
      const AnalyzerOptions& options);
  ~Analyzer();

  // Analyses every message of `texts` on n_threads threads. Never fails:
  // problems with a message are that row's status. Output row i is input
  // row i. O(total bytes, capped at max_bytes per message).
  AnalysisBatch Run(const TextColumn& texts) const;

  const AnalyzerOptions& options() const;
  int n_threads() const;
  // The codes that the lang and lang_alt columns index; empty without a
  // language model.
  const std::vector<std::string>& languages() const;
  // The analyzer's language detector (null without a language model); it
  // lives as long as the analyzer.
  const LanguageDetector* language_detector() const;
  // One text prepared as Run prepares a row (cleaned, capped, PII redacted,
  // normalised), then read by the language detector: its guess (as Run's
  // lang / lang_alt columns before min_lang_confidence) and, when `probs`
  // is not null, LanguageDetector::Probabilities. An empty guess without a
  // language model.
  LanguageGuess DetectLanguage(std::string_view text,
                               std::vector<std::pair<int, float>>* probs) const;
  // The analyzer's emotion scorer (null without an emotion model); it lives
  // as long as the analyzer.
  const EmotionScorer* emotion_scorer() const;

 private:
  struct Impl;
  explicit Analyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kvetch

#endif  // KVETCH_ANALYZER_H_
