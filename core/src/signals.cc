// Signal rules. A cheap prefilter says which rules may occur in the
// normalised text; only those run on their own, to find each occurrence and
// check the text before it for a negation cue. A signal fires on its first
// occurrence that no cue governs, and the rules of a signal that fired are
// not run again, so a message costs the prefilter plus, per candidate rule,
// one scan that stops at the first un-negated hit.
//
// The prefilter is RE2's FilteredRE2: each rule is reduced to the literal
// atoms any match must contain, one RE2::Set of those literals (a small,
// trie-shaped DFA) finds the atoms present, and the rules whose atoms are
// present are the candidates. Rules with no usable atoms are looked for with
// a second, exact RE2::Set over just them. Candidates are a superset of the
// rules that match, so the result is the one a Set over every rule would
// give; the gain is that one Set over ~100 alternation-heavy rules builds a
// large lazy DFA, one new state per new stretch of text, which cost ~0.3 s
// on the first 10,000 messages of a process.
//
// Exceptions ("!churn" rows) cover what RE2, having no look-around, cannot
// say inside a rule: a hit that overlaps a match of its signal's
// exceptions, looked for within kNegationWindow bytes around the hit, does
// not fire ("cancel my subscription to the newsletter").
//
// Cues are anchored at the end of a short window that ends at the hit and
// starts at a word boundary: RE2 treats the window as the whole text, so
// "$" means "right before the hit" and "\b" at the window's start is a real
// word start. Should the Set's DFA run out of memory on some input, every
// rule runs on its own instead: slower, same result.
#include "kvetch/signals.h"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace kvetch {
namespace {

constexpr std::string_view kNegation = "negation";

// Atoms shorter than this are not looked for: a rule alternative that
// needs one counts as having none (see CompileRules).
constexpr int kMinAtomLen = 3;

bool ParseSignal(std::string_view name, Signal* out) {
  for (int s = 0; s < kNumSignals; ++s) {
    if (SignalName(static_cast<Signal>(s)) == name) {
      *out = static_cast<Signal>(s);
      return true;
    }
  }
  return false;
}

RE2::Options RuleOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  for (size_t tab; (tab = line.find('\t', start)) != std::string_view::npos;
       start = tab + 1) {
    cells.push_back(line.substr(start, tab - start));
  }
  cells.push_back(line.substr(start));
  return cells;
}

bool Wanted(const std::string& lang, const std::vector<std::string>& langs) {
  return langs.empty() || lang.empty() ||
         std::find(langs.begin(), langs.end(), lang) != langs.end();
}

// Which rows of a rules file to load: the packs of `languages` (empty:
// all), or only their negation cues; cues of `cue_languages` too.
struct RowFilter {
  std::vector<std::string> languages;
  std::vector<std::string> cue_languages;
  bool cues_only = false;
  bool all_cues = false;  // A user rule without lang: every pack's cues.

  bool Wants(const SignalRule& r) const {
    if (r.signal != kNegation) return !cues_only && Wanted(r.lang, languages);
    return all_cues || Wanted(r.lang, languages) ||
           std::find(cue_languages.begin(), cue_languages.end(), r.lang) !=
               cue_languages.end();
  }
};

RowFilter FilterFor(const SignalOptions& o) {
  RowFilter f{o.languages, {}, o.cues_only, false};
  for (const SignalRule& r : o.rules) {
    if (r.lang.empty()) f.all_cues = true;
    f.cue_languages.push_back(r.lang);
  }
  return f;
}

// The first column of a header line: "signal", in any case.
bool IsHeader(std::string_view cell) {
  constexpr std::string_view kWord = "signal";
  if (cell.size() != kWord.size()) return false;
  for (size_t i = 0; i < cell.size(); ++i) {
    if ((cell[i] | 0x20) != kWord[i]) return false;
  }
  return true;
}

