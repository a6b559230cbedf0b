// Declared views in the server's own words: each query whose text differs from the live view's
// is created as a temporary view of the same name (so that views reading views find each other),
// in as many rounds as their order needs, inside one PL/pgSQL block; its pg_get_viewdef and what
// it reads are read back. A query the server still rejects is compared as written.

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "migrate/render.hpp"

#include "catalog/canonical_definitions.hpp"
#include "catalog/connection.hpp"
#include "catalog/reflect_rows.hpp"
#include "sql/parse_tree.hpp"

namespace migrate::canonical {
namespace {

const char* const create_in_rounds = R"(
DO $migrate_views$
DECLARE
  progress boolean := true;
  pending record;
BEGIN
  WHILE progress LOOP
    progress := false;
    FOR pending IN SELECT name, sql FROM pg_temp.migrate_views WHERE NOT done ORDER BY ord LOOP
      BEGIN
        EXECUTE pending.sql;
        UPDATE pg_temp.migrate_views SET done = true WHERE name = pending.name;
        progress := true;
      EXCEPTION WHEN others THEN
        UPDATE pg_temp.migrate_views SET error = SQLERRM WHERE name = pending.name;
      END;
    END LOOP;
  END LOOP;
END $migrate_views$)";

// Each temporary view's text and what it reads: relations (temporary ones are declared views),
// with the column, and types.
const char* const read_back = R"(
SELECT 'query', c.relname, NULL, NULL, pg_get_viewdef(c.oid)
FROM pg_class c WHERE c.relnamespace = pg_my_temp_schema() AND c.relkind = 'v'
UNION ALL
SELECT DISTINCT 'relation', v.relname, CASE WHEN rc.relnamespace = pg_my_temp_schema() THEN NULL
       ELSE rn.nspname END, rc.relname, a.attname
FROM pg_class v
JOIN pg_rewrite r ON r.ev_class = v.oid
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
     AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> v.oid
JOIN pg_class rc ON rc.oid = d.refobjid
JOIN pg_namespace rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
     AND d.refobjsubid > 0
WHERE v.relnamespace = pg_my_temp_schema() AND v.relkind = 'v'
UNION ALL
SELECT DISTINCT 'type', v.relname, tn.nspname, t.typname, NULL
FROM pg_class v
JOIN pg_rewrite r ON r.ev_class = v.oid
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
     AND d.refclassid = 'pg_type'::regclass
JOIN pg_type t ON t.oid = d.refobjid
JOIN pg_namespace tn ON tn.oid = t.typnamespace
WHERE v.relnamespace = pg_my_temp_schema() AND v.relkind = 'v'
  AND tn.nspname NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT DISTINCT 'function', v.relname, fn.nspname, f.proname,
       pg_get_function_identity_arguments(f.oid)
FROM pg_class v
JOIN pg_rewrite r ON r.ev_class = v.oid
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
     AND d.refclassid = 'pg_proc'::regclass
JOIN pg_proc f ON f.oid = d.refobjid
JOIN pg_namespace fn ON fn.oid = f.pronamespace
WHERE v.relnamespace = pg_my_temp_schema() AND v.relkind = 'v'
  AND fn.nspname NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'error', name, NULL, NULL, error FROM pg_temp.migrate_views WHERE NOT done)";

// The asked views, each after the asked views its query names: one created before a view it reads
// would read the live view of that name, and be printed with that view's schema.
std::vector<std::string> creation_order(const std::map<std::string, View*>& asked) {
  std::vector<std::string> order;
  std::set<std::string> visited;  // a cycle is left for the server to reject
  const auto place = [&](const auto& self, const std::string& name) -> void {
    if (!visited.insert(name).second) return;
    for (const sql::RelationReference& read : sql::relations_named(asked.at(name)->query)) {
      if (read.name != name && asked.count(read.name)) self(self, read.name);
    }
    order.push_back(name);
  };
  for (const auto& entry : asked) place(place, entry.first);
  return order;
}

}  // namespace

std::set<std::string> ask_views(pqxx::work& tx, Schema& declared, const Schema& live) {
  std::map<std::string, View*> asked;  // by name: the temporary views share one schema
  for (View& view : declared.views) {
    const View* existing = live.find_view(view.name);
    if (existing && existing->query == view.query) {
      view.depends_on = existing->depends_on;  // already in the server's words
      continue;
    }
    if (!asked.emplace(view.name.name, &view).second) {
      spdlog::warn("view {} is compared as written: another view of that name is asked first",
                   display_name(view.name));
    }
  }
  std::set<std::string> made;
  if (asked.empty()) return made;
  for (auto& [name, view] : asked) view->depends_on.clear();
  std::string sql =
      "CREATE TEMP TABLE migrate_views (name text PRIMARY KEY, ord integer, sql text, done boolean "
      "DEFAULT false, error text);\n";
  int ord = 0;
  for (const std::string& name : creation_order(asked)) {
    sql += fmt::format("INSERT INTO pg_temp.migrate_views (name, ord, sql) VALUES ({}, {}, {});\n",
                       quote_literal(name), ord++,
                       quote_literal(fmt::format("CREATE TEMP VIEW {} AS {}", quote_ident(name),
                                                 asked.at(name)->query)));
  }
  sql += create_in_rounds;
  tx.exec(sql);
  std::map<std::string, std::string> errors;
  for (const auto& row : tx.exec(read_back)) {
    const std::string kind = row[0].as<std::string>();
    View* view = asked.at(row[1].as<std::string>());
    if (kind == "query") {
      view->query = view_query(row[4].as<std::string>());
      made.insert(row[1].as<std::string>());
    } else if (kind == "error") {
      errors[row[1].as<std::string>()] = trim_message(row[4].as<std::string>());
    } else {
      // A temporary view is the declared view of that name.
      QualifiedName object{row[2].is_null() ? "" : row[2].as<std::string>(),
                           row[3].as<std::string>()};
      if (object.schema.empty()) object.schema = asked.at(object.name)->name.schema;
      view->depends_on.push_back({kind, object, row[4].is_null() ? "" : row[4].as<std::string>()});
    }
  }
  for (const auto& [name, error] : errors) {
    spdlog::warn("the server rejects the query of view {}: {}; it is compared as written",
                 display_name(asked.at(name)->name), error);
  }
  return made;
}

}  // namespace migrate::canonical
