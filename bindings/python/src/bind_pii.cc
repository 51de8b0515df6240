// PII shims: options in, redacted text and counts out.
#include <pybind11/stl.h>

#include "bind.h"
#include "kvetch/pii.h"

namespace kvetch::python {
namespace {

PiiOptions ToOptions(const std::vector<std::string>& types,
                     const std::vector<std::pair<std::string, std::string>>&
                         custom) {
  PiiOptions o;
  o.emails = o.phones = o.cards = o.ibans = o.ips = o.urls = false;
  for (const std::string& t : types) {
    if (t == "email") o.emails = true;
    else if (t == "phone") o.phones = true;
    else if (t == "card") o.cards = true;
    else if (t == "iban") o.ibans = true;
    else if (t == "ip") o.ips = true;
    else if (t == "url") o.urls = true;
    else ThrowIfError(Status::InvalidArgument("unknown PII type '" + t + "'"));
  }
  for (const auto& [name, pattern] : custom) o.custom.push_back({name, pattern});
  return o;
}

}  // namespace

PiiOptions PiiOptionsFromPython(
    const std::vector<std::string>& types,
    const std::vector<std::pair<std::string, std::string>>& custom) {
  return ToOptions(types, custom);
}

void InitPii(py::module_& m) {
  py::class_<PiiRedactor>(m, "PiiRedactor")
      .def(py::init([](const std::vector<std::string>& types,
                       const std::vector<std::pair<std::string, std::string>>&
                           custom) {
             return ValueOrThrow(PiiRedactor::Create(ToOptions(types, custom)));
           }),
           py::arg("types"), py::arg("custom"))
      .def(
          "redact",
          [](const PiiRedactor& r, const std::string& text) {
            std::vector<PiiMatch> found;
            Redaction red;
            {
              py::gil_scoped_release release;
              r.Find(text, &found);
              r.Redact(text, found, &red);
            }
            py::dict counts;
            for (int t = 0; t < kNumPiiTypes; ++t) {
              counts[py::str(PiiTypeName(static_cast<PiiType>(t)))] =
                  red.counts[t];
            }
            return py::make_tuple(py::str(red.text), counts);
          },
          py::arg("text"), "(redacted text, {type: count}) of valid UTF-8.")
      .def(
          "find",
          [](const PiiRedactor& r, const std::string& text) {
            std::vector<PiiMatch> found;
            r.Find(text, &found);
            py::list out;
            for (const PiiMatch& f : found) {
              out.append(py::make_tuple(
                  std::string(PiiTypeName(f.type)),
                  py::str(text.substr(f.span.begin, f.span.end - f.span.begin))));
            }
            return out;
          },
          py::arg("text"), "[(type, matched text)] in text order.");
}

}  // namespace kvetch::python
