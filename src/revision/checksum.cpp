// The checksum of a revision: SHA-256 of its operations' data in a canonical text, built from the
// loaded values (never from the file's text), so layout, comments, quoting and key order do not
// count, while any change to an operation, to a flag or to how it runs (`transactional`) does.
// Message and creation time are not part of it.

#include <map>
#include <utility>

#include <fmt/format.h>

#include "migrate/revision.hpp"

#include "revision/revision_writer.hpp"
#include "util/sha256.hpp"

namespace migrate {
namespace {

// Names this canonical form, so a future form cannot collide with it.
constexpr const char* canonical_version = "migrate-checksum-1";

void append_quoted(const std::string& text, std::string& out) {
  out += '"';
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  out += '"';
}

// JSON-like: mappings with sorted keys, lists in order, scalars as quoted text, null.
void append_canonical(const YAML::Node& node, std::string& out) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      append_quoted(node.Scalar(), out);
      return;
    case YAML::NodeType::Sequence: {
      out += '[';
      const char* separator = "";
      for (const YAML::Node& item : node) {
        out += std::exchange(separator, ",");
        append_canonical(item, out);
      }
      out += ']';
      return;
    }
    case YAML::NodeType::Map: {
      std::map<std::string, YAML::Node> sorted;
      for (const auto& entry : node) sorted.emplace(entry.first.Scalar(), entry.second);
      out += '{';
      const char* separator = "";
      for (const auto& [key, value] : sorted) {
        out += std::exchange(separator, ",");
        append_quoted(key, out);
        out += ':';
        append_canonical(value, out);
      }
      out += '}';
      return;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      out += "null";
      return;
  }
}

}  // namespace

std::string checksum(const Revision& revision) {
  revision.require_operations();
  std::string text = std::string(canonical_version) + "\n";
  const std::pair<const char*, const std::vector<RevisionOperation>*> sections[] = {
      {"upgrade", &revision.upgrade}, {"downgrade", &revision.downgrade}};
  for (const auto& [name, operations] : sections) {
    text += std::string(name) + "\n";
    for (const RevisionOperation& operation : *operations) {
      append_canonical(revision::operation_node(operation), text);
      text += '\n';
    }
  }
  // Only the non-default is written, so the checksums of transactional revisions recorded
  // before this line existed still match.
  if (!revision.transactional) text += "transactional: false\n";
  return sha256_hex(text);
}

}  // namespace migrate
