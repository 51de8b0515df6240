#include "bench_data.h"

#include <algorithm>
#include <iterator>

#include "kvetch/text.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace kvetch::bench {
namespace {

std::vector<std::string> BuiltIn() {
  const std::vector<std::string> mix = {
      "Hi, I still haven't received my refund for order #A12345-678. Third "
      "time I ask! Call me on +44 20 7946 0958.",
      "Bonjour, ma commande n'est toujours pas arrivée, pouvez-vous vérifier ? "
      "Merci, Marie",
      "Die App stürzt beim Login ab, seit dem Update auf v4.2.1. Bitte um "
      "Hilfe.",
      "Me cobraron dos veces, IBAN ES91 2100 0418 4502 0005 1332, urgente",
      "ok merci 👍",
      "Заказ не пришёл уже две недели, верните деньги",
      "注文した商品が届きません。確認してください。",
      "still nothing??",
  };
  std::vector<std::string> out;
  for (int i = 0; i < 2000; ++i) out.push_back(mix[i % mix.size()]);
  return out;
}

std::vector<std::string> Load() {
  const char* path = std::getenv("KVETCH_BENCH_TEXTS");
  if (!path) return BuiltIn();
  std::ifstream in(path);
  if (!in) throw std::runtime_error(std::string("cannot open ") + path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

const std::vector<std::string>& Messages() {
  static const auto* messages = new std::vector<std::string>(Load());
  return *messages;
}

const std::vector<std::string>& DictionaryPart(bool dictionary) {
  static constexpr int kScripts[] = {kScriptJapanese, 17 /* Hani */,
                                     38 /* Thai */, 24 /* Laoo */,
                                     23 /* Khmr */, 28 /* Mymr */};
  static const auto* parts = [] {
    auto* p = new std::vector<std::string>[2];
    for (const auto& m : Messages()) {
      int script = DominantScript(m);
      bool dict = std::find(std::begin(kScripts), std::end(kScripts), script) !=
                  std::end(kScripts);
      p[dict ? 1 : 0].push_back(m);
    }
    return p;
  }();
  return parts[dictionary ? 1 : 0];
}

int64_t TotalBytes(const std::vector<std::string>& messages) {
  int64_t n = 0;
  for (const auto& m : messages) n += static_cast<int64_t>(m.size());
  return n;
}

}  // namespace kvetch::bench
