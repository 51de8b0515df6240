// kvetch/status.h: the one error model of the kvetch core.
//
// A Status says whether a fallible operation (loading a model, parsing a
// config, compiling a user pattern, I/O) succeeded and, if not, why. A
// StatusOr<T> holds either a T or a non-ok Status.
//
//   kvetch::StatusOr<std::unique_ptr<kvetch::Analyzer>> a =
//       kvetch::Analyzer::Create(options);
//   if (!a.ok()) return a.status();
//
// A problem with one message (bad UTF-8, too long) is never a Status: it is
// data, recorded in that row's RowStatus (see result.h).
//
// Status is a small value type with no dependency beyond the standard
// library; it is thread-compatible (distinct objects may be used from
// distinct threads).
#ifndef KVETCH_STATUS_H_
#define KVETCH_STATUS_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kvetch {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,  // A caller-supplied value is wrong (bad option).
  kInvalidPattern = 2,   // A user-supplied regular expression is rejected.
  kInvalidModel = 3,     // A model file is truncated, corrupt or mismatched.
  kIoError = 4,          // A file could not be opened, read or written.
  kInternal = 5,         // A bug in kvetch.
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg));
  }
  static Status InvalidPattern(std::string msg) {
    return Status(StatusCode::kInvalidPattern, std::move(msg));
  }
  static Status InvalidModel(std::string msg) {
    return Status(StatusCode::kInvalidModel, std::move(msg));
  }
  static Status IoError(std::string msg) {
    return Status(StatusCode::kIoError, std::move(msg));
  }
  static Status Internal(std::string msg) {
    return Status(StatusCode::kInternal, std::move(msg));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "InvalidPattern: custom PII pattern 'x': missing )", or "OK".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Name of a code: "OK", "InvalidArgument", ...
std::string_view StatusCodeName(StatusCode code);

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  // Requires !status.ok().
  StatusOr(Status status) : v_(std::move(status)) {  // NOLINT: implicit
    assert(!std::get<Status>(v_).ok());
  }
  StatusOr(T value) : v_(std::move(value)) {}  // NOLINT: implicit

  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  // Require ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace kvetch

#define KVETCH_STATUS_CONCAT_INNER_(a, b) a##b
#define KVETCH_STATUS_CONCAT_(a, b) KVETCH_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` yields a non-ok Status.
#define KVETCH_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::kvetch::Status kvetch_status_ = (expr);        \
    if (!kvetch_status_.ok()) return kvetch_status_; \
  } while (0)

// `lhs = value of expr`, or returns its Status from the enclosing function.
#define KVETCH_ASSIGN_OR_RETURN(lhs, expr) \
  KVETCH_ASSIGN_OR_RETURN_IMPL_(           \
      KVETCH_STATUS_CONCAT_(kvetch_statusor_, __LINE__), lhs, expr)
#define KVETCH_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()

#endif  // KVETCH_STATUS_H_
