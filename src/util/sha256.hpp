#pragma once
// SHA-256, for revision checksums and the advisory lock's key (OpenSSL's libcrypto).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace migrate {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest sha256(std::string_view data);

// The digest as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace migrate
