#include "kvetch/analyzer.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <tbb/info.h>
#include <vector>

namespace kvetch {
namespace {

std::unique_ptr<Analyzer> Make(int n_threads, size_t max_bytes = kDefaultMaxBytes) {
  AnalyzerOptions o;
  o.n_threads = n_threads;
  o.max_bytes = max_bytes;
  auto a = Analyzer::Create(o);
  REQUIRE(a.ok());
  return std::move(a).value();
}

AnalysisBatch RunViews(const Analyzer& a, const std::vector<std::string>& texts,
                       const std::vector<uint8_t>* nulls = nullptr) {
  std::vector<std::string_view> views(texts.begin(), texts.end());
  return a.Run(TextColumn::FromViews(views.data(),
                                     nulls ? nulls->data() : nullptr,
                                     static_cast<int64_t>(views.size())));
}

// Checks that two runs over the same input agree on the text layer, PII,
// language, emotion and signal columns (n_tokens apart: language_only
// leaves it -1 where it skips tokenising).
void CheckSameColumns(const AnalysisBatch& a, const AnalysisBatch& b) {
  CHECK(a.status == b.status);
  CHECK(a.text_offsets == b.text_offsets);
  CHECK(a.text_data == b.text_data);
  CHECK(a.script == b.script);
  CHECK(a.pii_by_type == b.pii_by_type);
  CHECK(a.lang == b.lang);
  CHECK(a.lang_confidence == b.lang_confidence);
  CHECK(a.lang_alt == b.lang_alt);
  CHECK(a.valence == b.valence);
  CHECK(a.polarity == b.polarity);
  CHECK(a.emotion_confidence == b.emotion_confidence);
  CHECK(a.signal_by_type == b.signal_by_type);
}

RowStatus StatusAt(const AnalysisBatch& b, int64_t i) {
  return static_cast<RowStatus>(b.status[i]);
}

TEST_CASE("Analyzer: one row per input with a status", "[analyzer]") {
  auto a = Make(2, 16);
  std::vector<std::string> texts = {
      "Refund not received, mail me at a@b.example",
      "",
      "   \t\n",
      "bad \xff byte",
      "this message is longer than sixteen bytes",
      std::string("nul\0byte", 8),
      "\xE2\x80\x8B\xE2\x80\xAE",  // only invisible characters
      "null row",
  };
  std::vector<uint8_t> nulls(texts.size(), 0);
  nulls[7] = 1;
  AnalysisBatch b = RunViews(*a, texts, &nulls);
  REQUIRE(b.size() == 8);
  CHECK(StatusAt(b, 0) == RowStatus::kTruncated);
  CHECK(StatusAt(b, 1) == RowStatus::kEmpty);
  CHECK(StatusAt(b, 2) == RowStatus::kEmpty);
  CHECK(StatusAt(b, 3) == RowStatus::kRepairedUtf8);
  CHECK(b.TextRedacted(3) == "bad \xEF\xBF\xBD byte");
  CHECK(StatusAt(b, 4) == RowStatus::kTruncated);
  CHECK(b.TextRedacted(4) == "this message is ");
  CHECK(StatusAt(b, 5) == RowStatus::kOk);
  CHECK(b.TextRedacted(5) == "nulbyte");
  CHECK(StatusAt(b, 6) == RowStatus::kEmpty);
  CHECK(StatusAt(b, 7) == RowStatus::kNull);
  CHECK(b.n_bytes[5] == 8);
  // Cut down to whitespace, or to nothing (the cap under the first
  // character): truncated, not empty.
  AnalysisBatch cut = RunViews(*a, {std::string(16, ' ') + "words past the cap"});
  CHECK(StatusAt(cut, 0) == RowStatus::kTruncated);
  auto tiny = Make(1, 3);
  CHECK(StatusAt(RunViews(*tiny, {"\xF0\x9F\x98\x80" "abc"}), 0) == RowStatus::kTruncated);
}

TEST_CASE("Analyzer: redacts and counts PII", "[analyzer]") {
  auto a = Make(1);
  AnalysisBatch b = RunViews(
      *a, {"Mail a@b.example or call +44 20 7946 0958 re order 4839201"});
  CHECK(b.TextRedacted(0) == "Mail <EMAIL> or call <PHONE> re order 4839201");
  CHECK(b.pii_count[0] == 2);
  CHECK(b.pii_by_type[static_cast<int>(PiiType::kEmail)][0] == 1);
  CHECK(b.pii_by_type[static_cast<int>(PiiType::kPhone)][0] == 1);
  // mail, <EMAIL>, or, call, <PHONE>, re, order, 4839201
  CHECK(b.n_tokens[0] == 8);
  CHECK(ScriptName(b.script[0]) == "Latn");
}

TEST_CASE("Analyzer: PII cut by the length cap is redacted whole",
          "[analyzer]") {
  auto a = Make(1, 25);
  AnalysisBatch b = RunViews(*a, {"my card 4111 1111 1111 1111 thanks",
                                  "write to john.doe@example.com now",
                                  "IBAN DE89 3704 0044 0532 0130 00 ok",
                                  "short, a@b.example",
                                  "twenty-five bytes exactly then a@b.example"});
  CHECK(b.TextRedacted(0) == "my card <CARD>");
  CHECK(b.TextRedacted(1) == "write to <EMAIL>");
  CHECK(b.TextRedacted(2) == "IBAN <IBAN>");
  CHECK(b.TextRedacted(3) == "short, <EMAIL>");  // under the cap: as always
  // PII that starts past the cap is neither shown nor counted.
  CHECK(b.TextRedacted(4) == "twenty-five bytes exactly");
  CHECK(b.pii_count[4] == 0);
  for (int64_t i = 0; i < 3; ++i) {
    CHECK(b.pii_count[i] == 1);
    CHECK(b.status[i] == static_cast<uint8_t>(RowStatus::kTruncated));
  }
  // A zero-width joiner at the cap is kept or dropped by what follows it:
  // the text is still exactly the capped text, valid UTF-8, nothing past
  // the cap.
  for (auto [cap, text] : {std::pair<size_t, std::string>{6, "abc\u200d" "d\u20ac\u20ac\u20ac more"},
                            {11, "abcdefgh\u200dijklmnop"}}) {
    std::string capped, repaired;
    CleanText(text, cap, &capped);
    b = RunViews(*Make(1, cap), {text});
    CHECK(b.TextRedacted(0) == capped);
    CHECK_FALSE(RepairUtf8(b.TextRedacted(0), &repaired));  // valid UTF-8
  }
}

TEST_CASE("Analyzer: placeholders do not count towards the script",
          "[analyzer]") {
  AnalyzerOptions o;
  o.n_threads = 1;
  o.pii.custom.push_back({"order_id", "#\\d{7}\\b"});
  auto a = Analyzer::Create(o);
  REQUIRE(a.ok());
  AnalysisBatch b = RunViews(**a, {"الطلب #3491471 لم يصل",
                                   "ошибка  a@b.example c@d.example"});
  CHECK(b.TextRedacted(0) == "الطلب <CUSTOM:order_id> لم يصل");
  CHECK(ScriptName(b.script[0]) == "Arab");
  CHECK(ScriptName(b.script[1]) == "Cyrl");
}

std::vector<std::string> MixedBatch(int n) {
  const std::vector<std::string> pool = {
      "Where is my refund??? third time I ask 😡",
      "Bonjour, ma commande n'est pas arrivée. Tel 06 12 34 56 78",
      "Die App stürzt beim Login ab, IBAN DE89 3704 0044 0532 0130 00",
      "注文が届きません",
      "Спасибо, всё отлично!",
      "bad \xC3 utf8",
      "",
  };
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(pool[(i * 7 + i / 3) % pool.size()]);
  return out;
}

TEST_CASE("Analyzer: results identical whatever n_threads", "[analyzer]") {
  std::vector<std::string> texts = MixedBatch(5000);
  AnalysisBatch one = RunViews(*Make(1), texts);
  for (int threads : {2, 3, 8}) {
    AnalysisBatch many = RunViews(*Make(threads), texts);
    CheckSameColumns(many, one);
    CHECK(many.n_tokens == one.n_tokens);
  }
}

TEST_CASE("Analyzer: reads Arrow layout with offset and validity",
          "[analyzer]") {
  // Arrow array of 4 strings ["x", null, "hello", "a@b.example"], sliced
  // to start at element 1.
  std::string data = "xhelloa@b.example";
  std::vector<int32_t> offsets = {0, 1, 1, 6, 17};
  uint8_t validity = 0b1101;
  TextColumn col = TextColumn::FromArrow(data.data(), offsets.data(),
                                         &validity, 1, 3);
  AnalysisBatch b = Make(2)->Run(col);
  REQUIRE(b.size() == 3);
  CHECK(StatusAt(b, 0) == RowStatus::kNull);
  CHECK(b.TextRedacted(1) == "hello");
  CHECK(b.TextRedacted(2) == "<EMAIL>");
}

TEST_CASE("Analyzer: option errors", "[analyzer]") {
  AnalyzerOptions o;
  o.max_bytes = 0;
  CHECK(Analyzer::Create(o).status().code() == StatusCode::kInvalidArgument);
  o.max_bytes = 100;
  o.pii.custom.push_back({"bad", "("});
  CHECK(Analyzer::Create(o).status().code() == StatusCode::kInvalidPattern);
}

std::unique_ptr<Analyzer> MakeLangid(bool language_only,
                                     std::vector<std::string> languages) {
  AnalyzerOptions o;
  o.n_threads = 2;
  o.langid_model = KVETCH_MODELS_DIR "/langid/langid.kvm";
  o.languages = std::move(languages);
  o.language_only = language_only;
  auto a = Analyzer::Create(o);
  REQUIRE(a.ok());
  return std::move(a).value();
}

TEST_CASE("Analyzer: exposes its own detector and scorer, or none",
          "[analyzer]") {
  auto plain = std::move(Analyzer::Create(AnalyzerOptions{})).value();
  CHECK(plain->language_detector() == nullptr);
  CHECK(plain->emotion_scorer() == nullptr);
  AnalyzerOptions o;
  o.langid_model = KVETCH_MODELS_DIR "/langid/langid.kvm";
  o.emotion_model = KVETCH_MODELS_DIR "/emotion/emotion.kvm";
  auto full = std::move(Analyzer::Create(o)).value();
  REQUIRE(full->language_detector() != nullptr);
  REQUIRE(full->emotion_scorer() != nullptr);
  CHECK(full->language_detector()->languages() == full->languages());
  CHECK(full->emotion_scorer()->Tier("en") == LanguageTier::kFull);
}

TEST_CASE("Analyzer: language_only gives the same language columns",
          "[analyzer]") {
  std::vector<std::string> texts = MixedBatch(3000);
  for (const char* t :
       {"\xce\x9a\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1",  // Greek
        "\xce\xb1\xce\xb2",                          // two Greek letters: no answer
        "\xe6\xb3\xa8\xe6\x96\x87",                  // two Han letters: weighted 6
        "\xec\xa3\xbc\xeb\xac\xb8",                  // two Hangul letters: weighted 6
        "<EMAIL> <PHONE>",                          // redacted upstream: no evidence
        "\xec\xa3\xbc\xeb\xac\xb8\xec\x9d\xb4 \xec\x95\x88 \xec\x99\x94\xec\x96\xb4\xec\x9a\x94",  // Korean
        "\xe6\xb3\xa8\xe6\x96\x87\xe3\x81\x8c\xe5\xb1\x8a\xe3\x81\x8b\xe3\x81\xaa\xe3\x81\x84",  // Japanese
        "\xce\x9a\xce\xb1\xce\xbb\xff\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1",  // invalid byte
        "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d a@b.example",  // Hebrew + e-mail
        // Greek body, long English footer; English body, Greek quote.
        "\xce\x9a\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1\n"
        "This email and any attachments are confidential and intended "
        "solely for the addressee.",
        "ok thanks\nOn Mon, Maria wrote:\n"
        "\xce\x9a\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1 "
        "\xce\x9a\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1"}) {
    texts.emplace_back(t);
  }
  for (std::vector<std::string> langs :
       {std::vector<std::string>{}, std::vector<std::string>{"en", "fr", "el", "ko"}}) {
    AnalysisBatch full = RunViews(*MakeLangid(false, langs), texts);
    AnalysisBatch lean = RunViews(*MakeLangid(true, langs), texts);
    CheckSameColumns(lean, full);
    int skipped = 0;
    for (size_t i = 0; i < texts.size(); ++i) {
      if (lean.n_tokens[i] == -1) {
        ++skipped;
      } else {
        CHECK(lean.n_tokens[i] == full.n_tokens[i]);
      }
    }
    CHECK(skipped >= 3);  // Greek, Korean, Japanese at least
  }
}

TEST_CASE("Analyzer: a language outside the list is lang_alt, scored as itself",
          "[analyzer]") {
  const std::vector<std::string> texts = {
      "Hej, mitt paket har inte kommit \xc3\xa4n, jag har v\xc3\xa4ntat i "
      "tv\xc3\xa5 veckor och jag \xc3\xa4r mycket besviken.",
      "My parcel has not arrived yet and I am very disappointed."};
  AnalyzerOptions o;
  o.n_threads = 1;
  o.langid_model = KVETCH_MODELS_DIR "/langid/langid.kvm";
  o.emotion_model = KVETCH_MODELS_DIR "/emotion/emotion.kvm";
  auto all = std::move(Analyzer::Create(o)).value();
  o.languages = {"en", "de"};
  auto two = std::move(Analyzer::Create(o)).value();
  AnalysisBatch a = RunViews(*all, texts), b = RunViews(*two, texts);
  const std::vector<std::string>& codes = two->languages();
  REQUIRE(a.lang[0] >= 0);
  CHECK(codes[a.lang[0]] == "sv");
  CHECK(b.lang[0] == -1);
  CHECK(b.lang_confidence[0] == 0);
  REQUIRE(b.lang_alt[0] >= 0);
  CHECK(codes[b.lang_alt[0]] == "sv");
  CHECK(b.valence[0] == a.valence[0]);  // scored as Swedish, not as German
  CHECK(b.polarity[0] == a.polarity[0]);
  CHECK(codes[b.lang[1]] == "en");
  CHECK(b.lang_alt[1] == -1);
}

TEST_CASE("Analyzer: language_only needs langid and nothing more",
          "[analyzer]") {
  AnalyzerOptions o;
  o.language_only = true;
  CHECK(Analyzer::Create(o).status().code() == StatusCode::kInvalidArgument);
  o.langid_model = KVETCH_MODELS_DIR "/langid/langid.kvm";
  o.emotion_model = KVETCH_MODELS_DIR "/emotion/emotion.kvm";
  CHECK(Analyzer::Create(o).status().code() == StatusCode::kInvalidArgument);
}

// Hostile messages built from pieces that stress each unit: invalid bytes,
// NUL, controls, zero-width and bidi marks, emoji sequences, every script
// the fast paths and ICU split between, PII shapes (phones with area codes,
// bare-host URLs, cards, IBANs), negations, quoted replies, very long
// words. Seeded: KVETCH_STRESS_SEED picks another sample.
std::vector<std::string> HostileBatch(int n) {
  static const char* const kPieces[] = {
      "\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "" /* a NUL byte */,
      "\x01", "\xe2\x80\x8b", "\xe2\x80\xae", "\xe2\x80\x8d", "\xef\xbb\xbf",
      "\xf0\x9f\x98\xa1", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
      "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7",
      "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", "1\xef\xb8\x8f\xe2\x83\xa3",
      "\xe6\xb3\xa8\xe6\x96\x87\xe3\x81\x8c", "\xec\xa3\xbc\xeb\xac\xb8",
      "\xe0\xb8\xaa\xe0\xb8\xa7\xe0\xb8\xb1", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
      "\xd9\x84\xd9\x85 \xd9\x8a\xd8\xb5\xd9\x84", "\xd0\x97\xd0\xb0\xd0\xba\xd0\xb0\xd0\xb7",
      "\xce\x9a\xce\xb1\xce\xbb\xce\xb7", "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d",
      "caf\xc3\xa9", "\xef\xbc\x90\xef\xbc\x96", " ", "  ", "\n", "\t", ".", "!!!", "???",
      "not", "never", "don't", "but", "however", "thanks", "WHERE IS MY REFUND",
      "refund", "third time", "cancel my subscription", "speak to a manager",
      "+33 6 12 34 56 78", "(11) 91234-5678", "(", ")", "0", "06", "12345678",
      "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "john@example.com",
      "@", "https://x.example/a?b=1", "shop.example.de/konto/1", "www.", "a.com/",
      "192.168.0.1", "2001:db8::1", "On Mon, 3 Jun 2024, Support wrote:", "> quoted",
      "-- ", "Best regards,", "Dear Customer Service,", "<EMAIL>", "<PHONE>",
      "\xf0\x90\x8c\xb0\xf0\x90\x8c\xb1",
  };
  constexpr size_t kN = sizeof(kPieces) / sizeof(kPieces[0]);
  const char* env = std::getenv("KVETCH_STRESS_SEED");
  std::mt19937 rng(env ? static_cast<unsigned>(std::atoi(env)) : 2026u);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    std::string m;
    int parts = static_cast<int>(rng() % 40);
    for (int k = 0; k < parts; ++k) {
      uint32_t r = rng();
      if (r % 50 == 0) {
        m.append(300 + r % 700, static_cast<char>('a' + r % 26));  // long word
      } else if (r % 50 == 1) {
        m.push_back(static_cast<char>(rng() & 0xFF));  // any byte
      } else {
        const char* piece = kPieces[r % kN];
        if (*piece == '\0') {
          m.push_back('\0');
        } else {
          m += piece;
        }
      }
      if (rng() % 3 == 0) m += ' ';
    }
    out.push_back(std::move(m));
  }
  return out;
}

TEST_CASE("Analyzer: signal columns belong to their rows across blocks",
          "[analyzer]") {
  // The signals pass runs after the rest, over each 64-row block's texts:
  // every row must get the signals of its own text, nulls none.
  const std::vector<std::string> kinds = {
      "this is the third time I ask about my refund",  // effort
      "I want to cancel my subscription",             // churn
      "where is my parcel?",                          // none
      "",                                             // empty
      "let me speak to a manager",                    // escalation
  };
  std::vector<std::string> texts;
  std::vector<uint8_t> nulls;
  for (int i = 0; i < 333; ++i) {
    texts.push_back(kinds[(i * 7) % kinds.size()]);
    nulls.push_back(i % 11 == 0);
  }
  AnalyzerOptions o;
  o.signals.rules_path = KVETCH_MODELS_DIR "/signals/rules.tsv";
  o.n_threads = 2;
  auto a = std::move(Analyzer::Create(o)).value();
  AnalysisBatch batch = RunViews(*a, texts, &nulls);
  std::vector<AnalysisBatch> alone;
  for (const std::string& k : kinds) alone.push_back(RunViews(*a, {k}));
  CHECK(alone[0].signal_by_type[static_cast<int>(Signal::kEffort)][0] == 1);
  CHECK(alone[1].signal_by_type[static_cast<int>(Signal::kChurn)][0] == 1);
  CHECK(alone[4].signal_by_type[static_cast<int>(Signal::kEscalation)][0] == 1);
  for (size_t i = 0; i < texts.size(); ++i) {
    for (int k = 0; k < kNumSignals; ++k) {
      uint8_t want = nulls[i] ? 0 : alone[(i * 7) % kinds.size()].signal_by_type[k][0];
      CHECK(batch.signal_by_type[k][i] == want);
    }
  }
}

TEST_CASE("Analyzer: hostile input through every unit, any thread count",
          "[analyzer]") {
  std::vector<std::string> texts = HostileBatch(3000);
  AnalyzerOptions o;
  o.langid_model = KVETCH_MODELS_DIR "/langid/langid.kvm";
  o.emotion_model = KVETCH_MODELS_DIR "/emotion/emotion.kvm";
  o.signals.rules_path = KVETCH_MODELS_DIR "/signals/rules.tsv";
  o.max_bytes = 4096;
  std::vector<AnalysisBatch> runs;
  for (int threads : {1, 3}) {
    o.n_threads = threads;
    auto a = Analyzer::Create(o);
    REQUIRE(a.ok());
    runs.push_back(RunViews(**a, texts));
  }
  const AnalysisBatch& one = runs[0];
  const AnalysisBatch& many = runs[1];
  REQUIRE(one.size() == texts.size());
  CheckSameColumns(many, one);
  CHECK(many.n_tokens == one.n_tokens);
  for (size_t i = 0; i < texts.size(); ++i) {
    CHECK(one.status[i] <= static_cast<uint8_t>(RowStatus::kTruncated));
    CHECK(std::isfinite(one.valence[i]));
    CHECK(one.valence[i] >= -1.0f);
    CHECK(one.valence[i] <= 1.0f);
    CHECK(one.emotion_confidence[i] >= 0.0f);
    CHECK(one.emotion_confidence[i] <= 1.0f);
  }
}

// Each message in a heap block of exactly its size, so that under
// AddressSanitizer (`make test-asan`) a read past its last byte is an
// error; in any build the columns must equal those of the same messages
// held in std::strings (whose spare capacity hides such reads).
TEST_CASE("Analyzer: messages that end their buffer, every length to 300",
          "[analyzer]") {
  const std::string kinds[] = {
      "call +33 6 12 34 56 78 or mail a.b@c.example, IBAN DE89 3704 0044 "
      "0532 0130 00 card 4111-1111-1111-1111 at www.shop.example/x ",
      "caf\xc3\xa9 \xf0\x9f\x98\xa1\xe2\x80\x8d \xe6\xb3\xa8\xe6\x96\x87 \xff\xc3 "
      "still not my refund, third time!!! ",
      "0123456789.:@/0123456789.:@/ ",
  };
  std::vector<std::string> texts;
  for (const std::string& kind : kinds) {
    std::string long_text;
    while (long_text.size() < 300) long_text += kind;
    for (size_t n = 0; n <= 300; ++n) texts.push_back(long_text.substr(0, n));
  }
  std::vector<std::unique_ptr<char[]>> blocks;
  std::vector<std::string_view> exact;
  for (const std::string& t : texts) {
    blocks.emplace_back(new char[t.size()]);
    std::copy(t.begin(), t.end(), blocks.back().get());
    exact.emplace_back(blocks.back().get(), t.size());
  }
  AnalyzerOptions o;
  o.langid_model = KVETCH_MODELS_DIR "/langid/langid.kvm";
  o.emotion_model = KVETCH_MODELS_DIR "/emotion/emotion.kvm";
  o.signals.rules_path = KVETCH_MODELS_DIR "/signals/rules.tsv";
  for (size_t cap : {kDefaultMaxBytes, size_t{37}}) {
    o.max_bytes = cap;
    auto a = Analyzer::Create(o);
    REQUIRE(a.ok());
    AnalysisBatch got = (*a)->Run(TextColumn::FromViews(
        exact.data(), nullptr, static_cast<int64_t>(exact.size())));
    CheckSameColumns(got, RunViews(**a, texts));
  }
}

TEST_CASE("DefaultThreadCount: OMP_NUM_THREADS wins", "[analyzer]") {
  setenv("OMP_NUM_THREADS", "3", 1);
  CHECK(DefaultThreadCount() == 3);
  setenv("OMP_NUM_THREADS", "junk", 1);
  CHECK(DefaultThreadCount() >= 1);
  unsetenv("OMP_NUM_THREADS");
  CHECK(Make(0)->n_threads() == DefaultThreadCount());
}

TEST_CASE("ArenaThreads: at most the CPUs TBB may use", "[analyzer]") {
  const int cpus = tbb::info::default_concurrency();
  CHECK(ArenaThreads(1) == 1);
  CHECK(ArenaThreads(0) == 1);
  CHECK(ArenaThreads(cpus) == cpus);
  CHECK(ArenaThreads(cpus + 63) == cpus);
  CHECK(Make(cpus + 63)->n_threads() == cpus + 63);  // asked for, reported as asked
}

}  // namespace
}  // namespace kvetch
