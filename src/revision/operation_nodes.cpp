// Each operation kind as the node a revision file shows: small operations on one line (flow),
// those with nested parts (tables, alters, SQL with its downgrade) as blocks.

#include <variant>

#include "model/object_nodes.hpp"
#include "revision/revision_writer.hpp"

namespace migrate::revision {
namespace {

using model::identity_node;
using model::options_node;
using yaml::bool_node;

YAML::Node name_body(const std::string& name) { return MapBuilder(true).text("name", name).node(); }

YAML::Node extension_body(const Extension& extension) {
  MapBuilder body(true);
  body.text("name", extension.name);
  if (extension.schema != default_schema_name) body.text("schema", extension.schema);
  return body.node();
}

YAML::Node enum_body(const Enum& enum_type) {
  MapBuilder body(true);
  body.add("name", qualified_node(enum_type.name)).add("values", names_node(enum_type.values));
  return body.optional("comment", enum_type.comment).node();
}

YAML::Node sequence_body(const Sequence& sequence) {
  MapBuilder body(true);
  body.add("name", qualified_node(sequence.name)).text("type", sequence.type);
  body.add_all(options_node(sequence.options));
  if (sequence.owned_by) body.add("owned_by", owner_node(*sequence.owned_by));
  return body.node();
}

YAML::Node column_body(const QualifiedName& table, const Column& column) {
  MapBuilder body(true);
  body.add("table", qualified_node(table)).text("column", column.name);
  return body.add_all(column_fields(column)).node();
}

YAML::Node rename_body(const QualifiedName& table, const std::string& from, const std::string& to) {
  return MapBuilder(true)
      .add("table", qualified_node(table))
      .text("from", from)
      .text("to", to)
      .node();
}

YAML::Node use_node(const EnumUse& use) {
  MapBuilder node(true);
  node.add("table", qualified_node(use.column.table)).text("column", use.column.column);
  return node.optional("default", use.default_expr).node();
}

YAML::Node alter_enum_body(const AlterEnumValues& op) {
  MapBuilder body(false);
  body.add("name", qualified_node(op.name)).add("values", change_node(op.values, names_node));
  if (op.uses.empty()) return body.node();
  YAML::Node uses(YAML::NodeType::Sequence);
  for (const EnumUse& use : op.uses) uses.push_back(use_node(use));
  return body.add("uses", uses).node();
}

YAML::Node alter_sequence_body(const AlterSequence& op) {
  MapBuilder body(false);
  body.add("name", qualified_node(op.name));
  if (op.type) body.add("type", change_node(*op.type, text_node));
  if (op.options) body.add("options", change_node(*op.options, options_node));
  if (op.owned_by) {
    body.add("owned_by", change_node(*op.owned_by, [&](const std::optional<ColumnRef>& owner) {
               return owner ? owner_node(*owner) : YAML::Node(YAML::NodeType::Null);
             }));
  }
  return body.node();
}

YAML::Node alter_column_body(const AlterColumn& op) {
  MapBuilder body(false);
  body.add("table", qualified_node(op.table)).text("column", op.column);
  if (op.type) body.add("type", change_node(*op.type, text_node));
  if (op.using_expr) body.add("using", change_node(*op.using_expr, optional_node));
  if (op.collation) body.add("collation", change_node(*op.collation, optional_node));
  if (op.nullable) {
    body.add("nullable", change_node(*op.nullable, bool_node));
  }
  if (op.default_expr) body.add("default", change_node(*op.default_expr, optional_node));
  if (op.identity) {
    body.add("identity", change_node(*op.identity, [](const std::optional<Identity>& identity) {
               return identity ? identity_node(*identity) : YAML::Node(YAML::NodeType::Null);
             }));
  }
  return body.node();
}

const char* target_name(CommentTarget target) {
  switch (target) {
    case CommentTarget::table:
      return "table";
    case CommentTarget::column:
      return "column";
    case CommentTarget::type:
      return "type";
  }
  return "table";
}

YAML::Node comment_body(const SetComment& op) {
  MapBuilder body(true);
  body.text("on", target_name(op.target)).add("name", qualified_node(op.object));
  if (op.target == CommentTarget::column) body.text("column", op.column);
  body.add("from", optional_node(op.comment.from)).add("to", optional_node(op.comment.to));
  return body.node();
}

// A plain string when there is no downgrade SQL, as people write it.
YAML::Node sql_body(const Sql& op) {
  if (op.reverse.empty()) return text_node(op.sql);
  return MapBuilder(false).text("up", op.sql).text("down", op.reverse).node();
}

struct Bodies {
  YAML::Node operator()(const CreateSchema& op) const { return name_body(op.name); }
  YAML::Node operator()(const DropSchema& op) const { return name_body(op.name); }
  YAML::Node operator()(const CreateExtension& op) const { return extension_body(op.extension); }
  YAML::Node operator()(const DropExtension& op) const { return extension_body(op.extension); }
  YAML::Node operator()(const CreateEnum& op) const { return enum_body(op.enum_type); }
  YAML::Node operator()(const DropEnum& op) const { return enum_body(op.enum_type); }
  YAML::Node operator()(const AlterEnumValues& op) const { return alter_enum_body(op); }
  YAML::Node operator()(const CreateSequence& op) const { return sequence_body(op.sequence); }
  YAML::Node operator()(const DropSequence& op) const { return sequence_body(op.sequence); }
  YAML::Node operator()(const RenameEnumValue& op) const {
    return MapBuilder(true)
        .add("name", qualified_node(op.name))
        .text("from", op.from)
        .text("to", op.to)
        .node();
  }
  YAML::Node operator()(const AlterSequence& op) const { return alter_sequence_body(op); }
  YAML::Node operator()(const CreateTable& op) const { return table_body(op.table); }
  YAML::Node operator()(const DropTable& op) const { return table_body(op.table); }
  YAML::Node operator()(const RenameTable& op) const {
    return MapBuilder(true).add("from", qualified_node(op.from)).text("to", op.to).node();
  }
  YAML::Node operator()(const AddColumn& op) const { return column_body(op.table, op.column); }
  YAML::Node operator()(const DropColumn& op) const { return column_body(op.table, op.column); }
  YAML::Node operator()(const RenameColumn& op) const {
    return rename_body(op.table, op.from, op.to);
  }
  YAML::Node operator()(const AlterColumn& op) const { return alter_column_body(op); }
  YAML::Node operator()(const CreateIndex& op) const { return index_body(op.table, op.index); }
  YAML::Node operator()(const DropIndex& op) const { return index_body(op.table, op.index); }
  YAML::Node operator()(const RenameIndex& op) const {
    return rename_body(op.table, op.from, op.to);
  }
  YAML::Node operator()(const AddConstraint& op) const {
    return constraint_body(op.table, op.constraint);
  }
  YAML::Node operator()(const DropConstraint& op) const {
    return constraint_body(op.table, op.constraint);
  }
  YAML::Node operator()(const RenameConstraint& op) const {
    return rename_body(op.table, op.from, op.to);
  }
  YAML::Node operator()(const SetComment& op) const { return comment_body(op); }
  YAML::Node operator()(const Sql& op) const { return sql_body(op); }
};

// The flag goes inside the body: last on a one-line operation (as people append it), first in a
// block, where it would otherwise sit below a whole table.
YAML::Node flagged(const YAML::Node& body, const std::string& flag) {
  if (body.IsScalar()) return MapBuilder(false).text("flag", flag).add("up", body).node();
  const bool flow = body.Style() == YAML::EmitterStyle::Flow;
  MapBuilder result(flow);
  if (!flow) result.text("flag", flag);
  result.add_all(body);
  if (flow) result.text("flag", flag);
  return result.node();
}

}  // namespace

YAML::Node operation_node(const RevisionOperation& operation) {
  const YAML::Node body = std::visit(Bodies{}, operation.op);
  MapBuilder item(false);
  item.add(kind_name(operation.op), operation.flag ? flagged(body, *operation.flag) : body);
  return item.node();
}

}  // namespace migrate::revision
