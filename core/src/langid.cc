// Language identification by naive Bayes over hashed character n-grams.
//
// The model's "table" section holds, for each of kLangidBuckets buckets, one
// byte per language: -log P(bucket | language) quantised as
// round(-log p * scale), capped at 255. Buckets are rows, languages columns,
// so one feature adds one contiguous row to the per-language costs. The
// dominant script first narrows the candidates to languages written in it;
// each script group gets its own copy of its columns at load, padded to a
// multiple of 16 bytes per row, so that a feature costs one or two cache
// lines and one 16-byte load per block of 16 languages (AddBlock16). Row
// reads are random and dominate the time: they are prefetched a few
// features ahead and the group tables sit on huge pages where Linux gives
// them. Sums are integers, so the results do not depend on any of this.
// Probabilities are a softmax of the log-likelihoods, tempered by the square
// root of the number of features (naive Bayes treats overlapping n-grams as
// independent and would otherwise be sure of everything).
#include "kvetch/langid.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include <unicode/uscript.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#include <xmmintrin.h>
#endif

#include "internal/fast_chars.h"
#include "internal/utf8.h"
#include "internal/hash.h"
#include "internal/huge_buffer.h"
#include "kvetch/body.h"
#include "kvetch/pii.h"

namespace kvetch {
namespace {

using internal::kFnv32Offset;

// The error for a `want` that the model `name` does not detect: the codes it
// has, and the code without its region when `want` has one ("en-us").
std::string UnknownLanguage(const std::string& want, const std::string& name,
                            std::vector<std::string> have) {
  std::sort(have.begin(), have.end());
  std::string msg = "language '" + want + "' is not in " + name;
  size_t cut = want.find_first_of("-_");
  if (cut != std::string::npos && cut > 0 &&
      std::binary_search(have.begin(), have.end(), want.substr(0, cut))) {
    msg += "; codes have no region or script: '" + want.substr(0, cut) + "'";
  }
  msg += "; it detects: ";
  for (size_t i = 0; i < have.size(); ++i) msg += (i ? ", " : "") + have[i];
  return msg;
}

uint32_t Fnv1a32Extend(uint32_t h, const char* p, size_t n) {
  return internal::Fnv1a32Extend(h, std::string_view(p, n));
}

uint32_t Fnv1a32(const char* p, size_t n) {
  return Fnv1a32Extend(kFnv32Offset, p, n);
}

// Features of " word " (`padded`, the word between two spaces): n-grams of
// orders 2 to max_order by code points, and the whole word. Only the first
// 257 code points start n-grams (the last of them runs to the end).
// (Single characters were measured to add nothing but time.)
void PaddedWordFeatures(std::string_view padded, int max_order,
                        std::vector<uint32_t>* out) {
  uint32_t starts[258];
  int n_cp = 0;
  for (size_t i = 0; i < padded.size() && n_cp < 257;) {
    starts[n_cp++] = static_cast<uint32_t>(i);
    char32_t c;
    i += internal::DecodeUtf8(padded, i, &c);
  }
  starts[n_cp] = static_cast<uint32_t>(padded.size());
  // FNV-1a is sequential, so the hashes of the n-grams starting at i are
  // the running hash after each of the next kLangidMaxOrder code points.
  uint32_t found[4 * 257 + 1];
  int n_found = 0;
  for (int i = 0; i < n_cp; ++i) {
    uint32_t h = kFnv32Offset;
    for (int n = 1; n <= max_order && i + n <= n_cp; ++n) {
      h = Fnv1a32Extend(h, padded.data() + starts[i + n - 1],
                        starts[i + n] - starts[i + n - 1]);
      if (n == 1) continue;  // single characters: little evidence, much cost
      found[n_found++] = h & (kLangidBuckets - 1);
    }
  }
  // The whole word, when the n-grams above do not already span it.
  if (max_order == kLangidMaxOrder && n_cp > kLangidMaxOrder) {
    uint32_t h = Fnv1a32(padded.data(), padded.size()) * 2654435761u;
    found[n_found++] = h & (kLangidBuckets - 1);
  }
  out->insert(out->end(), found, found + n_found);
}

// WordFeatures of `word`: padded on the stack when short, else in *scratch.
void WordFeatures(std::string_view word, int max_order, std::string* scratch,
                  std::vector<uint32_t>* out) {
  constexpr size_t kShort = 254;
  if (word.size() <= kShort) {
    char buf[kShort + 2];
    buf[0] = ' ';
    std::memcpy(buf + 1, word.data(), word.size());
    buf[word.size() + 1] = ' ';
    return PaddedWordFeatures(std::string_view(buf, word.size() + 2),
                              max_order, out);
  }
  scratch->assign(1, ' ');
  scratch->append(word);
  scratch->push_back(' ');
  PaddedWordFeatures(*scratch, max_order, out);
}

// Adds the 16 columns at `offset` of the rows `f[0..n)` (n <= 256) of a
// table whose rows are `stride` bytes to cost[0..16). The sixteen 16-bit
// sums stay in two registers; the first pass over a block of columns
// prefetches the rows ahead, later passes find them in L1.
void AddBlock16(const uint8_t* table, size_t stride, size_t offset,
                const uint32_t* f, size_t n, bool prefetch, uint32_t* cost) {
#if defined(__SSE2__)
  constexpr size_t kAhead = 16;
  const __m128i zero = _mm_setzero_si128();
  __m128i lo = zero, hi = zero;
  for (size_t i = 0; i < n; ++i) {
    if (prefetch && i + kAhead < n) {  // both cache lines a row may span
      const char* row = reinterpret_cast<const char*>(
          table + static_cast<size_t>(f[i + kAhead]) * stride);
      _mm_prefetch(row, _MM_HINT_T0);
      _mm_prefetch(row + stride - 1, _MM_HINT_T0);
    }
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(
        table + static_cast<size_t>(f[i]) * stride + offset));
    lo = _mm_add_epi16(lo, _mm_unpacklo_epi8(v, zero));
    hi = _mm_add_epi16(hi, _mm_unpackhi_epi8(v, zero));
  }
  alignas(16) uint16_t sums[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(sums), lo);
  _mm_store_si128(reinterpret_cast<__m128i*>(sums + 8), hi);
#else
  (void)prefetch;
  uint16_t sums[16] = {};
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* row = table + static_cast<size_t>(f[i]) * stride + offset;
    for (int l = 0; l < 16; ++l) sums[l] = static_cast<uint16_t>(sums[l] + row[l]);
  }
#endif
  for (int l = 0; l < 16; ++l) cost[l] += sums[l];
}

