// Static message embeddings. The table is int8 rows with a float scale per
// row (the token's frequency weight is folded into the scale), looked up by
// a hash map of token strings built once at load. A word is either a row of
// its own or a sequence of WordPiece pieces: the longest vocabulary prefix,
// then the longest "##"-prefixed continuation, and so on. Rows are summed in
// token order in float, so a row's vector does not depend on the thread that
// computed it.
#include "kvetch/embed.h"

#include "internal/hash.h"
#include "kvetch/analyzer.h"
#include "kvetch/body.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>

#include "kvetch/pii.h"

namespace kvetch {
namespace {

using internal::Fnv1a64Extend;

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

struct Scratch {
  Tokenizer tokenizer;
  Document doc;
  std::string clean;
  std::vector<Span> placeholders;
  std::string piece;
  std::vector<int32_t> rows;
};

Scratch& LocalScratch() {
  thread_local std::unique_ptr<Scratch> scratch;
  if (!scratch) scratch = std::make_unique<Scratch>();
  return *scratch;
}

// Typo fallback (see embed.h): words of at least kTypoMinChars code points
// made of letters (ASCII a-z or any non-ASCII character) only.
constexpr int kTypoMinChars = 4;

bool TypoEligible(std::string_view w) {
  int chars = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (c < 0x80 && (c < 'a' || c > 'z')) return false;
    if ((c & 0xC0) != 0x80) ++chars;
  }
  return chars >= kTypoMinChars;
}

// Calls visit(variant) for w with each code point deleted in turn, into
// *buf; stops early when visit returns true (and then returns true).
template <typename Visit>
bool ForEachDeletion(std::string_view w, std::string* buf, Visit visit) {
  for (size_t i = 0; i < w.size();) {
    const size_t len = std::min(Utf8Length(static_cast<unsigned char>(w[i])),
                                w.size() - i);
    buf->assign(w.substr(0, i));
    buf->append(w.substr(i + len));
    if (visit(std::string_view(*buf))) return true;
    i += len;
  }
  return false;
}

uint64_t HashOf(std::string_view s) {
  return internal::Fnv1a64Extend(internal::kFnv64Offset, s);
}

}  // namespace

uint64_t DedupKey(const Document& doc) {
  uint64_t h = internal::kFnv64Offset;
  bool any = false;
  for (const Token& t : doc.tokens) {
    if (t.kind == TokenKind::kNumber || t.kind == TokenKind::kPunct) continue;
    h = Fnv1a64Extend(h, doc.TokenText(t));
    h = Fnv1a64Extend(h, std::string_view("\x1f", 1));
    any = true;
  }
  return any ? (h == 0 ? 1 : h) : 0;
}

struct Embedder::Impl {
  ModelFile file;
  int dim = 0;
  int n_rows = 0;
  const int8_t* values = nullptr;  // row r at r * dim (or r * dim / 2)
  bool four_bit = false;            // values packed two per byte
  float merge_threshold = 0.0f;     // 0: the file does not say
  const float* scales = nullptr;
  std::unordered_map<std::string_view, int32_t> rows;
  // Typo fallback: hash of each one-deletion variant of a typo-eligible
  // whole word -> that word's row (the lowest row when several share a
  // variant), sorted by hash.
  std::vector<std::pair<uint64_t, int32_t>> deletions;
  int n_threads = 1;
  mutable tbb::task_arena arena;

  Status Init();
  int32_t Find(std::string_view token) const {
    auto it = rows.find(token);
    return it == rows.end() ? -1 : it->second;
  }
  int32_t FindDeletion(std::string_view variant) const {
    const uint64_t h = HashOf(variant);
    auto it = std::lower_bound(
        deletions.begin(), deletions.end(), std::make_pair(h, int32_t{-1}));
    return it != deletions.end() && it->first == h ? it->second : -1;
  }
  // The row of the whole word one edit away from `word` (see embed.h), or
  // -1.
  int32_t FindTypo(std::string_view word, std::string* buf) const;
  void IndexDeletions(const std::vector<std::string_view>& words);
  // Calls visit(row) for each row of `word` (whole or in pieces); returns
  // how many.
  template <typename Visit>
  int ForEachRow(std::string_view word, std::string* piece, Visit visit) const;
  // Calls visit(row) for each row of the content tokens of doc.
  template <typename Visit>
  int ForEachRowOfDoc(const Document& doc, std::string* piece,
                      Visit visit) const;
  void AddRow(int32_t row, float weight, float* acc) const;
  // Calls visit(i, scratch) for each non-null text i, in parallel in this
  // Embedder's arena, with scratch->doc its prepared Document.
  template <typename Visit>
  void ForEachPrepared(const TextColumn& texts, Visit visit) const;
  void Prepare(const TextColumn& texts, int64_t i, Scratch* s) const;
};

