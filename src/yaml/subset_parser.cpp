#include "yaml/subset_parser.hpp"

#include <cstddef>
#include <string>

#include "migrate/error.hpp"

#include "yaml/special_words.hpp"
#include "yaml/utf8.hpp"

namespace migrate::yaml {
namespace {

// Thrown where the text leaves the subset; caught by parse_common_subset.
struct OutsideSubset {};

[[noreturn]] void outside() { throw OutsideSubset{}; }

// The end of the text reads as '\0': the text holds no NUL (the subset has no control bytes).
bool is_eol(char c) { return c == '\n' || c == '\0'; }
bool is_space_or_eol(char c) { return c == ' ' || is_eol(c); }

bool one_of(char c, std::string_view set) { return set.find(c) != std::string_view::npos; }

// Bytes yaml-cpp treats as something other than text: control characters (tab and carriage
// return among them, which change how lines and indentation read), C1 controls, the byte order
// mark, and the Unicode line and paragraph separators.
bool has_only_subset_bytes(std::string_view text) {
  bool ascii = true;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n') || byte == 0x7f) return false;
    if (byte >= 0x80) ascii = false;
  }
  if (ascii) return true;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_length(text, i);
    if (length == 0) return false;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    if (length == 2 && byte(0) == 0xC2 && byte(1) < 0xA0) return false;
    if (length == 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) return false;
    if (length == 3 && byte(0) == 0xE2 && byte(1) == 0x80 && (byte(2) == 0xA8 || byte(2) == 0xA9)) {
      return false;
    }
    i += length;
  }
  return true;
}

class SubsetParser {
 public:
  SubsetParser(std::string_view text, TreeBuilder& out) : text_(text), out_(out) {}

  // One document, or several each after a "---" line.
  void parse_stream() {
    skip_to_content();
    if (at_end_) outside();  // no document
    for (bool first = true;; first = false) {
      if (at_marker_) {
        pos_ += 3;
        if (!rest_is_empty(pos_)) outside();  // a node on the marker's line
        finish_line();
      } else if (!first) {
        outside();
      }
      if (at_end_ || at_marker_ || indent_ != 0) outside();  // an empty document, or a scalar
      out_.document_start();
      parse_block_collection(0);
      out_.document_end();
      if (at_end_) return;
    }
  }

 private:
  static constexpr int max_flow_depth = 64;
  static constexpr std::size_t max_key_length = 1000;

  char peek(std::size_t at) const { return at < text_.size() ? text_[at] : '\0'; }
  Mark here() const { return {line_, static_cast<int>(pos_ - line_begin_) + 1}; }
  std::size_t skip_spaces(std::size_t at) const {
    while (peek(at) == ' ') ++at;
    return at;
  }
  std::size_t end_of_line(std::size_t at) const {
    const std::size_t newline = text_.find('\n', at);
    return newline == std::string_view::npos ? text_.size() : newline;
  }
  bool is_sequence_entry(std::size_t at) const {
    return peek(at) == '-' && is_space_or_eol(peek(at + 1));
  }

  // From the end of a line (or the start of one): on to the next line that holds a node,
  // past blank and comment lines. Sets indent_, or at_end_ when there is none.
  void next_line() {
    if (peek(pos_) == '\0') {
      at_end_ = true;
      return;
    }
    start_line(pos_ + 1);
    skip_to_content();
  }
  void start_line(std::size_t at) {
    pos_ = at;
    line_begin_ = at;
    ++line_;
  }
  void skip_to_content() {
    for (;;) {
      const std::size_t at = skip_spaces(line_begin_);
      const char c = peek(at);
      if (c != '\0' && (c == '\n' || c == '#')) {
        pos_ = end_of_line(at);
        if (pos_ == text_.size()) break;
        start_line(pos_ + 1);
        continue;
      }
      if (c == '\0') break;
      pos_ = at;
      indent_ = static_cast<int>(at - line_begin_);
      const std::string_view rest = text_.substr(at);
      const bool marker = indent_ == 0 && is_space_or_eol(peek(at + 3));
      if (marker && rest.starts_with("...")) outside();  // a document's end
      at_marker_ = marker && rest.starts_with("---");
      return;
    }
    at_end_ = true;
  }

