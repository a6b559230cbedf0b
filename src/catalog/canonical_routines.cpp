// Declared functions and triggers in the server's own words. A function is created as declared
// (CREATE, not OR REPLACE); when the database already has one of that signature, it is created
// in pg_temp instead, leaving the live one as it is. A trigger is created on a temporary copy of
// its table (or view). Each is read back with pg_get_functiondef or pg_get_triggerdef, and
// given back its own name. All of it in one PL/pgSQL block per kind, in rounds for functions,
// since a BEGIN ATOMIC body may call another declared function.

#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "migrate/render.hpp"

#include "catalog/canonical_definitions.hpp"
#include "catalog/connection.hpp"
#include "catalog/queries.hpp"
#include "sql/routine_text.hpp"

namespace migrate::canonical {
namespace {

const char* const create_functions = R"(
DO $migrate_functions$
DECLARE
  progress boolean := true;
  pending record;
  in_temp boolean;
  made_oid oid;
BEGIN
  WHILE progress LOOP
    progress := false;
    FOR pending IN SELECT * FROM pg_temp.migrate_functions WHERE made IS NULL ORDER BY ord LOOP
      BEGIN
        BEGIN
          EXECUTE pending.real_sql;
          in_temp := false;
        EXCEPTION WHEN duplicate_function THEN
          EXECUTE pending.temp_sql;
          in_temp := true;
        END;
        SELECT p.oid INTO made_oid FROM pg_proc p
        WHERE p.proname = pending.name
          AND p.oid NOT IN (SELECT oid FROM pg_temp.migrate_known_functions) LIMIT 1;
        INSERT INTO pg_temp.migrate_known_functions VALUES (made_oid);
        UPDATE pg_temp.migrate_functions SET made = made_oid, temporary = in_temp
        WHERE ord = pending.ord;
        progress := true;
      EXCEPTION WHEN others THEN
        UPDATE pg_temp.migrate_functions SET error = SQLERRM WHERE ord = pending.ord;
      END;
    END LOOP;
  END LOOP;
END $migrate_functions$)";

const char* const create_triggers = R"(
DO $migrate_triggers$
DECLARE
  pending record;
BEGIN
  FOR pending IN SELECT * FROM pg_temp.migrate_triggers ORDER BY ord LOOP
    BEGIN
      EXECUTE pending.setup_sql;
      EXECUTE pending.sql;
      UPDATE pg_temp.migrate_triggers SET done = true WHERE ord = pending.ord;
    EXCEPTION WHEN others THEN
      UPDATE pg_temp.migrate_triggers SET error = SQLERRM WHERE ord = pending.ord;
    END;
  END LOOP;
END $migrate_triggers$)";

// The definition with the name at span replaced.
std::string renamed(const std::string& text, const sql::NameSpan& span, const std::string& name) {
  return text.substr(0, span.begin) + name + text.substr(span.end);
}

std::string qualified_name(const QualifiedName& name) {
  return quote_ident(name.schema) + "." + quote_ident(name.name);
}

// CREATE FUNCTION|PROCEDURE with the given name, whatever the declared text begins with.
std::string create_statement(const Function& function, const sql::RoutineHead& head,
                             const std::string& name) {
  return fmt::format("CREATE {} {}{}", head.procedure ? "PROCEDURE" : "FUNCTION", name,
                     function.definition.substr(head.name.end));
}

Dependency dependency_of(const pqxx::row& row) {
  return {row[1].as<std::string>(),
          {row[2].as<std::string>(), row[3].as<std::string>()},
          row[4].is_null() ? "" : row[4].as<std::string>()};
}

}  // namespace

