// Tokenizer: UAX #29 word and sentence segmentation.
//
// The ICU path runs ICU's rule-based break iterators over the UTF-8 bytes
// through a UText, so boundaries are byte offsets. Each segment is then
// classified by its code points (letter -> word, digit -> number, emoji,
// whitespace -> dropped, else punctuation), which treats all scripts alike.
//
// The ASCII path applies the subset of UAX #29 that can fire on ASCII, as in
// ICU's root rules (which take ':' out of MidLetter):
//   letters, digits and '_' join (WB5, WB8-10, WB13a/b); ICU counts '@' as
//   a letter here (so "a@b" stays one segment) but not when classifying;
//   '.' and '\'' join letter-letter and digit-digit (WB6/7, WB11/12);
//   ',' and ';' join digit-digit only (WB11/12);
//   any other character is a segment of its own.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "internal/utf8.h"
#include "kvetch/text.h"

namespace kvetch {
namespace {

using internal::DecodeUtf8;

// Break iterators are costly to build from rules; build each once and clone.
const icu::BreakIterator& Prototype(bool sentences) {
  static const icu::BreakIterator* words = [] {
    UErrorCode st = U_ZERO_ERROR;
    return icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st);
  }();
  static const icu::BreakIterator* sents = [] {
    UErrorCode st = U_ZERO_ERROR;
    return icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(),
                                                      st);
  }();
  return sentences ? *sents : *words;
}

enum class Seg { kSkip, kWord, kNumber, kEmoji, kPunct };

Seg ClassifySegment(std::string_view seg) {
  bool digit = false, keycap = false, space = true;
  char32_t first = 0;
  for (size_t i = 0; i < seg.size();) {
    char32_t c;
    i += DecodeUtf8(seg, i, &c);
    if (first == 0) first = c;
    if (u_isalpha(c)) return Seg::kWord;
    digit |= u_isdigit(c) != 0;
    keycap |= c == 0x20E3;
    space &= u_isUWhiteSpace(c) || c == 0x200D || c == 0x200C;
  }
  if (keycap) return Seg::kEmoji;
  if (digit) return Seg::kNumber;
  if (space) return Seg::kSkip;
  if (u_hasBinaryProperty(first, UCHAR_EXTENDED_PICTOGRAPHIC) ||
      u_hasBinaryProperty(first, UCHAR_REGIONAL_INDICATOR) ||
      u_hasBinaryProperty(first, UCHAR_EMOJI_PRESENTATION)) {
    return Seg::kEmoji;
  }
  return Seg::kPunct;
}

void Emit(Seg seg, uint32_t begin, uint32_t end, std::vector<Token>* out) {
  static constexpr TokenKind kKinds[] = {TokenKind::kWord, TokenKind::kWord,
                                         TokenKind::kNumber, TokenKind::kEmoji,
                                         TokenKind::kPunct};
  if (seg == Seg::kSkip) return;
  out->push_back(Token{Span{begin, end}, kKinds[static_cast<int>(seg)]});
}

inline bool IsAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// ALetter in ICU's root word rules: letters and '@'.
inline bool IsSegLetter(char c) { return IsAlpha(c) || c == '@'; }
inline bool IsWordChar(char c) {
  return IsSegLetter(c) || IsDigit(c) || c == '_';
}
inline bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

// Whether s[j], a separator inside a word, joins s[j-1] and s[j+1].
bool JoinsAt(std::string_view s, size_t j) {
  if (j + 1 >= s.size()) return false;
  char prev = s[j - 1], mid = s[j], next = s[j + 1];
  bool letters = IsSegLetter(prev) && IsSegLetter(next);
  bool digits = IsDigit(prev) && IsDigit(next);
  if (mid == '.' || mid == '\'') return letters || digits;
  if (mid == ',' || mid == ';') return digits;
  return false;
}

// Length of the word segment starting at s[i], a word character.
size_t WordLength(std::string_view s, size_t i, bool* has_alpha,
                  bool* has_digit) {
  size_t j = i;
  while (j < s.size()) {
    char c = s[j];
    if (IsWordChar(c)) {
      *has_alpha |= IsAlpha(c);
      *has_digit |= IsDigit(c);
      ++j;
    } else if (j > i && JoinsAt(s, j)) {
      j += 1;
    } else {
      break;
    }
  }
  return j - i;
}

void TokenizeAscii(std::string_view s, uint32_t base, std::vector<Token>* out) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (IsSpace(c)) {
      ++i;
    } else if (IsWordChar(c)) {
      bool alpha = false, digit = false;
      size_t n = WordLength(s, i, &alpha, &digit);
      Seg seg = alpha ? Seg::kWord : digit ? Seg::kNumber : Seg::kPunct;
      Emit(seg, base + i, base + i + n, out);
      i += n;
    } else {
      Emit(Seg::kPunct, base + i, base + i + 1, out);
      ++i;
    }
  }
}

// Calls fn(begin, end) for each segment of `text` found by `it`.
template <typename Fn>
void ForEachSegment(icu::BreakIterator* it, std::string_view text, Fn fn) {
  UErrorCode st = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &st);
  if (U_FAILURE(st)) return;
  it->setText(&ut, st);
  if (U_SUCCESS(st)) {
    int32_t start = it->first();
    for (int32_t end = it->next(); end != icu::BreakIterator::DONE;
         start = end, end = it->next()) {
      fn(static_cast<uint32_t>(start), static_cast<uint32_t>(end));
    }
  }
  utext_close(&ut);
}

}  // namespace

struct Tokenizer::Impl {
  std::unique_ptr<icu::BreakIterator> words{Prototype(false).clone()};
  std::unique_ptr<icu::BreakIterator> sentences{Prototype(true).clone()};
};

Tokenizer::Tokenizer() : impl_(std::make_unique<Impl>()) {}
Tokenizer::~Tokenizer() = default;

void Tokenizer::Tokenize(std::string_view norm, uint32_t base,
                         std::vector<Token>* out, bool force_icu) {
  if (!force_icu && IsAscii(norm)) {
    TokenizeAscii(norm, base, out);
    return;
  }
  ForEachSegment(impl_->words.get(), norm, [&](uint32_t b, uint32_t e) {
    Emit(ClassifySegment(norm.substr(b, e - b)), base + b, base + e, out);
  });
}

void Tokenizer::NormalizeAndTokenize(std::string_view text,
                                     const std::vector<Span>& atomic,
                                     Document* doc) {
  doc->Clear();
  auto add_piece = [&](std::string_view piece) {
    uint32_t base = static_cast<uint32_t>(doc->norm.size());
    NormalizeForMatching(piece, &doc->norm);
    Tokenize(std::string_view(doc->norm).substr(base), base, &doc->tokens);
  };
  uint32_t pos = 0;
  for (const Span& s : atomic) {
    add_piece(text.substr(pos, s.begin - pos));
    uint32_t base = static_cast<uint32_t>(doc->norm.size());
    doc->norm.append(text.substr(s.begin, s.end - s.begin));
    doc->tokens.push_back(
        Token{Span{base, static_cast<uint32_t>(doc->norm.size())},
              TokenKind::kPlaceholder});
    pos = s.end;
  }
  add_piece(text.substr(pos));
}

void Tokenizer::SplitSentences(std::string_view text, std::vector<Span>* out) {
  ForEachSegment(impl_->sentences.get(), text, [&](uint32_t b, uint32_t e) {
    while (e > b && IsSpace(text[e - 1])) --e;
    while (b < e && IsSpace(text[b])) ++b;
    if (e > b) out->push_back(Span{b, e});
  });
}

}  // namespace kvetch
