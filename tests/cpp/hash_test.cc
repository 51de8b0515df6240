#include "internal/hash.h"

#include <catch2/catch.hpp>

#include "kvetch/model_file.h"

namespace kvetch::internal {
namespace {

// Every model's features and checksums depend on these exact values, so a
// change here means rebuilding every model.
TEST_CASE("FNV-1a 32: published vectors", "[hash]") {
  CHECK(Fnv1a32Extend(kFnv32Offset, "") == 0x811c9dc5u);
  CHECK(Fnv1a32Extend(kFnv32Offset, "a") == 0xe40c292cu);
  CHECK(Fnv1a32Extend(kFnv32Offset, "foobar") == 0xbf9cf968u);
}

// The 64-bit variant's offset basis is not the published one (hash.h), so
// these are kvetch's own pinned values, not FNV's test vectors; they equal
// models/kvm.py's fnv1a64.
TEST_CASE("FNV-1a 64 (kvetch's offset basis): pinned values", "[hash]") {
  CHECK(Fnv1a64Extend(kFnv64Offset, "a") == 0x44bd8ad473cd9906ull);
  CHECK(Fnv1a64Extend(kFnv64Offset, "foobar") == 0x88fad7c0a8ff07f2ull);
  CHECK(Fnv1a64("foobar") == 0x88fad7c0a8ff07f2ull);
  // Extending is hashing the concatenation.
  CHECK(Fnv1a64Extend(Fnv1a64Extend(kFnv64Offset, "foo"), "bar") ==
        Fnv1a64("foobar"));
}

TEST_CASE("Fmix64: a bijection that spreads low bits", "[hash]") {
  CHECK(Fmix64(0) == 0);
  CHECK(Fmix64(1) != Fmix64(2));
  CHECK((Fmix64(1) >> 32) != 0);
}

}  // namespace
}  // namespace kvetch::internal
