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
// that start with '>' are skipped separately by the units. `sign_offs`
// false keeps sign-off lines and what follows them up to the next other
// marker: the language of "Mit freundlichen Grüßen" is the writer's, while
// a client footer or a quoted reply may be in another one. Thread-safe;
// O(n) (RE2).
size_t BodyEnd(const Document& doc, bool sign_offs = true);

}  // namespace kvetch

#endif  // KVETCH_BODY_H_
