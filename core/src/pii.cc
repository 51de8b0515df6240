// PII detection. One RE2::Set scan over the message says which candidate
// patterns occur at all; only those are then run one by one to get spans,
// and each span goes through the validator of its kind (checksums, digit
// counts, context words). Before any of that, one pass over the bytes
// counts digits, dots, colons, '@' and URL markers; a pattern that cannot
// match with so few (a card needs 13 digits) is not run, and most messages
// skip RE2 entirely.
//
// Phone numbers have no checksum, so their validators weigh shape and
// context: the digit count must fit the format (8-15 international, 9-12
// with a trunk 0, ...), and a number right after an order/invoice/ticket word
// is kept as it is unless a phone word is nearer ("ticket 12, call 06...").
#include "kvetch/pii.h"

#include <arpa/inet.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <tuple>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal/checksum.h"

namespace kvetch {
namespace {

// Candidate kinds: what found a span and so which validator checks it.
enum class Cand : uint8_t {
  kEmail,
  kUrl,
  kIban,
  kCard,
  kIpv4,
  kIpv6,
  kPhoneIntl,
  kPhoneTrunk,
  kPhoneNanp,
  kPhoneGrouped,
  kPhoneKeyword,
  kPhoneMobile,
  kPhoneRu,
  kCustom,
};

struct Builtin {
  Cand cand;
  PiiType type;
  bool PiiOptions::*enabled;
  const char* pattern;
};

// " / " is how German signatures write it: "0171 / 2345678".
#define KVETCH_PHONE_SEP "(?: / |[ .\\-/])"
const Builtin kBuiltins[] = {
    {Cand::kEmail, PiiType::kEmail, &PiiOptions::emails,
     // Letters of the Latin blocks, not all of \p{L}: that makes RE2's DFA
     // several times slower, and lets a TLD run into CJK text ("a@b.comです").
     R"([A-Za-z0-9._%+\-\x{C0}-\x{24F}]+@[A-Za-z0-9\-\x{C0}-\x{24F}]+)"
     R"((?:\.[A-Za-z0-9\-\x{C0}-\x{24F}]+)*\.[A-Za-z]{2,})"},
    {Cand::kUrl, PiiType::kUrl, &PiiOptions::urls,
     R"((?i)(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"'`]+)"
     // A bare host with a path ("shop.example.de/konto/123"), for common
     // top-level domains only: "Node.js/React" and "readme.md/" stay.
     R"(|(?i)\b(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+)"
     R"((?:com|net|org|info|biz|gov|edu|io|co|app|dev|me|ly|ai|tv|eu|us|uk|ca|)"
     R"(au|nz|ie|de|fr|es|it|pt|nl|be|ch|at|lu|se|dk|no|fi|is|pl|cz|sk|hu|ro|)"
     R"(bg|gr|tr|ru|ua|jp|cn|kr|in|br|mx|ar|cl|shop|store|online|site|xyz))"
     R"(/[^\s<>"'`]*)"},
    {Cand::kIban, PiiType::kIban, &PiiOptions::ibans,
     R"((?i)\b[a-z]{2}[0-9]{2}(?:[ \-]?[a-z0-9]){11,30})"},
    {Cand::kCard, PiiType::kCard, &PiiOptions::cards,
     R"(\b[0-9](?:[ \-]?[0-9]){12,18}\b)"},
    {Cand::kIpv4, PiiType::kIp, &PiiOptions::ips,
     R"(\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b)"},
    {Cand::kIpv6, PiiType::kIp, &PiiOptions::ips,
     R"((?i)(?:[0-9a-f]{1,4}|:)(?::[0-9a-f]{0,4}){2,7})"},
    {Cand::kPhoneIntl, PiiType::kPhone, &PiiOptions::phones,
     R"((?:\+|\b00)[1-9][0-9]{0,2}(?:)" KVETCH_PHONE_SEP
     R"(?\(0\))?(?:)" KVETCH_PHONE_SEP R"(?\(?[0-9]{1,5}\)?){2,8})"},
    {Cand::kPhoneTrunk, PiiType::kPhone, &PiiOptions::phones,
     R"(\(?\b0[1-9][0-9]{0,4}\)?(?:)" KVETCH_PHONE_SEP
     R"(?[0-9]{2,5}){1,5}\b)"},
    {Cand::kPhoneNanp, PiiType::kPhone, &PiiOptions::phones,
     R"((?:\+?\b1[ .\-]?)?\(?\b[2-9][0-9]{2}\)?[ .\-]?[2-9][0-9]{2}[ .\-][0-9]{4}\b)"},
    {Cand::kPhoneGrouped, PiiType::kPhone, &PiiOptions::phones,
     R"(\b[2-9][0-9]{1,2}(?:[ .\-][0-9]{2,4}){2,3}\b)"},
    // Mobiles written without grouping or in 3+7: pt 9[1236], es [67], it 3.
    {Cand::kPhoneMobile, PiiType::kPhone, &PiiOptions::phones,
     R"(\b(?:9[1236][0-9]{7}|[67][0-9]{8}|3[0-9]{2}[ .]?[0-9]{6,7})\b)"},
    // Russian national format with the trunk 8: 8 (912) 345-67-89.
    {Cand::kPhoneRu, PiiType::kPhone, &PiiOptions::phones,
     R"(\b8[ \-]?\(?9[0-9]{2}\)?[ \-]?[0-9]{3}[ \-]?[0-9]{2}[ \-]?[0-9]{2}\b)"},
    {Cand::kPhoneKeyword, PiiType::kPhone, &PiiOptions::phones,
     R"(\b[0-9](?:)" KVETCH_PHONE_SEP R"(?[0-9]){7,14}\b)"},
};
#undef KVETCH_PHONE_SEP

// Words after which a number is a reference, not a phone (lower case).
const char* const kReferenceWords[] = {
    "order",   "commande", "bestell", "pedido",  "ordine",   "encomenda",
    "invoice", "facture",  "rechnung", "factura", "fattura", "fatura",
    "factuur", "ref ",     "ref.",     "ref:",    "ref#",    "reference",
    "tracking", "suivi",   "sendung", "ticket",
    "#",       "n\xc2\xba", "n\xc2\xb0", "no.",   "nr.",     "nr ",
    "case",    "dossier",  "account",  "konto",   "compte",  "cuenta",
    "conto",   "conta",    "rekening", "customer", "client", "kunde",
    "cliente", "klant",    "sku",      "article", "artikel", "serial",
    "imei",    "code",     "id ",      "id:",     "parcel",  "colis",
    "paket",   "paquete",  "pacco",    "pakket",
};
// Currencies: a number after one is a price, but only on the same line (a
// total at the end of one line says nothing about a phone on the next).
const char* const kCurrencyWords[] = {
    "\xe2\x82\xac", "$", "\xc2\xa3", "eur", "usd", "gbp",
};
// Words after which a digit run is a phone number (lower case).
const char* const kPhoneWords[] = {
    "tel",      "phone",   "call",      "mobile",   "cell",    "portable",
    "handy",    "ruf",     "m\xc3\xb3vil", "movil", "telefon", "tel\xc3\xa9",
    "celular",  "cellulare", "bel ",    "mobiel",   "whatsapp", "sms",
    "fax",      "appel",   "llam",      "chiam",    "joindre", "erreichbar",
    "mobil",    "ring ",   "ring:",     "ringe",    "zadzwo",  "dzwo",
    "ll\xc3\xa1m",
    // The customer service's own number: "service client au 06 ...". These
    // end where their reference word ("client", "kunde") does, and a tie
    // goes to the phone.
    "service client", "customer service", "client service", "kundenservice",
    "kundendienst", "kundeservice", "klantenservice", "servicio al cliente",
    "atenci\xc3\xb3n al cliente", "servizio clienti", "assistenza clienti",
    "apoio ao cliente", "atendimento ao cliente",
    "contact",  "kontakt", "contacto",  "contatto", "contato", "reach",
    "tlm",      "ligar",   "ligue",
    "\xd1\x82\xd0\xb5\xd0\xbb",  // тел
    "\xd0\xb7\xd0\xb2\xd0\xbe\xd0\xbd",  // звон (позвонить, звоните)
    "\xe9\x9b\xbb\xe8\xa9\xb1",  // 電話
};
// Words that make a number a phone only when no reference word is near
// ("my number is ..." but not "order number ...").
const char* const kWeakPhoneWords[] = {
    "number", "n\xc3\xbamero", "numero", "nummer", "num\xc3\xa9ro", "numer",
    "\xd0\xbd\xd0\xbe\xd0\xbc\xd0\xb5\xd1\x80",  // номер
};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }
bool IsAsciiLetter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Words indexed by their first byte, so a window is scanned once.
class WordIndex {
 public:
  template <size_t N>
  explicit WordIndex(const char* const (&words)[N]) {
    for (const char* w : words) {
      by_first_[static_cast<unsigned char>(w[0])].emplace_back(w);
    }
  }
  // End offset, within `window`, of the last-ending occurrence of any word;
  // -1 if none occurs.
  int LastEnd(std::string_view window) const {
    int best = -1;
    for (size_t pos = 0; pos < window.size(); ++pos) {
      for (std::string_view w : by_first_[static_cast<unsigned char>(window[pos])]) {
        // A word starts a word: "id " must not match "David ".
        bool start = pos == 0 || !IsAsciiLetter(window[pos - 1]);
        if (start && window.substr(pos, w.size()) == w) {
          best = std::max(best, static_cast<int>(pos + w.size()));
        }
      }
    }
    return best;
  }

