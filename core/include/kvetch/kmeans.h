// kvetch/kmeans.h: the heavy steps of spherical k-means over message vectors.
//
//   kvetch::KMeans km(/*n_threads=*/2);
//   std::vector<int32_t> labels(n);
//   std::vector<float> sims(n);
//   km.Assign(x, n, d, centroids, k, labels.data(), sims.data());
//   std::vector<double> sums(k * d), weights(k);
//   km.Accumulate(x, n, d, w, labels.data(), k, sums.data(), weights.data());
//
// `x` is n x d and `centroids` k x d, row-major float32; rows are expected
// unit length (then the dot product is the cosine similarity). Assign picks
// for each row the centroid of highest dot product (the lowest index on
// ties); Accumulate adds each row, times its weight, to its cluster's sum.
//
// Determinism: Assign works on fixed blocks of kKMeansBlock rows, each
// similarity computed by one fixed sequence of operations (an AVX2/FMA
// kernel where the CPU has it, else an Eigen product per block), and
// Accumulate gives each task a fixed range of columns and
// walks the rows in order, so results are bit-identical for any n_threads.
//
// Not done here: initialisation, the choice of k, merging (Python,
// kvetch/cluster.py). A KMeans is thread-safe (its arena is the only state).
#ifndef KVETCH_KMEANS_H_
#define KVETCH_KMEANS_H_

#include <cstdint>
#include <memory>

namespace kvetch {

// Rows per task of Assign: small enough that two threads share a 10k-row
// batch evenly.
inline constexpr int64_t kKMeansBlock = 256;

class KMeans {
 public:
  // n_threads <= 0: DefaultThreadCount().
  explicit KMeans(int n_threads = 0);
  ~KMeans();

  // labels[i], sims[i] for each row i of x. k >= 1, d >= 1.
  // O(n k d) flops; allocates one kKMeansBlock x k block per task.
  void Assign(const float* x, int64_t n, int d, const float* centroids, int k,
              int32_t* labels, float* sims) const;

  // sums[c * d + j] += w[i] * x[i][j] and weights[c] += w[i] for every row i
  // with labels[i] == c in [0, k) (other labels are skipped). `w` may be
  // nullptr (all ones). O(n d); does not allocate.
  void Accumulate(const float* x, int64_t n, int d, const float* w,
                  const int32_t* labels, int k, double* sums,
                  double* weights) const;

  int n_threads() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kvetch

#endif  // KVETCH_KMEANS_H_
