// The CSV quote scan: memchr from quote to quote, a three-state machine
// (outside, inside, a quote inside that may be "" or the end).

#include "kvetch/csv.h"

#include <cstring>

namespace kvetch {

void CsvQuoteScan::Feed(std::string_view chunk) {
  static constexpr char kBom[] = "\xEF\xBB\xBF";
  const char* p = chunk.data();
  const char* end = p + chunk.size();
  // A byte order mark, even split over chunks, is not a value's first
  // byte's predecessor: the quote after it still opens a value. Only a
  // whole one, as Arrow: after part of one, the quote is literal.
  while (p < end && bom_ < 3) {
    if (*p != kBom[bom_]) {
      if (bom_ > 0) prev_ = kBom[bom_ - 1];  // part of one: ordinary bytes
      bom_ = 3;
      break;
    }
    ++p;
    ++bom_;
  }
  while (p < end) {
    if (pending_) {  // the quote before p was inside a quoted value
      pending_ = false;
      if (*p == '"') {  // "": a quote, still inside
        ++p;
        continue;
      }
      quoted_ = false;  // it closed the value; p is read as unquoted
      prev_ = '"';
    }
    if (quoted_) {
      const void* q = std::memchr(p, '"', end - p);
      if (q == nullptr) break;
      p = static_cast<const char*>(q) + 1;
      pending_ = true;
      continue;
    }
    const char* q = static_cast<const char*>(std::memchr(p, '"', end - p));
    if (q == nullptr) {
      prev_ = end[-1];
      break;
    }
    char before = q > p ? q[-1] : prev_;
    if (before == ',' || before == '\n' || before == '\r') {
      quoted_ = true;
      open_at_ = base_ + (q - chunk.data());
    } else {
      prev_ = '"';  // a literal quote inside an unquoted value
    }
    p = q + 1;
  }
  base_ += static_cast<int64_t>(chunk.size());
}

}  // namespace kvetch
