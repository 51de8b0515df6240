#include "kvetch/body.h"

#include <catch2/catch.hpp>
#include <string>

namespace kvetch {
namespace {

Document Tokens(const std::string& text) {
  Tokenizer tok;
  Document d;
  tok.NormalizeAndTokenize(text, {}, &d);
  return d;
}

std::string Body(const std::string& text) {
  Document d = Tokens(text);
  return d.norm.substr(0, BodyEnd(d));
}

TEST_CASE("BodyEnd: quoted replies and signatures", "[body]") {
  CHECK(Body("Still broken.\n\nOn Mon, Jun 3, Bob wrote:\n> fixed") ==
        "still broken.\n");
  CHECK(Body("Great, thanks\n-- \nJohn") == "great, thanks");
  CHECK(Body("C'est cassé\n-----Message d'origine-----\nDe : x") ==
        "c'est cassé");
  // A sign-off at the very start is kept; one line has no end.
  Document d = Tokens("Thanks!\nline two");
  CHECK(BodyEnd(d) == d.norm.size());
  d = Tokens("one line, no body end");
  CHECK(BodyEnd(d) == d.norm.size());
}

TEST_CASE("BodyEnd: mail clients' footers and disclaimers", "[body]") {
  CHECK(Body("Hallo, wo ist mein Paket?\n--\nGet Outlook for Android") ==
        "hallo, wo ist mein paket?");
  CHECK(Body("Où est ma commande ?\n\nEnvoyé de mon iPhone") ==
        "où est ma commande ?\n");
  CHECK(Body("Non ho ricevuto il rimborso.\n\nThis email and any attachments "
             "are confidential and intended solely for the addressee.") ==
        "non ho ricevuto il rimborso.\n");
  CHECK(Body("Sigo esperando.\nIf you have received this message in error, "
             "please delete it.") == "sigo esperando.");
  CHECK(Body("Nog steeds niets.\nCONFIDENTIALITY NOTICE: ...") ==
        "nog steeds niets.");
  // Sign-offs end the body unless asked to keep them (language ID).
  Document d = Tokens("Moin,\nsorry, falscher chat\nMit freundlichen Gr\xc3\xbc\xc3\x9f" "en\n"
                      "Lena\nVon meinem iPhone gesendet");
  CHECK(d.norm.substr(0, BodyEnd(d)) == "moin,\nsorry, falscher chat");
  CHECK(d.norm.substr(0, BodyEnd(d, BodyMarkers::kNoSignOffs)) ==
        "moin,\nsorry, falscher chat\nmit freundlichen gr\xc3\xbc\x73\x73" "en\nlena");
  // Footers only: quoted replies stay.
  Document q = Tokens("ok\nOn Mon, Bob wrote:\n> fixed\n-- \nBob");
  CHECK(q.norm.substr(0, BodyEnd(q, BodyMarkers::kFooters)) ==
        "ok\non mon, bob wrote:\n> fixed");
  // A customer's own line that only looks like a notice is body.
  CHECK(Body("Hello\nThis message is intended for the billing team: I was "
             "charged twice") ==
        "hello\nthis message is intended for the billing team: i was "
        "charged twice");
  CHECK(Body("Hi\nThis email is intended only for the addressee.") == "hi");
  // The same words inside the body are not a footer.
  CHECK(Body("I read this email is confidential, why?\nPlease answer") ==
        "i read this email is confidential, why?\nplease answer");
}

}  // namespace
}  // namespace kvetch
