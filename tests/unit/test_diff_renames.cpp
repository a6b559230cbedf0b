#include <catch2/catch.hpp>

#include "migrate/diff.hpp"
#include "migrate/flags.hpp"
#include "migrate/render.hpp"

#include "diff/follow_renames.hpp"

using namespace migrate;

namespace {

Table tags_table(const std::string& name) {
  Table table{{"public", name}};
  table.columns = {{"id", "integer", false}, {"name", "text", false}};
  table.primary_key = PrimaryKey{name + "_pkey", {"id"}};
  table.uniques = {UniqueConstraint{name + "_name_key", {"name"}}};
  table.checks = {CheckConstraint{name + "_name_check", "(name <> ''::text)"}};
  table.indexes = {Index{name + "_lower_idx", false, "btree", {IndexKey{"", "lower(name)"}}}};
  return table;
}

Table posts_table() {
  Table table{{"public", "posts"}};
  table.columns = {{"id", "bigint", false}, {"tag_id", "integer"}};
  table.primary_key = PrimaryKey{"posts_pkey", {"id"}};
  table.foreign_keys = {ForeignKey{"posts_tag_id_fkey", {"tag_id"}, {"public", "tags"}, {"id"}}};
  return table;
}

Schema schema_of(std::vector<Table> tables) {
  Schema schema;
  schema.tables = std::move(tables);
  sort_schema(schema);
  return schema;
}

std::vector<std::string> described(const std::vector<Operation>& ops) {
  std::vector<std::string> lines;
  for (const Operation& op : ops) lines.push_back(describe(op));
  return lines;
}

}  // namespace

TEST_CASE("a column reference in an expression follows a rename; literals, calls and types do not",
          "[diff][renames]") {
  using diff_detail::rename_column_in_expression;
  CHECK(rename_column_in_expression("(email <> ''::text)", "email", "email_address") ==
        "(email_address <> ''::text)");
  CHECK(rename_column_in_expression("lower((email)::text)", "email", "Mail") ==
        "lower((\"Mail\")::text)");
  CHECK(rename_column_in_expression("(\"Email\" = 'email'::text)", "Email", "e") ==
        "(e = 'email'::text)");
  CHECK(rename_column_in_expression("email(x) + t.email + y::email + email1 + 1e5", "email", "z") ==
        "email(x) + t.email + y::email + email1 + 1e5");
  CHECK(rename_column_in_expression("E'it\\'s email' || email", "email", "z") ==
        "E'it\\'s email' || z");
  CHECK(rename_column_in_expression("CASE WHEN \"end\" > 0 THEN 1 END", "end", "stop") ==
        "CASE WHEN stop > 0 THEN 1 END");
  CHECK(rename_column_in_expression("(epoch)::timestamp with time zone > EXTRACT(epoch FROM x)",
                                    "epoch", "z") ==
        "(z)::timestamp with time zone > EXTRACT(epoch FROM x)");
  // Dollar quotes and comments, which only a real scanner knows.
  CHECK(rename_column_in_expression("email || $q$email$q$ /* email */", "email", "z") ==
        "z || $q$email$q$ /* email */");
  // Exclusion constraints name columns as elements and in INCLUDE, besides their expressions.
  using diff_detail::rename_column_in_constraint;
  CHECK(rename_column_in_constraint(
            "EXCLUDE USING gist (room WITH =, during WITH &&) INCLUDE (room) WHERE ((room > 0))",
            "room",
            "r") == "EXCLUDE USING gist (r WITH =, during WITH &&) INCLUDE (r) WHERE ((r > 0))");
  CHECK(rename_column_in_constraint("EXCLUDE USING gist (lower(room) WITH =)", "lower", "x") ==
        "EXCLUDE USING gist (lower(room) WITH =)");
  CHECK(rename_column_in_expression("b = B'1010' AND x = X'1f'", "b", "c") ==
        "c = B'1010' AND x = X'1f'");
}

TEST_CASE("a table declared renamed_from its old name is renamed, not dropped and created",
          "[diff][renames]") {
  Table labels = tags_table("labels");
  labels.renamed_from = "tags";
  Table posts = posts_table();
  posts.foreign_keys[0].referenced_table.name = "labels";
  const auto ops = diff(schema_of({tags_table("tags"), posts_table()}), schema_of({labels, posts}));
  CHECK(described(ops) ==
        std::vector<std::string>{"rename table tags to labels",
                                 "rename constraint tags_pkey on labels to labels_pkey",
                                 "rename constraint tags_name_key on labels to labels_name_key",
                                 "rename constraint tags_name_check on labels to labels_name_check",
                                 "rename index tags_lower_idx to labels_lower_idx"});
  for (const auto& flagged : flag_operations(ops)) CHECK_FALSE(flagged.flag);
}

