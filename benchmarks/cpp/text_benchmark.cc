#include "kvetch/text.h"

#include <benchmark/benchmark.h>

#include "bench_data.h"

namespace kvetch {
namespace {

void BM_CleanText(benchmark::State& state) {
  const auto& msgs = bench::Messages();
  std::string out;
  for (auto _ : state) {
    for (const auto& m : msgs) {
      benchmark::DoNotOptimize(CleanText(m, kDefaultMaxBytes, &out));
    }
  }
  state.SetItemsProcessed(state.iterations() * msgs.size());
  state.SetBytesProcessed(state.iterations() * bench::TotalBytes(msgs));
}
BENCHMARK(BM_CleanText);

void BM_NormalizeAndTokenize(benchmark::State& state) {
  const auto& msgs = bench::Messages();
  Tokenizer tok;
  Document doc;
  for (auto _ : state) {
    for (const auto& m : msgs) {
      tok.NormalizeAndTokenize(m, {}, &doc);
      benchmark::DoNotOptimize(doc.tokens.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * msgs.size());
  state.SetBytesProcessed(state.iterations() * bench::TotalBytes(msgs));
}
BENCHMARK(BM_NormalizeAndTokenize);

void BM_DominantScript(benchmark::State& state) {
  const auto& msgs = bench::Messages();
  for (auto _ : state) {
    for (const auto& m : msgs) benchmark::DoNotOptimize(DominantScript(m));
  }
  state.SetItemsProcessed(state.iterations() * msgs.size());
  state.SetBytesProcessed(state.iterations() * bench::TotalBytes(msgs));
}
BENCHMARK(BM_DominantScript);

}  // namespace
}  // namespace kvetch
