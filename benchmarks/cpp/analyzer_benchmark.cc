// The whole text layer plus PII over the benchmark messages, on 1 and 2
// threads (wall-clock time, since the work runs on TBB workers); then the
// same with language identification, the path LanguageDetector.detect_batch
// takes, and the whole default pipeline (BM_AnalyzerFull). BM_AnalyzerRunSplit runs the text layer on two parts of the
// messages apart: those whose script ICU segments with a dictionary (Han,
// Japanese, Thai, Lao, Khmer, Myanmar) and the rest.
#include "kvetch/analyzer.h"

#include <benchmark/benchmark.h>

#include "bench_data.h"

namespace kvetch {
namespace {

// Runs the analyzer over `msgs` on `n_threads` threads.
void Run(benchmark::State& state, AnalyzerOptions o, int n_threads,
         const std::vector<std::string>& msgs) {
  std::vector<std::string_view> views(msgs.begin(), msgs.end());
  o.n_threads = n_threads;
  auto analyzer = std::move(Analyzer::Create(o)).value();
  TextColumn col = TextColumn::FromViews(views.data(), nullptr,
                                         static_cast<int64_t>(views.size()));
  for (auto _ : state) benchmark::DoNotOptimize(analyzer->Run(col).size());
  state.SetItemsProcessed(state.iterations() * msgs.size());
  state.SetBytesProcessed(state.iterations() * bench::TotalBytes(msgs));
}

void BM_AnalyzerRun(benchmark::State& state) {
  Run(state, AnalyzerOptions{}, static_cast<int>(state.range(0)), bench::Messages());
}
BENCHMARK(BM_AnalyzerRun)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// Arg: 0 the messages without a dictionary script, 1 those with one.
void BM_AnalyzerRunSplit(benchmark::State& state) {
  const auto& msgs = bench::DictionaryPart(state.range(0) == 1);
  state.SetLabel(std::to_string(msgs.size()) + " messages");
  Run(state, AnalyzerOptions{}, 1, msgs);
}
BENCHMARK(BM_AnalyzerRunSplit)->Arg(0)->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_AnalyzerLangid(benchmark::State& state) {
  AnalyzerOptions o;
  o.langid_model = KVETCH_MODELS_DIR "/langid/langid.kvm";
  Run(state, o, static_cast<int>(state.range(0)), bench::Messages());
}
BENCHMARK(BM_AnalyzerLangid)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// The default pipeline of kvetch.Analyzer(): language, emotion and signals.
void BM_AnalyzerFull(benchmark::State& state) {
  AnalyzerOptions o;
  o.langid_model = KVETCH_MODELS_DIR "/langid/langid.kvm";
  o.emotion_model = KVETCH_MODELS_DIR "/emotion/emotion.kvm";
  o.signals.rules_path = KVETCH_MODELS_DIR "/signals/rules.tsv";
  Run(state, o, static_cast<int>(state.range(0)), bench::Messages());
}
BENCHMARK(BM_AnalyzerFull)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);


}  // namespace
}  // namespace kvetch
