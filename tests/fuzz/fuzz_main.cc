// One libFuzzer program per target: KVETCH_FUZZ_TARGET names which entry of
// kTargets (fuzz_targets.h) this build runs. Built by tests/fuzz/CMakeLists.txt
// with clang's -fsanitize=fuzzer; run by `make fuzz`.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_targets.h"

namespace {

kvetch::fuzz::TargetFn Find() {
  for (const auto& t : kvetch::fuzz::kTargets) {
    if (t.name == std::string_view(KVETCH_FUZZ_TARGET)) return t.fn;
  }
  std::fprintf(stderr, "no fuzz target named %s\n", KVETCH_FUZZ_TARGET);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const kvetch::fuzz::TargetFn fn = Find();
  fn(data, size);
  return 0;
}
