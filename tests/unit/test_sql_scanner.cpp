#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sql/parse_tree.hpp"
#include "sql/scanner.hpp"

using namespace migrate;

namespace {

std::vector<std::string> names_in(const std::string& text) {
  std::vector<std::string> names;
  const auto tokens = sql::scan(text);
  REQUIRE(tokens);
  for (const sql::Token& token : *tokens) {
    if (token.kind == sql::TokenKind::identifier)
      names.push_back(sql::identifier_name(text, token));
  }
  return names;
}

}  // namespace

TEST_CASE("the scanner reads identifiers as the server's parser folds them", "[sql]") {
  CHECK(names_in("Title || \"Title\" || \"a\"\"b\"") ==
        std::vector<std::string>{"title", "Title", "a\"b"});
  // Strings, dollar quotes and comments hold no names.
  CHECK(names_in("a || E'b\\'c' || $x$ d $x$ -- e\n /* f */ || g") ==
        std::vector<std::string>{"a", "g"});
  CHECK_FALSE(sql::scan("'unterminated"));
}

TEST_CASE("keywords come with PostgreSQL's categories", "[sql]") {
  CHECK(sql::keyword_category("select") == sql::KeywordCategory::reserved);
  CHECK(sql::keyword_category("name") == sql::KeywordCategory::unreserved);
  CHECK(sql::keyword_category("integer") == sql::KeywordCategory::column_name);
  CHECK(sql::keyword_category("left") == sql::KeywordCategory::type_or_function_name);
  CHECK(sql::keyword_category("title") == sql::KeywordCategory::none);
}

TEST_CASE("a statement is named by the keywords it starts with", "[sql]") {
  CHECK(sql::command_words("create unique index i ON t (a)") == "CREATE UNIQUE INDEX");
  CHECK(sql::command_words("/* x */ ALTER TABLE public.t ADD c int") == "ALTER TABLE");
  CHECK(sql::command_words("COMMENT ON COLUMN t.c IS 'x'") == "COMMENT ON COLUMN");
}

TEST_CASE("an expression's tree gives its column references with their places", "[sql]") {
  const auto tree = sql::parse_expression("lower(t.email) > \"Name\" AND x IS NULL");
  REQUIRE(tree);
  const auto references = sql::column_references(*tree);
  REQUIRE(references.size() == 3);
  CHECK(references[0].fields == std::vector<std::string>{"t", "email"});
  CHECK(references[0].location == 6);
  CHECK(references[1].fields == std::vector<std::string>{"Name"});
  CHECK(references[1].location == 17);
  CHECK(references[2].fields == std::vector<std::string>{"x"});
  // Not one expression: nothing.
  CHECK_FALSE(sql::parse_expression("a FROM t"));
  CHECK_FALSE(sql::parse_expression("a, b"));
  CHECK_FALSE(sql::parse_expression("1; DROP TABLE t"));
  CHECK_FALSE(sql::parse_expression("a AS b"));
  CHECK_FALSE(sql::parse_expression("(a"));
}

TEST_CASE("a query's tree gives the relations it names, qualified as written", "[sql]") {
  const auto named = sql::relations_named(
      "WITH recent AS (SELECT * FROM app.orders) SELECT * FROM \"Accounts\" a JOIN recent r "
      "ON r.id = a.id WHERE EXISTS (SELECT 1 FROM audit.log)");
  std::vector<std::string> names;
  for (const auto& relation : named) {
    names.push_back(relation.schema.empty() ? relation.name
                                            : relation.schema + "." + relation.name);
  }
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"Accounts", "app.orders", "audit.log", "recent"});
  CHECK(sql::relations_named("SELECT FROM WHERE").empty());
}
