// The fuzz targets (fuzz_targets.h). Models come from the source tree
// (KVETCH_MODELS_DIR) and are loaded once per process.
#include "fuzz_targets.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "kvetch/analyzer.h"
#include "kvetch/body.h"
#include "kvetch/csv.h"
#include "kvetch/embed.h"
#include "kvetch/emotion.h"
#include "kvetch/langid.h"
#include "kvetch/model_file.h"
#include "kvetch/pii.h"
#include "kvetch/signals.h"
#include "kvetch/text.h"

namespace kvetch::fuzz {
namespace {

constexpr char kSplit = '\x1e';
constexpr size_t kMaxPieces = 64;

void Check(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("fuzz invariant broken: ") + what);
}

template <typename T>
T Must(StatusOr<T> v, const char* what) {
  if (!v.ok()) {
    throw std::logic_error(std::string("fuzz setup failed: ") + what + ": " +
                           v.status().ToString());
  }
  return std::move(v).value();
}

bool ValidUtf8(std::string_view s) {
  std::string scratch;
  return !RepairUtf8(s, &scratch);
}

// Pieces of `bytes` between kSplit bytes, at most kMaxPieces (the last
// keeps the rest).
std::vector<std::string_view> Split(std::string_view bytes) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < kMaxPieces) {
    size_t at = bytes.find(kSplit);
    if (at == std::string_view::npos) break;
    out.push_back(bytes.substr(0, at));
    bytes.remove_prefix(at + 1);
  }
  out.push_back(bytes);
  return out;
}

std::string_view AsView(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

AnalyzerOptions FullOptions(int n_threads, size_t max_bytes) {
  AnalyzerOptions o;
  o.n_threads = n_threads;
  o.max_bytes = max_bytes;
  o.langid_model = KVETCH_MODELS_DIR "/langid/langid.kvm";
  o.emotion_model = KVETCH_MODELS_DIR "/emotion/emotion.kvm";
  o.signals.rules_path = KVETCH_MODELS_DIR "/signals/rules.tsv";
  return o;
}

// Analyzers for 1 and 2 threads, with the default cap (index 0) or a
// small one (index 1, cap 37: the fuzzer's own cap byte only moves the
// text, so one small analyzer suffices).
const Analyzer& SharedAnalyzer(int threads, bool small_cap) {
  static const auto* all = [] {
    auto* v = new std::vector<std::unique_ptr<Analyzer>>;
    for (int t : {1, 2}) {
      for (size_t cap : {kDefaultMaxBytes, size_t{37}}) {
        v->push_back(Must(Analyzer::Create(FullOptions(t, cap)), "analyzer"));
      }
    }
    return v;
  }();
  return *(*all)[(threads - 1) * 2 + (small_cap ? 1 : 0)];
}

void CheckRow(const Analyzer& a, const AnalysisBatch& b, int64_t i,
              bool is_null) {
  const auto status = static_cast<RowStatus>(b.status[i]);
  Check(b.status[i] < kNumRowStatuses, "status in range");
  Check(is_null == (status == RowStatus::kNull), "null rows are null");
  Check(b.text_offsets[i] <= b.text_offsets[i + 1], "offsets grow");
  Check(ValidUtf8(b.TextRedacted(i)), "redacted text is valid UTF-8");
  int64_t pii = 0;
  for (const auto& col : b.pii_by_type) pii += col[i];
  Check(pii == b.pii_count[i], "PII counts add up");
  const int n_lang = static_cast<int>(a.languages().size());
  Check(b.lang[i] >= -1 && b.lang[i] < n_lang, "lang in range");
  Check(b.lang_alt[i] >= -1 && b.lang_alt[i] < n_lang, "lang_alt in range");
  const float lc = b.lang_confidence[i];
  Check(lc >= 0.0f && lc <= 1.0f, "lang confidence in [0, 1]");
  Check(b.emotion[i] >= -1 && b.emotion[i] < kNumCsEmotions, "emotion");
  Check(b.polarity[i] >= -1 && b.polarity[i] < kNumPolarityNames, "polarity");
  Check(b.nes[i] >= -1 && b.nes[i] <= 1, "nes in -1..1");
  // Every model is loaded, so no emotion column is left unset (NaN fails).
  const float v = b.valence[i], in = b.intensity[i];
  const float conf = b.emotion_confidence[i];
  Check(v >= -1.0f && v <= 1.0f, "valence in [-1, 1]");
  Check(in >= 0.0f && in <= 1.0f, "intensity in [0, 1]");
  Check(conf >= 0.0f && conf <= 1.0f, "emotion_confidence in [0, 1]");
  for (const auto& col : b.emo) {
    Check(col[i] >= 0.0f && col[i] <= 1.0f, "emo_* in [0, 1]");
  }
  for (const auto& col : b.signal_by_type) Check(col[i] <= 1, "signal 0/1");
}

// Columns that must not depend on the thread count, compared bitwise.
bool SameBatch(const AnalysisBatch& x, const AnalysisBatch& y) {
  auto same_bits = [](const std::vector<float>& p, const std::vector<float>& q) {
    return p.size() == q.size() &&
           (p.empty() || std::memcmp(p.data(), q.data(), p.size() * 4) == 0);
  };
  bool same = x.status == y.status && x.text_data == y.text_data &&
              x.text_offsets == y.text_offsets && x.n_tokens == y.n_tokens &&
              x.script == y.script && x.pii_count == y.pii_count &&
              x.lang == y.lang && x.lang_alt == y.lang_alt &&
              x.emotion == y.emotion && x.polarity == y.polarity &&
              x.nes == y.nes && x.signal_by_type == y.signal_by_type &&
              x.n_bytes == y.n_bytes && x.pii_by_type == y.pii_by_type &&
              same_bits(x.lang_confidence, y.lang_confidence) &&
              same_bits(x.valence, y.valence) &&
              same_bits(x.intensity, y.intensity) &&
              same_bits(x.emotion_confidence, y.emotion_confidence);
  for (int e = 0; e < kNumCsEmotions; ++e) same = same && same_bits(x.emo[e], y.emo[e]);
  return same;
}

}  // namespace

