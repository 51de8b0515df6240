// kvetch/signals.h: customer-service signals from RE2 rule packs.
//
//   kvetch::SignalOptions opts;
//   opts.rules_path = "models/signals/rules.tsv";     // the bundled packs
//   opts.rules.push_back({"churn", "en", R"(\bport(ing)? my number\b)", ""});
//   auto m = kvetch::SignalMatcher::Create(opts);
//   if (!m.ok()) return m.status();  // names file:line or rule, RE2's reason
//   kvetch::SignalSet s = (*m)->Match(doc.norm);   // doc: text.h Document
//   if (s.Has(kvetch::Signal::kChurn)) ...
//
// Four signals:
//   effort      repeat contact and customer effort: "third time", "still not",
//               "I've called three times", "encore une fois", "schon wieder"
//   churn       intent to leave: "cancel my subscription", "close my
//               account", "I'm switching to another provider"; cancelling
//               one order is not churn
//   urgency     "urgent", "asap", "as soon as possible", "need it by Friday"
//   escalation  asking for a manager, supervisor or human, to escalate, or
//               threatening a formal complaint / legal action
//
// Rules: one RE2 pattern per row of a TSV file (columns signal, lang,
// pattern, comment; see models/signals/rules.tsv), plus rules given in
// SignalOptions::rules (a user's config file). Patterns run on the row's
// normalised text (NFKC + full case folding, PII already replaced by
// placeholders such as "<EMAIL>"), so built-in patterns are lower case and
// accept unaccented spellings; user rules are matched case-insensitively.
// RE2's \b is ASCII-only: rules put it next to ASCII letters only.
//
// Negation: rows whose signal is "negation" are cues, written to match the
// text just before a hit ("don't want to", "no need to", "je ne veux pas",
// "ich will nicht", "no quiero"); the matcher anchors them at the hit. A hit
// whose preceding text (within kNegationWindow bytes, from a word start)
// ends in a cue does not fire; the next occurrence of the rule may. Cues of
// every loaded language apply to every rule, each cue being a whole
// alternative of its own language: "niet urgent" is negated although
// "urgent" is also an English rule. Cues bridge only whitespace and a few
// listed words ("want", "need", "to"), so punctuation and other words end
// their scope: "not working, I want to cancel" fires churn, "I can't log
// in, this is the third time" fires effort, "I don't know how to cancel my
// account" fires churn. "can't" is no cue: "I can't cancel my subscription"
// is churn.
//
// Exceptions: rows whose signal is "!churn" (or !effort, !urgency,
// !escalation) stand in for the look-around RE2 does not have. A hit that
// overlaps a match of its signal's exceptions (looked for within
// kNegationWindow bytes around the hit) does not fire: "cancel my
// subscription to the newsletter" is no churn.
//
// Packs: every message is matched against every loaded language pack, not
// only the pack of its detected language: short messages are often
// misdetected, customers mix languages, and the packs' phrases rarely mean
// something else in another language. SignalOptions::languages restricts
// which packs are loaded.
//
// Not done: sarcasm, hypotheticals ("if this happens again I'll cancel"
// fires churn), negation that spans clauses ("I never said I want to cancel"
// fires). Packs: en fr de es it pt nl, and pl sv tr ru ja ar, whose
// rules write word starts as (?:^|[^\pL\pN]) since \b is ASCII-only.
//
// A SignalMatcher is immutable after Create and thread-safe: share one
// across threads. Match runs in time linear in the text (RE2 automata; each
// hit's negation check reads at most kNegationWindow bytes) and allocates
// only a small vector per call.
#ifndef KVETCH_SIGNALS_H_
#define KVETCH_SIGNALS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kvetch/status.h"
#include "kvetch/text.h"

