#include "kvetch/embed.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

namespace kvetch {
namespace {

const char* kModel = KVETCH_MODELS_DIR "/embed/embed.kvm";

std::unique_ptr<Embedder> Load(int n_threads = 1) {
  auto e = Embedder::Load(kModel, n_threads);
  REQUIRE(e.ok());
  return std::move(e).value();
}

EmbeddingBatch Run(const Embedder& e, const std::vector<std::string>& texts) {
  std::vector<std::string_view> views(texts.begin(), texts.end());
  return e.Run(TextColumn::FromViews(views.data(), nullptr,
                                     static_cast<int64_t>(views.size())));
}

double Dot(const EmbeddingBatch& b, int i, int j) {
  double s = 0;
  for (int k = 0; k < b.dim; ++k) {
    s += double{b.vectors[i * b.dim + k]} * b.vectors[j * b.dim + k];
  }
  return s;
}

TEST_CASE("Embedder: a missing or broken file is an error naming it",
          "[embed]") {
  auto e = Embedder::Load("/nonexistent/embed.kvm");
  REQUIRE_FALSE(e.ok());
  CHECK(e.status().message().find("/nonexistent/embed.kvm") !=
        std::string::npos);
  auto wrong_kind = Embedder::Load(KVETCH_MODELS_DIR "/langid/langid.kvm");
  CHECK_FALSE(wrong_kind.ok());
}

TEST_CASE("Embedder: the bundled table carries its merge threshold",
          "[embed]") {
  CHECK(Load()->merge_threshold() == Approx(0.40f));
}

TEST_CASE("Embedder: quoted replies and signatures are not the message",
          "[embed]") {
  auto e = Load();
  auto b = Run(*e, {"My refund is still missing.",
                    "My refund is still missing.\n\nOn Mon, 3 Jun, Lumio "
                    "Support wrote:\n> the app crashes at login",
                    "My refund is still missing.\n--\nJane, Acme Corp"});
  for (int row : {1, 2}) {
    INFO(row);
    CHECK(b.dedup_key[row] == b.dedup_key[0]);
    for (int j = 0; j < b.dim; ++j) {
      CHECK(b.vectors[row * b.dim + j] == b.vectors[j]);
    }
  }
}

TEST_CASE("Embedder: unit vectors; empty and unknown texts are zero",
          "[embed]") {
  auto e = Load();
  CHECK(e->dim() > 0);
  auto b = Run(*e, {"Where is my refund?", "", "12345 !!!", "\xff\xfe bad"});
  REQUIRE(b.vectors.size() == 4u * b.dim);
  CHECK(Dot(b, 0, 0) == Approx(1.0).epsilon(1e-4));
  CHECK(b.known_tokens[0] >= 3);
  CHECK(Dot(b, 1, 1) == 0.0);
  CHECK(b.known_tokens[1] == 0);
  CHECK(b.dedup_key[1] == 0u);
  CHECK(b.known_tokens[2] == 0);  // numbers and punctuation add nothing
  CHECK(b.known_tokens[3] >= 1);  // ill-formed UTF-8 is repaired, not fatal
}

TEST_CASE("Embedder: similar complaints are closer than unrelated ones",
          "[embed]") {
  auto e = Load();
  auto b = Run(*e, {"my refund has not arrived yet",
                    "still waiting for the refund of my return",
                    "the app crashes when I log in"});
  CHECK(Dot(b, 0, 1) > Dot(b, 0, 2));
  CHECK(Dot(b, 0, 1) > Dot(b, 1, 2));
}

TEST_CASE("Embedder: unknown words fall back to WordPiece pieces",
          "[embed]") {
  auto e = Load();
  auto b = Run(*e, {"refundzilla"});
  CHECK(b.known_tokens[0] >= 1);
}

TEST_CASE("Embedder: placeholders are single known tokens", "[embed]") {
  auto e = Load();
  auto b = Run(*e, {"<EMAIL>", "<PHONE>", "<NOTAPLACEHOLDER>"});
  CHECK(b.known_tokens[0] == 1);
  CHECK(b.known_tokens[1] == 1);
  CHECK(Dot(b, 0, 1) < 0.999);
}

TEST_CASE("Embedder: near-duplicate keys ignore case, numbers, punctuation",
          "[embed]") {
  auto e = Load();
  auto b = Run(*e, {"Order 123 late!", "order 456 late", "order late too"});
  CHECK(b.dedup_key[0] == b.dedup_key[1]);
  CHECK(b.dedup_key[0] != b.dedup_key[2]);
}

TEST_CASE("Embedder: results do not depend on the thread count", "[embed]") {
  std::vector<std::string> texts;
  for (int i = 0; i < 3000; ++i) {
    texts.push_back("message " + std::to_string(i) + " about refund " +
                    std::string(i % 7, 'x') + " and delivery");
  }
  auto one = Run(*Load(1), texts);
  auto two = Run(*Load(2), texts);
  CHECK(one.vectors == two.vectors);
  CHECK(one.dedup_key == two.dedup_key);
  CHECK(one.known_tokens == two.known_tokens);
  std::vector<std::string_view> views(texts.begin(), texts.end());
  auto col = TextColumn::FromViews(views.data(), nullptr,
                                   static_cast<int64_t>(views.size()));
  CHECK(Load(1)->DocumentFrequencies(col) == Load(2)->DocumentFrequencies(col));
}

TEST_CASE("Embedder: row weights change the mix, not the unit length",
          "[embed]") {
  auto e = Load();
  std::vector<float> w(e->vocab_size(), 1.0f);
  std::vector<std::string> texts = {"refund delivery"};
  std::vector<std::string_view> views(texts.begin(), texts.end());
  auto col = TextColumn::FromViews(views.data(), nullptr, 1);
  auto df = e->DocumentFrequencies(col);
  int64_t rows_seen = 0;
  for (size_t r = 0; r < df.size(); ++r) {
    rows_seen += df[r];
    if (df[r] > 0 && rows_seen == 1) w[r] = 0.0f;  // drop the first word
  }
  CHECK(rows_seen >= 2);
  auto plain = e->Run(col);
  auto weighted = e->Run(col, w.data());
  double dot = 0, norm = 0;
  for (int k = 0; k < e->dim(); ++k) {
    dot += double{plain.vectors[k]} * weighted.vectors[k];
    norm += double{weighted.vectors[k]} * weighted.vectors[k];
  }
  CHECK(norm == Approx(1.0).epsilon(1e-4));
  CHECK(dot < 0.99);
}

TEST_CASE("Embedder: token rows are what the vector sums, in token order",
          "[embed]") {
  auto e = Load();
  std::vector<std::string> texts = {"refund refund delivery", "", "123 !!",
                                    "refundzilla", "late order"};
  std::vector<std::string_view> views(texts.begin(), texts.end());
  auto col = TextColumn::FromViews(views.data(), nullptr,
                                   static_cast<int64_t>(views.size()));
  auto lists = e->TokenRows(col);
  auto batch = e->Run(col);
  REQUIRE(lists.offsets.size() == texts.size() + 1);
  CHECK(lists.offsets.front() == 0);
  CHECK(static_cast<size_t>(lists.offsets.back()) == lists.rows.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    CHECK(lists.offsets[i + 1] - lists.offsets[i] == batch.known_tokens[i]);
  }
  // "refund refund delivery": the same row twice, then another.
  REQUIRE(lists.offsets[1] == 3);
  CHECK(lists.rows[0] == lists.rows[1]);
  CHECK(lists.rows[0] != lists.rows[2]);
  CHECK(Load(2)->TokenRows(col).rows == lists.rows);
}

TEST_CASE("Embedder: a word one typo away from a vocabulary word is that word",
          "[embed]") {
  auto e = Load();
  auto b = Run(*e, {"refund", "refunnd", "refnd", "refnud", "refumd",
                    "REFUNND", "delivery", "delivey"});
  for (int i : {1, 2, 3, 4, 5}) {
    INFO("text " << i);
    CHECK(b.known_tokens[i] == 1);
    CHECK(Dot(b, 0, i) > 0.99999);
  }
  CHECK(Dot(b, 6, 7) > 0.99999);
}

TEST_CASE("Embedder: short words and words with digits are not corrected",
          "[embed]") {
  auto e = Load();
  std::vector<std::string> texts = {"refund", "refund2x", "rfd"};
  std::vector<std::string_view> views(texts.begin(), texts.end());
  auto lists = e->TokenRows(TextColumn::FromViews(views.data(), nullptr, 3));
  const int32_t refund = lists.rows[0];
  // "refund2x" is a word token with digits: WordPiece pieces, not "refund"
  // alone.
  CHECK(lists.offsets[2] - lists.offsets[1] >= 2);
  for (int64_t k = lists.offsets[2]; k < lists.offsets[3]; ++k) {
    CHECK(lists.rows[k] != refund);
  }
}

}  // namespace
}  // namespace kvetch
