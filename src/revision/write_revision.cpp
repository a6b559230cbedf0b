// A revision as file text: keys in a fixed order, one operation per list item, small operations
// on one line, multi-line text (SQL, messages) as literal blocks where that reads back unchanged.

#include "migrate/revision.hpp"

#include "model/write_keys.hpp"
#include "revision/revision_text.hpp"
#include "revision/revision_writer.hpp"

namespace migrate::revision {

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

namespace {

// The final newline is left to the literal block's "clip" reading, which restores it: written,
// yaml-cpp would follow it with a line of blanks.
void emit_text(YAML::Emitter& out, const std::string& text, bool in_flow) {
  if (!in_flow && fits_literal(text)) {
    out << YAML::Literal << text.substr(0, text.size() - 1);
    return;
  }
  model::emit_string(out, text);
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

void emit_ids(YAML::Emitter& out, const char* key, const std::vector<std::string>& ids) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const std::string& id : ids) model::emit_string(out, id);
  out << YAML::EndSeq;
}

void emit_operations(YAML::Emitter& out, const char* key,
                     const std::vector<RevisionOperation>& operations) {
  out << YAML::Key << key << YAML::Value;
  if (operations.empty()) {
    out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
    return;
  }
  out << YAML::BeginSeq;
  for (const RevisionOperation& operation : operations) emit_node(out, operation_node(operation));
  out << YAML::EndSeq;
}

}  // namespace

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
        model::emit_string(out << YAML::Key, entry.first.Scalar()) << YAML::Value;
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

}  // namespace migrate::revision

namespace migrate {

std::string write_revision_yaml(const Revision& revision) {
  revision.require_operations();
  if (auto text = revision::revision_text(revision)) return std::move(*text);
  return revision::emitted_revision_text(revision);
}

}  // namespace migrate

namespace migrate::revision {

std::string emitted_revision_text(const Revision& revision) {
  YAML::Emitter out;
  out.SetNullFormat(YAML::LowerNull);
  out << YAML::BeginMap;
  out << YAML::Key << "revision" << YAML::Value;
  model::emit_string(out, revision.id);
  emit_ids(out, "parents", revision.parents);
  emit_ids(out, "branch_labels", revision.branch_labels);
  emit_ids(out, "depends_on", revision.depends_on);
  out << YAML::Key << "message" << YAML::Value;
  emit_text(out, revision.message, false);
  out << YAML::Key << "created" << YAML::Value;
  model::emit_string(out, revision.created);
  out << YAML::Key << "transactional" << YAML::Value << revision.transactional;
  if (revision.statement_lock_timeout_ms) {
    out << YAML::Key << "statement_lock_timeout_ms" << YAML::Value
        << *revision.statement_lock_timeout_ms;
  }
  if (revision.statement_timeout_ms) {
    out << YAML::Key << "statement_timeout_ms" << YAML::Value << *revision.statement_timeout_ms;
  }
  emit_operations(out, "upgrade", revision.upgrade);
  emit_operations(out, "downgrade", revision.downgrade);
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace migrate::revision
