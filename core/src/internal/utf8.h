// Internal UTF-8 helpers shared by the text and PII units.
#ifndef KVETCH_INTERNAL_UTF8_H_
#define KVETCH_INTERNAL_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace kvetch::internal {

inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// Decodes the code point at s[i] into *c and returns its length in bytes
// (>= 1). On ill-formed input sets *c = kInvalidCodePoint and returns the
// length of the maximal ill-formed subpart (Unicode 15, section 3.9,
// "U+FFFD substitution of maximal subparts"). Requires i < s.size().
inline size_t DecodeUtf8(std::string_view s, size_t i, char32_t* c) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  size_t avail = s.size() - i;
  unsigned char b0 = p[0];
  if (b0 < 0x80) {
    *c = b0;
    return 1;
  }
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // <= U+10FFFF
  } else {
    *c = kInvalidCodePoint;
    return 1;
  }
  for (size_t k = 1; k < len; ++k) {
    unsigned char b = k < avail ? p[k] : 0;
    unsigned char klo = k == 1 ? lo : 0x80, khi = k == 1 ? hi : 0xBF;
    if (k >= avail || b < klo || b > khi) {
      *c = kInvalidCodePoint;
      return k;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  *c = cp;
  return len;
}

// Appends the UTF-8 encoding of code point c (a scalar value) to *out.
inline void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace kvetch::internal

#endif  // KVETCH_INTERNAL_UTF8_H_
