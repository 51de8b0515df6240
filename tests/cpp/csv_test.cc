#include "kvetch/csv.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

namespace kvetch {
namespace {

// open_at() after feeding `text` in pieces of `step` bytes.
int64_t OpenAt(std::string_view text, size_t step) {
  CsvQuoteScan scan;
  for (size_t i = 0; i < text.size(); i += step) scan.Feed(text.substr(i, step));
  return scan.open_at();
}

int64_t OpenAtAnySplit(std::string_view text) {
  int64_t whole = OpenAt(text, text.size() + 1);
  for (size_t step : {1, 2, 3, 7}) CHECK(OpenAt(text, step) == whole);
  return whole;
}

TEST_CASE("CsvQuoteScan: closed values are not open", "[csv]") {
  CHECK(OpenAtAnySplit("id,text\n1,\"a, b\"\n2,\"two\nlines\"\n") == -1);
  CHECK(OpenAtAnySplit("id,text\r\n1,\"say \"\"hi\"\"\"\r\n") == -1);  // "" inside
  CHECK(OpenAtAnySplit("id,text\n1,5\" screen\n2,ok\n") == -1);  // literal quote
  CHECK(OpenAtAnySplit("id,text\n1,\"a\"b\"\n") == -1);  // closed, then literal
  CHECK(OpenAtAnySplit("\xEF\xBB\xBF\"id\",\"text\"\n1,x\n") == -1);  // BOM
  CHECK(OpenAtAnySplit("") == -1);
}

TEST_CASE("CsvQuoteScan: an unclosed value is found at its quote", "[csv]") {
  const std::string lf = "id,text\n1,hello\n2,\"oops\n3,world\n";
  CHECK(OpenAtAnySplit(lf) == static_cast<int64_t>(lf.find('"')));
  const std::string cr = "id,text\r1,a\r2,\"oops\r3,b\r";
  CHECK(OpenAtAnySplit(cr) == static_cast<int64_t>(cr.find('"')));
  const std::string bom = "\xEF\xBB\xBF" "text\n\"never closed";
  CHECK(OpenAtAnySplit(bom) == 8);  // file offsets count the BOM
  CHECK(OpenAtAnySplit("text\n\"ends on a pair\"\"") >= 0);  // "" at the end: still open
  CHECK(OpenAtAnySplit("text\n\"closed at the end\"") == -1);
  // Part of a byte order mark is ordinary bytes, as in Arrow: the quote
  // after it is literal, and a later one opens a value as usual.
  CHECK(OpenAtAnySplit("\xEF\"id,text\n1,hello\n") == -1);
  CHECK(OpenAtAnySplit("\xEF\xBB\"id,text\n1,\"hello\n") == 13);
}

}  // namespace
}  // namespace kvetch