  // After a node that ends its line: spaces and a comment may follow, nothing else.
  void finish_line() {
    const std::size_t at = skip_spaces(pos_);
    if (peek(at) == '#' && at > pos_) {
      pos_ = end_of_line(at);
    } else if (is_eol(peek(at))) {
      pos_ = at;
    } else {
      outside();
    }
    next_line();
  }
  bool rest_is_empty(std::size_t at) const {
    const std::size_t after = skip_spaces(at);
    return is_eol(peek(after)) || (peek(after) == '#' && after > at);
  }

  void parse_block_collection(int indent) {
    if (is_sequence_entry(pos_)) {
      parse_block_sequence(indent);
    } else {
      parse_block_map(indent);
    }
  }

  void parse_block_sequence(int indent) {
    out_.sequence_start(here(), 0);
    for (;;) {
      ++pos_;  // the '-'
      if (rest_is_empty(pos_)) {
        finish_line();
        if (at_end_ || indent_ <= indent) outside();  // an empty item
        parse_block_collection(indent_);
      } else {
        pos_ = skip_spaces(pos_);
        parse_item_value(indent);
      }
      if (at_end_ || indent_ < indent) break;
      if (indent_ > indent) outside();
      if (!is_sequence_entry(pos_)) break;  // the next key of its map, or the next document
    }
    out_.end();
  }

  // An item written after its "- ": a node, or a map whose first key is on this line.
  void parse_item_value(int sequence_indent) {
    if (starts_map_entry(pos_)) {
      parse_block_map(static_cast<int>(pos_ - line_begin_));
    } else {
      parse_value_on_line(sequence_indent);
    }
  }

  void parse_block_map(int indent) {
    out_.map_start(here(), 0);
    for (;;) {
      parse_key();
      if (rest_is_empty(pos_)) {
        finish_line();
        if (!at_end_ && indent_ > indent) {
          parse_block_collection(indent_);
        } else if (!at_end_ && indent_ == indent && is_sequence_entry(pos_)) {
          parse_block_sequence(indent);
        } else {
          outside();  // an empty value
        }
      } else {
        pos_ = skip_spaces(pos_);
        parse_value_on_line(indent);
      }
      if (at_end_ || indent_ < indent || at_marker_) break;
      if (indent_ > indent || is_sequence_entry(pos_)) outside();
    }
    out_.end();
  }

  // A key and its ':', leaving pos_ after the ':'.
  void parse_key() {
    const Mark mark = here();
    const char c = peek(pos_);
    if (c == '"' || c == '\'') {
      pos_ = scan_quoted(pos_, &buffer_);
      pos_ = skip_spaces(pos_);
      if (peek(pos_) != ':' || !is_space_or_eol(peek(pos_ + 1))) outside();
      out_.scalar(mark, buffer_, false, 0);
      ++pos_;
      return;
    }
    if (!plain_may_start(pos_, false)) outside();
    std::size_t at = pos_;
    for (;; ++at) {
      const char k = peek(at);
      if (is_eol(k) || (k == ' ' && peek(at + 1) == '#')) outside();
      if (k == ':' && is_space_or_eol(peek(at + 1))) break;
    }
    const std::string_view key = trim_end(pos_, at);
    if (key.size() > max_key_length || is_null_word(key)) outside();
    out_.scalar(mark, key, true, 0);
    pos_ = at + 1;
  }

  // Whether a block map entry ("key:" with a space or the line's end after it) starts here.
  bool starts_map_entry(std::size_t at) {
    const char c = peek(at);
    if (c == '"' || c == '\'') {
      const std::size_t after = skip_spaces(scan_quoted(at, &buffer_));
      return peek(after) == ':' && is_space_or_eol(peek(after + 1));
    }
    if (!plain_may_start(at, false)) return false;
    for (;; ++at) {
      const char k = peek(at);
      if (is_eol(k) || (k == ' ' && peek(at + 1) == '#')) return false;
      if (k == ':' && is_space_or_eol(peek(at + 1))) return true;
    }
  }

