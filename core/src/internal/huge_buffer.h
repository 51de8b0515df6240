// Zeroed byte buffers for model tables that are read at random.
#ifndef KVETCH_INTERNAL_HUGE_BUFFER_H_
#define KVETCH_INTERNAL_HUGE_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <memory>

namespace kvetch::internal {

// A zeroed buffer of at least `size` bytes, aligned to 2 MiB. On Linux it
// asks for transparent huge pages (a hint; refusal is harmless): a table of
// several MB read one row per feature in 4 KiB pages costs a TLB miss on
// most reads. Throws std::bad_alloc when memory runs out, like new.
std::shared_ptr<uint8_t> AllocateHuge(size_t size);

}  // namespace kvetch::internal

#endif  // KVETCH_INTERNAL_HUGE_BUFFER_H_
