#include "diff/follow_renames.hpp"

#include <algorithm>
#include <set>

#include "migrate/render.hpp"

#include "sql/parse_tree.hpp"
#include "sql/scanner.hpp"

namespace migrate::diff_detail {
namespace {

using nlohmann::json;

bool is_punctuation(std::string_view text, const sql::Token& token, char c) {
  return token.kind == sql::TokenKind::other && token.end == token.begin + 1 &&
         text[token.begin] == c;
}

// text with the name tokens starting at `starts` spelled `to`.
std::string respelled(const std::string& text, const std::set<std::size_t>& starts,
                      const std::string& to) {
  if (starts.empty()) return text;
  const auto tokens = sql::scan(text);
  if (!tokens) return text;
  std::string out;
  std::size_t copied = 0;
  for (const sql::Token& token : *tokens) {
    if (!starts.count(token.begin)) continue;
    out.append(text, copied, token.begin - copied);
    out += quote_ident(to);
    copied = token.end;
  }
  return out + text.substr(copied);
}

// Where the tree's unqualified references to column `from` start.
void references_to(const json& tree, const std::string& from, std::set<std::size_t>& starts) {
  for (const sql::ColumnReference& reference : sql::column_references(tree)) {
    if (reference.fields.size() == 1 && reference.fields[0] == from) {
      starts.insert(reference.location);
    }
  }
}

// The first token of each item of the parenthesized list opening at tokens[open].
std::vector<std::size_t> list_items(std::string_view text, const std::vector<sql::Token>& tokens,
                                    std::size_t open) {
  std::vector<std::size_t> items;
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].kind == sql::TokenKind::comment) continue;
    if (is_punctuation(text, tokens[i], '(') && depth++ == 0) {
      items.push_back(i + 1);
    } else if (is_punctuation(text, tokens[i], ')') && --depth == 0) {
      break;
    } else if (depth == 1 && is_punctuation(text, tokens[i], ',')) {
      items.push_back(i + 1);
    }
  }
  return items;
}

// An exclusion constraint's elements and INCLUDE columns name columns without a ColumnRef (the
// parser keeps them as plain names): they are the bare first words of the items of its first
// list and of the list after INCLUDE, not followed by "(" (a call).
void element_names(const std::string& definition, const std::string& from,
                   std::set<std::size_t>& starts) {
  const auto scanned = sql::scan(definition);
  if (!scanned) return;
  std::vector<sql::Token> tokens;
  for (const sql::Token& token : *scanned) {
    if (token.kind != sql::TokenKind::comment) tokens.push_back(token);
  }
  const auto is_word = [&](std::size_t i, const std::string& word) {
    return i < tokens.size() &&
           (tokens[i].kind == sql::TokenKind::identifier ||
            tokens[i].kind == sql::TokenKind::keyword) &&
           sql::identifier_name(definition, tokens[i]) == word;
  };
  const auto opens = [&](std::size_t i) {
    return i < tokens.size() && is_punctuation(definition, tokens[i], '(');
  };
  const auto add_items = [&](std::size_t open) {
    for (const std::size_t item : list_items(definition, tokens, open)) {
      if (is_word(item, from) && !opens(item + 1)) starts.insert(tokens[item].begin);
    }
  };
  int depth = 0;
  bool first_list = true;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (depth == 0 && opens(i) && (first_list || (i > 0 && is_word(i - 1, "include")))) {
      add_items(i);
      first_list = false;
    }
    if (opens(i)) ++depth;
    if (is_punctuation(definition, tokens[i], ')')) --depth;
  }
}

}  // namespace

std::string rename_column_in_expression(const std::string& expression, const std::string& from,
                                        const std::string& to) {
  const auto tree = sql::parse_expression(expression);
  if (!tree) return expression;
  std::set<std::size_t> starts;
  references_to(*tree, from, starts);
  return respelled(expression, starts, to);
}

std::string rename_column_in_constraint(const std::string& definition, const std::string& from,
                                        const std::string& to) {
  const auto tree = sql::parse_table_constraint(definition);
  if (!tree) return definition;
  std::set<std::size_t> starts;
  references_to(*tree, from, starts);
  if (tree->contains("Constraint") &&
      (*tree)["Constraint"].value("contype", "") == "CONSTR_EXCLUSION") {
    element_names(definition, from, starts);
  }
  return respelled(definition, starts, to);
}

namespace {

void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  std::replace(names.begin(), names.end(), from, to);
}

void rename_in(std::optional<std::string>& expression, const std::string& from,
               const std::string& to) {
  if (expression) *expression = rename_column_in_expression(*expression, from, to);
}

// The parts of one table that name its own columns.
void rename_column_of_table(Table& table, const std::string& from, const std::string& to) {
  for (Column& column : table.columns) {
    if (column.name == from) column.name = to;
    rename_in(column.default_expr, from, to);
    rename_in(column.generated, from, to);
  }
  if (table.primary_key) rename_in(table.primary_key->columns, from, to);
  for (auto& unique : table.uniques) rename_in(unique.columns, from, to);
  for (auto& fk : table.foreign_keys) rename_in(fk.columns, from, to);
  for (auto& check : table.checks) {
    check.expression = rename_column_in_expression(check.expression, from, to);
  }
  for (auto& exclusion : table.exclusions) {
    exclusion.definition = rename_column_in_constraint(exclusion.definition, from, to);
  }
  for (Index& index : table.indexes) {
    for (IndexKey& key : index.keys) {
      if (key.column == from) key.column = to;
      if (!key.expression.empty()) {
        key.expression = rename_column_in_expression(key.expression, from, to);
      }
    }
    rename_in(index.include, from, to);
    rename_in(index.where, from, to);
  }
}

}  // namespace

void rename_table_in(Schema& schema, const QualifiedName& table, const std::string& to) {
  const QualifiedName renamed{table.schema, to};
  for (Table& each : schema.tables) {
    if (each.name == table) each.name = renamed;
    for (ForeignKey& fk : each.foreign_keys) {
      if (fk.referenced_table == table) fk.referenced_table = renamed;
    }
  }
  for (Sequence& sequence : schema.sequences) {
    if (sequence.owned_by && sequence.owned_by->table == table) {
      sequence.owned_by->table = renamed;
    }
  }
}

void rename_column_in(Schema& schema, const QualifiedName& table, const std::string& from,
                      const std::string& to) {
  for (Table& each : schema.tables) {
    if (each.name == table) rename_column_of_table(each, from, to);
    for (ForeignKey& fk : each.foreign_keys) {
      if (fk.referenced_table == table) rename_in(fk.referenced_columns, from, to);
    }
  }
  for (Sequence& sequence : schema.sequences) {
    if (sequence.owned_by && sequence.owned_by->table == table &&
        sequence.owned_by->column == from) {
      sequence.owned_by->column = to;
    }
  }
}

}  // namespace migrate::diff_detail
