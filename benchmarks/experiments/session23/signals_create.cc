#include "kvetch/signals.h"
#include "kvetch/langid.h"
#include "kvetch/emotion.h"
#include <chrono>
#include <cstdio>
using namespace kvetch;
int main() {
  auto t0 = std::chrono::steady_clock::now();
  SignalOptions o; o.rules_path = "models/signals/rules.tsv";
  auto m = SignalMatcher::Create(o);
  auto t1 = std::chrono::steady_clock::now();
  printf("signals create %.3f s ok=%d rules=%zu\n", std::chrono::duration<double>(t1-t0).count(), m.ok(), m.ok()? m.value()->rules().size():0);
}