void Analyze(const uint8_t* data, size_t size) {
  if (size == 0) return;
  const uint8_t flags = data[0];
  std::vector<std::string_view> pieces = Split(AsView(data + 1, size - 1));
  std::vector<uint8_t> is_null(pieces.size(), 0);
  for (size_t i = 0; i < pieces.size(); ++i) {
    is_null[i] = (flags & 2) && pieces[i].empty();
  }
  const bool small = flags & 1;
  TextColumn texts =
      TextColumn::FromViews(pieces.data(), is_null.data(), pieces.size());
  const Analyzer& one = SharedAnalyzer(1, small);
  AnalysisBatch b = one.Run(texts);
  Check(b.size() == static_cast<int64_t>(pieces.size()), "one row per message");
  Check(b.text_offsets.size() == pieces.size() + 1 &&
            b.text_offsets.back() == static_cast<int64_t>(b.text_data.size()),
        "text offsets cover the text");
  for (int64_t i = 0; i < b.size(); ++i) CheckRow(one, b, i, is_null[i]);
  Check(SameBatch(b, SharedAnalyzer(2, small).Run(texts)),
        "1 and 2 threads give the same batch");
}

void CsvQuotes(const uint8_t* data, size_t size) {
  std::string_view all = AsView(data, size);
  CsvQuoteScan whole;
  whole.Feed(all);
  const size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  CsvQuoteScan parts;
  parts.Feed(all.substr(0, cut));
  parts.Feed(all.substr(cut));
  Check(whole.open_at() == parts.open_at(), "chunking does not matter");
  const int64_t at = whole.open_at();
  Check(at == -1 || (at >= 0 && at < static_cast<int64_t>(size) &&
                     all[at] == '"'),
        "open_at is -1 or a quote");
}

