// Reading a table's primary key, unique, foreign key, check and exclusion constraints.

#include <algorithm>

#include <fmt/format.h>

#include "model/table_reader.hpp"

namespace migrate::model {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (auto at = text.find(separator); at != std::string::npos; at = text.find(separator, start)) {
    parts.push_back(trim(text.substr(start, at - start)));
    start = at + 1;
  }
  parts.push_back(trim(text.substr(start)));
  return parts;
}

const Entry& required(const YamlReader& reader, const Item& item, const char* key,
                      const std::string& where) {
  const Entry* entry = find_entry(item.fields, key);
  if (!entry) reader.fail(item.node, fmt::format("missing key '{}' in {}", key, where));
  return *entry;
}

bool flag(const YamlReader& reader, const Item& item, const char* key, const std::string& where) {
  const Entry* entry = find_entry(item.fields, key);
  return entry && reader.boolean(*entry, where);
}

std::optional<std::string> comment(const YamlReader& reader, const Item& item,
                                   const std::string& where) {
  const Entry* entry = find_entry(item.fields, "comment");
  if (!entry) return std::nullopt;
  return reader.text(*entry, where);
}

// PostgreSQL refuses INITIALLY DEFERRED on a constraint that is not DEFERRABLE.
void check_deferral(const YamlReader& reader, const Item& item, bool deferrable,
                    bool initially_deferred, const std::string& where) {
  if (initially_deferred && !deferrable) {
    reader.fail(find_entry(item.fields, "initially_deferred")->key_node,
                "'initially_deferred: true' needs 'deferrable: true' in " + where);
  }
}

Position item_position(const Item& item) {
  return item.name ? item.name->at : position_of(item.node);
}

Reference read_reference_mapping(const YamlReader& reader, const Entry& entry,
                                 const std::string& default_schema, const std::string& where) {
  const std::string what = fmt::format("'{}' of {}", entry.key, where);
  const auto fields = reader.entries(entry.value, what);
  reader.check_keys(fields, {"schema", "table", "columns"}, what);
  const Entry* schema = find_entry(fields, "schema");
  const Entry* table = find_entry(fields, "table");
  const Entry* columns = find_entry(fields, "columns");
  for (const auto& [key, field] : {std::pair{"table", table}, std::pair{"columns", columns}}) {
    if (!field) reader.fail(entry.value, fmt::format("missing key '{}' in {}", key, what));
  }
  Reference reference;
  reference.table.schema =
      schema ? reader.identifier(schema->value, "schema name in " + what) : default_schema;
  reference.table.name = reader.identifier(table->value, "table name in " + what);
  reference.columns = reader.names(*columns, what);
  return reference;
}

}  // namespace

std::vector<Item> read_items(const YamlReader& reader, const Entry& entry, const std::string& where,
                             bool scalar_items) {
  const std::string what = fmt::format("an item of '{}' in {}", entry.key, where);
  std::vector<Item> result;
  const auto read_body = [&](Item& item, const yaml::Node& node) {
    item.node = node;
    if (node.is_scalar() && scalar_items) return;
    if (!node.is_map()) reader.fail(node, "expected a mapping for " + what);
    for (Entry& field : reader.entries(node, what)) {
      if (field.key != "name") {
        item.fields.push_back(std::move(field));
      } else if (item.name) {
        reader.fail(field.key_node, "'name' is already given by the key of " + what);
      } else {
        item.name =
            Name{reader.identifier(field.value, "name of " + what), position_of(field.value)};
      }
    }
  };
  if (entry.value.is_map()) {
    for (const Entry& named : reader.entries(entry.value, what)) {
      Item item{.name = Name{reader.identifier(named.key_node, "name of " + what),
                             position_of(named.key_node)}};
      read_body(item, named.value);
      result.push_back(std::move(item));
    }
    return result;
  }
  for (const yaml::Node& node : reader.items(entry, where)) {
    read_body(result.emplace_back(), node);
  }
  return result;
}

std::string describe(const std::string& kind, const std::optional<Name>& name,
                     const std::string& table) {
  if (name) return fmt::format("{} {} of table {}", kind, name->text, table);
  return fmt::format("{} of table {}", kind, table);
}

std::vector<std::string> texts(const std::vector<Name>& names) {
  std::vector<std::string> result;
  for (const Name& name : names) result.push_back(name.text);
  return result;
}

void check_columns(const TableContext& context, const std::vector<Name>& columns,
                   const std::string& where) {
  const Table& table = context.draft.table;
  for (auto name = columns.begin(); name != columns.end(); ++name) {
    if (!context.columns_unknown && !table.find_column(name->text)) {
      std::vector<std::string> known;
      for (const Column& column : table.columns) known.push_back(column.name);
      context.reader.fail(name->at, fmt::format("unknown column '{}' in {} (expected: {})",
                                                name->text, where, fmt::join(known, ", ")));
    }
    if (std::any_of(columns.begin(), name, [&](const Name& n) { return n.text == name->text; })) {
      context.reader.fail(name->at,
                          fmt::format("column '{}' appears twice in {}", name->text, where));
    }
  }
}

