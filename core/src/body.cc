// The body of a message: one RE2 over the case-folded text finds the first
// line where quoted replies, signatures, footers or disclaimers begin.
#include "kvetch/body.h"

#include <re2/re2.h>

#include <cstring>
#include <string>

namespace kvetch {
namespace {

// What opens the rest of a message, as alternatives after "(?m)\n[ \t>]*";
// each spans the rest of its line or (sign-offs) is a whole line.
// Quoted replies: text someone else wrote, in the thread's language.
constexpr char kQuotes[] =
    "_{5,}|-{3,} ?[^\\n]{0,30}(?:original|origine|ursprüngliche|"
    "originale|oorspronkelijk)[^\\n]{0,20}-{3,}|"
    "(?:on|le|am|el|il|em|op) [^\\n]{0,100}(?:wrote|a écrit|a ecrit|"
    "schrieb|escribió|escribio|ha scritto|escreveu|schreef)[^\\n]{0,40}:|"
    "(?:from|de|von|da|van) ?:[^\\n]*";

// Signatures, mail clients' footers and disclaimers: boilerplate, often in
// English whatever the message's language.
constexpr char kFooters[] =
    "-- ?|"
    "(?:sent from my|envoyé de mon|envoye de mon|enviado desde mi|"
    "inviato da|enviado do meu|verzonden (?:vanaf|met) mijn|von meinem) "
    "[^\\n]*|"
    "(?:get|download|holen sie sich|obtenir|descargar|scarica|baixe) "
    "outlook (?:for|pour|für|para|per|voor) [^\\n]*|"
    "sent (?:from|with|via) (?:outlook|gmail|yahoo|mail for|samsung|"
    "my mobile|my phone|my android|iphone|ipad)[^\\n]*|"
    // Disclaimers and notices (English, the usual corporate footer).
    "(?:confidentiality (?:notice|note)|disclaimer|legal notice)\\b[^\\n]*|"
    "this (?:e-?mail|message|communication)[^\\n]{0,60}"
    "(?:is|are|may (?:be|contain)) (?:strictly )?(?:confidential|privileged|"
    "intended (?:only |solely )?for the (?:use|addressee|recipient|named|"
    "person))[^\\n]*|"
    "if you (?:have )?received this (?:e-?mail|message|communication)"
    "[^\\n]*|"
    "the information (?:contained )?in this (?:e-?mail|message)[^\\n]*|"
    "please consider the environment[^\\n]*";

// Sign-offs alone on their line, in the 7 main languages.
constexpr char kSignOffs[] =
    "(?:(?:best|kind|warm|many|with) )?regards|"
    "(?:thanks|thank you)(?: again| in advance)?|cheers|sincerely|"
    "merci d'avance|danke im voraus|gracias de antemano|"
    "grazie in anticipo|obrigad[oa] desde já|alvast bedankt|"
    "cordialement|bien (?:à|a) vous|"
    "mit freundlichen gr(?:ü|u|ue)(?:ss|ß)en|(?:viele|liebe|beste) "
    "gr(?:ü|u|ue)(?:ss|ß)e|mfg|saludos(?: cordiales)?|un saludo|"
    "atentamente|(?:cordiali |distinti )?saluti|atenciosamente|"
    "cumprimentos|met vriendelijke groet(?:en)?|groeten";

const RE2* Compile(BodyMarkers markers) {
  std::string alternatives = kFooters;
  if (markers != BodyMarkers::kFooters) {
    alternatives += std::string("|") + kQuotes;
  }
  if (markers == BodyMarkers::kAll) alternatives += std::string("|") + kSignOffs;
  return new RE2("(?m)(\\n)[ \\t>]*(?:" + alternatives +
                 ")[ \\t]*[,.!]?[ \\t]*$");
}

const RE2& BodyEndPattern(BodyMarkers markers) {
  static const RE2* all = Compile(BodyMarkers::kAll);
  static const RE2* no_sign_offs = Compile(BodyMarkers::kNoSignOffs);
  static const RE2* footers = Compile(BodyMarkers::kFooters);
  switch (markers) {
    case BodyMarkers::kNoSignOffs: return *no_sign_offs;
    case BodyMarkers::kFooters: return *footers;
    default: return *all;
  }
}

}  // namespace

size_t BodyEnd(const Document& doc, BodyMarkers markers) {
  const std::string& s = doc.norm;
  if (std::memchr(s.data(), '\n', s.size()) == nullptr) return s.size();
  re2::StringPiece nl;
  if (!RE2::PartialMatch(s, BodyEndPattern(markers), &nl) ||
      nl.data() == nullptr) {
    return s.size();
  }
  size_t at = static_cast<size_t>(nl.data() - s.data());
  return at == 0 ? s.size() : at;
}

}  // namespace kvetch
