#include "kvetch/signals.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "golden.h"
#include "kvetch/analyzer.h"

namespace kvetch {
namespace {

const std::string kRules =
    std::string(KVETCH_MODELS_DIR) + "/signals/rules.tsv";

std::unique_ptr<SignalMatcher> Make(const SignalOptions& o) {
  auto m = SignalMatcher::Create(o);
  INFO(m.status().ToString());
  REQUIRE(m.ok());
  return std::move(m).value();
}

// A matcher of user rules alone (no rules file).
std::unique_ptr<SignalMatcher> Make(std::vector<SignalRule> rules) {
  SignalOptions o;
  o.rules = std::move(rules);
  return Make(o);
}

std::unique_ptr<SignalMatcher> Bundled() {
  SignalOptions o;
  o.rules_path = kRules;
  return Make(o);
}

// Signal names of `text` after cleaning and normalisation, joined by ","
// in Signal order; "-" for none.
std::string Names(const SignalMatcher& m, const std::string& text) {
  std::string clean, normalised, norm;
  CleanText(text, kDefaultMaxBytes, &clean);
  NormalizeForMatching(clean, &normalised);
  AppendSignalText(normalised, &norm);
  SignalSet s = m.Match(norm);
  std::string out;
  for (int k = 0; k < kNumSignals; ++k) {
    if (!s.Has(static_cast<Signal>(k))) continue;
    if (!out.empty()) out += ",";
    out += SignalName(static_cast<Signal>(k));
  }
  return out.empty() ? "-" : out;
}

TEST_CASE("SignalMatcher: golden table", "[signals]") {
  auto m = Bundled();
  auto rows = testing::ReadGolden("signals.tsv");
  REQUIRE(rows.size() >= 90);
  for (const auto& row : rows) {
    INFO("input: " << row[0] << " (" << row[1] << ")");
    CHECK(Names(*m, row[0]) == row[2]);
  }
}

TEST_CASE("AppendSignalText drops Arabic diacritics and tatweel only",
          "[signals]") {
  auto text = [](std::string_view in) {
    std::string out = "x";  // appends
    AppendSignalText(in, &out);
    return out.substr(1);
  };
  CHECK(text("أُرِيدُ إِلْغَاءَ اشْتِرَاكِي") == "أريد إلغاء اشتراكي");
  CHECK(text("شكـــرا") == "شكرا");
  CHECK(text("ٰ") == "");  // U+0670 alone
  CHECK(text("i\xCC\x87ptal") == "iptal");  // case-folded Turkish İ
  CHECK(text("a\xCC\x87") == "a\xCC\x87");  // the dot stays on other letters
  for (const char* kept : {"", "plain", "رقم ٠١٢٣", "ÿ", "\xD9", "a\xD9\xA0b"}) {
    CHECK(text(kept) == kept);  // Arabic-Indic digits, a cut sequence
  }
  auto m = Bundled();
  CHECK(Names(*m, "أُرِيدُ إِلْغَاءَ اشْتِرَاكِي") == "churn");
  CHECK(Names(*m, "أرجو الرد بشكـــل عاجـــل") == "urgency");
  CHECK(Names(*m, "ABONELİĞİMİ İPTAL ETMEK İSTİYORUM") == "churn");
  CHECK(Names(*m, "İkinci kez yazıyorum.") == "effort");
}

TEST_CASE("SignalMatcher: negation scopes only the phrase it governs",
          "[signals]") {
  auto m = Bundled();
  CHECK(Names(*m, "I don't want to cancel my subscription") == "-");
  CHECK(Names(*m, "I don't want to wait. Cancel my subscription") == "churn");
  // A later, un-negated occurrence fires.
  CHECK(Names(*m, "I don't want to cancel my subscription? no: cancel my "
                  "subscription") == "churn");
  // Another word between cue and phrase ends the cue's scope.
  CHECK(Names(*m, "No idea how, but cancel my subscription") == "churn");
}

TEST_CASE("SignalMatcher: user rules are case-insensitive and named in errors",
          "[signals]") {
  SignalOptions o;
  o.rules.push_back({"churn", "en", R"(\bPort(ing)? My Number\b)", ""});
  auto m = Make(o);
  CHECK(Names(*m, "I am porting my number to another carrier") == "churn");
  CHECK(Names(*m, "I am not porting my number") == "churn");  // no cues loaded

  o.rules.push_back({"negation", "en", R"(\bnot)", ""});
  auto with_cue = Make(o);
  CHECK(Names(*with_cue, "I am not porting my number") == "-");

  SignalOptions bad;
  bad.rules.push_back({"churn", "", "leave(", "kvetch.toml: signals.rules[1]"});
  auto r = SignalMatcher::Create(bad);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidPattern);
  CHECK_THAT(r.status().message(),
             Catch::Contains("kvetch.toml: signals.rules[1]") &&
                 Catch::Contains("leave(") && Catch::Contains("missing )"));

