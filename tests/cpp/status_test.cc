#include "kvetch/status.h"

#include <catch2/catch.hpp>
#include <memory>

namespace kvetch {
namespace {

StatusOr<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}

Status Quarter(int x, int* out) {
  KVETCH_ASSIGN_OR_RETURN(int h, Half(x));
  KVETCH_ASSIGN_OR_RETURN(*out, Half(h));
  return Status::Ok();
}

TEST_CASE("Status: ok and error values", "[status]") {
  CHECK(Status().ok());
  CHECK(Status().ToString() == "OK");
  Status s = Status::InvalidPattern("custom PII pattern 'x': missing )");
  CHECK_FALSE(s.ok());
  CHECK(s.code() == StatusCode::kInvalidPattern);
  CHECK(s.ToString() == "InvalidPattern: custom PII pattern 'x': missing )");
}

TEST_CASE("StatusOr: macros propagate the first error", "[status]") {
  int out = 0;
  CHECK(Quarter(8, &out).ok());
  CHECK(out == 2);
  Status s = Quarter(6, &out);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message() == "odd: 3");
}

TEST_CASE("StatusOr: holds move-only values", "[status]") {
  StatusOr<std::unique_ptr<int>> v = std::make_unique<int>(7);
  REQUIRE(v.ok());
  std::unique_ptr<int> p = std::move(v).value();
  CHECK(*p == 7);
}

}  // namespace
}  // namespace kvetch
