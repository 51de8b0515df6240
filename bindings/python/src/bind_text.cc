// Text layer shims: cleaning, normalisation, tokens, sentences, script.
#include <pybind11/stl.h>

#include <algorithm>

#include "bind.h"
#include "kvetch/body.h"
#include "kvetch/csv.h"
#include "kvetch/pii.h"
#include "kvetch/text.h"

namespace kvetch::python {
namespace {

std::string_view TokenKindName(TokenKind kind) {
  static constexpr std::string_view kNames[] = {"word", "number", "emoji",
                                                "punct", "placeholder"};
  return kNames[static_cast<int>(kind)];
}

py::tuple Clean(const py::bytes& raw, size_t max_bytes) {
  std::string_view in = raw;
  std::string out;
  CleanResult r = CleanText(in, max_bytes, &out);
  return py::make_tuple(py::str(out), r.truncated, r.repaired_utf8);
}

std::vector<std::pair<std::string, std::string_view>> TokenizeText(
    const std::string& text, bool force_icu) {
  Tokenizer tok;
  std::string norm;
  NormalizeForMatching(text, &norm);
  std::vector<Token> tokens;
  tok.Tokenize(norm, 0, &tokens, force_icu);
  std::vector<std::pair<std::string, std::string_view>> out;
  for (const Token& t : tokens) {
    out.emplace_back(norm.substr(t.span.begin, t.span.end - t.span.begin),
                     TokenKindName(t.kind));
  }
  return out;
}

// Per text (already cleaned, e.g. text_redacted): how many of its lines are
// the customer's body (kvetch/body.h), or -1 when all are. Lines are
// counted in the normalised text, which keeps the text's line breaks.
std::vector<int64_t> BodyLines(const std::vector<std::string>& texts) {
  std::vector<int64_t> out;
  out.reserve(texts.size());
  py::gil_scoped_release release;
  Tokenizer tok;
  Document doc;
  std::vector<Span> placeholders;
  for (const std::string& t : texts) {
    placeholders.clear();
    FindPlaceholders(t, &placeholders);
    tok.NormalizeAndTokenize(t, placeholders, &doc);
    // BodyEnd points at the line break before the first line that is not
    // body (or at that line's start): the lines before it are the body.
    const size_t end = BodyEnd(doc);
    if (end >= doc.norm.size()) {
      out.push_back(-1);
      continue;
    }
    const size_t upto = doc.norm[end] == '\n' ? end + 1 : end;
    out.push_back(std::count(doc.norm.begin(), doc.norm.begin() + upto, '\n'));
  }
  return out;
}

std::vector<std::string> Sentences(const std::string& text) {
  Tokenizer tok;
  std::vector<Span> spans;
  tok.SplitSentences(text, &spans);
  std::vector<std::string> out;
  for (const Span& s : spans) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

}  // namespace

void InitText(py::module_& m) {
  m.def("clean_text", &Clean, py::arg("raw"), py::arg("max_bytes"),
        "(cleaned str, truncated, repaired_utf8) for raw UTF-8 bytes.");
  m.def(
      "normalize",
      [](const std::string& text) {
        std::string out;
        NormalizeForMatching(text, &out);
        return out;
      },
      py::arg("text"), "NFKC_Casefold of valid UTF-8 text.");
  m.def("tokenize", &TokenizeText, py::arg("text"), py::arg("force_icu") = false,
        "[(token, kind)] of the normalised text.");
  m.def("split_sentences", &Sentences, py::arg("text"));
  m.def("body_lines", &BodyLines, py::arg("texts"),
        "Per text, the number of its first lines that are the body (before "
        "a quoted reply, signature, footer or sign-off), or -1 for all.");
  m.def(
      "dominant_script",
      [](const std::string& text) {
        return std::string(ScriptName(DominantScript(text)));
      },
      py::arg("text"));
  m.def(
      "script_name", [](int code) { return std::string(ScriptName(code)); },
      py::arg("code"));
  m.attr("DEFAULT_MAX_BYTES") = kDefaultMaxBytes;
  py::class_<CsvQuoteScan>(m, "CsvQuoteScan",
                           "Finds a CSV value whose quote is never closed "
                           "(kvetch/csv.h); feed the file's bytes in order.")
      .def(py::init<>())
      .def(
          "feed",
          [](CsvQuoteScan& s, const py::bytes& chunk) {
            std::string_view view = chunk;
            py::gil_scoped_release release;
            s.Feed(view);
          },
          py::arg("chunk"))
      .def_property_readonly("open_at", &CsvQuoteScan::open_at,
                             "Offset of the unclosed quote, or -1.");
}

}  // namespace kvetch::python
