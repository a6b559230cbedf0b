#include "yaml/writer.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "migrate/error.hpp"

#include "yaml/special_words.hpp"

namespace migrate::yaml {
namespace {

YAML::Emitter& emit_string(YAML::Emitter& out, std::string_view view) {
  const std::string text(view);
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
void emit_text(YAML::Emitter& out, std::string_view text, bool in_flow) {
  if (!in_flow && fits_literal(text)) {
    out << YAML::Literal << std::string(text.substr(0, text.size() - 1));
    return;
  }
  emit_string(out, text);
}

// A plain scalar that reads as a boolean is written as one: yaml-cpp would quote the text "true"
// inside a flow collection, and a quoted true reads as text.
void emit_scalar(YAML::Emitter& out, Node node, bool in_flow) {
  const std::string_view text = node.view();
  if (node.is_plain() && (text == "true" || text == "false")) {
    out << (text == "true");
    return;
  }
  emit_text(out, text, in_flow);
}

}  // namespace

MapBuilder& MapBuilder::add(std::string_view key, Node value) {
  pairs_.emplace_back(store_.scalar(key, false), value);
  return *this;
}

MapBuilder& MapBuilder::text(std::string_view key, std::string_view value) {
  return add(key, text_node(store_, value));
}

MapBuilder& MapBuilder::optional(std::string_view key, const std::optional<std::string>& value) {
  return value ? text(key, *value) : *this;
}

MapBuilder& MapBuilder::flag(std::string_view key, bool value) {
  return value ? add(key, bool_node(store_, true)) : *this;
}

MapBuilder& MapBuilder::add_if_any(std::string_view key, Node value) {
  return value.size() > 0 ? add(key, value) : *this;
}

MapBuilder& MapBuilder::add_all(Node map, std::initializer_list<std::string_view> left_out) {
  for (std::size_t i = 0; i < map.size(); ++i) {
    if (std::find(left_out.begin(), left_out.end(), map.key(i).view()) == left_out.end()) {
      pairs_.emplace_back(map.key(i), map.value(i));
    }
  }
  return *this;
}

Node text_node(Store& store, std::string_view text) { return store.scalar(text, false); }

Node bool_node(Store& store, bool value) { return store.scalar(value ? "true" : "false", true); }

Node integer_node(Store& store, std::int64_t value) {
  return store.scalar(fmt::format("{}", value), true);
}

Node optional_node(Store& store, const std::optional<std::string>& text) {
  return text ? text_node(store, *text) : store.null();
}

Node names_node(Store& store, const std::vector<std::string>& names) {
  ListBuilder list(store, true);
  for (const std::string& name : names) list.add(text_node(store, name));
  return list.node();
}

// A literal block ("|") keeps the text's single final newline; anything that would not come back
// unchanged (no final newline, several, a leading blank, trailing blanks, control characters) is
// written double-quoted instead.
bool fits_literal(const std::string_view text) {
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

void emit_node(YAML::Emitter& out, Node node, bool in_flow) {
  // An empty block collection would be written "[]" on a line of its own.
  const bool flow = in_flow || node.is_flow() || node.size() == 0;
  switch (node.kind()) {
    case Kind::scalar:
      emit_scalar(out, node, in_flow);
      return;
    case Kind::sequence:
      out << (flow ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
      for (std::size_t i = 0; i < node.size(); ++i) emit_node(out, node.item(i), flow);
      out << YAML::EndSeq;
      return;
    case Kind::map:
      out << (flow ? YAML::Flow : YAML::Block) << YAML::BeginMap;
      for (std::size_t i = 0; i < node.size(); ++i) {
        emit_string(out << YAML::Key, node.key(i).view()) << YAML::Value;
        emit_node(out, node.value(i), flow);
      }
      out << YAML::EndMap;
      return;
    case Kind::null:
      out << YAML::Null;
      return;
  }
}

std::string emit_documents(const std::vector<Node>& documents) {
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