  // A node that starts after "key: " or "- " on the current line. The block sequence or map
  // that holds it is at parent_indent.
  void parse_value_on_line(int parent_indent) {
    const Mark mark = here();
    switch (peek(pos_)) {
      case '[':
      case '{':
        parse_flow_collection(0);
        finish_line();
        return;
      case '"':
      case '\'':
        pos_ = scan_quoted(pos_, &buffer_);
        out_.scalar(mark, buffer_, false, 0);
        finish_line();
        return;
      case '|':
        parse_literal(parent_indent);
        return;
      default:
        break;
    }
    if (!plain_may_start(pos_, false)) outside();
    std::size_t at = pos_;
    for (;; ++at) {
      const char c = peek(at);
      if (is_eol(c) || (c == ' ' && peek(at + 1) == '#')) break;
      if (c == ':' && is_space_or_eol(peek(at + 1))) outside();  // a key where none may be
    }
    emit_plain(mark, trim_end(pos_, at));
    pos_ = at;
    finish_line();
  }

  void emit_plain(Mark mark, std::string_view text) {
    if (is_null_word(text)) {
      out_.null(mark, 0);
    } else {
      out_.scalar(mark, text, true, 0);
    }
  }

  std::string_view trim_end(std::size_t begin, std::size_t end) const {
    while (end > begin && text_[end - 1] == ' ') --end;
    return text_.substr(begin, end - begin);
  }

  // As yaml-cpp decides where a plain scalar may start.
  bool plain_may_start(std::size_t at, bool in_flow) const {
    const char c = peek(at);
    if (is_space_or_eol(c)) return false;
    if (one_of(c, in_flow ? "?,[]{}#&*!|>'\"%@`" : ",[]{}#&*!|>'\"%@`")) return false;
    const bool indicator = one_of(c, in_flow ? "-:" : "-?:");
    return !(indicator && is_space_or_eol(peek(at + 1)));
  }

  // A quoted scalar that ends on its line, with the escapes most text uses; its value in *value.
  // Returns the position after the closing quote.
  std::size_t scan_quoted(std::size_t at, std::string* value) const {
    const char quote = peek(at);
    value->clear();
    for (++at;; ++at) {
      const char c = peek(at);
      if (is_eol(c)) outside();
      if (c == quote) {
        if (quote == '\'' && peek(at + 1) == '\'') {
          value->push_back('\'');
          ++at;
          continue;
        }
        return at + 1;
      }
      if (c == '\\' && quote == '"') {
        switch (peek(++at)) {
          case '\\':
            value->push_back('\\');
            break;
          case '"':
            value->push_back('"');
            break;
          case 'n':
            value->push_back('\n');
            break;
          case 't':
            value->push_back('\t');
            break;
          default:
            outside();
        }
        continue;
      }
      value->push_back(c);
    }
  }

  // "|" or "|-": lines indented deeper than the parent, as they are, each with its line break;
  // "|" keeps one break at the end and "|-" none.
  void parse_literal(int parent_indent) {
    const Mark mark = here();
    ++pos_;
    const bool strip = peek(pos_) == '-';
    if (strip) ++pos_;
    if (!rest_is_empty(pos_)) outside();  // "|+", indentation indicators, text after "|"
    pos_ = end_of_line(pos_);
    if (pos_ == text_.size()) outside();
    start_line(pos_ + 1);
    const std::size_t indent = skip_spaces(line_begin_) - line_begin_;
    if (is_eol(peek(line_begin_ + indent)) || indent <= static_cast<std::size_t>(parent_indent)) {
      outside();  // leading empty lines, or no content
    }
    buffer_.clear();
    for (;;) {
      const std::size_t spaces = skip_spaces(line_begin_) - line_begin_;
      const char first = peek(line_begin_ + spaces);
      if (first == '\0') {
        if (spaces > indent) outside();  // spaces at the end of the text, read as text
        break;
      }
      if (first == '\n') {
        if (spaces > indent) outside();  // spaces that would be text of an empty line
        buffer_.push_back('\n');
      } else if (spaces < indent) {
        break;
      } else {
        const std::size_t end = end_of_line(line_begin_);
        if (end == text_.size()) outside();  // the last line without its break
        buffer_.append(text_.substr(line_begin_ + indent, end - line_begin_ - indent));
        buffer_.push_back('\n');
      }
      start_line(end_of_line(line_begin_) + 1);
    }
    while (!buffer_.empty() && buffer_.back() == '\n') buffer_.pop_back();
    if (!strip) buffer_.push_back('\n');
    out_.scalar(mark, buffer_, false, 0);
    skip_to_content();
  }