 private:
  std::vector<std::string_view> by_first_[256];
};

struct Context {
  bool reference = false;   // A reference word is nearest before the number.
  bool phone_word = false;  // A phone word is nearest before the number.
};

// The words before a number (24 bytes, across a line break: "Phone:\n0612
// 345678", "Order number:\n712345678"). The nearest reference or phone
// word decides; a tie (a service phrase ending in a reference word) goes
// to the phone. A currency counts only on the number's own line.
Context ContextBefore(std::string_view text, size_t begin) {
  constexpr size_t kWindow = 24;
  size_t from = begin > kWindow ? begin - kWindow : 0;
  char buf[kWindow];
  for (size_t i = from; i < begin; ++i) buf[i - from] = Lower(text[i]);
  std::string_view window(buf, begin - from);
  static const WordIndex* reference = new WordIndex(kReferenceWords);
  static const WordIndex* currency = new WordIndex(kCurrencyWords);
  static const WordIndex* phone_words = new WordIndex(kPhoneWords);
  static const WordIndex* weak_words = new WordIndex(kWeakPhoneWords);
  int ref = reference->LastEnd(window);
  const size_t line = window.rfind('\n');
  const size_t line_start = line == std::string_view::npos ? 0 : line + 1;
  if (int cur = currency->LastEnd(window.substr(line_start)); cur >= 0) {
    ref = std::max(ref, static_cast<int>(line_start) + cur);
  }
  int phone = phone_words->LastEnd(window);
  bool weak = ref < 0 && weak_words->LastEnd(window) >= 0;
  return Context{ref > phone, (phone >= 0 && phone >= ref) || weak};
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsAsciiAlpha(c); }

int CountDigits(std::string_view s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), IsDigit));
}

