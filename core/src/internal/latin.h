// Tables for the Latin fast paths of normalisation and word segmentation.
//
// Below U+0250 (ASCII, Latin-1, Latin Extended-A and -B) no character has a
// combining class or composes with its neighbours, so NFKC + case folding
// acts on each code point alone; and word segmentation needs only a few
// classes. Both are computed once from ICU itself, so the fast paths give
// ICU's answers (text_test.cc checks all pairs of such code points).
#ifndef KVETCH_INTERNAL_LATIN_H_
#define KVETCH_INTERNAL_LATIN_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kvetch::internal {

inline constexpr char32_t kLatinLimit = 0x250;

// Word-break classes as ICU's root rules use them on these characters.
enum class LatinWb : uint8_t {
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

struct LatinChar {
  std::string fold;       // NFKC then case folding, UTF-8.
  LatinWb wb = LatinWb::kUnsupported;
  bool alpha = false;     // a letter (word token) rather than '@'
  uint8_t other_kind = 0; // TokenKind for kOther characters
};

// The table for every code point below kLatinLimit. Thread-safe.
const std::array<LatinChar, kLatinLimit>& LatinChars();

// NFKC then case folding through ICU, no fast path; appends to *out.
void NormalizeIcu(std::string_view text, std::string* out);

}  // namespace kvetch::internal

#endif  // KVETCH_INTERNAL_LATIN_H_
