// One item of a revision's 'upgrade' or 'downgrade': which kind it is, its flag, and the kinds
// whose fields are plain names and texts (schemas, extensions, renames, comments, raw SQL).

#include <algorithm>
#include <string_view>

#include <fmt/ranges.h>

#include "revision/revision_reader.hpp"

namespace migrate::revision {
namespace {

using ReadKind = Operation (*)(const OpReader&);
struct Kind {
  std::string_view name;
  ReadKind read;
};

// The order messages list them in: what people write most first. The names are kind_name()'s.
constexpr Kind kinds[] = {
    {"create_table", read_create_table},
    {"drop_table", read_drop_table},
    {"rename_table", read_rename_table},
    {"alter_table", read_alter_table},
    {"attach_partition", read_attach_partition},
    {"detach_partition", read_detach_partition},
    {"add_column", read_add_column},
    {"drop_column", read_drop_column},
    {"rename_column", read_rename_column},
    {"alter_column", read_alter_column},
    {"create_index", read_create_index},
    {"drop_index", read_drop_index},
    {"rename_index", read_rename_index},
    {"add_constraint", read_add_constraint},
    {"drop_constraint", read_drop_constraint},
    {"rename_constraint", read_rename_constraint},
    {"create_view", read_create_view},
    {"drop_view", read_drop_view},
    {"create_function", read_create_function},
    {"drop_function", read_drop_function},
    {"replace_function", read_replace_function},
    {"create_trigger", read_create_trigger},
    {"drop_trigger", read_drop_trigger},
    {"alter_trigger", read_alter_trigger},
    {"create_enum", read_create_enum},
    {"drop_enum", read_drop_enum},
    {"alter_enum", read_alter_enum},
    {"rename_enum_value", read_rename_enum_value},
    {"create_domain", read_create_domain},
    {"drop_domain", read_drop_domain},
    {"alter_domain", read_alter_domain},
    {"create_composite_type", read_create_composite_type},
    {"drop_composite_type", read_drop_composite_type},
    {"alter_composite_type", read_alter_composite_type},
    {"create_sequence", read_create_sequence},
    {"drop_sequence", read_drop_sequence},
    {"alter_sequence", read_alter_sequence},
    {"create_schema", read_create_schema},
    {"drop_schema", read_drop_schema},
    {"create_extension", read_create_extension},
    {"drop_extension", read_drop_extension},
    {"comment", read_comment},
    {"sql", read_sql},
};

const Kind* find_kind(const std::string& name) {
  const auto found = std::find_if(std::begin(kinds), std::end(kinds),
                                  [&](const Kind& kind) { return kind.name == name; });
  return found == std::end(kinds) ? nullptr : found;
}

std::string kind_list() {
  std::vector<std::string_view> names;
  for (const Kind& kind : kinds) names.push_back(kind.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

// The item's one key, the operation's kind.
const Entry& operation_entry(const YamlReader& reader, const yaml::Node& item,
                             const std::vector<Entry>& entries) {
  if (entries.empty()) {
    reader.fail(item, "expected an operation, such as '- create_table: {...}'");
  }
  const Entry& entry = entries.front();
  if (!find_kind(entry.key)) {
    reader.fail(entry.key_node,
                fmt::format("unknown operation '{}' (expected: {})", entry.key, kind_list()));
  }
  if (entries.size() > 1) {
    reader.fail(entries[1].key_node,
                fmt::format("unexpected key '{}' beside operation '{}' (one operation per list "
                            "item; a flag goes inside the operation's mapping)",
                            entries[1].key, entry.key));
  }
  return entry;
}

}  // namespace

RevisionOperation read_operation(const YamlReader& reader, const yaml::Node& item) {
  if (!item.is_map()) reader.fail(item, "expected an operation, such as '- create_table: {...}'");
  const auto entries = reader.entries(item, "an operation");
  const Entry& entry = operation_entry(reader, item, entries);
  RevisionOperation result;
  result.line = model::position_of(item).line;
  if (entry.key == "sql" && entry.value.is_scalar()) {
    result.op = Sql{entry.value.scalar(), ""};
    return result;
  }
  const Position at =
      entry.value.is_null() ? model::position_of(entry.key_node) : model::position_of(entry.value);
  const OpReader op(reader, entry.key, entry.value, at);
  result.op = find_kind(entry.key)->read(op);
  if (const Entry* flag = op.find("flag"))
    result.flag = read_optional_text(reader, *flag, entry.key);
  return result;
}

Operation read_create_schema(const OpReader& op) {
  op.check_keys({"name", "flag"});
  return CreateSchema{op.identifier("name")};
}

Operation read_drop_schema(const OpReader& op) {
  op.check_keys({"name", "flag"});
  return DropSchema{op.identifier("name")};
}

namespace {

Extension read_extension(const OpReader& op) {
  op.check_keys({"name", "schema", "flag"});
  Extension extension{op.identifier("name")};
  if (op.find("schema")) extension.schema = op.identifier("schema");
  return extension;
}

}  // namespace

Operation read_create_extension(const OpReader& op) { return CreateExtension{read_extension(op)}; }

Operation read_drop_extension(const OpReader& op) { return DropExtension{read_extension(op)}; }

Operation read_rename_table(const OpReader& op) {
  op.check_keys({"from", "to", "flag"});
  return RenameTable{op.qualified("from"), op.identifier("to")};
}

Operation read_rename_column(const OpReader& op) {
  op.check_keys({"table", "from", "to", "flag"});
  return RenameColumn{op.qualified("table"), op.identifier("from"), op.identifier("to")};
}

Operation read_rename_index(const OpReader& op) {
  op.check_keys({"table", "from", "to", "flag"});
  return RenameIndex{op.qualified("table"), op.identifier("from"), op.identifier("to")};
}

Operation read_rename_constraint(const OpReader& op) {
  op.check_keys({"table", "from", "to", "flag"});
  return RenameConstraint{op.qualified("table"), op.identifier("from"), op.identifier("to")};
}

namespace {

CommentTarget read_target(const OpReader& op) {
  const std::string target = op.text("on");
  std::vector<std::string> words;
  for (const auto& [each, word] : comment_target_words) {
    if (target == word) return each;
    words.push_back(word);
  }
  op.reader().fail(op.required("on").value,
                   fmt::format("expected {} for 'on' in comment", fmt::join(words, ", ")));
}

}  // namespace

Operation read_comment(const OpReader& op) {
  op.check_keys({"on", "name", "column", "constraint", "from", "to", "flag"});
  SetComment comment;
  comment.target = read_target(op);
  if (comment.target == CommentTarget::schema) {
    comment.object = {"", op.identifier("name")};
  } else {
    comment.object = op.qualified("name");
  }
  const bool of_constraint = comment.target == CommentTarget::constraint ||
                             comment.target == CommentTarget::domain_constraint;
  if (comment.target == CommentTarget::column) {
    comment.part = op.identifier("column");
  } else if (const Entry* column = op.find("column")) {
    op.reader().fail(column->key_node, "'column' is only for 'on: column' in comment");
  }
  if (of_constraint) {
    comment.part = op.identifier("constraint");
  } else if (const Entry* constraint = op.find("constraint")) {
    op.reader().fail(constraint->key_node,
                     "'constraint' is only for 'on: constraint' and 'on: domain_constraint' in "
                     "comment");
  }
  op.required("from");
  op.required("to");
  comment.comment = {op.optional_text("from"), op.optional_text("to")};
  return comment;
}

Operation read_sql(const OpReader& op) {
  op.check_keys({"up", "down", "flag"});
  Sql sql{op.text("up"), ""};
  if (op.find("down")) sql.reverse = op.text("down");
  return sql;
}

}  // namespace migrate::revision
