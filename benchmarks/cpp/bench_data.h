// Benchmark input: the messages of the file named by KVETCH_BENCH_TEXTS (one
// message per line; `make bench` writes it from the sample archive), or a
// small built-in multilingual mix when the variable is unset.
#ifndef KVETCH_BENCHMARKS_BENCH_DATA_H_
#define KVETCH_BENCHMARKS_BENCH_DATA_H_

#include <cstdint>
#include <string>
#include <vector>

namespace kvetch::bench {

const std::vector<std::string>& Messages();
int64_t TotalBytes(const std::vector<std::string>& messages);

// The messages whose dominant script ICU segments with a dictionary (Han,
// Japanese, Thai, Lao, Khmer, Myanmar) when `dictionary`, else the others.
const std::vector<std::string>& DictionaryPart(bool dictionary);

}  // namespace kvetch::bench

#endif  // KVETCH_BENCHMARKS_BENCH_DATA_H_
