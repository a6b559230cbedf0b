// The fields of one operation, and the values several kinds share: qualified names, optional
// texts, identities, sequence options and sequence owners.

#include <algorithm>
#include <sstream>

#include "model/table_reader.hpp"
#include "revision/revision_reader.hpp"

namespace migrate::revision {
namespace {

std::vector<std::string> split_dots(const std::string& text) {
  std::vector<std::string> parts;
  std::istringstream stream(text);
  for (std::string part; std::getline(stream, part, '.');) parts.push_back(part);
  if (!text.empty() && text.back() == '.') parts.emplace_back();
  return parts;
}

IdentityKind read_identity_kind(const YamlReader& reader, const Entry& entry,
                                const std::string& where) {
  const std::string kind = reader.text(entry, where);
  if (kind == "always") return IdentityKind::always;
  if (kind == "by_default" || kind == "by default") return IdentityKind::by_default;
  reader.fail(entry.value,
              fmt::format("expected always or by_default for '{}' in {}", entry.key, where));
}

// The fields of a name written as a mapping; every key of required must be there.
std::vector<Entry> name_fields(const YamlReader& reader, const Entry& entry,
                               std::initializer_list<const char*> keys,
                               std::initializer_list<const char*> required,
                               const std::string& what) {
  const auto fields = reader.entries(entry.value, what);
  reader.check_keys(fields, keys, what);
  for (const char* key : required) {
    if (!model::find_entry(fields, key)) {
      reader.fail(entry.value, fmt::format("missing key '{}' in {}", key, what));
    }
  }
  return fields;
}

}  // namespace

OpReader::OpReader(const YamlReader& reader, std::string kind, const yaml::Node& body, Position at)
    : reader_(reader), kind_(std::move(kind)), body_(body), at_(at) {
  fields_ = reader_.entries(body_, kind_);
}

void OpReader::check_keys(std::initializer_list<const char*> allowed) const {
  reader_.check_keys(fields_, allowed, kind_);
}

const Entry* OpReader::find(const std::string& key) const {
  return model::find_entry(fields_, key);
}

const Entry& OpReader::required(const char* key) const {
  const Entry* entry = find(key);
  if (!entry) reader_.fail(at_, fmt::format("missing key '{}' in {}", key, kind_));
  return *entry;
}

std::string OpReader::text(const char* key) const { return reader_.text(required(key), kind_); }

std::string OpReader::identifier(const char* key) const {
  return reader_.identifier(required(key).value, fmt::format("'{}' of {}", key, kind_));
}

QualifiedName OpReader::qualified(const char* key) const {
  return read_qualified(reader_, required(key), kind_);
}

bool OpReader::boolean(const char* key, bool fallback) const {
  const Entry* entry = find(key);
  return entry ? reader_.boolean(*entry, kind_) : fallback;
}

std::optional<std::string> OpReader::optional_text(const char* key) const {
  const Entry* entry = find(key);
  if (!entry) return std::nullopt;
  return read_optional_text(reader_, *entry, kind_);
}

yaml::Node OpReader::body_without(std::initializer_list<const char*> left_out) const {
  std::vector<std::pair<yaml::Node, yaml::Node>> body;
  for (const Entry& field : fields_) {
    if (std::find(left_out.begin(), left_out.end(), field.key) == left_out.end()) {
      body.emplace_back(field.key_node, field.value);
    }
  }
  return reader_.map_node(body);
}

const Entry& OpReader::side(const std::vector<Entry>& sides, const char* key, const Entry& change,
                            const std::string& what) const {
  const Entry* entry = model::find_entry(sides, key);
  if (!entry) {
    const Position at = change.value.is_null() ? model::position_of(change.key_node)
                                               : model::position_of(change.value);
    reader_.fail(at, fmt::format("missing key '{}' in {}", key, what));
  }
  return *entry;
}

QualifiedName read_qualified(const YamlReader& reader, const Entry& entry,
                             const std::string& where) {
  const std::string what = fmt::format("'{}' of {}", entry.key, where);
  QualifiedName name{default_schema_name, ""};
  if (entry.value.is_map()) {
    const auto fields = name_fields(reader, entry, {"schema", "name"}, {"name"}, what);
    if (const Entry* schema = model::find_entry(fields, "schema")) {
      name.schema = reader.identifier(schema->value, "schema name in " + what);
    }
    name.name = reader.identifier(model::find_entry(fields, "name")->value, "name in " + what);
    return name;
  }
  const std::vector<std::string> parts = split_dots(reader.text(entry, where));
  if (parts.empty() || parts.size() > 2) {
    reader.fail(entry.value, fmt::format("expected 'name', 'schema.name' or {{schema: ..., name: "
                                         "...}} for '{}' in {}",
                                         entry.key, where));
  }
  if (parts.size() == 2) name.schema = parts[0];
  name.name = parts.back();
  const Position at = model::position_of(entry.value);
  if (parts.size() == 2) reader.check_identifier(name.schema, at, "schema name in " + what);
  reader.check_identifier(name.name, at, "name in " + what);
  return name;
}

std::optional<std::string> read_optional_text(const YamlReader& reader, const Entry& entry,
                                              const std::string& where) {
  if (entry.value.is_null()) return std::nullopt;
  return reader.text(entry, where);
}

std::optional<Identity> read_optional_identity(const YamlReader& reader, const Entry& entry,
                                               const std::string& where) {
  if (entry.value.is_null()) return std::nullopt;
  Identity identity;
  if (!entry.value.is_map()) {
    identity.kind = read_identity_kind(reader, entry, where);
    return identity;
  }
  const std::string what = fmt::format("'{}' of {}", entry.key, where);
  const auto fields = reader.entries(entry.value, what);
  reader.check_keys(
      fields, {"kind", "start", "increment", "min_value", "max_value", "cache", "cycle"}, what);
  for (const Entry& field : fields) {
    if (field.key == "kind") {
      identity.kind = read_identity_kind(reader, field, what);
    } else {
      model::read_sequence_option(reader, field, identity.options, what);
    }
  }
  return identity;
}

SequenceOptions read_options(const YamlReader& reader, const Entry& entry,
                             const std::string& where) {
  const std::string what = fmt::format("'{}' of {}", entry.key, where);
  const auto fields = reader.entries(entry.value, what);
  reader.check_keys(fields, {"start", "increment", "min_value", "max_value", "cache", "cycle"},
                    what);
  SequenceOptions options;
  for (const Entry& field : fields) model::read_sequence_option(reader, field, options, what);
  return options;
}

std::optional<ColumnRef> read_optional_owner(const YamlReader& reader, const Entry& entry,
                                             const std::string& where) {
  if (entry.value.is_null()) return std::nullopt;
  const std::string what = fmt::format("'{}' of {}", entry.key, where);
  ColumnRef owner{{default_schema_name, ""}, ""};
  if (entry.value.is_map()) {
    const auto fields =
        name_fields(reader, entry, {"schema", "table", "column"}, {"table", "column"}, what);
    if (const Entry* schema = model::find_entry(fields, "schema")) {
      owner.table.schema = reader.identifier(schema->value, "schema name in " + what);
    }
    owner.table.name =
        reader.identifier(model::find_entry(fields, "table")->value, "table name in " + what);
    owner.column =
        reader.identifier(model::find_entry(fields, "column")->value, "column name in " + what);
    return owner;
  }
  const std::vector<std::string> parts = split_dots(reader.text(entry, where));
  if (parts.size() != 2 && parts.size() != 3) {
    reader.fail(entry.value, fmt::format("expected 'table.column', 'schema.table.column' or "
                                         "{{table: ..., column: ...}} for '{}' in {}",
                                         entry.key, where));
  }
  if (parts.size() == 3) owner.table.schema = parts[0];
  owner.table.name = parts[parts.size() - 2];
  owner.column = parts.back();
  for (const std::string* name : {&owner.table.schema, &owner.table.name, &owner.column}) {
    reader.check_identifier(*name, model::position_of(entry.value), "name in " + what);
  }
  return owner;
}

}  // namespace migrate::revision
