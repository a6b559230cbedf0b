// The checksum of a revision: SHA-256 of its operations' data in a canonical text, built from the
// loaded values (never from the file's text), so layout, comments, quoting and key order do not
// count, while any change to an operation, to a flag or to how it runs (`transactional`) does.
// Message and creation time are not part of it.

#include <algorithm>
#include <vector>

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
void append_canonical(yaml::Node node, std::string& out) {
  switch (node.kind()) {
    case yaml::Kind::scalar:
      append_quoted(node.scalar(), out);
      return;
    case yaml::Kind::sequence: {
      out += '[';
      for (std::size_t i = 0; i < node.size(); ++i) {
        if (i > 0) out += ',';
        append_canonical(node.item(i), out);
      }
      out += ']';
      return;
    }
    case yaml::Kind::map: {
      std::vector<std::size_t> order(node.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return node.key(a).view() < node.key(b).view();
      });
      out += '{';
      for (std::size_t i = 0; i < order.size(); ++i) {
        if (i > 0) out += ',';
        append_quoted(node.key(order[i]).scalar(), out);
        out += ':';
        append_canonical(node.value(order[i]), out);
      }
      out += '}';
      return;
    }
    case yaml::Kind::null:
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
      yaml::Store store;  // one per operation, so a long revision is never held whole
      append_canonical(revision::operation_node(store, operation), text);
      text += '\n';
    }
  }
  // Only the non-default is written, so the checksums of transactional revisions recorded
  // before this line existed still match.
  if (!revision.transactional) text += "transactional: false\n";
  return sha256_hex(text);
}

}  // namespace migrate
