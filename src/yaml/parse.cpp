// Builds the node tree from yaml-cpp's parser events, in one pass over the text.

#include <algorithm>
#include <istream>
#include <optional>
#include <streambuf>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "migrate/error.hpp"

#include "yaml/node.hpp"
#include "yaml/utf8.hpp"

namespace migrate::yaml {
namespace {

// Reads the caller's text in place.
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // read only: the get area is never written
    setg(begin, begin, begin + text.size());
  }
};

Mark mark_of(const YAML::Mark& mark) { return {mark.line + 1, mark.column + 1}; }

bool is_merge_key(Node key) { return key.is_scalar() && key.is_plain() && key.view() == "<<"; }

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(Store& store, const std::string& file, std::string_view text)
      : store_(store), file_(file), text_(text) {}

  std::vector<Node> documents;

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 loops forever on a document that starts with a token no node starts with
    // (",": jbeder/yaml-cpp#1040), reporting the same document start again and again.
    if (last_start_ && *last_start_ == mark.pos) {
      const auto at = static_cast<std::size_t>(mark.pos);
      fail(mark_of(mark),
           fmt::format("YAML syntax error: unexpected '{}'", at < text_.size() ? text_[at] : ' '));
    }
    last_start_ = mark.pos;
    root_ = nullptr;
    anchors_.clear();
  }
  void OnDocumentEnd() override { documents.emplace_back(root_); }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(store_.make_container(Kind::null, {}, mark_of(mark)), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {
      fail(mark_of(mark), "an alias may not refer to a node that contains it");
    }
    add(found->second, 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    // An escaped "\0": PostgreSQL cannot store NUL in text or names, and nothing could write it
    // back.
    if (value.find('\0') != std::string::npos) {
      fail(mark_of(mark), "a NUL character (\"\\0\") is not allowed: PostgreSQL cannot store it");
    }
    if (!is_utf8(value)) {
      fail(mark_of(mark),
           "this string is not valid UTF-8 once its escapes are read (\\N, \\_, "
           "\\L and \\P come out as single bytes): write the character itself");
    }
    add(store_.make_scalar(value, tag == "?", mark_of(mark)), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_.push_back({Kind::sequence, mark_of(mark), anchor, pending_.size()});
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open_.push_back({Kind::map, mark_of(mark), anchor, pending_.size()});
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    Kind kind;
    Mark mark;
    YAML::anchor_t anchor;
    std::size_t first;  // its first child in pending_
  };

  [[noreturn]] void fail(Mark at, const std::string& message) const {
    throw FileError(file_, at.line, at.column, message);
  }

  void add(const NodeData* node, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = node;
    if (open_.empty()) {
      root_ = node;
    } else {
      pending_.push_back(node);
    }
  }

  void close() {
    const Open open = open_.back();
    open_.pop_back();
    const std::span<const NodeData* const> children(pending_.data() + open.first,
                                                    pending_.size() - open.first);
    if (open.kind == Kind::map) check_duplicate_keys(children);
    const NodeData* node = store_.make_container(open.kind, children, open.mark);
    pending_.resize(open.first);
    add(node, open.anchor);
  }

  // yaml-cpp keeps the last of two equal keys silently; a model must not lose a column that way.
  void check_duplicate_keys(std::span<const NodeData* const> children) {
    seen_.clear();
    for (std::size_t i = 0; i < children.size(); i += 2) {
      const Node key(children[i]);
      if (!key.is_scalar() || is_merge_key(key)) continue;
      const auto [earlier, inserted] = seen_.emplace(key.view(), key.mark());
      if (!inserted) {
        fail(key.mark(), fmt::format("duplicate key '{}' (first written at {}:{})", key.view(),
                                     earlier->second.line, earlier->second.column));
      }
    }
  }

  Store& store_;
  const std::string& file_;
  std::string_view text_;
  std::optional<int> last_start_;
  const NodeData* root_ = nullptr;
  std::vector<Open> open_;
  std::vector<const NodeData*> pending_;  // children of the open containers, innermost last
  std::unordered_map<YAML::anchor_t, const NodeData*> anchors_;
  std::unordered_map<std::string_view, Mark> seen_;
};

}  // namespace

std::vector<Node> parse(std::string_view text, Store& store, const std::string& file) {
  TextBuffer buffer(text);
  std::istream input(&buffer);
  TreeBuilder builder(store, file, text);
  try {
    YAML::Parser parser(input);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::ParserException& e) {
    const Mark at = e.mark.is_null() ? Mark{} : mark_of(e.mark);
    throw FileError(file, at.line, at.column, "YAML syntax error: " + e.msg);
  }
  return std::move(builder.documents);
}

}  // namespace migrate::yaml
