#include "model/object_nodes.hpp"

#include <algorithm>

namespace migrate::model {
namespace {

using yaml::ListBuilder;
using yaml::MapBuilder;
using yaml::names_node;
using yaml::Node;
using yaml::Store;
using yaml::text_node;

// A name that the loader's short forms ("table(col)", "table.column", "col DESC") keep intact.
bool is_plain(const std::string& name) {
  return !name.empty() && name.find_first_of(".(),\"' \t\n") == std::string::npos;
}

Node reference_node(Store& store, const ForeignKey& key, const std::string& schema) {
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
    return text_node(store, text + ")");
  }
  MapBuilder map(store, true);
  if (parent.schema != schema) map.text("schema", parent.schema);
  return map.text("table", parent.name)
      .add("columns", names_node(store, key.referenced_columns))
      .node();
}

Node foreign_key_node(Store& store, const ForeignKey& key, const std::string& schema) {
  MapBuilder map(store, true);
  map.text("name", key.name).add("columns", names_node(store, key.columns));
  map.add("references", reference_node(store, key, schema));
  if (key.on_delete != ReferentialAction::no_action)
    map.text("on_delete", to_string(key.on_delete));
  if (key.on_update != ReferentialAction::no_action)
    map.text("on_update", to_string(key.on_update));
  if (key.match != MatchType::simple) map.text("match", to_string(key.match));
  return map.flag("deferrable", key.deferrable)
      .flag("initially_deferred", key.initially_deferred)
      .flag("not_valid", key.not_valid)
      .optional("comment", key.comment)
      .node();
}

Node unique_node(Store& store, const UniqueConstraint& unique) {
  return MapBuilder(store, true)
      .text("name", unique.name)
      .add("columns", names_node(store, unique.columns))
      .flag("nulls_not_distinct", unique.nulls_not_distinct)
      .flag("deferrable", unique.deferrable)
      .flag("initially_deferred", unique.initially_deferred)
      .optional("comment", unique.comment)
      .node();
}

Node exclusions_node(Store& store, const std::vector<ExclusionConstraint>& exclusions) {
  MapBuilder map(store, false);
  for (const ExclusionConstraint& exclusion : exclusions) {
    if (!exclusion.comment) {
      map.text(exclusion.name, exclusion.definition);
      continue;
    }
    map.add(exclusion.name, MapBuilder(store, true)
                                .text("definition", exclusion.definition)
                                .optional("comment", exclusion.comment)
                                .node());
  }
  return map.node();
}

Node key_node(Store& store, const IndexKey& key) {
  const bool default_nulls = key.nulls_first == key.descending;
  if (key.expression.empty() && key.opclass.empty() && key.collation.empty() &&
      is_plain(key.column)) {
    std::string text = key.column + (key.descending ? " DESC" : "");
    if (!default_nulls) text += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
    return text_node(store, text);
  }
  MapBuilder map(store, true);
  map.text(key.expression.empty() ? "column" : "expression",
           key.expression.empty() ? key.column : key.expression);
  if (key.descending) map.text("order", "desc");
  if (!default_nulls) map.text("nulls", key.nulls_first ? "first" : "last");
  if (!key.opclass.empty()) map.text("opclass", key.opclass);
  if (!key.collation.empty()) map.text("collation", key.collation);
  return map.node();
}

// Plain expressions as `expressions: [...]`, as people write them; anything else as `columns`.
void add_keys(MapBuilder& map, Store& store, const std::vector<IndexKey>& keys) {
  const bool plain_expressions = std::all_of(keys.begin(), keys.end(), [](const IndexKey& key) {
    return !key.expression.empty() && !key.descending && !key.nulls_first && key.opclass.empty() &&
           key.collation.empty();
  });
  ListBuilder list(store, true);
  for (const IndexKey& key : keys) {
    list.add(plain_expressions ? text_node(store, key.expression) : key_node(store, key));
  }
  map.add(plain_expressions ? "expressions" : "columns", list.node());
}

}  // namespace