// Drops trailing digit groups of text[b, e) until it has at most `max`
// digits; returns the new end, or nullopt if fewer than `min` remain.
std::optional<size_t> FitDigits(std::string_view text, size_t b, size_t e,
                                int min, int max) {
  int digits = CountDigits(text.substr(b, e - b));
  while (digits > max && e > b) {
    size_t k = e;
    while (k > b && IsDigit(text[k - 1])) --k;
    digits -= static_cast<int>(e - k);
    while (k > b && !IsDigit(text[k - 1])) --k;
    e = k;
  }
  if (digits < min || e <= b) return std::nullopt;
  return e;
}

// Trims a ')' that closes nothing inside the span.
size_t TrimUnbalancedParen(std::string_view text, size_t b, size_t e) {
  std::string_view s = text.substr(b, e - b);
  auto open = std::count(s.begin(), s.end(), '(');
  auto close = std::count(s.begin(), s.end(), ')');
  return (close > open && text[e - 1] == ')') ? e - 1 : e;
}

// Whether text[b, e) is a date: d.m.yyyy, dd/mm/yy, yyyy-mm-dd and alike.
bool IsDate(std::string_view s) {
  int groups[4] = {0, 0, 0, 0};
  int n = 0;
  char sep = 0;
  for (char c : s) {
    if (IsDigit(c)) {
      ++groups[n];
    } else if ((c == '.' || c == '/' || c == '-') && (!sep || c == sep) &&
               n < 3) {
      sep = c, ++n;
    } else {
      return false;
    }
  }
  if (n != 2) return false;
  bool dmy = groups[0] <= 2 && groups[1] <= 2 &&
             (groups[2] == 2 || groups[2] == 4);
  bool ymd = groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2;
  return dmy || ymd;
}

// "05/06/2024 11" of "05/06/2024 11:00": a date, then more digits after a
// space (a time), which the trunk and grouped patterns read as one number.
bool StartsWithDate(std::string_view s) {
  if (!s.empty() && s.front() == '(') s.remove_prefix(1);
  size_t space = s.find(' ');
  return space != std::string_view::npos && IsDate(s.substr(0, space));
}

// The start of a parenthesised area code just before a number at text[b]
// ("(11) 91234-5678", "(555)234-5678"), or b if there is none.
size_t AreaCodeBefore(std::string_view text, size_t b) {
  size_t i = b;
  if (i > 0 && text[i - 1] == ' ') --i;
  if (i == 0 || text[i - 1] != ')') return b;
  size_t close = --i;
  while (i > 0 && IsDigit(text[i - 1]) && close - i < 4) --i;
  if (i == close || i == 0 || text[i - 1] != '(') return b;
  return i - 1;
}

