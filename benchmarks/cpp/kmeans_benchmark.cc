// k-means assignment as ComplaintClusterer's fine stage runs it: 10,000
// unit rows of 256 floats against 400 centroids (12 such steps per fit).
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "kvetch/kmeans.h"

namespace kvetch {
namespace {

std::vector<float> UnitRows(int64_t n, int d, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> g;
  std::vector<float> v(static_cast<size_t>(n) * d);
  for (int64_t i = 0; i < n; ++i) {
    double norm = 0;
    for (int j = 0; j < d; ++j) {
      v[i * d + j] = g(gen);
      norm += double{v[i * d + j]} * v[i * d + j];
    }
    for (int j = 0; j < d; ++j) v[i * d + j] /= static_cast<float>(std::sqrt(norm));
  }
  return v;
}

void BM_KMeansAssign(benchmark::State& state) {
  const int64_t n = 10000;
  const int d = 256, k = 400;
  const auto x = UnitRows(n, d, 1);
  const auto c = UnitRows(k, d, 2);
  KMeans km(static_cast<int>(state.range(0)));
  std::vector<int32_t> labels(n);
  std::vector<float> sims(n);
  for (auto _ : state) {
    km.Assign(x.data(), n, d, c.data(), k, labels.data(), sims.data());
    benchmark::DoNotOptimize(labels.data());
  }
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * n * k * d * state.iterations() / 1e9, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_KMeansAssign)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kvetch
