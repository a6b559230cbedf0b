#include <fmt/format.h>

#include "migrate/render.hpp"

#include "sql/scanner.hpp"

namespace migrate {
namespace {

bool is_plain_identifier(const std::string& identifier) {
  if (identifier.empty()) return false;
  const char first = identifier.front();
  if (!((first >= 'a' && first <= 'z') || first == '_')) return false;
  for (const char c : identifier) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  // quote_ident() quotes every keyword but the unreserved ones; the scanner's own table says
  // which those are.
  const sql::KeywordCategory category = sql::keyword_category(identifier);
  return category == sql::KeywordCategory::none || category == sql::KeywordCategory::unreserved;
}

}  // namespace

std::string quote_ident(const std::string& identifier) {
  if (is_plain_identifier(identifier)) return identifier;
  std::string quoted = "\"";
  for (const char c : identifier) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string quote_name(const QualifiedName& name) {
  return quote_ident(name.schema) + "." + quote_ident(name.name);
}

std::string quote_literal(const std::string& value) {
  std::string quoted = "'";
  bool has_backslash = false;
  for (const char c : value) {
    if (c == '\'') quoted += '\'';
    if (c == '\\') {
      quoted += '\\';
      has_backslash = true;
    }
    quoted += c;
  }
  quoted += '\'';
  return has_backslash ? "E" + quoted : quoted;
}

}  // namespace migrate
