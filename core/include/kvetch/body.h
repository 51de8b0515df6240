// kvetch/body.h: where the customer's own words end in a message.
//
//   size_t end = kvetch::BodyEnd(doc);   // doc from Tokenizer
//   std::string_view body = std::string_view(doc.norm).substr(0, end);
//
// E-mails carry text the customer did not write for this message: a quoted
// reply, a signature, a mail client's footer ("Sent from my iPhone", "Get
// Outlook for Android"), a legal disclaimer. Emotion, language and the
// clusters' vectors read the body only.
#ifndef KVETCH_BODY_H_
#define KVETCH_BODY_H_

#include <cstddef>

#include "kvetch/text.h"

namespace kvetch {

// The byte offset in doc.norm where the body ends: the start of the first
// line that opens a quoted reply ("On ... wrote:", "Le ... a écrit :",
// "-----Original Message-----", "From: ..."), a signature ("-- "), a
// sign-off alone on its line ("Best regards,", in the 7 main languages), a
// mail client's footer ("Sent from my ...", "Get Outlook for ...") or a
// disclaimer ("This e-mail and any attachments are confidential ...",
// "If you received this message in error ..."). Never 0: a first line is
// always body. doc.norm.size() when there is none, or no line break. Lines
// that start with '>' are skipped separately by the units. `markers` says
// which of them end the body (see BodyMarkers). Thread-safe; O(n) (RE2).
enum class BodyMarkers {
  kAll,         // quoted replies, signatures, footers, disclaimers, sign-offs
  kNoSignOffs,  // the same but sign-offs: "Mit freundlichen Grüßen" is in
                // the writer's language (language ID)
  kFooters,     // signatures, client footers and disclaimers only: text a
                // machine adds, often in English whatever the message's
                // language; a quoted reply is in the thread's language
};
size_t BodyEnd(const Document& doc, BodyMarkers markers = BodyMarkers::kAll);

}  // namespace kvetch

#endif  // KVETCH_BODY_H_