void Text(const uint8_t* data, size_t size) {
  std::string clean;
  CleanText(AsView(data, size), kDefaultMaxBytes, &clean);
  Check(ValidUtf8(clean), "CleanText gives valid UTF-8");
  Check(DominantScript(clean) >= 0, "script code");
  static thread_local Tokenizer tokenizer;
  Document doc;
  std::vector<Span> atomic;
  FindPlaceholders(clean, &atomic);
  tokenizer.NormalizeAndTokenize(clean, atomic, &doc);
  Check(ValidUtf8(doc.norm), "normalised text is valid UTF-8");
  uint32_t last = 0;
  for (const Token& t : doc.tokens) {
    Check(t.span.begin >= last && t.span.begin < t.span.end &&
              t.span.end <= doc.norm.size(),
          "tokens in order, non-empty, inside the text");
    last = t.span.end;
  }
  std::vector<Span> sentences;
  tokenizer.SplitSentences(clean, &sentences);
  last = 0;
  for (const Span& s : sentences) {
    Check(s.begin >= last && s.begin < s.end && s.end <= clean.size(),
          "sentences in order, non-empty, inside the text");
    last = s.end;
  }
  for (BodyMarkers m : {BodyMarkers::kAll, BodyMarkers::kNoSignOffs,
                        BodyMarkers::kFooters}) {
    Check(BodyEnd(doc, m) <= doc.norm.size(), "BodyEnd inside the text");
  }
}

void PiiPattern(const uint8_t* data, size_t size) {
  std::string_view all = AsView(data, size);
  const size_t at = all.find(kSplit);
  if (at == std::string_view::npos) return;
  PiiOptions options;
  options.custom.push_back({"fuzz", std::string(all.substr(0, at))});
  auto redactor = PiiRedactor::Create(options);
  if (!redactor.ok()) {
    Check(!redactor.status().message().empty(), "errors say why");
    return;
  }
  std::string text;
  CleanText(all.substr(at + 1), kDefaultMaxBytes, &text);
  std::vector<PiiMatch> matches;
  (*redactor)->Find(text, &matches);
  uint32_t last = 0;
  for (const PiiMatch& m : matches) {
    Check(m.span.begin >= last && m.span.begin < m.span.end &&
              m.span.end <= text.size(),
          "PII matches sorted, disjoint, non-empty, inside the text");
    last = m.span.end;
  }
  Redaction r;
  (*redactor)->Redact(text, matches, &r);
  Check(r.placeholders.size() == matches.size(), "a placeholder per match");
  for (size_t i = 0; i < matches.size(); ++i) {
    const Span s = r.placeholders[i];
    Check(s.end <= r.text.size() &&
              std::string_view(r.text).substr(s.begin, s.end - s.begin) ==
                  (*redactor)->Placeholder(matches[i]),
          "placeholders where the redaction says");
  }
}

void SignalRule(const uint8_t* data, size_t size) {
  std::string_view all = AsView(data, size);
  const size_t at = all.find(kSplit);
  if (at == std::string_view::npos || at == 0) return;
  static const char* kSignals[] = {"effort", "churn", "urgency",
                                   "escalation", "negation"};
  // The bundled negation cues with the rule, so that hits can be negated;
  // with an odd second byte the same pattern is also the rule's exception.
  SignalOptions options;
  options.rules_path = KVETCH_MODELS_DIR "/signals/rules.tsv";
  options.cues_only = true;
  std::string_view pattern = all.substr(1, at - 1);
  const char* signal = kSignals[data[0] % 5];
  options.rules.push_back({signal, "", std::string(pattern), "fuzz rule"});
  if (data[0] & 0x80 && signal != std::string_view("negation")) {
    options.rules.push_back({std::string("!") + signal, "",
                             std::string(pattern.substr(pattern.size() / 2)),
                             "fuzz exception"});
  }
  auto matcher = SignalMatcher::Create(options);
  if (!matcher.ok()) {
    Check(!matcher.status().message().empty(), "errors say why");
    return;
  }
  std::string clean, text;
  CleanText(all.substr(at + 1), kDefaultMaxBytes, &clean);
  static thread_local Tokenizer tokenizer;
  Document doc;
  tokenizer.NormalizeAndTokenize(clean, {}, &doc);
  AppendSignalText(doc.norm, &text);
  const SignalSet fired = (*matcher)->Match(text);
  std::vector<SignalHit> hits;
  (*matcher)->Explain(text, &hits);
  SignalSet explained;
  for (const SignalHit& h : hits) {
    Check(h.span.begin <= h.span.end && h.span.end <= text.size(),
          "hits inside the text");
    if (!h.negated && !h.excepted) explained.Add(h.signal);
  }
  Check(fired.bits == explained.bits, "Match and Explain agree");
}

