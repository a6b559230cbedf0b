#pragma once
// Writing YAML files (revision files and `model dump`): a file is first built as a tree of nodes
// in a Store (node.hpp), holding its data in the order it shows, flow style marked on what fits
// one line, then emitted through yaml-cpp's emitter. Checksums hash the same trees' data
// (src/revision/checksum.cpp), so a file's layout never changes a checksum.
//
// Scalars are plain or not as the readers take them: a plain scalar may read as a boolean or a
// number (bool_node, integer_node); text is never plain, and is quoted where YAML would read it
// otherwise.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yaml/node.hpp"

namespace YAML {
class Emitter;
}

namespace migrate::yaml {

// A mapping built key by key, in the order written.
class MapBuilder {
 public:
  MapBuilder(Store& store, bool flow) : store_(store), flow_(flow) {}
  MapBuilder& add(std::string_view key, Node value);
  MapBuilder& text(std::string_view key, std::string_view value);
  // Omitted when unset.
  MapBuilder& optional(std::string_view key, const std::optional<std::string>& value);
  // Written only when true.
  MapBuilder& flag(std::string_view key, bool value);
  // Added only when it holds something.
  MapBuilder& add_if_any(std::string_view key, Node value);
  // Every entry of another mapping, but for those keys in left_out.
  MapBuilder& add_all(Node map, std::initializer_list<std::string_view> left_out = {});
  bool empty() const { return pairs_.empty(); }
  Node node() const { return store_.map(pairs_, {}, flow_); }

 private:
  Store& store_;
  bool flow_;
  std::vector<std::pair<Node, Node>> pairs_;
};

// A sequence built item by item.
class ListBuilder {
 public:
  ListBuilder(Store& store, bool flow) : store_(store), flow_(flow) {}
  ListBuilder& add(Node item) {
    items_.push_back(item);
    return *this;
  }
  Node node() const { return store_.sequence(items_, {}, flow_); }

 private:
  Store& store_;
  bool flow_;
  std::vector<Node> items_;
};

Node text_node(Store& store, std::string_view text);
Node bool_node(Store& store, bool value);
Node integer_node(Store& store, std::int64_t value);
Node optional_node(Store& store, const std::optional<std::string>& text);  // null when unset
Node names_node(Store& store, const std::vector<std::string>& names);      // a flow list

// Whether text is written as a literal block ("|"): it reads back unchanged that way.
bool fits_literal(const std::string_view text);

// Emits node (block style unless marked flow; an empty collection as {} or []).
void emit_node(YAML::Emitter& out, Node node, bool in_flow = false);

// The documents as file text, "---" between them.
std::string emit_documents(const std::vector<Node>& documents);

}  // namespace migrate::yaml
