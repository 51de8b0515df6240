// The batch pipeline. Rows are independent, so the batch is a parallel_for
// over fixed blocks of rows inside the analyzer's task arena; each thread
// keeps its own scratch (tokenizer, buffers) and writes only its rows' slots
// of the fixed-width columns. Redacted texts go to one buffer per block,
// joined in block order at the end, so nothing depends on which thread ran
// which row. Signals, the one unit that reads only the normalised text,
// run in a second parallel pass over the blocks.
#include "kvetch/analyzer.h"

#include <sched.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "kvetch/body.h"

namespace kvetch {

int DefaultThreadCount() {
  if (const char* env = std::getenv("OMP_NUM_THREADS")) {
    char* end = nullptr;
    long n = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && n > 0 && n < 4096) {
      return static_cast<int>(n);
    }
  }
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? static_cast<int>(n) : 1;
}

int ArenaThreads(int n_threads) {
  return std::max(1, std::min(n_threads, tbb::info::default_concurrency()));
}

// --- TextColumn -------------------------------------------------------------

TextColumn TextColumn::FromViews(const std::string_view* views,
                                 const uint8_t* is_null, int64_t n) {
  TextColumn c;
  c.views_ = views;
  c.is_null_ = is_null;
  c.n_ = n;
  return c;
}

TextColumn TextColumn::FromArrow(const char* data, const int32_t* offsets,
                                 const uint8_t* validity, int64_t offset,
                                 int64_t n) {
  TextColumn c;
  c.data_ = data;
  c.offsets32_ = offsets;
  c.validity_ = validity;
  c.offset_ = offset;
  c.n_ = n;
  return c;
}

TextColumn TextColumn::FromArrow(const char* data, const int64_t* offsets,
                                 const uint8_t* validity, int64_t offset,
                                 int64_t n) {
  TextColumn c;
  c.data_ = data;
  c.offsets64_ = offsets;
  c.validity_ = validity;
  c.offset_ = offset;
  c.n_ = n;
  return c;
}

bool TextColumn::IsNull(int64_t i) const {
  if (views_) return is_null_ && is_null_[i];
  if (!validity_) return false;
  int64_t k = i + offset_;
  return !((validity_[k >> 3] >> (k & 7)) & 1);
}

std::string_view TextColumn::Get(int64_t i) const {
  if (IsNull(i)) return {};
  if (views_) return views_[i];
  int64_t k = i + offset_;
  int64_t b = offsets32_ ? offsets32_[k] : offsets64_[k];
  int64_t e = offsets32_ ? offsets32_[k + 1] : offsets64_[k + 1];
  if (!data_ || e <= b) return {};
  return std::string_view(data_ + b, static_cast<size_t>(e - b));
}

// --- Analyzer ---------------------------------------------------------------

namespace {

// Rows per unit of parallel work (and per redacted-text buffer).
constexpr int64_t kRowsPerBlock = 64;

// A language guess at least this probable is taken as the text's language
// by the emotion scorer (see ScoreEmotion).
constexpr float kSureLanguage = 0.9f;

// The normalised texts of one block's rows, kept for the signals pass: a
// null row's text is empty.
struct BlockNorms {
  std::string text;
  std::vector<size_t> end;  // per row: where its text ends in `text`
};

// Appends the customer's own words of `doc` (its normalised text up to
// BodyEnd, without lines that start with '>'), as the signal rules read
// them (AppendSignalText), to *out: signals are about
// the writer, not a quoted agent reply ("do you want to cancel?"), a
// signature ("Head of Urgent Care") or a disclaimer ("notify the sender
// urgently").
void AppendBody(const Document& doc, std::string* out) {
  std::string_view body = std::string_view(doc.norm).substr(0, BodyEnd(doc));
  while (!body.empty()) {
    size_t eol = body.find('\n');
    std::string_view line =
        body.substr(0, eol == std::string_view::npos ? body.size() : eol + 1);
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] != '>') {
      AppendSignalText(line, out);
    }
    body.remove_prefix(line.size());
  }
}

// Per-worker buffers, reused across the rows a worker runs.
struct Scratch {
  Tokenizer tokenizer;
  std::string clean;
  std::string unredacted_letters;  // ScriptOfRedaction's copy
  std::string cap_context;         // CleanAndRedact: text past the cap
  std::vector<PiiMatch> pii;
  std::vector<Span> placeholders;  // AddPlaceholdersFound's
  Redaction redaction;
  Document doc;
  EmotionScratch emotion;
  EmotionScores scores;
};