std::optional<Span> ValidatePhone(Cand cand, std::string_view text, size_t b,
                                  size_t e) {
  // A longer number goes on past the match (a card, an account number).
  if (e + 1 < text.size() && std::strchr(" .-/", text[e]) &&
      IsDigit(text[e + 1])) {
    return std::nullopt;
  }
  e = TrimUnbalancedParen(text, b, e);
  if (IsDate(text.substr(b, e - b)) || StartsWithDate(text.substr(b, e - b))) {
    return std::nullopt;
  }
  bool plus = text[b] == '+';
  // The tail of a longer digit sequence ("DE89 3704 0044 0532 ...").
  if (b >= 2 && std::strchr(" .-/", text[b - 1]) && IsDigit(text[b - 2])) {
    return std::nullopt;
  }
  Context ctx = ContextBefore(text, b);
  // Digits glued to a code: "ORD-2023-859575", not "Tel-0612345678".
  if (!plus && !ctx.phone_word && b >= 2 && text[b - 1] == '-' &&
      IsAsciiLetter(text[b - 2])) {
    return std::nullopt;
  }
  if (!plus && ctx.reference) return std::nullopt;
  int min = 9, max = 12;
  switch (cand) {
    case Cand::kPhoneIntl: min = 8, max = 15; break;
    case Cand::kPhoneTrunk: min = 9, max = 12; break;
    case Cand::kPhoneNanp: min = 10, max = 11; break;
    case Cand::kPhoneGrouped: min = 9, max = 10; break;
    case Cand::kPhoneMobile: min = 9, max = 10; break;
    case Cand::kPhoneRu: min = 11, max = 11; break;
    case Cand::kPhoneKeyword:
      if (!ctx.phone_word) return std::nullopt;
      min = 8, max = 15;
      break;
    default: return std::nullopt;
  }
  std::optional<size_t> end = FitDigits(text, b, e, min, max);
  if (!end) return std::nullopt;
  return Span{static_cast<uint32_t>(AreaCodeBefore(text, b)),
              static_cast<uint32_t>(*end)};
}

// Whether text[b] follows an IBAN's head ("ES24 "): the digits are its
// account part, however they check.
bool AfterIbanHead(std::string_view text, size_t b) {
  if (b < 5 || text[b - 1] != ' ') return false;
  std::string_view head = text.substr(b - 5, 4);
  if (!IsAsciiAlpha(head[0]) || !IsAsciiAlpha(head[1]) || !IsDigit(head[2]) ||
      !IsDigit(head[3]) || (b > 5 && IsAlnum(text[b - 6]))) {
    return false;
  }
  const std::string country = {static_cast<char>(Lower(head[0]) - 32),
                               static_cast<char>(Lower(head[1]) - 32)};
  return internal::IbanLength(country) > 0;  // a country that has IBANs
}

std::optional<Span> ValidateCard(std::string_view text, size_t b, size_t e) {
  if (AfterIbanHead(text, b)) return std::nullopt;
  std::string digits;
  char sep = 0;
  int group = 0;
  for (size_t i = b; i < e; ++i) {
    char c = text[i];
    if (IsDigit(c)) {
      digits.push_back(c), ++group;
      continue;
    }
    if ((sep && c != sep) || group < 3 || group > 6) return std::nullopt;
    sep = c, group = 0;
  }
  if (sep && (group < 3 || group > 6)) return std::nullopt;
  if (digits.size() < 13 || digits.size() > 19) return std::nullopt;
  if (digits[0] < '1' || digits[0] > '6') return std::nullopt;
  if (!internal::LuhnValid(digits)) return std::nullopt;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

std::optional<Span> ValidateIban(std::string_view text, size_t b, size_t e) {
  std::string iban;
  size_t end = b;
  char cc[2] = {Lower(text[b]), Lower(text[b + 1])};
  std::string country = {static_cast<char>(cc[0] - 32),
                         static_cast<char>(cc[1] - 32)};
  int want = internal::IbanLength(country);
  if (want == 0) return std::nullopt;
  for (size_t i = b; i < e && static_cast<int>(iban.size()) < want; ++i) {
    char c = text[i];
    if (!IsAlnum(c)) continue;
    iban.push_back(c >= 'a' && c <= 'z' ? c - 32 : c);
    end = i + 1;
  }
  if (static_cast<int>(iban.size()) != want || !internal::IbanValid(iban)) {
    return std::nullopt;
  }
  if (end < text.size() && IsAlnum(text[end])) return std::nullopt;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(end)};
}

