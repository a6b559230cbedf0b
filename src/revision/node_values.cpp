// Nodes for the values operations share: names, optional texts, identities, sequence options.

#include <algorithm>

#include "revision/revision_writer.hpp"

namespace migrate::revision {
namespace {

bool has_dot(const std::string& name) { return name.find('.') != std::string::npos; }

}  // namespace

MapBuilder::MapBuilder(bool flow) : node_(YAML::NodeType::Map) {
  if (flow) node_.SetStyle(YAML::EmitterStyle::Flow);
}

MapBuilder& MapBuilder::add(const std::string& key, const YAML::Node& value) {
  node_[key] = value;
  return *this;
}

MapBuilder& MapBuilder::text(const std::string& key, const std::string& value) {
  return add(key, text_node(value));
}

MapBuilder& MapBuilder::optional(const std::string& key, const std::optional<std::string>& value) {
  return value ? text(key, *value) : *this;
}

MapBuilder& MapBuilder::flag(const std::string& key, bool value) {
  return value ? add(key, bool_node(true)) : *this;
}

MapBuilder& MapBuilder::add_all(const YAML::Node& map, const std::vector<std::string>& left_out) {
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (std::find(left_out.begin(), left_out.end(), key) == left_out.end()) add(key, entry.second);
  }
  return *this;
}

YAML::Node text_node(const std::string& text) {
  YAML::Node node(text);
  node.SetTag("!");
  return node;
}

YAML::Node bool_node(bool value) {
  YAML::Node node(value);
  node.SetTag("?");
  return node;
}

YAML::Node integer_node(std::int64_t value) {
  YAML::Node node(value);
  node.SetTag("?");
  return node;
}

YAML::Node optional_node(const std::optional<std::string>& text) {
  return text ? text_node(*text) : YAML::Node(YAML::NodeType::Null);
}

YAML::Node names_node(const std::vector<std::string>& names) {
  YAML::Node list(YAML::NodeType::Sequence);
  list.SetStyle(YAML::EmitterStyle::Flow);
  for (const std::string& name : names) list.push_back(text_node(name));
  return list;
}

YAML::Node qualified_node(const QualifiedName& name, const std::string& default_schema) {
  if (has_dot(name.schema) || has_dot(name.name)) {
    MapBuilder map(true);
    if (name.schema != default_schema) map.text("schema", name.schema);
    return map.text("name", name.name).node();
  }
  return text_node(name.schema == default_schema ? name.name : name.schema + "." + name.name);
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
    if (*value) map.add(key, integer_node(**value));
  }
  return map.flag("cycle", options.cycle).node();
}

YAML::Node identity_node(const Identity& identity) {
  const std::string kind = identity.kind == IdentityKind::always ? "always" : "by_default";
  if (identity.options == SequenceOptions{}) return text_node(kind);
  return MapBuilder(true).text("kind", kind).add_all(options_node(identity.options)).node();
}

YAML::Node owner_node(const ColumnRef& owner) {
  const std::string default_schema = default_schema_name;
  const QualifiedName& table = owner.table;
  if (has_dot(table.schema) || has_dot(table.name) || has_dot(owner.column)) {
    MapBuilder map(true);
    if (table.schema != default_schema) map.text("schema", table.schema);
    return map.text("table", table.name).text("column", owner.column).node();
  }
  const std::string prefix = table.schema == default_schema ? "" : table.schema + ".";
  return text_node(prefix + table.name + "." + owner.column);
}

}  // namespace migrate::revision
