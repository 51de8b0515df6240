#include "golden.h"

#include <fstream>
#include <stdexcept>

#include "internal/utf8.h"

namespace kvetch::testing {

std::string Unescape(const std::string& cell) {
  std::string out;
  for (size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] != '\\' || i + 1 == cell.size()) {
      out.push_back(cell[i]);
      continue;
    }
    char e = cell[++i];
    auto hex = [&](int n) {
      unsigned v = std::stoul(cell.substr(i + 1, n), nullptr, 16);
      i += n;
      return v;
    };
    switch (e) {
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case '\\': out.push_back('\\'); break;
      case 'x': out.push_back(static_cast<char>(hex(2))); break;
      case 'u': internal::AppendUtf8(hex(4), &out); break;
      case 'U': internal::AppendUtf8(hex(8), &out); break;
      default: throw std::runtime_error("bad escape in golden cell: " + cell);
    }
  }
  return out;
}

std::vector<std::vector<std::string>> ReadGolden(const std::string& name) {
  std::string path = std::string(KVETCH_TEST_DATA_DIR) + "/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos;
         start = tab + 1) {
      cells.push_back(Unescape(line.substr(start, tab - start)));
    }
    cells.push_back(Unescape(line.substr(start)));
    rows.push_back(std::move(cells));
  }
  return rows;
}

}  // namespace kvetch::testing