std::optional<Span> ValidateIpv4(std::string_view text, size_t b, size_t e) {
  if (b > 0 && (IsAlnum(text[b - 1]) || text[b - 1] == '.')) {
    return std::nullopt;  // v4.2.1.0, 1.2.3.4.5
  }
  if (e + 1 < text.size() && text[e] == '.' && IsDigit(text[e + 1])) {
    return std::nullopt;
  }
  int octet = 0;
  for (size_t i = b; i <= e; ++i) {
    if (i == e || text[i] == '.') {
      if (octet > 255) return std::nullopt;
      octet = 0;
    } else {
      octet = octet * 10 + (text[i] - '0');
    }
  }
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

std::optional<Span> ValidateIpv6(std::string_view text, size_t b, size_t e) {
  std::string s(text.substr(b, e - b));
  if (std::count(s.begin(), s.end(), ':') < 7 &&
      s.find("::") == std::string::npos) {
    return std::nullopt;
  }
  if (b > 0 && (IsAlnum(text[b - 1]) || text[b - 1] == ':')) {
    return std::nullopt;
  }
  unsigned char buf[16];
  if (inet_pton(AF_INET6, s.c_str(), buf) != 1) return std::nullopt;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

std::optional<Span> ValidateUrl(std::string_view text, size_t b, size_t e) {
  static constexpr std::string_view kTrailing = ".,;:!?)]}'\"*";
  while (e > b && kTrailing.find(text[e - 1]) != std::string_view::npos) --e;
  if (e - b < 5) return std::nullopt;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

std::optional<Span> ValidateEmail(std::string_view text, size_t b, size_t e) {
  while (b < e && text[b] == '.') ++b;
  if (b >= e || text[b] == '@') return std::nullopt;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

std::optional<Span> Validate(Cand cand, std::string_view text, size_t b,
                             size_t e) {
  switch (cand) {
    case Cand::kEmail: return ValidateEmail(text, b, e);
    case Cand::kUrl: return ValidateUrl(text, b, e);
    case Cand::kIban: return ValidateIban(text, b, e);
    case Cand::kCard: return ValidateCard(text, b, e);
    case Cand::kIpv4: return ValidateIpv4(text, b, e);
    case Cand::kIpv6: return ValidateIpv6(text, b, e);
    case Cand::kCustom:
      return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    default: return ValidatePhone(cand, text, b, e);
  }
}

// Cheap facts about a message that every candidate pattern needs to hold
// before RE2 can match it; one pass over the bytes.
struct Evidence {
  int digits = 0;
  int max_run = 0;  // most digits in one number ("+33 (0)6 12-34", "1.2.3")
  size_t first_digit = 0;
  size_t last_digit = 0;
  int dots = 0;
  int colons = 0;
  bool at = false;
  size_t first_at = 0;  // of the first and last '@', when `at`
  size_t last_at = 0;
  bool url = false;  // "://", "www." or a host with a path ("a.de/x")
};

bool IsNumberSeparator(char c) {
  return c == ' ' || c == '.' || c == '-' || c == '/' || c == '(' ||
         c == ')';
}

// Digits of the number ending at text[i], a digit, given the run so far:
// a number goes on across at most three separators ("-", ") ", " (",
// " / ").
int ExtendRun(std::string_view text, size_t i, int run) {
  if (i == 0 || IsDigit(text[i - 1])) return run + 1;
  size_t j = i;
  while (j > 0 && i - j < 3 && IsNumberSeparator(text[j - 1])) --j;
  return j < i && j > 0 && IsDigit(text[j - 1]) ? run + 1 : 1;
}

// Whether text[0..i) ends in ".xx", a dot and 2 to 24 ASCII letters (a
// top-level domain before a path).
bool TldBefore(std::string_view text, size_t i) {
  size_t letters = 0;
  while (letters < i && letters <= 24 &&
         IsAsciiAlpha(text[i - 1 - letters])) {
    ++letters;
  }
  return letters >= 2 && letters <= 24 && letters < i &&
         text[i - 1 - letters] == '.';
}

// The bytes Gather acts on; every other byte (letters, spaces, most
// punctuation, all of non-ASCII) is skipped.
inline bool GatherByte(unsigned char b) {
  return (b >= '0' && b <= '9') || b == '.' || b == ':' || b == '@' ||
         b == '/';
}

// Bit k set where block[k] is a byte Gather acts on (16 bytes).
inline uint32_t GatherMask16(const unsigned char* block) {
#if defined(__SSE2__)
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
  // Digits: v - '0' is 0..9; shifted by -128 that is the signed range
  // [-128, -119], the only bytes below -118.
  __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>('0' + 128)));
  __m128i hit = _mm_cmplt_epi8(shifted, _mm_set1_epi8(-118));
  for (char c : {'.', ':', '@', '/'}) {
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
  }
  return static_cast<uint32_t>(_mm_movemask_epi8(hit));
#else
  uint32_t mask = 0;
  for (int k = 0; k < 16; ++k) mask |= uint32_t{GatherByte(block[k])} << k;
  return mask;
#endif
}

bool IsW(char c) { return (c | 0x20) == 'w'; }

void GatherAt(std::string_view text, size_t i, int* run, Evidence* e) {
  char c = text[i];
  if (IsDigit(c)) {
    if (e->digits++ == 0) e->first_digit = i;
    e->last_digit = i;
    *run = ExtendRun(text, i, *run);
    e->max_run = std::max(e->max_run, *run);
  } else if (c == '.') {
    ++e->dots;
    e->url |= i >= 3 && IsW(text[i - 1]) && IsW(text[i - 2]) && IsW(text[i - 3]);
  } else if (c == ':') {
    ++e->colons;
    e->url |= i + 2 < text.size() && text[i + 1] == '/' && text[i + 2] == '/';
  } else if (c == '@') {
    if (!e->at) e->first_at = i;
    e->at = true;
    e->last_at = i;
  } else {  // '/'
    e->url |= TldBefore(text, i);
  }
}

// One pass over the bytes, 16 at a time: most blocks hold none that matter.
Evidence Gather(std::string_view text) {
  Evidence e;
  int run = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  for (; i + 16 <= text.size(); i += 16) {
    for (uint32_t m = GatherMask16(p + i); m != 0; m &= m - 1) {
      GatherAt(text, i + static_cast<size_t>(__builtin_ctz(m)), &run, &e);
    }
  }
  for (; i < text.size(); ++i) {
    if (GatherByte(p[i])) GatherAt(text, i, &run, &e);
  }
  return e;
}

// Whether a candidate of kind `cand` can occur in a text with evidence `e`.
// Most messages have no '@', no URL and no number of 8 digits or more, and
// so skip RE2 entirely.
bool Possible(Cand cand, const Evidence& e) {
  switch (cand) {
    case Cand::kEmail: return e.at;
    case Cand::kUrl: return e.url;
    case Cand::kIban: return e.max_run >= 8;  // BBANs end in >= 8 digits
    case Cand::kCard: return e.max_run >= 13;
    case Cand::kIpv4: return e.max_run >= 4 && e.dots >= 3;
    case Cand::kIpv6: return e.colons >= 2;
    case Cand::kCustom: return true;
    default: return e.max_run >= 8;  // phones
  }
}

bool ValidCustomName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return IsAlnum(c) || c == '_'; });
}

