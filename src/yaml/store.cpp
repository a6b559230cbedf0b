// The arena behind every node, and nodes built by code (the revision reader builds model
// mappings out of an operation's fields; the writers build whole files).

#include <algorithm>
#include <cstring>

#include "yaml/node.hpp"

namespace migrate::yaml {

std::optional<Node> Node::find(std::string_view wanted) const {
  if (!is_map()) return std::nullopt;
  for (std::size_t i = 0; i < size(); ++i) {
    if (key(i).is_scalar() && key(i).view() == wanted) return value(i);
  }
  return std::nullopt;
}

void* Store::allocate(std::size_t bytes, std::size_t alignment) {
  if (bytes > max_block_size / 4) {  // a long scalar or a long list gets a block of its own
    return large_blocks_.emplace_back(std::make_unique_for_overwrite<std::byte[]>(bytes)).get();
  }
  used_ = (used_ + alignment - 1) / alignment * alignment;
  if (used_ + bytes > capacity_) {
    // Not zeroed: every byte handed out is written first. While blocks are still small, a
    // request may exceed the next block's size: the block is then as large as the request.
    capacity_ = std::max(next_block_size_, bytes);
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(capacity_));
    next_block_size_ = std::min(2 * next_block_size_, max_block_size);
    used_ = 0;
  }
  void* at = blocks_.back().get() + used_;
  used_ += bytes;
  return at;
}

const NodeData* Store::make_scalar(std::string_view text, bool plain, Mark mark) {
  char* copy = static_cast<char*>(allocate(text.size() + 1, 1));
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  void* node = allocate(sizeof(NodeData), alignof(NodeData));
  return new (node)
      NodeData{Kind::scalar, plain,       false, static_cast<std::uint32_t>(text.size()),
               mark.line,    mark.column, copy};
}

const NodeData* Store::make_container(Kind kind, std::span<const NodeData* const> children,
                                      Mark mark, bool flow) {
  const NodeData** copy = nullptr;
  if (!children.empty()) {
    copy = static_cast<const NodeData**>(
        allocate(children.size() * sizeof(NodeData*), alignof(NodeData*)));
    std::copy(children.begin(), children.end(), copy);
  }
  const auto count =
      static_cast<std::uint32_t>(kind == Kind::map ? children.size() / 2 : children.size());
  void* node = allocate(sizeof(NodeData), alignof(NodeData));
  return new (node) NodeData{kind, false, flow, count, mark.line, mark.column, copy};
}

Node Store::scalar(std::string_view text, bool plain, Mark mark) {
  return Node(make_scalar(text, plain, mark));
}

Node Store::null(Mark mark) { return Node(make_container(Kind::null, {}, mark)); }

Node Store::sequence(std::span<const Node> items, Mark mark, bool flow) {
  std::vector<const NodeData*> children;
  children.reserve(items.size());
  for (const Node& item : items) children.push_back(item.data_);
  return Node(make_container(Kind::sequence, children, mark, flow));
}

Node Store::map(std::span<const std::pair<Node, Node>> pairs, Mark mark, bool flow) {
  std::vector<const NodeData*> children;
  children.reserve(2 * pairs.size());
  for (const auto& [key, value] : pairs) {
    children.push_back(key.data_);
    children.push_back(value.data_);
  }
  return Node(make_container(Kind::map, children, mark, flow));
}

}  // namespace migrate::yaml
