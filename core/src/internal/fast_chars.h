// Tables for the fast paths of normalisation and word segmentation.
//
// Below U+0530 (ASCII, the Latin blocks, IPA, Greek, Cyrillic), leaving out
// the few combining marks there, no character composes with or reorders
// against its neighbours, so NFKC + case folding acts on each code point
// alone; and word segmentation needs only a few classes. Both are computed
// once from ICU itself, so the fast paths give ICU's answers (text_test.cc
// checks all pairs of such code points against ICU).
#ifndef KVETCH_INTERNAL_FAST_CHARS_H_
#define KVETCH_INTERNAL_FAST_CHARS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kvetch::internal {

inline constexpr char32_t kFastLimit = 0x530;

// Word-break classes as ICU's root rules use them on these characters.
enum class FastWb : uint8_t {
  kLetter,       // ALetter; '@' too (ICU's rules), though it is no letter
  kDigit,        // Numeric
  kJoiner,       // ExtendNumLet: '_'
  kMidLetter,    // joins letters: U+00B7 (':' is taken out by ICU root)
  kMidNumLet,    // joins letters or digits: '.', '\''
  kMidNum,       // joins digits: ',', ';'
  kSpace,        // whitespace: never a token
  kOther,        // a segment of its own; `other_kind` says which token
  kUnsupported,  // needs the full ICU rules (controls, marks, formats)
};

struct FastChar {
  std::string fold;       // NFKC then case folding, UTF-8.
  bool fast_fold = false; // fold may be used alone (no combining class)
  FastWb wb = FastWb::kUnsupported;
  bool alpha = false;     // a letter (word token) rather than '@'
  uint8_t other_kind = 0; // TokenKind for kOther characters
  int16_t script = -1;    // UScriptCode of a letter; -1 for non-letters
};

// The table for every code point below kFastLimit. Thread-safe.
const std::array<FastChar, kFastLimit>& FastChars();

// NFKC then case folding through ICU, no fast path; appends to *out.
void NormalizeIcu(std::string_view text, std::string* out);

}  // namespace kvetch::internal

#endif  // KVETCH_INTERNAL_FAST_CHARS_H_
