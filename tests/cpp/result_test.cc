#include "kvetch/result.h"

#include <catch2/catch.hpp>
#include <set>

namespace kvetch {
namespace {

TEST_CASE("RowStatusName: stable names", "[result]") {
  CHECK(RowStatusName(RowStatus::kOk) == "ok");
  CHECK(RowStatusName(RowStatus::kEmpty) == "empty");
  CHECK(RowStatusName(RowStatus::kNull) == "null");
  CHECK(RowStatusName(RowStatus::kRepairedUtf8) == "repaired_utf8");
  CHECK(RowStatusName(RowStatus::kTruncated) == "truncated");
}

TEST_CASE("ResultSchema: one column per PII type, unique names", "[result]") {
  std::set<std::string_view> names;
  for (const ColumnInfo& c : ResultSchema()) names.insert(c.name);
  CHECK(names.size() == ResultSchema().size());
  for (int t = 0; t < kNumPiiTypes; ++t) {
    std::string col = "pii_" + std::string(PiiTypeName(static_cast<PiiType>(t)));
    CHECK(names.count(col) == 1);
  }
}

TEST_CASE("AnalysisBatch: Resize gives N empty rows", "[result]") {
  AnalysisBatch b;
  b.Resize(3);
  CHECK(b.size() == 3);
  CHECK(b.text_offsets.size() == 4);
  CHECK(b.TextRedacted(2).empty());
}

}  // namespace
}  // namespace kvetch
