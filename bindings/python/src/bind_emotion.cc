// Emotion shims: the feature extractor the training script uses, and a
// scorer for explain() and the model's metadata. Batch scoring goes
// through the Analyzer.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bind.h"
#include "kvetch/analyzer.h"
#include "kvetch/emotion.h"
#include "kvetch/pii.h"
#include "kvetch/text.h"

namespace kvetch::python {
namespace {

// Cleans, redacts and tokenises `text` the way the Analyzer does.
void Prepare(const std::string& text, const PiiRedactor& pii, Tokenizer* tok,
             Redaction* red, Document* doc) {
  std::string clean;
  CleanText(text, kDefaultMaxBytes, &clean);
  std::vector<PiiMatch> matches;
  red->Clear();
  pii.Find(clean, &matches);
  pii.Redact(clean, matches, red);
  tok->NormalizeAndTokenize(red->text, red->placeholders, doc);
}

template <typename T>
py::array_t<T> Owned(std::vector<T>* v) {
  py::capsule free(v, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(v->size()), v->data(), free);
}

// CSR features of each text (all sentences together): (buckets, values,
// offsets). For training.
py::tuple FeaturesBatch(const std::vector<std::string>& texts,
                        uint32_t n_buckets, bool universal_only) {
  if (n_buckets == 0 || (n_buckets & (n_buckets - 1)) != 0) {
    ThrowIfError(Status::InvalidArgument("n_buckets must be a power of two"));
  }
  auto* buckets = new std::vector<uint32_t>();
  auto* values = new std::vector<float>();
  auto* offsets = new std::vector<int64_t>{0};
  {
    py::gil_scoped_release release;
    auto pii = PiiRedactor::Create(PiiOptions()).value();
    Tokenizer tok;
    Redaction red;
    Document doc;
    EmotionFeatures f;
    for (const std::string& t : texts) {
      Prepare(t, *pii, &tok, &red, &doc);
      ExtractEmotionFeatures(doc, CountTextCues(red.text), n_buckets,
                             universal_only, false, &f);
      buckets->insert(buckets->end(), f.bucket.begin(), f.bucket.end());
      values->insert(values->end(), f.value.begin(), f.value.end());
      offsets->push_back(static_cast<int64_t>(buckets->size()));
    }
  }
  return py::make_tuple(Owned(buckets), Owned(values), Owned(offsets));
}

// A scorer loaded from a file, or an Analyzer's (then `owner` keeps that
// analyzer alive: one copy of the model for both).
struct PyScorer {
  std::unique_ptr<EmotionScorer> owned;
  const EmotionScorer* scorer = nullptr;  // owned.get() or the analyzer's
  py::object owner;
  std::unique_ptr<PiiRedactor> pii = ValueOrThrow(PiiRedactor::Create(PiiOptions()));
};

// [(feature, sentence, weights[kEmotionOutputs])] for one text.
py::list Explain(const PyScorer& s, const std::string& text,
                 const std::string& lang) {
  std::vector<EmotionScorer::Contribution> contrib;
  {
    py::gil_scoped_release release;
    Tokenizer tok;
    Redaction red;
    Document doc;
    Prepare(text, *s.pii, &tok, &red, &doc);
    contrib = s.scorer->Explain(doc, red.text, lang);
  }
  py::list out;
  for (auto& c : contrib) {
    py::array_t<float> w(kEmotionOutputs);
    std::copy(c.weight.begin(), c.weight.end(), w.mutable_data());
    out.append(py::make_tuple(c.feature, c.sentence, w));
  }
  return out;
}

template <size_t N>
std::vector<std::string> Names(const std::array<std::string_view, N>& a) {
  return std::vector<std::string>(a.begin(), a.end());
}

}  // namespace

void InitEmotion(py::module_& m) {
  m.def("emotion_features_batch", &FeaturesBatch, py::arg("texts"),
        py::arg("n_buckets"), py::arg("universal_only") = false,
        "(buckets uint32, values float32, offsets int64) in CSR layout.");
  m.attr("GO_EMOTIONS") = Names(GoEmotionLabels());
  m.attr("PLUTCHIK") = Names(PlutchikLabels());
  m.attr("CS_EMOTIONS") = Names(CsEmotionLabels());
  m.attr("POLARITIES") = std::vector<std::string>{
      "negative", "neutral", "positive", "mixed"};
  m.attr("NES_MIN_CONFIDENCE") = kNesMinConfidence;
  m.def("cs_emotion_of_go", &CsEmotionOfGo, py::arg("label"));
  m.def("cs_emotion_of_plutchik", &CsEmotionOfPlutchik, py::arg("label"));
  py::class_<PyScorer>(m, "EmotionScorer")
      .def(py::init([](const std::string& path) {
             auto s = std::make_unique<PyScorer>();
             s->owned = ValueOrThrow(EmotionScorer::Load(path));
             s->scorer = s->owned.get();
             return s;
           }),
           py::arg("path"))
      .def("explain", &Explain, py::arg("text"), py::arg("lang") = "")
      .def("tier", [](const PyScorer& s, const std::string& lang) {
             return static_cast<int>(s.scorer->Tier(lang));
           }, py::arg("lang"))
      .def_property_readonly("languages",
                             [](const PyScorer& s) { return s.scorer->languages(); })
      .def_property_readonly("groups",
                             [](const PyScorer& s) { return s.scorer->groups(); })
      .def_property_readonly("thresholds", [](const PyScorer& s) {
        const auto& t = s.scorer->go_thresholds();
        return std::vector<float>(t.begin(), t.end());
      });
  m.def("emotion_scorer_of", [](py::object analyzer) -> py::object {
          const EmotionScorer* e = analyzer.cast<const Analyzer&>().emotion_scorer();
          if (e == nullptr) return py::none();
          auto s = std::make_unique<PyScorer>();
          s->scorer = e;
          s->owner = analyzer;
          return py::cast(std::move(s));
        }, py::arg("analyzer"),
        "The EmotionScorer of a core Analyzer, sharing its model (None "
        "without one); it keeps the analyzer alive.");
}

}  // namespace kvetch::python
