#include <catch2/catch.hpp>

#include "migrate/operations.hpp"

using namespace migrate;

namespace {

Table sample_table() {
  Table table{{"public", "posts"}};
  table.columns = {{"id", "bigint", false}, {"title", "text"}};
  table.primary_key = PrimaryKey{"posts_pkey", {"id"}};
  table.indexes = {Index{"posts_title_idx", false, "btree", {IndexKey{"title"}}}};
  return table;
}

std::vector<Operation> one_of_each_kind() {
  const Table table = sample_table();
  const QualifiedName posts = table.name;
  const ForeignKey fk{"posts_author_fkey", {"author_id"}, {"public", "users"}, {"id"}};
  return {
      CreateSchema{"app"},
      DropSchema{"old"},
      CreateExtension{{"citext", "public"}},
      DropExtension{{"hstore", "public"}},
      CreateEnum{{{"public", "mood"}, {"sad", "happy"}}},
      DropEnum{{{"public", "colour"}, {"red"}}},
      AlterEnumValues{{"public", "mood"}, {{"sad"}, {"sad", "ok"}}, {}},
      RenameEnumValue{{"public", "mood"}, "sad", "blue"},
      CreateDomain{{{"public", "email"}, "text", std::nullopt, std::nullopt, false}},
      DropDomain{{{"public", "year"}, "integer"}},
      AlterDomain{{"public", "email"},
                  Change<std::optional<std::string>>{std::nullopt, "'a'::text"},
                  Change<bool>{true, false},
                  Change<std::vector<CheckConstraint>>{
                      {}, {{"email_check", "(VALUE ~ '@'::text)", false, true}}}},
      CreateSequence{{{"public", "s"}, "bigint"}},
      DropSequence{{{"public", "t"}, "integer"}},
      AlterSequence{{"public", "s"}, Change<std::string>{"integer", "bigint"}},
      CreateTable{table},
      DropTable{table},
      RenameTable{posts, "articles"},
      AlterTable{posts, Change<bool>{false, true},
                 Change<std::vector<std::string>>{{}, {"fillfactor=70"}},
                 Change<std::optional<std::string>>{std::nullopt, "posts_pkey"}},
      AttachPartition{posts, {"public", "posts_2026"}, "FOR VALUES IN (2026)"},
      DetachPartition{posts, {"public", "posts_2025"}, "DEFAULT"},
      AddColumn{posts, {"summary", "text"}},
      DropColumn{posts, {"body", "text"}},
      RenameColumn{posts, "body", "content"},
      AlterColumn{posts, "title", Change<std::string>{"text", "character varying(50)"},
                  std::nullopt, std::nullopt, Change<bool>{true, false}},
      CreateIndex{posts, table.indexes[0]},
      DropIndex{posts, table.indexes[0]},
      RenameIndex{posts, "a_idx", "b_idx"},
      AddConstraint{posts, fk},
      DropConstraint{posts, CheckConstraint{"posts_check", "(id > 0)"}},
      RenameConstraint{posts, "a", "b"},
      SetComment{CommentTarget::column, posts, "title", {std::nullopt, "The title"}},
      Sql{"UPDATE posts SET title = 'x'", "UPDATE posts SET title = 'y'"},
  };
}

}  // namespace

TEST_CASE("the inverse of the inverse of every operation is the operation", "[operations]") {
  for (const Operation& op : one_of_each_kind()) {
    INFO(describe(op));
    CHECK(inverse(inverse(op)) == op);
    CHECK_FALSE(inverse(op) == op);
  }
}

TEST_CASE("inverting a list reverses it and inverts each operation", "[operations]") {
  const std::vector<Operation> ops = {CreateSchema{"a"}, AddColumn{{"public", "t"}, {"c", "text"}}};
  const auto undo = inverse(ops);
  REQUIRE(undo.size() == 2);
  CHECK(undo[0] == Operation{DropColumn{{"public", "t"}, {"c", "text"}}});
  CHECK(undo[1] == Operation{DropSchema{"a"}});
}

TEST_CASE("drops and type changes are known to destroy data", "[operations]") {
  const QualifiedName posts{"public", "posts"};
  CHECK(data_loss(DropTable{sample_table()}) == "drops table posts and its rows");
  CHECK(data_loss(DropColumn{posts, {"body", "text"}}) == "drops column posts.body and its values");
  CHECK(data_loss(AlterEnumValues{{"public", "mood"}, {{"sad", "ok"}, {"sad"}}}) ==
        "removes value 'ok' from enum mood");
  CHECK_FALSE(data_loss(AddColumn{posts, {"c", "text"}}));
  CHECK_FALSE(data_loss(AlterEnumValues{{"public", "mood"}, {{"sad"}, {"sad", "ok"}}}));
}

TEST_CASE("operations describe themselves in one line and name their kind", "[operations]") {
  const QualifiedName app_users{"app", "users"};
  CHECK(describe(AddColumn{app_users, {"email", "text"}}) == "add column app.users.email text");
  CHECK(kind_name(AddColumn{app_users, {"email", "text"}}) == "add_column");
  CHECK(kind_name(SetComment{}) == "comment");
}

TEST_CASE("a narrowing type change is data loss, a widening one is not", "[operations]") {
  auto alter = [](const std::string& from, const std::string& to) {
    return AlterColumn{{"public", "t"}, "c", Change<std::string>{from, to}};
  };
  CHECK_FALSE(data_loss(alter("character varying(50)", "character varying(80)")));
  CHECK_FALSE(data_loss(alter("character varying(50)", "text")));
  CHECK_FALSE(data_loss(alter("integer", "bigint")));
  CHECK_FALSE(data_loss(alter("numeric(10,2)", "numeric(12,3)")));
  CHECK(data_loss(alter("character varying(255)", "character varying(50)")) ==
        "narrows column t.c from character varying(255) to character varying(50)");
  CHECK(data_loss(alter("bigint", "integer")));
  CHECK(data_loss(alter("text", "integer")));
  CHECK(data_loss(alter("numeric(10,2)", "numeric(10,3)")));
}