Node column_fields(Store& store, const Column& column, const std::string& type) {
  MapBuilder map(store, true);
  if (!type.empty()) map.text("type", type);
  if (!column.nullable) map.add("nullable", yaml::bool_node(store, false));
  map.optional("default", column.default_expr);
  if (column.identity) map.add("identity", identity_node(store, *column.identity));
  map.optional("generated", column.generated);
  map.optional("collation", column.collation);
  if (column.statistics) map.add("statistics", yaml::integer_node(store, *column.statistics));
  map.optional("storage", column.storage).optional("compression", column.compression);
  return map.optional("comment", column.comment).node();
}

Node options_node(Store& store, const SequenceOptions& options) {
  MapBuilder map(store, true);
  const std::pair<const char*, const std::optional<std::int64_t>*> numbers[] = {
      {"start", &options.start},
      {"increment", &options.increment},
      {"min_value", &options.min_value},
      {"max_value", &options.max_value},
      {"cache", &options.cache}};
  for (const auto& [key, value] : numbers) {
    if (*value) map.add(key, yaml::integer_node(store, **value));
  }
  return map.flag("cycle", options.cycle).node();
}

Node identity_node(Store& store, const Identity& identity) {
  const std::string kind = identity.kind == IdentityKind::always ? "always" : "by_default";
  if (identity.options == SequenceOptions{}) return text_node(store, kind);
  return MapBuilder(store, true)
      .text("kind", kind)
      .add_all(options_node(store, identity.options))
      .node();
}

Node owner_node(Store& store, const ColumnRef& owner, const std::string& document_schema) {
  if (is_plain(owner.table.name) && is_plain(owner.column) &&
      owner.table.schema == document_schema) {
    return text_node(store, owner.table.name + "." + owner.column);
  }
  MapBuilder map(store, true);
  if (owner.table.schema != document_schema) map.text("schema", owner.table.schema);
  return map.text("table", owner.table.name).text("column", owner.column).node();
}

void add_table_attributes(MapBuilder& body, Store& store, const Table& table) {
  if (table.partition_of) {
    const QualifiedName& parent = *table.partition_of;
    body.text("partition_of",
              parent.schema == table.name.schema ? parent.name : parent.schema + "." + parent.name);
    body.optional("bounds", table.bounds);
  }
  body.optional("partition_by", table.partition_by);
  body.flag("unlogged", table.unlogged);
  body.add_if_any("storage", storage_node(store, table.storage));
  body.optional("cluster_on", table.cluster_on);
  body.optional("replica_identity", table.replica_identity);
}

void add_constraints(MapBuilder& body, Store& store, const Table& table) {
  if (table.primary_key) {
    body.add("primary_key", MapBuilder(store, true)
                                .text("name", table.primary_key->name)
                                .add("columns", names_node(store, table.primary_key->columns))
                                .flag("deferrable", table.primary_key->deferrable)
                                .flag("initially_deferred", table.primary_key->initially_deferred)
                                .optional("comment", table.primary_key->comment)
                                .node());
  }
  ListBuilder uniques(store, false);
  for (const UniqueConstraint& unique : table.uniques) uniques.add(unique_node(store, unique));
  ListBuilder foreign_keys(store, false);
  for (const ForeignKey& key : table.foreign_keys) {
    foreign_keys.add(foreign_key_node(store, key, table.name.schema));
  }
  body.add_if_any("unique", uniques.node()).add_if_any("foreign_keys", foreign_keys.node());
  body.add_if_any("checks", checks_node(store, table.checks));
  body.add_if_any("exclusions", exclusions_node(store, table.exclusions));
}

Node index_fields(Store& store, const Index& index) {
  MapBuilder map(store, true);
  add_keys(map, store, index.keys);
  map.flag("unique", index.unique);
  if (index.method != "btree") map.text("method", index.method);
  map.optional("where", index.where);
  if (!index.include.empty()) map.add("include", names_node(store, index.include));
  map.flag("nulls_not_distinct", index.nulls_not_distinct);
  map.add_if_any("storage", storage_node(store, index.storage));
  return map.optional("comment", index.comment).node();
}

