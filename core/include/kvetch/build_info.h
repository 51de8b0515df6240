// kvetch/build_info.h: versions of kvetch and of the libraries it was built
// with, for bug reports (`kvetch.build_info()` in Python).
#ifndef KVETCH_BUILD_INFO_H_
#define KVETCH_BUILD_INFO_H_

#include <string>
#include <utility>
#include <vector>

namespace kvetch {

// The kvetch version, e.g. "0.1.0" (the VERSION file).
const char* Version();

// (component, version) pairs: kvetch, icu, re2, tbb, eigen, compiler.
// Thread-safe.
std::vector<std::pair<std::string, std::string>> BuildInfo();

}  // namespace kvetch

#endif  // KVETCH_BUILD_INFO_H_
