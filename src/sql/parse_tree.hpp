#pragma once
// SQL parsed by PostgreSQL's own parser (libpg_query), as its raw parse tree in JSON: what the
// server reads before it looks any name up. Used where migrate must know what a piece of the
// user's SQL refers to (the column an index expression or a check is named after, the columns a
// rename must follow), never to rewrite SQL from the tree.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace migrate::sql {

// Whether text is exactly one statement PostgreSQL's parser accepts.
bool parses_as_one_statement(std::string_view text);

// The tree of one value expression ("lower(title)", "price > 0"); nullopt when the text is not
// exactly one expression. Every "location" in it counts bytes from the start of expression.
std::optional<nlohmann::json> parse_expression(std::string_view expression);

// The tree of a table constraint as pg_get_constraintdef prints it ("EXCLUDE USING gist (...)",
// "CHECK (...)"); locations as above.
std::optional<nlohmann::json> parse_table_constraint(std::string_view definition);

// A column named in a tree: its name's parts ("t.c": t, c) and where it starts.
struct ColumnReference {
  std::vector<std::string> fields = {};
  std::size_t location = 0;
};

// Every ColumnRef under node whose parts are all names (not "t.*"), in tree order.
std::vector<ColumnReference> column_references(const nlohmann::json& node);

// The names of the functions an expression calls ("lower(x) || app.f(y)": {lower}, {app, f}).
std::vector<std::vector<std::string>> function_names(const nlohmann::json& node);

// A relation as a query names it: schema empty when unqualified.
struct RelationReference {
  std::string schema;
  std::string name;
};

// Every relation (RangeVar) a statement names, in no set order: tables, views and the names of
// its own WITH queries alike; empty when the text is not one statement.
std::vector<RelationReference> relations_named(std::string_view statement);

// The text of a String node's value ({"String": {"sval": ...}}), or "" for another node.
std::string string_value(const nlohmann::json& node);

}  // namespace migrate::sql