  SignalOptions unknown;
  unknown.rules.push_back({"anger", "", "grr", ""});
  r = SignalMatcher::Create(unknown);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(r.status().message(), Catch::Contains("unknown signal 'anger'"));

  for (const char* p : {"a*", "ـــ", "\xD9\x8E"}) {  // marks alone: empty once stripped
    INFO(p);
    SignalOptions empty;
    empty.rules.push_back({"urgency", "", p, ""});
    r = SignalMatcher::Create(empty);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.status().message(), Catch::Contains("empty string"));
  }
}

// The prefilter (signals.cc) looks for each rule's literal atoms; these
// rules have none long enough, or match upper case where atoms are lower.
TEST_CASE("SignalMatcher: the prefilter never drops a match", "[signals]") {
  auto m = Make({{"urgency", "", R"(\b[0-9]{2,}\s*h\b)", ""},
                 {"effort", "", R"(\b(?:x|yy)\d\b)", ""},
                 {"churn", "", R"(\bswitching\s+to\b)", ""}});
  CHECK(Names(*m, "need it within 48h") == "urgency");
  CHECK(Names(*m, "error x7 after reboot") == "effort");
  CHECK(Names(*m, "switching to a rival, within 48 h") == "churn,urgency");
  CHECK(Names(*m, "nothing here at all") == "-");
  // Match() on raw upper-case text: the case-insensitive user rule fires,
  // so the atoms ("switching") must be looked for without case.
  SignalSet raw = m->Match("SWITCHING TO A RIVAL");
  CHECK(raw.Has(Signal::kChurn));
}

TEST_CASE("SignalMatcher: exceptions veto overlapping hits of their signal",
          "[signals]") {
  auto m = Make({{"churn", "", R"(\bleave\b)", ""},
                 {"!churn", "", R"(\bleave\s+a\s+review)", ""}});
  CHECK(Names(*m, "I will leave a review") == "-");
  CHECK(Names(*m, "I will leave") == "churn");
  CHECK(Names(*m, "I will leave a review, then I leave") == "churn");
  std::vector<SignalHit> hits;
  m->Explain("leave a review", &hits);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].excepted);
  CHECK_FALSE(hits[0].negated);
}

TEST_CASE("SignalMatcher: rules file errors name the file and line",
          "[signals]") {
  std::string path = "signals_test_bad_rules.tsv";
  {
    std::ofstream f(path);
    f << "signal\tlang\tpattern\tcomment\n# a comment\n"
      << "churn\ten\tcancel\tfine\n"
      << "urgency\ten\t(?P<x\tbroken\n";
  }
  SignalOptions o;
  o.rules_path = path;
  auto r = SignalMatcher::Create(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidPattern);
  CHECK_THAT(r.status().message(), Catch::Contains(path + ":4"));
  CHECK_THAT(r.status().message(), Catch::Contains("invalid named capture"));
  {
    std::ofstream f(path);
    f << "signal\tlang\tpattern\tcomment\nchurn only one column\n";
  }
  r = SignalMatcher::Create(o);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(), Catch::Contains(path + ":2"));
  std::remove(path.c_str());

  o.rules_path = "no/such/rules.tsv";
  r = SignalMatcher::Create(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kIoError);
  o.rules_path = ".";
  r = SignalMatcher::Create(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kIoError);
}

TEST_CASE("SignalMatcher: a rules file needs no header, and garbage is an error",
          "[signals]") {
  std::string path = "signals_test_headless.tsv";
  SignalOptions o;
  o.rules_path = path;
  {
    std::ofstream f(path);
    f << "churn\ten\tleave you\tmy rule\n";
  }
  auto m = Make(o);
  CHECK(Names(*m, "I will leave you") == "churn");
  {
    std::ofstream f(path);  // a BOM and a capitalised header
    f << "\xEF\xBB\xBFSignal\tlang\tpattern\tcomment\nchurn\ten\tleave you\tx\n";
  }
  CHECK(Names(*Make(o), "I will leave you") == "churn");
  {
    std::ofstream f(path);
    f << "garbage data here\n";
  }
  auto r = SignalMatcher::Create(o);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(), Catch::Contains(path + ":1"));
  std::remove(path.c_str());
}

