#include "kvetch/model_file.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <zlib.h>

#include "internal/hash.h"

namespace kvetch {
namespace {

constexpr char kMagic[8] = {'K', 'V', 'E', 'T', 'C', 'H', 'M', 'D'};
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kHeaderSize = 40;
constexpr size_t kEntrySize = 40;
constexpr std::string_view kCompressed = ".z";
constexpr uint64_t kMaxInflated = uint64_t{1} << 32;
constexpr uint64_t kMaxDeflateRatio = 1032;

// The inflated bytes of a compressed section's payload (u64 size, zlib
// stream) into *out; false if it is damaged or does not inflate to that size.
bool Inflate(std::string_view payload, std::string* out) {
  uint64_t size;
  if (payload.size() < sizeof(size)) return false;
  std::memcpy(&size, payload.data(), sizeof(size));
  // Deflate expands at most 1032:1 (zlib FAQ), so a larger declared size
  // is corrupt: refuse it before allocating it (a few corrupted bytes
  // declared 4 GiB, found by tests/fuzz).
  const uint64_t compressed = payload.size() - sizeof(size);
  if (size > kMaxInflated || size / kMaxDeflateRatio > compressed) return false;
  out->assign(size, '\0');
  uLongf got = static_cast<uLongf>(size);
  int rc = uncompress(reinterpret_cast<Bytef*>(out->data()), &got,
                      reinterpret_cast<const Bytef*>(payload.data() + sizeof(size)),
                      static_cast<uLong>(payload.size() - sizeof(size)));
  return rc == Z_OK && got == size;
}

template <typename T>
T Read(const std::string& b, size_t at) {
  T v;
  std::memcpy(&v, b.data() + at, sizeof(T));
  return v;
}

}  // namespace

uint64_t Fnv1a64(std::string_view bytes) {
  return internal::Fnv1a64Extend(internal::kFnv64Offset, bytes);
}

StatusOr<ModelFile> ModelFile::Open(const std::string& path, ModelKind kind) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::IoError(path + ": a directory, not a model file");
  }
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::IoError(path + ": cannot open model file");
  std::streamoff size = in.tellg();
  if (size < 0) return Status::IoError(path + ": cannot read size");
  std::string bytes(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) {
    return Status::IoError(path + ": read error");
  }
  return Parse(std::move(bytes), path, kind);
}

StatusOr<ModelFile> ModelFile::Parse(std::string bytes, const std::string& name,
                                     ModelKind kind) {
  auto bad = [&](const std::string& what) {
    return Status::InvalidModel(name + ": " + what);
  };
  if (bytes.size() < kHeaderSize) return bad("truncated header");
  if (std::memcmp(bytes.data(), kMagic, 8) != 0) {
    return bad("not a kvetch model file (bad magic)");
  }
  uint32_t version = Read<uint32_t>(bytes, 8);
  if (version != kFormatVersion) {
    return bad("format version " + std::to_string(version) +
               ", this kvetch reads " + std::to_string(kFormatVersion));
  }
  uint32_t got_kind = Read<uint32_t>(bytes, 12);
  if (got_kind != static_cast<uint32_t>(kind)) {
    return bad("model kind " + std::to_string(got_kind) + ", expected " +
               std::to_string(static_cast<uint32_t>(kind)));
  }
  uint32_t n = Read<uint32_t>(bytes, 20);
  uint64_t checksum = Read<uint64_t>(bytes, 32);
  if (Fnv1a64(std::string_view(bytes).substr(kHeaderSize)) != checksum) {
    return bad("checksum mismatch (truncated or corrupted)");
  }
  if (n > 1024 || bytes.size() < kHeaderSize + n * kEntrySize) {
    return bad("bad section table");
  }
  ModelFile f;
  f.name_ = name;
  f.model_version_ = Read<uint32_t>(bytes, 16);
  f.data_hash_ = Read<uint64_t>(bytes, 24);
  for (uint32_t i = 0; i < n; ++i) {
    size_t at = kHeaderSize + i * kEntrySize;
    std::string sname(bytes.data() + at, strnlen(bytes.data() + at, 24));
    uint64_t off = Read<uint64_t>(bytes, at + 24);
    uint64_t size = Read<uint64_t>(bytes, at + 32);
    if (off > bytes.size() || size > bytes.size() - off) {
      return bad("section '" + sname + "' out of bounds");
    }
    f.sections_[sname] = {off, size};
    std::string_view base(sname);
    if (base.size() > kCompressed.size() &&
        base.substr(base.size() - kCompressed.size()) == kCompressed) {
      base.remove_suffix(kCompressed.size());
      if (!Inflate(std::string_view(bytes).substr(off, size),
                   &f.inflated_[std::string(base)])) {
        return bad("section '" + sname + "' does not inflate (corrupted)");
      }
    }
  }
  f.bytes_ = std::move(bytes);
  return f;
}

StatusOr<std::string_view> ModelFile::Section(std::string_view name) const {
  if (auto z = inflated_.find(name); z != inflated_.end()) {
    return std::string_view(z->second);
  }
  auto it = sections_.find(name);
  if (it == sections_.end()) {
    return Status::InvalidModel(name_ + ": missing section '" +
                                std::string(name) + "'");
  }
  return std::string_view(bytes_).substr(it->second.first, it->second.second);
}

}  // namespace kvetch
