// Reading one entry under 'composite_types:': {attributes: {name: type, ...}, comment}, an
// attribute being its type alone or {type, collation, comment}.

#include <fmt/format.h>

#include "migrate/types.hpp"

#include "model/model_source.hpp"
#include "model/table_reader.hpp"

namespace migrate::model {

std::vector<CompositeAttribute> read_attributes(const YamlReader& reader,
                                                const DocumentDraft& document, const Entry& entry,
                                                const std::string& where) {
  std::vector<CompositeAttribute> attributes;
  const std::string what = "'attributes' of " + where;
  for (const Entry& item : reader.entries(entry.value, what)) {
    CompositeAttribute attribute{reader.identifier(item.key_node, "attribute name in " + where)};
    const std::string of = fmt::format("attribute {} of {}", attribute.name, where);
    for (const CompositeAttribute& earlier : attributes) {
      if (earlier.name == attribute.name) {
        reader.fail(item.key_node, fmt::format("{} is declared twice", of));
      }
    }
    const Entry* type = &item;
    std::vector<Entry> fields;
    if (item.value.is_map()) {
      fields = reader.entries(item.value, of);
      reader.check_keys(fields, {"type", "collation", "comment"}, of);
      type = find_entry(fields, "type");
      if (!type) reader.fail(item.value, "missing key 'type' in " + of);
      if (const Entry* collation = find_entry(fields, "collation")) {
        attribute.collation = normalize_collation(reader.text(*collation, of));
      }
      if (const Entry* comment = find_entry(fields, "comment")) {
        attribute.comment = reader.text(*comment, of);
      }
    }
    const std::string declared = reader.text(*type, of);
    attribute.type = normalize_type(declared);
    if (attribute.type.empty()) reader.fail(type->value, "empty 'type' in " + of);
    if (declared.find('.') == std::string::npos) {
      attribute.type = qualify_user_type(document, attribute.type);
    }
    attributes.push_back(std::move(attribute));
  }
  return attributes;
}

Placed<CompositeType> read_composite_type(const YamlReader& reader, const DocumentDraft& document,
                                          const Entry& entry) {
  Placed<CompositeType> result{.at = position_of(entry.key_node)};
  CompositeType& type = result.value;
  type.name = {document.schema, reader.identifier(entry.key_node, "composite type name")};
  const std::string where = "composite type " + display_name(type.name);
  const auto fields = reader.entries(entry.value, where);
  reader.check_keys(fields, {"attributes", "comment"}, where);
  const Entry* attributes = find_entry(fields, "attributes");
  if (!attributes) reader.fail(entry.value, "missing key 'attributes' in " + where);
  type.attributes = read_attributes(reader, document, *attributes, where);
  if (const Entry* comment = find_entry(fields, "comment")) {
    type.comment = reader.text(*comment, where);
  }
  return result;
}

}  // namespace migrate::model