// Appends the rules of the TSV file at `path` (see signals.h) to *out.
Status ReadRules(const std::string& path, const RowFilter& filter,
                 std::vector<SignalRule>* out) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::IoError(path + ": a directory, not a signal rules file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open signal rules");
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // BOM
    std::vector<std::string_view> cells = SplitTabs(line);
    if (line_no == 1 && IsHeader(cells[0])) continue;
    std::string source = path + ":" + std::to_string(line_no);
    if (cells.size() < 3 || cells.size() > 4) {
      return Status::InvalidArgument(
          source + ": expected 3 or 4 tab-separated columns (signal, lang, "
                   "pattern, comment), got " + std::to_string(cells.size()));
    }
    SignalRule r{std::string(cells[0]), std::string(cells[1]),
                 std::string(cells[2]), std::move(source)};
    if (filter.Wants(r)) out->push_back(std::move(r));
  }
  if (in.bad()) return Status::IoError(path + ": read error");
  return Status::Ok();
}

// An error when no language of `wanted` has a rule, in `rules_path` or in
// `extra`: misspelt codes would otherwise turn every signal off without a
// word. Some of them without rules is fine (a mixed archive's list).
Status CheckLanguages(const std::string& rules_path,
                      const std::vector<std::string>& wanted,
                      const std::vector<SignalRule>& extra) {
  std::vector<SignalRule> all = extra;
  KVETCH_RETURN_IF_ERROR(ReadRules(rules_path, RowFilter{}, &all));
  std::vector<std::string> have;
  for (const SignalRule& r : all) {
    if (!r.lang.empty() &&
        std::find(have.begin(), have.end(), r.lang) == have.end()) {
      have.push_back(r.lang);
    }
  }
  std::string missing;
  for (const std::string& lang : wanted) {
    if (std::find(have.begin(), have.end(), lang) == have.end()) {
      missing += (missing.empty() ? "'" : ", '") + lang + "'";
    }
  }
  if (missing.empty()) return Status::Ok();
  std::string known;
  for (const std::string& h : have) known += (known.empty() ? "" : ", ") + h;
  return Status::InvalidArgument(rules_path + ": no rules for " + missing +
                                 "; it has: " + known);
}

std::string Describe(const SignalRule& r, size_t index) {
  std::string src = r.source.empty()
                        ? "signal rule " + std::to_string(index)
                        : r.source;
  std::string what = r.signal + (r.lang.empty() ? "" : " (" + r.lang + ")");
  return src + ": " + what + " rule '" + r.pattern + "'";
}

// Moves `from` forward to a word start: past the first whitespace at or
// after it, unless it is the text's start or already follows whitespace.
size_t WordStart(std::string_view text, size_t from, size_t end) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  if (from == 0 || space(text[from - 1])) return from;
  while (from < end && !space(text[from])) ++from;
  return from;
}

}  // namespace

std::string_view SignalName(Signal signal) {
  static constexpr std::string_view kNames[kNumSignals] = {
      "effort", "churn", "urgency", "escalation"};
  auto i = static_cast<int>(signal);
  return i < kNumSignals ? kNames[i] : "unknown";
}

struct SignalMatcher::Impl {
  struct Compiled {
    const RE2* re;  // owned by `filter`
    Signal signal;
    const RE2* negation;  // null: no cue applies
  };

  SignalOptions options;
  std::vector<SignalRule> rules;     // signal rules, index = set index
  std::vector<Compiled> compiled;
  std::vector<std::string> cues;   // negation patterns
  std::unique_ptr<RE2> negation;   // null without cues
  std::vector<std::string> exceptions[kNumSignals];  // "!signal" patterns
  std::unique_ptr<RE2> exception_re[kNumSignals];     // null without any
  // The prefilter (see the file comment); it also owns each rule's RE2,
  // compiled once (rule i is its regexp i). unfiltered[i] is the rule
  // index of unfiltered_set's pattern i.
  std::unique_ptr<re2::FilteredRE2> filter =
      std::make_unique<re2::FilteredRE2>(kMinAtomLen);
  std::unique_ptr<RE2::Set> atom_set;        // null: no atoms
  std::unique_ptr<RE2::Set> unfiltered_set;  // null: every rule has atoms
  std::vector<int> unfiltered;

