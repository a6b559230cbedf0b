// Each operation kind as the node a revision file shows: small operations on one line (flow),
// those with nested parts (tables, alters, SQL with its downgrade) as blocks.

#include <variant>

#include "model/object_nodes.hpp"
#include "revision/revision_writer.hpp"

namespace migrate::revision {
namespace {

using yaml::bool_node;
using yaml::names_node;
using yaml::optional_node;
using yaml::text_node;

Node text_of(Store& store, const std::string& text) { return text_node(store, text); }

Node name_body(Store& s, const std::string& name) {
  return MapBuilder(s, true).text("name", name).node();
}

Node extension_body(Store& s, const Extension& extension) {
  MapBuilder body(s, true);
  body.text("name", extension.name);
  if (extension.schema != default_schema_name) body.text("schema", extension.schema);
  return body.node();
}

Node enum_body(Store& s, const Enum& enum_type) {
  MapBuilder body(s, true);
  body.add("name", qualified_node(s, enum_type.name))
      .add("values", names_node(s, enum_type.values));
  return body.optional("comment", enum_type.comment).node();
}

// The model's fields beside a qualified 'name', always as a mapping.
Node domain_body(Store& s, const Domain& domain) {
  MapBuilder body(s, false);
  body.add("name", qualified_node(s, domain.name));
  const Node fields = model::domain_fields(s, domain, domain.type);
  if (fields.is_scalar()) return body.add("type", fields).node();
  return body.add_all(fields).node();
}

Node attributes_of(Store& s, const std::vector<CompositeAttribute>& attributes) {
  return model::attributes_node(s, attributes, [](const std::string& type) { return type; });
}

Node composite_type_body(Store& s, const CompositeType& type) {
  MapBuilder body(s, false);
  body.add("name", qualified_node(s, type.name))
      .add("attributes", attributes_of(s, type.attributes));
  return body.optional("comment", type.comment).node();
}

Node checks_of(Store& s, const std::vector<CheckConstraint>& checks) {
  return model::checks_node(s, checks);
}

Node alter_domain_body(Store& s, const AlterDomain& op) {
  MapBuilder body(s, false);
  body.add("name", qualified_node(s, op.name));
  if (op.default_expr) body.add("default", change_node(s, *op.default_expr, optional_node));
  if (op.nullable) body.add("nullable", change_node(s, *op.nullable, bool_node));
  if (op.checks) body.add("checks", change_node(s, *op.checks, checks_of));
  return body.node();
}

Node sequence_body(Store& s, const Sequence& sequence) {
  MapBuilder body(s, true);
  body.add("name", qualified_node(s, sequence.name)).text("type", sequence.type);
  body.add_all(model::options_node(s, sequence.options));
  if (sequence.owned_by) body.add("owned_by", owner_node(s, *sequence.owned_by));
  body.optional("comment", sequence.comment);
  return body.node();
}

Node column_body(Store& s, const QualifiedName& table, const Column& column) {
  MapBuilder body(s, true);
  body.add("table", qualified_node(s, table)).text("column", column.name);
  return body.add_all(column_fields(s, column)).node();
}

Node rename_body(Store& s, const QualifiedName& table, const std::string& from,
                 const std::string& to) {
  return MapBuilder(s, true)
      .add("table", qualified_node(s, table))
      .text("from", from)
      .text("to", to)
      .node();
}

Node use_node(Store& s, const TypeUse& use) {
  MapBuilder node(s, true);
  node.add("table", qualified_node(s, use.column.table)).text("column", use.column.column);
  return node.optional("default", use.default_expr).flag("array", use.array).node();
}

void add_uses(MapBuilder& body, Store& s, const std::vector<TypeUse>& uses) {
  if (uses.empty()) return;
  yaml::ListBuilder list(s, false);
  for (const TypeUse& use : uses) list.add(use_node(s, use));
  body.add("uses", list.node());
}

Node alter_enum_body(Store& s, const AlterEnumValues& op) {
  MapBuilder body(s, false);
  body.add("name", qualified_node(s, op.name)).add("values", change_node(s, op.values, names_node));
  body.flag("rebuild", op.rebuild);
  add_uses(body, s, op.uses);
  return body.node();
}

Node optional_owner(Store& s, const std::optional<ColumnRef>& owner) {
  return owner ? owner_node(s, *owner) : s.null();
}

Node optional_integer(Store& s, const std::optional<int>& value) {
  return value ? yaml::integer_node(s, *value) : s.null();
}

Node optional_identity(Store& s, const std::optional<Identity>& identity) {
  return identity ? model::identity_node(s, *identity) : s.null();
}

Node alter_sequence_body(Store& s, const AlterSequence& op) {
  MapBuilder body(s, false);
  body.add("name", qualified_node(s, op.name));
  if (op.type) body.add("type", change_node(s, *op.type, text_of));
  if (op.options) body.add("options", change_node(s, *op.options, model::options_node));
  if (op.owned_by) body.add("owned_by", change_node(s, *op.owned_by, optional_owner));
  return body.node();
}

Node alter_column_body(Store& s, const AlterColumn& op) {
  MapBuilder body(s, false);
  body.add("table", qualified_node(s, op.table)).text("column", op.column);
  if (op.type) body.add("type", change_node(s, *op.type, text_of));
  if (op.using_expr) body.add("using", change_node(s, *op.using_expr, optional_node));
  if (op.collation) body.add("collation", change_node(s, *op.collation, optional_node));
  if (op.nullable) body.add("nullable", change_node(s, *op.nullable, bool_node));
  if (op.default_expr) body.add("default", change_node(s, *op.default_expr, optional_node));
  if (op.identity) body.add("identity", change_node(s, *op.identity, optional_identity));
  if (op.statistics) body.add("statistics", change_node(s, *op.statistics, optional_integer));
  if (op.storage) body.add("storage", change_node(s, *op.storage, optional_node));
  if (op.compression) body.add("compression", change_node(s, *op.compression, optional_node));
  return body.node();
}

Node storage_of(Store& s, const std::vector<std::string>& storage) {
  return model::storage_node(s, storage);
}

Node alter_table_body(Store& s, const AlterTable& op) {
  MapBuilder body(s, false);
  body.add("name", qualified_node(s, op.name));
  if (op.unlogged) body.add("unlogged", change_node(s, *op.unlogged, bool_node));
  if (op.storage) body.add("storage", change_node(s, *op.storage, storage_of));
  if (op.cluster_on) body.add("cluster_on", change_node(s, *op.cluster_on, optional_node));
  if (op.replica_identity) {
    body.add("replica_identity", change_node(s, *op.replica_identity, optional_node));
  }
  return body.node();
}

Node partition_body(Store& s, const QualifiedName& table, const QualifiedName& partition,
                    const std::string& bounds) {
  return MapBuilder(s, true)
      .add("table", qualified_node(s, table))
      .add("partition", qualified_node(s, partition))
      .text("bounds", bounds)
      .node();
}

const char* target_name(CommentTarget target) {
  for (const auto& [each, word] : comment_target_words) {
    if (each == target) return word;
  }
  return "table";
}

Node comment_body(Store& s, const SetComment& op) {
  MapBuilder body(s, true);
  body.text("on", target_name(op.target));
  if (op.target == CommentTarget::schema) {
    body.text("name", op.object.name);
  } else {
    body.add("name", qualified_node(s, op.object));
  }
  if (op.target == CommentTarget::column) body.text("column", op.part);
  if (op.target == CommentTarget::constraint || op.target == CommentTarget::domain_constraint) {
    body.text("constraint", op.part);
  }
  body.add("from", optional_node(s, op.comment.from)).add("to", optional_node(s, op.comment.to));
  return body.node();
}

Node view_body(Store& s, const View& view) {
  MapBuilder body(s, false);
  body.add("name", qualified_node(s, view.name)).flag("materialized", view.materialized);
  return body.add_all(model::view_fields(s, view)).node();
}

// Always a mapping, so that a flag has a place: the model's form, with 'definition' spelled out.
Node function_body(Store& s, const Function& function) {
  return MapBuilder(s, false)
      .text("definition", function.definition)
      .optional("comment", function.comment)
      .node();
}

Node trigger_body(Store& s, const Trigger& trigger) {
  const Node node = model::trigger_node(s, trigger);
  if (!node.is_scalar()) return node;
  return MapBuilder(s, false).text("definition", trigger.definition).node();
}

template <typename T, typename Body>
Node change_body(Store& s, const Change<T>& change, Body body) {
  return MapBuilder(s, false)
      .add("from", body(s, change.from))
      .add("to", body(s, change.to))
      .node();
}

// A plain string when there is no downgrade SQL, as people write it.
Node sql_body(Store& s, const Sql& op) {
  if (op.reverse.empty()) return text_node(s, op.sql);
  return MapBuilder(s, false).text("up", op.sql).text("down", op.reverse).node();
}

struct Bodies {
  Store& s;
  Node operator()(const CreateSchema& op) const { return name_body(s, op.name); }
  Node operator()(const DropSchema& op) const { return name_body(s, op.name); }
  Node operator()(const CreateExtension& op) const { return extension_body(s, op.extension); }
  Node operator()(const DropExtension& op) const { return extension_body(s, op.extension); }
  Node operator()(const CreateEnum& op) const { return enum_body(s, op.enum_type); }
  Node operator()(const DropEnum& op) const { return enum_body(s, op.enum_type); }
  Node operator()(const AlterEnumValues& op) const { return alter_enum_body(s, op); }
  Node operator()(const CreateDomain& op) const { return domain_body(s, op.domain); }
  Node operator()(const DropDomain& op) const { return domain_body(s, op.domain); }
  Node operator()(const AlterDomain& op) const { return alter_domain_body(s, op); }
  Node operator()(const CreateCompositeType& op) const { return composite_type_body(s, op.type); }
  Node operator()(const DropCompositeType& op) const { return composite_type_body(s, op.type); }
  Node operator()(const AlterCompositeType& op) const {
    MapBuilder body(s, false);
    body.add("name", qualified_node(s, op.name))
        .add("attributes", change_node(s, op.attributes, attributes_of));
    body.flag("rebuild", op.rebuild);
    add_uses(body, s, op.uses);
    return body.optional("comment", op.comment).node();
  }
  Node operator()(const CreateSequence& op) const { return sequence_body(s, op.sequence); }
  Node operator()(const DropSequence& op) const { return sequence_body(s, op.sequence); }
  Node operator()(const RenameEnumValue& op) const {
    return MapBuilder(s, true)
        .add("name", qualified_node(s, op.name))
        .text("from", op.from)
        .text("to", op.to)
        .node();
  }
  Node operator()(const AlterSequence& op) const { return alter_sequence_body(s, op); }
  Node operator()(const CreateTable& op) const { return table_body(s, op.table); }
  Node operator()(const DropTable& op) const { return table_body(s, op.table); }
  Node operator()(const RenameTable& op) const {
    return MapBuilder(s, true).add("from", qualified_node(s, op.from)).text("to", op.to).node();
  }
  Node operator()(const AlterTable& op) const { return alter_table_body(s, op); }
  Node operator()(const AttachPartition& op) const {
    return partition_body(s, op.table, op.partition, op.bounds);
  }
  Node operator()(const DetachPartition& op) const {
    return partition_body(s, op.table, op.partition, op.bounds);
  }
  Node operator()(const AddColumn& op) const { return column_body(s, op.table, op.column); }
  Node operator()(const DropColumn& op) const { return column_body(s, op.table, op.column); }
  Node operator()(const RenameColumn& op) const { return rename_body(s, op.table, op.from, op.to); }
  Node operator()(const AlterColumn& op) const { return alter_column_body(s, op); }
  Node operator()(const CreateIndex& op) const { return index_body(s, op.table, op.index); }
  Node operator()(const DropIndex& op) const { return index_body(s, op.table, op.index); }
  Node operator()(const RenameIndex& op) const { return rename_body(s, op.table, op.from, op.to); }
  Node operator()(const AddConstraint& op) const {
    return constraint_body(s, op.table, op.constraint);
  }
  Node operator()(const DropConstraint& op) const {
    return constraint_body(s, op.table, op.constraint);
  }
  Node operator()(const RenameConstraint& op) const {
    return rename_body(s, op.table, op.from, op.to);
  }
  Node operator()(const CreateView& op) const { return view_body(s, op.view); }
  Node operator()(const DropView& op) const { return view_body(s, op.view); }
  Node operator()(const CreateFunction& op) const { return function_body(s, op.function); }
  Node operator()(const DropFunction& op) const { return function_body(s, op.function); }
  Node operator()(const ReplaceFunction& op) const {
    return change_body(s, op.function, function_body);
  }
  Node operator()(const CreateTrigger& op) const { return trigger_body(s, op.trigger); }
  Node operator()(const DropTrigger& op) const { return trigger_body(s, op.trigger); }
  Node operator()(const AlterTrigger& op) const { return change_body(s, op.trigger, trigger_body); }
  Node operator()(const SetComment& op) const { return comment_body(s, op); }
  Node operator()(const Sql& op) const { return sql_body(s, op); }
};

// The flag goes inside the body: last on a one-line operation (as people append it), first in a
// block, where it would otherwise sit below a whole table.
Node flagged(Store& s, Node body, const std::string& flag) {
  if (body.is_scalar()) return MapBuilder(s, false).text("flag", flag).add("up", body).node();
  const bool flow = body.is_flow();
  MapBuilder result(s, flow);
  if (!flow) result.text("flag", flag);
  result.add_all(body);
  if (flow) result.text("flag", flag);
  return result.node();
}

}  // namespace

Node operation_node(Store& store, const RevisionOperation& operation) {
  const Node body = std::visit(Bodies{store}, operation.op);
  return MapBuilder(store, false)
      .add(kind_name(operation.op), operation.flag ? flagged(store, body, *operation.flag) : body)
      .node();
}

}  // namespace migrate::revision