namespace kvetch {

enum class Signal : uint8_t {
  kEffort = 0,
  kChurn = 1,
  kUrgency = 2,
  kEscalation = 3,
};
inline constexpr int kNumSignals = 4;

// "effort", "churn", "urgency", "escalation".
std::string_view SignalName(Signal signal);

// Bytes before a hit in which a negation cue is looked for.
inline constexpr size_t kNegationWindow = 64;

// A bit per Signal.
struct SignalSet {
  uint8_t bits = 0;
  bool Has(Signal s) const { return bits >> static_cast<int>(s) & 1; }
  void Add(Signal s) { bits |= uint8_t{1} << static_cast<int>(s); }
};

// One rule. `signal` is a SignalName, "negation", or "!" and a SignalName
// (an exception); `lang` an ISO 639-1 code
// or empty (any language); `pattern` RE2 syntax, matched unanchored.
// `source` names the rule in errors ("kvetch.toml: signals.rules[2]");
// empty: "signal rule N".
struct SignalRule {
  std::string signal;
  std::string lang;
  std::string pattern;
  std::string source;
};

struct SignalOptions {
  // A rules file (TSV: signal, lang, pattern, comment; '#' lines and blank
  // lines skipped; a first line whose first cell is "signal", any case,
  // after an optional UTF-8 BOM, is the header). Empty: no file.
  std::string rules_path;
  // Extra rules (a user's config), matched case-insensitively.
  std::vector<SignalRule> rules;
  // Packs to load from rules_path, by lang (empty: all); an error naming
  // each one that has no rule in the file or in `rules` (a typo, "xx"). Rules in `rules` are
  // always loaded, and so are the file's negation cues of their languages
  // (every language's for a rule without lang): a user's German rule stays
  // negation-aware under languages = {"en"}.
  std::vector<std::string> languages;
  // Load only the negation cues of rules_path (those `languages` and
  // `rules` select): a user's own rules without the built-in packs.
  bool cues_only = false;
};

// Where one rule matched (Explain).
struct SignalHit {
  Signal signal = Signal::kEffort;
  int rule = 0;  // Index into SignalMatcher::rules().
  Span span;     // In the text given to Explain.
  bool negated = false;   // A negation cue governs it.
  bool excepted = false;  // It overlaps an exception of its signal.
};

// Appends `norm` (a Document's normalised text) to *out as the rules read
// it: without Arabic diacritics (U+064B..U+065F, U+0670) and tatweel
// (U+0640), so that "أُرِيدُ إِلْغَاءَ اشْتِرَاكِي" and "شكـــرا" meet rules
// written for plain text, and without the combining dot above (U+0307)
// after "i", which case folding leaves from Turkish "İ" ("İPTAL" folds to
// "i̇ptal"; rules spell "iptal"). Other text is copied unchanged. Callers
// of Match and Explain pass its output; rule patterns get the same
// treatment when they are compiled.
void AppendSignalText(std::string_view norm, std::string* out);

class SignalMatcher {
 public:
  // Reads and compiles the rules. Errors: kIoError when the file cannot be
  // read; kInvalidArgument for a bad row or rule (unknown signal, wrong
  // number of columns), kInvalidPattern when RE2 rejects a pattern; the
  // message names the file and line (or the rule's source) and RE2's reason.
  static StatusOr<std::unique_ptr<SignalMatcher>> Create(
      const SignalOptions& options);
  ~SignalMatcher();

  // The signals that fire in `norm` (a Document's normalised text, valid
  // UTF-8). Thread-safe; linear in norm.size().
  SignalSet Match(std::string_view norm) const;

  // Appends every hit of every rule to *out, negated ones included, in
  // rule order; for showing why a signal fired. Linear in norm.size() per
  // rule that occurs. Thread-safe.
  void Explain(std::string_view norm, std::vector<SignalHit>* out) const;

  // The loaded signal rules (negation cues excluded), in index order.
  const std::vector<SignalRule>& rules() const;
  const SignalOptions& options() const;

 private:
  struct Impl;
  explicit SignalMatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kvetch

#endif  // KVETCH_SIGNALS_H_