Reference read_reference(const YamlReader& reader, const Entry& entry,
                         const std::string& default_schema, const std::string& where) {
  if (entry.value.is_map()) return read_reference_mapping(reader, entry, default_schema, where);
  const auto invalid = [&] {
    reader.fail(entry.value, fmt::format("expected 'table.column', 'table(column, ...)' or "
                                         "{{table: ..., columns: [...]}} for '{}' in {}",
                                         entry.key, where));
  };
  if (!entry.value.is_scalar()) invalid();
  const std::string text = trim(entry.value.scalar());
  const auto open = text.find('(');
  if (open != std::string::npos && text.back() != ')') invalid();
  std::vector<std::string> path =
      split(open == std::string::npos ? text : text.substr(0, open), '.');
  std::vector<std::string> columns;
  if (open != std::string::npos) {
    columns = split(text.substr(open + 1, text.size() - open - 2), ',');
  } else if (path.size() >= 2) {
    columns = {path.back()};
    path.pop_back();
  }
  if (path.empty() || path.size() > 2 || columns.empty()) invalid();
  Reference reference;
  reference.table = {path.size() == 2 ? path[0] : default_schema, path.back()};
  const Position at = position_of(entry.value);
  const std::string what = fmt::format("'{}' of {}", entry.key, where);
  reader.check_identifier(reference.table.schema, at, "schema name in " + what);
  reader.check_identifier(reference.table.name, at, "table name in " + what);
  for (const std::string& column : columns) {
    reader.check_identifier(column, at, "column name in " + what);
    reference.columns.push_back({column, at});
  }
  return reference;
}

ReferentialAction read_action(const YamlReader& reader, const Entry& entry,
                              const std::string& where) {
  std::string action = reader.text(entry, where);
  std::transform(action.begin(), action.end(), action.begin(), [](unsigned char c) {
    return c == '_' ? ' ' : static_cast<char>(std::tolower(c));
  });
  if (action == "cascade") return ReferentialAction::cascade;
  if (action == "restrict") return ReferentialAction::restrict;
  if (action == "set null") return ReferentialAction::set_null;
  if (action == "set default") return ReferentialAction::set_default;
  if (action == "no action") return ReferentialAction::no_action;
  reader.fail(entry.value, fmt::format("expected cascade, restrict, set null, set default or no "
                                       "action for '{}' in {}",
                                       entry.key, where));
}

void read_primary_key(TableContext& context, const Entry& entry) {
  const YamlReader& reader = context.reader;
  const std::string where = "primary key of table " + context.table;
  if (context.draft.primary_key) {
    reader.fail(entry.key_node, fmt::format("{} is declared both on its columns and under "
                                            "'primary_key'",
                                            where));
  }
  Placed<PrimaryKey> primary_key{.at = position_of(entry.value)};
  std::vector<Name> columns;
  if (entry.value.is_map()) {
    const auto fields = reader.entries(entry.value, where);
    reader.check_keys(fields, {"name", "columns", "deferrable", "initially_deferred", "comment"},
                      where);
    const Entry* name = find_entry(fields, "name");
    const Entry* list = find_entry(fields, "columns");
    if (!list) reader.fail(entry.value, "missing key 'columns' in " + where);
    if (name) primary_key.value.name = reader.identifier(name->value, "name of " + where);
    columns = reader.names(*list, where);
    const Item item{std::nullopt, entry.value, fields};
    primary_key.value.deferrable = flag(reader, item, "deferrable", where);
    primary_key.value.initially_deferred = flag(reader, item, "initially_deferred", where);
    primary_key.value.comment = comment(reader, item, where);
    check_deferral(reader, item, primary_key.value.deferrable, primary_key.value.initially_deferred,
                   where);
  } else {
    columns = reader.names(entry, where);
  }
  check_columns(context, columns, where);
  primary_key.value.columns = texts(columns);
  context.draft.primary_key = primary_key;
}

void read_uniques(TableContext& context, const Entry& entry) {
  const YamlReader& reader = context.reader;
  for (const Item& item : read_items(reader, entry, "table " + context.table, false)) {
    const std::string where = describe("unique constraint", item.name, context.table);
    reader.check_keys(
        item.fields,
        {"name", "columns", "nulls_not_distinct", "deferrable", "initially_deferred", "comment"},
        where);
    UniqueConstraint unique;
    if (item.name) unique.name = item.name->text;
    const auto columns = reader.names(required(reader, item, "columns", where), where);
    check_columns(context, columns, where);
    unique.columns = texts(columns);
    unique.nulls_not_distinct = flag(reader, item, "nulls_not_distinct", where);
    unique.deferrable = flag(reader, item, "deferrable", where);
    unique.initially_deferred = flag(reader, item, "initially_deferred", where);
    unique.comment = comment(reader, item, where);
    check_deferral(reader, item, unique.deferrable, unique.initially_deferred, where);
    context.draft.uniques.push_back({unique, item_position(item)});
  }
}