  void parse_flow_collection(int depth) {
    if (depth > max_flow_depth) outside();
    const bool is_map = peek(pos_) == '{';
    const char close = is_map ? '}' : ']';
    if (is_map) {
      out_.map_start(here(), 0);
    } else {
      out_.sequence_start(here(), 0);
    }
    pos_ = skip_spaces(pos_ + 1);
    if (peek(pos_) == close) {
      ++pos_;
      out_.end();
      return;
    }
    for (;;) {
      if (is_map) {
        parse_flow_key();
        if (one_of(peek(pos_), ",}")) outside();  // an empty value
      }
      parse_flow_node(depth);
      pos_ = skip_spaces(pos_);
      const char c = peek(pos_);
      if (c == close) {
        ++pos_;
        break;
      }
      if (c != ',') outside();
      pos_ = skip_spaces(pos_ + 1);
      if (peek(pos_) == close) outside();  // a trailing comma
    }
    out_.end();
  }

  // A flow map's key and its ": ", leaving pos_ at the value.
  void parse_flow_key() {
    const Mark mark = here();
    const char c = peek(pos_);
    if (c == '"' || c == '\'') {
      pos_ = skip_spaces(scan_quoted(pos_, &buffer_));
      out_.scalar(mark, buffer_, false, 0);
    } else {
      const std::size_t end = scan_plain_in_flow();
      const std::string_view key = trim_end(pos_, end);
      if (is_null_word(key)) outside();
      out_.scalar(mark, key, true, 0);
      pos_ = end;
    }
    if (peek(pos_) != ':' || peek(pos_ + 1) != ' ') outside();
    pos_ = skip_spaces(pos_ + 1);
  }

  void parse_flow_node(int depth) {
    const Mark mark = here();
    const char c = peek(pos_);
    if (c == '[' || c == '{') {
      parse_flow_collection(depth + 1);
    } else if (c == '"' || c == '\'') {
      pos_ = scan_quoted(pos_, &buffer_);
      out_.scalar(mark, buffer_, false, 0);
    } else {
      const std::size_t end = scan_plain_in_flow();
      emit_plain(mark, trim_end(pos_, end));
      pos_ = end;
    }
  }

  // The end of a plain scalar inside a flow collection, as yaml-cpp ends it.
  std::size_t scan_plain_in_flow() const {
    if (!plain_may_start(pos_, true)) outside();
    for (std::size_t at = pos_;; ++at) {
      const char c = peek(at);
      if (is_eol(c) || (c == ' ' && peek(at + 1) == '#')) outside();  // the flow goes on
      if (one_of(c, ",?[]{}")) return at;
      if (c == ':' && (is_space_or_eol(peek(at + 1)) || one_of(peek(at + 1), ",]}"))) return at;
    }
  }

  std::string_view text_;
  TreeBuilder& out_;
  std::size_t pos_ = 0;
  std::size_t line_begin_ = 0;
  int line_ = 1;
  int indent_ = 0;          // of the line pos_ is on, once skip_to_content found it
  bool at_marker_ = false;  // that line is "---", which starts the next document
  bool at_end_ = false;
  std::string buffer_;  // a quoted or literal scalar's value
};

}  // namespace

bool parse_common_subset(std::string_view text, TreeBuilder& out) {
  if (!has_only_subset_bytes(text)) return false;
  try {
    SubsetParser(text, out).parse_stream();
    return true;
  } catch (const OutsideSubset&) {
    return false;
  } catch (const FileError&) {
    // What the tree builder refuses (a duplicate key, say) may come after a syntax error that
    // yaml-cpp reports first; yaml-cpp's parse decides which error the file gets.
    return false;
  }
}

}  // namespace migrate::yaml
