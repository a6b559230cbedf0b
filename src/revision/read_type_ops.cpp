// Enums, composite types and sequences in operations: their model fields beside a qualified
// 'name'.

#include <algorithm>

#include "migrate/types.hpp"

#include "model/model_source.hpp"
#include "model/table_reader.hpp"
#include "revision/revision_reader.hpp"

namespace migrate::revision {
namespace {

std::vector<std::string> read_labels(const YamlReader& reader, const Entry& entry,
                                     const std::string& where) {
  std::vector<std::string> labels;
  for (const yaml::Node& node : reader.items(entry, where)) {
    const std::string label =
        reader.identifier(node, fmt::format("label in '{}' of {}", entry.key, where));
    if (std::find(labels.begin(), labels.end(), label) != labels.end()) {
      reader.fail(node, fmt::format("duplicate label '{}' in '{}' of {}", label, entry.key, where));
    }
    labels.push_back(label);
  }
  return labels;
}

Enum read_enum(const OpReader& op, bool values_required) {
  op.check_keys({"name", "values", "comment", "flag"});
  Enum enum_type{op.qualified("name")};
  if (values_required) op.required("values");
  if (const Entry* values = op.find("values")) {
    enum_type.values = read_labels(op.reader(), *values, op.where());
  }
  enum_type.comment = op.optional_text("comment");
  return enum_type;
}

TypeUse read_use(const YamlReader& reader, const yaml::Node& node, const std::string& where) {
  const std::string what = "an item of 'uses' in " + where;
  const auto fields = reader.entries(node, what);
  reader.check_keys(fields, {"table", "column", "default", "array"}, what);
  for (const char* key : {"table", "column"}) {
    if (!model::find_entry(fields, key)) {
      reader.fail(node, fmt::format("missing key '{}' in {}", key, what));
    }
  }
  TypeUse use;
  use.column.table = read_qualified(reader, *model::find_entry(fields, "table"), what);
  use.column.column =
      reader.identifier(model::find_entry(fields, "column")->value, "'column' of " + what);
  if (const Entry* default_expr = model::find_entry(fields, "default")) {
    use.default_expr = read_optional_text(reader, *default_expr, what);
  }
  if (const Entry* array = model::find_entry(fields, "array")) {
    use.array = reader.boolean(*array, what);
  }
  return use;
}

std::string read_sequence_type(const YamlReader& reader, const Entry& entry,
                               const std::string& where) {
  const std::string type = normalize_type(reader.text(entry, where));
  if (type != "smallint" && type != "integer" && type != "bigint") {
    reader.fail(entry.value, fmt::format("expected smallint, integer or bigint for '{}' in {}",
                                         entry.key, where));
  }
  return type;
}

Sequence read_sequence(const OpReader& op) {
  op.check_keys({"name", "type", "start", "increment", "min_value", "max_value", "cache", "cycle",
                 "owned_by", "comment", "flag"});
  Sequence sequence{op.qualified("name")};
  const YamlReader& reader = op.reader();
  for (const Entry& field : op.fields()) {
    if (field.key == "type") {
      sequence.type = read_sequence_type(reader, field, op.where());
    } else if (field.key == "owned_by") {
      sequence.owned_by = read_optional_owner(reader, field, op.where());
    } else if (field.key == "comment") {
      sequence.comment = reader.text(field, op.where());
    } else {
      model::read_sequence_option(reader, field, sequence.options, op.where());
    }
  }
  return sequence;
}

CompositeType read_whole_composite_type(const OpReader& op) {
  op.check_keys({"name", "attributes", "comment", "flag"});
  const QualifiedName name = op.qualified("name");
  op.required("attributes");
  const model::DocumentDraft document{.schema = name.schema};
  const model::Entry entry{name.name, op.reader().text_node(name.name),
                           op.body_without({"name", "flag"})};
  return model::read_composite_type(op.reader(), document, entry).value;
}

}  // namespace

Operation read_create_enum(const OpReader& op) { return CreateEnum{read_enum(op, true)}; }

Operation read_drop_enum(const OpReader& op) { return DropEnum{read_enum(op, false)}; }

Operation read_alter_enum(const OpReader& op) {
  op.check_keys({"name", "values", "uses", "rebuild", "flag"});
  AlterEnumValues alter{op.qualified("name")};
  alter.rebuild = op.boolean("rebuild", false);
  const YamlReader& reader = op.reader();
  op.required("values");
  alter.values = *op.change<std::vector<std::string>>(
      "values", [&](const Entry& entry, const std::string& where) {
        return read_labels(reader, entry, where);
      });
  if (const Entry* uses = op.find("uses")) {
    for (const yaml::Node& node : reader.items(*uses, op.where())) {
      alter.uses.push_back(read_use(reader, node, op.where()));
    }
  }
  return alter;
}

Operation read_rename_enum_value(const OpReader& op) {
  op.check_keys({"name", "from", "to", "flag"});
  const std::string what = "label in " + op.where();
  return RenameEnumValue{op.qualified("name"),
                         op.reader().identifier(op.required("from").value, what),
                         op.reader().identifier(op.required("to").value, what)};
}

Operation read_create_sequence(const OpReader& op) { return CreateSequence{read_sequence(op)}; }

Operation read_drop_sequence(const OpReader& op) { return DropSequence{read_sequence(op)}; }

Operation read_alter_sequence(const OpReader& op) {
  op.check_keys({"name", "type", "options", "owned_by", "flag"});
  AlterSequence alter{op.qualified("name")};
  const YamlReader& reader = op.reader();
  alter.type = op.change<std::string>("type", [&](const Entry& entry, const std::string& where) {
    return read_sequence_type(reader, entry, where);
  });
  alter.options =
      op.change<SequenceOptions>("options", [&](const Entry& entry, const std::string& where) {
        return read_options(reader, entry, where);
      });
  alter.owned_by = op.change<std::optional<ColumnRef>>(
      "owned_by", [&](const Entry& entry, const std::string& where) {
        return read_optional_owner(reader, entry, where);
      });
  if (!alter.type && !alter.options && !alter.owned_by) {
    reader.fail(op.at(),
                "alter_sequence changes nothing (expected at least one of: type, "
                "options, owned_by)");
  }
  return alter;
}

Operation read_create_composite_type(const OpReader& op) {
  return CreateCompositeType{read_whole_composite_type(op)};
}

Operation read_drop_composite_type(const OpReader& op) {
  return DropCompositeType{read_whole_composite_type(op)};
}

Operation read_alter_composite_type(const OpReader& op) {
  op.check_keys({"name", "attributes", "uses", "rebuild", "comment", "flag"});
  AlterCompositeType alter{op.qualified("name")};
  alter.rebuild = op.boolean("rebuild", false);
  alter.comment = op.optional_text("comment");
  if (const Entry* uses = op.find("uses")) {
    for (const yaml::Node& node : op.reader().items(*uses, op.where())) {
      alter.uses.push_back(read_use(op.reader(), node, op.where()));
    }
  }
  const model::DocumentDraft document{.schema = alter.name.schema};
  op.required("attributes");
  alter.attributes = *op.change<std::vector<CompositeAttribute>>(
      "attributes", [&](const Entry& entry, const std::string& where) {
        return model::read_attributes(op.reader(), document, entry, where);
      });
  return alter;
}

}  // namespace migrate::revision
