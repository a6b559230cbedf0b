// PostgreSQL's FigureIndexColname and the column a check is named after, read from the parser's
// own tree of the expression (libpg_query), so whatever the server accepts is named as it names it.

#include <algorithm>
#include <cctype>
#include <optional>

#include "migrate/names.hpp"

#include "sql/parse_tree.hpp"

namespace migrate {
namespace {

using nlohmann::json;

// A figured name and how strongly it names the expression: PostgreSQL prefers a column or
// function name (2) over a cast's type name or "case" (1); most nodes have none (0).
struct Figured {
  std::string name = {};
  int strength = 0;
};

std::string last_name(const json& names) {
  std::string last;
  for (const json& name : names) {
    if (std::string text = sql::string_value(name); !text.empty()) last = std::move(text);
  }
  return last;
}

// The lower-case name of an enum value such as "SVFOP_CURRENT_TIME_N" or "IS_XMLPI", without
// its prefix and its "_N" (the form with a precision) suffix.
std::string operator_name(std::string op, std::size_t prefix) {
  op = op.substr(std::min(prefix, op.size()));
  if (op.size() > 2 && op.compare(op.size() - 2, 2, "_N") == 0) op.resize(op.size() - 2);
  std::transform(op.begin(), op.end(), op.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return op;
}

// PostgreSQL's FigureColnameInternal (parse_target.c), on the raw parse tree.
Figured figure(const json& node) {
  if (!node.is_object() || node.empty()) return {};
  const std::string& kind = node.begin().key();
  const json& body = node.begin().value();
  if (kind == "ColumnRef") {
    const std::string name = last_name(body.value("fields", json::array()));
    return name.empty() ? Figured{} : Figured{name, 2};
  }
  if (kind == "A_Indirection") {
    const std::string name = last_name(body.value("indirection", json::array()));
    return name.empty() ? figure(body.value("arg", json())) : Figured{name, 2};
  }
  if (kind == "FuncCall") return {last_name(body.value("funcname", json::array())), 2};
  if (kind == "A_Expr") {
    return body.value("kind", "") == "AEXPR_NULLIF" ? Figured{"nullif", 2} : Figured{};
  }
  if (kind == "TypeCast") {
    Figured inner = figure(body.value("arg", json()));
    if (inner.strength > 1 || !body.contains("typeName")) return inner;
    return {last_name(body["typeName"].value("names", json::array())), 1};
  }
  if (kind == "CollateClause") return figure(body.value("arg", json()));
  if (kind == "GroupingFunc") return {"grouping", 2};
  if (kind == "SubLink") {
    const std::string type = body.value("subLinkType", "");
    if (type == "EXISTS_SUBLINK") return {"exists", 2};
    if (type == "ARRAY_SUBLINK") return {"array", 2};
    return {};
  }
  if (kind == "CaseExpr") {
    Figured inner = figure(body.value("defresult", json()));
    return inner.strength > 1 ? inner : Figured{"case", 1};
  }
  if (kind == "A_ArrayExpr") return {"array", 2};
  if (kind == "RowExpr") return {"row", 2};
  if (kind == "CoalesceExpr") return {"coalesce", 2};
  if (kind == "MinMaxExpr") return {operator_name(body.value("op", ""), 3), 2};  // IS_GREATEST
  if (kind == "SQLValueFunction") return {operator_name(body.value("op", ""), 6), 2};  // SVFOP_
  if (kind == "XmlExpr") {
    const std::string op = body.value("op", "");
    return op == "IS_DOCUMENT" ? Figured{} : Figured{operator_name(op, 3), 2};
  }
  if (kind == "XmlSerialize") return {"xmlserialize", 2};
  return {};
}

}  // namespace

std::string check_constraint_column(const std::string& expression,
                                    const std::vector<std::string>& columns) {
  const auto tree = sql::parse_expression(expression);
  if (!tree) return {};
  // As AddRelationNewConstraints: the distinct columns of the table the expression uses.
  std::string found;
  for (const sql::ColumnReference& reference : sql::column_references(*tree)) {
    const std::string& name = reference.fields.back();
    if (std::find(columns.begin(), columns.end(), name) == columns.end() || name == found) continue;
    if (!found.empty()) return {};
    found = name;
  }
  return found;
}

std::string expression_column_name(const std::string& expression) {
  const auto tree = sql::parse_expression(expression);
  if (!tree) return "expr";
  const Figured figured = figure(*tree);
  return figured.strength > 0 && !figured.name.empty() ? figured.name : "expr";
}

std::optional<std::string> unquote_identifier(const std::string& text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::nullopt;
  std::string name;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '"') {
      if (i + 2 >= text.size() || text[i + 1] != '"') return std::nullopt;  // `"a"."b"`
      ++i;
    }
    name += text[i];
  }
  return name;
}

}  // namespace migrate