// The calling thread's scratch. TBB's workers live as long as the process,
// so each builds its tokenizer (ICU break iterators, which load their
// dictionaries lazily, in milliseconds) once, not once per batch. Scratch
// holds no analyzer state, so sharing it across analyzers is safe.
Scratch& LocalScratch() {
  thread_local std::unique_ptr<Scratch> scratch;
  if (!scratch) scratch = std::make_unique<Scratch>();
  return *scratch;
}

// Adds to r->placeholders the placeholders that were in the text before we
// redacted it ("<EMAIL>" in an archive redacted upstream), so that every
// unit reads them as the neutral tokens ours are, as the embedder and the
// single-text language detector do (FindPlaceholders).
void AddPlaceholdersFound(Redaction* r, std::vector<Span>* found) {
  if (r->text.find('<') == std::string::npos) return;
  found->clear();
  FindPlaceholders(r->text, found);
  if (found->size() == r->placeholders.size()) return;  // all ours
  std::vector<Span>& ours = r->placeholders;
  size_t n = ours.size();
  for (const Span& f : *found) {  // both sorted; keep those ours don't hold
    auto it = std::lower_bound(ours.begin(), ours.begin() + n, f,
                               [](const Span& a, const Span& b) { return a.end <= b.begin; });
    if (it == ours.begin() + n || it->begin >= f.end) ours.push_back(f);
  }
  std::inplace_merge(ours.begin(), ours.begin() + n, ours.end(),
                     [](const Span& a, const Span& b) { return a.begin < b.begin; });
}

// Bytes cleaned past the length cap so that PII the cap cuts (an e-mail
// address, a card number) is still found whole: longer than any built-in
// pattern's match but for long URLs, which match from their start anyway.
constexpr size_t kCapMargin = 1024;

// The dominant script of the redacted text with its placeholders left out:
// "<EMAIL>" does not make an Arabic message Latin.
int ScriptOfRedaction(const Redaction& r, std::string* buffer,
                      uint32_t* letters) {
  if (r.placeholders.empty()) return DominantScript(r.text, letters);
  buffer->clear();
  size_t pos = 0;
  for (const Span& p : r.placeholders) {
    buffer->append(r.text, pos, p.begin - pos);
    buffer->push_back(' ');
    pos = p.end;
  }
  buffer->append(r.text, pos, std::string::npos);
  return DominantScript(*buffer, letters);
}

RowStatus StatusOf(const CleanResult& r, const Document& doc) {
  // The cap first: a message cut down to whitespace (or to nothing, when
  // max_bytes is under its first character) was not empty.
  if (r.truncated) return RowStatus::kTruncated;
  if (doc.tokens.empty()) return RowStatus::kEmpty;
  if (r.repaired_utf8) return RowStatus::kRepairedUtf8;
  return RowStatus::kOk;
}

}  // namespace

struct Analyzer::Impl {
  AnalyzerOptions options;
  std::unique_ptr<PiiRedactor> pii;
  std::unique_ptr<LanguageDetector> langid;  // null without a model
  std::unique_ptr<EmotionScorer> emotion;    // null without a model
  std::unique_ptr<SignalMatcher> signals;    // null without rules
  std::vector<std::string> no_languages;
  mutable tbb::task_arena arena;

  // Analyses row i of `texts` into the fixed-width columns of *out and
  // returns its redacted text through s->redaction.text.
  void AnalyzeRow(const TextColumn& texts, int64_t i, Scratch* s,
                  AnalysisBatch* out) const;
  void DetectLanguage(const Document& doc, int script, int64_t i,
                      AnalysisBatch* out) const;
  void ScoreEmotion(Scratch* s, int64_t i, AnalysisBatch* out) const;
  // language_only: fills the row when `script` decides its language;
  // false otherwise.
  bool DecidedLanguage(int script, const CleanResult& cr, int64_t i,
                       AnalysisBatch* out) const;
  static void CountPii(const Redaction& r, int64_t i, AnalysisBatch* out);
  // Cleans `raw` (capped at options.max_bytes) and redacts it into
  // s->redaction; s->clean is left holding the cleaned text plus, for a
  // truncated row, the context past the cap. PII that the cap would cut is
  // redacted whole.
  CleanResult CleanAndRedact(std::string_view raw, Scratch* s) const;
  // Fills the signal columns of the block of rows that starts at `first`.
  void MatchSignals(const BlockNorms& norms, int64_t first,
                    AnalysisBatch* out) const;
};

