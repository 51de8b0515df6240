// kvetch/langid.h: language identification.
//
//   auto det = kvetch::LanguageDetector::Load("langid.kvm", {});
//   if (!det.ok()) return det.status();
//   kvetch::Tokenizer tok;
//   kvetch::Document doc;
//   tok.NormalizeAndTokenize(clean_text, {}, &doc);
//   kvetch::LanguageGuess g =
//       (*det)->Detect(doc, kvetch::DominantScript(clean_text));
//   // g.lang indexes (*det)->languages(); -1 means "no evidence"
//
// Method: multinomial naive Bayes over hashed character n-grams (orders 2
// to 5 of each word padded with spaces, and the whole word) of the normalised text, trained by
// models/langid/train_langid.py. The dominant script narrows the candidates
// first: a script used by one candidate language decides alone (Greek,
// Hebrew, Thai, Hangul, kana, Georgian, Armenian, ...). Close pairs listed
// in the model (id/ms) get a second stage when they are the top two: a
// logistic regression over the same features splits their probability
// mass (default mode only). Numbers, emoji,
// punctuation and PII placeholders carry no evidence; text with fewer than
// kLangidMinLetters letters gets no answer. Only the message body counts
// (kvetch/body.h: no quoted reply, signature, client footer or disclaimer;
// sign-offs count) when it has kLangidMinLetters letters, with its own
// dominant script; else the text before any signature, footer or
// disclaimer (a short reply above a quoted message takes the thread's
// language); else no answer.
//
// Not done here: mixed-language spans (Python's detect_mixed splits
// sentences), routing.
//
// A LanguageDetector is immutable after Load and thread-safe. Detect is
// O(features x languages), allocation-free after warm-up of `scratch`.
#ifndef KVETCH_LANGID_H_
#define KVETCH_LANGID_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kvetch/model_file.h"
#include "kvetch/status.h"
#include "kvetch/text.h"

namespace kvetch {

inline constexpr uint32_t kLangidBuckets = 1u << 18;
inline constexpr int kLangidMaxOrder = 5;
inline constexpr int kLangidMaxWords = 256;  // bounded sample of long texts
inline constexpr int kLangidMinLetters = 3;
// A detector restricted to some languages answers "none of these" for a
// text of at least this many letters that another language of the model
// explains far better (LanguageGuess::outside).
inline constexpr int kLangidOutsideMinLetters = 12;

// Appends the hashed n-gram features of the word tokens of `doc` that end
// by byte `end` of doc.norm (at most kLangidMaxWords words) to *out. Each is
// in [0, kLangidBuckets). `max_order` below kLangidMaxOrder keeps only the
// shorter n-grams (and no whole words): the "low" mode, about half the
// features.
void LangidFeatures(const Document& doc, std::vector<uint32_t>* out,
                    int max_order = kLangidMaxOrder, size_t end = SIZE_MAX);
inline constexpr int kLangidLowOrder = 3;

// Normalises and tokenises each text, then appends its features to *out;
// offsets gets one entry per text plus one (CSR layout). For training.
void LangidFeaturesBatch(const std::vector<std::string>& texts,
                         std::vector<uint32_t>* out,
                         std::vector<int64_t>* offsets);

struct LanguageGuess {
  int lang = -1;  // Index into LanguageDetector::languages(); -1: none.
  float confidence = 0;
  int alt = -1;  // The runner-up; -1 if none.
  float alt_confidence = 0;
  // Restricted detectors only: when lang is -1 because the text is written
  // in a language outside the candidates (Swedish under en, de; Japanese
  // under en, fr), that language and its probability among the model's
  // languages of the text's script; else -1.
  int outside = -1;
  float outside_confidence = 0;
};

class LanguageDetector {
 public:
  // `languages` restricts the candidates (ISO codes; empty: all in the
  // model). A restricted detector answers one of them, or none when the
  // text is in a script none of them uses, or when its body (without
  // sign-off, signature, footers and quotes) has at least
  // kLangidOutsideMinLetters letters and a language outside the list
  // explains it at least 1000 times better than every candidate (then
  // LanguageGuess::outside names it). Shorter texts get the closest
  // candidate. Errors: kIoError / kInvalidModel naming the file; an unknown
  // language is kInvalidArgument naming it.
  // `max_order` in 2 .. kLangidMaxOrder: kLangidLowOrder is the faster,
  // less accurate "low" mode.
  static StatusOr<std::unique_ptr<LanguageDetector>> Load(
      const std::string& path, const std::vector<std::string>& languages,
      int max_order = kLangidMaxOrder);
  static StatusOr<std::unique_ptr<LanguageDetector>> FromModel(
      ModelFile file, const std::vector<std::string>& languages,
      int max_order = kLangidMaxOrder);

  // (language index, probability) over the candidates, most likely first,
  // summing to 1; empty when the text holds no evidence or is written in
  // a language outside the candidates (see Load).
  void Probabilities(const Document& doc, int script,
                     std::vector<std::pair<int, float>>* out) const;

  // Probabilities of raw text: cleans, normalises and tokenises it first;
  // placeholders of redacted text ("<EMAIL>") count as no evidence.
  void TextProbabilities(std::string_view text,
                         std::vector<std::pair<int, float>>* out) const;

  // The best and runner-up languages of Probabilities.
  LanguageGuess Detect(const Document& doc, int script) const;
  // Detect on raw text, prepared as TextProbabilities does.
  LanguageGuess TextDetect(std::string_view text) const;

  // The language that `script` alone decides (Greek, Hangul, kana, ...):
  // the only candidate written in it, when no other language of the model
  // is; else -1. For a text whose dominant script is `script` with at
  // least kLangidMinLetters letters of it, Detect answers this language
  // with confidence 1 and no runner-up, whatever the tokens.
  int DecidedBy(int script) const;

  // Every language of the model, ISO 639-1 (639-3 where none exists).
  const std::vector<std::string>& languages() const;
  // The candidates after restriction, as indexes into languages().
  const std::vector<int>& candidates() const;

  ~LanguageDetector();

 private:
  struct Impl;
  struct Scores;
  explicit LanguageDetector(std::unique_ptr<Impl> impl);
  Scores Score(const Document& doc, int script) const;
  Scores ScoreOutside(const Document& doc, size_t end,
                      const std::vector<int>* group, int all) const;
  void PenalizeRare(Scores* sc) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kvetch

#endif  // KVETCH_LANGID_H_
