#include "sql/parse_tree.hpp"

#include <memory>

#include <pg_query.h>

namespace migrate::sql {
namespace {

using nlohmann::json;

struct FreeParseResult {
  void operator()(PgQueryParseResult* result) const {
    pg_query_free_parse_result(*result);
    delete result;
  }
};

// The one statement of text, or nullopt when it does not parse or holds several.
std::optional<json> parse_one_statement(const std::string& text) {
  const std::unique_ptr<PgQueryParseResult, FreeParseResult> result(
      new PgQueryParseResult(pg_query_parse(text.c_str())));
  if (result->error || !result->parse_tree) return std::nullopt;
  json tree = json::parse(result->parse_tree, nullptr, false);
  if (tree.is_discarded() || !tree.contains("stmts") || tree["stmts"].size() != 1) {
    return std::nullopt;
  }
  return std::move(tree["stmts"][0]["stmt"]);
}

// Makes every location count from the end of the prefix the text was wrapped in.
void rebase_locations(json& node, int prefix) {
  if (node.is_object()) {
    for (auto& [key, value] : node.items()) {
      if (key == "location" && value.is_number_integer()) {
        if (value.get<int>() >= prefix) value = value.get<int>() - prefix;
      } else {
        rebase_locations(value, prefix);
      }
    }
  } else if (node.is_array()) {
    for (json& item : node) rebase_locations(item, prefix);
  }
}

}  // namespace

bool parses_as_one_statement(std::string_view text) {
  return parse_one_statement(std::string(text)).has_value();
}

std::optional<json> parse_expression(std::string_view expression) {
  constexpr std::string_view prefix = "SELECT ";
  auto statement = parse_one_statement(std::string(prefix) + std::string(expression));
  if (!statement || !statement->contains("SelectStmt")) return std::nullopt;
  json& select = (*statement)["SelectStmt"];
  // Anything but one target ("a FROM t", "a, b", "1 UNION SELECT 2") is not one expression.
  for (const auto& [key, value] : select.items()) {
    if (key != "targetList" && key != "limitOption" && key != "op") return std::nullopt;
  }
  if (!select.contains("targetList") || select["targetList"].size() != 1) return std::nullopt;
  json& target = select["targetList"][0]["ResTarget"];
  if (target.contains("name") || !target.contains("val")) return std::nullopt;  // "a AS b"
  json value = std::move(target["val"]);
  rebase_locations(value, static_cast<int>(prefix.size()));
  return value;
}

std::optional<json> parse_table_constraint(std::string_view definition) {
  constexpr std::string_view prefix = "ALTER TABLE t ADD ";
  auto statement = parse_one_statement(std::string(prefix) + std::string(definition));
  if (!statement || !statement->contains("AlterTableStmt")) return std::nullopt;
  json& commands = (*statement)["AlterTableStmt"]["cmds"];
  if (commands.size() != 1) return std::nullopt;
  json& command = commands[0]["AlterTableCmd"];
  if (command.value("subtype", "") != "AT_AddConstraint" || !command.contains("def")) {
    return std::nullopt;
  }
  json constraint = std::move(command["def"]);
  rebase_locations(constraint, static_cast<int>(prefix.size()));
  return constraint;
}

std::vector<std::vector<std::string>> function_names(const json& node) {
  std::vector<std::vector<std::string>> found;
  const auto walk = [&found](const auto& self, const json& at) -> void {
    if (at.is_array()) {
      for (const json& item : at) self(self, item);
      return;
    }
    if (!at.is_object()) return;
    if (const auto call = at.find("FuncCall"); call != at.end()) {
      std::vector<std::string> name;
      for (const json& part : call->value("funcname", json::array())) {
        name.push_back(string_value(part));
      }
      found.push_back(std::move(name));
    }
    for (auto item = at.begin(); item != at.end(); ++item) self(self, item.value());
  };
  walk(walk, node);
  return found;
}

std::vector<RelationReference> relations_named(std::string_view statement) {
  std::vector<RelationReference> found;
  const auto tree = parse_one_statement(std::string(statement));
  if (!tree) return found;
  const auto walk = [&found](const auto& self, const json& at) -> void {
    if (at.is_array()) {
      for (const json& item : at) self(self, item);
      return;
    }
    if (!at.is_object()) return;
    if (const auto range = at.find("RangeVar"); range != at.end()) {
      found.push_back({range->value("schemaname", ""), range->value("relname", "")});
      return;
    }
    for (auto item = at.begin(); item != at.end(); ++item) self(self, item.value());
  };
  walk(walk, *tree);
  return found;
}

std::string string_value(const json& node) {
  if (!node.is_object() || !node.contains("String")) return {};
  return node["String"].value("sval", "");
}

std::vector<ColumnReference> column_references(const json& node) {
  std::vector<ColumnReference> found;
  const auto walk = [&found](const auto& self, const json& at) -> void {
    if (at.is_array()) {
      for (const json& item : at) self(self, item);
      return;
    }
    if (!at.is_object()) return;
    if (const auto ref = at.find("ColumnRef"); ref != at.end()) {
      ColumnReference reference{{}, static_cast<std::size_t>(ref->value("location", 0))};
      bool names_only = true;
      for (const json& field : ref->value("fields", json::array())) {
        if (!field.contains("String")) names_only = false;
        reference.fields.push_back(string_value(field));
      }
      if (names_only) found.push_back(std::move(reference));
      return;
    }
    for (const auto& [key, value] : at.items()) self(self, value);
  };
  walk(walk, node);
  return found;
}

}  // namespace migrate::sql
