// Reading one entry under 'domains:': a base type alone, or {type, collation, default, nullable,
// checks, comment}. Unnamed checks get PostgreSQL's names: domain_check, domain_check1, ...

#include <set>

#include <fmt/format.h>

#include "migrate/names.hpp"
#include "migrate/types.hpp"

#include "model/table_reader.hpp"

namespace migrate::model {
namespace {

constexpr auto domain_keys = {"type", "collation", "default", "nullable", "checks", "comment"};

std::string read_base_type(const YamlReader& reader, const DocumentDraft& document,
                           const Entry& entry, const std::string& where) {
  const std::string declared = reader.text(entry, where);
  std::string type = normalize_type(declared);
  if (type.empty()) reader.fail(entry.value, "empty 'type' in " + where);
  if (declared.find('.') == std::string::npos) type = qualify_user_type(document, type);
  return type;
}

void name_checks(const YamlReader& reader, Domain& domain,
                 std::vector<Placed<CheckConstraint>>& checks) {
  std::set<std::string> taken;
  for (const auto& [check, at] : checks) {
    if (check.name.empty()) continue;
    if (!taken.insert(check.name).second) {
      reader.fail(at, fmt::format("check constraint '{}' of domain {} is named twice", check.name,
                                  display_name(domain.name)));
    }
  }
  for (auto& [check, at] : checks) {
    if (check.name.empty()) check.name = choose_object_name(domain.name.name, "", "check", taken);
    domain.checks.push_back(check);
  }
}

}  // namespace

Placed<Domain> read_domain(const YamlReader& reader, const DocumentDraft& document,
                           const Entry& entry) {
  Placed<Domain> result{.at = position_of(entry.key_node)};
  Domain& domain = result.value;
  domain.name = {document.schema, reader.identifier(entry.key_node, "domain name")};
  const std::string where = "domain " + display_name(domain.name);
  if (!entry.value.is_map()) {
    domain.type = read_base_type(reader, document, entry, where);
    return result;
  }
  const auto fields = reader.entries(entry.value, where);
  reader.check_keys(fields, domain_keys, where);
  const Entry* type = find_entry(fields, "type");
  if (!type) reader.fail(entry.value, "missing key 'type' in " + where);
  domain.type = read_base_type(reader, document, *type, where);
  std::vector<Placed<CheckConstraint>> checks;
  for (const Entry& field : fields) {
    if (field.key == "collation") {
      domain.collation = normalize_collation(reader.text(field, where));
    } else if (field.key == "default") {
      domain.default_expr = reader.text(field, where);
    } else if (field.key == "nullable") {
      domain.nullable = reader.boolean(field, where);
    } else if (field.key == "checks") {
      checks = read_check_list(reader, field, where, false);
    } else if (field.key == "comment") {
      domain.comment = reader.text(field, where);
    }
  }
  name_checks(reader, domain, checks);
  return result;
}

}  // namespace migrate::model
