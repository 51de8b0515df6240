// Tokenizer: UAX #29 word and sentence segmentation.
//
// The ICU path runs ICU's rule-based break iterators over the UTF-8 bytes
// through a UText, so boundaries are byte offsets. Each segment is then
// classified by its code points (letter -> word, digit -> number, emoji,
// whitespace -> dropped, else punctuation), which treats all scripts alike.
//
// The fast path (every code point in the tables of internal/fast_chars.h,
// none of them ZWJ, a variation selector, a skin tone or a regional
// indicator) applies the subset of UAX #29 that can fire there, as ICU's
// root rules do (they take ':' out of MidLetter and count '@' as a letter):
//   letters, digits and connectors ('_', U+203F) join (WB5, WB8-10, WB13);
//   MidNumLet ('.', '\'', U+2019) joins letters and digits (WB6/7, WB11/12);
//   MidLetter (U+00B7, U+2027) joins letters; MidNum (',', ';') digits;
//   any other character, a lone emoji included, is a segment of its own.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "internal/fast_chars.h"
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

using internal::FastChar;
using internal::FastWb;

// One code point of the text being segmented by the fast path.
struct Unit {
  uint32_t begin;
  uint32_t end;
  const FastChar* info;
};

// The units of a text as a vector (any text the tables cover).
using UnitVector = std::vector<Unit>;

// The units of pure ASCII text without controls, one per byte, computed on
// the fly: the same units FastUnits would build, without building them.
class AsciiUnits {
 public:
  AsciiUnits(std::string_view s, const FastChar* low) : s_(s), low_(low) {}
  size_t size() const { return s_.size(); }
  Unit operator[](size_t i) const {
    return Unit{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1),
                low_ + static_cast<unsigned char>(s_[i])};
  }

 private:
  std::string_view s_;
  const FastChar* low_;
};

// Splits `s` into units; false if any code point needs the ICU rules.
bool FastUnits(std::string_view s, UnitVector* units) {
  units->clear();
  const FastChar* low = internal::LowTable();
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    size_t n = DecodeUtf8(s, i, &c);
    const FastChar* info = internal::LookupFast(low, c);
    if (!info || info->wb == FastWb::kUnsupported) return false;
    units->push_back(Unit{static_cast<uint32_t>(i),
                          static_cast<uint32_t>(i + n), info});
    i += n;
  }
  return true;
}

// Whether `s` is ASCII that the fast tables cover (no control characters
// but whitespace).
bool IsFastAscii(std::string_view s, const FastChar* low) {
  for (unsigned char b : s) {
    if (b >= 0x80 || low[b].wb == FastWb::kUnsupported) return false;
  }
  return true;
}

bool IsWordUnit(FastWb wb) {
  return wb == FastWb::kLetter || wb == FastWb::kDigit ||
         wb == FastWb::kJoiner;
}

// Whether units[j], a separator inside a word, joins its neighbours
// (WB6/7: letters across MidLetter or MidNumLet; WB11/12: digits across
// MidNum or MidNumLet).
template <typename Units>
bool JoinsAt(const Units& u, size_t j) {
  if (j == 0 || j + 1 >= u.size()) return false;
  FastWb prev = u[j - 1].info->wb, mid = u[j].info->wb,
          next = u[j + 1].info->wb;
  bool letters = prev == FastWb::kLetter && next == FastWb::kLetter;
  bool digits = prev == FastWb::kDigit && next == FastWb::kDigit;
  switch (mid) {
    case FastWb::kMidNumLet: return letters || digits;
    case FastWb::kMidLetter: return letters;
    case FastWb::kMidNum: return digits;
    default: return false;
  }
}

