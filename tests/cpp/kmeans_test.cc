#include "kvetch/kmeans.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace kvetch {
namespace {

std::vector<float> RandomUnitRows(int64_t n, int d, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> g;
  std::vector<float> x(n * d);
  for (int64_t i = 0; i < n; ++i) {
    double s = 0;
    for (int j = 0; j < d; ++j) {
      x[i * d + j] = g(rng);
      s += double{x[i * d + j]} * x[i * d + j];
    }
    for (int j = 0; j < d; ++j) x[i * d + j] /= static_cast<float>(std::sqrt(s));
  }
  return x;
}

TEST_CASE("KMeans: Assign picks the most similar centroid", "[kmeans]") {
  // Rows 0, 1 along axis 0; row 2 along axis 1; centroids are the axes.
  std::vector<float> x = {1, 0, 0.9f, 0.1f, 0, 1};
  std::vector<float> c = {0, 1, 1, 0};
  std::vector<int32_t> labels(3);
  std::vector<float> sims(3);
  KMeans(1).Assign(x.data(), 3, 2, c.data(), 2, labels.data(), sims.data());
  CHECK(labels == std::vector<int32_t>{1, 1, 0});
  CHECK(sims[0] == Approx(1.0f));
  CHECK(sims[1] == Approx(0.9f));
}

TEST_CASE("KMeans: Accumulate sums weighted rows per cluster", "[kmeans]") {
  std::vector<float> x = {1, 2, 3, 4, 5, 6};
  std::vector<float> w = {1, 2, 5};
  std::vector<int32_t> labels = {0, 0, -1};
  std::vector<double> sums(2 * 2, 0.0), weights(2, 0.0);
  KMeans(2).Accumulate(x.data(), 3, 2, w.data(), labels.data(), 2, sums.data(),
                       weights.data());
  CHECK(sums == std::vector<double>{7, 10, 0, 0});
  CHECK(weights == std::vector<double>{3, 0});
}

TEST_CASE("KMeans: bit-identical for 1, 2 and 3 threads", "[kmeans]") {
  const int64_t n = 5000;
  const int d = 32, k = 17;
  auto x = RandomUnitRows(n, d, 1);
  auto c = RandomUnitRows(k, d, 2);
  std::vector<std::vector<int32_t>> labels;
  std::vector<std::vector<float>> sims;
  std::vector<std::vector<double>> sums;
  for (int threads : {1, 2, 3}) {
    KMeans km(threads);
    std::vector<int32_t> l(n);
    std::vector<float> s(n);
    km.Assign(x.data(), n, d, c.data(), k, l.data(), s.data());
    std::vector<double> acc(k * d, 0.0), wt(k, 0.0);
    km.Accumulate(x.data(), n, d, nullptr, l.data(), k, acc.data(), wt.data());
    labels.push_back(l);
    sims.push_back(s);
    sums.push_back(acc);
  }
  CHECK(labels[0] == labels[1]);
  CHECK(labels[0] == labels[2]);
  CHECK(sims[0] == sims[1]);
  CHECK(sums[0] == sums[1]);
  CHECK(sums[0] == sums[2]);
}

TEST_CASE("KMeans: empty inputs do nothing", "[kmeans]") {
  KMeans km(2);
  km.Assign(nullptr, 0, 4, nullptr, 0, nullptr, nullptr);
  km.Accumulate(nullptr, 0, 4, nullptr, nullptr, 0, nullptr, nullptr);
  SUCCEED("no crash on n = 0, k = 0");
}

}  // namespace
}  // namespace kvetch
