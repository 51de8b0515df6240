// The text layer. Design notes:
//
// Cleaning walks the bytes once. Pure ASCII without control characters, the
// bulk of customer text, is copied as is. Otherwise a decoder that follows
// the Unicode "maximal subpart" practice both repairs and classifies each
// code point (keep, drop, map to ASCII) in the same pass.
//
// Normalisation and segmentation use ICU on UTF-8 directly (UText), so token
// offsets are byte offsets with no UTF-16 index mapping. For pure-ASCII text
// both have fast paths; the ASCII tokenizer implements the UAX #29 rules that
// can apply to ASCII (as ICU's root word rules do, i.e. ':' breaks) and
// text_test.cc checks it against ICU on random input.
#include "kvetch/text.h"

#include <unicode/brkiter.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <array>
#include <cstring>

#include "internal/fast_chars.h"
#include "internal/utf8.h"

namespace kvetch {
namespace {

using internal::AppendUtf8;
using internal::DecodeUtf8;

// What cleaning does with one valid code point.
enum class Keep { kYes, kDrop, kDropBetweenAscii };

Keep Classify(char32_t c) {
  if (c < 0x20) return (c == '\t' || c == '\n' || c == '\r') ? Keep::kYes
                                                             : Keep::kDrop;
  if (c == 0x7F || (c >= 0x80 && c <= 0x9F)) return Keep::kDrop;
  switch (c) {
    case 0x00AD:  // soft hyphen
    case 0x061C:  // Arabic letter mark
    case 0x180E:  // Mongolian vowel separator
    case 0x200B:  // zero width space
    case 0x200E:  // LRM
    case 0x200F:  // RLM
    case 0xFEFF:  // BOM / zero width no-break space
      return Keep::kDrop;
    case 0x200C:  // ZWNJ and ZWJ are meaningful in Persian, Indic scripts
    case 0x200D:  // and emoji; between ASCII characters they only hide text.
      return Keep::kDropBetweenAscii;
  }
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
      (c >= 0x2066 && c <= 0x2069)) {
    return Keep::kDrop;  // bidi embeddings, overrides, isolates; invisibles
  }
  return Keep::kYes;
}

// Full-width ASCII and exotic spaces map to ASCII, as NFKC would; this lets
// PII patterns see "０６ １２" or "06\u202F12" as digits and spaces.
char32_t MapToAscii(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  switch (c) {
    case 0x00A0:
    case 0x2007:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x3000:
      return ' ';
  }
  return c;
}

bool NeedsSlowClean(std::string_view s) {
  for (unsigned char b : s) {
    if (b >= 0x7F || (b < 0x20 && b != '\t' && b != '\n' && b != '\r')) {
      return true;
    }
  }
  return false;
}

bool IsAsciiByte(const std::string& out, std::string_view rest) {
  bool prev = !out.empty() && static_cast<unsigned char>(out.back()) < 0x80;
  bool next = !rest.empty() && static_cast<unsigned char>(rest[0]) < 0x80;
  return prev && next;
}

// Whether byte b passes cleaning unchanged and alone: printable ASCII,
// tab, newline, carriage return.
inline bool IsCleanAscii(unsigned char b) {
  return (b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || b == '\r';
}

// The end of the run of `in` from `i` that cleaning keeps byte for byte:
// clean ASCII and well-formed code points kept as they are.
size_t KeptRunEnd(std::string_view in, size_t i) {
  while (i < in.size()) {
    auto b = static_cast<unsigned char>(in[i]);
    if (IsCleanAscii(b)) {
      ++i;
      continue;
    }
    if (b < 0x80) return i;
    char32_t c;
    size_t n = DecodeUtf8(in, i, &c);
    if (c == internal::kInvalidCodePoint || Classify(c) != Keep::kYes ||
        MapToAscii(c) != c) {
      return i;
    }
    i += n;
  }
  return i;
}

// The slow path of CleanText: decode, repair, classify. Runs that are kept
// as they are are copied whole; the code point after each is repaired,
// dropped or mapped.
bool CleanSlow(std::string_view in, std::string* out) {
  bool repaired = false;
  size_t i = 0;
  while (i < in.size()) {
    size_t run = KeptRunEnd(in, i);
    out->append(in.data() + i, run - i);
    i = run;
    if (i >= in.size()) break;
    char32_t c;
    i += DecodeUtf8(in, i, &c);
    if (c == internal::kInvalidCodePoint) {
      repaired = true;
      AppendUtf8(0xFFFD, out);
      continue;
    }
    switch (Classify(c)) {
      case Keep::kDrop:
        continue;
      case Keep::kDropBetweenAscii:
        if (IsAsciiByte(*out, in.substr(i))) continue;
        break;
      case Keep::kYes:
        break;
    }
    AppendUtf8(MapToAscii(c), out);
  }
  return repaired;
}

}  // namespace

size_t TruncationPoint(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  size_t n = max_bytes;
  // Back off over at most 3 continuation bytes to the start of a sequence.
  for (int k = 0; k < 3 && n > 0; ++k) {
    if ((static_cast<unsigned char>(text[n]) & 0xC0) != 0x80) break;
    --n;
  }
  if ((static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) n = max_bytes;
  return n;
}

CleanResult CleanText(std::string_view raw, size_t max_bytes,
                      std::string* out) {
  CleanResult r;
  out->clear();
  size_t n = TruncationPoint(raw, max_bytes);
  r.truncated = n < raw.size();
  std::string_view in = raw.substr(0, n);
  if (!NeedsSlowClean(in)) {
    out->assign(in.data(), in.size());
    return r;
  }
  out->reserve(in.size() + 8);
  r.repaired_utf8 = CleanSlow(in, out);
  return r;
}

bool RepairUtf8(std::string_view in, std::string* out) {
  bool repaired = false;
  size_t i = 0;
  while (i < in.size()) {
    char32_t c;
    size_t n = DecodeUtf8(in, i, &c);
    if (c == internal::kInvalidCodePoint) {
      repaired = true;
      AppendUtf8(0xFFFD, out);
    } else {
      out->append(in.data() + i, n);
    }
    i += n;
  }
  return repaired;
}

bool IsAscii(std::string_view text) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const char* p = text.data();
  size_t i = 0;
  for (; i + 32 <= text.size(); i += 32) {  // 4 words, one test
    uint64_t w[4];
    std::memcpy(w, p + i, sizeof(w));
    if ((w[0] | w[1] | w[2] | w[3]) & kHigh) return false;
  }
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, sizeof(w));
    if (w & kHigh) return false;
  }
  unsigned char rest = 0;
  for (; i < text.size(); ++i) rest |= static_cast<unsigned char>(p[i]);
  return rest < 0x80;
}

