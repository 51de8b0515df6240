// The whole text layer plus PII over the benchmark messages, on 1 and 2
// threads (wall-clock time, since the work runs on TBB workers); then the
// same with language identification, the path LanguageDetector.detect_batch
// takes.
#include "kvetch/analyzer.h"

#include <benchmark/benchmark.h>

#include "bench_data.h"

namespace kvetch {
namespace {

void Run(benchmark::State& state, AnalyzerOptions o) {
  const auto& msgs = bench::Messages();
  std::vector<std::string_view> views(msgs.begin(), msgs.end());
  o.n_threads = static_cast<int>(state.range(0));
  auto analyzer = std::move(Analyzer::Create(o)).value();
  TextColumn col = TextColumn::FromViews(views.data(), nullptr,
                                         static_cast<int64_t>(views.size()));
  for (auto _ : state) benchmark::DoNotOptimize(analyzer->Run(col).size());
  state.SetItemsProcessed(state.iterations() * msgs.size());
  state.SetBytesProcessed(state.iterations() * bench::TotalBytes(msgs));
}

void BM_AnalyzerRun(benchmark::State& state) { Run(state, AnalyzerOptions{}); }
BENCHMARK(BM_AnalyzerRun)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_AnalyzerLangid(benchmark::State& state) {
  AnalyzerOptions o;
  o.langid_model = KVETCH_MODELS_DIR "/langid/langid.kvm";
  Run(state, o);
}
BENCHMARK(BM_AnalyzerLangid)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kvetch
