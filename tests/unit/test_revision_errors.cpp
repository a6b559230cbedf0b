#include <catch2/catch.hpp>

#include "migrate/error.hpp"
#include "migrate/revision.hpp"

using namespace migrate;

namespace {

std::string error_of(const std::string& text, const std::string& file = "versions/x.yaml") {
  try {
    load_revision_text(file, text);
  } catch (const FileError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string with_upgrade(const std::string& operations) {
  return "revision: abc\nupgrade:\n" + operations;
}

}  // namespace

TEST_CASE("an unknown operation names the file, line and column and lists the kinds",
          "[revision]") {
  const std::string text = R"(revision: abc
parents: []
branch_labels: []
depends_on: []
message: x
created: ''
transactional: true
upgrade:
  - add_column: {table: posts, column: a, type: text}
  - sql: SELECT 1
downgrade:
  - creat_table: {name: tags}
)";
  CHECK(error_of(text) ==
        "versions/x.yaml:12:5: unknown operation 'creat_table' (expected: create_table, "
        "drop_table, rename_table, alter_table, attach_partition, detach_partition, "
        "add_column, drop_column, rename_column, "
        "alter_column, "
        "create_index, drop_index, rename_index, add_constraint, drop_constraint, "
        "rename_constraint, create_view, drop_view, create_function, drop_function, "
        "replace_function, create_trigger, drop_trigger, alter_trigger, create_enum, drop_enum, "
        "alter_enum, "
        "rename_enum_value, create_domain, drop_domain, alter_domain, create_composite_type, "
        "drop_composite_type, alter_composite_type, create_sequence, "
        "drop_sequence, alter_sequence, create_schema, drop_schema, create_extension, "
        "drop_extension, comment, "
        "sql)");
}

TEST_CASE("an unknown key in an operation names it and the keys the operation takes",
          "[revision]") {
  CHECK(error_of(with_upgrade("  - add_column: {table: posts, colum: a, type: text}\n")) ==
        "versions/x.yaml:3:32: unknown key 'colum' in add_column (expected: table, column, type, "
        "nullable, default, identity, generated, collation, comment, statistics, storage, "
        "compression, flag)");
  CHECK(error_of(with_upgrade("  - create_table:\n      name: t\n      colums: {}\n")) ==
        "versions/x.yaml:5:7: unknown key 'colums' in create_table (expected: name, comment, "
        "columns, primary_key, unique, foreign_keys, checks, exclusions, indexes, unlogged, "
        "storage, cluster_on, replica_identity, partition_of, bounds, partition_by, flag)");
}

TEST_CASE("a key misspelt inside a table of an operation is reported as in a model file",
          "[revision]") {
  CHECK(error_of(with_upgrade("  - create_table:\n      name: app.t\n      columns:\n"
                              "        id: {type: bigint, nulable: false}\n")) ==
        "versions/x.yaml:6:28: unknown key 'nulable' in column app.t.id (expected: type, "
        "nullable, default, primary_key, unique, index, references, on_delete, on_update, "
        "identity, generated, collation, statistics, storage, compression, comment, check, "
        "renamed_from)");
}

TEST_CASE("a missing field names the operation and where it is written", "[revision]") {
  CHECK(error_of(with_upgrade("  - add_column: {column: a, type: text}\n")) ==
        "versions/x.yaml:3:17: missing key 'table' in add_column");
  CHECK(error_of(with_upgrade("  - add_column: {table: t, column: a}\n")) ==
        "versions/x.yaml:3:36: missing key 'type' in column t.a");
  CHECK(error_of(with_upgrade("  - rename_table:\n")) ==
        "versions/x.yaml:3:5: missing key 'from' in rename_table");
  CHECK(error_of(with_upgrade("  - alter_column: {table: t, column: a, type: {from: text}}\n")) ==
        "versions/x.yaml:3:47: missing key 'to' in 'type' of alter_column");
  CHECK(error_of("parents: []\n") ==
        "versions/x.yaml:1:1: missing key 'revision' in the revision file");
}

TEST_CASE("a revision id other than lowercase letters, digits and '_' is refused", "[revision]") {
  CHECK(error_of("revision: 3F2A\n") ==
        "versions/x.yaml:1:11: invalid revision id '3F2A' for 'revision' (expected lowercase "
        "letters, digits and '_')");
  CHECK(error_of("revision: abc\nparents: [ok, not-ok]\n") ==
        "versions/x.yaml:2:15: invalid revision id 'not-ok' for 'parents' (expected lowercase "
        "letters, digits and '_')");
  CHECK(error_of("revision: [abc]\n") ==
        "versions/x.yaml:1:11: expected a revision id for 'revision' in the revision file");
}

TEST_CASE("invalid YAML names the place the parser stopped", "[revision]") {
  CHECK(error_of(with_upgrade("  - add_column: {table: posts\n")) ==
        "versions/x.yaml:4:1: YAML syntax error: end of map flow not found");
}

TEST_CASE("other mistakes in a revision file are reported where they are written", "[revision]") {
  CHECK(error_of("revision: abc\nmesage: x\n") ==
        "versions/x.yaml:2:1: unknown key 'mesage' in the revision file (expected: revision, "
        "parents, branch_labels, depends_on, message, created, transactional, "
        "statement_lock_timeout_ms, statement_timeout_ms, upgrade, downgrade)");
  CHECK(error_of(with_upgrade("  - drop_column: {table: t, column: a}\n    flag: x\n")) ==
        "versions/x.yaml:4:5: unexpected key 'flag' beside operation 'drop_column' (one "
        "operation per list item; a flag goes inside the operation's mapping)");
  CHECK(error_of(with_upgrade("  - add_constraint: {table: t, type: key, name: k}\n")) ==
        "versions/x.yaml:3:38: expected primary_key, unique, foreign_key, check or exclusion "
        "for 'type' in add_constraint");
  CHECK(error_of(with_upgrade("  - create_index: {table: t, columns: [a]}\n")) ==
        "versions/x.yaml:3:19: missing key 'name' in create_index");
  CHECK(error_of(with_upgrade("  - add_column: {table: t, column: id, type: serial}\n")) ==
        "versions/x.yaml:3:46: serial types are not available in add_column: write an identity "
        "column, or create_sequence and a nextval() default");
  CHECK(error_of(with_upgrade("  - alter_column: {table: t, column: a}\n")) ==
        "versions/x.yaml:3:19: alter_column changes nothing (expected at least one of: type, "
        "collation, nullable, default, identity, statistics, storage, compression)");
  CHECK(error_of(with_upgrade("  - create_index: {table: t, name: i, columns: [a DESC LAST]}\n")) ==
        "versions/x.yaml:3:49: expected 'column [ASC|DESC] [NULLS FIRST|LAST]' for a key of "
        "index i of table t, not 'a DESC LAST'");
  CHECK(error_of(with_upgrade("  - add_column: {table: a.b.c, column: x, type: text}\n")) ==
        "versions/x.yaml:3:25: expected 'name', 'schema.name' or {schema: ..., name: ...} for "
        "'table' in add_column");
  CHECK(error_of("revision: abc\nupgrade:\n  - sql: x\n---\nrevision: def\n") ==
        "versions/x.yaml:5:1: expected one YAML document in a revision file, not several");
  CHECK(error_of("") ==
        "versions/x.yaml:1:1: expected a mapping at the top level of the revision file (keys: "
        "revision, parents, branch_labels, depends_on, message, created, transactional, "
        "statement_lock_timeout_ms, statement_timeout_ms, upgrade, downgrade)");
  CHECK(error_of("revision: abc\nrevision: abd\n") ==
        "versions/x.yaml:2:1: duplicate key 'revision' (first written at 1:1)");
}

TEST_CASE("a branch label with a '-' is refused where it is written", "[revision]") {
  CHECK_THROWS_WITH(load_revision_text("r.yaml", "revision: a\nbranch_labels: [north-1]\n"),
                    "r.yaml:2:17: invalid branch label 'north-1' for 'branch_labels' (expected "
                    "letters, digits and '_')");
}

TEST_CASE("a revision's timeouts are read, written back, and checked", "[revision]") {
  const Revision revision = load_revision_text(
      "versions/x.yaml",
      "revision: abc\nstatement_lock_timeout_ms: 250\nstatement_timeout_ms: 0\n");
  CHECK(revision.statement_lock_timeout_ms == 250);
  CHECK(revision.statement_timeout_ms == 0);
  CHECK(load_revision_text("versions/x.yaml", write_revision_yaml(revision)) == revision);
  CHECK_FALSE(load_revision_text("versions/x.yaml", "revision: abc\n").statement_timeout_ms);
  CHECK(error_of("revision: abc\nstatement_timeout_ms: -5\n") ==
        "versions/x.yaml:2:23: expected a whole number of milliseconds for "
        "'statement_timeout_ms' in the revision file");
}

// Found by fuzz_revision_loader: raw control characters and NUL were read, then written back as
// something else.
TEST_CASE("control characters and NUL are refused where they stand", "[revision]") {
  CHECK(error_of("revision: abc\nmessage: a\x05z\n") ==
        "versions/x.yaml:2:11: control character 0x05 is not allowed in a YAML file (inside a "
        "double-quoted string it may be written escaped: \"\\x05\")");
  CHECK(error_of(std::string("revision: abc\nmessage: a\0z\n", 26)) ==
        "versions/x.yaml:2:11: a NUL byte is not allowed in a YAML file");
  CHECK(
      error_of("revision: abc\nmessage: \"a\\0z\"\n") ==
      "versions/x.yaml:2:10: a NUL character (\"\\0\") is not allowed: PostgreSQL cannot store it");
  // Escaped, a control character is text like any other.
  CHECK(load_revision_text("versions/x.yaml", "revision: abc\nmessage: \"a\\x05z\"\n").message ==
        "a\x05z");
}

// Found by fuzz_revision_loader: yaml-cpp reads the escape "\N" as the single byte 0x85, which
// was stored, then written back as U+FFFD.
TEST_CASE("an escape that yaml-cpp turns into invalid UTF-8 is refused", "[revision]") {
  CHECK(error_of("revision: abc\nmessage: \"a\\Nb\"\n") ==
        "versions/x.yaml:2:10: this string is not valid UTF-8 once its escapes are read (\\N, "
        "\\_, \\L and \\P come out as single bytes): write the character itself");
  CHECK(load_revision_text("versions/x.yaml", "revision: abc\nmessage: \"caf\\u00e9\"\n").message ==
        "caf\xc3\xa9");
}
