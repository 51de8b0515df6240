// Block of dot products for k-means: out[i * k + j] = <x_i, c_j>.
//
// Each dot product is computed by one fixed sequence of operations whatever
// the block's size or position, so a row's similarities do not depend on
// how rows are split into blocks (nor on n_threads). On x86-64 CPUs with
// AVX2 and FMA (checked once at run time) and d a multiple of 8, a
// hand-written kernel runs eight lanes at a time (about 3x Eigen's SSE2
// product, which the library is built for). Elsewhere DotBlock does nothing
// and returns false: the caller uses its portable path. The two round
// differently, so results are reproducible on one machine, not across CPU
// generations.
#ifndef KVETCH_INTERNAL_DOT_BLOCK_H_
#define KVETCH_INTERNAL_DOT_BLOCK_H_

#include <cstdint>

namespace kvetch::internal {

// x: rows x d, c: k x d, out: rows x k, all row-major float32. Returns
// false, writing nothing, when the vector kernel cannot run.
bool DotBlock(const float* x, int64_t rows, int d, const float* c, int k,
              float* out);

// Whether DotBlock runs (the CPU has AVX2 and FMA, d % 8 == 0).
bool DotBlockIsVectorized(int d);

}  // namespace kvetch::internal

#endif  // KVETCH_INTERNAL_DOT_BLOCK_H_