// Loads a parsed model file as its kind; any error must name the file.
void LoadAs(ModelKind kind, ModelFile file) {
  Status st;
  if (kind == ModelKind::kLangid) {
    st = LanguageDetector::FromModel(std::move(file), {}).status();
  } else if (kind == ModelKind::kEmotion) {
    st = EmotionScorer::FromModel(std::move(file)).status();
  } else {
    st = Embedder::FromModel(std::move(file), 1).status();
  }
  Check(st.ok() || st.message().find("fuzz.kvm") != std::string::npos,
        "model loader errors name the file");
}

void ModelBytes(const uint8_t* data, size_t size) {
  // Odd first byte: the header is made valid (magic, format version, kind,
  // checksum of the rest), so that mutations reach the section table and
  // the model loaders instead of stopping at the checksum.
  const bool patch = size >= 40 && (data[0] & 1);
  for (ModelKind kind :
       {ModelKind::kLangid, ModelKind::kEmotion, ModelKind::kEmbed}) {
    std::string bytes(AsView(data, size));
    if (patch) {
      const uint32_t version = 1, k = static_cast<uint32_t>(kind);
      std::memcpy(bytes.data(), "KVETCHMD", 8);
      std::memcpy(bytes.data() + 8, &version, 4);
      std::memcpy(bytes.data() + 12, &k, 4);
      const uint64_t sum = Fnv1a64(std::string_view(bytes).substr(40));
      std::memcpy(bytes.data() + 32, &sum, 8);
    }
    auto file = ModelFile::Parse(std::move(bytes), "fuzz.kvm", kind);
    if (!file.ok()) {
      Check(file.status().message().find("fuzz.kvm") != std::string::npos,
            "model errors name the file");
      continue;
    }
    LoadAs(kind, std::move(file).value());
  }
}

void Embed(const uint8_t* data, size_t size) {
  static const auto* embedders = [] {
    auto* v = new std::vector<std::unique_ptr<Embedder>>;
    for (int t : {1, 2}) {
      v->push_back(Must(Embedder::Load(KVETCH_MODELS_DIR "/embed/embed.kvm", t),
                        "embedder"));
    }
    return v;
  }();
  std::vector<std::string_view> pieces = Split(AsView(data, size));
  std::vector<std::string> clean(pieces.size());
  std::vector<std::string_view> views(pieces.size());
  for (size_t i = 0; i < pieces.size(); ++i) {
    CleanText(pieces[i], kDefaultMaxBytes, &clean[i]);
    views[i] = clean[i];
  }
  TextColumn texts = TextColumn::FromViews(views.data(), nullptr, views.size());
  EmbeddingBatch one = (*embedders)[0]->Run(texts);
  EmbeddingBatch two = (*embedders)[1]->Run(texts);
  Check(one.vectors == two.vectors && one.dedup_key == two.dedup_key,
        "1 and 2 threads give the same vectors");
  const int d = one.dim;
  for (size_t i = 0; i < views.size(); ++i) {
    double norm = 0;
    for (int j = 0; j < d; ++j) {
      const float x = one.vectors[i * d + j];
      Check(std::isfinite(x), "finite vector");
      norm += double{x} * x;
    }
    Check(one.known_tokens[i] >= 0, "known tokens");
    Check(one.known_tokens[i] > 0 || norm == 0, "no known token: zero");
    Check(norm == 0 || std::fabs(norm - 1.0) < 1e-3, "unit length or zero");
  }
}

}  // namespace kvetch::fuzz
