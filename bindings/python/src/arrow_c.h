// The Arrow C data interface structs (https://arrow.apache.org/docs/format/
// CDataInterface.html), declared by the spec for consumers to reproduce, so
// the bindings read Arrow arrays without linking libarrow.
#ifndef KVETCH_BINDINGS_ARROW_C_H_
#define KVETCH_BINDINGS_ARROW_C_H_

#include <cstdint>

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

extern "C" {

struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};

struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};

}  // extern "C"

#endif  // ARROW_C_DATA_INTERFACE
#endif  // KVETCH_BINDINGS_ARROW_C_H_