// Adds the columns from `offset` to the end of the rows `f[0..n)` of a
// table whose rows are `stride` bytes to cost[0..stride - offset): the
// columns left over after the blocks of 16.
void AddTail(const uint8_t* table, size_t stride, size_t offset,
             const uint32_t* f, size_t n, uint32_t* cost) {
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* row = table + static_cast<size_t>(f[i]) * stride;
    for (size_t l = offset; l < stride; ++l) cost[l - offset] += row[l];
  }
}

// cost[l] = sum over features of table[feature][l], for l < stride (a
// table of `stride` columns). Blocks of 16 columns are summed in 16-bit
// lanes, flushed to 32 bits every 256 rows (256 * 255 < 65536); the script
// groups' tables are padded to a multiple of 16 so that nothing is left.
void AddCosts(const uint8_t* table, size_t stride,
              const std::vector<uint32_t>& features,
              std::vector<uint32_t>* cost) {
  cost->assign(stride, 0);
  const size_t n = features.size();
  size_t offset = 0;
  for (; offset + 16 <= stride; offset += 16) {
    for (size_t start = 0; start < n; start += 256) {
      AddBlock16(table, stride, offset, features.data() + start,
                 std::min<size_t>(256, n - start), offset == 0,
                 cost->data() + offset);
    }
  }
  if (offset < stride) {
    AddTail(table, stride, offset, features.data(), n, cost->data() + offset);
  }
}

// Code points in the word tokens of `doc` that end by byte `end`; counting
// stops once `stop_at` is reached (enough to compare with a threshold).
int CountLetters(const Document& doc, size_t end,
                 int stop_at = std::numeric_limits<int>::max()) {
  int letters = 0;
  for (const Token& t : doc.tokens) {
    if (t.span.end > end || letters >= stop_at) break;
    if (t.kind != TokenKind::kWord) continue;
    std::string_view w = doc.TokenText(t);
    for (size_t i = 0; i < w.size();) {
      char32_t c;
      i += internal::DecodeUtf8(w, i, &c);
      ++letters;  // a word token's code points are letters, marks, joiners
    }
  }
  return letters;
}

// CountLetters with a Han, kana or Hangul character counted 3 times, as
// DominantScript counts it (each writes a syllable or a word): the evidence
// a text needs to be scored at all, so that "주문" or "注文" gets an answer
// as in the language_only shortcut.
// Counting stops once `stop_at` is reached.
int WeightedLetters(const Document& doc, int stop_at) {
  int letters = 0;
  for (const Token& t : doc.tokens) {
    if (letters >= stop_at) break;
    if (t.kind != TokenKind::kWord) continue;
    std::string_view w = doc.TokenText(t);
    for (size_t i = 0; i < w.size();) {
      char32_t c;
      i += internal::DecodeUtf8(w, i, &c);
      const int s = c < 0x80 ? -1 : internal::LetterScript(c);
      letters += (s == USCRIPT_HAN || s == USCRIPT_HIRAGANA ||
                  s == USCRIPT_KATAKANA || s == USCRIPT_HANGUL) ? 3 : 1;
    }
  }
  return letters;
}