TEST_CASE("SignalMatcher: languages restrict the packs", "[signals]") {
  SignalOptions o;
  o.rules_path = kRules;
  o.languages = {"fr"};
  auto fr = Make(o);
  CHECK(Names(*fr, "je veux résilier") == "churn");
  CHECK(Names(*fr, "I want to cancel my subscription") == "-");
  CHECK(fr->rules().size() < Bundled()->rules().size());
  o.languages = {"zz"};  // misspelt codes only: an error, not silence
  auto r = SignalMatcher::Create(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(r.status().message(), Catch::Contains("'zz'"));
  o.languages = {"en", "ja"};  // a mixed archive: ja has no pack, en does
  CHECK(Names(*Make(o), "I want to cancel my subscription") == "churn");
  o.languages = {"ja"};        // ja's only rules are the user's own
  o.rules = {{"churn", "ja", "解約", ""}};
  CHECK(Names(*Make(o), "解約したい") == "churn");
}

TEST_CASE("SignalMatcher: user rules keep their language's negation cues",
          "[signals]") {
  const SignalRule kGerman{"churn", "de", "vertrag\\s+beenden", "cfg"};
  const std::string kNegated = "ich will nicht meinen vertrag beenden";
  const std::string kPlain = "ich will meinen vertrag beenden";
  SignalOptions o;  // no file: a rule alone has no cues
  o.rules = {kGerman};
  CHECK(Names(*Make(o), kNegated) == "churn");
  o.rules_path = kRules;  // the packs limited to English: German cues load
  o.languages = {"en"};
  CHECK(Names(*Make(o), kNegated) == "-");
  CHECK(Names(*Make(o), kPlain) == "churn");
  o.languages.clear();  // cues only: the file's rules do not fire
  o.cues_only = true;
  auto cues = Make(o);
  CHECK(cues->rules().size() == 1);
  CHECK(Names(*cues, kNegated) == "-");
  CHECK(Names(*cues, kPlain) == "churn");
  CHECK(Names(*cues, "ich kündige meinen vertrag") == "-");
}

TEST_CASE("SignalMatcher: Explain shows each hit and its negation",
          "[signals]") {
  auto m = Bundled();
  std::string norm;
  NormalizeForMatching("I don't want to cancel my subscription. Urgent!",
                       &norm);
  std::vector<SignalHit> hits;
  m->Explain(norm, &hits);
  bool churn_negated = false, urgency = false;
  for (const SignalHit& h : hits) {
    std::string_view text(norm.data() + h.span.begin,
                          h.span.end - h.span.begin);
    if (h.signal == Signal::kChurn) {
      churn_negated = h.negated && text.find("cancel") == 0;
    }
    if (h.signal == Signal::kUrgency) urgency = !h.negated && text == "urgent";
  }
  CHECK(churn_negated);
  CHECK(urgency);
}

TEST_CASE("SignalMatcher: hostile input stays linear", "[signals]") {
  auto m = Bundled();
  std::string still, negated;
  while (still.size() < (1 << 20)) still += "still not ";
  while (negated.size() < (1 << 20)) negated += "not urgent ";
  auto start = std::chrono::steady_clock::now();
  CHECK(m->Match(still).Has(Signal::kEffort));
  SignalSet s = m->Match(negated);  // every hit negated: all are checked
  CHECK_FALSE(s.Has(Signal::kUrgency));
  double secs = std::chrono::duration<double>(
                    std::chrono::steady_clock::now() - start).count();
  CHECK(secs < 5.0);
}

TEST_CASE("SignalMatcher: shared across threads", "[signals]") {
  auto m = Bundled();
  auto rows = testing::ReadGolden("signals.tsv");
  std::vector<std::string> got[2];
  std::thread t[2];
  for (int k = 0; k < 2; ++k) {
    t[k] = std::thread([&, k] {
      for (int rep = 0; rep < 20; ++rep) {
        for (const auto& row : rows) got[k].push_back(Names(*m, row[0]));
      }
    });
  }
  for (auto& th : t) th.join();
  CHECK(got[0] == got[1]);
}

TEST_CASE("Analyzer: signal columns", "[signals][analyzer]") {
  AnalyzerOptions o;
  o.n_threads = 2;
  o.signals.rules_path = kRules;
  auto a = Analyzer::Create(o);
  REQUIRE(a.ok());
  std::vector<std::string_view> texts = {
      "Third time I write: mail me at a.b@example.com, I want to cancel my "
      "subscription",
      "", "thanks!"};
  uint8_t nulls[] = {0, 0, 0};
  AnalysisBatch b = (*a)->Run(TextColumn::FromViews(texts.data(), nulls, 3));
  auto col = [&](Signal s) {
    return b.signal_by_type[static_cast<int>(s)];
  };
  CHECK(col(Signal::kEffort) == std::vector<uint8_t>{1, 0, 0});
  CHECK(col(Signal::kChurn) == std::vector<uint8_t>{1, 0, 0});
  CHECK(col(Signal::kUrgency) == std::vector<uint8_t>{0, 0, 0});

  o.signals.rules.push_back({"urgency", "", "(", "mine"});
  auto bad = Analyzer::Create(o);
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Catch::Contains("mine"));
}

}  // namespace
}  // namespace kvetch
