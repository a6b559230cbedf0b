// The transaction in which declared definitions are put in the server's words: what the model
// adds that they may use is created bare first, under a short lock timeout; then domains,
// functions (which views, triggers and partition keys call), partitions, views, and triggers are
// asked; then everything is rolled back.

#include "catalog/canonical_definitions.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "migrate/error.hpp"
#include "migrate/render.hpp"

#include "catalog/connection.hpp"

namespace migrate::canonical {
namespace {

// A column as definitions read it: its name, type and collation.
Column bare(const Column& column) {
  return Column{column.name,  column.type,     true, std::nullopt, std::nullopt,
                std::nullopt, column.collation};
}

// The statements that give the live database what the declared definitions may use and it lacks.
std::vector<std::string> scaffolding(const Schema& declared, const Schema& live) {
  std::vector<std::string> sql;
  const auto add = [&](const Operation& op) {
    for (std::string& statement : render(op)) sql.push_back(std::move(statement));
  };
  for (const std::string& schema : declared.schemas) {
    if (std::find(live.schemas.begin(), live.schemas.end(), schema) == live.schemas.end()) {
      add(CreateSchema{schema});
    }
  }
  for (const Extension& extension : declared.extensions) {
    if (std::none_of(live.extensions.begin(), live.extensions.end(),
                     [&](const Extension& e) { return e.name == extension.name; })) {
      add(CreateExtension{extension});
    }
  }
  for (const Enum& enum_type : declared.enums) {
    if (!live.find_enum(enum_type.name)) add(CreateEnum{Enum{enum_type.name, enum_type.values}});
  }
  for (const Domain& domain : declared.domains) {
    if (!live.find_domain(domain.name)) {
      add(CreateDomain{Domain{domain.name, domain.type, domain.collation}});
    }
  }
  for (const CompositeType& type : declared.composite_types) {
    if (!live.find_composite_type(type.name))
      add(CreateCompositeType{{type.name, type.attributes}});
  }
  for (const Table& table : declared.tables) {
    const Table* existing = live.find_table(table.name);
    if (!existing) {
      Table created{table.name};
      for (const Column& column : table.columns) created.columns.push_back(bare(column));
      add(CreateTable{created});
      continue;
    }
    for (const Column& column : table.columns) {
      if (!existing->find_column(column.name)) add(AddColumn{table.name, bare(column)});
    }
  }
  return sql;
}

bool anything_to_ask(const Schema& declared, const Schema& live) {
  const bool domain_to_ask =
      std::any_of(declared.domains.begin(), declared.domains.end(), [&](const Domain& domain) {
        const Domain* existing = live.find_domain(domain.name);
        return existing &&
               (existing->default_expr != domain.default_expr || existing->checks != domain.checks);
      });
  return domain_to_ask || partitions_to_ask(declared, live) || !declared.views.empty() ||
         !declared.functions.empty() || !declared.triggers.empty();
}

}  // namespace

void canonicalize_definitions(pqxx::connection& connection, Schema& declared, const Schema& live) {
  if (!anything_to_ask(declared, live)) return;
  try {
    pqxx::work tx(connection);
    tx.exec(
        "SET LOCAL search_path = public; SET LOCAL lock_timeout = '1s'; "
        "SET LOCAL check_function_bodies = false");
    // Each on its own: one that fails (a lock not had in time) leaves the others in place.
    for (const std::string& statement : scaffolding(declared, live)) {
      try {
        pqxx::subtransaction step(tx);
        step.exec(statement);
        step.commit();
      } catch (const pqxx::sql_error& e) {
        spdlog::debug("for the model's definitions, {} failed: {}", statement,
                      trim_message(e.what()));
      }
    }
    ask_domains(tx, declared, live);
    ask_functions(tx, declared, live);
    ask_partitions(tx, declared, live);
    const std::set<std::string> temporary_views = ask_views(tx, declared, live);
    ask_triggers(tx, declared, live, temporary_views);
    tx.abort();
  } catch (const pqxx::sql_error& e) {
    throw DatabaseError("canonicalizing the model's definitions failed: " + trim_message(e.what()));
  }
}

}  // namespace migrate::canonical
