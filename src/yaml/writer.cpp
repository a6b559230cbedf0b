#include "yaml/writer.hpp"

#include <algorithm>

#include "migrate/error.hpp"

#include "yaml/special_words.hpp"

namespace migrate::yaml {
namespace {

YAML::Emitter& emit_string(YAML::Emitter& out, const std::string& text) {
  // yaml-cpp quotes what would read as null, but writes "<<" (a merge key) and booleans plain;
  // quoting booleans tells readers, and other YAML tools, that `default: "true"` is SQL text.
  if (is_boolean_or_merge_word(text)) return out << YAML::DoubleQuoted << text;
  // yaml-cpp writes control characters plain, and a reader folds a CR, or drops a trailing tab:
  // double quotes escape them ("\r", "\x10").
  const bool control = std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (control) return out << YAML::DoubleQuoted << text;
  return out << text;
}

// The final newline is left to the literal block's "clip" reading, which restores it: written,
// yaml-cpp would follow it with a line of blanks.
void emit_text(YAML::Emitter& out, const std::string& text, bool in_flow) {
  if (!in_flow && fits_literal(text)) {
    out << YAML::Literal << text.substr(0, text.size() - 1);
    return;
  }
  emit_string(out, text);
}

// A plain scalar that reads as a boolean is written as one: yaml-cpp would quote the text "true"
// inside a flow collection, and a quoted true reads as text.
void emit_scalar(YAML::Emitter& out, const YAML::Node& node, bool in_flow) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "?" && (text == "true" || text == "false")) {
    out << (text == "true");
    return;
  }
  emit_text(out, text, in_flow);
}

}  // namespace

MapBuilder::MapBuilder(bool flow) : node_(YAML::NodeType::Map) {
  if (flow) node_.SetStyle(YAML::EmitterStyle::Flow);
}

// Appended without looking the key up (yaml-cpp's operator[] searches the whole mapping): the
// writers never give a key twice.
MapBuilder& MapBuilder::add(const std::string& key, const YAML::Node& value) {
  node_.force_insert(key, value);
  return *this;
}

MapBuilder& MapBuilder::text(const std::string& key, const std::string& value) {
  return add(key, text_node(value));
}

MapBuilder& MapBuilder::optional(const std::string& key, const std::optional<std::string>& value) {
  return value ? text(key, *value) : *this;
}

MapBuilder& MapBuilder::flag(const std::string& key, bool value) {
  return value ? add(key, bool_node(true)) : *this;
}

MapBuilder& MapBuilder::add_if_any(const std::string& key, const YAML::Node& value) {
  return value.size() > 0 ? add(key, value) : *this;
}

MapBuilder& MapBuilder::add_all(const YAML::Node& map, const std::vector<std::string>& left_out) {
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (std::find(left_out.begin(), left_out.end(), key) == left_out.end()) add(key, entry.second);
  }
  return *this;
}

YAML::Node text_node(const std::string& text) {
  YAML::Node node(text);
  node.SetTag("!");
  return node;
}

YAML::Node bool_node(bool value) {
  YAML::Node node(value);
  node.SetTag("?");
  return node;
}

YAML::Node integer_node(std::int64_t value) {
  YAML::Node node(value);
  node.SetTag("?");
  return node;
}

YAML::Node optional_node(const std::optional<std::string>& text) {
  return text ? text_node(*text) : YAML::Node(YAML::NodeType::Null);
}

YAML::Node names_node(const std::vector<std::string>& names) {
  YAML::Node list(YAML::NodeType::Sequence);
  list.SetStyle(YAML::EmitterStyle::Flow);
  for (const std::string& name : names) list.push_back(text_node(name));
  return list;
}

YAML::Node block_list() { return YAML::Node(YAML::NodeType::Sequence); }

// A literal block ("|") keeps the text's single final newline; anything that would not come back
// unchanged (no final newline, several, a leading blank, trailing blanks, control characters) is
// written double-quoted instead.
bool fits_literal(const std::string& text) {
  if (text.size() < 2 || text.back() != '\n' || text[text.size() - 2] == '\n') return false;
  if (text.front() == ' ' || text.front() == '\t' || text.front() == '\n') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\n' && c != '\t') return false;
    if (c == 0x7f) return false;
    if (c == '\n' && i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) return false;
  }
  return true;
}

void emit_node(YAML::Emitter& out, const YAML::Node& node, bool in_flow) {
  // An empty block collection would be written "[]" on a line of its own.
  const bool flow = in_flow || node.Style() == YAML::EmitterStyle::Flow || node.size() == 0;
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      emit_scalar(out, node, in_flow);
      return;
    case YAML::NodeType::Sequence:
      out << (flow ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
      for (const YAML::Node& item : node) emit_node(out, item, flow);
      out << YAML::EndSeq;
      return;
    case YAML::NodeType::Map:
      out << (flow ? YAML::Flow : YAML::Block) << YAML::BeginMap;
      for (const auto& entry : node) {
        emit_string(out << YAML::Key, entry.first.Scalar()) << YAML::Value;
        emit_node(out, entry.second, flow);
      }
      out << YAML::EndMap;
      return;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      out << YAML::Null;
      return;
  }
}

std::string emit_documents(const std::vector<YAML::Node>& documents) {
  YAML::Emitter out;
  out.SetNullFormat(YAML::LowerNull);
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (i > 0) out << YAML::BeginDoc;
    emit_node(out, documents[i]);
  }
  if (!out.good()) throw InternalError("cannot write YAML: " + out.GetLastError());
  return std::string(out.c_str()) + "\n";
}

}  // namespace migrate::yaml
