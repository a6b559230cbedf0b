#include "sql/routine_text.hpp"

#include <memory>

#include <nlohmann/json.hpp>
#include <pg_query.h>

#include "migrate/types.hpp"

#include "sql/scanner.hpp"

namespace migrate::sql {
namespace {

using nlohmann::json;

// The statement's tokens without comments, or nullopt.
std::optional<std::vector<Token>> words_of(std::string_view statement) {
  auto tokens = scan(statement);
  if (!tokens) return std::nullopt;
  std::erase_if(*tokens, [](const Token& t) { return t.kind == TokenKind::comment; });
  return tokens;
}

std::string lower_text(std::string_view statement, const Token& token) {
  std::string text(statement.substr(token.begin, token.end - token.begin));
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

bool is_word(const Token& token, std::string_view statement, std::string_view word) {
  return token.kind == TokenKind::keyword && lower_text(statement, token) == word;
}

// A possibly qualified name starting at tokens[at]; advances `at` past it.
std::optional<NameSpan> name_at(std::string_view statement, const std::vector<Token>& tokens,
                                std::size_t& at) {
  NameSpan span;
  while (at < tokens.size() &&
         (tokens[at].kind == TokenKind::identifier || tokens[at].kind == TokenKind::keyword)) {
    if (span.parts.empty()) span.begin = tokens[at].begin;
    span.parts.push_back(identifier_name(statement, tokens[at]));
    span.end = tokens[at].end;
    ++at;
    if (at < tokens.size() && tokens[at].kind == TokenKind::other &&
        statement.substr(tokens[at].begin, 1) == ".") {
      ++at;
      continue;
    }
    break;
  }
  if (span.parts.empty() || span.parts.size() > 3) return std::nullopt;
  return span;
}

// Past CREATE [OR REPLACE]; nullopt when the statement does not start so.
std::optional<std::size_t> after_create(std::string_view statement,
                                        const std::vector<Token>& tokens) {
  if (tokens.empty() || !is_word(tokens[0], statement, "create")) return std::nullopt;
  std::size_t at = 1;
  if (tokens.size() > 2 && is_word(tokens[1], statement, "or") &&
      is_word(tokens[2], statement, "replace")) {
    at = 3;
  }
  return at;
}

struct FreeParseResult {
  void operator()(PgQueryParseResult* result) const {
    pg_query_free_parse_result(*result);
    delete result;
  }
};

std::optional<json> create_function_tree(std::string_view statement) {
  const std::unique_ptr<PgQueryParseResult, FreeParseResult> result(
      new PgQueryParseResult(pg_query_parse(std::string(statement).c_str())));
  if (result->error || !result->parse_tree) return std::nullopt;
  json tree = json::parse(result->parse_tree, nullptr, false);
  if (tree.is_discarded() || tree["stmts"].size() != 1) return std::nullopt;
  json& stmt = tree["stmts"][0]["stmt"];
  if (!stmt.contains("CreateFunctionStmt")) return std::nullopt;
  return std::move(stmt["CreateFunctionStmt"]);
}

// A parameter's type as format_type() prints a built-in one: "pg_catalog.int4" is "integer".
std::string type_text(const json& type) {
  std::vector<std::string> names;
  for (const json& name : type.value("names", json::array())) {
    names.push_back(name.contains("String") ? name["String"].value("sval", "") : "");
  }
  std::string text;
  if (names.size() == 2 && names[0] == "pg_catalog") {
    text = normalize_type(names[1]);
  } else {
    for (const std::string& name : names) text += (text.empty() ? "" : ".") + name;
  }
  if (type.value("setof", false)) text = "SETOF " + text;
  for (std::size_t i = 0; i < type.value("arrayBounds", json::array()).size(); ++i) text += "[]";
  return text;
}

// "[mode ]name type" for each argument of the identity, or the types alone.
std::string identity_arguments(const json& function, bool procedure, bool types_only) {
  std::string arguments;
  for (const json& item : function.value("parameters", json::array())) {
    const json& parameter = item["FunctionParameter"];
    const std::string mode = parameter.value("mode", "FUNC_PARAM_DEFAULT");
    std::string prefix;
    if (mode == "FUNC_PARAM_OUT" || mode == "FUNC_PARAM_TABLE") {
      if (!procedure) continue;  // a function's OUT arguments are not part of its identity
      prefix = "OUT ";
    }
    if (mode == "FUNC_PARAM_INOUT") prefix = "INOUT ";
    if (mode == "FUNC_PARAM_VARIADIC") prefix = "VARIADIC ";
    std::string argument = types_only ? "" : prefix;
    if (parameter.contains("name") && !types_only) argument += parameter.value("name", "") + " ";
    argument += type_text(parameter["argType"]);
    arguments += (arguments.empty() ? "" : ", ") + argument;
  }
  return arguments;
}

bool has_sql_string_body(const json& function) {
  if (function.contains("sql_body")) return false;
  for (const json& option : function.value("options", json::array())) {
    const json& element = option["DefElem"];
    if (element.value("defname", "") == "language") {
      const json& language = element["arg"];
      return language.contains("String") && language["String"].value("sval", "") == "sql";
    }
  }
  return false;
}

}  // namespace

std::string definition_text(std::string_view statement) {
  constexpr std::string_view trailing = " \t\r\n;";
  const auto last = statement.find_last_not_of(trailing);
  if (last == std::string_view::npos) return {};
  const auto first = statement.find_first_not_of(" \t\r\n");
  return std::string(statement.substr(first, last + 1 - first));
}

std::optional<RoutineHead> routine_head(std::string_view statement) {
  const auto tokens = words_of(statement);
  if (!tokens) return std::nullopt;
  auto at = after_create(statement, *tokens);
  if (!at || *at >= tokens->size()) return std::nullopt;
  RoutineHead head;
  if (is_word((*tokens)[*at], statement, "procedure")) {
    head.procedure = true;
  } else if (!is_word((*tokens)[*at], statement, "function")) {
    return std::nullopt;
  }
  ++*at;
  const auto name = name_at(statement, *tokens, *at);
  const auto tree = create_function_tree(statement);
  if (!name || !tree) return std::nullopt;
  head.name = *name;
  head.arguments = identity_arguments(*tree, head.procedure, false);
  head.argument_types = identity_arguments(*tree, head.procedure, true);
  head.sql_string_body = has_sql_string_body(*tree);
  return head;
}

std::optional<TriggerHead> trigger_head(std::string_view statement) {
  const auto tokens = words_of(statement);
  if (!tokens) return std::nullopt;
  auto at = after_create(statement, *tokens);
  if (!at || *at >= tokens->size()) return std::nullopt;
  TriggerHead head;
  if (is_word((*tokens)[*at], statement, "constraint")) {
    head.constraint = true;
    ++*at;
  }
  if (*at >= tokens->size() || !is_word((*tokens)[*at], statement, "trigger")) {
    return std::nullopt;
  }
  ++*at;
  const auto name = name_at(statement, *tokens, *at);
  if (!name || name->parts.size() != 1) return std::nullopt;
  head.name = *name;
  // ON is reserved: the first one is the one before the relation ("UPDATE OF a, b ON t").
  while (*at < tokens->size() && !is_word((*tokens)[*at], statement, "on")) ++*at;
  if (*at >= tokens->size()) return std::nullopt;
  ++*at;
  const auto relation = name_at(statement, *tokens, *at);
  if (!relation || relation->parts.size() > 2) return std::nullopt;
  head.relation = *relation;
  return head;
}

}  // namespace migrate::sql