TEST_CASE("a column declared renamed_from is renamed, and keys and expressions follow it",
          "[diff][renames]") {
  Table old_tags = tags_table("tags");
  Table tags = tags_table("tags");
  tags.columns[1] = {"label", "text", false};
  tags.columns[1].renamed_from = "name";
  tags.uniques = {UniqueConstraint{"tags_name_key", {"label"}}};
  tags.checks[0].expression = "(label <> ''::text)";
  tags.indexes[0].keys[0].expression = "lower(label)";
  const auto ops = diff(schema_of({old_tags}), schema_of({tags}));
  CHECK(described(ops) == std::vector<std::string>{"rename column tags.name to label"});
  CHECK(render(ops[0]) ==
        std::vector<std::string>{"ALTER TABLE public.tags RENAME COLUMN name TO label"});
}

TEST_CASE("a rename already done, or naming nothing, changes nothing and notes why",
          "[diff][renames]") {
  Table labels = tags_table("labels");
  labels.renamed_from = "tags";
  CHECK(diff(schema_of({tags_table("labels")}), schema_of({labels})).empty());
  CHECK(declared_renames(schema_of({tags_table("labels")}), schema_of({labels})).notes.empty());

  const auto neither = declared_renames(schema_of({}), schema_of({labels}));
  CHECK(neither.operations.empty());
  CHECK(neither.notes ==
        std::vector<std::string>{"table labels is declared renamed_from tags, but the database has "
                                 "neither: it is created"});
  const auto both =
      declared_renames(schema_of({tags_table("tags"), tags_table("labels")}), schema_of({labels}));
  CHECK(both.operations.empty());
  CHECK(both.notes.size() == 1);

  const auto created = diff(schema_of({}), schema_of({labels}));
  REQUIRE(created.size() == 1);
  CHECK_FALSE(std::get<CreateTable>(created[0]).table.renamed_from);
}

TEST_CASE("an index or constraint that only changes name is renamed", "[diff][renames]") {
  Table before = tags_table("tags");
  Table after = before;
  after.indexes[0].name = "tags_name_lower_idx";
  after.checks[0].name = "tags_name_not_empty";
  const auto ops = diff(schema_of({before}), schema_of({after}));
  CHECK(described(ops) ==
        std::vector<std::string>{"rename constraint tags_name_check on tags to tags_name_not_empty",
                                 "rename index tags_lower_idx to tags_name_lower_idx"});
  CHECK(render(ops[1]) == std::vector<std::string>{
                              "ALTER INDEX public.tags_lower_idx RENAME TO tags_name_lower_idx"});
}

TEST_CASE("an index whose definition changes with its name is dropped and created",
          "[diff][renames]") {
  Table before = tags_table("tags");
  Table after = before;
  after.indexes[0] = Index{"tags_upper_idx", false, "btree", {IndexKey{"", "upper(name)"}}};
  const auto ops = diff(schema_of({before}), schema_of({after}));
  CHECK(described(ops) == std::vector<std::string>{"drop index tags_lower_idx on tags",
                                                   "create index tags_upper_idx on tags"});
}

TEST_CASE("an enum value replaced at its place is flagged as a possible rename",
          "[flags][renames]") {
  Schema before;
  before.enums = {Enum{{"public", "post_status"}, {"draft", "published", "archived"}}};
  Schema after;
  after.enums = {Enum{{"public", "post_status"}, {"draft", "live", "archived"}}};
  const auto ops = flag_operations(diff(before, after));
  REQUIRE(ops.size() == 1);
  CHECK(ops[0].flag ==
        "possible rename of value 'published' to 'live' of enum post_status: to keep the rows "
        "that hold it, replace this alter_enum with `rename_enum_value: {name: post_status, "
        "from: published, to: live}`");
  CHECK(
      render(RenameEnumValue{{"public", "post_status"}, "published", "live"}) ==
      std::vector<std::string>{"ALTER TYPE public.post_status RENAME VALUE 'published' TO 'live'"});

  Schema removed;
  removed.enums = {Enum{{"public", "post_status"}, {"draft", "archived"}}};
  const auto loss = flag_operations(diff(before, removed));
  REQUIRE(loss.size() == 1);
  CHECK(loss[0].flag == "data loss: removes value 'published' from enum post_status");
}

TEST_CASE("two indexes that swap names are dropped and created, not renamed in a cycle",
          "[diff][renames]") {
  Table before = tags_table("tags");
  before.indexes = {Index{"a_idx", false, "btree", {IndexKey{"id"}}},
                    Index{"b_idx", false, "btree", {IndexKey{"name"}}}};
  Table after = before;
  after.indexes = {Index{"a_idx", false, "btree", {IndexKey{"name"}}},
                   Index{"b_idx", false, "btree", {IndexKey{"id"}}}};
  const auto ops = diff(schema_of({before}), schema_of({after}));
  CHECK(described(ops) ==
        std::vector<std::string>{"drop index a_idx on tags", "drop index b_idx on tags",
                                 "create index a_idx on tags", "create index b_idx on tags"});
}
