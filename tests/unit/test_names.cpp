#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "migrate/names.hpp"

using migrate::apply_naming_template;
using migrate::choose_object_name;
using migrate::make_object_name;
using migrate::NameParts;
using migrate::naming_kind_problem;
using migrate::naming_template_problem;

TEST_CASE("a primary key is named after its table", "[names]") {
  CHECK(make_object_name("users", "", "pkey") == "users_pkey");
  CHECK(make_object_name("users", "email", "key") == "users_email_key");
  CHECK(make_object_name("posts", "author_id", "fkey") == "posts_author_id_fkey");
}

TEST_CASE("a long name truncates the longer part until the name fits in 63 bytes", "[names]") {
  const std::string table(40, 't');
  const std::string column(30, 'c');
  // 58 bytes are left for the two names: the table name (the longer) shrinks to 30, then they
  // shrink in turn, the column name first on a tie (PostgreSQL's makeObjectName).
  const std::string name = make_object_name(table, column, "key");
  CHECK(name == std::string(29, 't') + "_" + std::string(29, 'c') + "_key");
  CHECK(name.size() == 63);
}

TEST_CASE("a long table name alone is cut to leave room for the label", "[names]") {
  const std::string table(63, 'a');
  CHECK(make_object_name(table, "", "pkey") == std::string(58, 'a') + "_pkey");
  CHECK(make_object_name(table, "id", "seq") == std::string(56, 'a') + "_id_seq");
}

TEST_CASE("a name that is taken gets a number after its label", "[names]") {
  std::set<std::string> taken{"users_email_key"};
  CHECK(choose_object_name("users", "email", "key", taken) == "users_email_key1");
  CHECK(choose_object_name("users", "email", "key", taken) == "users_email_key2");
  CHECK(taken.count("users_email_key2") == 1);
}

TEST_CASE("a numbered name is truncated again to fit", "[names]") {
  const std::string table(63, 'a');
  std::set<std::string> taken{std::string(58, 'a') + "_pkey"};
  CHECK(choose_object_name(table, "", "pkey", taken) == std::string(57, 'a') + "_pkey1");
}

TEST_CASE("truncation never splits a multibyte character", "[names]") {
  // "é" is two bytes: with "_pkey", 58 bytes are left for "x" and 30 "é" (61 bytes); byte 58
  // is the first half of the 29th "é", so the name keeps "x" and 28 of them.
  std::string table = "x";
  for (int i = 0; i < 30; ++i) table += "\xc3\xa9";
  std::string expected = "x";
  for (int i = 0; i < 28; ++i) expected += "\xc3\xa9";
  CHECK(make_object_name(table, "", "pkey") == expected + "_pkey");
  // Three-byte "€": of the 58 bytes left, whole characters fill 57 (19 of them).
  std::string euros;
  for (int i = 0; i < 25; ++i) euros += "\xe2\x82\xac";
  const std::string name = make_object_name(euros, "", "pkey");
  CHECK(name.size() == 19 * 3 + 5);
  CHECK(name.substr(name.size() - 5) == "_pkey");
}

TEST_CASE("a clipped multibyte name may leave the whole name under 63 bytes", "[names]") {
  std::string euros;
  for (int i = 0; i < 25; ++i) euros += "\xe2\x82\xac";
  // 75 + 1 + 2 + 1 + 3: the table name gets 56 bytes, clipped to 54 (18 characters).
  const std::string name = make_object_name(euros, "id", "seq");
  CHECK(name.size() == 54 + 7);
  CHECK(name.substr(54) == "_id_seq");
}

TEST_CASE("column names are joined with underscores for index and constraint names", "[names]") {
  CHECK(migrate::join_column_names({"tag_id", "post_id"}) == "tag_id_post_id");
  CHECK(migrate::join_column_names({"a"}) == "a");
}

TEST_CASE("repeated index key names are numbered as PostgreSQL does", "[names]") {
  CHECK(migrate::distinct_column_names({"expr", "expr", "a", "expr"}) ==
        std::vector<std::string>{"expr", "expr1", "a", "expr2"});
}

