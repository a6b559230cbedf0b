#pragma once
// Writing YAML files (revision files and `model dump`): the file is first built as yaml-cpp
// nodes holding its data in the order it shows, flow style marked on what fits one line, then
// emitted by emit_node. Checksums hash the same nodes' data (src/revision/checksum.cpp), so a
// file's layout never changes a checksum.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace migrate::yaml {

// A mapping built key by key, in the order written.
class MapBuilder {
 public:
  explicit MapBuilder(bool flow);
  MapBuilder& add(const std::string& key, const YAML::Node& value);
  MapBuilder& text(const std::string& key, const std::string& value);
  // Omitted when unset.
  MapBuilder& optional(const std::string& key, const std::optional<std::string>& value);
  // Written only when true.
  MapBuilder& flag(const std::string& key, bool value);
  // Added only when it holds something.
  MapBuilder& add_if_any(const std::string& key, const YAML::Node& value);
  // Every entry of another mapping, but for those keys in left_out.
  MapBuilder& add_all(const YAML::Node& map, const std::vector<std::string>& left_out = {});
  const YAML::Node& node() const { return node_; }

 private:
  YAML::Node node_;
};

// Scalars are tagged as YAML tags what it reads: "!" for text (quoted where needed), "?" for
// booleans and numbers (always plain, so the readers' boolean() and integer() accept them).
YAML::Node text_node(const std::string& text);
YAML::Node bool_node(bool value);
YAML::Node integer_node(std::int64_t value);
YAML::Node optional_node(const std::optional<std::string>& text);  // null when unset
YAML::Node names_node(const std::vector<std::string>& names);      // a flow list
YAML::Node block_list();                                           // to push_back items into

// Whether text is written as a literal block ("|"): it reads back unchanged that way.
bool fits_literal(const std::string& text);

// Emits node (block style unless marked flow; an empty collection as {} or []).
void emit_node(YAML::Emitter& out, const YAML::Node& node, bool in_flow = false);

// The documents as file text, "---" between them.
std::string emit_documents(const std::vector<YAML::Node>& documents);

}  // namespace migrate::yaml
