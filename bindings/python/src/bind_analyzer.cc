// Analyzer shims. Input: an Arrow string or binary array handed over through
// the Arrow PyCapsule interface (__arrow_c_array__), read in place. Output:
// one numpy array per column, owning the C++ buffers (no copy).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstring>

#include "arrow_c.h"
#include "bind.h"
#include "kvetch/analyzer.h"
#include "kvetch/text.h"

namespace kvetch::python {
namespace {

template <typename T>
py::array_t<T> ToNumpy(std::vector<T>&& v) {
  auto* owned = new std::vector<T>(std::move(v));
  py::capsule free(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(owned->size()), owned->data(),
                        free);
}

py::array_t<uint8_t> BytesToNumpy(std::string&& s) {
  auto* owned = new std::string(std::move(s));
  py::capsule free(owned, [](void* p) { delete static_cast<std::string*>(p); });
  return py::array_t<uint8_t>(static_cast<py::ssize_t>(owned->size()),
                              reinterpret_cast<const uint8_t*>(owned->data()),
                              free);
}

template <typename T>
T* CapsulePointer(const py::capsule& c, const char* name) {
  void* p = PyCapsule_GetPointer(c.ptr(), name);
  if (!p) throw py::error_already_set();
  return static_cast<T*>(p);
}

}  // namespace

// Declared in bind.h (shared with bind_embed.cc).
TextColumn ColumnFromArrow(const py::capsule& schema_capsule,
                           const py::capsule& array_capsule) {
  auto* schema = CapsulePointer<ArrowSchema>(schema_capsule, "arrow_schema");
  auto* array = CapsulePointer<ArrowArray>(array_capsule, "arrow_array");
  std::string format = schema->format ? schema->format : "";
  bool large = format == "U" || format == "Z";
  if (!large && format != "u" && format != "z") {
    ThrowIfError(Status::InvalidArgument(
        "texts must be an Arrow string or binary array, got format '" +
        format + "'"));
  }
  const auto* validity = static_cast<const uint8_t*>(array->buffers[0]);
  if (array->null_count == 0) validity = nullptr;
  const auto* data = static_cast<const char*>(array->buffers[2]);
  if (large) {
    return TextColumn::FromArrow(
        data, static_cast<const int64_t*>(array->buffers[1]), validity,
        array->offset, array->length);
  }
  return TextColumn::FromArrow(data,
                               static_cast<const int32_t*>(array->buffers[1]),
                               validity, array->offset, array->length);
}

namespace {

py::dict BatchToDict(AnalysisBatch&& b) {
  py::dict out;
  out["status"] = ToNumpy(std::move(b.status));
  out["text_offsets"] = ToNumpy(std::move(b.text_offsets));
  out["text_data"] = BytesToNumpy(std::move(b.text_data));
  out["n_bytes"] = ToNumpy(std::move(b.n_bytes));
  out["n_tokens"] = ToNumpy(std::move(b.n_tokens));
  out["script"] = ToNumpy(std::move(b.script));
  out["pii_count"] = ToNumpy(std::move(b.pii_count));
  for (int t = 0; t < kNumPiiTypes; ++t) {
    std::string name = "pii_" + std::string(PiiTypeName(static_cast<PiiType>(t)));
    out[py::str(name)] = ToNumpy(std::move(b.pii_by_type[t]));
  }
  out["lang"] = ToNumpy(std::move(b.lang));
  out["lang_confidence"] = ToNumpy(std::move(b.lang_confidence));
  out["lang_alt"] = ToNumpy(std::move(b.lang_alt));
  out["emotion"] = ToNumpy(std::move(b.emotion));
  for (int c = 0; c < kNumCsEmotions; ++c) {
    out[py::str("emo_" + std::string(CsEmotionLabels()[c]))] =
        ToNumpy(std::move(b.emo[c]));
  }
  out["valence"] = ToNumpy(std::move(b.valence));
  out["intensity"] = ToNumpy(std::move(b.intensity));
  out["polarity"] = ToNumpy(std::move(b.polarity));
  out["emotion_confidence"] = ToNumpy(std::move(b.emotion_confidence));
  out["nes"] = ToNumpy(std::move(b.nes));
  if (!b.go_emotions.empty()) {
    out["go_emotions"] = ToNumpy(std::move(b.go_emotions));
  }
  for (int k = 0; k < kNumSignals; ++k) {
    std::string name = "signal_" + std::string(SignalName(static_cast<Signal>(k)));
    out[py::str(name)] = ToNumpy(std::move(b.signal_by_type[k]));
  }
  return out;
}

std::unique_ptr<Analyzer> MakeAnalyzer(
    int n_threads, size_t max_bytes, const std::vector<std::string>& pii_types,
    const std::vector<std::pair<std::string, std::string>>& pii_custom,
    const std::string& langid_model, const std::vector<std::string>& languages,
    float min_lang_confidence, bool langid_low,
    const std::string& emotion_model, bool emotion_details, bool language_only,
    const std::string& signal_rules_path,
    const std::vector<std::tuple<std::string, std::string, std::string,
                                 std::string>>& signal_rules,
    const std::vector<std::string>& signal_languages, bool signal_cues_only) {
  AnalyzerOptions o;
  o.n_threads = n_threads;
  o.max_bytes = max_bytes;
  o.pii = PiiOptionsFromPython(pii_types, pii_custom);
  o.langid_model = langid_model;
  o.languages = languages;
  o.min_lang_confidence = min_lang_confidence;
  o.langid_max_order = langid_low ? kLangidLowOrder : kLangidMaxOrder;
  o.emotion_model = emotion_model;
  o.emotion_details = emotion_details;
  o.language_only = language_only;
  o.signals = SignalOptionsFromPython(signal_rules_path, signal_rules,
                                      signal_languages, signal_cues_only);
  return ValueOrThrow(Analyzer::Create(o));
}

py::dict Run(const Analyzer& a, const py::capsule& schema,
             const py::capsule& array) {
  TextColumn texts = ColumnFromArrow(schema, array);
  AnalysisBatch batch;
  {
    py::gil_scoped_release release;
    batch = a.Run(texts);
  }
  return BatchToDict(std::move(batch));
}

// (probabilities [(code, p)], outside code or None, its confidence) of one
// text, prepared as a row of run_arrow (Analyzer::DetectLanguage).
py::tuple DetectLanguage(const Analyzer& a, const std::string& text) {
  std::vector<std::pair<int, float>> probs;
  LanguageGuess g;
  {
    py::gil_scoped_release release;
    g = a.DetectLanguage(text, &probs);
  }
  const std::vector<std::string>& names = a.languages();
  py::list out;
  for (const auto& [l, p] : probs) out.append(py::make_tuple(names[l], p));
  py::object outside = g.outside >= 0 ? py::object(py::str(names[g.outside]))
                                      : py::object(py::none());
  return py::make_tuple(out, outside, g.outside_confidence);
}

}  // namespace

void InitAnalyzer(py::module_& m) {
  py::class_<Analyzer>(m, "Analyzer")
      .def(py::init(&MakeAnalyzer), py::arg("n_threads"), py::arg("max_bytes"),
           py::arg("pii_types"), py::arg("pii_custom"),
           py::arg("langid_model") = "", py::arg("languages") = std::vector<std::string>{},
           py::arg("min_lang_confidence") = 0.0f, py::arg("langid_low") = false,
           py::arg("emotion_model") = "", py::arg("emotion_details") = false,
           py::arg("language_only") = false,
           py::arg("signal_rules_path") = "",
           py::arg("signal_rules") = std::vector<std::tuple<
               std::string, std::string, std::string, std::string>>{},
           py::arg("signal_languages") = std::vector<std::string>{},
           py::arg("signal_cues_only") = false)
      .def_property_readonly("languages", &Analyzer::languages)
      .def_property_readonly("language_detector", &Analyzer::language_detector,
                             py::return_value_policy::reference_internal,
                             "The analyzer's LanguageDetector, or None.")
      .def("detect_language", &DetectLanguage, py::arg("text"),
           "(probabilities, outside language) of one text, cleaned and "
           "redacted as a row is. Releases the GIL.")
      .def("run_arrow", &Run, py::arg("schema_capsule"),
           py::arg("array_capsule"),
           "Analyse an Arrow string/binary array given as PyCapsules; "
           "returns {column: numpy array}. Releases the GIL.")
      .def_property_readonly("n_threads", &Analyzer::n_threads);
  m.def("default_thread_count", &DefaultThreadCount);
  m.def("row_status_names", [] {
    std::vector<std::string> names;
    for (int s = 0; s < kNumRowStatuses; ++s) {
      names.emplace_back(RowStatusName(static_cast<RowStatus>(s)));
    }
    return names;
  });
  m.def("result_schema", [] {
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    for (const ColumnInfo& c : ResultSchema()) {
      out.emplace_back(c.name, c.type, c.meaning);
    }
    return out;
  });
}

}  // namespace kvetch::python
