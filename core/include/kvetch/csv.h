// kvetch/csv.h: finding a CSV value whose opening quote is never closed.
//
//   CsvQuoteScan scan;
//   while (read(chunk)) scan.Feed(chunk);   // the file's bytes, in order
//   if (scan.open_at() >= 0) ...            // offset of that quote
//
// Arrow's CSV reader would read the rest of the file into such a value, as
// one message; kvetch refuses the file instead, naming the line. The rule
// is Arrow's (csv/parser.cc, double quotes, quoting on): a quote opens a
// value only as its first byte (at the start of the file, after a comma or
// a line end); inside the value "" is a quote and a lone quote closes it,
// after which the value goes on unquoted, its quotes literal. A UTF-8 byte
// order mark at the start of the file is skipped. Chunks may split the
// file anywhere, "" included. About 1 GB/s (memchr from quote to quote).

#ifndef KVETCH_CSV_H_
#define KVETCH_CSV_H_

#include <cstdint>
#include <string_view>

namespace kvetch {

class CsvQuoteScan {
 public:
  // Scans the next `chunk` of the file.
  void Feed(std::string_view chunk);
  // The offset of the quote that opened the value still open after the
  // bytes fed so far, or -1. Meaningful for a whole file once it is fed.
  int64_t open_at() const { return quoted_ && !pending_ ? open_at_ : -1; }

 private:
  int64_t base_ = 0;       // offset of the next chunk's first byte
  char prev_ = '\n';       // the last byte outside quotes
  bool quoted_ = false;    // inside a quoted value
  bool pending_ = false;   // inside, the last byte was a quote: "" or end?
  int64_t open_at_ = -1;
  int64_t bom_ = 0;        // byte order mark bytes matched (3: done)
};

}  // namespace kvetch

#endif  // KVETCH_CSV_H_
