// yaml-cpp's parser events, fed to the tree builder.

#include <istream>
#include <optional>
#include <streambuf>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "migrate/error.hpp"

#include "yaml/node.hpp"
#include "yaml/tree_builder.hpp"
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

class YamlCppEvents : public YAML::EventHandler {
 public:
  YamlCppEvents(TreeBuilder& out, std::string_view text) : out_(out), text_(text) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 loops forever on a document that starts with a token no node starts with
    // (",": jbeder/yaml-cpp#1040), reporting the same document start again and again.
    if (last_start_ && *last_start_ == mark.pos) {
      const auto at = static_cast<std::size_t>(mark.pos);
      out_.fail(mark_of(mark), fmt::format("YAML syntax error: unexpected '{}'",
                                           at < text_.size() ? text_[at] : ' '));
    }
    last_start_ = mark.pos;
    out_.document_start();
  }
  void OnDocumentEnd() override { out_.document_end(); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    out_.null(mark_of(mark), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    out_.alias(mark_of(mark), anchor);
  }
  // yaml-cpp's escapes can make NUL or invalid UTF-8 of valid text.
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    // An escaped "\0": PostgreSQL cannot store NUL in text or names, and nothing could write it
    // back.
    if (value.find('\0') != std::string::npos) {
      out_.fail(mark_of(mark),
                "a NUL character (\"\\0\") is not allowed: PostgreSQL cannot store it");
    }
    if (!is_utf8(value)) {
      out_.fail(mark_of(mark),
                "this string is not valid UTF-8 once its escapes are read (\\N, \\_, "
                "\\L and \\P come out as single bytes): write the character itself");
    }
    out_.scalar(mark_of(mark), value, tag == "?", anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    out_.sequence_start(mark_of(mark), anchor);
  }
  void OnSequenceEnd() override { out_.end(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    out_.map_start(mark_of(mark), anchor);
  }
  void OnMapEnd() override { out_.end(); }

 private:
  TreeBuilder& out_;
  std::string_view text_;
  std::optional<int> last_start_;
};

}  // namespace

std::vector<Node> parse(std::string_view text, Store& store, const std::string& file) {
  TextBuffer buffer(text);
  std::istream input(&buffer);
  TreeBuilder builder(store, file);
  YamlCppEvents events(builder, text);
  try {
    YAML::Parser parser(input);
    while (parser.HandleNextDocument(events)) {
    }
  } catch (const YAML::ParserException& e) {
    const Mark at = e.mark.is_null() ? Mark{} : mark_of(e.mark);
    throw FileError(file, at.line, at.column, "YAML syntax error: " + e.msg);
  }
  return std::move(builder.documents);
}

}  // namespace migrate::yaml
