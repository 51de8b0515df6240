#include "kvetch/build_info.h"

#include <oneapi/tbb/version.h>
#include <unicode/uversion.h>

#include <Eigen/Core>

#define KVETCH_STR_(x) #x
#define KVETCH_STR(x) KVETCH_STR_(x)

namespace kvetch {

const char* Version() { return KVETCH_VERSION; }

std::vector<std::pair<std::string, std::string>> BuildInfo() {
  return {
      {"kvetch", KVETCH_VERSION},
      {"icu", U_ICU_VERSION},
      {"re2", KVETCH_RE2_VERSION},
      {"tbb", TBB_runtime_version()},
      {"eigen", KVETCH_STR(EIGEN_WORLD_VERSION) "." KVETCH_STR(
                    EIGEN_MAJOR_VERSION) "." KVETCH_STR(EIGEN_MINOR_VERSION)},
      {"compiler", __VERSION__},
  };
}

}  // namespace kvetch
