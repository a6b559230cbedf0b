// Declared expressions in the server's own words. A person writes `default: "'draft'"`; the
// catalog holds `'draft'::post_status`. Rather than guess PostgreSQL's deparser, each expression
// that differs in text from the live one is given to the server on a temporary table holding the
// live columns it uses (see canonical_probes.hpp; creating one takes an ACCESS SHARE lock on
// nothing but the catalog), read back with the same functions reflection uses, and the
// transaction is rolled back.
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "migrate/catalog.hpp"
#include "migrate/diff.hpp"
#include "migrate/error.hpp"
#include "migrate/render.hpp"

#include "catalog/canonical_definitions.hpp"
#include "catalog/canonical_probes.hpp"
#include "catalog/connection.hpp"

namespace migrate {
namespace {

using canonical::Probe;
using canonical::ProbeKind;
using canonical::ProbeTable;
using canonical::TableProbes;

// A PL/pgSQL block runs every probe in its own subtransaction, so that one expression the server
// rejects leaves the others canonicalized: all in one round trip.
// Probes asked together whose statement fails are asked again one by one.
std::string probe_block(std::vector<ProbeTable>& tables) {
  auto each_alone = [](const std::vector<canonical::AloneStatement>& statements) {
    std::string sql;
    for (const auto& statement : statements) {
      sql += fmt::format(
          "  BEGIN EXECUTE {}; EXCEPTION WHEN others THEN "
          "INSERT INTO pg_temp.migrate_probe_errors VALUES ({}, SQLERRM); END;\n",
          quote_literal(statement.sql), quote_literal(statement.probe));
    }
    return sql;
  };
  std::string body;
  std::unordered_map<std::string, const Probe*> asked;
  for (ProbeTable& table : tables) {
    for (const auto& statement : canonical::probe_statements(table, asked)) {
      if (statement.together.empty()) {
        body += each_alone(statement.alone);
      } else {
        body += fmt::format("  BEGIN EXECUTE {}; EXCEPTION WHEN others THEN\n{}  END;\n",
                            quote_literal(statement.together), each_alone(statement.alone));
      }
    }
  }
  // Dollar quotes spare a second copy of the body with every quote doubled (megabytes for a
  // large model); a body holding the tag itself is quoted the usual way.
  const std::string tag = "$migrate_probes$";
  if (body.find(tag) != std::string::npos) {
    return "DO " + quote_literal("BEGIN\n" + body + "END") + " LANGUAGE plpgsql";
  }
  body.insert(0, "DO " + tag + "BEGIN\n");
  body += "END" + tag + " LANGUAGE plpgsql";
  return body;
}

const char* const read_back = R"(
SELECT CASE WHEN a.attgenerated = '' THEN 'default' ELSE 'generated' END, c.relname, a.attname,
       0, pg_get_expr(d.adbin, d.adrelid)
FROM pg_attrdef d
JOIN pg_class c ON c.oid = d.adrelid
JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
WHERE c.relnamespace = pg_my_temp_schema()
UNION ALL
SELECT 'check', c.relname, con.conname, 0, pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
WHERE c.relnamespace = pg_my_temp_schema() AND con.contype = 'c'
UNION ALL
SELECT 'key', t.relname, ic.relname, k.ord::int, pg_get_indexdef(i.indexrelid, k.ord::int, false)
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
WHERE t.relnamespace = pg_my_temp_schema() AND k.attnum = 0
UNION ALL
SELECT 'exclusion', c.relname, con.conname, 0, pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
WHERE c.relnamespace = pg_my_temp_schema() AND con.contype = 'x'
UNION ALL
SELECT 'error', '', probe, 0, message FROM pg_temp.migrate_probe_errors)";

std::string strip_check(std::string definition) {
  const std::string prefix = "CHECK (";
  const std::string suffix = ") NOT VALID";
  if (definition.rfind(prefix, 0) == 0 && definition.size() > prefix.size() + suffix.size() &&
      definition.compare(definition.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return definition.substr(prefix.size(), definition.size() - prefix.size() - suffix.size());
  }
  return definition;
}

// The kind of the read-back row that answers a probe.
const char* kind_name(ProbeKind kind) {
  switch (kind) {
    case ProbeKind::default_value:
      return "default";
    case ProbeKind::generated:
      return "generated";
    case ProbeKind::check:
    case ProbeKind::where:  // a predicate is asked as a check constraint
      return "check";
    case ProbeKind::exclusion:
      return "exclusion";
    case ProbeKind::key:
      return "key";
  }
  return "";
}

std::string answer_key(const std::string& kind, const std::string& table, const std::string& name,
                       int key_ordinal) {
  return fmt::format("{}\x1f{}\x1f{}\x1f{}", kind, table, name, key_ordinal);
}

void apply_results(const pqxx::result& rows, std::vector<ProbeTable>& tables) {
  std::unordered_map<std::string, Probe*> waiting;
  std::unordered_multimap<std::string, Probe*> by_name;
  for (ProbeTable& table : tables) {
    for (TableProbes* probes : table.tables) {
      for (Probe& probe : probes->probes) {
        by_name.emplace(probe.name, &probe);
        const char* kind = kind_name(probe.kind);
        waiting[answer_key(kind, table.name, probe.name, probe.key_ordinal)] = &probe;
        if (!probe.packed_name.empty()) {
          waiting[answer_key(kind, table.name, probe.packed_name, probe.packed_ordinal)] = &probe;
        }
      }
    }
  }
  for (const auto& row : rows) {
    const std::string kind = row[0].as<std::string>();
    if (kind == "error") {
      auto [first, last] = by_name.equal_range(row[2].as<std::string>());
      for (auto it = first; it != last; ++it) {
        it->second->error = trim_message(row[4].as<std::string>());
      }
      continue;
    }
    auto it = waiting.find(
        answer_key(kind, row[1].as<std::string>(), row[2].as<std::string>(), row[3].as<int>()));
    if (it == waiting.end()) continue;
    const std::string text = row[4].as<std::string>();
    *it->second->target = kind == "check" ? strip_check(text) : text;
    it->second->answered = true;
  }
}

void run_probes(pqxx::connection& connection, std::vector<ProbeTable>& tables) {
  std::string sql =
      "SET LOCAL search_path = public;\n"
      "CREATE TEMP TABLE migrate_probe_errors (probe text, message text);\n";
  for (const ProbeTable& table : tables) sql += table.create + ";\n";
  sql += probe_block(tables);  // before apply_results: it names the packed indexes
  try {
    pqxx::work tx(connection);
    tx.exec(sql);
    apply_results(tx.exec(read_back), tables);
    canonical::copy_shared_answers(tables);
    tx.abort();
  } catch (const pqxx::sql_error& e) {
    throw DatabaseError("canonicalizing the model's expressions failed: " + trim_message(e.what()));
  }
}

}  // namespace

void Database::canonicalize(Schema& declared, const Schema& live) {
  canonical::canonicalize_definitions(*impl_->connection, declared, live);
  // A table or column the model renames is compared with its old self, so it is parsed there.
  const DeclaredRenames renames = declared_renames(live, declared);
  const Schema& compared = renames.renamed ? *renames.renamed : live;
  std::vector<TableProbes> tables =
      canonical::collect_probes(declared, compared, renames.operations);
  if (tables.empty()) return;
  std::vector<TableProbes*> all;
  for (TableProbes& table : tables) all.push_back(&table);
  std::size_t next_temp = 0;
  auto packed = canonical::pack(all, false, next_temp);
  run_probes(*impl_->connection, packed);
  // An expression left unanswered on a shared table (it uses the table's row, say) is asked
  // again on a full copy of its table; one the server rejects stays as written.
  std::vector<TableProbes*> again;
  for (TableProbes& table : tables) {
    const bool unanswered = std::any_of(table.probes.begin(), table.probes.end(),
                                        [](const Probe& probe) { return !probe.answered; });
    if (unanswered && !table.needs_own_copy) again.push_back(&table);
  }
  if (!again.empty()) {
    auto copies = canonical::pack(again, true, next_temp);
    run_probes(*impl_->connection, copies);
  }
  for (const TableProbes& table : tables) {
    for (const Probe& probe : table.probes) {
      if (probe.answered) continue;
      spdlog::warn("the server rejects the {} ({}){}; it is compared as written", probe.what,
                   probe.written, probe.error.empty() ? "" : ": " + probe.error);
    }
  }
}

}  // namespace migrate
