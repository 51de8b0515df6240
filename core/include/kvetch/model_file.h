// kvetch/model_file.h: the one binary container for every model kind.
//
//   auto file = kvetch::ModelFile::Open("langid.kvm", kvetch::ModelKind::kLangid);
//   if (!file.ok()) return file.status();  // names the file and the problem
//   std::string_view table = file->Section("table").value();
//
// Layout (little-endian): a 40-byte header
//   char magic[8] = "KVETCHMD"; u32 format_version = 1; u32 kind;
//   u32 model_version; u32 n_sections; u64 data_hash; u64 payload_checksum
// then n_sections entries {char name[24]; u64 offset; u64 size} and the
// section bytes. payload_checksum is FNV-1a 64 (with kvetch's offset basis,
// core/src/internal/hash.h) over every byte after the header; data_hash
// identifies the training data manifest.
// A section whose name ends in ".z" is stored compressed: a u64 with its
// inflated size, then a zlib stream. Section("table") returns the inflated
// bytes of "table.z"; they are inflated once, in Open.
// models/kvm.py writes this format.
//
// Open reads the whole file into memory and checks magic, version, kind,
// checksum and section bounds, so a truncated or corrupted file never
// reaches a scorer. Not done: memory mapping.
//
// A ModelFile is immutable after Open and thread-safe.
#ifndef KVETCH_MODEL_FILE_H_
#define KVETCH_MODEL_FILE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "kvetch/status.h"

namespace kvetch {

enum class ModelKind : uint32_t {
  kLangid = 1,
  kEmotion = 3,
  kEmbed = 4,
};

class ModelFile {
 public:
  // Errors: kIoError (cannot read), kInvalidModel (anything else); the
  // message starts with the path.
  static StatusOr<ModelFile> Open(const std::string& path, ModelKind kind);
  // Same checks over bytes already in memory; `name` is used in messages.
  static StatusOr<ModelFile> Parse(std::string bytes, const std::string& name,
                                   ModelKind kind);

  // The bytes of section `name`; kInvalidModel if it is missing.
  StatusOr<std::string_view> Section(std::string_view name) const;

  uint32_t model_version() const { return model_version_; }
  uint64_t data_hash() const { return data_hash_; }
  const std::string& name() const { return name_; }

 private:
  std::string bytes_;
  std::string name_;
  uint32_t model_version_ = 0;
  uint64_t data_hash_ = 0;
  std::map<std::string, std::pair<uint64_t, uint64_t>, std::less<>> sections_;
  std::map<std::string, std::string, std::less<>> inflated_;  // of ".z" sections
};

// FNV-1a 64 of `bytes`.
uint64_t Fnv1a64(std::string_view bytes);

}  // namespace kvetch

#endif  // KVETCH_MODEL_FILE_H_
