// kvetch/pii.h: finding and redacting personal data with RE2.
//
//   kvetch::PiiOptions opts;
//   opts.custom.push_back({"order_id", R"(ORD-[0-9]{6})"});
//   auto r = kvetch::PiiRedactor::Create(opts);
//   if (!r.ok()) return r.status();   // names the bad pattern and RE2's reason
//   std::vector<kvetch::PiiMatch> found;
//   (*r)->Find(text, &found);
//   kvetch::Redaction red;
//   (*r)->Redact(text, found, &red);  // "mail <EMAIL> or call <PHONE>"
//
// Types: e-mail addresses; phone numbers (international "+33 6 12 34 56 78",
// "0049 30 1234567"; national formats with a trunk 0 as in fr, de, nl, uk,
// it, be; grouped national numbers without one as in es, pt, it mobiles;
// North American "(415) 555-0132"; any 8-15 digit run after a phone word such
// as "tel", "Handy", "móvil"); payment cards (13-19 digits, Luhn-checked,
// plain or grouped by spaces or dashes); IBANs (country length and mod-97
// checked, grouped or not, any case); IPv4 and IPv6 addresses; URLs; and
// user-defined patterns. Candidates come from one RE2::Set scan; each
// candidate is then checked by its validator. Look-alikes stay: order and
// tracking numbers, prices, dates, versions, and numbers failing checksums.
// Numbers right after an order, invoice, ticket, tracking or reference word
// ("order 0612345678", "Rechnung Nr. 0049...") are not taken for phones.
//
// Matching runs on cleaned text (text.h CleanText): full-width digits and
// exotic spaces are already ASCII there, zero-width characters removed.
//
// Not done: names and postal addresses (no reliable pattern exists);
// national ID numbers (add them as custom patterns).
//
// A PiiRedactor is immutable after Create and thread-safe: share one across
// threads. Find and Redact run in time linear in the text (RE2) and allocate
// only by growing their outputs.
#ifndef KVETCH_PII_H_
#define KVETCH_PII_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kvetch/status.h"
#include "kvetch/text.h"

namespace kvetch {

enum class PiiType : uint8_t {
  kEmail = 0,
  kPhone = 1,
  kCard = 2,
  kIban = 3,
  kIp = 4,
  kUrl = 5,
  kCustom = 6,
};
inline constexpr int kNumPiiTypes = 7;

// "email", "phone", "card", "iban", "ip", "url", "custom".
std::string_view PiiTypeName(PiiType type);

// A user-defined pattern. `name` is [A-Za-z0-9_]{1,64}; the placeholder is
// "<CUSTOM:name>". `pattern` is RE2 syntax, matched unanchored.
struct PiiPattern {
  std::string name;
  std::string pattern;
};

struct PiiOptions {
  bool emails = true;
  bool phones = true;
  bool cards = true;
  bool ibans = true;
  bool ips = true;
  bool urls = true;
  std::vector<PiiPattern> custom;
};

struct PiiMatch {
  Span span;           // In the text given to Find.
  PiiType type = PiiType::kEmail;
  uint16_t custom = 0;  // Index into PiiOptions::custom when type is kCustom.
};

// A redacted message.
struct Redaction {
  std::string text;                 // Placeholders in place of PII.
  std::vector<Span> placeholders;   // Their spans in `text`, in order.
  std::array<int32_t, kNumPiiTypes> counts{};  // Per PiiType, saturating
                                               // at INT32_MAX.

  void Clear();
};

// Appends to *out the spans of placeholders already in `text` ("<EMAIL>",
// "<CUSTOM:name>", ...), for text that was redacted before it reached us.
void FindPlaceholders(std::string_view text, std::vector<Span>* out);

class PiiRedactor {
 public:
  // Compiles the built-in and custom patterns. Errors (kInvalidPattern) name
  // the pattern and give RE2's reason; a bad custom name is kInvalidArgument.
  static StatusOr<std::unique_ptr<PiiRedactor>> Create(
      const PiiOptions& options);
  ~PiiRedactor();

  // Appends to *out the PII in valid UTF-8 `text`: non-overlapping, sorted by
  // begin; where candidates overlap the leftmost, then longest, wins.
  void Find(std::string_view text, std::vector<PiiMatch>* out) const;

  // Replaces *out with `text` where each match becomes its placeholder.
  // `matches` must come from Find on the same text.
  void Redact(std::string_view text, const std::vector<PiiMatch>& matches,
              Redaction* out) const;

  // "<EMAIL>", ..., "<CUSTOM:name>".
  std::string_view Placeholder(const PiiMatch& match) const;

  const PiiOptions& options() const;

 private:
  struct Impl;
  explicit PiiRedactor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kvetch

#endif  // KVETCH_PII_H_
