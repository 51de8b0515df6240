// The AVX2/FMA kernel works on tiles of 4 rows x 3 centroids: 12 vector
// accumulators, one centroid register per column and one row register, 16
// registers in all. Every dot product sums its 8 lanes the same way (lane
// sums in d order, then a fixed pairwise reduction), in whichever tile and
// at whichever tile edge it is computed.
#include "internal/dot_block.h"

#include <algorithm>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(KVETCH_NO_SIMD_KERNELS)
#include <immintrin.h>
#define KVETCH_DOT_AVX2 1
#endif

namespace kvetch::internal {
namespace {

#ifdef KVETCH_DOT_AVX2

__attribute__((target("avx2,fma"))) inline float Sum8(__m256 v) {
  // ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)).
  __m128 lo = _mm256_castps256_ps128(v);
  __m128 hi = _mm256_extractf128_ps(v, 1);
  __m128 s = _mm_add_ps(lo, hi);                 // l0+l4, l1+l5, l2+l6, l3+l7
  __m128 t = _mm_add_ps(s, _mm_movehl_ps(s, s));  // (0+2), (1+3)
  return _mm_cvtss_f32(_mm_add_ss(t, _mm_shuffle_ps(t, t, 1)));
}

// One dot product, the same operations as one lane of the tile kernel.
__attribute__((target("avx2,fma"))) float DotAvx2(const float* a,
                                                  const float* b, int d) {
  __m256 acc = _mm256_setzero_ps();
  for (int j = 0; j < d; j += 8) {
    acc = _mm256_fmadd_ps(_mm256_loadu_ps(a + j), _mm256_loadu_ps(b + j), acc);
  }
  return Sum8(acc);
}

// out[i][j0 .. j1) for all rows: 4 x 3 tiles, then the edges one by one.
__attribute__((target("avx2,fma"))) void DotColumnsAvx2(
    const float* x, int64_t rows, int d, const float* c, int j0, int j1,
    int k, float* out) {
  int64_t i = 0;
  for (; i + 4 <= rows; i += 4) {
    const float* x0 = x + i * d;
    int j = j0;
    for (; j + 3 <= j1; j += 3) {
      const float* c0 = c + static_cast<int64_t>(j) * d;
      __m256 a[4][3];
      for (auto& row : a) {
        for (__m256& v : row) v = _mm256_setzero_ps();
      }
      for (int p = 0; p < d; p += 8) {
        const __m256 w0 = _mm256_loadu_ps(c0 + p);
        const __m256 w1 = _mm256_loadu_ps(c0 + d + p);
        const __m256 w2 = _mm256_loadu_ps(c0 + 2 * d + p);
        for (int r = 0; r < 4; ++r) {
          const __m256 v = _mm256_loadu_ps(x0 + r * d + p);
          a[r][0] = _mm256_fmadd_ps(v, w0, a[r][0]);
          a[r][1] = _mm256_fmadd_ps(v, w1, a[r][1]);
          a[r][2] = _mm256_fmadd_ps(v, w2, a[r][2]);
        }
      }
      for (int r = 0; r < 4; ++r) {
        for (int q = 0; q < 3; ++q) out[(i + r) * k + j + q] = Sum8(a[r][q]);
      }
    }
    for (; j < j1; ++j) {
      for (int r = 0; r < 4; ++r) {
        out[(i + r) * k + j] =
            DotAvx2(x0 + r * d, c + static_cast<int64_t>(j) * d, d);
      }
    }
  }
  for (; i < rows; ++i) {
    for (int j = j0; j < j1; ++j) {
      out[i * k + j] = DotAvx2(x + i * d, c + static_cast<int64_t>(j) * d, d);
    }
  }
}

// Centroids in chunks small enough to stay in the L1 cache while every row
// of the block passes by.
__attribute__((target("avx2,fma"))) void DotBlockAvx2(const float* x,
                                                      int64_t rows, int d,
                                                      const float* c, int k,
                                                      float* out) {
  const int chunk = std::max(3, (24 * 1024 / (d * 4)) / 3 * 3);
  for (int j0 = 0; j0 < k; j0 += chunk) {
    DotColumnsAvx2(x, rows, d, c, j0, std::min(k, j0 + chunk), k, out);
  }
}

bool HasAvx2Fma() {
  static const bool has =
      __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}

#endif  // KVETCH_DOT_AVX2

}  // namespace

bool DotBlockIsVectorized(int d) {
#ifdef KVETCH_DOT_AVX2
  return d % 8 == 0 && HasAvx2Fma();
#else
  (void)d;
  return false;
#endif
}

bool DotBlock(const float* x, int64_t rows, int d, const float* c, int k,
              float* out) {
#ifdef KVETCH_DOT_AVX2
  if (DotBlockIsVectorized(d)) {
    DotBlockAvx2(x, rows, d, c, k, out);
    return true;
  }
#else
  (void)x, (void)rows, (void)c, (void)k, (void)out;
#endif
  return false;
}

}  // namespace kvetch::internal
