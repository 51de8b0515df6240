// Private to the bindings: the per-unit init functions module.cc calls, and
// the one place a kvetch::Status becomes a Python exception.
#ifndef KVETCH_BINDINGS_BIND_H_
#define KVETCH_BINDINGS_BIND_H_

#include <pybind11/pybind11.h>

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "kvetch/analyzer.h"
#include "kvetch/pii.h"
#include "kvetch/signals.h"
#include "kvetch/status.h"

namespace kvetch::python {

namespace py = pybind11;

void InitErrors(py::module_& m);
void InitText(py::module_& m);
void InitPii(py::module_& m);
void InitAnalyzer(py::module_& m);
void InitLangid(py::module_& m);
void InitEmotion(py::module_& m);
void InitSignals(py::module_& m);
void InitEmbed(py::module_& m);

// A TextColumn over the Arrow string/binary array in the two capsules (from
// __arrow_c_array__), read in place. The caller keeps the capsules alive.
// Other formats raise InputError.
TextColumn ColumnFromArrow(const py::capsule& schema_capsule,
                           const py::capsule& array_capsule);

// PII options from the Python layer: enabled built-in type names and
// (name, pattern) custom patterns. Unknown types raise ConfigError.
PiiOptions PiiOptionsFromPython(
    const std::vector<std::string>& types,
    const std::vector<std::pair<std::string, std::string>>& custom);

// Signal options from the Python layer: a rules file ("" for none), extra
// (signal, lang, pattern, source) rules, the packs to load and whether to
// load only the file's negation cues.
SignalOptions SignalOptionsFromPython(
    const std::string& rules_path,
    const std::vector<std::tuple<std::string, std::string, std::string,
                                 std::string>>& rules,
    const std::vector<std::string>& languages, bool cues_only);

// Throws the kvetch.errors exception matching status.code() if !status.ok().
void ThrowIfError(const Status& status);

template <typename T>
T ValueOrThrow(StatusOr<T> v) {
  ThrowIfError(v.status());
  return std::move(v).value();
}

}  // namespace kvetch::python

#endif  // KVETCH_BINDINGS_BIND_H_