RE2::Options PatternOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

}  // namespace

void FindPlaceholders(std::string_view text, std::vector<Span>* out) {
  static constexpr std::string_view kFixed[] = {
      "<EMAIL>", "<PHONE>", "<CARD>", "<IBAN>", "<IP>", "<URL>"};
  for (size_t i = text.find('<'); i != std::string_view::npos;
       i = text.find('<', i + 1)) {
    std::string_view rest = text.substr(i);
    size_t len = 0;
    for (std::string_view p : kFixed) {
      if (rest.substr(0, p.size()) == p) len = p.size();
    }
    if (len == 0 && rest.substr(0, 8) == "<CUSTOM:") {
      // Names are at most 64 bytes: look no further (a flood of "<CUSTOM:"
      // must stay linear).
      size_t close = rest.substr(0, 8 + 64 + 1).find('>');
      if (close != std::string_view::npos) len = close + 1;
    }
    if (len > 0) {
      out->push_back(Span{static_cast<uint32_t>(i),
                          static_cast<uint32_t>(i + len)});
      i += len - 1;
    }
  }
}

std::string_view PiiTypeName(PiiType type) {
  static constexpr std::string_view kNames[kNumPiiTypes] = {
      "email", "phone", "card", "iban", "ip", "url", "custom"};
  return kNames[static_cast<int>(type)];
}

void Redaction::Clear() {
  text.clear();
  placeholders.clear();
  counts.fill(0);
}

// Candidate patterns are split by where they can match. Patterns built on
// digits (cards, IBANs, IPv4, phones) only run over the window that spans
// the message's digits; the others (e-mail, URL, IPv6, custom) over all of
// it. Each group has its own RE2::Set to say which patterns occur at all.
struct PatternGroup {
  std::unique_ptr<RE2::Set> set;
  std::vector<int> members;  // set index -> index into Impl::patterns
};

struct Pattern {
  std::unique_ptr<RE2> re;
  Cand cand;
  PiiType type;
  uint16_t custom;
};

