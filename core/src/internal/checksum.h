// Checksums that tell real identifiers from look-alike numbers.
#ifndef KVETCH_INTERNAL_CHECKSUM_H_
#define KVETCH_INTERNAL_CHECKSUM_H_

#include <string_view>

namespace kvetch::internal {

// Luhn (mod 10) check over a string of ASCII digits only.
bool LuhnValid(std::string_view digits);

// Expected IBAN length for a two-letter upper-case country code, or 0 if
// the country does not issue IBANs.
int IbanLength(std::string_view country);

// ISO 13616 mod-97 check of an upper-case IBAN without separators.
bool IbanValid(std::string_view iban);

}  // namespace kvetch::internal

#endif  // KVETCH_INTERNAL_CHECKSUM_H_
