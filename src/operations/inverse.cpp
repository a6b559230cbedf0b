#include <algorithm>

#include "migrate/operations.hpp"

namespace migrate {
namespace {

Operation invert(const CreateSchema& op) { return DropSchema{op.name}; }
Operation invert(const DropSchema& op) { return CreateSchema{op.name}; }
Operation invert(const CreateExtension& op) { return DropExtension{op.extension}; }
Operation invert(const DropExtension& op) { return CreateExtension{op.extension}; }
Operation invert(const CreateEnum& op) { return DropEnum{op.enum_type}; }
Operation invert(const DropEnum& op) { return CreateEnum{op.enum_type}; }
Operation invert(const AlterEnumValues& op) {
  return AlterEnumValues{op.name, {op.values.to, op.values.from}, op.uses, op.rebuild};
}
Operation invert(const RenameEnumValue& op) { return RenameEnumValue{op.name, op.to, op.from}; }
Operation invert(const CreateDomain& op) { return DropDomain{op.domain}; }
Operation invert(const DropDomain& op) { return CreateDomain{op.domain}; }
Operation invert(const AlterDomain& op) {
  return AlterDomain{op.name, swapped(op.default_expr), swapped(op.nullable), swapped(op.checks)};
}
Operation invert(const CreateCompositeType& op) { return DropCompositeType{op.type}; }
Operation invert(const DropCompositeType& op) { return CreateCompositeType{op.type}; }
Operation invert(const AlterCompositeType& op) {
  return AlterCompositeType{
      op.name, {op.attributes.to, op.attributes.from}, op.uses, op.rebuild, op.comment};
}
Operation invert(const CreateSequence& op) { return DropSequence{op.sequence}; }
Operation invert(const DropSequence& op) { return CreateSequence{op.sequence}; }
Operation invert(const AlterSequence& op) {
  return AlterSequence{op.name, swapped(op.type), swapped(op.options), swapped(op.owned_by)};
}
Operation invert(const CreateTable& op) { return DropTable{op.table}; }
Operation invert(const CreateView& op) { return DropView{op.view}; }
Operation invert(const DropView& op) { return CreateView{op.view}; }
Operation invert(const CreateFunction& op) { return DropFunction{op.function}; }
Operation invert(const DropFunction& op) { return CreateFunction{op.function}; }
Operation invert(const ReplaceFunction& op) {
  return ReplaceFunction{{op.function.to, op.function.from}};
}
Operation invert(const CreateTrigger& op) { return DropTrigger{op.trigger}; }
Operation invert(const DropTrigger& op) { return CreateTrigger{op.trigger}; }
Operation invert(const AlterTrigger& op) { return AlterTrigger{{op.trigger.to, op.trigger.from}}; }
Operation invert(const DropTable& op) { return CreateTable{op.table}; }
Operation invert(const RenameTable& op) {
  return RenameTable{{op.from.schema, op.to}, op.from.name};
}
Operation invert(const AddColumn& op) { return DropColumn{op.table, op.column}; }
Operation invert(const DropColumn& op) { return AddColumn{op.table, op.column}; }
Operation invert(const RenameColumn& op) { return RenameColumn{op.table, op.to, op.from}; }
Operation invert(const AlterColumn& op) {
  return AlterColumn{op.table,
                     op.column,
                     swapped(op.type),
                     swapped(op.using_expr),
                     swapped(op.collation),
                     swapped(op.nullable),
                     swapped(op.default_expr),
                     swapped(op.identity),
                     swapped(op.statistics),
                     swapped(op.storage),
                     swapped(op.compression)};
}
Operation invert(const AlterTable& op) {
  return AlterTable{op.name, swapped(op.unlogged), swapped(op.storage), swapped(op.cluster_on),
                    swapped(op.replica_identity)};
}
Operation invert(const AttachPartition& op) {
  return DetachPartition{op.table, op.partition, op.bounds};
}
Operation invert(const DetachPartition& op) {
  return AttachPartition{op.table, op.partition, op.bounds};
}
Operation invert(const CreateIndex& op) { return DropIndex{op.table, op.index}; }
Operation invert(const DropIndex& op) { return CreateIndex{op.table, op.index}; }
Operation invert(const RenameIndex& op) { return RenameIndex{op.table, op.to, op.from}; }
Operation invert(const AddConstraint& op) { return DropConstraint{op.table, op.constraint}; }
Operation invert(const DropConstraint& op) { return AddConstraint{op.table, op.constraint}; }
Operation invert(const RenameConstraint& op) { return RenameConstraint{op.table, op.to, op.from}; }
Operation invert(const SetComment& op) {
  return SetComment{op.target, op.object, op.part, {op.comment.to, op.comment.from}};
}
Operation invert(const Sql& op) { return Sql{op.reverse, op.sql}; }

}  // namespace

Operation inverse(const Operation& op) {
  return std::visit([](const auto& kind) { return invert(kind); }, op);
}

std::vector<Operation> inverse(const std::vector<Operation>& ops) {
  std::vector<Operation> result;
  result.reserve(ops.size());
  std::for_each(ops.rbegin(), ops.rend(),
                [&](const Operation& op) { result.push_back(inverse(op)); });
  return result;
}

}  // namespace migrate
