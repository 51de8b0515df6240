// Replays the fuzz targets (tests/fuzz/fuzz_targets.h) on hostile inputs
// written here and on every input kept in tests/data/fuzz/<target>/ (what
// `make fuzz` once found, fixed since). A target throws on a broken
// contract (fuzz_targets.h).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../fuzz/fuzz_targets.h"

namespace kvetch::fuzz {
namespace {

std::vector<std::string> HostileInputs() {
  const std::string split = "\x1e";
  return {
      "",
      std::string("\x00\x00\x1e\x1e", 4),
      "\x03" + split + split + "\xff\xfe\xc3\x28 bad \xe2\x82",
      "\x01\x40" + split + "caf\xc3\xa9 \xe2\x80\x8b\xe2\x80\xae evil" + split +
          std::string(5000, 'a'),
      "ORD-\\d+" + split + "order ORD-123 for jane@example.com",
      "(a+)+$" + split + std::string(3000, 'a') + "!",
      "[" + split + "an invalid pattern",
      "\x02third time" + split + "this is the third time I ask",
      "\x01" "third time" + split + "not the third time",
      "KVM\x01\x00\x00\x00\xff\xff\xff\xff",
      "a,\"b\n\"\"c" + split + "\xf0\x9f\x98\x80\xe2\x80\x8d\xf0\x9f\x98\x80",
  };
}

std::vector<std::string> KeptInputs(std::string_view target) {
  std::vector<std::string> out;
  const std::filesystem::path dir =
      std::filesystem::path(KVETCH_TEST_DATA_DIR) / "fuzz" / std::string(target);
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
  }
  return out;
}

void Run(TargetFn fn, const std::string& input) {
  fn(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

TEST_CASE("Fuzz targets keep their contracts on hostile and kept inputs",
          "[fuzz]") {
  for (const Target& t : kTargets) {
    INFO("target " << t.name);
    for (const std::string& input : HostileInputs()) {
      REQUIRE_NOTHROW(Run(t.fn, input));
    }
    for (const std::string& input : KeptInputs(t.name)) {
      REQUIRE_NOTHROW(Run(t.fn, input));
    }
  }
}

}  // namespace
}  // namespace kvetch::fuzz