// The part of `doc` its language is decided on, with that part's dominant
// script: the body without its sign-off when that has kBodyAloneLetters
// letters ("Hi, my parcel is late." above "Saludos, Juan" is English);
// else the body with its sign-off, when that has kLangidMinLetters ("ok"
// above "Mit freundlichen Grüßen" is German); else the text before any
// signature, client footer or disclaimer (a reply of "ok" above a quoted
// French message is answered in French); else nothing (end 0: "ok" above
// "Sent from my iPhone" has no evidence).
struct LanguagePart {
  size_t end;
  int script;
  // The body alone (no sign-off, signature, footer or quote), or the
  // quoted-reply fallback, whose letters are nearly all the quote's: a
  // restricted detector may answer "none of these" from either. Not the
  // body with its sign-off, which could make a few words outside.
  bool outside_checked;
};

// About three words: enough for a body to outvote a sign-off in another
// language, which bilingual customers often write.
constexpr int kBodyAloneLetters = 12;

LanguagePart PartOf(const Document& doc, int script) {
  struct Cut {
    BodyMarkers markers;
    int min_letters;
  };
  static constexpr Cut kCuts[] = {{BodyMarkers::kAll, kBodyAloneLetters},
                                  {BodyMarkers::kNoSignOffs, kLangidMinLetters},
                                  {BodyMarkers::kFooters, kLangidMinLetters}};
  const size_t n = doc.norm.size();
  for (const Cut& cut : kCuts) {
    size_t end = BodyEnd(doc, cut.markers);
    const bool checked = &cut != &kCuts[1];
    if (end >= n) return {n, script, checked};
    if (CountLetters(doc, end, cut.min_letters) >= cut.min_letters) {
      return {end, DominantScript(std::string_view(doc.norm).substr(0, end)), checked};
    }
  }
  return {0, script, false};
}

}  // namespace

void LangidFeatures(const Document& doc, std::vector<uint32_t>* out,
                    int max_order, size_t end) {
  thread_local std::string scratch;
  int words = 0;
  for (const Token& t : doc.tokens) {
    if (t.span.end > end) break;
    if (t.kind != TokenKind::kWord) continue;
    if (++words > kLangidMaxWords) break;
    WordFeatures(doc.TokenText(t), max_order, &scratch, out);
  }
}

void LangidFeaturesBatch(const std::vector<std::string>& texts,
                         std::vector<uint32_t>* out,
                         std::vector<int64_t>* offsets) {
  Tokenizer tok;
  Document doc;
  std::string clean;
  offsets->push_back(static_cast<int64_t>(out->size()));
  for (const std::string& t : texts) {
    CleanText(t, kDefaultMaxBytes, &clean);
    tok.NormalizeAndTokenize(clean, {}, &doc);
    LangidFeatures(doc, out);
    offsets->push_back(static_cast<int64_t>(out->size()));
  }
}

// The model's classes are (language, script) pairs: a language written in
// two scripts (Serbian) is two classes, so that each script's n-grams are
// not diluted by the other's. Results are per language.
// Languages of the model that customer messages are rarely written in.
// A text of fewer than kShortTextLetters letters holds little evidence:
// "Super, danke!" read as Esperanto, "hallo" as Hungarian, "ok danke" as
// Afrikaans. For such a text an unrestricted detector divides their
// likelihood by kRarePrior (adds ln(kRarePrior) to their tempered cost).
// Measured with and without it (benchmarks/README.md, "Short texts"): the
// 42 languages of the held-back dev set, single words 81.2 -> 83.2%, pairs
// 91.5 -> 92.3%, sentences unchanged; the 26 languages' own held-back
// lines (bench_rare_prior.py), single words 83.9 -> 75.8%.
constexpr const char* kRareInSupport[] = {
    "af", "am", "az", "be", "cy", "eo", "eu", "ga", "gl", "ha", "hy", "is", "ka",
    "kk", "km", "mk", "ml", "mr", "my", "ne", "so", "sq", "sw", "ta", "te", "zu"};
constexpr int kShortTextLetters = 12;
constexpr float kRarePrior = 10.0f;

struct LanguageDetector::Impl {
  ModelFile file;
  std::vector<std::string> classes;  // one code per class; may repeat
  std::vector<int> class_lang;       // class -> index into languages
  std::vector<std::string> languages;
  std::vector<int16_t> scripts;  // two per language: ICU script codes, -1
  std::vector<int> candidates;       // classes
  std::vector<int> candidate_langs;  // their languages, unique
  const uint8_t* table = nullptr;
  float scale = 16.0f;
  int max_order = kLangidMaxOrder;

