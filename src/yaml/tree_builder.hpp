#pragma once
// Builds the node tree from yaml-cpp's parse events, checking what yaml-cpp lets through:
// duplicate keys, aliases inside their anchors. (What its escapes decode to is checked where its
// events come in, parse.cpp.)

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "yaml/node.hpp"

namespace migrate::yaml {

using AnchorId = std::size_t;  // 0: no anchor

class TreeBuilder {
 public:
  TreeBuilder(Store& store, const std::string& file) : store_(store), file_(file) {}

  void document_start();
  void document_end() { documents.emplace_back(root_); }
  void null(Mark mark, AnchorId anchor);
  void alias(Mark mark, AnchorId anchor);
  void scalar(Mark mark, std::string_view value, bool plain, AnchorId anchor);
  void sequence_start(Mark mark, AnchorId anchor) {
    open_.push_back({Kind::sequence, mark, anchor, pending_.size()});
  }
  void map_start(Mark mark, AnchorId anchor) {
    open_.push_back({Kind::map, mark, anchor, pending_.size()});
  }
  void end();

  [[noreturn]] void fail(Mark at, const std::string& message) const;

  std::vector<Node> documents;

 private:
  struct Open {
    Kind kind;
    Mark mark;
    AnchorId anchor;
    std::size_t first;  // its first child in pending_
  };

  void add(const NodeData* node, AnchorId anchor);
  void check_duplicate_keys(std::span<const NodeData* const> children);
  [[noreturn]] void duplicate(Node key, Mark first) const;

  Store& store_;
  const std::string& file_;
  const NodeData* root_ = nullptr;
  std::vector<Open> open_;
  std::vector<const NodeData*> pending_;  // children of the open containers, innermost last
  std::unordered_map<AnchorId, const NodeData*> anchors_;
  std::unordered_map<std::string_view, Mark> seen_;
};

}  // namespace migrate::yaml
