#include "kvetch/result.h"

namespace kvetch {

std::string_view RowStatusName(RowStatus status) {
  static constexpr std::string_view kNames[kNumRowStatuses] = {
      "ok", "empty", "null", "repaired_utf8", "truncated"};
  auto i = static_cast<int>(status);
  return i < kNumRowStatuses ? kNames[i] : "unknown";
}

const std::vector<ColumnInfo>& ResultSchema() {
  static const auto* schema = new std::vector<ColumnInfo>{
      {"status", "dictionary<string>",
       "row status: ok, empty, null, repaired_utf8, truncated"},
      {"text_redacted", "large_string",
       "cleaned text, PII replaced by <EMAIL>, <PHONE>, ...; null iff "
       "status is null"},
      {"n_bytes", "int64", "UTF-8 bytes of the input, before the length cap"},
      {"n_tokens", "int32", "word, number, emoji and placeholder tokens"},
      {"script", "dictionary<string>",
       "ISO 15924 code of the dominant script; Zyyy when no letters"},
      {"pii_count", "int32", "PII items redacted, all types"},
      {"pii_email", "int32", "e-mail addresses redacted"},
      {"pii_phone", "int32", "phone numbers redacted"},
      {"pii_card", "int32", "payment card numbers (Luhn-valid) redacted"},
      {"pii_iban", "int32", "IBANs (mod-97-valid) redacted"},
      {"pii_ip", "int32", "IPv4 and IPv6 addresses redacted"},
      {"pii_url", "int32", "URLs redacted"},
      {"pii_custom", "int32", "matches of user-defined patterns redacted"},
      {"lang", "dictionary<string>",
       "ISO 639-1 language code; null when no evidence or no model"},
      {"lang_confidence", "float32", "probability of lang, 0 when null"},
      {"lang_alt", "dictionary<string>",
       "runner-up language when its probability is >= 0.1, else null"},
      {"signal_effort", "bool",
       "repeat contact or customer effort (\"third time\", \"still not\")"},
      {"signal_churn", "bool",
       "intent to leave (\"cancel my subscription\", \"switching to ...\")"},
      {"signal_urgency", "bool", "urgency (\"urgent\", \"asap\")"},
      {"signal_escalation", "bool",
       "asks for a manager or a human, or threatens a formal complaint"},
  };
  return *schema;
}

void AnalysisBatch::Resize(int64_t n) {
  status.assign(n, 0);
  text_offsets.assign(n + 1, 0);
  text_data.clear();
  n_bytes.assign(n, 0);
  n_tokens.assign(n, 0);
  script.assign(n, 0);
  pii_count.assign(n, 0);
  for (auto& col : pii_by_type) col.assign(n, 0);
  lang.assign(n, -1);
  lang_confidence.assign(n, 0.0f);
  lang_alt.assign(n, -1);
  for (auto& col : signal_by_type) col.assign(n, 0);
}

}  // namespace kvetch
