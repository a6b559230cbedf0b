#include <catch2/catch.hpp>

#include "migrate/diff.hpp"
#include "migrate/flags.hpp"

using namespace migrate;

namespace {

Table users_with(std::vector<Column> extra) {
  Table table{{"public", "users"}};
  table.columns = {{"id", "bigint", false}};
  for (auto& column : extra) table.columns.push_back(std::move(column));
  table.primary_key = PrimaryKey{"users_pkey", {"id"}};
  return table;
}

Schema schema_of(std::vector<Table> tables) {
  Schema schema;
  schema.tables = std::move(tables);
  return schema;
}

}  // namespace

TEST_CASE("a dropped and an added column of the same shape are flagged as a possible rename",
          "[flags]") {
  const auto ops =
      flag_operations(diff(schema_of({users_with({{"email", "text", false}})}),
                           schema_of({users_with({{"email_address", "text", false}})})));
  REQUIRE(ops.size() == 2);
  CHECK(ops[0].flag ==
        "possible rename of column users.email to email_address: to keep the data, replace this "
        "drop and the add_column of email_address with `rename_column: {table: users, from: "
        "email, to: email_address}`");
  CHECK(ops[1].flag ==
        "possible rename of column users.email to email_address: see the "
        "drop_column of email");
}

TEST_CASE("an unrelated column dropped and another added are not called a rename", "[flags]") {
  const auto ops = flag_operations(diff(schema_of({users_with({{"bio", "text"}})}),
                                        schema_of({users_with({{"age", "integer"}})})));
  REQUIRE(ops.size() == 2);
  CHECK(ops[0].flag == "data loss: drops column users.bio and its values");
  CHECK_FALSE(ops[1].flag);
}

TEST_CASE("a dropped table and a created one with most columns alike are a possible rename",
          "[flags]") {
  Table tags{{"public", "tags"}, {{"id", "integer", false}, {"name", "text", false}}};
  Table labels = tags;
  labels.name.name = "labels";
  const auto ops = flag_operations(diff(schema_of({tags}), schema_of({labels})));
  REQUIRE(ops.size() == 2);
  // The drop comes first and its partner right after: the rename replaces both in place.
  CHECK(std::holds_alternative<DropTable>(ops[0].op));
  CHECK_THAT(*ops[0].flag, Catch::Contains("rename_table: {from: tags, to: labels}"));
  CHECK(*ops[1].flag == "possible rename of table tags to labels: see the drop_table of tags");
}

TEST_CASE("a NOT NULL column without a default is flagged as one that may fail", "[flags]") {
  const auto ops = flag_operations(
      diff(schema_of({users_with({})}), schema_of({users_with({{"name", "text", false}})})));
  REQUIRE(ops.size() == 1);
  CHECK_THAT(*ops[0].flag, Catch::StartsWith("may fail: adds NOT NULL column users.name"));
}

TEST_CASE("narrowing a column is flagged as data loss, widening is not", "[flags]") {
  const auto narrowed =
      flag_operations(diff(schema_of({users_with({{"name", "character varying(255)"}})}),
                           schema_of({users_with({{"name", "character varying(50)"}})})));
  CHECK(narrowed[0].flag ==
        "data loss: narrows column users.name from character varying(255) "
        "to character varying(50)");
  const auto widened = flag_operations(diff(schema_of({users_with({{"name", "integer"}})}),
                                            schema_of({users_with({{"name", "bigint"}})})));
  CHECK_FALSE(widened[0].flag);
}

TEST_CASE("a likely rename's drop and add stand together where the rename would go", "[flags]") {
  // The added column is indexed and the dropped one had a unique constraint: the constraint
  // goes before the pair, the index after it.
  Table before = users_with({{"email", "text", false}});
  before.uniques = {UniqueConstraint{"users_email_key", {"email"}}};
  Table after = users_with({{"email_address", "text", false}});
  after.indexes = {Index{"users_email_address_idx", false, "btree", {IndexKey{"email_address"}}}};
  const auto ops = flag_operations(diff(schema_of({before}), schema_of({after})));
  std::vector<std::string> kinds;
  for (const auto& op : ops) kinds.push_back(kind_name(op.op));
  CHECK(kinds ==
        std::vector<std::string>{"drop_constraint", "drop_column", "add_column", "create_index"});
  CHECK_THAT(*ops[1].flag, Catch::Contains("`rename_column: {table: users, from: email, to: "
                                           "email_address}`"));
}

TEST_CASE("a suggested rename quotes names YAML would read otherwise", "[flags]") {
  const auto ops = flag_operations(diff(schema_of({users_with({{"e mail", "text", false}})}),
                                        schema_of({users_with({{"true", "text", false}})})));
  REQUIRE(ops.size() == 2);
  CHECK_THAT(*ops[0].flag, Catch::Contains("`rename_column: {table: users, from: \"e mail\", to: "
                                           "\"true\"}`"));
}