  Status Add(const SignalRule& r, size_t index, bool fold_case);
  Status CompileNegations();
  Status CompileRules();
  Status CompileAtoms(const std::vector<std::string>& atoms);
  Status CompileUnfiltered();
  bool Negated(const Compiled& r, std::string_view text,
               size_t begin) const;
  bool Excepted(const Compiled& r, std::string_view text, size_t begin,
                size_t end) const;
  bool FiresIn(const Compiled& r, std::string_view text) const;
  std::vector<int> Candidates(std::string_view text) const;
};

Status SignalMatcher::Impl::Add(const SignalRule& r, size_t index,
                                bool fold_case) {
  Signal signal = Signal::kEffort;
  std::string_view name = r.signal;
  if (!name.empty() && name[0] == '!') name.remove_prefix(1);
  if (r.signal != kNegation && !ParseSignal(name, &signal)) {
    return Status::InvalidArgument(
        Describe(r, index) + ": unknown signal '" + r.signal +
        "' (known: effort, churn, urgency, escalation, negation, and "
        "!effort ... !escalation for exceptions)");
  }
  // Patterns read the text as AppendSignalText leaves it: marks it drops
  // are dropped from the pattern too ("مؤقتاً" matches "مؤقتا"), and the
  // checks below see the pattern as it will run (one of marks alone
  // would otherwise match everywhere).
  std::string stripped;
  AppendSignalText(r.pattern, &stripped);
  std::string pattern = fold_case ? "(?i)" + stripped : stripped;
  const bool rule = r.signal != kNegation && r.signal[0] != '!';
  // A rule is compiled once, into the prefilter; cues and exceptions are
  // compiled here to be checked, and again joined (CompileNegations).
  std::unique_ptr<RE2> check;
  const RE2* re = nullptr;
  if (rule) {
    int id = -1;
    if (filter->Add(pattern, RuleOptions(), &id) == RE2::NoError) {
      re = &filter->GetRE2(id);
    }
  }
  if (re == nullptr) {
    check = std::make_unique<RE2>(pattern, RuleOptions());
    if (!check->ok() || rule) {  // a rule here failed to compile
      // The error quotes the pattern as written, without an added "(?i)".
      RE2 as_written(stripped, RuleOptions());
      return Status::InvalidPattern(
          Describe(r, index) + ": " +
          (as_written.ok() ? check->error() : as_written.error()));
    }
    re = check.get();
  }
  if (RE2::FullMatch("", *re)) {
    return Status::InvalidPattern(Describe(r, index) +
                                  ": matches the empty string");
  }
  if (r.signal == kNegation) {
    cues.push_back(pattern);
  } else if (!rule) {
    exceptions[static_cast<int>(signal)].push_back(pattern);
  } else {
    rules.push_back(r);
    rules.back().pattern = pattern;
    compiled.push_back(Compiled{re, signal, nullptr});
  }
  return Status::Ok();
}

// One RE2 over every loaded language's cues, anchored at the end of the
// window. Each cue is a whole alternative, so cues and the words they
// bridge never mix across languages; checking all languages lets a word
// shared by several packs ("urgent" in en, fr, nl) be negated in each.
Status SignalMatcher::Impl::CompileNegations() {
  std::string joined;
  for (const std::string& p : cues) {
    joined += (joined.empty() ? "(?:" : "|(?:") + p + ")";
  }
  if (!joined.empty()) {
    negation =
        std::make_unique<RE2>("(?:" + joined + ")\\s*$", RuleOptions());
    if (!negation->ok()) {
      return Status::InvalidPattern("negation cues: " + negation->error());
    }
  }
  for (int s = 0; s < kNumSignals; ++s) {
    std::string alt;
    for (const std::string& p : exceptions[s]) {
      alt += (alt.empty() ? "(?:" : "|(?:") + p + ")";
    }
    if (alt.empty()) continue;
    exception_re[s] = std::make_unique<RE2>(alt, RuleOptions());
    if (!exception_re[s]->ok()) {
      return Status::InvalidPattern("exceptions: " + exception_re[s]->error());
    }
  }
  return Status::Ok();
}

Status SignalMatcher::Impl::CompileRules() {
  if (rules.empty()) return Status::Ok();
  for (Compiled& c : compiled) c.negation = negation.get();
  std::vector<std::string> atoms;
  filter->Compile(&atoms);
  KVETCH_RETURN_IF_ERROR(CompileAtoms(atoms));
  return CompileUnfiltered();
}

