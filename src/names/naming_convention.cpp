// Names from migrate.yaml's naming_convention templates ("pk_{table}", "fk_{table}_{column_0}").

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "migrate/names.hpp"

namespace migrate {
namespace {

constexpr std::array<const char*, 5> kinds = {"primary_key", "unique", "foreign_key", "check",
                                              "index"};

bool token_allowed(const std::string& kind, const std::string& token) {
  if (token == "table" || token == "columns" || token == "column_0") return true;
  return kind == "foreign_key" && (token == "referred_table" || token == "referred_columns");
}

std::string token_value(const std::string& token, const NameParts& parts) {
  if (token == "table") return parts.table;
  if (token == "columns") return join_column_names(parts.columns);
  if (token == "column_0") return parts.columns.empty() ? std::string() : parts.columns.front();
  if (token == "referred_table") return parts.referred_table;
  return join_column_names(parts.referred_columns);
}

}  // namespace

std::optional<std::string> naming_kind_problem(const std::string& kind) {
  if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) return std::nullopt;
  return fmt::format("unknown kind '{}' (expected: {})", kind, fmt::join(kinds, ", "));
}

std::optional<std::string> naming_template_problem(const std::string& kind,
                                                   const std::string& name_template) {
  bool has_token = false;
  for (std::size_t at = name_template.find('{'); at != std::string::npos;
       at = name_template.find('{', at + 1)) {
    const auto end = name_template.find('}', at);
    if (end == std::string::npos) return fmt::format("'{{' at byte {} is not closed", at + 1);
    const std::string token = name_template.substr(at + 1, end - at - 1);
    if (!token_allowed(kind, token)) {
      return fmt::format(
          "unknown token '{{{}}}' for {} (expected: {{table}}, {{columns}}, "
          "{{column_0}}{})",
          token, kind, kind == "foreign_key" ? ", {referred_table}, {referred_columns}" : "");
    }
    has_token = true;
  }
  // Without a token every table's object would get the same name.
  if (!has_token) return std::string("a template needs at least one {token}, such as {table}");
  return std::nullopt;
}

std::string apply_naming_template(const std::string& name_template, const NameParts& parts) {
  std::string name;
  std::size_t from = 0;
  for (std::size_t at = name_template.find('{'); at != std::string::npos;
       at = name_template.find('{', from)) {
    const auto end = name_template.find('}', at);
    name += name_template.substr(from, at - from);
    name += token_value(name_template.substr(at + 1, end - at - 1), parts);
    from = end + 1;
  }
  return name + name_template.substr(from);
}

}  // namespace migrate