  Status Init(const std::vector<std::string>& restrict_to);
  // The candidate classes written in one script, with the columns of
  // `table` for just those classes: narrower rows to sum.
  struct ScriptGroup {
    int script;
    std::vector<int> classes;
    size_t stride = 0;           // classes.size() rounded up to 16
    std::shared_ptr<uint8_t> table;  // kLangidBuckets x stride, padding
                                     // zero (internal/huge_buffer.h)
  };
  std::vector<ScriptGroup> groups;
  // Scripts that the model's languages use but no candidate does: text in
  // one of them gets no answer rather than the least unlikely candidate
  // (Japanese is not French because the list is en, fr, de, es). Han stays
  // open to Japanese, which is written in it too.
  std::vector<int> excluded_scripts;
  // Restricted detectors only: per script, a group of every class of the
  // model written in it, kept when some of them are not candidates. The
  // outside check (LanguageDetector::ScoreOutside) scores a text over all
  // of them: as fast as an unrestricted detector, which has these groups.
  std::vector<ScriptGroup> outside_groups;
  std::vector<char> is_candidate;  // per class
  // Unrestricted detectors only: per class, whether its language is rare in
  // customer messages (kRareInSupport); empty when restricted.
  std::vector<char> rare;

  void BuildGroups();
  void BuildTable(ScriptGroup* g) const;
  void FindExcludedScripts();
  void FindOutsideGroups();
  bool Excluded(int script) const {
    return std::find(excluded_scripts.begin(), excluded_scripts.end(),
                     script) != excluded_scripts.end();
  }
  // The index in outside_groups of `script`'s group, or -1.
  int OutsideGroup(int script) const;

  // A close pair's second stage (the model's optional "pairs" section,
  // written by train_langid.py): logistic regression over the same
  // features, P(first | text, first or second) = sigmoid(bias + scale *
  // sum w[f] / sqrt(#features)). Used only in the full ("high") mode, when
  // the pair are the top two.
  struct Pair {
    int first, second;  // language indexes
    float bias, scale;
    const int8_t* w;    // kLangidBuckets
  };
  std::vector<Pair> pairs;
  Status LoadPairs(std::string_view section);
  // If {a, b} is a pair, sets *share_a = P(a | a or b) and returns true.
  bool SplitPair(int a, int b, const std::vector<uint32_t>& features,
                 float* share_a) const;
  // The group for `script`, or nullptr: then every candidate competes over
  // the full table.
  const ScriptGroup* GroupOf(int script) const;
};

Status LanguageDetector::Impl::Init(
    const std::vector<std::string>& restrict_to) {
  const std::string& name = file.name();
  KVETCH_ASSIGN_OR_RETURN(std::string_view langs, file.Section("languages"));
  KVETCH_ASSIGN_OR_RETURN(std::string_view scr, file.Section("scripts"));
  KVETCH_ASSIGN_OR_RETURN(std::string_view tab, file.Section("table"));
  KVETCH_ASSIGN_OR_RETURN(std::string_view meta, file.Section("meta"));
  for (size_t s = 0; s < langs.size();) {
    size_t e = langs.find('\n', s);
    if (e == std::string_view::npos) e = langs.size();
    if (e > s) classes.emplace_back(langs.substr(s, e - s));
    s = e + 1;
  }
  for (const std::string& c : classes) {
    auto it = std::find(languages.begin(), languages.end(), c);
    class_lang.push_back(static_cast<int>(it - languages.begin()));
    if (it == languages.end()) languages.push_back(c);
  }
  size_t n = classes.size();
  if (n == 0 || scr.size() != n * 4 || tab.size() != n * kLangidBuckets ||
      meta.size() != 8) {
    return Status::InvalidModel(name + ": section sizes do not match " +
                                std::to_string(n) + " languages");
  }
  scripts.resize(2 * n);
  std::memcpy(scripts.data(), scr.data(), n * 4);
  uint32_t buckets;
  std::memcpy(&buckets, meta.data(), 4);
  std::memcpy(&scale, meta.data() + 4, 4);
  if (buckets != kLangidBuckets || !(scale > 0)) {
    return Status::InvalidModel(name + ": unexpected bucket count or scale");
  }
  table = reinterpret_cast<const uint8_t*>(tab.data());
  for (size_t c = 0; c < n; ++c) {
    bool keep = restrict_to.empty() ||
                std::find(restrict_to.begin(), restrict_to.end(),
                          classes[c]) != restrict_to.end();
    if (keep) candidates.push_back(static_cast<int>(c));
  }
  for (const std::string& want : restrict_to) {
    if (std::find(languages.begin(), languages.end(), want) ==
        languages.end()) {
      return Status::InvalidArgument(UnknownLanguage(want, name, languages));
    }
  }
  BuildGroups();
  FindExcludedScripts();
  FindOutsideGroups();
  if (restrict_to.empty()) {  // a list names what the user expects: no prior
    rare.assign(classes.size(), 0);
    for (size_t c = 0; c < classes.size(); ++c) {
      rare[c] = std::find(std::begin(kRareInSupport), std::end(kRareInSupport),
                          classes[c]) != std::end(kRareInSupport);
    }
  }
  if (auto section = file.Section("pairs"); section.ok()) {
    KVETCH_RETURN_IF_ERROR(LoadPairs(*section));
  }
  for (int c : candidates) {
    int l = class_lang[c];
    if (std::find(candidate_langs.begin(), candidate_langs.end(), l) ==
        candidate_langs.end()) {
      candidate_langs.push_back(l);
    }
  }
  return Status::Ok();
}

