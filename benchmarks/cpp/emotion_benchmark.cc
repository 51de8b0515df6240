// Emotion scoring over the benchmark messages (normalised and tokenised
// outside the timed loop): the scorer alone, microseconds per message.
#include "kvetch/emotion.h"

#include <benchmark/benchmark.h>

#include "bench_data.h"

namespace kvetch {
namespace {

void BM_EmotionScore(benchmark::State& state) {
  auto scorer = std::move(EmotionScorer::Load(KVETCH_MODELS_DIR
                                              "/emotion/emotion.kvm"))
                    .value();
  std::vector<Document> docs;
  Tokenizer tok;
  for (const std::string& m : bench::Messages()) {
    docs.emplace_back();
    tok.NormalizeAndTokenize(m, {}, &docs.back());
  }
  const auto& messages = bench::Messages();
  EmotionScratch scratch;
  EmotionScores scores;
  for (auto _ : state) {
    for (size_t i = 0; i < docs.size(); ++i) {
      scorer->Score(docs[i], messages[i], "en", &scratch, &scores);
      benchmark::DoNotOptimize(scores.valence);
    }
  }
  state.SetItemsProcessed(state.iterations() * docs.size());
  state.SetBytesProcessed(state.iterations() * bench::TotalBytes(messages));
}
BENCHMARK(BM_EmotionScore);

}  // namespace
}  // namespace kvetch
