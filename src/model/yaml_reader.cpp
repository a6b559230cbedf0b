#include "model/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

#include "migrate/error.hpp"
#include "migrate/names.hpp"

namespace migrate::model {
namespace {

bool is_merge_key(const YAML::Node& key) {
  return key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<";
}

// The length of the UTF-8 character starting at text[at], or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points past U+10FFFF included).
std::size_t utf8_length(const std::string& text, std::size_t at) {
  const auto byte = [&](std::size_t i) {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u;
  };
  const unsigned lead = byte(at);
  if (lead < 0x80) return 1;
  const auto continuation = [&](std::size_t i) { return (byte(i) & 0xC0) == 0x80; };
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(at + 1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned second = byte(at + 1);
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)) return 0;
    return continuation(at + 1) && continuation(at + 2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned second = byte(at + 1);
    if ((lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) return 0;
    return continuation(at + 1) && continuation(at + 2) && continuation(at + 3) ? 4 : 0;
  }
  return 0;
}

// A sequence's items (yaml-cpp's iterators do not convert to Node for std algorithms).
std::vector<YAML::Node> children(const YAML::Node& sequence) {
  std::vector<YAML::Node> result;
  for (const YAML::Node& item : sequence) result.push_back(item);
  return result;
}

// Where each document of a stream starts, to see the parser stall (see check_progress).
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;

  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

std::string expected_list(std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* key : allowed) list += (list.empty() ? "" : ", ") + std::string(key);
  return list;
}

}  // namespace

Position position_of(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

const Entry* find_entry(const std::vector<Entry>& entries, const std::string& key) {
  const auto found =
      std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.key == key; });
  return found == entries.end() ? nullptr : &*found;
}

void YamlReader::fail(Position at, const std::string& message) const {
  throw FileError(file_, at.line, at.column, message);
}

void YamlReader::fail(const YAML::Node& at, const std::string& message) const {
  fail(position_of(at), message);
}

// yaml-cpp 0.7's LoadAll loops forever, allocating, when a document starts with a token no node
// starts with (",": jbeder/yaml-cpp#1040, fixed upstream by #1319). Walking the parser's events
// first finds that: the parser then reports the same document start again and again.
void YamlReader::check_progress(const std::string& text) const {
  std::istringstream input(text);
  YAML::Parser parser(input);
  DocumentStarts documents;
  while (parser.HandleNextDocument(documents)) {
    const auto& starts = documents.starts;
    if (starts.size() >= 2 && starts[starts.size() - 2].pos == starts.back().pos) {
      const YAML::Mark& at = starts.back();
      const std::size_t pos = static_cast<std::size_t>(at.pos);
      fail(Position{at.line + 1, at.column + 1},
           fmt::format("YAML syntax error: unexpected '{}'", pos < text.size() ? text[pos] : ' '));
    }
  }
}

std::vector<YAML::Node> YamlReader::parse_documents(const std::string& text) const {
  check_utf8(text);
  std::vector<YAML::Node> documents;
  try {
    check_progress(text);
    documents = YAML::LoadAll(text);
  } catch (const YAML::ParserException& e) {
    const Position at =
        e.mark.is_null() ? Position{} : Position{e.mark.line + 1, e.mark.column + 1};
    fail(at, "YAML syntax error: " + e.msg);
  }
  for (const YAML::Node& document : documents) {
    std::set<std::size_t> seen;
    check_duplicate_keys(document, seen);
  }
  return documents;
}

void YamlReader::check_utf8(const std::string& text) const {
  Position at{1, 1};
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_length(text, i);
    if (length == 0) {
      fail(at, fmt::format("invalid UTF-8 (byte 0x{:02x}); model files must be UTF-8",
                           static_cast<unsigned char>(text[i])));
    }
    at = text[i] == '\n' ? Position{at.line + 1, 1} : Position{at.line, at.column + int(length)};
    i += length;
  }
}

// yaml-cpp keeps the last of two equal keys silently; a model must not lose a column that way.
// Aliased nodes share their anchor's position, so seen keeps each node to one visit.
void YamlReader::check_duplicate_keys(const YAML::Node& node, std::set<std::size_t>& seen) const {
  if (!node.IsMap() && !node.IsSequence()) return;
  if (!seen.insert(static_cast<std::size_t>(node.Mark().pos)).second) return;
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) check_duplicate_keys(item, seen);
    return;
  }
  std::map<std::string, Position> keys;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key = it->first;
    if (key.IsScalar() && !is_merge_key(key)) {
      const auto [earlier, inserted] = keys.emplace(key.Scalar(), position_of(key));
      if (!inserted) {
        fail(key, fmt::format("duplicate key '{}' (first written at {}:{})", key.Scalar(),
                              earlier->second.line, earlier->second.column));
      }
    }
    check_duplicate_keys(it->second, seen);
  }
}