// The atoms are lower case; matching them case-insensitively keeps the
// prefilter a superset whatever the case of the text.
Status SignalMatcher::Impl::CompileAtoms(
    const std::vector<std::string>& atoms) {
  if (atoms.empty()) return Status::Ok();
  RE2::Options o = RuleOptions();
  o.set_literal(true);
  o.set_case_sensitive(false);
  atom_set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
  for (const std::string& a : atoms) {
    std::string error;
    if (atom_set->Add(a, &error) < 0) {
      return Status::InvalidPattern("signal rules: atom '" + a + "': " + error);
    }
  }
  if (!atom_set->Compile()) {
    return Status::InvalidPattern("signal rules: atom RE2::Set out of memory");
  }
  return Status::Ok();
}

// The rules every text passes the filter for: those FilteredRE2 reports
// as potential when no atom is present.
Status SignalMatcher::Impl::CompileUnfiltered() {
  filter->AllPotentials({}, &unfiltered);
  if (unfiltered.empty()) return Status::Ok();
  std::sort(unfiltered.begin(), unfiltered.end());
  unfiltered_set = std::make_unique<RE2::Set>(RuleOptions(), RE2::UNANCHORED);
  for (int i : unfiltered) {
    std::string error;
    if (unfiltered_set->Add(rules[i].pattern, &error) < 0) {
      return Status::InvalidPattern(Describe(rules[i], i) + ": " + error);
    }
  }
  if (!unfiltered_set->Compile()) {
    return Status::InvalidPattern("signal rules: RE2::Set out of memory");
  }
  return Status::Ok();
}