void LanguageDetector::Impl::BuildGroups() {
  const size_t n = classes.size();
  for (int c : candidates) {
    for (int k = 0; k < 2; ++k) {
      int script = scripts[2 * c + k];
      if (script < 0) continue;
      auto it = std::find_if(groups.begin(), groups.end(),
                             [&](const ScriptGroup& g) { return g.script == script; });
      if (it == groups.end()) it = groups.insert(groups.end(), ScriptGroup{script, {}, 0, nullptr});
      it->classes.push_back(c);
    }
  }
  for (ScriptGroup& g : groups) BuildTable(&g);
}

void LanguageDetector::Impl::BuildTable(ScriptGroup* g) const {
  if (g->classes.size() < 2) return;  // decided without scoring
  const size_t n = classes.size();
  const size_t w = g->classes.size();
  g->stride = (w + 15) / 16 * 16;
  g->table = internal::AllocateHuge(static_cast<size_t>(kLangidBuckets) * g->stride);
  for (size_t b = 0; b < kLangidBuckets; ++b) {
    for (size_t k = 0; k < w; ++k) {
      g->table.get()[b * g->stride + k] = table[b * n + g->classes[k]];
    }
  }
}

void LanguageDetector::Impl::FindExcludedScripts() {
  bool japanese = false;
  for (const ScriptGroup& g : groups) japanese |= g.script == kScriptJapanese;
  for (int16_t script : scripts) {
    if (script < 0 || GroupOf(script) != nullptr ||
        (japanese && script == kScriptHan) ||
        std::find(excluded_scripts.begin(), excluded_scripts.end(), script) !=
            excluded_scripts.end()) {
      continue;
    }
    excluded_scripts.push_back(script);
  }
}

void LanguageDetector::Impl::FindOutsideGroups() {
  const size_t n = classes.size();
  is_candidate.assign(n, 0);
  for (int c : candidates) is_candidate[c] = 1;
  if (candidates.size() == n) return;  // unrestricted: nothing is outside
  std::vector<ScriptGroup> all;
  auto add = [&](int script, int c) {
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const ScriptGroup& g) { return g.script == script; });
    if (it == all.end()) it = all.insert(all.end(), ScriptGroup{script, {}, 0, nullptr});
    if (std::find(it->classes.begin(), it->classes.end(), c) == it->classes.end()) {
      it->classes.push_back(c);
    }
  };
  for (size_t c = 0; c < n; ++c) {
    for (int k = 0; k < 2; ++k) {
      int script = scripts[2 * c + k];
      if (script < 0) continue;
      add(script, static_cast<int>(c));
      // Kanji-only text is Japanese as much as Chinese.
      if (script == kScriptJapanese) add(kScriptHan, static_cast<int>(c));
    }
  }
  for (ScriptGroup& g : all) {
    bool outsider = std::any_of(g.classes.begin(), g.classes.end(),
                                [&](int c) { return !is_candidate[c]; });
    if (!outsider) continue;
    BuildTable(&g);
    outside_groups.push_back(std::move(g));
  }
}

int LanguageDetector::Impl::OutsideGroup(int script) const {
  for (size_t k = 0; k < outside_groups.size(); ++k) {
    if (outside_groups[k].script == script) return static_cast<int>(k);
  }
  return -1;
}

Status LanguageDetector::Impl::LoadPairs(std::string_view s) {
  constexpr size_t kHead = 8 + 8 + 4 + 4;
  uint32_t n = 0;
  if (s.size() >= 4) std::memcpy(&n, s.data(), 4);
  if (s.size() < 4 || s.size() != 4 + n * (kHead + kLangidBuckets)) {
    return Status::InvalidModel(file.name() + ": bad 'pairs' section size");
  }
  for (uint32_t k = 0; k < n; ++k) {
    const char* p = s.data() + 4 + k * (kHead + kLangidBuckets);
    std::string a(p, strnlen(p, 8)), b(p + 8, strnlen(p + 8, 8));
    auto la = std::find(languages.begin(), languages.end(), a);
    auto lb = std::find(languages.begin(), languages.end(), b);
    if (la == languages.end() || lb == languages.end()) {
      return Status::InvalidModel(file.name() + ": pair " + a + "/" + b +
                                  " names a language not in the model");
    }
    Pair pair{static_cast<int>(la - languages.begin()),
              static_cast<int>(lb - languages.begin()), 0, 0,
              reinterpret_cast<const int8_t*>(p + kHead)};
    std::memcpy(&pair.bias, p + 16, 4);
    std::memcpy(&pair.scale, p + 20, 4);
    if (max_order == kLangidMaxOrder) pairs.push_back(pair);
  }
  return Status::Ok();
}

