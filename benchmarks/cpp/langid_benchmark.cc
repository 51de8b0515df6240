// Language detection over the benchmark messages (already normalised and
// tokenised outside the timed loop), all 68 languages and restricted.
#include "kvetch/langid.h"

#include <benchmark/benchmark.h>

#include "bench_data.h"

namespace kvetch {
namespace {

std::vector<std::pair<Document, int>> Prepare() {
  std::vector<std::pair<Document, int>> docs;
  Tokenizer tok;
  for (const std::string& m : bench::Messages()) {
    Document d;
    tok.NormalizeAndTokenize(m, {}, &d);
    docs.emplace_back(std::move(d), DominantScript(m));
  }
  return docs;
}

void BM_LanguageDetect(benchmark::State& state,
                       std::vector<std::string> languages) {
  auto det = std::move(LanguageDetector::Load(
                           KVETCH_MODELS_DIR "/langid/langid.kvm", languages))
                 .value();
  auto docs = Prepare();
  for (auto _ : state) {
    for (const auto& [doc, script] : docs) {
      benchmark::DoNotOptimize(det->Detect(doc, script).lang);
    }
  }
  state.SetItemsProcessed(state.iterations() * docs.size());
  state.SetBytesProcessed(state.iterations() *
                          bench::TotalBytes(bench::Messages()));
}
BENCHMARK_CAPTURE(BM_LanguageDetect, all, std::vector<std::string>{});
BENCHMARK_CAPTURE(BM_LanguageDetect, ten,
                  std::vector<std::string>{"en", "fr", "de", "es", "it", "pt",
                                           "nl", "ru", "ja", "ar"});

}  // namespace
}  // namespace kvetch
