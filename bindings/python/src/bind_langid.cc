// Language identification shims: model loading, probabilities of one text
// and the language outside a restricted list it is in, and the feature
// extractor the training script uses.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bind.h"
#include "kvetch/langid.h"
#include "kvetch/model_file.h"

namespace kvetch::python {
namespace {

py::tuple FeaturesBatch(const std::vector<std::string>& texts) {
  auto* features = new std::vector<uint32_t>();
  auto* offsets = new std::vector<int64_t>();
  {
    py::gil_scoped_release release;
    LangidFeaturesBatch(texts, features, offsets);
  }
  py::capsule f(features, [](void* p) { delete static_cast<std::vector<uint32_t>*>(p); });
  py::capsule o(offsets, [](void* p) { delete static_cast<std::vector<int64_t>*>(p); });
  return py::make_tuple(
      py::array_t<uint32_t>(static_cast<py::ssize_t>(features->size()), features->data(), f),
      py::array_t<int64_t>(static_cast<py::ssize_t>(offsets->size()), offsets->data(), o));
}

std::vector<std::pair<std::string, float>> TextProbabilities(
    const LanguageDetector& d, const std::string& text) {
  std::vector<std::pair<int, float>> probs;
  {
    py::gil_scoped_release release;
    d.TextProbabilities(text, &probs);
  }
  std::vector<std::pair<std::string, float>> out;
  for (const auto& [l, p] : probs) out.emplace_back(d.languages()[l], p);
  return out;
}

// The language outside a restricted list that `text` is written in, or
// None (LanguageGuess::outside).
py::object Outside(const LanguageDetector& d, const std::string& text) {
  LanguageGuess g;
  {
    py::gil_scoped_release release;
    g = d.TextDetect(text);
  }
  if (g.outside < 0) return py::none();
  return py::str(d.languages()[g.outside]);
}

}  // namespace

void InitLangid(py::module_& m) {
  m.def("langid_features_batch", &FeaturesBatch, py::arg("texts"),
        "(features uint32, offsets int64) in CSR layout, for training.");
  m.def(
      "fnv1a64", [](const py::bytes& b) { return Fnv1a64(std::string_view(b)); },
      py::arg("data"));
  m.attr("LANGID_BUCKETS") = kLangidBuckets;
  py::class_<LanguageDetector>(m, "LanguageDetector")
      .def(py::init([](const std::string& path,
                       const std::vector<std::string>& languages, bool low) {
             return ValueOrThrow(LanguageDetector::Load(
                 path, languages, low ? kLangidLowOrder : kLangidMaxOrder));
           }),
           py::arg("path"), py::arg("languages"), py::arg("low") = false)
      .def_property_readonly("languages", &LanguageDetector::languages)
      .def_property_readonly("candidates", &LanguageDetector::candidates)
      .def("probabilities", &TextProbabilities, py::arg("text"))
      .def("outside", &Outside, py::arg("text"));
}

}  // namespace kvetch::python
