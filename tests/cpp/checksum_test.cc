#include "internal/checksum.h"

#include <catch2/catch.hpp>

namespace kvetch::internal {
namespace {

TEST_CASE("LuhnValid: test card numbers", "[checksum]") {
  CHECK(LuhnValid("4111111111111111"));
  CHECK(LuhnValid("378282246310005"));
  CHECK(LuhnValid("5500000000000004"));
  CHECK_FALSE(LuhnValid("4111111111111112"));
  CHECK_FALSE(LuhnValid(""));
  CHECK_FALSE(LuhnValid("4111-1111"));
}

TEST_CASE("IbanValid: registry lengths and mod 97", "[checksum]") {
  CHECK(IbanLength("DE") == 22);
  CHECK(IbanLength("FR") == 27);
  CHECK(IbanLength("XX") == 0);
  CHECK(IbanValid("DE89370400440532013000"));
  CHECK(IbanValid("GB82WEST12345698765432"));
  CHECK(IbanValid("FR1420041010050500013M02606"));
  CHECK_FALSE(IbanValid("DE89370400440532013001"));  // checksum
  CHECK_FALSE(IbanValid("DE8937040044053201300"));   // length
  CHECK_FALSE(IbanValid("de89370400440532013000"));  // lower case
}

}  // namespace
}  // namespace kvetch::internal
