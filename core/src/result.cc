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
      {"emotion", "dictionary<string>",
       "dominant customer-service emotion; null without an emotion model"},
      {"emo_anger", "float32", "anger (GoEmotions anger, disgust), 0..1"},
      {"emo_frustration", "float32",
       "frustration (annoyance, disapproval), 0..1"},
      {"emo_disappointment", "float32",
       "disappointment (disappointment, sadness, grief, remorse, "
       "embarrassment), 0..1"},
      {"emo_worry", "float32", "worry (fear, nervousness), 0..1"},
      {"emo_confusion", "float32", "confusion, 0..1"},
      {"emo_gratitude", "float32", "gratitude, 0..1"},
      {"emo_satisfaction", "float32",
       "satisfaction (joy, admiration, approval, love, optimism, relief, "
       "pride, excitement, amusement, caring), 0..1"},
      {"emo_neutral", "float32",
       "neutral (neutral, realization, surprise, curiosity, desire), 0..1"},
      {"valence", "float32", "-1 (very negative) .. 1 (very positive)"},
      {"intensity", "float32", "0 (flat) .. 1 (intense)"},
      {"polarity", "dictionary<string>", "negative, neutral, positive, mixed"},
      {"emotion_confidence", "float32",
       "0..1; low for languages without an emotion model"},
      {"nes", "int8",
       "+1 positive, -1 negative (confidence >= 0.5), else 0"},
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
  emotion.assign(n, -1);
  for (auto& col : emo) col.assign(n, 0.0f);
  valence.assign(n, 0.0f);
  intensity.assign(n, 0.0f);
  polarity.assign(n, -1);
  emotion_confidence.assign(n, 0.0f);
  nes.assign(n, 0);
  go_emotions.clear();
  for (auto& col : signal_by_type) col.assign(n, 0);
}

}  // namespace kvetch