void Analyzer::Impl::ScoreEmotion(Scratch* s, int64_t i,
                                  AnalysisBatch* out) const {
  if (!emotion) return;
  std::string_view lang;
  // No lang but a lang_alt: the text is in that language, outside a
  // restricted list (DetectLanguage); it is scored as what it is.
  const int16_t code = out->lang[i] >= 0 ? out->lang[i] : out->lang_alt[i];
  if (code >= 0) lang = langid->languages()[code];
  // An unsure guess at a language the emotion model lacks ("terrible" and
  // "fantastic" read as Catalan, 0.41-0.6) is scored as an unknown
  // language, on every feature with a lower confidence, not on emoji and
  // punctuation alone; text really in such a language is detected at
  // 0.97-1.0.
  if (out->lang[i] >= 0 && out->lang_confidence[i] < kSureLanguage &&
      emotion->Tier(lang) == LanguageTier::kNone) {
    lang = {};
  }
  EmotionScores& e = s->scores;
  emotion->Score(s->doc, s->redaction.text, lang, &s->emotion, &e);
  out->emotion[i] = static_cast<int8_t>(e.cs_top);
  for (int c = 0; c < kNumCsEmotions; ++c) out->emo[c][i] = e.cs[c];
  out->valence[i] = e.valence;
  out->intensity[i] = e.intensity;
  out->polarity[i] = static_cast<int8_t>(e.polarity);
  out->emotion_confidence[i] = e.confidence;
  out->nes[i] = e.nes;
  if (!out->go_emotions.empty()) {
    std::copy(e.go.begin(), e.go.end(),
              out->go_emotions.begin() + i * kNumGoLabels);
  }
}

void Analyzer::Impl::DetectLanguage(const Document& doc, int script,
                                    int64_t i, AnalysisBatch* out) const {
  if (!langid) return;
  LanguageGuess g = langid->Detect(doc, script);
  if (g.lang < 0 && g.outside >= 0) {  // none of the allowed languages
    if (g.outside_confidence >= options.min_lang_confidence) {
      out->lang_alt[i] = static_cast<int16_t>(g.outside);
    }
    return;
  }
  if (g.lang < 0 || g.confidence < options.min_lang_confidence) return;
  out->lang[i] = static_cast<int16_t>(g.lang);
  out->lang_confidence[i] = g.confidence;
  if (g.alt >= 0 && g.alt_confidence >= kLangAltMin) {
    out->lang_alt[i] = static_cast<int16_t>(g.alt);
  }
}

bool Analyzer::Impl::DecidedLanguage(int script, const CleanResult& cr,
                                     int64_t i, AnalysisBatch* out) const {
  int lang = langid->DecidedBy(script);
  if (lang < 0) return false;
  // The script's letters make word tokens, so the row is not empty.
  out->status[i] = static_cast<uint8_t>(cr.truncated      ? RowStatus::kTruncated
                                        : cr.repaired_utf8 ? RowStatus::kRepairedUtf8
                                                           : RowStatus::kOk);
  out->n_tokens[i] = -1;
  out->lang[i] = static_cast<int16_t>(lang);
  out->lang_confidence[i] = 1.0f;
  return true;
}

void Analyzer::Impl::CountPii(const Redaction& r, int64_t i,
                              AnalysisBatch* out) {
  int32_t total = 0;
  for (int t = 0; t < kNumPiiTypes; ++t) {
    out->pii_by_type[t][i] = r.counts[t];
    total += r.counts[t];
  }
  out->pii_count[i] = total;
}

