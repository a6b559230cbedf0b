#include <string>

#include <catch2/catch.hpp>

#include "migrate/error.hpp"
#include "migrate/model.hpp"

using migrate::FileError;
using migrate::load_model_text;

namespace {

// A model with one table users whose column id is declared by `column` (a flow mapping).
std::string users_with(const std::string& column) {
  return "tables:\n  users:\n    columns:\n      id: " + column + "\n";
}

}  // namespace

TEST_CASE("a misspelt key in a model names the file, line and column", "[model]") {
  const auto text = "tables:\n  users:\n    columns:\n      id: {type: bigint, nulable: false}\n";
  CHECK_THROWS_WITH(load_model_text("blog.yaml", text),
                    Catch::StartsWith("blog.yaml:4:26: unknown key 'nulable'"));
  CHECK_THROWS_WITH(
      load_model_text("blog.yaml", text),
      "blog.yaml:4:26: unknown key 'nulable' in column users.id (expected: type, nullable, "
      "default, primary_key, unique, index, references, on_delete, on_update, identity, "
      "generated, collation, statistics, storage, compression, comment, check, renamed_from)");
}

TEST_CASE("a model error is a FileError carrying its position", "[model]") {
  try {
    load_model_text("blog.yaml", users_with("{type: bigint, nulable: false}"));
    FAIL("no error");
  } catch (const FileError& e) {
    CHECK(e.file() == "blog.yaml");
    CHECK(e.line() == 4);
    CHECK(e.column() == 26);
  }
}

TEST_CASE("a value of the wrong YAML type names what was expected", "[model]") {
  CHECK_THROWS_WITH(load_model_text("blog.yaml", users_with("{type: bigint, nullable: maybe}")),
                    "blog.yaml:4:36: expected a boolean for 'nullable' in column users.id");
  CHECK_THROWS_WITH(load_model_text("blog.yaml", users_with("{type: [bigint]}")),
                    "blog.yaml:4:18: expected a string for 'type' in column users.id");
  CHECK_THROWS_WITH(load_model_text("blog.yaml", "tables: [users]\n"),
                    "blog.yaml:1:9: expected a mapping for 'tables'");
}

TEST_CASE("a column without a type is an error at the column", "[model]") {
  CHECK_THROWS_WITH(load_model_text("blog.yaml", users_with("{nullable: false}")),
                    "blog.yaml:4:7: missing key 'type' in column users.id");
}

TEST_CASE("an index on a column the table lacks is an error listing its columns", "[model]") {
  const auto text =
      "tables:\n  posts:\n    columns:\n      id: {type: int}\n      title: {type: text}\n"
      "    indexes:\n      posts_title_idx: {columns: [titel]}\n";
  CHECK_THROWS_WITH(load_model_text("blog.yaml", text),
                    "blog.yaml:7:35: unknown column 'titel' in index posts_title_idx of table "
                    "posts (expected: id, title)");
}

TEST_CASE("a primary key, unique or foreign key column must exist", "[model]") {
  const auto base = "tables:\n  t:\n    columns:\n      id: {type: int}\n";
  CHECK_THROWS_WITH(load_model_text("m.yaml", std::string(base) + "    primary_key: [idd]\n"),
                    "m.yaml:5:19: unknown column 'idd' in primary key of table t (expected: id)");
  CHECK_THROWS_WITH(
      load_model_text("m.yaml", std::string(base) + "    unique:\n      - {columns: [x]}\n"),
      "m.yaml:6:20: unknown column 'x' in unique constraint of table t (expected: id)");
  CHECK_THROWS_WITH(
      load_model_text(
          "m.yaml",
          std::string(base) + "    foreign_keys:\n      - {columns: [x], references: a(id)}\n"),
      "m.yaml:6:20: unknown column 'x' in foreign key of table t (expected: id)");
}

TEST_CASE("a duplicate key in one mapping is an error, not a silent overwrite", "[model]") {
  const auto text =
      "tables:\n  users:\n    columns:\n      id: {type: bigint}\n      id: {type: int}\n";
  CHECK_THROWS_WITH(load_model_text("blog.yaml", text),
                    "blog.yaml:5:7: duplicate key 'id' (first written at 4:7)");
  CHECK_THROWS_WITH(load_model_text("blog.yaml", users_with("{type: int, type: bigint}")),
                    "blog.yaml:4:23: duplicate key 'type' (first written at 4:12)");
}