Node attributes_node(Store& store, const std::vector<CompositeAttribute>& attributes,
                     const std::function<std::string(const std::string&)>& type_of) {
  MapBuilder map(store, false);
  for (const CompositeAttribute& attribute : attributes) {
    const std::string type = type_of(attribute.type);
    if (!attribute.collation && !attribute.comment) {
      map.text(attribute.name, type);
      continue;
    }
    map.add(attribute.name, MapBuilder(store, true)
                                .text("type", type)
                                .optional("collation", attribute.collation)
                                .optional("comment", attribute.comment)
                                .node());
  }
  return map.node();
}

Node storage_node(Store& store, const std::vector<std::string>& storage) {
  MapBuilder map(store, true);
  for (const std::string& parameter : storage) {
    const auto equals = parameter.find('=');
    map.text(parameter.substr(0, equals),
             equals == std::string::npos ? "" : parameter.substr(equals + 1));
  }
  return map.node();
}

Node view_fields(Store& store, const View& view) {
  MapBuilder map(store, false);
  map.text("query", view.query);
  map.flag("security_barrier", view.security_barrier)
      .flag("security_invoker", view.security_invoker);
  map.optional("check_option", view.check_option);
  if (!view.with_data) map.add("with_data", yaml::bool_node(store, false));
  map.add_if_any("storage", storage_node(store, view.storage));
  add_indexes(map, store, view.indexes);
  map.optional("comment", view.comment);
  MapBuilder comments(store, false);
  for (const auto& [column, comment] : view.column_comments) comments.text(column, comment);
  return map.add_if_any("column_comments", comments.node()).node();
}

Node function_node(Store& store, const Function& function) {
  if (!function.comment) return yaml::text_node(store, function.definition);
  MapBuilder map(store, false);
  return map.text("definition", function.definition).optional("comment", function.comment).node();
}

Node trigger_node(Store& store, const Trigger& trigger) {
  if (trigger.enabled == TriggerEnabled::origin && !trigger.comment) {
    return yaml::text_node(store, trigger.definition);
  }
  MapBuilder map(store, false);
  map.text("definition", trigger.definition);
  if (trigger.enabled == TriggerEnabled::disabled) {
    map.add("enabled", yaml::bool_node(store, false));
  } else if (trigger.enabled != TriggerEnabled::origin) {
    map.text("enabled", to_string(trigger.enabled));
  }
  return map.optional("comment", trigger.comment).node();
}

void add_indexes(MapBuilder& body, Store& store, const std::vector<Index>& indexes) {
  MapBuilder map(store, false);
  for (const Index& index : indexes) map.add(index.name, index_fields(store, index));
  body.add_if_any("indexes", map.node());
}

Node checks_node(Store& store, const std::vector<CheckConstraint>& checks) {
  MapBuilder map(store, false);
  for (const CheckConstraint& check : checks) {
    if (!check.no_inherit && !check.not_valid && !check.comment) {
      map.text(check.name, check.expression);
      continue;
    }
    map.add(check.name, MapBuilder(store, true)
                            .text("expression", check.expression)
                            .flag("no_inherit", check.no_inherit)
                            .flag("not_valid", check.not_valid)
                            .optional("comment", check.comment)
                            .node());
  }
  return map.node();
}

Node domain_fields(Store& store, const Domain& domain, const std::string& type) {
  const bool plain = !domain.collation && !domain.default_expr && domain.nullable &&
                     domain.checks.empty() && !domain.comment;
  if (plain) return text_node(store, type);
  MapBuilder map(store, false);
  map.text("type", type).optional("collation", domain.collation);
  map.optional("default", domain.default_expr);
  if (!domain.nullable) map.add("nullable", yaml::bool_node(store, false));
  map.add_if_any("checks", checks_node(store, domain.checks));
  return map.optional("comment", domain.comment).node();
}

}  // namespace migrate::model