// Emits the word starting at units[i]; returns the index after it.
template <typename Units>
size_t EmitWord(const Units& u, size_t i, uint32_t base,
                std::vector<Token>* out) {
  bool alpha = false, digit = false;
  size_t j = i;
  while (j < u.size()) {
    FastWb wb = u[j].info->wb;
    if (IsWordUnit(wb)) {
      alpha |= u[j].info->alpha;
      digit |= wb == FastWb::kDigit;
      ++j;
    } else if (j > i && JoinsAt(u, j)) {
      ++j;
    } else {
      break;
    }
  }
  Seg seg = alpha ? Seg::kWord : digit ? Seg::kNumber : Seg::kPunct;
  Emit(seg, base + u[i].begin, base + u[j - 1].end, out);
  return j;
}

// UAX #29 as ICU's root rules apply it to the units `u`.
template <typename Units>
void SegmentUnits(const Units& u, uint32_t base, std::vector<Token>* out) {
  for (size_t i = 0; i < u.size();) {
    FastWb wb = u[i].info->wb;
    if (IsWordUnit(wb)) {
      i = EmitWord(u, i, base, out);
      continue;
    }
    if (wb != FastWb::kSpace) {
      Seg seg = u[i].info->other_kind == static_cast<uint8_t>(TokenKind::kEmoji)
                    ? Seg::kEmoji
                    : Seg::kPunct;
      Emit(seg, base + u[i].begin, base + u[i].end, out);
    }
    ++i;
  }
}

// The fast path: UAX #29 as ICU's root rules apply it to text the fast
// tables cover; pure ASCII without building units. Returns false, emitting
// nothing, when the text needs ICU.
bool TokenizeFast(std::string_view s, uint32_t base, UnitVector* units,
                  std::vector<Token>* out) {
  const FastChar* low = internal::LowTable();
  if (IsFastAscii(s, low)) {
    SegmentUnits(AsciiUnits(s, low), base, out);
    return true;
  }
  if (!FastUnits(s, units)) return false;
  SegmentUnits(*units, base, out);
  return true;
}

inline bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

// The end of the stretch of `s` that starts at `start`: just after the next
// run of ASCII whitespace that is not followed by a character that joins
// it (WB4: Extend, Format, ZWJ; WB3d: another space, e.g. U+2003); s.size()
// if there is none.
size_t NextStretchEnd(std::string_view s, size_t start) {
  size_t i = start;
  while (i < s.size()) {
    while (i < s.size() && !IsSpace(s[i])) ++i;
    while (i < s.size() && IsSpace(s[i])) ++i;
    if (i >= s.size()) return s.size();
    char32_t c;
    DecodeUtf8(s, i, &c);
    int wb = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
    if (wb != U_WB_EXTEND && wb != U_WB_FORMAT && wb != U_WB_ZWJ &&
        wb != U_WB_WSEGSPACE) {
      return i;
    }
  }
  return s.size();
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
  UnitVector units;  // scratch for the fast path
};

Tokenizer::Tokenizer() : impl_(std::make_unique<Impl>()) {}
Tokenizer::~Tokenizer() = default;

void Tokenizer::TokenizeIcu(std::string_view norm, uint32_t base,
                            std::vector<Token>* out) {
  ForEachSegment(impl_->words.get(), norm, [&](uint32_t b, uint32_t e) {
    Emit(ClassifySegment(norm.substr(b, e - b)), base + b, base + e, out);
  });
}

void Tokenizer::Tokenize(std::string_view norm, uint32_t base,
                         std::vector<Token>* out, bool force_icu) {
  if (force_icu) return TokenizeIcu(norm, base, out);
  if (TokenizeFast(norm, base, &impl_->units, out)) return;
  // Some character needs ICU. Word boundaries always fall after a run of
  // ASCII whitespace unless what follows joins it (a mark, format character,
  // ZWJ or other space), so the text is cut there and each stretch takes the
  // fast path if it can.
  for (size_t start = 0; start < norm.size();) {
    size_t end = NextStretchEnd(norm, start);
    std::string_view stretch = norm.substr(start, end - start);
    uint32_t at = base + static_cast<uint32_t>(start);
    if (!TokenizeFast(stretch, at, &impl_->units, out)) {
      TokenizeIcu(stretch, at, out);
    }
    start = end;
  }
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
