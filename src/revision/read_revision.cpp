// The top level of a revision file: its id, its place in the graph, and its operations.

#include <algorithm>
#include <stdexcept>

#include "migrate/revision.hpp"

#include "revision/revision_reader.hpp"

namespace migrate::revision {
namespace {

constexpr auto top_keys = {"revision",
                           "parents",
                           "branch_labels",
                           "depends_on",
                           "message",
                           "created",
                           "transactional",
                           "statement_lock_timeout_ms",
                           "statement_timeout_ms",
                           "upgrade",
                           "downgrade"};
constexpr const char* top_level = "the revision file";

// Labels name branches in targets ("LABEL@head", "LABEL-1"), so they keep clear of the
// targets' syntax: the graph refuses '-', '+', '@' and ':' in them too.
bool is_label(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string read_id(const YamlReader& reader, const yaml::Node& node, const std::string& key) {
  if (!node.is_scalar()) {
    reader.fail(node, fmt::format("expected a revision id for '{}' in {}", key, top_level));
  }
  if (!is_revision_id(node.scalar())) {
    reader.fail(node, fmt::format("invalid revision id '{}' for '{}' (expected lowercase letters, "
                                  "digits and '_')",
                                  node.scalar(), key));
  }
  return node.scalar();
}

// Branch labels; depends_on may name a revision by id or by one of its branch labels.
std::string read_label(const YamlReader& reader, const yaml::Node& node, const std::string& key) {
  const char* expected = key == "depends_on" ? "a revision id or a branch label" : "a branch label";
  if (!node.is_scalar()) {
    reader.fail(node, fmt::format("expected {} for '{}' in {}", expected, key, top_level));
  }
  if (!is_label(node.scalar())) {
    reader.fail(node,
                fmt::format("invalid {} '{}' for '{}' (expected letters, digits and '_')",
                            key == "depends_on" ? "revision" : "branch label", node.scalar(), key));
  }
  return node.scalar();
}

using ReadName = std::string (*)(const YamlReader&, const yaml::Node&, const std::string&);

// A list, or a single item; null and [] are none.
std::vector<std::string> read_names(const YamlReader& reader, const Entry& entry, ReadName read) {
  std::vector<yaml::Node> nodes;
  if (entry.value.is_scalar()) {
    nodes.push_back(entry.value);
  } else if (!entry.value.is_null()) {
    nodes = reader.items(entry, top_level);
  }
  std::vector<std::string> names;
  for (const yaml::Node& node : nodes) {
    std::string name = read(reader, node, entry.key);
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      reader.fail(node, fmt::format("'{}' appears twice in '{}'", name, entry.key));
    }
    names.push_back(std::move(name));
  }
  return names;
}

std::string read_text(const YamlReader& reader, const Entry& entry) {
  return entry.value.is_null() ? std::string() : reader.text(entry, top_level);
}

std::vector<RevisionOperation> read_operations(const YamlReader& reader, const Entry& entry,
                                               RevisionParts parts) {
  if (parts == RevisionParts::graph) {
    reader.items(entry, top_level);  // a list, whatever its items hold
    return {};
  }
  std::vector<RevisionOperation> operations;
  for (const yaml::Node& item : reader.items(entry, top_level)) {
    operations.push_back(read_operation(reader, item));
  }
  return operations;
}

void read_field(const YamlReader& reader, const Entry& entry, RevisionParts parts,
                Revision& revision) {
  const std::string& key = entry.key;
  if (key == "parents") revision.parents = read_names(reader, entry, read_id);
  if (key == "branch_labels") revision.branch_labels = read_names(reader, entry, read_label);
  if (key == "depends_on") revision.depends_on = read_names(reader, entry, read_label);
  if (key == "message") revision.message = read_text(reader, entry);
  if (key == "created") revision.created = read_text(reader, entry);
  if (key == "transactional") revision.transactional = reader.boolean(entry, top_level);
  if (key == "statement_lock_timeout_ms") {
    revision.statement_lock_timeout_ms = reader.milliseconds(entry, top_level);
  }
  if (key == "statement_timeout_ms")
    revision.statement_timeout_ms = reader.milliseconds(entry, top_level);
  if (key == "upgrade") revision.upgrade = read_operations(reader, entry, parts);
  if (key == "downgrade") revision.downgrade = read_operations(reader, entry, parts);
}

yaml::Node single_document(const YamlReader& reader, std::string_view text) {
  const std::vector<yaml::Node> documents = reader.parse_documents(text);
  if (documents.size() > 1) {
    reader.fail(documents[1], "expected one YAML document in a revision file, not several");
  }
  const yaml::Node root = documents.empty() ? yaml::Node() : documents.front();
  if (!root.is_map()) {
    const Position at = model::position_of(root);
    reader.fail(at.line == 0 ? Position{1, 1} : at,
                "expected a mapping at the top level of the revision file (keys: revision, "
                "parents, branch_labels, depends_on, message, created, transactional, "
                "statement_lock_timeout_ms, statement_timeout_ms, upgrade, downgrade)");
  }
  return root;
}

bool starts_with(std::string_view text, std::size_t at, std::string_view word) {
  return text.compare(at, word.size(), word) == 0;
}

// The part of a revision file before its top-level 'upgrade:' or 'downgrade:' line, when nothing
// after that line starts another top-level key or document (every line at column 0 after it is
// blank, a comment, a list item, or one of the two); otherwise the whole text.
std::string_view graph_head(std::string_view text) {
  const auto is_operations_key = [&](std::size_t at) {
    return starts_with(text, at, "upgrade:") || starts_with(text, at, "downgrade:");
  };
  std::size_t cut = std::string_view::npos;
  for (std::size_t line = 0; line < text.size();) {
    const char first = text[line];
    if (cut == std::string_view::npos) {
      if (is_operations_key(line)) cut = line;
    } else if (first != ' ' && first != '\t' && first != '\n' && first != '\r' && first != '#' &&
               !(first == '-' && !starts_with(text, line, "---")) && !is_operations_key(line)) {
      return text;
    }
    const std::size_t end = text.find('\n', line);
    if (end == std::string_view::npos) break;
    line = end + 1;
  }
  return cut == std::string_view::npos ? text : text.substr(0, cut);
}

}  // namespace

ParsedRevision parse_revision(const std::string& file_name, const std::string& text,
                              RevisionParts parts) {
  const YamlReader reader(file_name);
  const yaml::Node root = single_document(
      reader, parts == RevisionParts::graph ? graph_head(text) : std::string_view(text));
  const auto entries = reader.entries(root, top_level);
  reader.check_keys(entries, top_keys, top_level);
  const Entry* id = model::find_entry(entries, "revision");
  if (!id) reader.fail(root, "missing key 'revision' in the revision file");
  ParsedRevision parsed;
  parsed.revision.id = read_id(reader, id->value, "revision");
  parsed.revision.file = file_name;
  parsed.id_at = model::position_of(id->value);
  parsed.revision.operations_read = parts == RevisionParts::everything;
  for (const Entry& entry : entries) {
    read_field(reader, entry, parts, parsed.revision);
    Revision::Places& places = parsed.revision.places;
    Revision::Place* place = entry.key == "parents"         ? &places.parents
                             : entry.key == "branch_labels" ? &places.branch_labels
                             : entry.key == "depends_on"    ? &places.depends_on
                                                            : nullptr;
    if (place) {
      const Position at = model::position_of(entry.value);
      *place = {at.line, at.column};
    }
  }
  return parsed;
}

}  // namespace migrate::revision

namespace migrate {

Revision load_revision_text(const std::string& file_name, const std::string& text) {
  return revision::parse_revision(file_name, text).revision;
}

void Revision::require_operations() const {
  if (!operations_read) {
    throw std::logic_error("revision " + id + " was loaded without its operations");
  }
}

}  // namespace migrate
