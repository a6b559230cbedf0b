#include "migrate/schema.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace migrate {
namespace {

template <typename T, typename Key>
const T* find_by(const std::vector<T>& items, const Key& key, Key T::*member) {
  auto it =
      std::find_if(items.begin(), items.end(), [&](const T& item) { return item.*member == key; });
  return it == items.end() ? nullptr : &*it;
}

template <typename T>
void sort_by_name(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(),
                   [](const T& a, const T& b) { return a.name < b.name; });
}

}  // namespace

std::string display_name(const QualifiedName& name) {
  return name.schema == default_schema_name ? name.name : name.schema + "." + name.name;
}

std::optional<std::string> replica_identity_index(const std::optional<std::string>& identity) {
  const std::string prefix = "using index ";
  if (!identity || !identity->starts_with(prefix)) return std::nullopt;
  return identity->substr(prefix.size());
}

std::ostream& operator<<(std::ostream& out, const QualifiedName& name) {
  return out << display_name(name);
}

const Column* Table::find_column(const std::string& column_name) const {
  return find_by(columns, column_name, &Column::name);
}

const Table* Schema::find_table(const QualifiedName& name) const {
  return find_by(tables, name, &Table::name);
}

const Enum* Schema::find_enum(const QualifiedName& name) const {
  return find_by(enums, name, &Enum::name);
}

const Domain* Schema::find_domain(const QualifiedName& name) const {
  return find_by(domains, name, &Domain::name);
}

const CompositeType* Schema::find_composite_type(const QualifiedName& name) const {
  return find_by(composite_types, name, &CompositeType::name);
}

const Sequence* Schema::find_sequence(const QualifiedName& name) const {
  return find_by(sequences, name, &Sequence::name);
}

const View* Schema::find_view(const QualifiedName& name) const {
  return find_by(views, name, &View::name);
}

const Function* Schema::find_function(const QualifiedName& name,
                                      const std::string& arguments) const {
  const auto it = std::find_if(functions.begin(), functions.end(), [&](const Function& f) {
    return f.name == name && f.arguments == arguments;
  });
  return it == functions.end() ? nullptr : &*it;
}

const Trigger* Schema::find_trigger(const QualifiedName& table, const std::string& name) const {
  const auto it = std::find_if(triggers.begin(), triggers.end(), [&](const Trigger& t) {
    return t.table == table && t.name == name;
  });
  return it == triggers.end() ? nullptr : &*it;
}

namespace {

void sort_dependencies(std::vector<Dependency>& depends) {
  std::sort(depends.begin(), depends.end(), [](const Dependency& a, const Dependency& b) {
    return std::tie(a.kind, a.object.schema, a.object.name, a.column) <
           std::tie(b.kind, b.object.schema, b.object.name, b.column);
  });
  depends.erase(std::unique(depends.begin(), depends.end()), depends.end());
}

}  // namespace

void sort_schema(Schema& schema) {
  std::sort(schema.schemas.begin(), schema.schemas.end());
  sort_by_name(schema.extensions);
  sort_by_name(schema.enums);
  sort_by_name(schema.domains);
  for (Domain& domain : schema.domains) sort_by_name(domain.checks);
  sort_by_name(schema.composite_types);
  sort_by_name(schema.sequences);
  sort_by_name(schema.tables);
  for (Table& table : schema.tables) {
    sort_by_name(table.uniques);
    sort_by_name(table.foreign_keys);
    sort_by_name(table.checks);
    sort_by_name(table.exclusions);
    sort_by_name(table.indexes);
  }
  sort_by_name(schema.views);
  for (View& view : schema.views) {
    sort_by_name(view.indexes);
    std::sort(view.storage.begin(), view.storage.end());
    sort_dependencies(view.depends_on);
  }
  std::sort(schema.functions.begin(), schema.functions.end(),
            [](const Function& a, const Function& b) {
              return std::tie(a.name, a.arguments) < std::tie(b.name, b.arguments);
            });
  for (Function& function : schema.functions) sort_dependencies(function.depends_on);
  std::sort(schema.triggers.begin(), schema.triggers.end(), [](const Trigger& a, const Trigger& b) {
    return std::tie(a.table, a.name) < std::tie(b.table, b.name);
  });
  for (Trigger& trigger : schema.triggers) sort_dependencies(trigger.depends_on);
  std::sort(schema.unmanaged.begin(), schema.unmanaged.end(),
            [](const UnmanagedObject& a, const UnmanagedObject& b) {
              return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
            });
}

std::string to_string(IdentityKind kind) {
  return kind == IdentityKind::always ? "always" : "by default";
}