TEST_CASE("an identifier longer than 63 bytes is an error, never truncated", "[model]") {
  const std::string name(64, 'a');
  CHECK_THROWS_WITH(load_model_text("m.yaml", "tables:\n  " + name + ":\n    columns: {}\n"),
                    "m.yaml:2:3: table name '" + name +
                        "' is 64 bytes long; PostgreSQL allows at most 63 (names are never "
                        "truncated)");
  // 32 two-byte characters: 32 characters but 64 bytes.
  std::string wide;
  for (int i = 0; i < 32; ++i) wide += "\xc3\xa9";
  CHECK_THROWS_WITH(load_model_text("m.yaml", users_with("{type: int}").replace(36, 2, wide)),
                    Catch::StartsWith("m.yaml:4:7: column name '" + wide + "' is 64 bytes long"));
  CHECK_NOTHROW(load_model_text("m.yaml", "tables:\n  " + name.substr(1) + ":\n    columns: {}\n"));
}

TEST_CASE("invalid UTF-8 is an error at the offending byte", "[model]") {
  CHECK_THROWS_WITH(load_model_text("m.yaml", "tables:\n  users:\n    comment: caf\xe9\n"),
                    "m.yaml:3:17: invalid UTF-8 (byte 0xe9); YAML files must be UTF-8");
  CHECK_THROWS_WITH(load_model_text("m.yaml", "tables: {}\n# \xed\xa0\x80 surrogate\n"),
                    "m.yaml:2:3: invalid UTF-8 (byte 0xed); YAML files must be UTF-8");
}

TEST_CASE("a YAML syntax error reports the parser's position", "[model]") {
  CHECK_THROWS_WITH(load_model_text("m.yaml", users_with("{type: bigint\n  x: 1")),
                    "m.yaml:5:4: YAML syntax error: end of map flow not found");
  CHECK_THROWS_WITH(load_model_text("m.yaml", "tables:\n  a: *missing\n"),
                    "m.yaml:2:6: YAML syntax error: the referenced anchor is not defined");
}

TEST_CASE("a document starting with a stray comma is a syntax error, not a hang", "[model]") {
  // yaml-cpp 0.7 alone loops forever on this (jbeder/yaml-cpp#1040).
  CHECK_THROWS_WITH(load_model_text("m.yaml", ",tables: {}\n"),
                    "m.yaml:1:1: YAML syntax error: unexpected ','");
  CHECK_THROWS_WITH(load_model_text("m.yaml", "tables: {}\n---\n,\n"),
                    "m.yaml:3:1: YAML syntax error: unexpected ','");
}

TEST_CASE("a model file must be a mapping at the top level", "[model]") {
  CHECK_THROWS_WITH(load_model_text("m.yaml", "- users\n- posts\n"),
                    Catch::StartsWith("m.yaml:1:1: expected a mapping at the top level of the "
                                      "model file"));
}

TEST_CASE("a referential action outside SQL's five is an error", "[model]") {
  CHECK_THROWS_WITH(
      load_model_text("m.yaml", users_with("{type: int, references: a.id, on_delete: explode}")),
      "m.yaml:4:52: expected cascade, restrict, set null, set default or no action for "
      "'on_delete' in column users.id");
  CHECK_THROWS_WITH(load_model_text("m.yaml", users_with("{type: int, on_delete: cascade}")),
                    "m.yaml:4:23: 'on_delete' needs 'references' in column users.id");
}

TEST_CASE("a malformed reference says which forms are accepted", "[model]") {
  CHECK_THROWS_WITH(load_model_text("m.yaml", users_with("{type: int, references: users}")),
                    "m.yaml:4:35: expected 'table.column', 'table(column, ...)' or {table: ..., "
                    "columns: [...]} for 'references' in column users.id");
}

TEST_CASE("primary keys declared on columns and on the table are an error", "[model]") {
  const auto text = users_with("{type: int, primary_key: true}") + "    primary_key: [id]\n";
  CHECK_THROWS_WITH(load_model_text("m.yaml", text),
                    "m.yaml:5:5: primary key of table users is declared both on its columns and "
                    "under 'primary_key'");
}

TEST_CASE("two constraints of a table cannot share a name", "[model]") {
  const auto text = users_with("{type: int}") +
                    "    checks:\n      c1: \"id > 0\"\n    foreign_keys:\n"
                    "      - {name: c1, columns: [id], references: a(id)}\n";
  CHECK_THROWS_WITH(load_model_text("m.yaml", text),
                    "m.yaml:8:47: name 'c1' of foreign key on table users is already used by check "
                    "constraint on table users (constraint names are unique per table)");
}

TEST_CASE("an index cannot take the name of a table", "[model]") {
  const auto text = users_with("{type: int}") + "    indexes:\n      users: {columns: [id]}\n";
  CHECK_THROWS_WITH(load_model_text("m.yaml", text),
                    "m.yaml:6:7: name 'users' of index on table users is already used by table "
                    "users (tables, sequences, indexes and key constraints of a schema share one "
                    "namespace)");
}