struct PiiRedactor::Impl {
  PiiOptions options;
  std::vector<Pattern> patterns;
  PatternGroup digit_group;
  PatternGroup text_group;
  std::vector<std::string> custom_placeholders;

  Status Add(Cand cand, PiiType type, uint16_t custom, const std::string& pat,
             std::string_view label);
  Status Compile();
  void Scan(const PatternGroup& g, std::string_view text, size_t begin,
            size_t end, const Evidence& ev, std::vector<PiiMatch>* out) const;
  void FindAll(const Pattern& p, std::string_view text, size_t begin,
               size_t end, std::vector<PiiMatch>* out) const;
  // FindAll over the part of [begin, end) where `p` can match given `ev`.
  void Run(const Pattern& p, std::string_view text, size_t begin, size_t end,
           const Evidence& ev, std::vector<PiiMatch>* out) const;
};

namespace {

bool DigitBased(Cand c) {
  return c != Cand::kEmail && c != Cand::kUrl && c != Cand::kIpv6 &&
         c != Cand::kCustom;
}

// Widens [begin, end) by `margin` bytes each way, to code point boundaries.
std::pair<size_t, size_t> Widen(std::string_view text, size_t begin,
                                size_t end, size_t margin) {
  begin = begin > margin ? begin - margin : 0;
  end = std::min(text.size(), end + margin);
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80)
    --begin;
  while (end < text.size() &&
         (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    ++end;
  return {begin, end};
}

}  // namespace

Status PiiRedactor::Impl::Add(Cand cand, PiiType type, uint16_t custom,
                              const std::string& pat, std::string_view label) {
  auto re = std::make_unique<RE2>(pat, PatternOptions());
  if (!re->ok()) {
    return Status::InvalidPattern(std::string(label) + " (" + pat +
                                  "): " + re->error());
  }
  if (RE2::FullMatch("", *re)) {
    return Status::InvalidPattern(std::string(label) + " (" + pat +
                                  "): matches the empty string, so it would "
                                  "match everywhere (use + rather than *?)");
  }
  PatternGroup& g = DigitBased(cand) ? digit_group : text_group;
  std::string error;
  if (g.set->Add(pat, &error) < 0) {
    return Status::InvalidPattern(std::string(label) + " (" + pat +
                                  "): " + error);
  }
  g.members.push_back(static_cast<int>(patterns.size()));
  patterns.push_back(Pattern{std::move(re), cand, type, custom});
  return Status::Ok();
}

Status PiiRedactor::Impl::Compile() {
  for (PatternGroup* g : {&digit_group, &text_group}) {
    if (!g->members.empty() && !g->set->Compile()) {
      return Status::InvalidPattern("PII patterns: RE2::Set out of memory");
    }
  }
  return Status::Ok();
}

StatusOr<std::unique_ptr<PiiRedactor>> PiiRedactor::Create(
    const PiiOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  for (PatternGroup* g : {&impl->digit_group, &impl->text_group}) {
    g->set = std::make_unique<RE2::Set>(PatternOptions(), RE2::UNANCHORED);
  }
  for (const Builtin& b : kBuiltins) {
    if (!(options.*(b.enabled))) continue;
    KVETCH_RETURN_IF_ERROR(
        impl->Add(b.cand, b.type, 0, b.pattern, "built-in PII pattern"));
  }
  for (size_t i = 0; i < options.custom.size(); ++i) {
    const PiiPattern& p = options.custom[i];
    if (!ValidCustomName(p.name)) {
      return Status::InvalidArgument("custom PII pattern name '" + p.name +
                                     "' must be 1-64 of [A-Za-z0-9_]");
    }
    KVETCH_RETURN_IF_ERROR(impl->Add(Cand::kCustom, PiiType::kCustom,
                                     static_cast<uint16_t>(i), p.pattern,
                                     "custom PII pattern '" + p.name + "'"));
    impl->custom_placeholders.push_back("<CUSTOM:" + p.name + ">");
  }
  KVETCH_RETURN_IF_ERROR(impl->Compile());
  return std::unique_ptr<PiiRedactor>(new PiiRedactor(std::move(impl)));
}

PiiRedactor::PiiRedactor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PiiRedactor::~PiiRedactor() = default;

const PiiOptions& PiiRedactor::options() const { return impl_->options; }

void PiiRedactor::Impl::FindAll(const Pattern& p, std::string_view text,
                                size_t begin, size_t end,
                                std::vector<PiiMatch>* out) const {
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m;
  size_t pos = begin;
  // RE2 sees the whole text as context, so \b at the window edges is right.
  while (pos < end && p.re->Match(input, pos, end, RE2::UNANCHORED, &m, 1)) {
    size_t b = m.data() - text.data(), e = b + m.size();
    if (e == b) {
      pos = b + 1;  // an empty match inside text (a custom \b)
      continue;
    }
    std::optional<Span> span = Validate(p.cand, text, b, e);
    if (span) out->push_back(PiiMatch{*span, p.type, p.custom});
    pos = span ? std::max<size_t>(span->end, b + 1) : e;
  }
}

namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

// [begin, end) narrowed to the whitespace-delimited words holding the
// first and the last '@': an e-mail address holds no whitespace, so every
// match lies there.
std::pair<size_t, size_t> EmailWindow(std::string_view text, size_t begin,
                                      size_t end, const Evidence& ev) {
  size_t b = ev.first_at, e = ev.last_at + 1;
  while (b > begin && !IsAsciiSpace(text[b - 1])) --b;
  while (e < end && !IsAsciiSpace(text[e])) ++e;
  return {std::max(b, begin), std::min(e, end)};
}

}  // namespace

