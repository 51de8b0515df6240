// tests/fuzz/fuzz_targets.h: the fuzz targets' bodies, shared by the
// libFuzzer programs (tests/fuzz/fuzz_main.cc, `make fuzz`) and by the
// Catch2 test that replays every input kept in tests/data/fuzz/<target>/
// (tests/cpp/fuzz_regression_test.cc).
//
// Each target takes arbitrary bytes, runs one entry point of the core on
// them and checks its documented contract: no crash, no sanitizer report,
// and the invariants listed by each function below. A broken invariant
// throws std::logic_error naming it: uncaught in a libFuzzer program, it
// aborts and libFuzzer keeps the input; the replay test expects no throw.
#ifndef KVETCH_TESTS_FUZZ_FUZZ_TARGETS_H_
#define KVETCH_TESTS_FUZZ_FUZZ_TARGETS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kvetch::fuzz {

// Analyzer::Run with every bundled model and the signal packs. Byte 0
// picks options (bit 0: a length cap of 37 bytes instead of the default,
// bit 1: null rows for empty pieces); the rest is split at 0x1E into at most 64
// messages. Checks: one row per message, null rows null, valid statuses,
// valid UTF-8 redacted text, PII counts that add up, language, emotion and
// signal columns in range, and the same batch from 1 and 2 threads.
void Analyze(const uint8_t* data, size_t size);

// CsvQuoteScan fed the bytes whole and in two pieces (split where byte 0
// says): the same open_at, and -1 or an offset of a '"' inside the input.
void CsvQuotes(const uint8_t* data, size_t size);

// Cleaning, normalisation, tokenisation, sentence splitting, dominant
// script and BodyEnd on one text: tokens and sentences are in order and
// inside their text, BodyEnd is at most the text's size.
void Text(const uint8_t* data, size_t size);

// A custom PII pattern (bytes before the first 0x1E) compiled next to the
// built-in ones, then run on the rest: either a clean error, or matches
// that are sorted, disjoint and inside the text, and a redaction whose
// placeholders are where it says.
void PiiPattern(const uint8_t* data, size_t size);

// A user signal rule (byte 0 picks the signal, the bytes up to the first
// 0x1E are the pattern; byte 0's high bit adds the pattern's second half
// as the rule's exception) with the bundled negation cues, and a text:
// either a clean error, or Match and Explain agree (every signal Match
// reports has a hit that is neither negated nor excepted, and no other)
// and spans are inside the text.
void SignalRule(const uint8_t* data, size_t size);

// ModelFile::Parse of the bytes as each model kind, then the kind's loader
// (LanguageDetector, EmotionScorer, Embedder FromModel); with an odd first
// byte the header is made valid first, so that mutations reach the section
// table and the loaders. Either a loaded model or an error naming the file.
void ModelBytes(const uint8_t* data, size_t size);

// The bundled embedding table on messages split at 0x1E: each vector is
// finite and unit length, or zero with no known token; 1 and 2 threads
// agree.
void Embed(const uint8_t* data, size_t size);

// The names above, for fuzz_main.cc and the replay test.
using TargetFn = void (*)(const uint8_t*, size_t);
struct Target {
  std::string_view name;
  TargetFn fn;
};
inline constexpr Target kTargets[] = {
    {"analyze", Analyze},         {"csv_quotes", CsvQuotes},
    {"text", Text},               {"pii_pattern", PiiPattern},
    {"signal_rule", SignalRule},  {"model_bytes", ModelBytes},
    {"embed", Embed},
};

}  // namespace kvetch::fuzz

#endif  // KVETCH_TESTS_FUZZ_FUZZ_TARGETS_H_