namespace internal {

void NormalizeIcu(std::string_view text, std::string* out) {
  // NFKC, then full case folding. Not ICU's NFKC_Casefold: that also strips
  // default-ignorable characters, among them the ZWJ and U+FE0F that hold
  // emoji sequences together (CleanText already drops the harmful ones).
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  std::string composed;
  if (U_SUCCESS(status)) {
    icu::StringByteSink<std::string> sink(&composed);
    nfkc->normalizeUTF8(0, icu::StringPiece(text.data(), text.size()), sink,
                        nullptr, status);
  }
  if (U_SUCCESS(status)) {
    icu::StringByteSink<std::string> sink(out);
    icu::CaseMap::utf8Fold(0, composed, sink, nullptr, status);
  }
  // ICU only fails here on allocation failure or invalid input, which
  // CleanText excludes; keep the text rather than lose it.
  if (U_FAILURE(status)) out->append(text.data(), text.size());
}

}  // namespace internal

namespace {

void LowerAscii(std::string_view text, std::string* out) {
  size_t base = out->size();
  out->append(text.data(), text.size());
  for (size_t i = base; i < out->size(); ++i) {
    char& ch = (*out)[i];
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
}

// Appends the per-code-point folds when every code point is below
// the fast tables; returns false (appending nothing) otherwise.
bool NormalizeFast(std::string_view text, std::string* out) {
  size_t base = out->size();
  const internal::FastChar* low = internal::LowTable();
  for (size_t i = 0; i < text.size();) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    char32_t c;
    i += DecodeUtf8(text, i, &c);
    const internal::FastChar* f = internal::LookupFast(low, c);
    if (!f || !f->fast_fold) {
      out->resize(base);
      return false;
    }
    out->append(f->fold);
  }
  return true;
}

}  // namespace

