// Revision file text written directly, in the layout yaml-cpp's emitter gives the same nodes
// (write_revision.cpp). The emitter decides, for every scalar, whether it may be written plain by
// matching each character against regular expressions: for a 2,000-table autogenerate that was a
// third of the run. What this writer does not handle the way the emitter does (control
// characters, keys over 1,024 bytes) it leaves to the emitter. tests/unit/test_revision_text.cpp
// compares the two.

#include "revision/revision_text.hpp"

#include <algorithm>
#include <string_view>

#include "revision/revision_writer.hpp"
#include "yaml/special_words.hpp"

namespace migrate::revision {
namespace {

struct LeftToEmitter {};

[[noreturn]] void leave_to_emitter() { throw LeftToEmitter{}; }

constexpr std::size_t max_simple_key = 1024;  // longer keys are written "? key" by the emitter

bool is_blank_or_end(std::string_view text, std::size_t at) {
  return at >= text.size() || text[at] == ' ' || text[at] == '\t' || text[at] == '\n' ||
         text[at] == '\r';
}

bool one_of(char c, std::string_view set) { return set.find(c) != std::string_view::npos; }

// What the emitter writes double-quoted with an escape the writer below does not write, or
// raw in a way a reader would not read back: left to the emitter.
bool needs_escapes(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\n' && c != '\t') return true;
    if (c == 0x7f) return true;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0xA0) {
      return true;  // C1 controls and the no-break space
    }
    if (c == 0xEF && text.substr(i, 3) == "\xEF\xBB\xBF") return true;  // a byte order mark
  }
  return false;
}

// As yaml-cpp 0.7 decides that a string may be written plain (IsValidPlainScalar).
bool may_be_plain(std::string_view text, bool in_flow) {
  if (text.empty() || yaml::is_null_word(text)) return false;
  const char first = text.front();
  if (first == ' ' || first == '\t') return false;
  if (one_of(first, in_flow ? "?,[]{}#&*!|>'\"%@`" : ",[]{}#&*!|>'\"%@`")) return false;
  if (one_of(first, in_flow ? "-:" : "-?:") &&
      (text.size() == 1 || text[1] == ' ' || text[1] == '\t' ||
       (!in_flow && (text[1] == '\n' || text[1] == '\r')))) {
    return false;
  }
  if (text.back() == ' ') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t') return false;
    if (c == ':' && (is_blank_or_end(text, i + 1) ||
                     (in_flow && i + 1 < text.size() && one_of(text[i + 1], ",]}")))) {
      return false;
    }
    if (in_flow && one_of(c, ",?[]{}")) return false;
    if ((c == ' ' || c == '\t') && i + 1 < text.size() && text[i + 1] == '#') return false;
  }
  return true;
}

class TextWriter {
 public:
  std::string text;

  // model::emit_string's choice: booleans and what reads as another type double-quoted.
  void string(std::string_view value, bool in_flow) {
    if (needs_escapes(value)) leave_to_emitter();
    if (!yaml::is_boolean_or_merge_word(value) && may_be_plain(value, in_flow)) {
      text += value;
      return;
    }
    text += '"';
    for (const char c : value) {
      switch (c) {
        case '"':
          text += "\\\"";
          break;
        case '\\':
          text += "\\\\";
          break;
        case '\n':
          text += "\\n";
          break;
        case '\t':
          text += "\\t";
          break;
        default:
          text += c;
      }
    }
    text += '"';
  }

  void key(const YAML::Node& key, bool in_flow) {
    const std::string& name = key.Scalar();
    if (name.size() > max_simple_key) leave_to_emitter();
    string(name, in_flow);
  }

  // A scalar as emit_scalar writes it; col is where a literal block's lines start.
  void scalar(const YAML::Node& node, bool in_flow, std::size_t col) {
    const std::string& value = node.Scalar();
    if (node.Tag() == "?" && (value == "true" || value == "false")) {
      text += value;
      return;
    }
    text_value(value, in_flow, col);
  }

  void text_value(const std::string& value, bool in_flow, std::size_t col) {
    if (!in_flow && fits_literal(value)) {
      if (needs_escapes(value)) leave_to_emitter();
      text += '|';
      std::size_t start = 0;
      while (start < value.size()) {
        const std::size_t end = value.find('\n', start);
        text += '\n';
        if (end > start) text.append(col, ' ').append(value, start, end - start);
        start = end + 1;
      }
      return;
    }
    string(value, in_flow);
  }

