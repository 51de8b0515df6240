#include "internal/huge_buffer.h"

#include <cstdlib>
#include <cstring>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace kvetch::internal {

std::shared_ptr<uint8_t> AllocateHuge(size_t size) {
  constexpr size_t kHuge = size_t{2} << 20;
  size_t rounded = (size + kHuge - 1) / kHuge * kHuge;
  if (rounded == 0) rounded = kHuge;
  auto* p = static_cast<uint8_t*>(std::aligned_alloc(kHuge, rounded));
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  madvise(p, rounded, MADV_HUGEPAGE);
#endif
  std::memset(p, 0, rounded);
  return std::shared_ptr<uint8_t>(p, [](uint8_t* q) { std::free(q); });
}

}  // namespace kvetch::internal