Status Embedder::Impl::Init() {
  const std::string& name = file.name();
  KVETCH_ASSIGN_OR_RETURN(std::string_view meta, file.Section("meta"));
  KVETCH_ASSIGN_OR_RETURN(std::string_view vocab, file.Section("vocab"));
  // "vectors4": two 4-bit values per byte; "vectors": one int8 per value.
  StatusOr<std::string_view> packed = file.Section("vectors4");
  four_bit = packed.ok();
  KVETCH_ASSIGN_OR_RETURN(std::string_view vals,
                          four_bit ? packed : file.Section("vectors"));
  KVETCH_ASSIGN_OR_RETURN(std::string_view scl, file.Section("scales"));
  if (meta.size() != 8) return Status::InvalidModel(name + ": bad meta section");
  if (auto thr = file.Section("merge_threshold"); thr.ok()) {  // optional
    if (thr->size() == 4) std::memcpy(&merge_threshold, thr->data(), 4);
    if (thr->size() != 4 || !(merge_threshold > 0.0f && merge_threshold < 1.0f)) {
      return Status::InvalidModel(
          name + ": 'merge_threshold' must be one float32 in (0, 1)");
    }
  }
  uint32_t d, n;
  std::memcpy(&d, meta.data(), 4);
  std::memcpy(&n, meta.data() + 4, 4);
  const uint64_t row_bytes = four_bit ? d / 2 : d;
  if (d == 0 || d > 4096 || (four_bit && d % 2 != 0) || n == 0 ||
      vals.size() != row_bytes * n || scl.size() != uint64_t{n} * 4) {
    return Status::InvalidModel(name + ": section sizes do not match " +
                                std::to_string(n) + " rows of dimension " +
                                std::to_string(d));
  }
  dim = static_cast<int>(d);
  n_rows = static_cast<int>(n);
  values = reinterpret_cast<const int8_t*>(vals.data());
  scales = reinterpret_cast<const float*>(scl.data());
  rows.reserve(n);
  int32_t row = 0;
  for (size_t s = 0; s <= vocab.size() && row < n_rows;) {
    size_t e = vocab.find('\n', s);
    if (e == std::string_view::npos) e = vocab.size();
    rows.emplace(vocab.substr(s, e - s), row++);
    s = e + 1;
  }
  if (row != n_rows) {
    return Status::InvalidModel(name + ": vocabulary has " +
                                std::to_string(row) + " tokens, table " +
                                std::to_string(n_rows) + " rows");
  }
  std::vector<std::string_view> words(n_rows);
  for (const auto& [token, r] : rows) words[r] = token;
  IndexDeletions(words);
  return Status::Ok();
}

void Embedder::Impl::IndexDeletions(
    const std::vector<std::string_view>& words) {
  std::string buf;
  for (int32_t r = 0; r < static_cast<int32_t>(words.size()); ++r) {
    if (!TypoEligible(words[r])) continue;
    ForEachDeletion(words[r], &buf, [&](std::string_view v) {
      deletions.emplace_back(HashOf(v), r);
      return false;
    });
  }
  // By hash, then row: the first entry of a hash is its lowest row.
  std::sort(deletions.begin(), deletions.end());
  deletions.erase(std::unique(deletions.begin(), deletions.end(),
                              [](const auto& a, const auto& b) {
                                return a.first == b.first;
                              }),
                  deletions.end());
}

int32_t Embedder::Impl::FindTypo(std::string_view word,
                                 std::string* buf) const {
  if (!TypoEligible(word)) return -1;
  // A letter missing: the word is a deletion of a whole word.
  int32_t found = FindDeletion(word);
  if (found >= 0) return found;
  // A letter too many: a deletion of the word is a whole word.
  ForEachDeletion(word, buf, [&](std::string_view v) {
    const int32_t r = Find(v);
    if (r >= 0 && TypoEligible(v)) found = r;
    return found >= 0;
  });
  if (found >= 0) return found;
  // Two letters swapped or one replaced: both lose the same letter.
  ForEachDeletion(word, buf, [&](std::string_view v) {
    found = FindDeletion(v);
    return found >= 0;
  });
  return found;
}