CleanResult Analyzer::Impl::CleanAndRedact(std::string_view raw,
                                           Scratch* s) const {
  CleanResult cr = CleanText(raw, options.max_bytes, &s->clean);
  const size_t keep = s->clean.size();
  if (cr.truncated) {
    // The kept text, then the next kCapMargin raw bytes cleaned on their
    // own, so that Find sees PII that straddles the cap. Appended rather
    // than cleaned again in one piece: cleaning is not prefix-stable (a
    // zero-width joiner at the cap is kept or dropped by what follows), and
    // the first `keep` bytes must stay exactly the capped text.
    std::string_view rest = raw.substr(TruncationPoint(raw, options.max_bytes));
    CleanText(rest, kCapMargin, &s->cap_context);
    s->clean += s->cap_context;
  }
  s->pii.clear();
  pii->Find(s->clean, &s->pii);
  // Matches that start past the cap were never in the kept text; one that
  // starts before it and ends after is redacted whole (its placeholder may
  // end past the cap), never shown in part.
  while (!s->pii.empty() && s->pii.back().span.begin >= keep) s->pii.pop_back();
  size_t end = keep;
  if (!s->pii.empty()) end = std::max<size_t>(end, s->pii.back().span.end);
  pii->Redact(std::string_view(s->clean).substr(0, end), s->pii, &s->redaction);
  AddPlaceholdersFound(&s->redaction, &s->placeholders);
  return cr;
}

void Analyzer::Impl::AnalyzeRow(const TextColumn& texts, int64_t i,
                                Scratch* s, AnalysisBatch* out) const {
  s->redaction.Clear();
  if (texts.IsNull(i)) {
    out->status[i] = static_cast<uint8_t>(RowStatus::kNull);
    out->script[i] = kScriptCommon;
    s->doc.Clear();
    ScoreEmotion(s, i, out);
    return;
  }
  std::string_view raw = texts.Get(i);
  out->n_bytes[i] = static_cast<int64_t>(raw.size());
  CleanResult cr = CleanAndRedact(raw, s);
  uint32_t letters = 0;
  int script = ScriptOfRedaction(s->redaction, &s->unredacted_letters, &letters);
  out->script[i] = static_cast<uint16_t>(script);
  // One line has no quoted reply or footer (body.h), so the whole text's
  // script is the one Detect would use.
  if (options.language_only && letters >= kLangidMinLetters &&
      s->redaction.text.find('\n') == std::string::npos &&
      DecidedLanguage(script, cr, i, out)) {
    return CountPii(s->redaction, i, out);
  }
  s->tokenizer.NormalizeAndTokenize(s->redaction.text,
                                    s->redaction.placeholders, &s->doc);
  out->status[i] = static_cast<uint8_t>(StatusOf(cr, s->doc));
  out->n_tokens[i] = static_cast<int32_t>(s->doc.CountContentTokens());
  DetectLanguage(s->doc, script, i, out);
  ScoreEmotion(s, i, out);
  CountPii(s->redaction, i, out);
}

void Analyzer::Impl::MatchSignals(const BlockNorms& norms, int64_t first,
                                  AnalysisBatch* out) const {
  size_t begin = 0;
  for (size_t r = 0; r < norms.end.size(); ++r) {
    const int64_t i = first + static_cast<int64_t>(r);
    SignalSet found = signals->Match(
        std::string_view(norms.text).substr(begin, norms.end[r] - begin));
    for (int k = 0; k < kNumSignals; ++k) {
      out->signal_by_type[k][i] = found.Has(static_cast<Signal>(k));
    }
    begin = norms.end[r];
  }
}