TEST_CASE("a column takes one source of values and key columns are never nullable", "[model]") {
  CHECK_THROWS_WITH(
      load_model_text("m.yaml", users_with("{type: int, identity: always, default: 1}")),
      "m.yaml:4:41: 'default' conflicts with 'identity' in column users.id (a column takes one of "
      "default, identity, generated or a serial type)");
  CHECK_THROWS_WITH(load_model_text("m.yaml", users_with("{type: serial, default: 1}")),
                    Catch::StartsWith("m.yaml:4:26: 'default' conflicts with 'type'"));
  CHECK_THROWS_WITH(
      load_model_text("m.yaml", users_with("{type: serial, nullable: true}")),
      "m.yaml:4:36: 'nullable: true' conflicts with 'type: serial' in column users.id");
  CHECK_THROWS_WITH(load_model_text("m.yaml", users_with("{type: text, identity: always}")),
                    "m.yaml:4:18: an identity column must be smallint, integer or bigint, not "
                    "'text', in column users.id");
}

TEST_CASE("a table defined twice in one file's documents names both places", "[model]") {
  const auto text = "tables:\n  t:\n    columns: {}\n---\ntables:\n  t:\n    columns: {}\n";
  CHECK_THROWS_WITH(load_model_text("m.yaml", text),
                    "m.yaml:6:3: table 't' is already defined at m.yaml:2:3");
}

TEST_CASE("enum labels are unique and sequences are of an integer type", "[model]") {
  CHECK_THROWS_WITH(load_model_text("m.yaml", "enums:\n  e: [a, b, a]\n"),
                    "m.yaml:2:13: duplicate label 'a' in enum e");
  CHECK_THROWS_WITH(load_model_text("m.yaml", "sequences:\n  s: {type: text}\n"),
                    "m.yaml:2:13: expected smallint, integer or bigint for 'type' in sequence s");
}

TEST_CASE("a domain names its base type and its checks' names once, and none is NO INHERIT",
          "[model]") {
  CHECK_THROWS_WITH(load_model_text("m.yaml", "domains:\n  d: {nullable: false}\n"),
                    "m.yaml:2:6: missing key 'type' in domain d");
  CHECK_THROWS_WITH(
      load_model_text("m.yaml",
                      "domains:\n  d: {type: int, checks: {c: {expression: VALUE > 0, "
                      "no_inherit: true}}}\n"),
      "m.yaml:2:54: unknown key 'no_inherit' in check constraint c of domain d (expected: "
      "name, expression, not_valid, comment)");
  CHECK_THROWS_WITH(load_model_text("m.yaml", "domains:\n  d: {type: int, colour: red}\n"),
                    "m.yaml:2:18: unknown key 'colour' in domain d (expected: type, collation, "
                    "default, nullable, checks, comment)");
  const migrate::Schema named = migrate::load_model_text(
      "m.yaml",
      "domains:\n  d: {type: int, checks: [VALUE > 0, {name: d_check1, expression: "
      "VALUE < 9}, VALUE <> 5]}\n");
  REQUIRE(named.domains.size() == 1);
  REQUIRE(named.domains[0].checks.size() == 3);
  CHECK(named.domains[0].checks[0].name == "d_check");
  CHECK(named.domains[0].checks[1].name == "d_check1");
  CHECK(named.domains[0].checks[2].name == "d_check2");
}

// Found by fuzz_model_loader: a name holding NUL and other control bytes was loaded, and written
// back as a different name.
TEST_CASE("a name holding a control character is refused where it is written", "[model]") {
  CHECK_THROWS_WITH(load_model_text("m.yaml", std::string("enums:\n  \"st\\x10pe\": [a]\n")),
                    "m.yaml:2:3: enum name holds the control character 0x10 at byte 3; names may "
                    "not contain control characters");
  std::string raw = "enums:\n  st\x10pe";
  raw += '\0';
  raw += "_x: [a]\n";
  CHECK_THROWS_WITH(load_model_text("m.yaml", raw), Catch::Contains("control character 0x10"));
}

TEST_CASE("a schema's comment is given once in the whole model", "[model]") {
  const auto text =
      "schemas:\n  billing: {comment: Money}\n---\nschema: billing\nschemas:\n  billing: "
      "{comment: Cash}\n";
  CHECK_THROWS_WITH(load_model_text("m.yaml", text),
                    "m.yaml:6:22: comment of schema 'billing' is already defined at m.yaml:2:22");
  const migrate::Schema loaded =
      load_model_text("m.yaml", "schemas:\n  billing: {comment: Money}\n  audit:\n");
  CHECK(loaded.schemas == std::vector<std::string>{"audit", "billing"});
  CHECK(loaded.schema_comments == std::map<std::string, std::string>{{"billing", "Money"}});
}
