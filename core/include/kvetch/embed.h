// kvetch/embed.h: semantic message vectors from a static token-vector table.
//
//   auto emb = kvetch::Embedder::Load("embed.kvm", /*n_threads=*/2);
//   if (!emb.ok()) return emb.status();
//   kvetch::EmbeddingBatch out = (*emb)->Run(
//       kvetch::TextColumn::FromViews(texts.data(), nullptr, texts.size()));
//   // out.vectors: n x dim floats, row-major, each row unit length or zero
//
// Method (model2vec-style, table built by models/embed/distill_embed.py):
// each text (normally PII-redacted, so placeholders such as "<EMAIL>" are
// single tokens) is normalised and tokenised with the project's Tokenizer.
// A word token is looked up whole in the vocabulary. If absent and it is a
// word of at least 4 letters (a-z or non-ASCII), a whole vocabulary word of
// at least 4 letters one typo away stands in for it, tried in this order: a
// letter missing ("refnd"), a letter too many ("refunnd"), two letters
// swapped or one replaced ("refnud", "refumd"); among several candidates of
// one kind, the lowest vocabulary row for the first kind, else the first
// found (deleting earlier letters first). This order did best on typo'd
// CLINC150 and Bitext (benchmarks/README.md). Otherwise the word is split
// greedily into the longest WordPiece pieces the vocabulary holds ("##"
// marks a piece inside a word); a code point no piece covers is skipped.
// Each known token adds its row (int8 values, or 4-bit values packed two
// per byte in a "vectors4" section, times a per-row scale that already
// folds in the token's frequency weight); numbers and punctuation
// add nothing. The sum is scaled to unit length; a text with no known
// token gets the zero vector and known_tokens == 0.
//
// Alongside the vector, each row gets a near-duplicate key: FNV-1a 64 of its
// word, emoji and placeholder tokens (numbers and punctuation dropped), so
// "Order 123 late!" and "order 456 late" share a key. 0 for no such tokens.
//
// Not done here: clustering (kmeans.h), model training.
//
// An Embedder is immutable after Load and thread-safe; Run uses the
// Embedder's own task arena. Rows are independent and each is summed in
// token order, so results do not depend on n_threads.
#ifndef KVETCH_EMBED_H_
#define KVETCH_EMBED_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kvetch/analyzer.h"
#include "kvetch/model_file.h"
#include "kvetch/status.h"
#include "kvetch/text.h"

namespace kvetch {

// Longest word (bytes) split into pieces; longer words count as unknown.
inline constexpr size_t kEmbedMaxWordBytes = 64;

struct EmbeddingBatch {
  int dim = 0;
  std::vector<float> vectors;       // n * dim, row-major.
  std::vector<uint64_t> dedup_key;  // n.
  std::vector<int32_t> known_tokens;  // n: tokens that found a row.
};

class Embedder {
 public:
  // Errors: kIoError / kInvalidModel naming the file (bad sections, sizes
  // that do not agree). n_threads <= 0: DefaultThreadCount().
  static StatusOr<std::unique_ptr<Embedder>> Load(const std::string& path,
                                                  int n_threads = 0);
  static StatusOr<std::unique_ptr<Embedder>> FromModel(ModelFile file,
                                                       int n_threads = 0);

  // Vectors of every text of `texts` (null rows: zero vector, key 0).
  // `row_weights` (vocab_size() floats, or nullptr) multiplies each row's
  // weight: the caller's corpus-specific re-weighting, e.g. by
  // DocumentFrequencies. O(total bytes + tokens x dim); allocates the batch.
  EmbeddingBatch Run(const TextColumn& texts,
                     const float* row_weights = nullptr) const;

  // For each vocabulary row, the number of texts in which it occurs (at
  // least once, as a whole word or a piece). Integer counts, the same for
  // any n_threads. O(total bytes + tokens).
  std::vector<int64_t> DocumentFrequencies(const TextColumn& texts) const;

  // The vocabulary rows each text's vector sums, in token order (a row
  // repeats when its token does), as CSR: the rows of text i are
  // rows[offsets[i] .. offsets[i + 1]). What Run sums, for training a table
  // (models/embed) and for explaining a vector. Null texts have none.
  struct TokenRowLists {
    std::vector<int64_t> offsets;  // n + 1.
    std::vector<int32_t> rows;
  };
  TokenRowLists TokenRows(const TextColumn& texts) const;

  // One text's vector into out[0 .. dim) (unit length or zero); returns the
  // number of known tokens. `doc` is the text's normalised Document.
  int EmbedDocument(const Document& doc, float* out,
                    const float* row_weights = nullptr) const;

  int dim() const;
  int vocab_size() const;
  int n_threads() const;
  uint32_t model_version() const;
  // The automatic-k merge threshold tuned for this table (the clusterer's
  // cohesion floor; see kvetch/_kmeans.py), from the optional
  // 'merge_threshold' section (one float32 in (0, 1)); 0 when the file has
  // none.
  float merge_threshold() const;

  ~Embedder();

 private:
  struct Impl;
  explicit Embedder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The near-duplicate key of `doc` (see above).
uint64_t DedupKey(const Document& doc);

}  // namespace kvetch

#endif  // KVETCH_EMBED_H_
