// Declared expressions in the server's own words. A person writes `default: "'draft'"`; the
// catalog holds `'draft'::post_status`. Rather than guess PostgreSQL's deparser, each expression
// that differs in text from the live one is given to the server on a temporary copy of the live
// table (CREATE TEMP TABLE ... (LIKE ...): an ACCESS SHARE lock only), read back with the same
// functions reflection uses, and the transaction is rolled back.
#include <algorithm>

#include <fmt/format.h>

#include "migrate/catalog.hpp"
#include "migrate/diff.hpp"
#include "migrate/error.hpp"
#include "migrate/render.hpp"

#include "catalog/connection.hpp"

namespace migrate {
namespace {

// One expression to canonicalize: where it goes back, and the DDL that makes the server parse it.
struct Probe {
  std::string* target = nullptr;
  std::string statement = {};
  std::string kind = {};  // "default", "check", "where", "key"
  std::string temp_table = {};
  std::string name = {};  // column, constraint or index name
  int key_ordinal = 0;
};

std::string temp_name(std::size_t n) { return fmt::format("migrate_canonical_{}", n); }

void probe_columns(Table& declared, const Table& live, const std::string& temp,
                   std::vector<Probe>& probes) {
  for (Column& column : declared.columns) {
    const Column* existing = live.find_column(column.name);
    if (!existing || !column.default_expr || column.default_expr == existing->default_expr)
      continue;
    probes.push_back({&*column.default_expr,
                      fmt::format("ALTER TABLE pg_temp.{} ALTER COLUMN {} SET DEFAULT {}", temp,
                                  quote_ident(column.name), *column.default_expr),
                      "default", temp, column.name});
  }
}

// A generation expression is parsed by adding the column again, generated, to the copy.
void probe_generated(Table& declared, const Table& live, const std::string& temp,
                     std::vector<Probe>& probes) {
  for (Column& column : declared.columns) {
    const Column* existing = live.find_column(column.name);
    if (!existing || !column.generated || !existing->generated ||
        column.generated == existing->generated) {
      continue;
    }
    const std::string table = "pg_temp." + temp;
    probes.push_back({&*column.generated,
                      fmt::format("ALTER TABLE {} DROP COLUMN {}; ALTER TABLE {} ADD COLUMN {} {} "
                                  "GENERATED ALWAYS AS ({}) STORED",
                                  table, quote_ident(column.name), table, quote_ident(column.name),
                                  existing->type, *column.generated),
                      "generated", temp, column.name});
  }
}

void probe_checks(Table& declared, const Table& live, const std::string& temp,
                  std::vector<Probe>& probes) {
  for (CheckConstraint& check : declared.checks) {
    auto it = std::find_if(live.checks.begin(), live.checks.end(),
                           [&](const CheckConstraint& c) { return c.name == check.name; });
    if (it == live.checks.end() || it->expression == check.expression) continue;
    probes.push_back({&check.expression,
                      fmt::format("ALTER TABLE pg_temp.{} ADD CONSTRAINT {} CHECK ({}) NOT VALID",
                                  temp, quote_ident(check.name), check.expression),
                      "check", temp, check.name});
  }
}

// The whole index is created on the copy; its predicate and expression keys are read back.
void probe_indexes(Table& declared, const Table& live, const std::string& temp,
                   std::vector<Probe>& probes) {
  for (Index& index : declared.indexes) {
    auto it = std::find_if(live.indexes.begin(), live.indexes.end(),
                           [&](const Index& i) { return i.name == index.name; });
    if (it == live.indexes.end() || *it == index) continue;
    Index copy = index;
    copy.name = temp + "_" + std::to_string(probes.size());
    std::string statement = render(CreateIndex{{"pg_temp", temp}, copy}).front();
    if (index.where) {
      probes.push_back({&*index.where, statement, "where", temp, copy.name});
      statement.clear();  // one CREATE INDEX serves every probe of this index
    }
    for (std::size_t k = 0; k < index.keys.size(); ++k) {
      if (index.keys[k].expression.empty()) continue;
      probes.push_back(
          {&index.keys[k].expression, statement, "key", temp, copy.name, static_cast<int>(k + 1)});
      statement.clear();
    }
  }
}

// A PL/pgSQL block runs every probe in its own subtransaction, so that one expression the server
// rejects leaves the others canonicalized: all in one round trip.
std::string probe_block(const std::vector<Probe>& probes) {
  std::string body;
  for (const Probe& probe : probes) {
    if (probe.statement.empty()) continue;
    body += fmt::format("  BEGIN EXECUTE {}; EXCEPTION WHEN others THEN NULL; END;\n",
                        quote_literal(probe.statement));
  }
  return "DO " + quote_literal("BEGIN\n" + body + "END") + " LANGUAGE plpgsql";
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
SELECT 'where', t.relname, ic.relname, 0, pg_get_expr(i.indpred, i.indrelid)
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relnamespace = pg_my_temp_schema() AND i.indpred IS NOT NULL
UNION ALL
SELECT 'key', t.relname, ic.relname, k.ord::int, pg_get_indexdef(i.indexrelid, k.ord::int, false)
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
WHERE t.relnamespace = pg_my_temp_schema() AND k.attnum = 0)";

std::string strip_check(std::string definition) {
  const std::string prefix = "CHECK (";
  const std::string suffix = ") NOT VALID";
  if (definition.rfind(prefix, 0) == 0 && definition.size() > prefix.size() + suffix.size() &&
      definition.compare(definition.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return definition.substr(prefix.size(), definition.size() - prefix.size() - suffix.size());
  }
  return definition;
}

void apply_results(const pqxx::result& rows, std::vector<Probe>& probes) {
  for (const auto& row : rows) {
    const std::string kind = row[0].as<std::string>();
    for (Probe& probe : probes) {
      if (probe.kind == kind && probe.temp_table == row[1].as<std::string>() &&
          probe.name == row[2].as<std::string>() && probe.key_ordinal == row[3].as<int>()) {
        const std::string text = row[4].as<std::string>();
        *probe.target = kind == "check" ? strip_check(text) : text;
      }
    }
  }
}

// The live table behind `table` copied under the name temp, with the model's renames applied.
std::string temp_copy(const std::string& temp, const QualifiedName& table,
                      const std::vector<Operation>& renames) {
  QualifiedName source = table;
  for (const Operation& op : renames) {
    const auto* rename = std::get_if<RenameTable>(&op);
    if (rename && rename->from.schema == table.schema && rename->to == table.name) {
      source = rename->from;
    }
  }
  std::string sql =
      fmt::format("CREATE TEMP TABLE {} (LIKE {}) ON COMMIT DROP;\n", temp, quote_name(source));
  for (const Operation& op : renames) {
    const auto* rename = std::get_if<RenameColumn>(&op);
    if (rename && rename->table == table) {
      sql += fmt::format("ALTER TABLE pg_temp.{} RENAME COLUMN {} TO {};\n", temp,
                         quote_ident(rename->from), quote_ident(rename->to));
    }
  }
  return sql;
}

}  // namespace

void Database::canonicalize(Schema& declared, const Schema& live) {
  // A table or column the model renames is compared with its old self, so it is parsed there.
  const DeclaredRenames renames = declared_renames(live, declared);
  const Schema& compared = renames.renamed ? *renames.renamed : live;
  std::vector<Probe> probes;
  std::string copies;
  for (Table& table : declared.tables) {
    const Table* existing = compared.find_table(table.name);
    if (!existing) continue;
    const std::string temp = temp_name(probes.size());
    const std::size_t before = probes.size();
    probe_columns(table, *existing, temp, probes);
    probe_generated(table, *existing, temp, probes);
    probe_checks(table, *existing, temp, probes);
    probe_indexes(table, *existing, temp, probes);
    if (probes.size() == before) continue;
    for (std::size_t i = before; i < probes.size(); ++i) probes[i].temp_table = temp;
    copies += temp_copy(temp, table.name, renames.operations);
  }
  if (probes.empty()) return;
  try {
    pqxx::work tx(*impl_->connection);
    tx.exec("SET LOCAL search_path = public;\n" + copies + probe_block(probes));
    apply_results(tx.exec(read_back), probes);
    tx.abort();
  } catch (const pqxx::sql_error& e) {
    throw DatabaseError("canonicalizing the model's expressions failed: " + trim_message(e.what()));
  }
}

}  // namespace migrate
