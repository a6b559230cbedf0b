#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "migrate/model.hpp"

#include "integration/schema_support.hpp"
#include "support/postgres.hpp"

using namespace migrate;
using namespace migrate::testing;

namespace {

// Two tables with a column `status` and a column `n` of different types, so that their probes
// cannot share a temporary table; a check using the table's own row, which only a copy of that
// table can answer.
const std::vector<std::string> by_hand = {
    "CREATE TYPE mood AS ENUM ('sad', 'ok')",
    "CREATE TABLE a (id integer PRIMARY KEY, status text DEFAULT 'x', n numeric(8,2) DEFAULT 0.5, "
    "doc jsonb NOT NULL DEFAULT '{}', at timestamptz DEFAULT '2020-01-01 00:00:00+00', "
    "CONSTRAINT a_n_check CHECK (n > 0))",
    "CREATE INDEX a_lower_idx ON a (lower(status), (n * 2)) WHERE n > 1",
    "CREATE INDEX a_doc_idx ON a USING gin ((doc -> 'tags') jsonb_path_ops)",
    "CREATE INDEX a_sorted_idx ON a (status COLLATE \"C\", lower(status) COLLATE \"POSIX\")",
    "CREATE TABLE b (id integer PRIMARY KEY, status mood DEFAULT 'ok', n integer DEFAULT -1, "
    "CONSTRAINT b_n_check CHECK (n > 0 AND status <> 'sad'), CONSTRAINT b_row_check CHECK (b IS "
    "NOT NULL))",
    "CREATE INDEX b_n_idx ON b ((n + 1)) WHERE status = 'ok'",
    "CREATE TABLE d (code text COLLATE \"C\")",
    "CREATE INDEX d_lower_idx ON d (lower(code))",
    "CREATE TABLE c (id integer PRIMARY KEY, r int4range, "
    "CONSTRAINT c_r_excl EXCLUDE USING gist (r WITH &&) WHERE (id > 0))",
};

const char* model = R"yaml(
enums:
  mood: [sad, ok]
tables:
  a:
    columns:
      id: {type: int, primary_key: true}
      status: {type: text, default: "'x'"}
      n: {type: "numeric(8,2)", default: "0.5"}
      doc: {type: jsonb, nullable: false, default: "'{}'"}
      at: {type: timestamptz, default: "'2020-01-01 00:00:00+00'"}
    checks:
      a_n_check: "n > 0"
    indexes:
      a_lower_idx: {expressions: ["lower(status)", "n * 2"], where: "n > 1"}
      a_doc_idx: {columns: [{expression: "doc -> 'tags'", opclass: jsonb_path_ops}], method: gin}
      a_sorted_idx:
        columns: [{column: status, collation: C}, {expression: lower(status), collation: POSIX}]
  b:
    columns:
      id: {type: int, primary_key: true}
      status: {type: mood, default: "'ok'"}
      n: {type: int, default: "-1"}
    checks:
      b_n_check: "n > 0 and status <> 'sad'"
      b_row_check: "b is not null"
    indexes:
      b_n_idx: {expressions: ["n + 1"], where: "status = 'ok'"}
  d:
    columns:
      code: {type: text, collation: C}
    indexes:
      d_lower_idx: {expressions: [lower(code)]}
  c:
    columns:
      id: {type: int, primary_key: true}
      r: {type: int4range}
    exclusions:
      c_r_excl: "exclude using gist (r with &&) where (id > 0)"
)yaml";

}  // namespace

TEST_CASE("expressions written as a person writes them compare equal to the catalog's",
          "[catalog][canonicalize]") {
  const auto db = fresh_database();
  Database(db.url).execute_in_transaction(by_hand);
  const auto ops = changes_to(db.url, load_model_text("m.yaml", model));
  INFO(describe_all(ops));
  CHECK(ops.empty());
}

TEST_CASE("an expression the server rejects shows as a difference and costs no other its answer",
          "[catalog][canonicalize]") {
  const auto db = fresh_database();
  Database(db.url).execute_in_transaction(by_hand);
  std::string broken = model;
  const std::string check = "a_n_check: \"n > 0\"";
  broken.replace(broken.find(check), check.size(), "a_n_check: \"no_such_column > 0\"");
  const auto ops = changes_to(db.url, load_model_text("m.yaml", broken));
  CHECK(describe_all(ops) ==
        "drop check constraint a_n_check on a\nadd check constraint a_n_check on a\n");
}

TEST_CASE("an expression asked once for many tables answers each as its own table's types",
          "[catalog][canonicalize]") {
  // The same texts on columns of the same types are asked once; on other types, apart.
  std::vector<std::string> statements;
  std::string declared = "tables:\n";
  const char* types[] = {"integer", "integer", "text", "bigint", "integer", "text"};
  for (int i = 0; i < 6; ++i) {
    const std::string type = types[i];
    statements.push_back(fmt::format(
        "CREATE TABLE t{0} (v {1} DEFAULT '7', w {1}, CONSTRAINT t{0}_v_check CHECK (v > '1'))", i,
        type));
    statements.push_back(fmt::format("CREATE INDEX t{0}_w_idx ON t{0} (w) WHERE w <> '0'", i));
    declared += fmt::format(
        "  t{0}:\n    columns:\n      v: {{type: {1}, default: \"'7'\"}}\n      w: {{type: {1}}}\n"
        "    checks:\n      t{0}_v_check: \"v > '1'\"\n"
        "    indexes:\n      t{0}_w_idx: {{columns: [w], where: \"w <> '0'\"}}\n",
        i, type);
  }
  const auto db = fresh_database();
  Database(db.url).execute_in_transaction(statements);
  const auto ops = changes_to(db.url, load_model_text("m.yaml", declared));
  INFO(describe_all(ops));
  CHECK(ops.empty());
  // A real difference on one of them is still found.
  std::string changed = declared;
  const std::string t4_check = "t4_v_check: \"v > '1'\"";
  changed.replace(changed.find(t4_check), t4_check.size(), "t4_v_check: \"v > '2'\"");
  CHECK(describe_all(changes_to(db.url, load_model_text("m.yaml", changed))) ==
        "drop check constraint t4_v_check on t4\nadd check constraint t4_v_check on t4\n");
}
