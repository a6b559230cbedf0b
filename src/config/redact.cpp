// Passwords never reach output: every message that may hold a connection string goes through
// here. The password is found as libpq finds it, by parsing the string (libpq/conninfo.hpp).

#include <cstdlib>
#include <optional>
#include <vector>

#include "migrate/config.hpp"

#include "libpq/conninfo.hpp"

namespace migrate {
namespace {

const char* const mask = "***";

void replace_all(std::string& text, const std::string& secret) {
  if (secret.empty()) return;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
    text.replace(at, secret.size(), mask);
    at += std::char_traits<char>::length(mask);
  }
}

// libpq's reason for refusing a string may quote any part of it: each "..." is masked.
std::string without_quotes(const std::string& message) {
  std::string out;
  bool quoted = false;
  for (const char c : message) {
    if (c == '"') {
      out += quoted ? "\"" : std::string("\"") + mask;
      quoted = !quoted;
    } else if (!quoted) {
      out += c;
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The spellings of `password` in `url` itself: runs of its text that read as the password once
// percent-escapes (URIs) and backslash escapes (key=value strings) are decoded, so that an echo
// of the string as written is masked too.
std::vector<std::string> spellings_in(const std::string& url, const std::string& password) {
  std::vector<std::string> found;
  if (password.empty()) return found;
  for (std::size_t begin = 0; begin < url.size(); ++begin) {
    std::size_t at = begin;
    std::size_t matched = 0;
    while (matched < password.size() && at < url.size()) {
      char decoded = url[at];
      std::size_t length = 1;
      if (url[at] == '%' && at + 2 < url.size() && hex_value(url[at + 1]) >= 0 &&
          hex_value(url[at + 2]) >= 0) {
        decoded = static_cast<char>(hex_value(url[at + 1]) * 16 + hex_value(url[at + 2]));
        length = 3;
      } else if (url[at] == '\\' && at + 1 < url.size()) {
        decoded = url[at + 1];
        length = 2;
      }
      if (decoded != password[matched]) break;
      ++matched;
      at += length;
    }
    if (matched == password.size()) found.push_back(url.substr(begin, at - begin));
  }
  return found;
}

std::optional<std::string> password_of(const std::string& url) {
  std::string error;
  const auto options = parse_connection_string(url, error);
  if (!options) return std::nullopt;
  for (const ConnectionOption& option : *options) {
    if (option.keyword == "password") return option.value;
  }
  return std::string();
}

}  // namespace

std::string connection_failure(const std::string& url, const std::string& message) {
  if (url.empty()) {
    return "cannot connect with libpq's defaults (no --url, DATABASE_URL or database_url; "
           "PGHOST, PGPORT, PGUSER, PGDATABASE or PGSERVICE decide): " +
           redact_secrets(message, url);
  }
  if (!password_of(url)) {
    return "cannot connect: the database URL is not a connection string libpq can read (" +
           without_quotes(message) + ")";
  }
  return "cannot connect to " + redact_url(url) + ": " + redact_secrets(message, url);
}

std::string redact_url(const std::string& url) {
  std::string error;
  auto options = parse_connection_string(url, error);
  if (!options) return "(a connection string libpq cannot read)";
  bool has_password = false;
  for (ConnectionOption& option : *options) {
    if (option.keyword == "password") {
      option.value = mask;
      has_password = true;
    }
  }
  return has_password ? connection_string(*options) : url;
}

std::string redact_secrets(std::string text, const std::string& url) {
  if (!url.empty()) replace_all(text, url);  // an echo of the whole string
  if (const auto password = password_of(url)) {
    for (const std::string& spelling : spellings_in(url, *password)) replace_all(text, spelling);
    replace_all(text, *password);
  }
  if (const char* env = std::getenv("PGPASSWORD"); env && *env) replace_all(text, env);
  return text;
}

}  // namespace migrate