std::vector<Entry> YamlReader::entries(const YAML::Node& node, const std::string& what) const {
  std::vector<Entry> out;
  if (node.IsNull()) return out;
  if (!node.IsMap()) fail(node, "expected a mapping for " + what);
  std::set<std::size_t> merged{static_cast<std::size_t>(node.Mark().pos)};
  append_entries(node, out, merged);
  return out;
}

// Explicit keys win over merged ones, and earlier merged mappings over later ones (YAML 1.1).
// A mapping merged twice adds nothing the second time, so merged (positions of the mappings
// expanded so far) keeps nested or self-referring merges from growing without bound.
void YamlReader::append_entries(const YAML::Node& node, std::vector<Entry>& out,
                                std::set<std::size_t>& merged) const {
  std::vector<std::string> explicit_keys;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) fail(it->first, "expected a name as key");
    if (!is_merge_key(it->first)) explicit_keys.push_back(it->first.Scalar());
  }
  const auto present = [&](const std::string& key) {
    return std::any_of(out.begin(), out.end(), [&](const Entry& e) { return e.key == key; });
  };
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!is_merge_key(it->first)) {
      out.push_back({it->first.Scalar(), it->first, it->second});
      continue;
    }
    std::vector<YAML::Node> sources;
    if (it->second.IsSequence()) {
      sources = children(it->second);
    } else {
      sources.push_back(it->second);
    }
    for (const YAML::Node& source : sources) {
      if (!source.IsMap()) fail(source, "expected a mapping (or a list of them) to merge for '<<'");
      if (!merged.insert(static_cast<std::size_t>(source.Mark().pos)).second) continue;
      std::vector<Entry> entries;
      append_entries(source, entries, merged);
      for (Entry& entry : entries) {
        const bool overridden =
            std::find(explicit_keys.begin(), explicit_keys.end(), entry.key) != explicit_keys.end();
        if (!overridden && !present(entry.key)) out.push_back(std::move(entry));
      }
    }
  }
}

void YamlReader::check_keys(const std::vector<Entry>& entries,
                            std::initializer_list<const char*> allowed,
                            const std::string& where) const {
  for (const Entry& entry : entries) {
    const bool known = std::any_of(allowed.begin(), allowed.end(),
                                   [&](const char* key) { return entry.key == key; });
    if (!known) {
      fail(entry.key_node, fmt::format("unknown key '{}' in {} (expected: {})", entry.key, where,
                                       expected_list(allowed)));
    }
  }
}

std::string YamlReader::text(const Entry& entry, const std::string& where) const {
  if (!entry.value.IsScalar()) {
    fail(entry.value, fmt::format("expected a string for '{}' in {}", entry.key, where));
  }
  return entry.value.Scalar();
}

bool YamlReader::boolean(const Entry& entry, const std::string& where) const {
  const YAML::Node& value = entry.value;
  if (value.IsScalar() && value.Tag() == "?") {
    const std::string& text = value.Scalar();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  fail(value, fmt::format("expected a boolean for '{}' in {}", entry.key, where));
}

std::int64_t YamlReader::integer(const Entry& entry, const std::string& where) const {
  const YAML::Node& value = entry.value;
  if (value.IsScalar() && value.Tag() == "?") {
    const std::string& text = value.Scalar();
    std::int64_t result = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (error == std::errc() && end == text.data() + text.size()) return result;
  }
  fail(value, fmt::format("expected an integer for '{}' in {}", entry.key, where));
}

std::vector<YAML::Node> YamlReader::items(const Entry& entry, const std::string& where) const {
  if (entry.value.IsNull()) return {};
  if (!entry.value.IsSequence()) {
    fail(entry.value, fmt::format("expected a list for '{}' in {}", entry.key, where));
  }
  return children(entry.value);
}

std::vector<Name> YamlReader::names(const Entry& entry, const std::string& where) const {
  std::vector<YAML::Node> nodes;
  if (entry.value.IsScalar()) {
    nodes.push_back(entry.value);
  } else if (entry.value.IsSequence()) {
    nodes = children(entry.value);
  }
  if (nodes.empty() ||
      !std::all_of(nodes.begin(), nodes.end(), [](const YAML::Node& n) { return n.IsScalar(); })) {
    fail(entry.value, fmt::format("expected a list of names for '{}' in {}", entry.key, where));
  }
  std::vector<Name> result;
  for (const YAML::Node& node : nodes) {
    result.push_back(
        {identifier(node, fmt::format("name in '{}' of {}", entry.key, where)), position_of(node)});
  }
  return result;
}

std::string YamlReader::identifier(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar()) fail(node, "expected a name for " + what);
  check_identifier(node.Scalar(), position_of(node), what);
  return node.Scalar();
}

void YamlReader::check_identifier(const std::string& name, Position at,
                                  const std::string& what) const {
  if (name.empty()) fail(at, what + " is empty");
  if (name.size() > max_identifier_bytes) {
    fail(at, fmt::format("{} '{}' is {} bytes long; PostgreSQL allows at most {} (names are "
                         "never truncated)",
                         what, name, name.size(), max_identifier_bytes));
  }
}

}  // namespace migrate::model
