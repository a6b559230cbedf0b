#include <fmt/format.h>
#include <fmt/ranges.h>

#include "migrate/render.hpp"

#include "diff/plan.hpp"

namespace migrate::diff_detail {
namespace {

std::string qualified(const QualifiedName& name) { return name.schema + "." + name.name; }

}  // namespace

std::string spelled(const QualifiedName& name) {
  return name.schema == default_schema_name ? quote_ident(name.name) : quote_name(name);
}

std::string element_type(std::string type) {
  while (type.ends_with("[]")) type.resize(type.size() - 2);
  return type;
}

namespace {

template <typename T>
std::optional<QualifiedName> spelled_in(const std::string& type, const std::vector<T>& types) {
  for (const T& candidate : types) {
    if (spelled(candidate.name) == type) return candidate.name;
  }
  return std::nullopt;
}

// The sequence in a default of the form nextval('name'::regclass), as the catalog prints it.
std::optional<QualifiedName> sequence_of_default(const std::string& default_expr,
                                                 const Schema& schema) {
  static const std::string prefix = "nextval('";
  const auto start = default_expr.find(prefix);
  if (start == std::string::npos) return std::nullopt;
  const auto end = default_expr.find('\'', start + prefix.size());
  if (end == std::string::npos) return std::nullopt;
  const std::string name = default_expr.substr(start + prefix.size(), end - start - prefix.size());
  for (const Sequence& sequence : schema.sequences) {
    if (spelled(sequence.name) == name) return sequence.name;
  }
  return std::nullopt;
}

}  // namespace

std::string table_key(const QualifiedName& table) { return "table:" + qualified(table); }

std::string column_key(const QualifiedName& table, const std::string& column) {
  return "column:" + qualified(table) + "." + column;
}

std::string unique_key(const QualifiedName& table, const std::vector<std::string>& columns) {
  return fmt::format("key:{}({})", qualified(table), fmt::join(columns, ","));
}

std::string type_key(const QualifiedName& type) { return "type:" + qualified(type); }

std::string retyped_key(const QualifiedName& type) { return "retyped:" + qualified(type); }

std::string sequence_key(const QualifiedName& sequence) { return "seq:" + qualified(sequence); }

std::string schema_key(const std::string& schema) { return "schema:" + schema; }

std::string view_key(const QualifiedName& view) { return "view:" + qualified(view); }

std::string absent_constraint(const QualifiedName& table, const std::string& name) {
  return "absent:constraint:" + table.schema + "." + table.name + "." + name;
}

// Relation names (indexes, and the indexes behind keys) share one namespace per schema.
std::string absent_relation(const QualifiedName& table, const std::string& name) {
  return "absent:relation:" + table.schema + "." + name;
}

std::string detached_key(const QualifiedName& table) { return "detached:" + qualified(table); }

std::string relation_key(const QualifiedName& table, const std::string& name) {
  return "relation:" + table.schema + "." + name;
}

std::string settled_key(const std::string& key) { return "settled:" + key; }

std::string unpinned_key(const QualifiedName& table, const std::string& column) {
  return "unpinned:" + qualified(table) + "." + column;
}

std::string dependents_dropped_key(const QualifiedName& table) {
  return "dependents-dropped:" + qualified(table);
}

std::optional<QualifiedName> user_type_of(const std::string& type, const Schema& schema) {
  const std::string element = element_type(type);
  if (auto found = spelled_in(element, schema.enums)) return found;
  if (auto found = spelled_in(element, schema.domains)) return found;
  return spelled_in(element, schema.composite_types);
}

std::vector<std::string> column_dependencies(const Column& column, const Schema& schema) {
  std::vector<std::string> keys;
  // Which types an extension brings is known only to the server: a column is taken to depend on
  // every extension, so extensions are created before tables and dropped after them.
  for (const Extension& extension : schema.extensions) keys.push_back("ext:" + extension.name);
  if (auto type = user_type_of(column.type, schema)) keys.push_back(type_key(*type));
  if (column.default_expr) {
    if (auto sequence = sequence_of_default(*column.default_expr, schema)) {
      keys.push_back(sequence_key(*sequence));
    }
  }
  return keys;
}

std::vector<std::string> dependency_keys(const std::vector<Dependency>& depends_on,
                                         const Schema& schema) {
  std::vector<std::string> keys;
  for (const Extension& extension : schema.extensions) keys.push_back("ext:" + extension.name);
  for (const Dependency& dependency : depends_on) {
    if (dependency.kind == "function") {
      keys.push_back(function_key(dependency.object, dependency.column));
    } else if (dependency.kind == "type" || schema.find_composite_type(dependency.object)) {
      // A composite type has a relation behind it, which pg_depend names.
      keys.push_back(type_key(dependency.object));
      keys.push_back(retyped_key(dependency.object));
    } else if (schema.find_view(dependency.object)) {
      keys.push_back(view_key(dependency.object));
    } else {
      keys.push_back(table_key(dependency.object));
      if (!dependency.column.empty()) {
        keys.push_back(column_key(dependency.object, dependency.column));
      }
    }
  }
  return keys;
}

}  // namespace migrate::diff_detail