bool LanguageDetector::Impl::SplitPair(int a, int b,
                                       const std::vector<uint32_t>& features,
                                       float* share_a) const {
  for (const Pair& p : pairs) {
    bool same = p.first == a && p.second == b;
    if (!same && !(p.first == b && p.second == a)) continue;
    int32_t sum = 0;  // exact, so the margin does not depend on order
    for (uint32_t f : features) sum += p.w[f];
    float z = p.bias + p.scale * static_cast<float>(sum) /
                           std::sqrt(static_cast<float>(features.size()));
    float first = 1.0f / (1.0f + std::exp(-z));
    *share_a = same ? first : 1.0f - first;
    return true;
  }
  return false;
}

const LanguageDetector::Impl::ScriptGroup* LanguageDetector::Impl::GroupOf(
    int script) const {
  for (const ScriptGroup& g : groups) {
    if (g.script == script) return &g;
  }
  return nullptr;
}

StatusOr<std::unique_ptr<LanguageDetector>> LanguageDetector::Load(
    const std::string& path, const std::vector<std::string>& languages,
    int max_order) {
  KVETCH_ASSIGN_OR_RETURN(ModelFile file,
                          ModelFile::Open(path, ModelKind::kLangid));
  return FromModel(std::move(file), languages, max_order);
}

StatusOr<std::unique_ptr<LanguageDetector>> LanguageDetector::FromModel(
    ModelFile file, const std::vector<std::string>& languages,
    int max_order) {
  if (max_order < 2 || max_order > kLangidMaxOrder) {
    return Status::InvalidArgument("language model n-gram order must be 2.." +
                                   std::to_string(kLangidMaxOrder));
  }
  auto impl = std::make_unique<Impl>();
  impl->file = std::move(file);
  impl->max_order = max_order;
  KVETCH_RETURN_IF_ERROR(impl->Init(languages));
  return std::unique_ptr<LanguageDetector>(
      new LanguageDetector(std::move(impl)));
}