MatchType read_match(const YamlReader& reader, const Entry& entry, const std::string& where) {
  const std::string match = reader.text(entry, where);
  if (match == "simple" || match == "SIMPLE") return MatchType::simple;
  if (match == "full" || match == "FULL") return MatchType::full;
  reader.fail(entry.value, fmt::format("expected simple or full for 'match' in {}", where));
}

void read_foreign_keys(TableContext& context, const Entry& entry) {
  const YamlReader& reader = context.reader;
  for (const Item& item : read_items(reader, entry, "table " + context.table, false)) {
    const std::string where = describe("foreign key", item.name, context.table);
    reader.check_keys(item.fields,
                      {"name", "columns", "references", "on_delete", "on_update", "match",
                       "deferrable", "initially_deferred", "not_valid", "comment"},
                      where);
    ForeignKey foreign_key;
    if (item.name) foreign_key.name = item.name->text;
    const auto columns = reader.names(required(reader, item, "columns", where), where);
    check_columns(context, columns, where);
    const Entry& references = required(reader, item, "references", where);
    const Reference parent = read_reference(reader, references, context.document.schema, where);
    if (parent.columns.size() != columns.size()) {
      reader.fail(references.value, fmt::format("{} has {} column(s) but references {}", where,
                                                columns.size(), parent.columns.size()));
    }
    foreign_key.columns = texts(columns);
    foreign_key.referenced_table = parent.table;
    foreign_key.referenced_columns = texts(parent.columns);
    for (const Entry& field : item.fields) {
      if (field.key == "on_delete") foreign_key.on_delete = read_action(reader, field, where);
      if (field.key == "on_update") foreign_key.on_update = read_action(reader, field, where);
      if (field.key == "match") foreign_key.match = read_match(reader, field, where);
    }
    foreign_key.deferrable = flag(reader, item, "deferrable", where);
    foreign_key.initially_deferred = flag(reader, item, "initially_deferred", where);
    foreign_key.not_valid = flag(reader, item, "not_valid", where);
    foreign_key.comment = comment(reader, item, where);
    check_deferral(reader, item, foreign_key.deferrable, foreign_key.initially_deferred, where);
    context.draft.foreign_keys.push_back({foreign_key, position_of(references.value)});
  }
}

std::vector<Placed<CheckConstraint>> read_check_list(const YamlReader& reader, const Entry& entry,
                                                     const std::string& owner, bool of_table) {
  std::vector<Placed<CheckConstraint>> checks;
  for (const Item& item : read_items(reader, entry, owner, true)) {
    const std::string where = item.name
                                  ? fmt::format("check constraint {} of {}", item.name->text, owner)
                                  : "check constraint of " + owner;
    CheckConstraint check;
    if (item.name) check.name = item.name->text;
    if (item.node.is_scalar()) {
      check.expression = item.node.scalar();
    } else {
      if (of_table) {
        reader.check_keys(item.fields, {"name", "expression", "no_inherit", "not_valid", "comment"},
                          where);
      } else {
        reader.check_keys(item.fields, {"name", "expression", "not_valid", "comment"}, where);
      }
      check.expression = reader.text(required(reader, item, "expression", where), where);
      check.no_inherit = flag(reader, item, "no_inherit", where);
      check.not_valid = flag(reader, item, "not_valid", where);
      check.comment = comment(reader, item, where);
    }
    checks.push_back({check, item_position(item)});
  }
  return checks;
}

void read_checks(TableContext& context, const Entry& entry) {
  for (auto& check : read_check_list(context.reader, entry, "table " + context.table, true)) {
    context.draft.checks.push_back(std::move(check));
  }
}

void read_exclusions(TableContext& context, const Entry& entry) {
  const YamlReader& reader = context.reader;
  for (const Item& item : read_items(reader, entry, "table " + context.table, true)) {
    const std::string where = describe("exclusion constraint", item.name, context.table);
    if (!item.name) reader.fail(item.node, "missing key 'name' in " + where);
    ExclusionConstraint exclusion{.name = item.name->text};
    if (item.node.is_scalar()) {
      exclusion.definition = item.node.scalar();
    } else {
      reader.check_keys(item.fields, {"name", "definition", "comment"}, where);
      exclusion.definition = reader.text(required(reader, item, "definition", where), where);
      exclusion.comment = comment(reader, item, where);
    }
    context.draft.exclusions.push_back({exclusion, item_position(item)});
  }
}

}  // namespace migrate::model
