// kvetch/text.h: the text layer. Every other unit sees a message only through
// what this layer makes of it.
//
//   std::string clean;
//   kvetch::CleanResult r = kvetch::CleanText(raw, 64 * 1024, &clean);
//   kvetch::Tokenizer tok;
//   kvetch::Document doc;
//   tok.NormalizeAndTokenize(clean, /*atomic=*/{}, &doc);
//   for (const kvetch::Token& t : doc.tokens) Use(doc.TokenText(t), t.kind);
//
// Stages, in order:
//   1. CleanText: cap the length at a code point boundary, repair ill-formed
//      UTF-8 (each maximal ill-formed subpart becomes U+FFFD), drop control
//      and invisible formatting characters (NUL, zero-width spaces, bidi
//      overrides, soft hyphens), and map full-width ASCII and exotic spaces to
//      ASCII. The result is what a person should see, and what PII runs on.
//   2. NormalizeAndTokenize: NFKC with case folding (ICU; ASCII fast path),
//      then UAX #29 word segmentation (ICU rules; dictionary-based for Thai,
//      CJK; an ASCII fast path that gives the same tokens). Emoji sequences
//      (ZWJ, skin tones, flags, keycaps) stay one token. Spans marked atomic
//      (PII placeholders) are copied verbatim and become one kPlaceholder
//      token each.
//   3. DominantScript: the ISO 15924 script most letters are written in.
//
// Not done here: language, meaning, PII (see pii.h); grapheme-exact length
// caps (the cap is on UTF-8 bytes).
#ifndef KVETCH_TEXT_H_
#define KVETCH_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kvetch {

// A half-open byte range [begin, end) in some UTF-8 string.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const Span& o) const {
    return begin == o.begin && end == o.end;
  }
};

// Default cap on one message: 64 KiB of UTF-8.
inline constexpr size_t kDefaultMaxBytes = 64 * 1024;

// The largest n <= max_bytes such that `text.substr(0, n)` does not end in
// the middle of a well-formed UTF-8 sequence. O(1).
size_t TruncationPoint(std::string_view text, size_t max_bytes);

struct CleanResult {
  bool truncated = false;      // The input was longer than max_bytes.
  bool repaired_utf8 = false;  // Ill-formed UTF-8 was replaced by U+FFFD.
};

// Replaces *out with the cleaned form of `raw` (stage 1 above). Never fails;
// the output is valid UTF-8 of at most 3 * max_bytes bytes (each byte of
// ill-formed input may become the 3-byte U+FFFD). Thread-safe. O(n)
// in min(raw.size(), max_bytes); allocates only by growing *out.
CleanResult CleanText(std::string_view raw, size_t max_bytes,
                      std::string* out);

// Appends to *out the valid UTF-8 form of `in`, each maximal ill-formed
// subpart (Unicode 15, section 3.9) replaced by U+FFFD. Returns whether any
// replacement was made. Thread-safe.
bool RepairUtf8(std::string_view in, std::string* out);

// True if every byte is < 0x80.
bool IsAscii(std::string_view text);

// Appends NFKC of valid UTF-8 `text`, then full Unicode case folding, to
// *out. Unlike ICU's NFKC_Casefold it keeps ZWJ and variation selectors, so
// emoji sequences survive. Text in the common blocks (ASCII, Latin, Greek,
// Cyrillic, Arabic, punctuation, symbols, single emoji) takes a table-driven
// fast path with the same result; `force_icu` disables it (for tests).
// Thread-safe.
void NormalizeForMatching(std::string_view text, std::string* out,
                          bool force_icu = false);

enum class TokenKind : uint8_t {
  kWord = 0,         // Contains a letter (any script, incl. Han, Thai).
  kNumber = 1,       // Digits, possibly with separators: 1,299.00
  kEmoji = 2,        // A whole emoji sequence, flag or keycap.
  kPunct = 3,        // One punctuation or symbol character.
  kPlaceholder = 4,  // An atomic span, e.g. "<EMAIL>".
};

struct Token {
  Span span;  // Byte range in Document::norm.
  TokenKind kind = TokenKind::kWord;
};

// A normalised message: its text and tokens. Reused across messages to
// avoid allocation (Clear keeps capacity).
struct Document {
  std::string norm;           // NFKC + case fold; placeholders verbatim.
  std::vector<Token> tokens;  // In text order; whitespace is not a token.

  void Clear() {
    norm.clear();
    tokens.clear();
  }
  std::string_view TokenText(const Token& t) const {
    return std::string_view(norm).substr(t.span.begin,
                                         t.span.end - t.span.begin);
  }
  // Tokens that carry content: words, numbers, emoji and placeholders.
  size_t CountContentTokens() const;
};

// Word and sentence segmentation with ICU rules. Holds ICU break iterators,
// so one Tokenizer must not be used by two threads at once (thread-
// compatible); make one per thread. Construction costs tens of microseconds.
class Tokenizer {
 public:
  Tokenizer();
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Clears *doc, then normalises `text` (valid UTF-8, e.g. from CleanText)
  // and tokenises it. `atomic` lists sorted, non-overlapping spans of `text`
  // that are copied verbatim and become one kPlaceholder token each.
  void NormalizeAndTokenize(std::string_view text,
                            const std::vector<Span>& atomic, Document* doc);

  // Appends tokens of normalised text `norm` (offsets shifted by `base`) to
  // *out. Stretches between spaces whose characters are all in common blocks
  // (ASCII, Latin, Greek, Cyrillic, Arabic, punctuation, symbols, single
  // emoji) take a fast path that yields the same tokens as ICU; the rest go
  // through ICU. `force_icu` sends everything through ICU (for tests).
  void Tokenize(std::string_view norm, uint32_t base, std::vector<Token>* out,
                bool force_icu = false);

  // Appends the sentences of valid UTF-8 `text` to *out as byte spans,
  // trailing whitespace excluded, empty sentences skipped (ICU sentence
  // rules, UAX #29).
  void SplitSentences(std::string_view text, std::vector<Span>* out);

 private:
  void TokenizeIcu(std::string_view norm, uint32_t base,
                   std::vector<Token>* out);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ICU script codes (UScriptCode values); kScriptCommon means no letters.
inline constexpr int kScriptCommon = 0;     // "Zyyy"
inline constexpr int kScriptHan = 17;       // "Hani"
inline constexpr int kScriptLatin = 25;     // "Latn"
inline constexpr int kScriptJapanese = 105; // "Jpan": Han mixed with kana.

// The script that most letters of valid UTF-8 `text` belong to (ties: the
// lower code). Han counts towards Japanese when kana are present. Returns
// kScriptCommon when there are no letters. Thread-safe; O(n).
// `letters`, if not null, receives the number of letters counted for the
// returned script (0 for kScriptCommon). Han, kana and Hangul characters
// count 3 letters each: each writes a syllable or a word.
int DominantScript(std::string_view text, uint32_t* letters = nullptr);

// ISO 15924 code of an ICU script code: "Latn", "Cyrl", "Jpan", ...;
// "Zzzz" for an unknown code.
std::string_view ScriptName(int script);

}  // namespace kvetch

#endif  // KVETCH_TEXT_H_
