#include "diff/follow_renames.hpp"

#include <algorithm>
#include <cctype>

#include "migrate/names.hpp"
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

// Whether the identifier ending at end is a function name: the next non-space is "(".
bool is_called(const std::string& text, std::size_t end) {
  while (end < text.size() && std::isspace(static_cast<unsigned char>(text[end]))) ++end;
  return end < text.size() && text[end] == '(';
}

// Whether what precedes the identifier (already copied to out) qualifies it, or makes it the
// field of EXTRACT(field FROM ...).
bool is_qualified_or_field(const std::string& out) {
  std::size_t end = out.size();
  while (end > 0 && std::isspace(static_cast<unsigned char>(out[end - 1]))) --end;
  if (end == 0) return false;
  if (out[end - 1] == '.') return true;
  const std::string extract = "extract(";
  return end >= extract.size() && lowercase(out.substr(end - extract.size())) == extract;
}

// The end of the type name after "::" at pos: words of a multi-word type ("timestamp with
// time zone", "character varying"), a typmod in parentheses and array brackets.
std::size_t end_of_type(const std::string& text, std::size_t pos) {
  static const char* const continuations[] = {"with", "without", "time",
                                              "zone", "varying", "precision"};
  pos += 2;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos < text.size() && text[pos] == '"') {
    pos = end_of_quoted(text, pos, false);
  } else {
    while (pos < text.size() && (continues_identifier(text[pos]) || text[pos] == '.')) ++pos;
  }
  for (;;) {
    std::size_t next = pos;
    while (next < text.size() && text[next] == ' ') ++next;
    std::size_t word_end = next;
    while (word_end < text.size() && continues_identifier(text[word_end])) ++word_end;
    const std::string word = lowercase(text.substr(next, word_end - next));
    if (word_end > next && std::find(std::begin(continuations), std::end(continuations), word) !=
                               std::end(continuations)) {
      pos = word_end;
    } else if (pos < text.size() && text[pos] == '(') {
      pos = text.find(')', pos);
      pos = pos == std::string::npos ? text.size() : pos + 1;
    } else if (pos + 1 < text.size() && text[pos] == '[' && text[pos + 1] == ']') {
      pos += 2;
    } else {
      return pos;
    }
  }
}

// A literal with a one-letter prefix: E'...' (backslash escapes), B'...', X'...', N'...'.
bool is_literal_prefix(const std::string& word) {
  return word.size() == 1 && std::string("eEbBxXnN").find(word[0]) != std::string::npos;
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
    } else if (c == ':' && pos + 1 < expression.size() && expression[pos + 1] == ':') {
      end = end_of_type(expression, pos);
    } else if (c == '"') {
      end = end_of_quoted(expression, pos, false);
      const std::string quoted = expression.substr(pos, end - pos);
      name = unquote_identifier(quoted).value_or(quoted);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (end < expression.size() &&
             (continues_identifier(expression[end]) || expression[end] == '.')) {
        ++end;
      }
    } else if (starts_identifier(c)) {
      while (end < expression.size() && continues_identifier(expression[end])) ++end;
      const std::string word = expression.substr(pos, end - pos);
      if (is_literal_prefix(word) && end < expression.size() && expression[end] == '\'') {
        end = end_of_quoted(expression, end, c == 'E' || c == 'e');
      } else if (quote_ident(from) == from) {
        // A bare word is a column only where the name needs no quotes: "end" or "time" bare are
        // the keywords.
        name = lowercase(word);
      }
    }
    if (name && *name == from && !is_called(expression, end) && !is_qualified_or_field(out)) {
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