void ask_functions(pqxx::work& tx, Schema& declared, const Schema& live) {
  std::map<int, Function*> asked;
  std::string sql =
      "CREATE TEMP TABLE migrate_known_functions AS SELECT oid FROM pg_proc;\n"
      "CREATE TEMP TABLE migrate_functions (ord integer PRIMARY KEY, name text, real_sql text, "
      "temp_sql text, made oid, temporary boolean, error text);\n";
  for (Function& function : declared.functions) {
    const auto same_text =
        std::find_if(live.functions.begin(), live.functions.end(), [&](const Function& existing) {
          return existing.name == function.name && existing.definition == function.definition;
        });
    if (same_text != live.functions.end()) {
      function.arguments = same_text->arguments;  // already in the server's words
      function.depends_on = same_text->depends_on;
      continue;
    }
    const auto head = sql::routine_head(function.definition);
    if (!head) continue;
    const int ord = static_cast<int>(asked.size());
    asked[ord] = &function;
    sql += fmt::format(
        "INSERT INTO pg_temp.migrate_functions (ord, name, real_sql, temp_sql) VALUES ({}, {}, "
        "{}, {});\n",
        ord, quote_literal(function.name.name),
        quote_literal(create_statement(function, *head, qualified_name(function.name))),
        quote_literal(
            create_statement(function, *head, "pg_temp." + quote_ident(function.name.name))));
  }
  if (asked.empty()) return;
  sql += create_functions;
  tx.exec(sql);
  std::map<pqxx::oid, Function*> made;
  for (const auto& row : tx.exec(
           "SELECT ord, made, pg_get_functiondef(made), pg_get_function_identity_arguments(made), "
           "temporary, error FROM pg_temp.migrate_functions ORDER BY ord")) {
    Function& function = *asked.at(row[0].as<int>());
    if (row[1].is_null()) {
      spdlog::warn("the server rejects {}: {}; it is compared as written",
                   fmt::format("{} {}({})", function.procedure ? "procedure" : "function",
                               display_name(function.name), function.arguments),
                   trim_message(row[5].is_null() ? "" : row[5].as<std::string>()));
      continue;
    }
    made[row[1].as<pqxx::oid>()] = &function;
    std::string definition = sql::definition_text(row[2].as<std::string>()) + "\n";
    if (row[4].as<bool>()) {
      const auto head = sql::routine_head(definition);
      if (head) definition = renamed(definition, head->name, qualified_name(function.name));
    }
    function.definition = std::move(definition);
    function.arguments = row[3].as<std::string>();
    function.depends_on.clear();
  }
  for (const auto& row : tx.exec(
           fmt::format("SELECT * FROM ({}) d WHERE d.object IN (SELECT made FROM "
                       "pg_temp.migrate_functions WHERE made IS NOT NULL) AND d.schema_name NOT "
                       "LIKE 'pg\\_temp\\_%'",
                       queries::function_dependencies))) {
    made.at(row[0].as<pqxx::oid>())->depends_on.push_back(dependency_of(row));
  }
}

void ask_triggers(pqxx::work& tx, Schema& declared, const Schema& live,
                  const std::set<std::string>& temporary_views) {
  std::map<int, Trigger*> asked;
  std::string sql =
      "CREATE TEMP TABLE migrate_triggers (ord integer PRIMARY KEY, setup_sql text, sql text, "
      "done boolean DEFAULT false, error text);\n";
  for (Trigger& trigger : declared.triggers) {
    const Trigger* existing = live.find_trigger(trigger.table, trigger.name);
    if (existing && existing->definition == trigger.definition) {
      trigger.depends_on = existing->depends_on;  // already in the server's words
      continue;
    }
    const auto head = sql::trigger_head(trigger.definition);
    if (!head) continue;
    const int ord = static_cast<int>(asked.size());
    asked[ord] = &trigger;
    const std::string copy = fmt::format("migrate_trigger_{}", ord);
    std::string setup;
    if (const View* view = declared.find_view(trigger.table)) {
      const std::string source = temporary_views.count(view->name.name)
                                     ? "pg_temp." + quote_ident(view->name.name)
                                     : qualified_name(view->name);
      setup = fmt::format("CREATE TEMP VIEW {} AS SELECT * FROM {}", copy, source);
    } else {
      setup = fmt::format("CREATE TEMP TABLE {} (LIKE {})", copy, qualified_name(trigger.table));
    }
    sql += fmt::format(
        "INSERT INTO pg_temp.migrate_triggers (ord, setup_sql, sql) VALUES ({}, {}, {});\n", ord,
        quote_literal(setup),
        quote_literal(renamed(trigger.definition, head->relation, "pg_temp." + copy)));
  }
  if (asked.empty()) return;
  sql += create_triggers;
  tx.exec(sql);
  for (const auto& row : tx.exec(R"(
SELECT mt.ord, pg_get_triggerdef(t.oid), fn.nspname, f.proname,
       pg_get_function_identity_arguments(f.oid), mt.error
FROM pg_temp.migrate_triggers mt
LEFT JOIN pg_class c ON c.relname = 'migrate_trigger_' || mt.ord
     AND c.relnamespace = pg_my_temp_schema()
LEFT JOIN pg_trigger t ON t.tgrelid = c.oid
LEFT JOIN pg_proc f ON f.oid = t.tgfoid
LEFT JOIN pg_namespace fn ON fn.oid = f.pronamespace
ORDER BY mt.ord)")) {
    Trigger& trigger = *asked.at(row[0].as<int>());
    if (row[1].is_null()) {
      spdlog::warn("the server rejects trigger {} on {}: {}; it is compared as written",
                   trigger.name, display_name(trigger.table),
                   trim_message(row[5].is_null() ? "" : row[5].as<std::string>()));
      continue;
    }
    std::string definition = sql::definition_text(row[1].as<std::string>());
    if (const auto head = sql::trigger_head(definition)) {
      definition = renamed(definition, head->relation, qualified_name(trigger.table));
    }
    trigger.definition = std::move(definition);
    trigger.depends_on = {{"function",
                           {row[2].as<std::string>(), row[3].as<std::string>()},
                           row[4].as<std::string>()}};
  }
}

}  // namespace migrate::canonical
