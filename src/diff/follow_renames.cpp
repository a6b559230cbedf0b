#include "diff/follow_renames.hpp"

#include <algorithm>
#include <cctype>

#include "migrate/render.hpp"

namespace migrate::diff_detail {
namespace {

bool starts_identifier(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80) != 0;
}

bool continues_identifier(char c) {
  return starts_identifier(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The end of a literal or quoted identifier opening at pos (a doubled quote escapes; in an
// E'' literal a backslash does too).
std::size_t end_of_quoted(const std::string& text, std::size_t pos, bool backslash_escapes) {
  const char quote = text[pos];
  for (++pos; pos < text.size(); ++pos) {
    if (backslash_escapes && text[pos] == '\\') {
      ++pos;
    } else if (text[pos] == quote) {
      if (pos + 1 < text.size() && text[pos + 1] == quote) {
        ++pos;
      } else {
        return pos + 1;
      }
    }
  }
  return text.size();
}

std::string unquoted(const std::string& quoted) {
  std::string name;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    name += quoted[i];
    if (quoted[i] == '"') ++i;
  }
  return name;
}

// Whether the identifier ending at end is a function name: the next non-space is "(".
bool is_called(const std::string& text, std::size_t end) {
  while (end < text.size() && std::isspace(static_cast<unsigned char>(text[end]))) ++end;
  return end < text.size() && text[end] == '(';
}

// Whether what precedes the identifier (already copied to out) qualifies it or casts to it.
bool is_qualified_or_type(const std::string& out) {
  std::size_t end = out.size();
  while (end > 0 && std::isspace(static_cast<unsigned char>(out[end - 1]))) --end;
  if (end == 0) return false;
  return out[end - 1] == '.' || (end >= 2 && out.compare(end - 2, 2, "::") == 0);
}

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
    exclusion.definition = rename_column_in_expression(exclusion.definition, from, to);
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

std::string rename_column_in_expression(const std::string& expression, const std::string& from,
                                        const std::string& to) {
  std::string out;
  out.reserve(expression.size());
  std::size_t pos = 0;
  while (pos < expression.size()) {
    const char c = expression[pos];
    std::size_t end = pos + 1;
    std::optional<std::string> name;  // the identifier at pos, as the parser reads it
    if (c == '\'') {
      end = end_of_quoted(expression, pos, false);
    } else if (c == '"') {
      end = end_of_quoted(expression, pos, false);
      name = unquoted(expression.substr(pos, end - pos));
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (end < expression.size() &&
             (continues_identifier(expression[end]) || expression[end] == '.')) {
        ++end;
      }
    } else if (starts_identifier(c)) {
      while (end < expression.size() && continues_identifier(expression[end])) ++end;
      if ((end - pos == 1) && (c == 'E' || c == 'e') && end < expression.size() &&
          expression[end] == '\'') {
        end = end_of_quoted(expression, end, true);
      } else {
        name = lowercase(expression.substr(pos, end - pos));
      }
    }
    if (name && *name == from && !is_called(expression, end) && !is_qualified_or_type(out)) {
      out += quote_ident(to);
    } else {
      out.append(expression, pos, end - pos);
    }
    pos = end;
  }
  return out;
}

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
