// Reading a table's indexes: "name: {columns: [a, b DESC], where: ...}" or a list of mappings.

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "model/table_reader.hpp"
#include "util/lowercase.hpp"

namespace migrate::model {
namespace {

// "col", "col DESC", "col DESC NULLS LAST"; a column whose name has spaces is taken whole.
IndexKey read_key_text(const TableContext& context, const yaml::Node& node,
                       const std::string& where) {
  const std::string& text = node.scalar();
  std::vector<std::string> words;
  std::istringstream split(text);
  for (std::string word; split >> word;) words.push_back(word);
  if (words.empty() || context.draft.table.find_column(text)) words = {text};
  IndexKey key{.column = words[0]};
  std::vector<std::string> options;
  for (std::size_t i = 1; i < words.size(); ++i) options.push_back(lowercase(words[i]));
  std::size_t next = 0;
  if (next < options.size() && (options[next] == "asc" || options[next] == "desc")) {
    key.descending = options[next++] == "desc";
  }
  key.nulls_first = key.descending;  // PostgreSQL's default for each direction
  if (next + 1 < options.size() && options[next] == "nulls" &&
      (options[next + 1] == "first" || options[next + 1] == "last")) {
    key.nulls_first = options[next + 1] == "first";
    next += 2;
  }
  if (next < options.size()) {
    context.reader.fail(node, fmt::format("expected 'column [ASC|DESC] [NULLS FIRST|LAST]' for a "
                                          "key of {}, not '{}'",
                                          where, text));
  }
  check_columns(context, {{key.column, position_of(node)}}, where);
  return key;
}

IndexKey read_key_mapping(const TableContext& context, const yaml::Node& node,
                          const std::string& where) {
  const YamlReader& reader = context.reader;
  const std::string what = "a key of " + where;
  const auto fields = reader.entries(node, what);
  reader.check_keys(fields, {"column", "expression", "order", "nulls", "opclass", "collation"},
                    what);
  const Entry* column = find_entry(fields, "column");
  const Entry* expression = find_entry(fields, "expression");
  if ((column == nullptr) == (expression == nullptr)) {
    reader.fail(node, fmt::format("expected one of 'column' or 'expression' in {}", what));
  }
  IndexKey key;
  if (column) {
    key.column = reader.identifier(column->value, "column name in " + what);
    check_columns(context, {{key.column, position_of(column->value)}}, where);
  } else {
    key.expression = reader.text(*expression, what);
  }
  const auto choice = [&](const char* name, const char* yes, const char* no, bool fallback) {
    const Entry* field = find_entry(fields, name);
    if (!field) return fallback;
    const std::string value = lowercase(reader.text(*field, what));
    if (value != yes && value != no) {
      reader.fail(field->value,
                  fmt::format("expected {} or {} for '{}' in {}", yes, no, name, what));
    }
    return value == yes;
  };
  key.descending = choice("order", "desc", "asc", false);
  key.nulls_first = choice("nulls", "first", "last", key.descending);
  if (const Entry* opclass = find_entry(fields, "opclass"))
    key.opclass = reader.text(*opclass, what);
  if (const Entry* collation = find_entry(fields, "collation")) {
    key.collation = normalize_collation(reader.text(*collation, what));
  }
  return key;
}

IndexKey read_key(const TableContext& context, const yaml::Node& node, const std::string& where,
                  bool expression) {
  if (node.is_map()) return read_key_mapping(context, node, where);
  if (!node.is_scalar()) {
    context.reader.fail(node,
                        "expected a column, an expression or a mapping for a key of " + where);
  }
  if (expression) return IndexKey{.expression = node.scalar()};
  return read_key_text(context, node, where);
}

void read_index_field(const TableContext& context, const Entry& field, Index& index,
                      const std::string& where) {
  const YamlReader& reader = context.reader;
  if (field.key == "columns" || field.key == "expressions") {
    for (const yaml::Node& node : reader.items(field, where)) {
      index.keys.push_back(read_key(context, node, where, field.key == "expressions"));
    }
  } else if (field.key == "include") {
    const auto columns = reader.names(field, where);
    check_columns(context, columns, where);
    index.include = texts(columns);
  } else if (field.key == "method") {
    index.method = lowercase(reader.identifier(field.value, "method of " + where));
  } else if (field.key == "where") {
    index.where = reader.text(field, where);
  } else if (field.key == "unique") {
    index.unique = reader.boolean(field, where);
  } else if (field.key == "nulls_not_distinct") {
    index.nulls_not_distinct = reader.boolean(field, where);
  } else if (field.key == "storage") {
    index.storage = read_storage(reader, field, where);
  } else if (field.key == "comment") {
    index.comment = reader.text(field, where);
  }
}

}  // namespace

void read_indexes(TableContext& context, const Entry& entry) {
  const YamlReader& reader = context.reader;
  for (const Item& item : read_items(reader, entry, "table " + context.table, false)) {
    const std::string where = describe("index", item.name, context.table);
    reader.check_keys(item.fields,
                      {"name", "columns", "expressions", "unique", "method", "where", "include",
                       "nulls_not_distinct", "storage", "comment"},
                      where);
    Index index;
    if (item.name) index.name = item.name->text;
    for (const Entry& field : item.fields) read_index_field(context, field, index, where);
    if (index.keys.empty()) {
      reader.fail(item.node, fmt::format("{} has no 'columns' or 'expressions'", where));
    }
    context.draft.indexes.push_back({index, item.name ? item.name->at : position_of(item.node)});
  }
}

}  // namespace migrate::model
