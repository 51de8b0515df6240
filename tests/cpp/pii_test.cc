#include "kvetch/pii.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>

#include "golden.h"

namespace kvetch {
namespace {

std::unique_ptr<PiiRedactor> Make(const PiiOptions& o = {}) {
  auto r = PiiRedactor::Create(o);
  REQUIRE(r.ok());
  return std::move(r).value();
}

std::string RedactText(const PiiRedactor& r, const std::string& text,
                       Redaction* red) {
  std::vector<PiiMatch> found;
  r.Find(text, &found);
  r.Redact(text, found, red);
  return red->text;
}

TEST_CASE("PiiRedactor: golden table", "[pii]") {
  auto r = Make();
  Redaction red;
  for (const auto& row : testing::ReadGolden("pii.tsv")) {
    // Golden inputs are cleaned text, as the analyzer gives PII: full-width
    // digits there are ASCII already.
    std::string clean;
    CleanText(row[0], kDefaultMaxBytes, &clean);
    INFO("input: " << row[0]);
    CHECK(RedactText(*r, clean, &red) == row[1]);
  }
}

TEST_CASE("FindPlaceholders: finds what Redact writes", "[pii]") {
  std::vector<Span> spans;
  FindPlaceholders("mail <EMAIL> or <CUSTOM:order_id>, not <b> or <EMAILS",
                   &spans);
  REQUIRE(spans.size() == 2);
  CHECK(spans[0] == Span{5, 12});
  CHECK(spans[1] == Span{16, 33});
}

TEST_CASE("PiiRedactor: counts per type and placeholder spans", "[pii]") {
  auto r = Make();
  Redaction red;
  std::string out = RedactText(
      *r, "a@b.example, c@d.example and +33 6 12 34 56 78", &red);
  CHECK(out == "<EMAIL>, <EMAIL> and <PHONE>");
  CHECK(red.counts[static_cast<int>(PiiType::kEmail)] == 2);
  CHECK(red.counts[static_cast<int>(PiiType::kPhone)] == 1);
  REQUIRE(red.placeholders.size() == 3);
  CHECK(out.substr(red.placeholders[2].begin, 7) == "<PHONE>");
}

TEST_CASE("PiiRedactor: evidence across 16-byte blocks, e-mails at both ends",
          "[pii]") {
  // The evidence pass reads 16 bytes at a time and the e-mail search spans
  // the words from the first '@' to the last: "www." straddles a block edge
  // (offset 16), a mention's '@' sits between two addresses.
  auto r = Make();
  Redaction red;
  CHECK(RedactText(*r,
                   "x@ab.example wrote: the parcel never came, @lumio_help "
                   "said wait; see www.example.org/x then call +33 6 12 34 "
                   "56 78 or <z@q.example.org>",
                   &red) ==
        "<EMAIL> wrote: the parcel never came, @lumio_help said wait; see "
        "<URL> then call <PHONE> or <<EMAIL>>");
  CHECK(RedactText(*r, "abcdefghijklmn www.shop.de/k and a@b.co", &red) ==
        "abcdefghijklmn <URL> and <EMAIL>");
  CHECK(RedactText(*r, "@@@ no address @ here @", &red) ==
        "@@@ no address @ here @");
}

TEST_CASE("PiiRedactor: custom patterns", "[pii]") {
  PiiOptions o;
  o.custom.push_back({"order_id", "ORD-[0-9]{6}"});
  auto r = Make(o);
  Redaction red;
  CHECK(RedactText(*r, "see ORD-123456 and mail x@y.example", &red) ==
        "see <CUSTOM:order_id> and mail <EMAIL>");
  CHECK(red.counts[static_cast<int>(PiiType::kCustom)] == 1);
}

TEST_CASE("PiiRedactor: a custom pattern matching empty text is refused",
          "[pii]") {
  PiiOptions o;
  o.custom.push_back({"maybe", "x*"});
  auto r = PiiRedactor::Create(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidPattern);
  CHECK_THAT(r.status().message(), Catch::Contains("'maybe'"));
  CHECK_THAT(r.status().message(), Catch::Contains("empty string"));
}

TEST_CASE("PiiRedactor: empty matches inside text are skipped", "[pii]") {
  PiiOptions o;
  o.custom.push_back({"edge", "\\b"});  // matches only between characters
  auto r = Make(o);
  Redaction red;
  CHECK(RedactText(*r, "ab cd", &red) == "ab cd");
  CHECK(red.counts[static_cast<int>(PiiType::kCustom)] == 0);
}

TEST_CASE("PiiRedactor: invalid pattern names the pattern and reason",
          "[pii]") {
  PiiOptions o;
  o.custom.push_back({"broken", "ORD-(\\d+"});
  auto r = PiiRedactor::Create(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidPattern);
  CHECK_THAT(r.status().message(), Catch::Contains("'broken'"));
  CHECK_THAT(r.status().message(), Catch::Contains("missing )"));
}

TEST_CASE("PiiRedactor: invalid custom name", "[pii]") {
  PiiOptions o;
  o.custom.push_back({"no spaces", "x"});
  auto r = PiiRedactor::Create(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("PiiRedactor: disabled types are left alone", "[pii]") {
  PiiOptions o;
  o.urls = false;
  auto r = Make(o);
  Redaction red;
  CHECK(RedactText(*r, "see https://example.com or a@b.example", &red) ==
        "see https://example.com or <EMAIL>");
}

TEST_CASE("PiiRedactor: hostile input finishes", "[pii]") {
  auto r = Make();
  Redaction red;
  std::string digits(200000, '1');
  std::string mixed;
  for (int i = 0; i < 20000; ++i) mixed += "+3 6.@a.";
  RedactText(*r, digits, &red);
  RedactText(*r, mixed, &red);
  CHECK(red.text.size() > 0);
}

TEST_CASE("PiiRedactor: one instance shared by threads", "[pii]") {
  auto r = Make();
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Redaction red;
      for (int k = 0; k < 200; ++k) {
        results[t] = RedactText(*r, "mail a@b.example, tel +44 20 7946 0958",
                                &red);
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& s : results) CHECK(s == "mail <EMAIL>, tel <PHONE>");
}

}  // namespace
}  // namespace kvetch