void NormalizeForMatching(std::string_view text, std::string* out,
                          bool force_icu) {
  if (force_icu) return internal::NormalizeIcu(text, out);
  if (IsAscii(text)) return LowerAscii(text, out);
  if (NormalizeFast(text, out)) return;
  internal::NormalizeIcu(text, out);
}

size_t Document::CountContentTokens() const {
  size_t n = 0;
  for (const Token& t : tokens) n += t.kind != TokenKind::kPunct;
  return n;
}

// ---------------------------------------------------------------------------
// Dominant script.

namespace {

inline constexpr int kHan = USCRIPT_HAN;
inline constexpr int kHiragana = USCRIPT_HIRAGANA;
inline constexpr int kKatakana = USCRIPT_KATAKANA;

// Letter counts per script. A message uses few scripts, so the scripts seen
// are listed and only they are compared at the end.
class ScriptCounts {
 public:
  void Add(int script, uint32_t n) {
    if (n == 0) return;
    if (counts_[script] == 0) seen_[n_seen_++] = script;
    counts_[script] += n;
  }
  uint32_t Take(int script) {  // reads and clears one count
    uint32_t n = counts_[script];
    counts_[script] = 0;
    return n;
  }
  uint32_t Count(int script) const { return counts_[script]; }
  // The script with the most letters, the lowest code among ties;
  // kScriptCommon when there are none.
  int ArgMax() const {
    int best = kScriptCommon;
    uint32_t best_count = 0;
    for (int k = 0; k < n_seen_; ++k) {
      int s = seen_[k];
      uint32_t c = counts_[s];
      if (c > best_count || (c == best_count && c > 0 && s < best)) {
        best = s;
        best_count = c;
      }
    }
    return best;
  }

 private:
  std::array<uint32_t, USCRIPT_CODE_LIMIT> counts_{};
  // Each script at most once while its count is non-zero; a script whose
  // count was taken may be listed twice, harmlessly (its count is zero or
  // counted once by ArgMax).
  std::array<int, 2 * USCRIPT_CODE_LIMIT> seen_;
  int n_seen_ = 0;
};

// A Han, kana or Hangul character writes a syllable or a whole word, an
// alphabetic letter about a fifth of a word: weighted so, a Japanese
// sentence around a Latin brand name ("PayPayで支払えますか? #Lumio") is
// Japanese, and an English one around a katakana name stays English.
inline uint32_t LetterWeight(int script) {
  return script == kScriptHan || script == kHiragana || script == kKatakana ||
                 script == USCRIPT_HANGUL
             ? 3
             : 1;
}

inline bool IsAsciiLetter(unsigned char b) {
  return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
}

}  // namespace

int DominantScript(std::string_view text, uint32_t* letters) {
  uint32_t unused;
  if (letters == nullptr) letters = &unused;
  *letters = 0;
  if (IsAscii(text)) {
    for (unsigned char b : text) *letters += IsAsciiLetter(b);
    return *letters > 0 ? kScriptLatin : kScriptCommon;
  }
  ScriptCounts counts;
  uint32_t ascii_letters = 0;  // Latin, added at the end
  size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ascii_letters += IsAsciiLetter(b);
      ++i;
      continue;
    }
    char32_t c;
    i += DecodeUtf8(text, i, &c);
    int s = internal::LetterScript(c);
    if (s >= 0) counts.Add(s, LetterWeight(s));
  }
  counts.Add(kScriptLatin, ascii_letters);
  uint32_t kana = counts.Take(kHiragana) + counts.Take(kKatakana);
  if (kana > 0) counts.Add(kScriptJapanese, kana + counts.Take(kHan));
  int best = counts.ArgMax();
  *letters = best == kScriptCommon ? 0 : counts.Count(best);
  return best;
}

std::string_view ScriptName(int script) {
  if (script < 0 || script >= USCRIPT_CODE_LIMIT) return "Zzzz";
  const char* name = uscript_getShortName(static_cast<UScriptCode>(script));
  return name ? std::string_view(name) : std::string_view("Zzzz");
}

}  // namespace kvetch
