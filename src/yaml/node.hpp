#pragma once
// YAML documents as migrate reads them: a compact, immutable tree built from yaml-cpp's parser
// events. yaml-cpp's own Node graph takes several allocations and hundreds of bytes per node, and
// a large model has hundreds of thousands of nodes. Here a node is 24 bytes in an arena that a
// Store owns, and a Node is valid while its Store lives.

#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace migrate::yaml {

enum class Kind : std::uint8_t { null, scalar, sequence, map };

struct Mark {
  int line = 0;    // 1-based; 0 for nodes built by code rather than read from text
  int column = 0;  // 1-based, in bytes (as yaml-cpp counts)
};

// 24 bytes, since a large model holds hundreds of thousands of them.
struct NodeData {
  Kind kind = Kind::null;
  bool plain = false;  // a scalar written without quotes or tag: the only kind that reads as a bool
  bool flow = false;   // a collection written (or to be written) in flow style: [a, b], {a: b}
  std::uint32_t count = 0;  // a scalar's length; a sequence's items; a map's pairs
  std::int32_t line = 0;
  std::int32_t column = 0;
  // A scalar's text (NUL-terminated); a sequence's items; a map's keys and values, alternating.
  const void* payload = nullptr;

  const NodeData* const* children() const { return static_cast<const NodeData* const*>(payload); }
};

class Node {
 public:
  Node() = default;  // null, with no position
  explicit Node(const NodeData* data) : data_(data) {}

  Kind kind() const { return data_ ? data_->kind : Kind::null; }
  bool is_null() const { return kind() == Kind::null; }
  bool is_scalar() const { return kind() == Kind::scalar; }
  bool is_sequence() const { return kind() == Kind::sequence; }
  bool is_map() const { return kind() == Kind::map; }
  bool is_plain() const { return data_ && data_->plain; }
  bool is_flow() const { return data_ && data_->flow; }
  Mark mark() const { return data_ ? Mark{data_->line, data_->column} : Mark{}; }

  std::string_view view() const {
    return is_scalar() ? std::string_view(static_cast<const char*>(data_->payload), data_->count)
                       : std::string_view{};
  }
  std::string scalar() const { return std::string(view()); }

  // Items of a sequence, pairs of a map; 0 for anything else.
  std::size_t size() const { return is_sequence() || is_map() ? data_->count : 0; }
  Node item(std::size_t i) const { return Node(data_->children()[i]); }
  Node key(std::size_t i) const { return Node(data_->children()[2 * i]); }
  Node value(std::size_t i) const { return Node(data_->children()[2 * i + 1]); }
  // The value of a map's scalar key, when there is one.
  std::optional<Node> find(std::string_view key) const;

  // The same node: an alias and its anchor are one node.
  bool same(const Node& other) const { return data_ == other.data_; }
  const void* identity() const { return data_; }

  // A sequence's items in order (nothing for other kinds).
  class Iterator {
   public:
    using value_type = Node;
    using difference_type = std::ptrdiff_t;
    Iterator() = default;
    explicit Iterator(const NodeData* const* at) : at_(at) {}
    Node operator*() const { return Node(*at_); }
    Iterator& operator++() {
      ++at_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++at_;
      return before;
    }
    friend bool operator==(const Iterator&, const Iterator&) = default;

   private:
    const NodeData* const* at_ = nullptr;
  };
  Iterator begin() const { return Iterator(is_sequence() ? data_->children() : nullptr); }
  Iterator end() const {
    return Iterator(is_sequence() ? data_->children() + data_->count : nullptr);
  }

 private:
  friend class Store;
  const NodeData* data_ = nullptr;
};

// Owns nodes and their text. Nodes never move, so Node handles stay valid until it is destroyed.
class Store {
 public:
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Node scalar(std::string_view text, bool plain, Mark mark = {});
  Node null(Mark mark = {});
  Node sequence(std::span<const Node> items, Mark mark = {}, bool flow = false);
  Node map(std::span<const std::pair<Node, Node>> pairs, Mark mark = {}, bool flow = false);

  // Used while parsing: children given as the arena's own pointers.
  const NodeData* make_scalar(std::string_view text, bool plain, Mark mark);
  const NodeData* make_container(Kind kind, std::span<const NodeData* const> children, Mark mark,
                                 bool flow = false);

 private:
  void* allocate(std::size_t bytes, std::size_t alignment);

  // Blocks double from 4 KiB, since most files are small (a revision: a few hundred nodes), up
  // to 256 KiB, so that a large model leaves at most one block partly unused.
  static constexpr std::size_t max_block_size = 256 * 1024;
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::vector<std::unique_ptr<std::byte[]>> large_blocks_;  // one per long scalar or list
  std::size_t next_block_size_ = 4 * 1024;
  std::size_t capacity_ = 0;  // of the last block
  std::size_t used_ = 0;      // in the last block
};

// Every document of text, in order; the store keeps them. Throws FileError naming file, line and
// column for a syntax error, a key written twice in one mapping, or an alias inside its anchor.
std::vector<Node> parse(std::string_view text, Store& store, const std::string& file);

}  // namespace migrate::yaml
