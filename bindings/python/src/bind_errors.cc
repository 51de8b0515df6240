// Status -> exception mapping, in one place. The exception classes live in
// pure Python (kvetch/errors.py) so users can import and catch them without
// the extension; this file looks them up by name when it raises.
#include <pybind11/stl.h>

#include "bind.h"
#include "kvetch/build_info.h"

namespace kvetch::python {
namespace {

// A Status travelling through C++ until the translator turns it into the
// matching kvetch.errors class.
class StatusError : public std::exception {
 public:
  explicit StatusError(Status s) : status_(std::move(s)) {}
  const char* what() const noexcept override {
    return status_.message().c_str();
  }
  const Status& status() const { return status_; }

 private:
  Status status_;
};

const char* ExceptionName(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
      return "ConfigError";
    case StatusCode::kInvalidPattern:
      return "PatternError";
    case StatusCode::kInvalidModel:
      return "ModelError";
    case StatusCode::kIoError:
      return "KvetchIOError";
    default:
      return "Error";
  }
}

}  // namespace

void ThrowIfError(const Status& status) {
  if (!status.ok()) throw StatusError(status);
}

void InitErrors(py::module_& m) {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      py::object cls = py::module_::import("kvetch.errors")
                           .attr(ExceptionName(e.status().code()));
      // Messages quote files and patterns, which may hold ill-formed
      // UTF-8: U+FFFD for those bytes, never a UnicodeDecodeError instead.
      const std::string& msg = e.status().message();
      py::object text = py::reinterpret_steal<py::object>(PyUnicode_DecodeUTF8(
          msg.data(), static_cast<Py_ssize_t>(msg.size()), "replace"));
      PyErr_SetObject(cls.ptr(), text.ptr());
    }
  });
  m.def("build_info", &BuildInfo,
        "(component, version) pairs of kvetch and its C++ libraries.");
  m.attr("__version__") = Version();
}

}  // namespace kvetch::python
