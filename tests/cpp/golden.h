// Reads the golden tables in tests/data (see tests/data/README.md).
#ifndef KVETCH_TESTS_GOLDEN_H_
#define KVETCH_TESTS_GOLDEN_H_

#include <string>
#include <vector>

namespace kvetch::testing {

// Rows of tests/data/<name>, header and comments skipped, cells unescaped.
std::vector<std::vector<std::string>> ReadGolden(const std::string& name);

// Decodes \t \n \r \\ \uXXXX \UXXXXXXXX \xNN escapes.
std::string Unescape(const std::string& cell);

}  // namespace kvetch::testing

#endif  // KVETCH_TESTS_GOLDEN_H_
