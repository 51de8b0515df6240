#include "kvetch/model_file.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

namespace kvetch {
namespace {

// A valid container with one section "abc" = "hello", built by hand as
// models/kvm.py would.
std::string MakeFile() {
  std::string body(40, '\0');
  std::memcpy(&body[0], "abc", 3);
  uint64_t off = 40 + 40, size = 5;
  std::memcpy(&body[24], &off, 8);
  std::memcpy(&body[32], &size, 8);
  body += "hello";
  std::string header = "KVETCHMD";
  uint32_t u[4] = {1, static_cast<uint32_t>(ModelKind::kLangid), 7, 1};
  header.append(reinterpret_cast<const char*>(u), 16);
  uint64_t data_hash = 42, checksum = Fnv1a64(body);
  header.append(reinterpret_cast<const char*>(&data_hash), 8);
  header.append(reinterpret_cast<const char*>(&checksum), 8);
  return header + body;
}

TEST_CASE("ModelFile: reads a valid container", "[model_file]") {
  auto f = ModelFile::Parse(MakeFile(), "m.kvm", ModelKind::kLangid);
  REQUIRE(f.ok());
  CHECK(f->model_version() == 7);
  CHECK(f->data_hash() == 42);
  CHECK(f->Section("abc").value() == "hello");
  CHECK(f->Section("nope").status().code() == StatusCode::kInvalidModel);
}

TEST_CASE("ModelFile: rejects damage with the file name", "[model_file]") {
  std::string good = MakeFile();
  std::string flipped = good;
  flipped.back() ^= 1;
  std::string magic = good;
  magic[0] = 'X';
  for (const std::string& bad :
       {good.substr(0, 20), good.substr(0, good.size() - 1), flipped, magic}) {
    auto f = ModelFile::Parse(bad, "broken.kvm", ModelKind::kLangid);
    REQUIRE_FALSE(f.ok());
    CHECK(f.status().code() == StatusCode::kInvalidModel);
    CHECK_THAT(f.status().message(), Catch::StartsWith("broken.kvm: "));
  }
}

TEST_CASE("ModelFile: missing file is an I/O error", "[model_file]") {
  auto f = ModelFile::Open("/nonexistent/langid.kvm", ModelKind::kLangid);
  CHECK(f.status().code() == StatusCode::kIoError);
  CHECK_THAT(f.status().message(), Catch::Contains("/nonexistent/langid.kvm"));
}

}  // namespace
}  // namespace kvetch
