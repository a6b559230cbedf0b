#include "yaml/tree_builder.hpp"

#include <fmt/format.h>

#include "migrate/error.hpp"

namespace migrate::yaml {
namespace {

bool is_merge_key(Node key) { return key.is_scalar() && key.is_plain() && key.view() == "<<"; }

}  // namespace

void TreeBuilder::fail(Mark at, const std::string& message) const {
  throw FileError(file_, at.line, at.column, message);
}

void TreeBuilder::document_start() {
  root_ = nullptr;
  anchors_.clear();
}

void TreeBuilder::null(Mark mark, AnchorId anchor) {
  add(store_.make_container(Kind::null, {}, mark), anchor);
}

void TreeBuilder::alias(Mark mark, AnchorId anchor) {
  const auto found = anchors_.find(anchor);
  if (found == anchors_.end()) fail(mark, "an alias may not refer to a node that contains it");
  add(found->second, 0);
}

void TreeBuilder::scalar(Mark mark, std::string_view value, bool plain, AnchorId anchor) {
  add(store_.make_scalar(value, plain, mark), anchor);
}

void TreeBuilder::end() {
  const Open open = open_.back();
  open_.pop_back();
  const std::span<const NodeData* const> children(pending_.data() + open.first,
                                                  pending_.size() - open.first);
  if (open.kind == Kind::map) check_duplicate_keys(children);
  const NodeData* node = store_.make_container(open.kind, children, open.mark);
  pending_.resize(open.first);
  add(node, open.anchor);
}

void TreeBuilder::add(const NodeData* node, AnchorId anchor) {
  if (anchor != 0) anchors_[anchor] = node;
  if (open_.empty()) {
    root_ = node;
  } else {
    pending_.push_back(node);
  }
}

// yaml-cpp keeps the last of two equal keys silently; a model must not lose a column that way.
void TreeBuilder::check_duplicate_keys(std::span<const NodeData* const> children) {
  const std::size_t pairs = children.size() / 2;
  if (pairs <= 8) {  // most maps: comparing every pair costs less than hashing
    for (std::size_t i = 1; i < pairs; ++i) {
      const Node key(children[2 * i]);
      if (!key.is_scalar() || is_merge_key(key)) continue;
      for (std::size_t j = 0; j < i; ++j) {
        const Node earlier(children[2 * j]);
        if (earlier.is_scalar() && earlier.view() == key.view()) duplicate(key, earlier.mark());
      }
    }
    return;
  }
  seen_.clear();
  for (std::size_t i = 0; i < children.size(); i += 2) {
    const Node key(children[i]);
    if (!key.is_scalar() || is_merge_key(key)) continue;
    const auto [earlier, inserted] = seen_.emplace(key.view(), key.mark());
    if (!inserted) duplicate(key, earlier->second);
  }
}

void TreeBuilder::duplicate(Node key, Mark first) const {
  fail(key.mark(), fmt::format("duplicate key '{}' (first written at {}:{})", key.view(),
                               first.line, first.column));
}

}  // namespace migrate::yaml
