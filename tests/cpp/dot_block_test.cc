#include "internal/dot_block.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

namespace kvetch::internal {
namespace {

std::vector<float> Random(size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& f : v) f = u(gen);
  return v;
}

double Reference(const float* a, const float* b, int d) {
  double s = 0;
  for (int j = 0; j < d; ++j) s += double{a[j]} * b[j];
  return s;
}

TEST_CASE("DotBlock: every tile edge gives the dot products", "[dot_block]") {
  const int d = 32;
  for (int rows : {1, 3, 4, 5, 9}) {
    for (int k : {1, 2, 3, 4, 7, 40}) {
      auto x = Random(static_cast<size_t>(rows) * d, 1);
      auto c = Random(static_cast<size_t>(k) * d, 2);
      std::vector<float> out(static_cast<size_t>(rows) * k, -99.0f);
      if (!DotBlock(x.data(), rows, d, c.data(), k, out.data())) {
        CHECK_FALSE(DotBlockIsVectorized(d));
        CHECK(out[0] == -99.0f);  // nothing written
        continue;
      }
      for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < k; ++j) {
          CHECK(std::abs(out[i * k + j] -
                         Reference(&x[i * d], &c[j * d], d)) < 1e-4);
        }
      }
    }
  }
}

TEST_CASE("DotBlock: a row's results do not depend on its block",
          "[dot_block]") {
  const int d = 256, k = 50, rows = 13;
  auto x = Random(static_cast<size_t>(rows) * d, 3);
  auto c = Random(static_cast<size_t>(k) * d, 4);
  std::vector<float> whole(static_cast<size_t>(rows) * k);
  if (!DotBlock(x.data(), rows, d, c.data(), k, whole.data())) return;
  for (int i = 0; i < rows; ++i) {
    std::vector<float> alone(k);
    REQUIRE(DotBlock(&x[i * d], 1, d, c.data(), k, alone.data()));
    for (int j = 0; j < k; ++j) CHECK(alone[j] == whole[i * k + j]);
  }
}

TEST_CASE("DotBlock: dimensions not a multiple of 8 are left to the caller",
          "[dot_block]") {
  CHECK_FALSE(DotBlockIsVectorized(12));
  std::vector<float> x(12, 1.0f), out(1, -1.0f);
  CHECK_FALSE(DotBlock(x.data(), 1, 12, x.data(), 1, out.data()));
}

}  // namespace
}  // namespace kvetch::internal