void Embedder::Impl::AddRow(int32_t row, float weight, float* acc) const {
  const float s = scales[row] * weight;
  if (!four_bit) {
    const int8_t* v = values + static_cast<size_t>(row) * dim;
    for (int j = 0; j < dim; ++j) acc[j] += s * static_cast<float>(v[j]);
    return;
  }
  // Value 2k in the low nibble of byte k, 2k + 1 in the high one, each a
  // signed 4-bit integer (sign-extended by the arithmetic shifts).
  const auto* v = reinterpret_cast<const uint8_t*>(values) +
                  static_cast<size_t>(row) * (dim / 2);
  for (int k = 0; k < dim / 2; ++k) {
    const auto low = static_cast<int8_t>(static_cast<uint8_t>(v[k] << 4));
    acc[2 * k] += s * static_cast<float>(low >> 4);
    acc[2 * k + 1] += s * static_cast<float>(static_cast<int8_t>(v[k]) >> 4);
  }
}

template <typename Visit>
int Embedder::Impl::ForEachRow(std::string_view word, std::string* piece,
                               Visit visit) const {
  int32_t whole = Find(word);
  if (whole >= 0) {
    visit(whole);
    return 1;
  }
  if (word.size() > kEmbedMaxWordBytes) return 0;
  const int32_t corrected = FindTypo(word, piece);
  if (corrected >= 0) {
    visit(corrected);
    return 1;
  }
  int found_rows = 0;
  size_t pos = 0;
  while (pos < word.size()) {
    // Longest piece starting at pos, shrinking by whole code points.
    int32_t found = -1;
    size_t end = word.size();
    while (end > pos) {
      piece->assign(pos == 0 ? "" : "##");
      piece->append(word.substr(pos, end - pos));
      found = Find(*piece);
      if (found >= 0) break;
      do {
        --end;
      } while (end > pos &&
               (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80);
    }
    if (found < 0) {
      pos += Utf8Length(static_cast<unsigned char>(word[pos]));
      continue;
    }
    visit(found);
    ++found_rows;
    pos = end;
  }
  return found_rows;
}

template <typename Visit>
int Embedder::Impl::ForEachRowOfDoc(const Document& doc, std::string* piece,
                                    Visit visit) const {
  int known = 0;
  for (const Token& t : doc.tokens) {
    if (t.kind == TokenKind::kNumber || t.kind == TokenKind::kPunct) continue;
    std::string_view text = doc.TokenText(t);
    if (t.kind == TokenKind::kWord) {
      known += ForEachRow(text, piece, visit);
    } else {
      int32_t row = Find(text);  // emoji, placeholders: whole or nothing
      if (row >= 0) {
        visit(row);
        ++known;
      }
    }
  }
  return known;
}

void Embedder::Impl::Prepare(const TextColumn& texts, int64_t i,
                             Scratch* s) const {
  // Input may be anything: clean (valid UTF-8, capped) first.
  CleanText(texts.Get(i), kDefaultMaxBytes, &s->clean);
  s->placeholders.clear();
  FindPlaceholders(s->clean, &s->placeholders);
  s->tokenizer.NormalizeAndTokenize(s->clean, s->placeholders, &s->doc);
  // The message is its body: a quoted reply or a signature under it would
  // make messages cluster by "X wrote:" headers and sign-offs.
  const size_t end = BodyEnd(s->doc);
  auto& toks = s->doc.tokens;
  while (!toks.empty() && toks.back().span.begin >= end) toks.pop_back();
}

template <typename Visit>
void Embedder::Impl::ForEachPrepared(const TextColumn& texts,
                                     Visit visit) const {
  arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<int64_t>(0, texts.size(), 64),
        [&](const tbb::blocked_range<int64_t>& r) {
          Scratch& s = LocalScratch();
          for (int64_t i = r.begin(); i < r.end(); ++i) {
            if (texts.IsNull(i)) continue;
            Prepare(texts, i, &s);
            visit(i, &s);
          }
        });
  });
}

