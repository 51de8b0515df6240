// Spherical k-means steps. Assign: the similarities of a fixed block of
// rows (internal::DotBlock's AVX2 kernel where the CPU has it, else one
// Eigen float product), then a row-wise argmax; the block boundaries never
// depend on the thread count, and each task runs single-threaded, so every
// similarity is computed the same way whatever n_threads is. Accumulate:
// tasks own disjoint column ranges and each adds rows in row order, so the
// sums are the same sequential sums for any n_threads.
#include "kvetch/kmeans.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <Eigen/Dense>
#include <algorithm>

#include "internal/dot_block.h"
#include "kvetch/analyzer.h"

namespace kvetch {
namespace {

using RowMatrix =
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstRowMap = Eigen::Map<const RowMatrix>;

constexpr int kColumnsPerTask = 8;

}  // namespace

struct KMeans::Impl {
  int n_threads = 1;
  mutable tbb::task_arena arena;
};

KMeans::KMeans(int n_threads) : impl_(std::make_unique<Impl>()) {
  impl_->n_threads = n_threads > 0 ? n_threads : DefaultThreadCount();
  impl_->arena.initialize(ArenaThreads(impl_->n_threads));
}

KMeans::~KMeans() = default;

int KMeans::n_threads() const { return impl_->n_threads; }

void KMeans::Assign(const float* x, int64_t n, int d, const float* centroids,
                    int k, int32_t* labels, float* sims) const {
  if (n <= 0 || k <= 0 || d <= 0) return;
  ConstRowMap c(centroids, k, d);
  const int64_t n_blocks = (n + kKMeansBlock - 1) / kKMeansBlock;
  impl_->arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<int64_t>(0, n_blocks, 1),
        [&](const tbb::blocked_range<int64_t>& r) {
          RowMatrix s;
          for (int64_t b = r.begin(); b < r.end(); ++b) {
            const int64_t begin = b * kKMeansBlock;
            const int64_t rows = std::min(kKMeansBlock, n - begin);
            s.resize(rows, k);
            if (!internal::DotBlock(x + begin * d, rows, d, centroids, k,
                                    s.data())) {
              ConstRowMap xb(x + begin * d, rows, d);
              s.noalias() = xb * c.transpose();
            }
            for (int64_t i = 0; i < rows; ++i) {
              int best = 0;
              float best_sim = s(i, 0);
              for (int j = 1; j < k; ++j) {
                if (s(i, j) > best_sim) {
                  best_sim = s(i, j);
                  best = j;
                }
              }
              labels[begin + i] = best;
              sims[begin + i] = best_sim;
            }
          }
        },
        tbb::simple_partitioner());
  });
}

void KMeans::Accumulate(const float* x, int64_t n, int d, const float* w,
                        const int32_t* labels, int k, double* sums,
                        double* weights) const {
  if (n <= 0 || k <= 0 || d <= 0) return;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t c = labels[i];
    if (c >= 0 && c < k) weights[c] += w ? w[i] : 1.0;
  }
  const int n_tasks = (d + kColumnsPerTask - 1) / kColumnsPerTask;
  impl_->arena.execute([&] {
    tbb::parallel_for(0, n_tasks, [&](int t) {
      const int j0 = t * kColumnsPerTask;
      const int j1 = std::min(d, j0 + kColumnsPerTask);
      for (int64_t i = 0; i < n; ++i) {
        const int32_t c = labels[i];
        if (c < 0 || c >= k) continue;
        const double wi = w ? w[i] : 1.0;
        const float* xi = x + i * d;
        double* si = sums + static_cast<int64_t>(c) * d;
        for (int j = j0; j < j1; ++j) si[j] += wi * xi[j];
      }
    });
  });
}

}  // namespace kvetch
