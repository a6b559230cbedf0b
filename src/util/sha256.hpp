#pragma once
// SHA-256 (FIPS 180-4), for revision checksums and the advisory lock's key. Written here rather
// than taken from OpenSSL, whose libcrypto costs every run of migrate about 3 ms to load.

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
