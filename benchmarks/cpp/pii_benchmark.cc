#include "kvetch/pii.h"

#include <benchmark/benchmark.h>

#include "bench_data.h"

namespace kvetch {
namespace {

void BM_PiiFindAndRedact(benchmark::State& state) {
  const auto& msgs = bench::Messages();
  auto redactor = std::move(PiiRedactor::Create({})).value();
  std::vector<PiiMatch> found;
  Redaction red;
  for (auto _ : state) {
    for (const auto& m : msgs) {
      found.clear();
      redactor->Find(m, &found);
      redactor->Redact(m, found, &red);
      benchmark::DoNotOptimize(red.text.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * msgs.size());
  state.SetBytesProcessed(state.iterations() * bench::TotalBytes(msgs));
}
BENCHMARK(BM_PiiFindAndRedact);

}  // namespace
}  // namespace kvetch