void PiiRedactor::Impl::Run(const Pattern& p, std::string_view text,
                            size_t begin, size_t end, const Evidence& ev,
                            std::vector<PiiMatch>* out) const {
  if (p.cand == Cand::kEmail) std::tie(begin, end) = EmailWindow(text, begin, end, ev);
  FindAll(p, text, begin, end, out);
}

void PiiRedactor::Impl::Scan(const PatternGroup& g, std::string_view text,
                             size_t begin, size_t end, const Evidence& ev,
                             std::vector<PiiMatch>* out) const {
  int possible = 0, only = -1;
  for (int k : g.members) {
    if (Possible(patterns[k].cand, ev)) {
      ++possible;
      only = k;
    }
  }
  if (possible == 0) return;
  // One candidate: the set would only say whether it occurs.
  if (possible == 1) return Run(patterns[only], text, begin, end, ev, out);
  std::vector<int> hits;
  re2::StringPiece window(text.data() + begin, end - begin);
  if (!g.set->Match(window, &hits)) return;
  std::sort(hits.begin(), hits.end());
  for (int h : hits) {
    const Pattern& p = patterns[g.members[h]];
    if (Possible(p.cand, ev)) Run(p, text, begin, end, ev, out);
  }
}

void PiiRedactor::Find(std::string_view text,
                       std::vector<PiiMatch>* out) const {
  const Impl& im = *impl_;
  Evidence ev = Gather(text);
  std::vector<PiiMatch> cands;
  if (ev.digits > 0) {
    // Margins cover what digit-based PII holds besides digits: "+", "(",
    // an IBAN's country code and trailing letters.
    auto [b, e] = Widen(text, ev.first_digit, ev.last_digit + 1, 12);
    im.Scan(im.digit_group, text, b, e, ev, &cands);
  }
  im.Scan(im.text_group, text, 0, text.size(), ev, &cands);
  // Leftmost, then longest, then the earlier pattern (custom ones last).
  std::stable_sort(cands.begin(), cands.end(),
                   [](const PiiMatch& a, const PiiMatch& b) {
                     if (a.span.begin != b.span.begin) {
                       return a.span.begin < b.span.begin;
                     }
                     return a.span.end > b.span.end;
                   });
  uint32_t covered = 0;
  for (const PiiMatch& m : cands) {
    if (m.span.begin < covered) continue;
    out->push_back(m);
    covered = m.span.end;
  }
}

std::string_view PiiRedactor::Placeholder(const PiiMatch& match) const {
  static constexpr std::string_view kPlaceholders[kNumPiiTypes] = {
      "<EMAIL>", "<PHONE>", "<CARD>", "<IBAN>", "<IP>", "<URL>", "<CUSTOM>"};
  if (match.type == PiiType::kCustom &&
      match.custom < impl_->custom_placeholders.size()) {
    return impl_->custom_placeholders[match.custom];
  }
  return kPlaceholders[static_cast<int>(match.type)];
}

void PiiRedactor::Redact(std::string_view text,
                         const std::vector<PiiMatch>& matches,
                         Redaction* out) const {
  out->Clear();
  size_t pos = 0;
  for (const PiiMatch& m : matches) {
    out->text.append(text.substr(pos, m.span.begin - pos));
    uint32_t begin = static_cast<uint32_t>(out->text.size());
    out->text.append(Placeholder(m));
    out->placeholders.push_back(
        Span{begin, static_cast<uint32_t>(out->text.size())});
    int32_t& count = out->counts[static_cast<int>(m.type)];
    if (count < INT32_MAX) ++count;  // reached only by a custom one-byte
                                     // pattern over a 2 GiB text
    pos = m.span.end;
  }
  out->text.append(text.substr(pos));
}

}  // namespace kvetch
