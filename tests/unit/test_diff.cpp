#include <algorithm>

#include <catch2/catch.hpp>

#include "migrate/diff.hpp"

using namespace migrate;

namespace {

Table table_with_id(const std::string& name) {
  Table table{{"public", name}};
  table.columns = {{"id", "bigint", false}};
  table.primary_key = PrimaryKey{name + "_pkey", {"id"}};
  return table;
}

ForeignKey fk_to(const std::string& name, const std::string& column, const std::string& target) {
  return ForeignKey{name, {column}, {"public", target}, {"id"}};
}

template <typename Kind>
std::size_t position(
    const std::vector<Operation>& ops,
    std::function<bool(const Kind&)> matches = [](const Kind&) { return true; }) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (const auto* kind = std::get_if<Kind>(&ops[i]); kind && matches(*kind)) return i;
  }
  FAIL("operation not found");
  return 0;
}

// Two tables whose foreign keys point at each other.
Schema cyclic_schema() {
  Table a = table_with_id("a");
  Table b = table_with_id("b");
  a.columns.push_back({"b_id", "bigint"});
  b.columns.push_back({"a_id", "bigint"});
  a.foreign_keys = {fk_to("a_b_id_fkey", "b_id", "b")};
  b.foreign_keys = {fk_to("b_a_id_fkey", "a_id", "a")};
  Schema schema;
  schema.tables = {a, b};
  return schema;
}

}  // namespace

TEST_CASE("equal schemas have no differences", "[diff]") {
  CHECK(diff(cyclic_schema(), cyclic_schema()).empty());
}

TEST_CASE("a foreign-key cycle is created as tables first, then constraints", "[diff]") {
  const auto ops = diff(Schema{}, cyclic_schema());
  REQUIRE(ops.size() == 4);
  CHECK(std::holds_alternative<CreateTable>(ops[0]));
  CHECK(std::holds_alternative<CreateTable>(ops[1]));
  CHECK(std::holds_alternative<AddConstraint>(ops[2]));
  CHECK(std::holds_alternative<AddConstraint>(ops[3]));
  CHECK(std::get<CreateTable>(ops[0]).table.foreign_keys.empty());
}

TEST_CASE("dropping a foreign-key cycle drops the constraints before the tables", "[diff]") {
  const auto ops = diff(cyclic_schema(), Schema{});
  REQUIRE(ops.size() == 4);
  CHECK(std::holds_alternative<DropConstraint>(ops[0]));
  CHECK(std::holds_alternative<DropConstraint>(ops[1]));
  CHECK(std::holds_alternative<DropTable>(ops[2]));
  CHECK(std::holds_alternative<DropTable>(ops[3]));
}

TEST_CASE("an enum is created before the table that uses it and dropped after", "[diff]") {
  Schema schema;
  schema.enums = {Enum{{"public", "zz_status"}, {"on", "off"}}};
  Table table = table_with_id("aa");
  table.columns.push_back({"status", "zz_status"});
  schema.tables = {table};
  const auto up = diff(Schema{}, schema);
  CHECK(position<CreateEnum>(up) < position<CreateTable>(up));
  const auto down = diff(schema, Schema{});
  CHECK(position<DropTable>(down) < position<DropEnum>(down));
}

TEST_CASE("a serial's sequence is created before its table and owned after", "[diff]") {
  Schema schema;
  Table table = table_with_id("t");
  table.columns[0].default_expr = "nextval('t_id_seq'::regclass)";
  schema.tables = {table};
  schema.sequences = {Sequence{{"public", "t_id_seq"}, "integer", {}, ColumnRef{table.name, "id"}}};
  const auto up = diff(Schema{}, schema);
  CHECK(position<CreateSequence>(up) < position<CreateTable>(up));
  CHECK(position<CreateTable>(up) < position<AlterSequence>(up));
  const auto down = diff(schema, Schema{});
  CHECK(position<AlterSequence>(down) < position<DropTable>(down));
  CHECK(position<DropTable>(down) < position<DropSequence>(down));
}

TEST_CASE("a referenced table is dropped after the foreign keys that point at it", "[diff]") {
  Schema from;
  Table child = table_with_id("child");
  child.columns.push_back({"parent_id", "bigint"});
  child.foreign_keys = {fk_to("child_parent_id_fkey", "parent_id", "parent")};
  from.tables = {child, table_with_id("parent")};
  Schema to = from;
  to.tables[0].foreign_keys.clear();
  to.tables.pop_back();
  const auto ops = diff(from, to);
  CHECK(position<DropConstraint>(ops) < position<DropTable>(ops));
}

TEST_CASE("a changed column becomes one alter with each changed attribute", "[diff]") {
  Schema from;
  from.tables = {table_with_id("t")};
  from.tables[0].columns.push_back({"name", "text"});
  Schema to = from;
  to.tables[0].columns[1].type = "character varying(50)";
  to.tables[0].columns[1].nullable = false;
  const auto ops = diff(from, to);
  REQUIRE(ops.size() == 1);
  const auto& alter = std::get<AlterColumn>(ops[0]);
  CHECK(alter.type == Change<std::string>{"text", "character varying(50)"});
  CHECK(alter.nullable == Change<bool>{true, false});
  CHECK_FALSE(alter.default_expr);
}

TEST_CASE("a constraint replaced under the same name is dropped before it is added", "[diff]") {
  Schema from;
  from.tables = {table_with_id("t")};
  from.tables[0].checks = {{"t_check", "(id > 0)"}};
  Schema to = from;
  to.tables[0].checks[0].expression = "(id > 1)";
  const auto ops = diff(from, to);
  REQUIRE(ops.size() == 2);
  CHECK(std::holds_alternative<DropConstraint>(ops[0]));
  CHECK(std::holds_alternative<AddConstraint>(ops[1]));
}

TEST_CASE("applying the inverse of a diff is the diff the other way", "[diff]") {
  const auto up = diff(Schema{}, cyclic_schema());
  const auto down = inverse(up);
  REQUIRE(down.size() == 4);
  CHECK(std::holds_alternative<DropConstraint>(down[0]));
  CHECK(std::holds_alternative<DropTable>(down[3]));
}

TEST_CASE("an index's storage parameters in another order are the same index", "[diff]") {
  Schema from;
  from.tables = {table_with_id("t")};
  from.tables[0].indexes = {
      Index{.name = "t_id_idx", .keys = {IndexKey{"id"}}, .storage = {"fillfactor=70", "a=1"}}};
  Schema to = from;
  to.tables[0].indexes[0].storage = {"a=1", "fillfactor=70"};
  CHECK(diff(from, to).empty());
  to.tables[0].indexes[0].storage = {"a=1", "fillfactor=80"};
  CHECK(diff(from, to).size() == 2);  // dropped and created again
  to.tables[0].indexes[0].storage = from.tables[0].indexes[0].storage;
  to.tables[0].indexes[0].comment = "Only a comment";
  const auto ops = diff(from, to);
  REQUIRE(ops.size() == 1);
  CHECK(std::holds_alternative<SetComment>(ops[0]));
}