std::string to_string(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::no_action:
      return "no action";
    case ReferentialAction::restrict:
      return "restrict";
    case ReferentialAction::cascade:
      return "cascade";
    case ReferentialAction::set_null:
      return "set null";
    case ReferentialAction::set_default:
      return "set default";
  }
  return "no action";
}

std::string to_string(MatchType match) {
  switch (match) {
    case MatchType::simple:
      return "simple";
    case MatchType::full:
      return "full";
    case MatchType::partial:
      return "partial";
  }
  return "simple";
}

std::ostream& operator<<(std::ostream& out, const Column& column) {
  out << column.name << ' ' << column.type << (column.nullable ? "" : " not null");
  if (column.default_expr) out << " default " << *column.default_expr;
  if (column.identity) out << " identity " << to_string(column.identity->kind);
  if (column.generated) out << " generated (" << *column.generated << ')';
  if (column.collation) out << " collate " << *column.collation;
  return out;
}

std::ostream& operator<<(std::ostream& out, const Table& table) {
  out << "table " << table.name << " (";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    out << (i ? ", " : "") << table.columns[i];
  }
  out << ')';
  if (table.primary_key) {
    out << fmt::format(" pk {}({})", table.primary_key->name,
                       fmt::join(table.primary_key->columns, ","));
  }
  for (const auto& unique : table.uniques) out << " unique " << unique.name;
  for (const auto& fk : table.foreign_keys) out << " fk " << fk.name;
  for (const auto& check : table.checks) out << " check " << check.name;
  for (const auto& exclusion : table.exclusions) out << " exclude " << exclusion.name;
  for (const auto& index : table.indexes) out << " index " << index.name;
  return out;
}

std::ostream& operator<<(std::ostream& out, const Enum& enum_type) {
  return out << fmt::format("enum {} ({})", display_name(enum_type.name),
                            fmt::join(enum_type.values, ", "));
}

std::ostream& operator<<(std::ostream& out, const Domain& domain) {
  out << "domain " << display_name(domain.name) << " as " << domain.type;
  if (!domain.nullable) out << " not null";
  if (domain.default_expr) out << " default " << *domain.default_expr;
  for (const auto& check : domain.checks) out << " check " << check.name;
  return out;
}

std::ostream& operator<<(std::ostream& out, const CompositeType& type) {
  out << "type " << display_name(type.name) << " as (";
  for (std::size_t i = 0; i < type.attributes.size(); ++i) {
    out << (i ? ", " : "") << type.attributes[i].name << ' ' << type.attributes[i].type;
  }
  return out << ')';
}

std::ostream& operator<<(std::ostream& out, const Sequence& sequence) {
  out << "sequence " << sequence.name << " as " << sequence.type;
  if (sequence.owned_by) {
    out << " owned by " << sequence.owned_by->table << '.' << sequence.owned_by->column;
  }
  return out;
}

std::ostream& operator<<(std::ostream& out, const View& view) {
  return out << (view.materialized ? "materialized view " : "view ") << view.name << " as "
             << view.query;
}

std::string to_string(TriggerEnabled enabled) {
  switch (enabled) {
    case TriggerEnabled::origin:
      return "origin";
    case TriggerEnabled::disabled:
      return "disabled";
    case TriggerEnabled::replica:
      return "replica";
    case TriggerEnabled::always:
      return "always";
  }
  return "origin";
}

std::ostream& operator<<(std::ostream& out, const Function& function) {
  return out << (function.procedure ? "procedure " : "function ") << function.name << '('
             << function.arguments << ')';
}

std::ostream& operator<<(std::ostream& out, const Trigger& trigger) {
  return out << "trigger " << trigger.name << " on " << trigger.table;
}

std::ostream& operator<<(std::ostream& out, const Schema& schema) {
  out << "schema {";
  for (const auto& name : schema.schemas) out << " schema " << name << ';';
  for (const auto& extension : schema.extensions) out << " extension " << extension.name << ';';
  for (const auto& enum_type : schema.enums) out << ' ' << enum_type << ';';
  for (const auto& domain : schema.domains) out << ' ' << domain << ';';
  for (const auto& type : schema.composite_types) out << ' ' << type << ';';
  for (const auto& sequence : schema.sequences) out << ' ' << sequence << ';';
  for (const auto& table : schema.tables) out << ' ' << table << ';';
  for (const auto& view : schema.views) out << ' ' << view << ';';
  for (const auto& function : schema.functions) out << ' ' << function << ';';
  for (const auto& trigger : schema.triggers) out << ' ' << trigger << ';';
  return out << " }";
}

}  // namespace migrate
