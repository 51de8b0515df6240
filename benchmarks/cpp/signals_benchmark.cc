#include "kvetch/signals.h"

#include <benchmark/benchmark.h>

#include "bench_data.h"

namespace kvetch {
namespace {

// Normalised like the Analyzer does (PII aside), once, outside the timing.
const std::vector<std::string>& NormalizedMessages() {
  static const auto* norm = [] {
    auto* out = new std::vector<std::string>;
    for (const auto& m : bench::Messages()) {
      out->emplace_back();
      NormalizeForMatching(m, &out->back());
    }
    return out;
  }();
  return *norm;
}

void BM_SignalMatch(benchmark::State& state) {
  const auto& msgs = NormalizedMessages();
  SignalOptions o;
  o.rules_path = std::string(KVETCH_MODELS_DIR) + "/signals/rules.tsv";
  auto matcher = std::move(SignalMatcher::Create(o)).value();
  int fired = 0;
  for (auto _ : state) {
    for (const auto& m : msgs) fired += matcher->Match(m).bits != 0;
  }
  benchmark::DoNotOptimize(fired);
  state.SetItemsProcessed(state.iterations() * msgs.size());
  state.SetBytesProcessed(state.iterations() * bench::TotalBytes(msgs));
}
BENCHMARK(BM_SignalMatch);

}  // namespace
}  // namespace kvetch
