// Signal shims: options in; signal names and rule hits out.
#include <pybind11/stl.h>

#include "bind.h"
#include "kvetch/signals.h"
#include "kvetch/text.h"

namespace kvetch::python {

SignalOptions SignalOptionsFromPython(
    const std::string& rules_path,
    const std::vector<std::tuple<std::string, std::string, std::string,
                                 std::string>>& rules,
    const std::vector<std::string>& languages, bool cues_only) {
  SignalOptions o;
  o.rules_path = rules_path;
  for (const auto& [signal, lang, pattern, source] : rules) {
    o.rules.push_back(SignalRule{signal, lang, pattern, source});
  }
  o.languages = languages;
  o.cues_only = cues_only;
  return o;
}

namespace {

std::unique_ptr<SignalMatcher> MakeMatcher(
    const std::string& rules_path,
    const std::vector<std::tuple<std::string, std::string, std::string,
                                 std::string>>& rules,
    const std::vector<std::string>& languages, bool cues_only) {
  return ValueOrThrow(SignalMatcher::Create(
      SignalOptionsFromPython(rules_path, rules, languages, cues_only)));
}

// (signal, rule source, lang, matched text, negated, excepted) per hit in the
// normalised form of `text`.
py::list Explain(const SignalMatcher& m, const std::string& text) {
  std::string norm;
  std::vector<SignalHit> hits;
  {
    py::gil_scoped_release release;
    std::string normalised;
    NormalizeForMatching(text, &normalised);
    AppendSignalText(normalised, &norm);
    m.Explain(norm, &hits);
  }
  py::list out;
  for (const SignalHit& h : hits) {
    const SignalRule& r = m.rules()[h.rule];
    std::string_view span = std::string_view(norm).substr(
        h.span.begin, h.span.end - h.span.begin);
    out.append(py::make_tuple(SignalName(h.signal), r.source, r.lang,
                              py::str(span.data(), span.size()), h.negated,
                              h.excepted));
  }
  return out;
}

std::vector<std::string> MatchNames(const SignalMatcher& m,
                                    const std::string& text) {
  std::string norm;
  SignalSet found;
  {
    py::gil_scoped_release release;
    std::string normalised;
    NormalizeForMatching(text, &normalised);
    AppendSignalText(normalised, &norm);
    found = m.Match(norm);
  }
  std::vector<std::string> names;
  for (int k = 0; k < kNumSignals; ++k) {
    if (found.Has(static_cast<Signal>(k))) {
      names.emplace_back(SignalName(static_cast<Signal>(k)));
    }
  }
  return names;
}

}  // namespace

void InitSignals(py::module_& m) {
  py::class_<SignalMatcher>(m, "SignalMatcher")
      .def(py::init(&MakeMatcher), py::arg("rules_path"), py::arg("rules"),
           py::arg("languages"), py::arg("cues_only") = false)
      .def("match", &MatchNames, py::arg("text"),
           "Names of the signals that fire in the normalised text.")
      .def("explain", &Explain, py::arg("text"),
           "(signal, rule source, lang, matched text, negated, excepted) per "
           "hit.")
      .def_property_readonly("n_rules", [](const SignalMatcher& s) {
        return s.rules().size();
      });
  m.def("signal_names", [] {
    std::vector<std::string> names;
    for (int k = 0; k < kNumSignals; ++k) {
      names.emplace_back(SignalName(static_cast<Signal>(k)));
    }
    return names;
  });
}

}  // namespace kvetch::python
