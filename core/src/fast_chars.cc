#include "internal/fast_chars.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>

#include <iterator>
#include <vector>

#include "internal/utf8.h"
#include "kvetch/text.h"

namespace kvetch::internal {
namespace {

FastWb AsciiClass(char32_t c) {
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return FastWb::kLetter;
  if (c >= '0' && c <= '9') return FastWb::kDigit;
  switch (c) {
    case '@': return FastWb::kLetter;
    case '_': return FastWb::kJoiner;
    case '.':
    case '\'': return FastWb::kMidNumLet;
    case ',':
    case ';': return FastWb::kMidNum;
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
      return FastWb::kSpace;
  }
  return (c < 0x20 || c == 0x7F) ? FastWb::kUnsupported : FastWb::kOther;
}

FastWb NonAsciiClass(char32_t c) {
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER: return FastWb::kLetter;
    case U_WB_MIDLETTER: return FastWb::kMidLetter;
    case U_WB_MIDNUMLET: return FastWb::kMidNumLet;
    case U_WB_MIDNUM: return FastWb::kMidNum;
    case U_WB_NUMERIC: return FastWb::kDigit;
    case U_WB_EXTENDNUMLET: return FastWb::kJoiner;
    case U_WB_WSEGSPACE: return FastWb::kSpace;
    case U_WB_OTHER:
      // Letters and digits outside ALetter/Numeric need ICU's full rules.
      if (u_isalpha(c) || u_isdigit(c) || (c >= 0x80 && c <= 0x9F) ||
          u_getCombiningClass(c) != 0) {
        return FastWb::kUnsupported;
      }
      return u_isUWhiteSpace(c) ? FastWb::kSpace : FastWb::kOther;
    default: return FastWb::kUnsupported;
  }
}

TokenKind OtherKind(char32_t c) {
  bool emoji = u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
               u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION);
  return emoji ? TokenKind::kEmoji : TokenKind::kPunct;
}

struct Range {
  char32_t first;
  char32_t limit;
};
constexpr Range kRanges[] = {{0, kLowLimit}, {0x2000, 0x2C00}, {0x1F000, 0x1FB00}};

FastChar Make(char32_t c) {
  FastChar e;
  std::string utf8;
  AppendUtf8(c, &utf8);
  NormalizeIcu(utf8, &e.fold);
  e.fast_fold = u_getCombiningClass(c) == 0 &&
                u_getIntPropertyValue(c, UCHAR_NFKC_QUICK_CHECK) != UNORM_MAYBE;
  e.wb = c < 0x80 ? AsciiClass(c) : NonAsciiClass(c);
  e.alpha = u_isalpha(c) != 0;
  e.other_kind = static_cast<uint8_t>(OtherKind(c));
  UErrorCode st = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &st);
  if (e.alpha && U_SUCCESS(st) && s > USCRIPT_INHERITED) {
    e.script = static_cast<int16_t>(s);
  }
  return e;
}

struct Tables {
  std::vector<FastChar> range[std::size(kRanges)];
};

Tables* Build() {
  auto* t = new Tables();
  for (size_t r = 0; r < std::size(kRanges); ++r) {
    for (char32_t c = kRanges[r].first; c < kRanges[r].limit; ++c) {
      t->range[r].push_back(Make(c));
    }
  }
  return t;
}

const Tables& GetTables() {
  static const Tables* tables = Build();
  return *tables;
}

// Script of each BMP code point that is a letter: its UScriptCode, or
// kNoScript. 64 KiB, built once from ICU.
constexpr uint8_t kNoScript = 0xFF;
static_assert(USCRIPT_CODE_LIMIT < kNoScript, "script codes fit in a byte");

int IcuLetterScript(char32_t c) {
  if (!u_isalpha(c)) return -1;
  UErrorCode st = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &st);
  if (U_FAILURE(st) || s <= USCRIPT_INHERITED || s >= USCRIPT_CODE_LIMIT) {
    return -1;
  }
  return s;
}

const uint8_t* BmpScripts() {
  static const uint8_t* table = [] {
    auto* t = new uint8_t[0x10000];
    for (char32_t c = 0; c < 0x10000; ++c) {
      int s = IcuLetterScript(c);
      t[c] = s < 0 ? kNoScript : static_cast<uint8_t>(s);
    }
    return t;
  }();
  return table;
}

}  // namespace

int LetterScript(char32_t c) {
  if (c < 0x10000) {
    uint8_t s = BmpScripts()[c];
    return s == kNoScript ? -1 : s;
  }
  return c == kInvalidCodePoint ? -1 : IcuLetterScript(c);
}

const FastChar* LowTable() { return GetTables().range[0].data(); }

const FastChar* LookupFast(char32_t c) {
  const Tables* tables = &GetTables();
  for (size_t r = 0; r < std::size(kRanges); ++r) {
    if (c < kRanges[r].first) return nullptr;
    if (c < kRanges[r].limit) return &tables->range[r][c - kRanges[r].first];
  }
  return nullptr;
}

}  // namespace kvetch::internal
