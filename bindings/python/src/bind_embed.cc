// Embedder and k-means shims: Arrow texts in, numpy arrays out (owning the
// C++ buffers); numpy float32 arrays in, read in place. GIL released around
// the C++ work.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <vector>

#include "bind.h"
#include "kvetch/embed.h"
#include "kvetch/kmeans.h"

namespace kvetch::python {
namespace {

using FloatArray = py::array_t<float, py::array::c_style | py::array::forcecast>;
using IntArray = py::array_t<int32_t, py::array::c_style | py::array::forcecast>;

template <typename T>
py::array_t<T> OwnedArray(std::vector<T>&& v, std::vector<py::ssize_t> shape) {
  auto* owned = new std::vector<T>(std::move(v));
  py::capsule free(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(shape, owned->data(), free);
}

py::tuple EmbedArrow(const Embedder& e, const py::capsule& schema,
                     const py::capsule& array, const py::object& row_weights) {
  TextColumn texts = ColumnFromArrow(schema, array);
  FloatArray weights;
  if (!row_weights.is_none()) {
    weights = row_weights.cast<FloatArray>();
    if (weights.ndim() != 1 || weights.shape(0) != e.vocab_size()) {
      ThrowIfError(Status::InvalidArgument(
          "row_weights must be 1-d with one weight per vocabulary row (" +
          std::to_string(e.vocab_size()) + ")"));
    }
  }
  EmbeddingBatch b;
  {
    py::gil_scoped_release release;
    b = e.Run(texts, row_weights.is_none() ? nullptr : weights.data());
  }
  const auto n = static_cast<py::ssize_t>(b.dedup_key.size());
  return py::make_tuple(OwnedArray(std::move(b.vectors), {n, b.dim}),
                        OwnedArray(std::move(b.dedup_key), {n}),
                        OwnedArray(std::move(b.known_tokens), {n}));
}

py::array_t<int64_t> DocumentFrequencies(const Embedder& e,
                                         const py::capsule& schema,
                                         const py::capsule& array) {
  TextColumn texts = ColumnFromArrow(schema, array);
  std::vector<int64_t> df;
  {
    py::gil_scoped_release release;
    df = e.DocumentFrequencies(texts);
  }
  const auto n = static_cast<py::ssize_t>(df.size());
  return OwnedArray(std::move(df), {n});
}

py::tuple TokenRows(const Embedder& e, const py::capsule& schema,
                    const py::capsule& array) {
  TextColumn texts = ColumnFromArrow(schema, array);
  Embedder::TokenRowLists lists;
  {
    py::gil_scoped_release release;
    lists = e.TokenRows(texts);
  }
  const auto n_off = static_cast<py::ssize_t>(lists.offsets.size());
  const auto n_rows = static_cast<py::ssize_t>(lists.rows.size());
  return py::make_tuple(OwnedArray(std::move(lists.offsets), {n_off}),
                        OwnedArray(std::move(lists.rows), {n_rows}));
}

// (n, d) float32 rows; raises InputError naming `what` otherwise.
void CheckMatrix(const FloatArray& a, const char* what, py::ssize_t d) {
  if (a.ndim() != 2 || (d >= 0 && a.shape(1) != d) || a.shape(1) == 0) {
    ThrowIfError(Status::InvalidArgument(
        std::string(what) + " must be a 2-d float32 array with " +
        (d >= 0 ? std::to_string(d) : std::string("> 0")) + " columns"));
  }
}

py::tuple Assign(const KMeans& km, const FloatArray& x, const FloatArray& c) {
  CheckMatrix(x, "x", -1);
  CheckMatrix(c, "centroids", x.shape(1));
  const int64_t n = x.shape(0);
  const int d = static_cast<int>(x.shape(1));
  const int k = static_cast<int>(c.shape(0));
  if (k == 0) ThrowIfError(Status::InvalidArgument("no centroids"));
  std::vector<int32_t> labels(n);
  std::vector<float> sims(n);
  {
    py::gil_scoped_release release;
    km.Assign(x.data(), n, d, c.data(), k, labels.data(), sims.data());
  }
  return py::make_tuple(OwnedArray(std::move(labels), {n}),
                        OwnedArray(std::move(sims), {n}));
}

py::tuple Accumulate(const KMeans& km, const FloatArray& x,
                     const py::object& w, const IntArray& labels, int k) {
  CheckMatrix(x, "x", -1);
  const int64_t n = x.shape(0);
  const int d = static_cast<int>(x.shape(1));
  if (labels.ndim() != 1 || labels.shape(0) != n || k < 1) {
    ThrowIfError(Status::InvalidArgument("labels must be 1-d, one per row"));
  }
  FloatArray weights;
  if (!w.is_none()) {
    weights = w.cast<FloatArray>();
    if (weights.ndim() != 1 || weights.shape(0) != n) {
      ThrowIfError(Status::InvalidArgument("weights must be 1-d, one per row"));
    }
  }
  std::vector<double> sums(static_cast<size_t>(k) * d, 0.0), totals(k, 0.0);
  {
    py::gil_scoped_release release;
    km.Accumulate(x.data(), n, d, w.is_none() ? nullptr : weights.data(),
                  labels.data(), k, sums.data(), totals.data());
  }
  return py::make_tuple(OwnedArray(std::move(sums), {k, d}),
                        OwnedArray(std::move(totals), {k}));
}

}  // namespace

void InitEmbed(py::module_& m) {
  py::class_<Embedder>(m, "Embedder")
      .def(py::init([](const std::string& path, int n_threads) {
             return ValueOrThrow(Embedder::Load(path, n_threads));
           }),
           py::arg("path"), py::arg("n_threads") = 0)
      .def("embed_arrow", &EmbedArrow, py::arg("schema_capsule"),
           py::arg("array_capsule"), py::arg("row_weights") = py::none(),
           "(vectors float32 (n, dim), dedup_key uint64 (n), known_tokens "
           "int32 (n)) of an Arrow string array. Releases the GIL.")
      .def("document_frequencies", &DocumentFrequencies,
           py::arg("schema_capsule"), py::arg("array_capsule"),
           "int64 (vocab_size,): texts in which each row occurs. Releases "
           "the GIL.")
      .def("token_rows", &TokenRows, py::arg("schema_capsule"),
           py::arg("array_capsule"),
           "(offsets int64 (n + 1), rows int32): the vocabulary rows each "
           "text sums, in token order (CSR). Releases the GIL.")
      .def_property_readonly("dim", &Embedder::dim)
      .def_property_readonly("vocab_size", &Embedder::vocab_size)
      .def_property_readonly("n_threads", &Embedder::n_threads)
      .def_property_readonly("model_version", &Embedder::model_version)
      .def_property_readonly("merge_threshold", [](const Embedder& e) -> py::object {
        float t = e.merge_threshold();
        return t > 0.0f ? py::object(py::float_(t)) : py::object(py::none());
      });
  py::class_<KMeans>(m, "KMeans")
      .def(py::init<int>(), py::arg("n_threads") = 0)
      .def("assign", &Assign, py::arg("x"), py::arg("centroids"),
           "(labels int32, sims float32): the most similar centroid per row.")
      .def("accumulate", &Accumulate, py::arg("x"), py::arg("weights"),
           py::arg("labels"), py::arg("k"),
           "(sums float64 (k, d), weights float64 (k)) per cluster.")
      .def_property_readonly("n_threads", &KMeans::n_threads);
}

}  // namespace kvetch::python
