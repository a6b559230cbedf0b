// The pieces of DDL shared by several operations: column and constraint definitions.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "migrate/render.hpp"

#include "render/render_internal.hpp"

namespace migrate {
namespace {

std::string sequence_options(const SequenceOptions& options, const std::string& prefix) {
  std::string sql;
  auto add = [&](const char* keyword, const std::optional<std::int64_t>& value) {
    if (value) sql += fmt::format("{}{} {}", sql.empty() ? prefix : " ", keyword, *value);
  };
  add("START WITH", options.start);
  add("INCREMENT BY", options.increment);
  add("MINVALUE", options.min_value);
  add("MAXVALUE", options.max_value);
  add("CACHE", options.cache);
  if (options.cycle) sql += (sql.empty() ? prefix : " ") + std::string("CYCLE");
  return sql;
}

std::string deferrability(bool deferrable, bool initially_deferred) {
  if (!deferrable) return "";
  return initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

std::string action_sql(ReferentialAction action) {
  std::string text = to_string(action);
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

struct ConstraintDefinition {
  std::string operator()(const PrimaryKey& pk) const {
    return fmt::format("PRIMARY KEY ({}){}", quote_list(pk.columns),
                       deferrability(pk.deferrable, pk.initially_deferred));
  }
  std::string operator()(const UniqueConstraint& unique) const {
    return fmt::format("UNIQUE{} ({}){}", unique.nulls_not_distinct ? " NULLS NOT DISTINCT" : "",
                       quote_list(unique.columns),
                       deferrability(unique.deferrable, unique.initially_deferred));
  }
  std::string operator()(const ForeignKey& fk) const {
    std::string sql =
        fmt::format("FOREIGN KEY ({}) REFERENCES {}({})", quote_list(fk.columns),
                    quote_name(fk.referenced_table), quote_list(fk.referenced_columns));
    if (fk.match == MatchType::full) sql += " MATCH FULL";
    if (fk.on_update != ReferentialAction::no_action) {
      sql += " ON UPDATE " + action_sql(fk.on_update);
    }
    if (fk.on_delete != ReferentialAction::no_action) {
      sql += " ON DELETE " + action_sql(fk.on_delete);
    }
    return sql + deferrability(fk.deferrable, fk.initially_deferred) +
           (fk.not_valid ? " NOT VALID" : "");
  }
  std::string operator()(const CheckConstraint& check) const {
    // The user's SQL.
    return fmt::format("CHECK ({}){}{}", check.expression, check.no_inherit ? " NO INHERIT" : "",
                       check.not_valid ? " NOT VALID" : "");
  }
  std::string operator()(const ExclusionConstraint& exclusion) const {
    return exclusion.definition;  // pg_get_constraintdef() text
  }
};

}  // namespace

std::string quote_list(const std::vector<std::string>& identifiers) {
  std::string sql;
  for (const auto& identifier : identifiers) {
    if (!sql.empty()) sql += ", ";
    sql += quote_ident(identifier);
  }
  return sql;
}

std::string identity_clause(const Identity& identity) {
  const std::string options = sequence_options(identity.options, "");
  return fmt::format("GENERATED {} AS IDENTITY{}",
                     identity.kind == IdentityKind::always ? "ALWAYS" : "BY DEFAULT",
                     options.empty() ? "" : " (" + options + ")");
}

std::vector<std::string> every_sequence_option(const SequenceOptions& options) {
  const bool ascending = options.increment.value_or(1) > 0;
  std::vector<std::string> items = {fmt::format("INCREMENT BY {}", options.increment.value_or(1))};
  items.push_back(options.min_value ? fmt::format("MINVALUE {}", *options.min_value)
                                    : std::string("NO MINVALUE"));
  items.push_back(options.max_value ? fmt::format("MAXVALUE {}", *options.max_value)
                                    : std::string("NO MAXVALUE"));
  // An unset start is the server's default: the minimum going up, the maximum going down.
  if (options.start) {
    items.push_back(fmt::format("START WITH {}", *options.start));
  } else if (ascending) {
    items.push_back(fmt::format("START WITH {}", options.min_value.value_or(1)));
  } else if (options.max_value) {
    items.push_back(fmt::format("START WITH {}", *options.max_value));
  } else {
    items.push_back("START WITH -1");
  }
  items.push_back(fmt::format("CACHE {}", options.cache.value_or(1)));
  items.push_back(options.cycle ? "CYCLE" : "NO CYCLE");
  return items;
}

std::string sequence_clauses(const SequenceOptions& options) {
  return sequence_options(options, " ");
}

std::string column_definition(const Column& column) {
  std::string sql = fmt::format("{} {}", quote_ident(column.name), column.type);
  if (column.collation) sql += " COLLATE " + *column.collation;
  if (column.compression) sql += " COMPRESSION " + *column.compression;
  if (column.generated) sql += fmt::format(" GENERATED ALWAYS AS ({}) STORED", *column.generated);
  if (column.default_expr) sql += " DEFAULT " + *column.default_expr;  // the user's SQL
  if (column.identity) sql += " " + identity_clause(*column.identity);
  if (!column.nullable) sql += " NOT NULL";
  return sql;
}

std::string constraint_definition(const Constraint& constraint) {
  return std::visit(ConstraintDefinition{}, constraint);
}

std::string index_definition(const QualifiedName& table, const Index& index) {
  std::vector<std::string> keys;
  for (const IndexKey& key : index.keys) {
    std::string sql = key.column.empty() ? "(" + key.expression + ")" : quote_ident(key.column);
    if (!key.collation.empty()) sql += " COLLATE " + key.collation;
    if (!key.opclass.empty()) sql += " " + key.opclass;
    if (key.descending) sql += " DESC";
    if (key.nulls_first != key.descending) sql += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
    keys.push_back(std::move(sql));
  }
  std::string sql =
      fmt::format("CREATE {}INDEX {} ON {}{} ({})", index.unique ? "UNIQUE " : "",
                  quote_ident(index.name), quote_name(table),
                  index.method == "btree" ? "" : " USING " + index.method, fmt::join(keys, ", "));
  if (!index.include.empty()) sql += fmt::format(" INCLUDE ({})", quote_list(index.include));
  if (index.nulls_not_distinct) sql += " NULLS NOT DISTINCT";
  if (!index.storage.empty()) sql += fmt::format(" WITH ({})", fmt::join(index.storage, ", "));
  if (index.where) sql += " WHERE " + *index.where;
  return sql;
}

}  // namespace migrate
