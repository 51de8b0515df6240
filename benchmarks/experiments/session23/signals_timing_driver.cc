#include "kvetch/signals.h"
#include "kvetch/text.h"
#include <chrono>
#include <cstdio>
#include <fstream>
namespace kvetch { extern double g_cand, g_fire; extern long g_nc; }
using namespace kvetch;
int main(int argc, char** argv) {
  SignalOptions o; o.rules_path = "models/signals/rules.tsv";
  auto t0 = std::chrono::steady_clock::now();
  auto m = std::move(SignalMatcher::Create(o)).value();
  printf("create %.3f\n", std::chrono::duration<double>(std::chrono::steady_clock::now()-t0).count());
  std::ifstream mf(argc > 1 ? argv[1] : "build/bench/messages.txt"); std::string line; std::vector<std::string> msgs;
  while (std::getline(mf, line)) { msgs.emplace_back(); NormalizeForMatching(line, &msgs.back()); }
  for (int round = 0; round < 5; round++) {
    g_cand = g_fire = 0; g_nc = 0; long fired = 0;
    auto a = std::chrono::steady_clock::now();
    for (auto& s : msgs) fired += m->Match(s).bits != 0;
    double d = std::chrono::duration<double>(std::chrono::steady_clock::now()-a).count();
    size_t n = msgs.size();
    printf("total %.2f us/msg: candidates %.2f fires %.2f; cand/msg %.2f fired %ld\n", d/n*1e6, g_cand/n*1e6, g_fire/n*1e6, (double)g_nc/n, fired);
  }
}
