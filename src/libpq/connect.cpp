#include "libpq/connect.hpp"

#include <algorithm>

#include "migrate/config.hpp"
#include "migrate/error.hpp"

#include "libpq/conninfo.hpp"

namespace migrate {

std::optional<std::string> connection_string_for(const std::string& url, std::string& error) {
  auto options = parse_connection_string(url, error);
  if (!options) return std::nullopt;
  const bool named = std::any_of(options->begin(), options->end(), [](const auto& option) {
    return option.keyword == "fallback_application_name";
  });
  if (!named) options->push_back({"fallback_application_name", "migrate"});
  return connection_string(*options);
}

std::unique_ptr<pqxx::connection> open_connection(const std::string& url) {
  std::string error;
  const auto connection_string = connection_string_for(url, error);
  if (!connection_string) throw DatabaseError(connection_failure(url, error));
  try {
    return std::make_unique<pqxx::connection>(*connection_string);
  } catch (const std::exception& e) {
    throw DatabaseError(connection_failure(url, e.what()));
  }
}

}  // namespace migrate