TEST_CASE("an index expression is named after its function, column or cast", "[names]") {
  using migrate::expression_column_name;
  CHECK(expression_column_name("lower(title)") == "lower");
  CHECK(expression_column_name("LOWER(title)") == "lower");
  CHECK(expression_column_name("public.f(a, b)") == "f");
  CHECK(expression_column_name("(title)") == "title");
  CHECK(expression_column_name("\"Title\"") == "Title");
  CHECK(expression_column_name("(a || b)::text") == "text");
  CHECK(expression_column_name("x::integer") == "x");
  CHECK(expression_column_name("(a + b)::integer") == "int4");
  CHECK(expression_column_name("CAST(a + b AS varchar(10))") == "varchar");
  CHECK(expression_column_name("coalesce(a, b)") == "coalesce");
  CHECK(expression_column_name("CASE WHEN a THEN 1 ELSE 2 END") == "case");
  CHECK(expression_column_name("a + b") == "expr");
  CHECK(expression_column_name("lower(a) || upper(b)") == "expr");
  CHECK(expression_column_name("'x'") == "expr");
  // As the server's parser reads them: a CASE with an ELSE column is named by it, keywords
  // that act as functions by their names, subscripts and fields by what they select.
  CHECK(expression_column_name("CASE WHEN a THEN b ELSE c END") == "c");
  CHECK(expression_column_name("current_date") == "current_date");
  CHECK(expression_column_name("CURRENT_TIMESTAMP(3)") == "current_timestamp");
  CHECK(expression_column_name("greatest(a, b)") == "greatest");
  CHECK(expression_column_name("nullif(a, b)") == "nullif");
  CHECK(expression_column_name("tags[1]") == "tags");
  CHECK(expression_column_name("(address).city") == "city");
  CHECK(expression_column_name("title COLLATE \"C\"") == "title");
  CHECK(expression_column_name("ARRAY[a, b]") == "array");
  CHECK(expression_column_name("lower($$x$$ || title)") == "lower");
  CHECK(expression_column_name("(unbalanced") == "expr");
}

TEST_CASE("an unnamed check is named after the one column it mentions", "[names]") {
  using migrate::check_constraint_column;
  const std::vector<std::string> columns{"price", "discount", "Name"};
  CHECK(check_constraint_column("price > 0", columns) == "price");
  CHECK(check_constraint_column("price > 0 AND price < 100", columns) == "price");
  CHECK(check_constraint_column("discount < price", columns) == "");
  CHECK(check_constraint_column("length(\"Name\") > 0", columns) == "Name");
  CHECK(check_constraint_column("status = 'price'", columns) == "");
  CHECK(check_constraint_column("true", columns) == "");
}

TEST_CASE("naming convention templates are checked and applied", "[names]") {
  CHECK_FALSE(naming_template_problem("primary_key", "pk_{table}"));
  CHECK_FALSE(naming_template_problem("foreign_key", "fk_{table}_{columns}_{referred_table}"));
  CHECK_FALSE(naming_kind_problem("index"));
  CHECK(naming_kind_problem("key") ==
        "unknown kind 'key' (expected: primary_key, unique, foreign_key, check, index)");
  CHECK(naming_template_problem("index", "ix_{referred_table}") ==
        "unknown token '{referred_table}' for index (expected: {table}, {columns}, {column_0})");
  CHECK(naming_template_problem("check", "ck_{table") == "'{' at byte 4 is not closed");
  CHECK(naming_template_problem("unique", "uq") ==
        "a template needs at least one {token}, such as {table}");

  const NameParts parts{.table = "post_tags",
                        .columns = {"post_id", "tag_id"},
                        .referred_table = "posts",
                        .referred_columns = {"id"}};
  CHECK(apply_naming_template("fk_{table}_{column_0}_{referred_table}_{referred_columns}", parts) ==
        "fk_post_tags_post_id_posts_id");
  CHECK(apply_naming_template("uq_{table}_{columns}", parts) == "uq_post_tags_post_id_tag_id");
  CHECK(apply_naming_template("{table}_pk", parts) == "post_tags_pk");
}
