// Passwords never reach output: every message that may hold a connection string goes through here.
#include <cstdlib>
#include <regex>

#include "migrate/config.hpp"

namespace migrate {
namespace {

const char* const mask = "***";

// Percent-decoding, so a password written %40 in a URL is also found as '@' in libpq's echo.
std::string percent_decoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() + 0 &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string> passwords_in(const std::string& url) {
  std::vector<std::string> found;
  static const std::regex userinfo(R"(^[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@?#]*:([^@/?#]*)@)");
  static const std::regex query(R"([?&]password=([^&#]*))");
  static const std::regex keyword(R"((?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+))");
  std::smatch match;
  if (std::regex_search(url, match, userinfo)) found.push_back(match[1]);
  if (std::regex_search(url, match, query)) found.push_back(match[1]);
  if (std::regex_search(url, match, keyword)) {
    std::string value = match[1];
    if (value.size() >= 2 && value.front() == '\'') value = value.substr(1, value.size() - 2);
    found.push_back(value);
  }
  return found;
}

void replace_all(std::string& text, const std::string& secret) {
  if (secret.empty()) return;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
    text.replace(at, secret.size(), mask);
    at += std::char_traits<char>::length(mask);
  }
}

}  // namespace

std::string connection_failure(const std::string& url, const std::string& message) {
  const std::string target =
      url.empty() ? "with libpq's defaults (no --url, DATABASE_URL or database_url; PGHOST, "
                    "PGPORT, PGUSER, PGDATABASE or PGSERVICE decide)"
                  : "to " + redact_url(url);
  return "cannot connect " + target + ": " + redact_secrets(message, url);
}

std::string redact_url(const std::string& url) {
  std::string text = url;
  for (const auto& password : passwords_in(url)) replace_all(text, password);
  return text;
}

std::string redact_secrets(std::string text, const std::string& url) {
  for (const auto& password : passwords_in(url)) {
    replace_all(text, password);
    replace_all(text, percent_decoded(password));
  }
  if (const char* env = std::getenv("PGPASSWORD"); env && *env) replace_all(text, env);
  return text;
}

}  // namespace migrate