  void flow(const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        scalar(node, true, 0);
        return;
      case YAML::NodeType::Sequence: {
        text += '[';
        bool first = true;
        for (const YAML::Node& item : node) {
          if (!first) text += ", ";
          first = false;
          flow(item);
        }
        text += ']';
        return;
      }
      case YAML::NodeType::Map: {
        text += '{';
        bool first = true;
        for (const auto& entry : node) {
          if (!first) text += ", ";
          first = false;
          key(entry.first, true);
          text += ": ";
          flow(entry.second);
        }
        text += '}';
        return;
      }
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        text += "null";
        return;
    }
  }

  static bool is_block(const YAML::Node& node) {
    return (node.IsMap() || node.IsSequence()) && node.Style() != YAML::EmitterStyle::Flow &&
           node.size() != 0;
  }

  // The keys of a block map at column col; the first one already placed when inline (after
  // "- ").
  void map_entries(const YAML::Node& map, std::size_t col, bool first_inline) {
    bool first = true;
    for (const auto& entry : map) {
      if (!first || !first_inline) newline(col);
      first = false;
      key(entry.first, false);
      text += ':';
      value_after(entry.second, col, false);
    }
  }

  // What follows "key:" or "-" (at col): a block collection on the lines below, or a scalar
  // or flow collection after a space. A block map after "-" starts on the same line.
  void value_after(const YAML::Node& value, std::size_t col, bool after_dash) {
    if (!is_block(value)) {
      text += ' ';
      if (value.IsScalar()) {
        scalar(value, false, col + 2);
      } else {
        flow(value);
      }
    } else if (value.IsMap()) {
      if (after_dash) text += ' ';
      map_entries(value, col + 2, after_dash);
    } else {
      sequence_items(value, col + 2);
    }
  }

  void sequence_items(const YAML::Node& sequence, std::size_t col) {
    for (const YAML::Node& item : sequence) {
      newline(col);
      text += '-';
      value_after(item, col, true);
    }
  }

  void newline(std::size_t col) {
    if (!text.empty()) text += '\n';
    text.append(col, ' ');
  }

  void top_key(const char* name) {
    newline(0);
    text += name;
    text += ':';
  }
};

}  // namespace

std::optional<std::string> revision_text(const Revision& revision) {
  TextWriter out;
  try {
    out.top_key("revision");
    out.text += ' ';
    out.string(revision.id, false);
    for (const auto& [key, ids] : {std::pair{"parents", &revision.parents},
                                   std::pair{"branch_labels", &revision.branch_labels},
                                   std::pair{"depends_on", &revision.depends_on}}) {
      out.top_key(key);
      out.text += " [";
      for (std::size_t i = 0; i < ids->size(); ++i) {
        if (i > 0) out.text += ", ";
        out.string((*ids)[i], true);
      }
      out.text += ']';
    }
    out.top_key("message");
    out.text += ' ';
    out.text_value(revision.message, false, 2);
    out.top_key("created");
    out.text += ' ';
    out.string(revision.created, false);
    out.top_key("transactional");
    out.text += revision.transactional ? " true" : " false";
    if (revision.statement_lock_timeout_ms) {
      out.top_key("statement_lock_timeout_ms");
      out.text += ' ' + std::to_string(*revision.statement_lock_timeout_ms);
    }
    if (revision.statement_timeout_ms) {
      out.top_key("statement_timeout_ms");
      out.text += ' ' + std::to_string(*revision.statement_timeout_ms);
    }
    for (const auto& [key, operations] :
         {std::pair{"upgrade", &revision.upgrade}, std::pair{"downgrade", &revision.downgrade}}) {
      out.top_key(key);
      if (operations->empty()) {
        out.text += " []";
        continue;
      }
      for (const RevisionOperation& operation : *operations) {
        out.newline(2);
        out.text += "- ";
        const YAML::Node node = operation_node(operation);
        if (TextWriter::is_block(node)) {
          out.map_entries(node, 4, true);
        } else {
          out.flow(node);
        }
      }
    }
  } catch (const LeftToEmitter&) {
    return std::nullopt;
  }
  return out.text + "\n";
}

}  // namespace migrate::revision
