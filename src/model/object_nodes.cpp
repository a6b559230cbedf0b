#include "model/object_nodes.hpp"

#include <algorithm>

#include "yaml/writer.hpp"

namespace migrate::model {
namespace {

using yaml::MapBuilder;
using yaml::names_node;
using yaml::text_node;

// A name that the loader's short forms ("table(col)", "table.column", "col DESC") keep intact.
bool is_plain(const std::string& name) {
  return !name.empty() && name.find_first_of(".(),\"' \t\n") == std::string::npos;
}

YAML::Node reference_node(const ForeignKey& key, const std::string& schema) {
  const QualifiedName& parent = key.referenced_table;
  const bool plain =
      is_plain(parent.schema) && is_plain(parent.name) &&
      std::all_of(key.referenced_columns.begin(), key.referenced_columns.end(), is_plain);
  if (plain) {
    std::string text = parent.schema == schema ? parent.name : parent.schema + "." + parent.name;
    text += "(";
    for (std::size_t i = 0; i < key.referenced_columns.size(); ++i) {
      text += (i ? ", " : "") + key.referenced_columns[i];
    }
    return text_node(text + ")");
  }
  MapBuilder map(true);
  if (parent.schema != schema) map.text("schema", parent.schema);
  return map.text("table", parent.name).add("columns", names_node(key.referenced_columns)).node();
}

YAML::Node foreign_key_node(const ForeignKey& key, const std::string& schema) {
  MapBuilder map(true);
  map.text("name", key.name).add("columns", names_node(key.columns));
  map.add("references", reference_node(key, schema));
  if (key.on_delete != ReferentialAction::no_action)
    map.text("on_delete", to_string(key.on_delete));
  if (key.on_update != ReferentialAction::no_action)
    map.text("on_update", to_string(key.on_update));
  if (key.match != MatchType::simple) map.text("match", to_string(key.match));
  return map.flag("deferrable", key.deferrable)
      .flag("initially_deferred", key.initially_deferred)
      .node();
}

YAML::Node unique_node(const UniqueConstraint& unique) {
  return MapBuilder(true)
      .text("name", unique.name)
      .add("columns", names_node(unique.columns))
      .flag("nulls_not_distinct", unique.nulls_not_distinct)
      .flag("deferrable", unique.deferrable)
      .flag("initially_deferred", unique.initially_deferred)
      .node();
}

// name: text pairs (checks' expressions, exclusions' definitions).
template <typename T>
YAML::Node named_texts(const std::vector<T>& items, std::string T::*text) {
  MapBuilder map(false);
  for (const T& item : items) map.text(item.name, item.*text);
  return map.node();
}

YAML::Node key_node(const IndexKey& key) {
  const bool default_nulls = key.nulls_first == key.descending;
  if (key.expression.empty() && key.opclass.empty() && key.collation.empty() &&
      is_plain(key.column)) {
    std::string text = key.column + (key.descending ? " DESC" : "");
    if (!default_nulls) text += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
    return text_node(text);
  }
  MapBuilder map(true);
  map.text(key.expression.empty() ? "column" : "expression",
           key.expression.empty() ? key.column : key.expression);
  if (key.descending) map.text("order", "desc");
  if (!default_nulls) map.text("nulls", key.nulls_first ? "first" : "last");
  if (!key.opclass.empty()) map.text("opclass", key.opclass);
  if (!key.collation.empty()) map.text("collation", key.collation);
  return map.node();
}

// Plain expressions as `expressions: [...]`, as people write them; anything else as `columns`.
void add_keys(MapBuilder& map, const std::vector<IndexKey>& keys) {
  const bool plain_expressions = std::all_of(keys.begin(), keys.end(), [](const IndexKey& key) {
    return !key.expression.empty() && !key.descending && !key.nulls_first && key.opclass.empty() &&
           key.collation.empty();
  });
  YAML::Node list(YAML::NodeType::Sequence);
  list.SetStyle(YAML::EmitterStyle::Flow);
  for (const IndexKey& key : keys) {
    list.push_back(plain_expressions ? text_node(key.expression) : key_node(key));
  }
  map.add(plain_expressions ? "expressions" : "columns", list);
}

}  // namespace

YAML::Node column_fields(const Column& column, const std::string& type) {
  MapBuilder map(true);
  if (!type.empty()) map.text("type", type);
  if (!column.nullable) map.add("nullable", yaml::bool_node(false));
  map.optional("default", column.default_expr);
  if (column.identity) map.add("identity", identity_node(*column.identity));
  map.optional("generated", column.generated);
  map.optional("collation", column.collation);
  return map.optional("comment", column.comment).node();
}

YAML::Node options_node(const SequenceOptions& options) {
  MapBuilder map(true);
  const std::pair<const char*, const std::optional<std::int64_t>*> numbers[] = {
      {"start", &options.start},
      {"increment", &options.increment},
      {"min_value", &options.min_value},
      {"max_value", &options.max_value},
      {"cache", &options.cache}};
  for (const auto& [key, value] : numbers) {
    if (*value) map.add(key, yaml::integer_node(**value));
  }
  return map.flag("cycle", options.cycle).node();
}

YAML::Node identity_node(const Identity& identity) {
  const std::string kind = identity.kind == IdentityKind::always ? "always" : "by_default";
  if (identity.options == SequenceOptions{}) return text_node(kind);
  return MapBuilder(true).text("kind", kind).add_all(options_node(identity.options)).node();
}

YAML::Node owner_node(const ColumnRef& owner, const std::string& document_schema) {
  if (is_plain(owner.table.name) && is_plain(owner.column) &&
      owner.table.schema == document_schema) {
    return text_node(owner.table.name + "." + owner.column);
  }
  MapBuilder map(true);
  if (owner.table.schema != document_schema) map.text("schema", owner.table.schema);
  return map.text("table", owner.table.name).text("column", owner.column).node();
}

void add_constraints(YAML::Node& body, const Table& table) {
  if (table.primary_key) {
    body.force_insert("primary_key",
                      MapBuilder(true)
                          .text("name", table.primary_key->name)
                          .add("columns", names_node(table.primary_key->columns))
                          .flag("deferrable", table.primary_key->deferrable)
                          .flag("initially_deferred", table.primary_key->initially_deferred)
                          .node());
  }
  YAML::Node uniques = yaml::block_list();
  for (const UniqueConstraint& unique : table.uniques) uniques.push_back(unique_node(unique));
  YAML::Node foreign_keys = yaml::block_list();
  for (const ForeignKey& key : table.foreign_keys) {
    foreign_keys.push_back(foreign_key_node(key, table.name.schema));
  }
  MapBuilder map(false);
  map.add_if_any("unique", uniques).add_if_any("foreign_keys", foreign_keys);
  map.add_if_any("checks", named_texts(table.checks, &CheckConstraint::expression));
  map.add_if_any("exclusions", named_texts(table.exclusions, &ExclusionConstraint::definition));
  for (const auto& entry : map.node()) body.force_insert(entry.first.Scalar(), entry.second);
}

YAML::Node index_fields(const Index& index) {
  MapBuilder map(true);
  add_keys(map, index.keys);
  map.flag("unique", index.unique);
  if (index.method != "btree") map.text("method", index.method);
  map.optional("where", index.where);
  if (!index.include.empty()) map.add("include", names_node(index.include));
  return map.flag("nulls_not_distinct", index.nulls_not_distinct).node();
}

void add_indexes(YAML::Node& body, const std::vector<Index>& indexes) {
  MapBuilder map(false);
  for (const Index& index : indexes) map.add(index.name, index_fields(index));
  if (!indexes.empty()) body.force_insert("indexes", map.node());
}

}  // namespace migrate::model
