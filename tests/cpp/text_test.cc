#include "kvetch/text.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "golden.h"
#include "internal/utf8.h"

namespace kvetch {
namespace {

using testing::ReadGolden;

std::string Join(const Document& doc, std::string* kinds) {
  static const char* kNames[] = {"word", "number", "emoji", "punct",
                                 "placeholder"};
  std::string out;
  for (const Token& t : doc.tokens) {
    if (!out.empty()) out += " | ", *kinds += " ";
    out += doc.TokenText(t);
    *kinds += kNames[static_cast<int>(t.kind)];
  }
  return out;
}

TEST_CASE("CleanText: golden table", "[text]") {
  for (const auto& row : ReadGolden("clean.tsv")) {
    INFO("input: " << row[0]);
    std::string out;
    CleanResult r = CleanText(row[0], kDefaultMaxBytes, &out);
    CHECK(out == row[1]);
    CHECK(r.repaired_utf8 == (row[2] == "1"));
    CHECK_FALSE(r.truncated);
  }
}

TEST_CASE("NormalizeForMatching: golden table", "[text]") {
  for (const auto& row : ReadGolden("normalize.tsv")) {
    INFO("input: " << row[0]);
    std::string out;
    NormalizeForMatching(row[0], &out);
    CHECK(out == row[1]);
  }
}

TEST_CASE("Tokenizer: golden table", "[text]") {
  Tokenizer tok;
  Document doc;
  for (const auto& row : ReadGolden("tokenize.tsv")) {
    INFO("input: " << row[0]);
    tok.NormalizeAndTokenize(row[0], {}, &doc);
    std::string kinds;
    CHECK(Join(doc, &kinds) == row[1]);
    CHECK(kinds == row[2]);
  }
}

TEST_CASE("DominantScript: golden table", "[text]") {
  for (const auto& row : ReadGolden("script.tsv")) {
    INFO("input: " << row[0]);
    CHECK(ScriptName(DominantScript(row[0])) == row[1]);
  }
}

// Tokenises `s` (at offset `base`) by the fast paths and by ICU's rules and
// checks that the tokens are the same.
void CheckFastMatchesIcu(Tokenizer* tok, const std::string& s, uint32_t base) {
  std::vector<Token> fast, icu;
  tok->Tokenize(s, base, &fast);
  tok->Tokenize(s, base, &icu, /*force_icu=*/true);
  INFO("input: [" << s << "]");
  REQUIRE(fast.size() == icu.size());
  for (size_t k = 0; k < fast.size(); ++k) {
    CHECK(fast[k].span == icu[k].span);
    CHECK(fast[k].kind == icu[k].kind);
  }
}

TEST_CASE("DominantScript: counts the letters of the winning script",
          "[text]") {
  uint32_t n = 99;
  CHECK(DominantScript("12345 !!!", &n) == kScriptCommon);
  CHECK(n == 0);
  CHECK(DominantScript("Order 66 ok", &n) == kScriptLatin);
  CHECK(n == 7);
  // Two Cyrillic letters against four Latin ones; kana pull Han along, and
  // each Han or kana character counts 3.
  CHECK(ScriptName(DominantScript("abcd \xd0\xb0\xd0\xb1", &n)) == "Latn");
  CHECK(n == 4);
  CHECK(ScriptName(DominantScript("\xe6\xb3\xa8\xe6\x96\x87\xe3\x81\x8c ab", &n)) ==
        "Jpan");
  CHECK(n == 9);
}

TEST_CASE("Tokenizer: fast path agrees with ICU", "[text]") {
  // Random strings over the characters the fast path treats specially:
  // ASCII joiners and separators, Latin letters, U+00B7, symbols, emoji-like
  // ©, and characters that force the ICU path (combining mark, Greek).
  const std::vector<std::string> alphabet = {
      "a", "Z", "0", "9", ".", "_", "'", ",", ";", ":", "-", "#", "!", " ",
      "\n", "\t", "@", "/", "\xC3\xA9", "\xC3\x9F", "\xC2\xB7",
      "\xC3\x97", "\xC2\xA9", "\xC2\xAA", "\xC4\xB1", "\xC8\x99",
      "\xC2\xA0", "\xC2\xBF", "\xCC\x81", "\xCE\xB1", "\xCE\x87",
      "\xD0\x96", "\xD1\x8F", "\xD2\x83", "\xCD\xBE", "\xD5\x80",
      "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\xA6", "\xE2\x82\xAC",
      "\xE2\x98\x85", "\xE2\x80\xA7", "\xE2\x81\x84", "\xE2\x80\xBF",
      "\xE2\x84\xA2", "\xE2\x80\x83", "\xF0\x9F\x98\x80",
      "\xF0\x9F\x91\x8D", "\xF0\x9F\x8F\xBD", "\xE2\x80\x8D",
      "\xEF\xB8\x8F", "\xF0\x9F\x87\xAB", "\xD8\xB9", "\xD9\xA3",
      "\xD8\x8C", "\xD7\x90", "\xD9\x8E", "\xE6\x97\xA5", "\xE3\x81\x82"};
  std::mt19937 rng(42);
  Tokenizer tok;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string s;
    int len = 1 + rng() % 16;
    for (int k = 0; k < len; ++k) s += alphabet[rng() % alphabet.size()];
    CheckFastMatchesIcu(&tok, s, 0);
  }
}

// Every code point the fast tables cover, as UTF-8.
std::vector<std::string> FastCodePoints() {
  std::vector<std::string> out;
  for (auto [first, limit] : {std::pair<char32_t, char32_t>{0x20, 0x800},
                              {0x2000, 0x2C00}, {0x1F000, 0x1FB00}}) {
    for (char32_t c = first; c < limit; ++c) {
      if (c >= 0x7F && c <= 0x9F) continue;
      std::string u;
      internal::AppendUtf8(c, &u);
      out.push_back(u);
    }
  }
  return out;
}

size_t NormalizationMismatches(const std::string& s) {
  std::string fast, icu;
  NormalizeForMatching(s, &fast);
  NormalizeForMatching(s, &icu, /*force_icu=*/true);
  return fast != icu;
}

TEST_CASE("Tokenizer: ASCII fast path agrees with ICU", "[text]") {
  // Pure ASCII takes its own path (no units are built): every printable
  // character, tab and newline, with letters and digits weighted up so
  // that words, numbers and their joiners meet.
  std::string alphabet = "\t\n  aaaaazzzz00009'.,;:_-@";
  for (char c = 0x20; c < 0x7F; ++c) alphabet += c;
  std::mt19937 rng(7);
  Tokenizer tok;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string s;
    int len = 1 + rng() % 24;
    for (int k = 0; k < len; ++k) s += alphabet[rng() % alphabet.size()];
    CheckFastMatchesIcu(&tok, s, 5);
  }
}

