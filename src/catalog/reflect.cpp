// Reflection: the catalog queries' rows assembled into a Schema.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "migrate/catalog.hpp"
#include "migrate/config.hpp"
#include "migrate/error.hpp"

#include "catalog/connection.hpp"
#include "catalog/queries.hpp"
#include "catalog/reflect_rows.hpp"

namespace migrate {
namespace {

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool schema_wanted(const ReflectOptions& options, const std::string& schema) {
  if (!options.include_schemas.empty() && !listed(options.include_schemas, schema)) return false;
  return !listed(options.exclude_schemas, schema);
}

bool table_wanted(const ReflectOptions& options, const QualifiedName& name) {
  if (!schema_wanted(options, name.schema)) return false;
  return !listed(options.exclude_tables, display_name(name)) &&
         !listed(options.exclude_tables, name.schema + "." + name.name);
}

// Drops what the options leave out, after the rows are read: filtering in SQL would make the
// queries depend on the options, and the rows of left-out objects are few.
void apply_filters(Schema& schema, const ReflectOptions& options) {
  auto drop_if = [](auto& items, auto predicate) {
    items.erase(std::remove_if(items.begin(), items.end(), predicate), items.end());
  };
  drop_if(schema.schemas, [&](const std::string& s) { return !schema_wanted(options, s); });
  std::erase_if(schema.schema_comments,
                [&](const auto& comment) { return !schema_wanted(options, comment.first); });
  drop_if(schema.enums, [&](const Enum& e) { return !schema_wanted(options, e.name.schema); });
  drop_if(schema.domains, [&](const Domain& d) { return !schema_wanted(options, d.name.schema); });
  drop_if(schema.composite_types,
          [&](const CompositeType& t) { return !schema_wanted(options, t.name.schema); });
  drop_if(schema.sequences, [&](const Sequence& s) {
    return !schema_wanted(options, s.name.schema) ||
           (s.owned_by && !table_wanted(options, s.owned_by->table));
  });
  drop_if(schema.tables, [&](const Table& t) { return !table_wanted(options, t.name); });
  drop_if(schema.views, [&](const View& v) { return !table_wanted(options, v.name); });
  drop_if(schema.functions,
          [&](const Function& f) { return !schema_wanted(options, f.name.schema); });
  // A trigger goes with its table or view.
  drop_if(schema.triggers, [&](const Trigger& t) {
    return !schema.find_table(t.table) && !schema.find_view(t.table);
  });
}

}  // namespace

Schema Database::reflect(const ReflectOptions& options) {
  try {
    // One snapshot for every query, so the pieces agree with each other.
    pqxx::transaction<pqxx::repeatable_read, pqxx::readwrite_policy::read_only> tx(
        *impl_->connection);
    tx.exec("SET LOCAL search_path = public");
    Schema schema;
    TablesByOid tables;
    ViewsByOid views;
    FunctionsByOid functions;
    TriggersByOid triggers;
    read_schemas(tx.exec(queries::schemas), schema);
    read_extensions(tx.exec(queries::extensions), schema);
    read_enums(tx.exec(queries::enums), schema);
    read_domains(tx.exec(queries::domains), schema);
    read_composite_types(tx.exec(queries::composite_types), schema);
    read_sequences(tx.exec(queries::sequences), schema);
    read_tables(tx.exec(queries::tables), schema, tables);
    read_columns(tx.exec(queries::columns), tables);
    read_constraints(tx.exec(queries::constraints), tables);
    read_views(tx.exec(queries::views), views);
    read_view_dependencies(tx.exec(queries::view_dependencies), views);
    read_indexes(tx.exec(queries::indexes), tables, views);
    read_functions(tx.exec(queries::functions), functions);
    read_function_dependencies(tx.exec(queries::function_dependencies), functions);
    read_triggers(tx.exec(queries::triggers), triggers);
    read_trigger_dependencies(tx.exec(queries::trigger_dependencies), triggers);
    read_unmanaged(tx.exec(queries::unmanaged), schema);
    read_unmanaged(tx.exec(queries::unmanaged_attributes), schema);
    tx.commit();
    for (auto& [oid, table] : tables) schema.tables.push_back(std::move(table));
    for (auto& [oid, view] : views) schema.views.push_back(std::move(view));
    for (auto& [oid, function] : functions) schema.functions.push_back(std::move(function));
    for (auto& [oid, trigger] : triggers) schema.triggers.push_back(std::move(trigger));
    apply_filters(schema, options);
    sort_schema(schema);
    note_partition_columns(schema);
    return schema;
  } catch (const pqxx::sql_error& e) {
    throw DatabaseError("reading the catalog failed: " + trim_message(e.what()));
  } catch (const pqxx::broken_connection& e) {
    throw DatabaseError("the connection broke while reading the catalog: " +
                        redact_secrets(trim_message(e.what()), impl_->url));
  }
}

}  // namespace migrate
