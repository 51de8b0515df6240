#include "internal/latin.h"

#include <unicode/uchar.h>

#include "internal/utf8.h"
#include "kvetch/text.h"

namespace kvetch::internal {
namespace {

LatinWb AsciiClass(char32_t c) {
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return LatinWb::kLetter;
  if (c >= '0' && c <= '9') return LatinWb::kDigit;
  switch (c) {
    case '@': return LatinWb::kLetter;
    case '_': return LatinWb::kJoiner;
    case '.':
    case '\'': return LatinWb::kMidNumLet;
    case ',':
    case ';': return LatinWb::kMidNum;
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
      return LatinWb::kSpace;
  }
  return (c < 0x20 || c == 0x7F) ? LatinWb::kUnsupported : LatinWb::kOther;
}

LatinWb NonAsciiClass(char32_t c) {
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER: return LatinWb::kLetter;
    case U_WB_MIDLETTER: return LatinWb::kMidLetter;
    case U_WB_MIDNUMLET: return LatinWb::kMidNumLet;
    case U_WB_MIDNUM: return LatinWb::kMidNum;
    case U_WB_OTHER:
      // Letters and digits outside ALetter/Numeric need ICU's full rules.
      if (u_isalpha(c) || u_isdigit(c) || (c >= 0x80 && c <= 0x9F)) {
        return LatinWb::kUnsupported;
      }
      return u_isUWhiteSpace(c) ? LatinWb::kSpace : LatinWb::kOther;
    default: return LatinWb::kUnsupported;
  }
}

TokenKind OtherKind(char32_t c) {
  bool emoji = u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
               u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION);
  return emoji ? TokenKind::kEmoji : TokenKind::kPunct;
}

std::array<LatinChar, kLatinLimit>* Build() {
  auto* t = new std::array<LatinChar, kLatinLimit>();
  for (char32_t c = 0; c < kLatinLimit; ++c) {
    LatinChar& e = (*t)[c];
    std::string utf8;
    AppendUtf8(c, &utf8);
    NormalizeIcu(utf8, &e.fold);
    e.wb = c < 0x80 ? AsciiClass(c) : NonAsciiClass(c);
    e.alpha = u_isalpha(c) != 0;
    e.other_kind = static_cast<uint8_t>(OtherKind(c));
  }
  return t;
}

}  // namespace

const std::array<LatinChar, kLatinLimit>& LatinChars() {
  static const auto* table = Build();
  return *table;
}

}  // namespace kvetch::internal