TEST_CASE("NormalizeForMatching: fast path agrees with ICU on all pairs "
          "below U+0800", "[text]") {
  std::vector<std::string> chars = FastCodePoints();
  size_t mismatches = 0;
  for (const std::string& a : chars) {
    if (a.size() > 2) break;  // the first range ends at U+07FF
    for (const std::string& b : chars) {
      if (b.size() > 2) break;
      mismatches += NormalizationMismatches(a + b);
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("NormalizeForMatching: fast path agrees with ICU on every single "
          "code point and on random triples", "[text]") {
  std::vector<std::string> chars = FastCodePoints();
  size_t mismatches = 0;
  for (const std::string& c : chars) mismatches += NormalizationMismatches("x" + c + "Y");
  std::mt19937 rng(7);
  for (int k = 0; k < 300000; ++k) {
    mismatches += NormalizationMismatches(chars[rng() % chars.size()] +
                                          chars[rng() % chars.size()] +
                                          chars[rng() % chars.size()]);
  }
  CHECK(mismatches == 0);
}

TEST_CASE("Tokenizer: atomic spans become placeholder tokens", "[text]") {
  Tokenizer tok;
  Document doc;
  std::string text = "Mail <EMAIL>, NOW!";
  tok.NormalizeAndTokenize(text, {Span{5, 12}}, &doc);
  std::string kinds;
  CHECK(Join(doc, &kinds) == "mail | <EMAIL> | , | now | !");
  CHECK(kinds == "word placeholder punct word punct");
  CHECK(doc.CountContentTokens() == 3);
}

TEST_CASE("Tokenizer: sentences", "[text]") {
  Tokenizer tok;
  std::string text = "Hello. Where is my refund? It's been 3 weeks!!! Thanks";
  std::vector<Span> s;
  tok.SplitSentences(text, &s);
  REQUIRE(s.size() == 4);
  CHECK(text.substr(s[1].begin, s[1].end - s[1].begin) ==
        "Where is my refund?");
  CHECK(text.substr(s[3].begin, s[3].end - s[3].begin) == "Thanks");
}

TEST_CASE("TruncationPoint: never splits a code point", "[text]") {
  std::string s = "ab\xc3\xa9\xe2\x82\xac";  // "abé€"
  CHECK(TruncationPoint(s, 100) == s.size());
  CHECK(TruncationPoint(s, 3) == 2);
  CHECK(TruncationPoint(s, 4) == 4);
  CHECK(TruncationPoint(s, 6) == 4);
  CHECK(TruncationPoint(s, 0) == 0);
}

TEST_CASE("CleanText: caps a 10 MB message at max_bytes", "[text]") {
  std::string big(10 << 20, 'a');
  std::string out;
  CleanResult r = CleanText(big, kDefaultMaxBytes, &out);
  CHECK(r.truncated);
  CHECK(out.size() == kDefaultMaxBytes);
}

TEST_CASE("CleanText: 100,000 emoji stay valid and whole", "[text]") {
  std::string flood;
  for (int i = 0; i < 100000; ++i) flood += "\xF0\x9F\x98\xA1";  // U+1F621
  std::string out;
  CleanResult r = CleanText(flood, kDefaultMaxBytes, &out);
  CHECK(r.truncated);
  CHECK_FALSE(r.repaired_utf8);
  CHECK(out.size() == kDefaultMaxBytes);  // 64 KiB is a multiple of 4
  std::string repaired;
  CHECK_FALSE(RepairUtf8(out, &repaired));
}

TEST_CASE("RepairUtf8: appends and reports", "[text]") {
  std::string out = "x";
  CHECK(RepairUtf8("a\xff", &out));
  CHECK(out == "xa\xEF\xBF\xBD");
  CHECK_FALSE(RepairUtf8("ok", &out));
}

}  // namespace
}  // namespace kvetch
