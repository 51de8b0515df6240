// Tables for the fast paths of normalisation and word segmentation.
//
// The tables cover the code points of most customer text: below U+0800
// (ASCII, Latin, IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic), U+2000-U+2BFF
// (punctuation, currency, letterlike and other symbols, arrows, dingbats)
// and U+1F000-U+1FAFF (emoji). For a character with combining class 0 whose
// NFKC quick check is not "maybe", NFKC + case folding acts on it alone; and
// word segmentation needs only a few classes, as long as no ZWJ, variation
// selector, skin tone or regional indicator is around (those stay with
// ICU). Both are computed once from ICU itself, so the fast paths give ICU's
// answers; text_test.cc checks them against ICU.
#ifndef KVETCH_INTERNAL_FAST_CHARS_H_
#define KVETCH_INTERNAL_FAST_CHARS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace kvetch::internal {



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

// The entry for `c`, or nullptr if `c` is outside the tables. Thread-safe.
const FastChar* LookupFast(char32_t c);

// The entries for U+0000..U+07FF, contiguous: a lookup without range checks
// for the hottest code points. Thread-safe.
inline constexpr char32_t kLowLimit = 0x800;
const FastChar* LowTable();

// LookupFast with the low table hoisted by the caller.
inline const FastChar* LookupFast(const FastChar* low, char32_t c) {
  return c < kLowLimit ? low + c : LookupFast(c);
}

// The UScriptCode of `c` if it is a letter (u_isalpha) of a script other
// than Common or Inherited, else -1: what DominantScript counts. A table
// lookup below U+10000. Thread-safe.
int LetterScript(char32_t c);

// NFKC then case folding through ICU, no fast path; appends to *out.
void NormalizeIcu(std::string_view text, std::string* out);

}  // namespace kvetch::internal

#endif  // KVETCH_INTERNAL_FAST_CHARS_H_