LanguageDetector::LanguageDetector(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
LanguageDetector::~LanguageDetector() = default;

const std::vector<std::string>& LanguageDetector::languages() const {
  return impl_->languages;
}
const std::vector<int>& LanguageDetector::candidates() const {
  return impl_->candidate_langs;
}

// The per-class costs of `doc` among the candidates for `script`.
struct LanguageDetector::Scores {
  // kOutside: a language outside the candidates (`decided`) explains the
  // text far better than any candidate.
  enum Kind { kNone, kDecided, kScored, kOutside } kind = kNone;
  int decided = -1;                // class, when kDecided or kOutside
  float outside_confidence = 0;    // when kOutside
  const std::vector<int>* classes = nullptr;
  std::vector<uint32_t>* cost = nullptr;  // per class, indexed like classes
  bool full_table = false;         // cost indexed by class id instead
  bool across_scripts = false;     // classes may repeat a language
  float temper = 1;
  const std::vector<uint32_t>* features = nullptr;  // when kScored

  uint32_t Cost(size_t k) const {
    return full_table ? (*cost)[(*classes)[k]] : (*cost)[k];
  }
};

namespace {
thread_local std::vector<uint32_t> tl_features;
thread_local std::vector<uint32_t> tl_cost;

// A candidate must be within this many tempered log-likelihood units of
// the best language outside the list (a likelihood ratio of 1000).
constexpr float kOutsideMargin = 6.9077553f;
}  // namespace

LanguageDetector::Scores LanguageDetector::Score(const Document& doc,
                                                 int script) const {
  Scores sc;
  if (impl_->candidates.empty() ||
      WeightedLetters(doc, kLangidMinLetters) < kLangidMinLetters) {
    return sc;
  }
  const LanguagePart part = PartOf(doc, script);
  if (part.end == 0) return sc;
  const Impl::ScriptGroup* group = impl_->GroupOf(part.script);
  const bool excluded = !group && impl_->Excluded(part.script);
  // The outside check reads the body alone or a quote under a bare "ok":
  // an English "Thanks," under a few Italian words must not make them
  // English.
  const bool long_enough =
      part.outside_checked && CountLetters(doc, part.end, kLangidOutsideMinLetters) >=
                                  kLangidOutsideMinLetters;
  if (const int all = impl_->OutsideGroup(part.script);
      all >= 0 && (excluded || long_enough)) {
    return ScoreOutside(doc, part.end, group ? &group->classes : nullptr, all);
  }
  if (excluded) return sc;  // written in a script no candidate uses
  if (group && group->classes.size() == 1) {  // the script decides
    sc.kind = Scores::kDecided;
    sc.decided = group->classes[0];
    return sc;
  }
  std::vector<uint32_t>& features = tl_features;
  features.clear();
  LangidFeatures(doc, &features, impl_->max_order, part.end);
  if (features.empty()) return sc;
  // A script no language of the model is trained on (or Han text for a
  // list with Japanese but not Chinese): every candidate competes over the
  // full table.
  sc.kind = Scores::kScored;
  sc.classes = group ? &group->classes : &impl_->candidates;
  sc.cost = &tl_cost;
  sc.full_table = sc.across_scripts = group == nullptr;
  if (group) {
    AddCosts(group->table.get(), group->stride, features, &tl_cost);
  } else {
    AddCosts(impl_->table, impl_->classes.size(), features, &tl_cost);
  }
  sc.temper = impl_->scale * std::sqrt(static_cast<float>(features.size()));
  sc.features = &features;
  if (!impl_->rare.empty() &&
      CountLetters(doc, part.end, kShortTextLetters) < kShortTextLetters) {
    PenalizeRare(&sc);
  }
  return sc;
}

// Adds ln(kRarePrior), in tempered cost units, to the cost of every class
// in `sc` whose language is rare in customer messages.
void LanguageDetector::PenalizeRare(Scores* sc) const {
  const auto penalty = static_cast<uint32_t>(
      std::lround(sc->temper * std::log(kRarePrior)));
  const std::vector<int>& cands = *sc->classes;
  for (size_t k = 0; k < cands.size(); ++k) {
    if (!impl_->rare[cands[k]]) continue;
    uint32_t& cost = sc->full_table ? (*sc->cost)[cands[k]] : (*sc->cost)[k];
    cost += penalty;
  }
}

// Scores the text's first `end` bytes over every class of its script
// (outside_groups[all]). kOutside when no candidate writes the script or
// the best outside class beats every candidate by kOutsideMargin; else
// the candidates' scores as Score gives them: over `group` (the script's
// candidates) or, when null, over every candidate. The costs are the same
// integers: group tables are copies of the full table's columns.
LanguageDetector::Scores LanguageDetector::ScoreOutside(
    const Document& doc, size_t end, const std::vector<int>* group,
    int all) const {
  Scores sc;
  const Impl::ScriptGroup& g = impl_->outside_groups[all];
  if (g.classes.size() == 1) {  // one language writes it, and it is outside
    sc.kind = Scores::kOutside;
    sc.decided = g.classes[0];
    sc.outside_confidence = 1;
    return sc;
  }
  std::vector<uint32_t>& features = tl_features;
  features.clear();
  LangidFeatures(doc, &features, impl_->max_order, end);
  if (features.empty()) return sc;
  thread_local std::vector<uint32_t> cost;  // indexed like g.classes
  AddCosts(g.table.get(), g.stride, features, &cost);
  sc.temper = impl_->scale * std::sqrt(static_cast<float>(features.size()));
  const std::vector<int>& lang = impl_->class_lang;
  uint32_t best_in = UINT32_MAX;
  size_t out = SIZE_MAX;
  for (size_t k = 0; k < g.classes.size(); ++k) {
    const int c = g.classes[k];
    if (impl_->is_candidate[c]) {
      best_in = std::min(best_in, cost[k]);
    } else if (out == SIZE_MAX || cost[k] < cost[out] ||
               (cost[k] == cost[out] && lang[c] < lang[g.classes[out]])) {
      out = k;
    }
  }
  if (best_in != UINT32_MAX &&
      (best_in <= cost[out] ||
       static_cast<float>(best_in - cost[out]) / sc.temper <= kOutsideMargin)) {
    sc.kind = Scores::kScored;
    sc.features = &features;
    sc.cost = &tl_cost;
    if (group) {  // the candidates' costs, in the group's order
      tl_cost.clear();
      for (int c : *group) {
        size_t k = std::find(g.classes.begin(), g.classes.end(), c) - g.classes.begin();
        tl_cost.push_back(cost[k]);
      }
      sc.classes = group;
    } else {  // rare (Han under a list with Japanese): the full table
      AddCosts(impl_->table, impl_->classes.size(), features, &tl_cost);
      sc.classes = &impl_->candidates;
      sc.full_table = sc.across_scripts = true;
    }
    return sc;
  }
  float total = 0;  // cost[out] is the least of the group's
  for (size_t k = 0; k < g.classes.size(); ++k) {  // not the padding
    total += std::exp(-static_cast<float>(cost[k] - cost[out]) / sc.temper);
  }
  sc.kind = Scores::kOutside;
  sc.decided = g.classes[out];
  sc.outside_confidence = 1.0f / total;
  return sc;
}

void LanguageDetector::Probabilities(
    const Document& doc, int script,
    std::vector<std::pair<int, float>>* out) const {
  out->clear();
  Scores sc = Score(doc, script);
  if (sc.kind == Scores::kNone || sc.kind == Scores::kOutside) return;
  if (sc.kind == Scores::kDecided) {
    out->emplace_back(impl_->class_lang[sc.decided], 1.0f);
    return;
  }
  const std::vector<int>& cands = *sc.classes;
  uint32_t best = UINT32_MAX;
  for (size_t k = 0; k < cands.size(); ++k) best = std::min(best, sc.Cost(k));
  float total = 0;
  for (size_t k = 0; k < cands.size(); ++k) {
    float p = std::exp(-static_cast<float>(sc.Cost(k) - best) / sc.temper);
    int lang = impl_->class_lang[cands[k]];
    auto it = std::find_if(out->begin(), out->end(),
                           [&](const auto& e) { return e.first == lang; });
    if (it == out->end()) {
      out->emplace_back(lang, p);
    } else {
      it->second += p;  // two classes of one language (two scripts)
    }
    total += p;
  }
  for (auto& [l, p] : *out) p /= total;
  auto by_probability = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  std::sort(out->begin(), out->end(), by_probability);
  float share;
  if (out->size() >= 2 && impl_->SplitPair((*out)[0].first, (*out)[1].first,
                                           *sc.features, &share)) {
    float mass = (*out)[0].second + (*out)[1].second;
    (*out)[0].second = mass * share;
    (*out)[1].second = mass * (1 - share);
    std::sort(out->begin(), out->begin() + 2, by_probability);
  }
}

namespace {
// Cleans, normalises and tokenises `text` into the thread's document;
// returns its dominant script.
int PrepareText(std::string_view text, Document** doc) {
  thread_local Tokenizer tok;
  thread_local Document d;
  thread_local std::string clean;
  thread_local std::vector<Span> placeholders;
  CleanText(text, kDefaultMaxBytes, &clean);
  placeholders.clear();
  FindPlaceholders(clean, &placeholders);  // already-redacted text
  tok.NormalizeAndTokenize(clean, placeholders, &d);
  *doc = &d;
  return DominantScript(clean);
}
}  // namespace

void LanguageDetector::TextProbabilities(
    std::string_view text, std::vector<std::pair<int, float>>* out) const {
  Document* doc;
  int script = PrepareText(text, &doc);
  Probabilities(*doc, script, out);
}

LanguageGuess LanguageDetector::TextDetect(std::string_view text) const {
  Document* doc;
  int script = PrepareText(text, &doc);
  return Detect(*doc, script);
}

int LanguageDetector::DecidedBy(int script) const {
  const Impl::ScriptGroup* group = impl_->GroupOf(script);
  if (!group || group->classes.size() != 1 ||
      impl_->OutsideGroup(script) >= 0) {
    return -1;
  }
  return impl_->class_lang[group->classes[0]];
}

// The top two of Probabilities without building it. Within a script group
// every class is a different language, so no merging is needed there;
// scores across scripts (rare) go through Probabilities.
LanguageGuess LanguageDetector::Detect(const Document& doc, int script) const {
  LanguageGuess g;
  Scores sc = Score(doc, script);
  if (sc.kind == Scores::kNone) return g;
  if (sc.kind == Scores::kOutside) {
    g.outside = impl_->class_lang[sc.decided];
    g.outside_confidence = sc.outside_confidence;
    return g;
  }
  if (sc.kind == Scores::kDecided) {
    g.lang = impl_->class_lang[sc.decided];
    g.confidence = 1.0f;
    return g;
  }
  if (sc.across_scripts) {
    thread_local std::vector<std::pair<int, float>> probs;
    Probabilities(doc, script, &probs);
    g.lang = probs[0].first;
    g.confidence = probs[0].second;
    if (probs.size() > 1) g.alt = probs[1].first, g.alt_confidence = probs[1].second;
    return g;
  }
  const std::vector<int>& cands = *sc.classes;
  size_t first = 0, second = SIZE_MAX;
  for (size_t k = 1; k < cands.size(); ++k) {
    uint32_t c = sc.Cost(k);
    if (c < sc.Cost(first) || (c == sc.Cost(first) &&
                               impl_->class_lang[cands[k]] < impl_->class_lang[cands[first]])) {
      second = first;
      first = k;
    } else if (second == SIZE_MAX || c < sc.Cost(second)) {
      second = k;
    }
  }
  float total = 0;
  uint32_t best = sc.Cost(first);
  for (size_t k = 0; k < cands.size(); ++k) {
    total += std::exp(-static_cast<float>(sc.Cost(k) - best) / sc.temper);
  }
  g.lang = impl_->class_lang[cands[first]];
  g.confidence = 1.0f / total;
  if (second != SIZE_MAX) {
    g.alt = impl_->class_lang[cands[second]];
    g.alt_confidence =
        std::exp(-static_cast<float>(sc.Cost(second) - best) / sc.temper) / total;
    float share;
    if (impl_->SplitPair(g.lang, g.alt, *sc.features, &share)) {
      float mass = g.confidence + g.alt_confidence;
      g.confidence = mass * share;
      g.alt_confidence = mass * (1 - share);
      if (g.alt_confidence > g.confidence ||
          (g.alt_confidence == g.confidence && g.alt < g.lang)) {
        std::swap(g.lang, g.alt);
        std::swap(g.confidence, g.alt_confidence);
      }
    }
  }
  return g;
}

}  // namespace kvetch
