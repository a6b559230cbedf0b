#pragma once
// Connection strings as libpq itself reads them (PQconninfoParse): URIs and key=value strings
// alike, percent-decoding and quoting included.

#include <optional>
#include <string>
#include <vector>

namespace migrate {

struct ConnectionOption {
  std::string keyword = {};
  std::string value = {};
};

// The options the string sets, in libpq's order, or nullopt with libpq's reason in `error` when
// it is not a connection string. The reason may quote part of the string, so it is not for
// output as it stands.
std::optional<std::vector<ConnectionOption>> parse_connection_string(const std::string& text,
                                                                     std::string& error);

// The options as a key=value string, values quoted where libpq's syntax needs it.
std::string connection_string(const std::vector<ConnectionOption>& options);

}  // namespace migrate
