// The whole text layer plus PII over the benchmark messages, on 1 and 2
// threads (wall-clock time, since the work runs on TBB workers).
#include "kvetch/analyzer.h"

#include <benchmark/benchmark.h>

#include "bench_data.h"

namespace kvetch {
namespace {

void BM_AnalyzerRun(benchmark::State& state) {
  const auto& msgs = bench::Messages();
  std::vector<std::string_view> views(msgs.begin(), msgs.end());
  AnalyzerOptions o;
  o.n_threads = static_cast<int>(state.range(0));
  auto analyzer = std::move(Analyzer::Create(o)).value();
  TextColumn col = TextColumn::FromViews(views.data(), nullptr,
                                         static_cast<int64_t>(views.size()));
  for (auto _ : state) benchmark::DoNotOptimize(analyzer->Run(col).size());
  state.SetItemsProcessed(state.iterations() * msgs.size());
  state.SetBytesProcessed(state.iterations() * bench::TotalBytes(msgs));
}
BENCHMARK(BM_AnalyzerRun)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kvetch
