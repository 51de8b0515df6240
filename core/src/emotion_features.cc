// Features for the emotion scorer: the message body, sentences, clause
// weights around contrast words, negation scopes, and hashed word, prefix,
// bigram, emoji and punctuation features. The training script reads these
// same features through the bindings, so training and scoring cannot drift.
#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "internal/hash.h"
#include "kvetch/emotion.h"

namespace kvetch {
namespace {

// --- hashing ----------------------------------------------------------------

using internal::Fmix64;

// FNV-1a from an offset perturbed by `seed`, then finalised: bucket bits
// come from the low bits, which plain FNV mixes poorly.
uint64_t HashBytes(std::string_view s, uint64_t seed) {
  return Fmix64(internal::Fnv1a64Extend(internal::kFnv64Offset ^ Fmix64(seed), s));
}

// Feature namespaces: the first argument of HashBytes' seed.
enum Space : uint64_t {
  kWord = 1,
  kNegWord = 2,
  kPrefix = 3,
  kNegPrefix = 4,
  kBigram = 5,
  kEmoji = 6,
  kCue = 7,
  kNegBigram = 8,
};

// --- word lists (normalised, i.e. case-folded forms) -------------------------

const std::unordered_set<std::string_view>& NegationCues() {
  static const auto* s = new std::unordered_set<std::string_view>{
      // en
      "not", "no", "never", "nothing", "nobody", "none", "neither", "nor",
      "without", "hardly", "cannot", "dont", "doesnt", "didnt", "isnt",
      "wasnt", "arent", "cant", "wont", "havent", "hasnt",
      // fr
      "ne", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni",
      // de
      "nicht", "kein", "keine", "keinen", "keinem", "keiner", "nie",
      "niemals", "nichts", "ohne", "weder",
      // es / it / pt
      "nunca", "nada", "tampoco", "ningun", "ningún", "ninguna", "jamás",
      "sin", "non", "mai", "niente", "nulla", "senza", "né", "nessun",
      "nessuno", "nessuna", "não", "nao", "nem", "sem", "nenhum", "nenhuma",
      // nl, nordic, fi, pl/cs/sk/sl/hr, ru/uk/bg, tr, hu, ro, el
      "niet", "geen", "nooit", "niets", "zonder", "inte", "ikke", "ej",
      "aldrig", "aldri", "ingen", "ei", "emme", "nie",
      "nikdy", "není", "nein", "не", "нет", "ни", "никогда", "ні", "ніколи",
      "değil", "hiç", "nem", "soha", "niciodată", "δεν", "μην"};
  return *s;
}

// Cue kinds of a word, from one table: bit 0 negation, bit 1 "but",
// bit 2 "although". One lookup per word, none for long words.
enum CueBits : uint8_t { kNegationCue = 1, kButCue = 2, kAlthoughCue = 4 };
constexpr size_t kMaxCueBytes = 16;
// Content tokens after which a sentence with no terminal mark is cut.
constexpr int kRunOnTokens = 48;
// A feature repeated in one sentence counts this many times at most: a
// flood ("terrible awful refund" 100 times) is not one word's weight times
// 100, while "no no no" or three angry emoji still weigh more than one.
constexpr int kMaxRepeats = 3;

const std::unordered_map<std::string_view, uint8_t>& CueTable();

uint8_t CueBitsOf(std::string_view w) {
  if (w.size() > kMaxCueBytes) return 0;
  const auto& t = CueTable();
  auto it = t.find(w);
  return it == t.end() ? 0 : it->second;
}

bool IsNegation(std::string_view w, uint8_t bits) {
  if (bits & kNegationCue) return true;
  // English n't (both apostrophes) and French n' elisions.
  auto ends = [&](std::string_view suf) {
    return w.size() > suf.size() && w.substr(w.size() - suf.size()) == suf;
  };
  if (ends("n't") || ends("n\xE2\x80\x99t")) return true;
  return w.size() > 2 && (w.substr(0, 2) == "n'" ||
                          w.substr(0, 4) == "n\xE2\x80\x99");
}

// "but": the clause before weighs less, the clause after more.
const std::unordered_set<std::string_view>& ButCues() {
  static const auto* s = new std::unordered_set<std::string_view>{
      "but", "however", "mais", "cependant", "pourtant", "toutefois",
      "aber", "jedoch", "allerdings", "pero", "però", "tuttavia", "mas",
      "porém", "porem", "contudo", "maar", "echter", "mutta", "ale", "но",
      "але", "fakat", "ancak"};
  return *s;
}

// "although": the clause it opens weighs less.
const std::unordered_set<std::string_view>& AlthoughCues() {
  static const auto* s = new std::unordered_set<std::string_view>{
      "although", "though", "despite", "obwohl", "obgleich", "trotz",
      "aunque", "sebbene", "benché", "embora", "hoewel", "quoique",
      "malgré", "malgre", "pese"};
  return *s;
}

const std::unordered_map<std::string_view, uint8_t>& CueTable() {
  static const auto* t = [] {
    auto* m = new std::unordered_map<std::string_view, uint8_t>();
    for (std::string_view w : NegationCues()) (*m)[w] |= kNegationCue;
    for (std::string_view w : ButCues()) (*m)[w] |= kButCue;
    for (std::string_view w : AlthoughCues()) (*m)[w] |= kAlthoughCue;
    return m;
  }();
  return *t;
}

// Two-word cues: ("sauf", "que") is a "but", ("bien", "que") an "although".
int PairCue(std::string_view a, std::string_view b) {
  if (b == "que" && a == "sauf") return 1;
  if (b == "embargo" && a == "sin") return 1;
  if (b == "que" && (a == "bien" || a == "même")) return 2;
  if (b == "se" && a == "anche") return 2;
  if (b == "though" && a == "even") return 2;
  return 0;
}

bool IsSentenceEnd(std::string_view p) {
  return p == "." || p == "!" || p == "?" || p == "\xE2\x80\xA6" ||
         p == "\xE3\x80\x82" || p == ";";
}

size_t CodePoints(std::string_view w) {
  size_t n = 0;
  for (unsigned char c : w) n += (c & 0xC0) != 0x80;
  return n;
}

// The first `n` code points of w.
std::string_view PrefixCodePoints(std::string_view w, size_t n) {
  size_t i = 0;
  for (size_t seen = 0; i < w.size(); ++i) {
    if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return w.substr(0, i);
}

bool IsElongated(std::string_view w) {
  int run = 1;
  for (size_t i = 1; i < w.size(); ++i) {
    run = (w[i] == w[i - 1] && static_cast<unsigned char>(w[i]) < 0x80)
              ? run + 1
              : 1;
    if (run >= 3 && std::isalpha(static_cast<unsigned char>(w[i]))) return true;
  }
  return false;
}

// Emoji without skin tones (U+1F3FB..U+1F3FF) and VS16, so that 👍🏽 and 👍
// share a feature.
std::string EmojiBase(std::string_view e) {
  std::string out;
  for (size_t i = 0; i < e.size();) {
    if (e.compare(i, 3, "\xEF\xB8\x8F") == 0) {
      i += 3;
      continue;
    }
    if (i + 4 <= e.size() && e.compare(i, 3, "\xF0\x9F\x8F") == 0 &&
        static_cast<unsigned char>(e[i + 3]) >= 0xBB &&
        static_cast<unsigned char>(e[i + 3]) <= 0xBF) {
      i += 4;
      continue;
    }
    out.push_back(e[i++]);
  }
  return out;
}

// ASCII emoticons, as the tokenizer splits them (":)" is two punctuation
// tokens, ":d" punctuation and a word), read as the emoji they stand for,
// so that they share that emoji's feature. Matched on the concatenation of
// up to 4 touching tokens (no space between them), longest first. Forms
// that are also ordinary text (":3", "8)", "(:") are left out.
std::string_view EmoticonEmoji(std::string_view s) {
  static const auto* table =
      new std::unordered_map<std::string_view, std::string_view>{
      {":)", "\U0001F642"},  {":-)", "\U0001F642"}, {"=)", "\U0001F642"},
      {":]", "\U0001F642"},  {":d", "\U0001F604"},  {":-d", "\U0001F604"},
      {"=d", "\U0001F604"},  {"xd", "\U0001F606"},  {";)", "\U0001F609"},
      {";-)", "\U0001F609"}, {":(", "\U0001F641"},  {":-(", "\U0001F641"},
      {"=(", "\U0001F641"},  {":[", "\U0001F641"},  {":'(", "\U0001F622"},
      {":/", "\U0001F615"},  {":-/", "\U0001F615"}, {":|", "\U0001F610"},
      {":-|", "\U0001F610"}, {":p", "\U0001F61B"},  {":-p", "\U0001F61B"},
      {"<3", "\u2764"},      {"</3", "\U0001F494"}, {":o", "\U0001F62E"},
      {":-o", "\U0001F62E"}, {"^^", "\U0001F60A"},  {"^_^", "\U0001F60A"},
      {"-_-", "\U0001F611"}, {">:(", "\U0001F620"},
  };
  auto it = table->find(s);
  return it == table->end() ? std::string_view() : it->second;
}

// The emoji of an emoticon that starts at token i, and how many tokens it
// spans (0: none).
size_t MatchEmoticon(const Document& doc, size_t i, size_t n,
                     std::string_view* emoji) {
  const auto& toks = doc.tokens;
  char first = doc.norm[toks[i].span.begin];
  // strchr finds the terminator for '\0', so test it first.
  if (first == '\0' || std::strchr(":;=<>^-x", first) == nullptr) return 0;
  size_t last = i;
  while (last + 1 < n && last - i < 3 &&
         toks[last + 1].span.begin == toks[last].span.end) {
    ++last;
  }
  for (size_t end = last + 1; end > i; --end) {
    uint32_t b = toks[i].span.begin, e = toks[end - 1].span.end;
    if (e - b > 4) continue;
    std::string_view found = EmoticonEmoji(
        std::string_view(doc.norm.data() + b, e - b));
    if (!found.empty()) {
      *emoji = found;
      return end - i;
    }
  }
  return 0;
}

// --- the extractor ------------------------------------------------------------

size_t GreetingEnd(const Document& doc, size_t n);

class Extractor {
 public:
  Extractor(const Document& doc, uint32_t n_buckets, bool universal_only,
            bool describe, EmotionFeatures* out)
      : doc_(doc), mask_(n_buckets - 1), universal_(universal_only),
        describe_(describe), out_(out) {}

  void Run(const TextCues& cues, size_t body_end);

 private:
  void Add(Space space, std::string_view a, std::string_view b,
           std::string_view what);
  void AddWord(std::string_view w);
  void AddCue(std::string_view name) { Add(kCue, name, {}, name); }
  void Contrast(int kind);
  void EndSentence(bool force);
  void CapRepeats();
  void Consume(size_t* i, size_t n);

  const Document& doc_;
  uint32_t mask_;
  bool universal_;
  bool describe_;
  EmotionFeatures* out_;

  // Sentence state.
  size_t sentence_begin_ = 0;  // first feature of the sentence
  int content_ = 0;
  int exclaims_ = 0;
  int questions_ = 0;
  bool shout_ = false;
  float weight_ = 1.0f;         // clause weight of new features
  float after_clause_ = 1.0f;   // weight once an "although" clause ends
  int negated_left_ = 0;        // words left in the negation scope
  std::string_view prev_;       // previous word/emoji, "" after a break
};

void Extractor::Add(Space space, std::string_view a, std::string_view b,
                    std::string_view what) {
  uint64_t h = HashBytes(a, space);
  if (!b.empty()) h = HashBytes(b, h);
  out_->bucket.push_back(static_cast<uint32_t>(h) & mask_);
  out_->value.push_back(weight_);
  if (!describe_) return;
  std::string d;
  switch (space) {
    case kNegWord: d = "NOT " + std::string(a); break;
    case kPrefix: d = std::string(a) + "*"; break;
    case kNegPrefix: d = "NOT " + std::string(a) + "*"; break;
    case kBigram: d = std::string(a) + " " + std::string(b); break;
    case kNegBigram: d = "NOT " + std::string(a) + " " + std::string(b); break;
    default: d = std::string(what); break;
  }
  out_->description.push_back(std::move(d));
}

void Extractor::AddWord(std::string_view w) {
  bool neg = negated_left_ > 0;
  Add(neg ? kNegWord : kWord, w, {}, w);
  if (CodePoints(w) > 5) {
    Add(neg ? kNegPrefix : kPrefix, PrefixCodePoints(w, 5), {}, w);
  }
  if (!prev_.empty()) Add(neg ? kNegBigram : kBigram, prev_, w, w);
  if (IsElongated(w)) AddCue("elongated");
}

// kind 1: "but"; kind 2: "although".
void Extractor::Contrast(int kind) {
  if (kind == 1) {
    for (size_t i = sentence_begin_; i < out_->value.size(); ++i) {
      out_->value[i] *= 0.5f;
    }
    weight_ = after_clause_ = 1.5f;
  } else {
    after_clause_ = weight_;
    weight_ = 0.5f;
  }
  negated_left_ = 0;
}

void Extractor::EndSentence(bool force) {
  if (!force && content_ < 2) return;  // tiny: merge into the next one
  weight_ = 1.0f;
  if (content_ == 0 && out_->value.size() == sentence_begin_) {
    exclaims_ = questions_ = 0;  // nothing but marks: no sentence
    return;
  }
  if (exclaims_ >= 1) AddCue("!");
  if (exclaims_ >= 3) AddCue("!!!");
  if (questions_ >= 1) AddCue("?");
  if (questions_ >= 1 && exclaims_ >= 1) AddCue("?!");
  if (shout_) AddCue("ALL CAPS");
  CapRepeats();
  if (out_->value.size() > sentence_begin_ || content_ > 0) {
    out_->sentence_end.push_back(static_cast<uint32_t>(out_->value.size()));
    out_->sentence_tokens.push_back(content_);
  }
  sentence_begin_ = out_->value.size();
  content_ = exclaims_ = questions_ = 0;
  after_clause_ = 1.0f;
  negated_left_ = 0;
  prev_ = {};
}

// Zeroes the value of every occurrence of a bucket past its kMaxRepeats-th
// in the current sentence (kept in place, so descriptions stay aligned).
// Counts in a per-thread table of one byte per bucket, cleared after use:
// two passes over the sentence's features, no sort.
void Extractor::CapRepeats() {
  const size_t begin = sentence_begin_, end = out_->bucket.size();
  if (end - begin <= kMaxRepeats) return;
  thread_local std::vector<uint8_t> seen;
  if (seen.size() < size_t{mask_} + 1) seen.assign(size_t{mask_} + 1, 0);
  for (size_t i = begin; i < end; ++i) {
    uint8_t& n = seen[out_->bucket[i]];
    if (n >= kMaxRepeats) {
      out_->value[i] = 0.0f;
    } else {
      ++n;
    }
  }
  for (size_t i = begin; i < end; ++i) seen[out_->bucket[i]] = 0;
}

// One token that is not part of an emoticon; `*i` moves past a two-word
// contrast cue.
void Extractor::Consume(size_t* i, size_t n) {
  const auto& toks = doc_.tokens;
  const Token& t = toks[*i];
  std::string_view w = doc_.TokenText(t);
  switch (t.kind) {
    case TokenKind::kWord: {
      ++content_;
      if (universal_) break;
      int pair = *i + 1 < n ? PairCue(w, doc_.TokenText(toks[*i + 1])) : 0;
      uint8_t bits = CueBitsOf(w);
      int kind = pair ? pair : (bits & kButCue) ? 1
                           : (bits & kAlthoughCue) ? 2 : 0;
      if (kind) {
        Contrast(kind);
        if (pair) ++*i;
        prev_ = {};
        break;
      }
      AddWord(w);
      if (IsNegation(w, bits)) {
        negated_left_ = 3;
      } else if (negated_left_ > 0) {
        --negated_left_;
      }
      prev_ = w;
      break;
    }
    case TokenKind::kEmoji: {
      ++content_;
      std::string base = EmojiBase(w);
      Add(kEmoji, base, {}, w);
      prev_ = {};
      break;
    }
    case TokenKind::kNumber:
      ++content_;
      if (!universal_) AddCue("number");
      prev_ = {};
      break;
    case TokenKind::kPlaceholder:
      prev_ = {};
      break;
    case TokenKind::kPunct:
      prev_ = {};
      if (w == "!") ++exclaims_;
      if (w == "?") ++questions_;
      if (w == ",") {
        weight_ = after_clause_;
        negated_left_ = 0;
      }
      if (IsSentenceEnd(w)) {
        negated_left_ = 0;
        // A run of terminal marks ("?!!") ends the sentence once.
        bool more = *i + 1 < n && toks[*i + 1].kind == TokenKind::kPunct &&
                    IsSentenceEnd(doc_.TokenText(toks[*i + 1]));
        if (!more) EndSentence(false);
      }
      break;
  }
}

void Extractor::Run(const TextCues& cues, size_t body_end) {
  shout_ = cues.caps_words >= 2 && cues.caps_words * 10 >= cues.cased_words * 6;
  const auto& toks = doc_.tokens;
  size_t n = std::min(toks.size(), static_cast<size_t>(kEmotionMaxTokens));
  size_t first = GreetingEnd(doc_, n);
  bool quoted = false;
  uint32_t last_end = 0;
  for (size_t i = first; i < n; ++i) {
    const Token& t = toks[i];
    if (t.span.begin >= body_end) break;
    std::string_view gap(doc_.norm.data() + last_end, t.span.begin - last_end);
    last_end = t.span.end;
    std::string_view w = doc_.TokenText(t);
    if (i == first || gap.find('\n') != std::string_view::npos) {
      if (i > first) EndSentence(false);
      quoted = (t.kind == TokenKind::kPunct && w == ">");
    }
    if (quoted) continue;
    std::string_view emoticon;
    size_t used = (t.kind == TokenKind::kPunct || w == "xd")
                      ? MatchEmoticon(doc_, i, n, &emoticon)
                      : 0;
    if (used > 0) {
      ++content_;
      uint32_t end = toks[i + used - 1].span.end;
      Add(kEmoji, emoticon, {},
          std::string_view(doc_.norm).substr(t.span.begin, end - t.span.begin));
      prev_ = {};
      i += used - 1;
      last_end = end;
    } else {
      Consume(&i, n);
    }
    // A run-on stretch ("terrible awful refund" a hundred times, no full
    // stop) is cut into sentences of kRunOnTokens content tokens: the model
    // was fit on sentences of tweet and comment length, and one sentence of
    // hundreds of words summed its weights into saturated probabilities.
    if (content_ >= kRunOnTokens) EndSentence(true);
  }
  EndSentence(true);
}

// The index of the first token after a salutation line ("Dear Customer
// Service,", "Bonjour,", "Hi team:"): a first line of at most 6 tokens that
// ends with ',' or ':' and is followed by more lines. 0 when there is none.
// Salutations carry no emotion, but "customer service" leans negative in
// the training data.
size_t GreetingEnd(const Document& doc, size_t n) {
  for (size_t i = 0; i < n && i < 7; ++i) {
    std::string_view w = doc.TokenText(doc.tokens[i]);
    if (w != "," && w != ":") continue;
    if (i + 1 >= n) return 0;
    uint32_t from = doc.tokens[i].span.end;
    std::string_view gap(doc.norm.data() + from,
                         doc.tokens[i + 1].span.begin - from);
    return gap.find('\n') != std::string_view::npos ? i + 1 : 0;
  }
  return 0;
}

}  // namespace

TextCues CountTextCues(std::string_view cased) {
  auto upper = [](char ch) { return ch >= 'A' && ch <= 'Z'; };
  auto alpha = [&](char ch) { return upper(ch) || (ch >= 'a' && ch <= 'z'); };
  TextCues c;
  size_t i = 0;
  while (i < cased.size()) {
    if (!alpha(cased[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    bool all_upper = true;
    while (i < cased.size() && alpha(cased[i])) {
      all_upper &= upper(cased[i]);
      ++i;
    }
    if (i - start >= 3) {
      ++c.cased_words;
      c.caps_words += all_upper;
    }
  }
  return c;
}

void EmotionFeatures::Clear() {
  bucket.clear();
  value.clear();
  sentence_end.clear();
  sentence_tokens.clear();
  description.clear();
  universal_only = false;
}

void ExtractEmotionFeatures(const Document& doc, const TextCues& cues,
                            uint32_t n_buckets, bool universal_only,
                            bool describe, EmotionFeatures* out) {
  out->Clear();
  out->universal_only = universal_only;
  Extractor(doc, n_buckets, universal_only, describe, out)
      .Run(cues, BodyEnd(doc));
}

}  // namespace kvetch
