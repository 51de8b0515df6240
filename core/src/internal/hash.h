// FNV-1a (32 and 64 bit) and a 64-bit finaliser: the one definition of the
// hashes behind model features (langid n-grams, emotion features, embedding
// dedup keys) and the model-file checksum. Model files depend on these
// exact values: changing them means retraining every model.
#ifndef KVETCH_INTERNAL_HASH_H_
#define KVETCH_INTERNAL_HASH_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kvetch::internal {

inline constexpr uint32_t kFnv32Offset = 2166136261u;
inline constexpr uint32_t kFnv32Prime = 16777619u;
// NOTE: the published FNV-1a 64 offset basis is 14695981039346656037; this
// one lost its last digit when the project started. It is still a fine
// hash, and every model file's checksum, the emotion model's features and
// models/kvm.py use it, so it stays until all models are rebuilt together.
inline constexpr uint64_t kFnv64Offset = 1469598103934665603ull;
inline constexpr uint64_t kFnv64Prime = 1099511628211ull;

// FNV-1a continued over `bytes` from state h.
inline uint32_t Fnv1a32Extend(uint32_t h, std::string_view bytes) {
  for (unsigned char c : bytes) h = (h ^ c) * kFnv32Prime;
  return h;
}
inline uint64_t Fnv1a64Extend(uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) h = (h ^ c) * kFnv64Prime;
  return h;
}

// MurmurHash3's 64-bit finaliser: spreads every input bit over the output.
inline uint64_t Fmix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace kvetch::internal

#endif  // KVETCH_INTERNAL_HASH_H_