StatusOr<std::unique_ptr<SignalMatcher>> SignalMatcher::Create(
    const SignalOptions& options) {
  std::vector<SignalRule> file_rules;
  if (!options.rules_path.empty()) {
    KVETCH_RETURN_IF_ERROR(
        ReadRules(options.rules_path, FilterFor(options), &file_rules));
    if (!options.languages.empty()) {
      KVETCH_RETURN_IF_ERROR(
          CheckLanguages(options.rules_path, options.languages, options.rules));
    }
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  for (size_t i = 0; i < file_rules.size(); ++i) {
    KVETCH_RETURN_IF_ERROR(impl->Add(file_rules[i], i, /*fold_case=*/false));
  }
  for (size_t i = 0; i < options.rules.size(); ++i) {
    KVETCH_RETURN_IF_ERROR(impl->Add(options.rules[i], i, /*fold_case=*/true));
  }
  KVETCH_RETURN_IF_ERROR(impl->CompileNegations());
  KVETCH_RETURN_IF_ERROR(impl->CompileRules());
  return std::unique_ptr<SignalMatcher>(new SignalMatcher(std::move(impl)));
}

SignalMatcher::SignalMatcher(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
SignalMatcher::~SignalMatcher() = default;

const std::vector<SignalRule>& SignalMatcher::rules() const {
  return impl_->rules;
}
const SignalOptions& SignalMatcher::options() const { return impl_->options; }

bool SignalMatcher::Impl::Negated(const Compiled& r, std::string_view text,
                                  size_t begin) const {
  if (r.negation == nullptr || begin == 0) return false;
  size_t from = begin > kNegationWindow ? begin - kNegationWindow : 0;
  while (from < begin &&
         (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) {
    ++from;  // to a code point boundary
  }
  from = WordStart(text, from, begin);
  if (from >= begin) return false;
  return RE2::PartialMatch(text.substr(from, begin - from), *r.negation);
}

bool SignalMatcher::Impl::Excepted(const Compiled& r,
                                   std::string_view text, size_t begin,
                                   size_t end) const {
  const RE2* ex = exception_re[static_cast<int>(r.signal)].get();
  if (ex == nullptr) return false;
  size_t from = begin > kNegationWindow ? begin - kNegationWindow : 0;
  size_t to = std::min(text.size(), end + kNegationWindow);
  while (from < begin &&
         (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) {
    ++from;
  }
  while (to < text.size() &&
         (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) {
    ++to;
  }
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m;
  for (size_t pos = from;
       pos < to && ex->Match(input, pos, to, RE2::UNANCHORED, &m, 1);) {
    size_t b = m.data() - text.data(), e = b + m.size();
    if (b < end && e > begin) return true;
    if (b >= end) return false;
    pos = std::max(e, b + 1);
  }
  return false;
}

bool SignalMatcher::Impl::FiresIn(const Compiled& r,
                                  std::string_view text) const {
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m;
  size_t pos = 0;
  while (pos < text.size() &&
         r.re->Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    size_t b = m.data() - text.data();
    if (!Negated(r, text, b) && !Excepted(r, text, b, b + m.size())) {
      return true;
    }
    pos = std::max(b + m.size(), b + 1);
  }
  return false;
}

// Indices of the rules that may occur in `text`, sorted: a superset of
// those that do (all rules if a Set's DFA gave up).
std::vector<int> SignalMatcher::Impl::Candidates(std::string_view text) const {
  std::vector<int> hits, atoms;
  RE2::Set::ErrorInfo error;
  bool gave_up = false;
  if (atom_set != nullptr && !atom_set->Match(text, &atoms, &error)) {
    gave_up = error.kind != RE2::Set::kNoError;
  }
  if (unfiltered_set != nullptr && !unfiltered_set->Match(text, &hits, &error)) {
    gave_up = gave_up || error.kind != RE2::Set::kNoError;
  }
  if (gave_up) {
    hits.resize(rules.size());
    for (size_t i = 0; i < hits.size(); ++i) hits[i] = static_cast<int>(i);
    return hits;
  }
  for (int& h : hits) h = unfiltered[h];
  if (!atoms.empty()) {
    std::vector<int> potential;
    filter->AllPotentials(atoms, &potential);
    for (int p : potential) {
      if (!std::binary_search(unfiltered.begin(), unfiltered.end(), p)) {
        hits.push_back(p);
      }
    }
  }
  std::sort(hits.begin(), hits.end());
  return hits;
}

void AppendSignalText(std::string_view norm, std::string* out) {
  // In UTF-8 an Arabic mark is 0xD9 then 0x80, 0x8B..0x9F or 0xB0; the
  // combining dot above (U+0307) is 0xCC 0x87.
  size_t start = 0;
  for (size_t i = 0; i + 1 < norm.size(); ++i) {
    const unsigned char a = static_cast<unsigned char>(norm[i]);
    const unsigned char b = static_cast<unsigned char>(norm[i + 1]);
    const bool arabic = a == 0xD9 && (b == 0x80 || (b >= 0x8B && b <= 0x9F) || b == 0xB0);
    const bool dotted_i = a == 0xCC && b == 0x87 && i > 0 && norm[i - 1] == 'i';
    if (!arabic && !dotted_i) continue;
    out->append(norm.substr(start, i - start));
    start = i + 2;
    ++i;
  }
  out->append(norm.substr(start));
}

SignalSet SignalMatcher::Match(std::string_view norm) const {
  SignalSet out;
  if (impl_->rules.empty() || norm.empty()) return out;
  for (int h : impl_->Candidates(norm)) {
    const Impl::Compiled& r = impl_->compiled[h];
    if (!out.Has(r.signal) && impl_->FiresIn(r, norm)) out.Add(r.signal);
  }
  return out;
}

void SignalMatcher::Explain(std::string_view norm,
                            std::vector<SignalHit>* out) const {
  if (impl_->rules.empty() || norm.empty()) return;
  re2::StringPiece input(norm.data(), norm.size());
  for (int h : impl_->Candidates(norm)) {
    const Impl::Compiled& r = impl_->compiled[h];
    re2::StringPiece m;
    size_t pos = 0;
    while (pos < norm.size() &&
           r.re->Match(input, pos, norm.size(), RE2::UNANCHORED, &m, 1)) {
      size_t b = m.data() - norm.data(), e = b + m.size();
      out->push_back(SignalHit{
          r.signal, h,
          Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)},
          impl_->Negated(r, norm, b), impl_->Excepted(r, norm, b, e)});
      pos = std::max(b + m.size(), b + 1);
    }
  }
}

}  // namespace kvetch