int Embedder::EmbedDocument(const Document& doc, float* out,
                            const float* row_weights) const {
  const Impl& m = *impl_;
  std::fill(out, out + m.dim, 0.0f);
  std::string piece;
  int known = m.ForEachRowOfDoc(doc, &piece, [&](int32_t row) {
    m.AddRow(row, row_weights ? row_weights[row] : 1.0f, out);
  });
  double norm = 0;
  for (int j = 0; j < m.dim; ++j) norm += static_cast<double>(out[j]) * out[j];
  if (norm > 0) {
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (int j = 0; j < m.dim; ++j) out[j] *= inv;
  }
  return known;
}

StatusOr<std::unique_ptr<Embedder>> Embedder::Load(const std::string& path,
                                                   int n_threads) {
  KVETCH_ASSIGN_OR_RETURN(ModelFile file,
                          ModelFile::Open(path, ModelKind::kEmbed));
  return FromModel(std::move(file), n_threads);
}

StatusOr<std::unique_ptr<Embedder>> Embedder::FromModel(ModelFile file,
                                                        int n_threads) {
  auto impl = std::make_unique<Impl>();
  impl->file = std::move(file);
  KVETCH_RETURN_IF_ERROR(impl->Init());
  impl->n_threads = n_threads > 0 ? n_threads : DefaultThreadCount();
  impl->arena.initialize(ArenaThreads(impl->n_threads));
  return std::unique_ptr<Embedder>(new Embedder(std::move(impl)));
}

EmbeddingBatch Embedder::Run(const TextColumn& texts,
                             const float* row_weights) const {
  const int64_t n = texts.size();
  const int d = impl_->dim;
  EmbeddingBatch out;
  out.dim = d;
  out.vectors.assign(static_cast<size_t>(n) * d, 0.0f);
  out.dedup_key.assign(n, 0);
  out.known_tokens.assign(n, 0);
  impl_->ForEachPrepared(texts, [&](int64_t i, Scratch* s) {
    out.known_tokens[i] =
        EmbedDocument(s->doc, out.vectors.data() + i * d, row_weights);
    out.dedup_key[i] = DedupKey(s->doc);
  });
  return out;
}

std::vector<int64_t> Embedder::DocumentFrequencies(
    const TextColumn& texts) const {
  const Impl& m = *impl_;
  // Integer counts: summing the per-thread tables in any order gives the
  // same result.
  tbb::enumerable_thread_specific<std::vector<int64_t>> local(
      [&] { return std::vector<int64_t>(m.n_rows, 0); });
  m.ForEachPrepared(texts, [&](int64_t, Scratch* s) {
    std::vector<int32_t>& rows = s->rows;
    rows.clear();
    m.ForEachRowOfDoc(s->doc, &s->piece,
                      [&](int32_t row) { rows.push_back(row); });
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::vector<int64_t>& counts = local.local();
    for (int32_t row : rows) ++counts[row];
  });
  std::vector<int64_t> total(m.n_rows, 0);
  for (const std::vector<int64_t>& c : local) {
    for (int r = 0; r < m.n_rows; ++r) total[r] += c[r];
  }
  return total;
}

Embedder::TokenRowLists Embedder::TokenRows(const TextColumn& texts) const {
  const int64_t n = texts.size();
  const Impl& m = *impl_;
  // Each text's rows in its own vector, concatenated in text order after
  // the parallel pass: the result does not depend on n_threads.
  std::vector<std::vector<int32_t>> per_text(n);
  m.ForEachPrepared(texts, [&](int64_t i, Scratch* s) {
    m.ForEachRowOfDoc(s->doc, &s->piece,
                      [&](int32_t row) { per_text[i].push_back(row); });
  });
  TokenRowLists out;
  out.offsets.reserve(n + 1);
  out.offsets.push_back(0);
  for (const std::vector<int32_t>& rows : per_text) {
    out.rows.insert(out.rows.end(), rows.begin(), rows.end());
    out.offsets.push_back(static_cast<int64_t>(out.rows.size()));
  }
  return out;
}

Embedder::Embedder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Embedder::~Embedder() = default;

int Embedder::dim() const { return impl_->dim; }
int Embedder::vocab_size() const { return impl_->n_rows; }
int Embedder::n_threads() const { return impl_->n_threads; }
float Embedder::merge_threshold() const { return impl_->merge_threshold; }

uint32_t Embedder::model_version() const {
  return impl_->file.model_version();
}

}  // namespace kvetch