StatusOr<std::unique_ptr<Analyzer>> Analyzer::Create(
    const AnalyzerOptions& options) {
  if (options.max_bytes == 0 || options.max_bytes > kMaxMaxBytes) {
    return Status::InvalidArgument("max_bytes must be in 1 .. 2^30, got " +
                                   std::to_string(options.max_bytes));
  }
  if (options.language_only &&
      (options.langid_model.empty() || !options.emotion_model.empty() ||
       !options.signals.rules_path.empty() || !options.signals.rules.empty())) {
    return Status::InvalidArgument(
        "language_only needs a language model and no emotion model or "
        "signals");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.n_threads <= 0) {
    impl->options.n_threads = DefaultThreadCount();
  }
  KVETCH_ASSIGN_OR_RETURN(impl->pii, PiiRedactor::Create(options.pii));
  if (!options.langid_model.empty()) {
    KVETCH_ASSIGN_OR_RETURN(impl->langid,
                            LanguageDetector::Load(options.langid_model,
                                                   options.languages,
                                                   options.langid_max_order));
  }
  if (!options.emotion_model.empty()) {
    KVETCH_ASSIGN_OR_RETURN(impl->emotion,
                            EmotionScorer::Load(options.emotion_model));
  }
  if (!options.signals.rules_path.empty() || !options.signals.rules.empty()) {
    KVETCH_ASSIGN_OR_RETURN(impl->signals,
                            SignalMatcher::Create(options.signals));
  }
  impl->arena.initialize(ArenaThreads(impl->options.n_threads));
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;

const AnalyzerOptions& Analyzer::options() const { return impl_->options; }
int Analyzer::n_threads() const { return impl_->options.n_threads; }
const std::vector<std::string>& Analyzer::languages() const {
  return impl_->langid ? impl_->langid->languages() : impl_->no_languages;
}

const LanguageDetector* Analyzer::language_detector() const {
  return impl_->langid.get();
}

const EmotionScorer* Analyzer::emotion_scorer() const {
  return impl_->emotion.get();
}

LanguageGuess Analyzer::DetectLanguage(
    std::string_view text, std::vector<std::pair<int, float>>* probs) const {
  if (probs) probs->clear();
  if (!impl_->langid) return {};
  Scratch& s = LocalScratch();
  s.redaction.Clear();
  impl_->CleanAndRedact(text, &s);
  int script = ScriptOfRedaction(s.redaction, &s.unredacted_letters, nullptr);
  s.tokenizer.NormalizeAndTokenize(s.redaction.text, s.redaction.placeholders,
                                   &s.doc);
  if (probs) impl_->langid->Probabilities(s.doc, script, probs);
  return impl_->langid->Detect(s.doc, script);
}

AnalysisBatch Analyzer::Run(const TextColumn& texts) const {
  const int64_t n = texts.size();
  AnalysisBatch out;
  out.Resize(n);
  if (impl_->emotion && impl_->options.emotion_details) {
    out.go_emotions.assign(n * kNumGoLabels, 0.0f);
  }
  // Rows run in fixed blocks, each appending its redacted texts to its own
  // buffer; the buffers are joined in block order, so the text column does
  // not depend on which thread ran which block. Signals run afterwards, in
  // a second pass over the blocks' normalised texts: run row by row between
  // the other units, the rules' large DFA fell out of the CPU caches, and
  // the whole pipeline was 1.17-1.22x slower on 1 thread
  // (benchmarks/README.md).
  const int64_t n_blocks = (n + kRowsPerBlock - 1) / kRowsPerBlock;
  std::vector<std::string> block_text(static_cast<size_t>(n_blocks));
  std::vector<BlockNorms> block_norms(impl_->signals ? n_blocks : 0);
  auto rows_of = [n](int64_t b) {
    return std::make_pair(b * kRowsPerBlock, std::min(n, (b + 1) * kRowsPerBlock));
  };
  impl_->arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<int64_t>(0, n_blocks, 1),
        [&](const tbb::blocked_range<int64_t>& blocks) {
          Scratch& s = LocalScratch();
          for (int64_t b = blocks.begin(); b < blocks.end(); ++b) {
            auto [first, last] = rows_of(b);
            for (int64_t i = first; i < last; ++i) {
              impl_->AnalyzeRow(texts, i, &s, &out);
              block_text[b].append(s.redaction.text);
              out.text_offsets[i + 1] = static_cast<int64_t>(s.redaction.text.size());
              if (!impl_->signals) continue;
              // Signals exclude language_only, so every row was tokenised
              // (or is null, with an empty document).
              AppendBody(s.doc, &block_norms[b].text);
              block_norms[b].end.push_back(block_norms[b].text.size());
            }
          }
        },
        tbb::simple_partitioner());
    if (!impl_->signals) return;
    tbb::parallel_for(
        tbb::blocked_range<int64_t>(0, n_blocks, 1),
        [&](const tbb::blocked_range<int64_t>& blocks) {
          for (int64_t b = blocks.begin(); b < blocks.end(); ++b) {
            impl_->MatchSignals(block_norms[b], rows_of(b).first, &out);
          }
        },
        tbb::simple_partitioner());
  });
  size_t total = 0;
  for (const std::string& t : block_text) total += t.size();
  out.text_data.reserve(total);
  for (const std::string& t : block_text) out.text_data.append(t);
  for (int64_t i = 0; i < n; ++i) out.text_offsets[i + 1] += out.text_offsets[i];
  return out;
}

}  // namespace kvetch
