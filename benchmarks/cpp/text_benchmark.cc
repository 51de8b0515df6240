#include "kvetch/text.h"

#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>

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

// ICU's own word iterator over the messages of a dictionary script, outside
// kvetch: Arg 0 one message at a time, Arg 1 all of them as one text. What
// the text layer cannot go below on those messages.
void BM_IcuWordBreak(benchmark::State& state) {
  const auto& msgs = bench::DictionaryPart(true);
  std::vector<std::string> texts = msgs;
  if (state.range(0) == 1) {
    std::string all;
    for (const auto& m : msgs) all += m + "\n";
    texts = {all};
  }
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
  int64_t boundaries = 0;
  for (auto _ : state) {
    for (const auto& t : texts) {
      UText ut = UTEXT_INITIALIZER;
      utext_openUTF8(&ut, t.data(), static_cast<int64_t>(t.size()), &st);
      it->setText(&ut, st);
      for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) {
        ++boundaries;
      }
      utext_close(&ut);
    }
  }
  benchmark::DoNotOptimize(boundaries);
  state.SetItemsProcessed(state.iterations() * msgs.size());
  state.SetBytesProcessed(state.iterations() * bench::TotalBytes(msgs));
}
BENCHMARK(BM_IcuWordBreak)->Arg(0)->Arg(1);

}  // namespace
}  // namespace kvetch
