// Composite types: created after what their attributes use, dropped after what uses them; kept
// ones altered in place where PostgreSQL can, rebuilt around their columns where it cannot.
#include <algorithm>

#include "diff/plan.hpp"

namespace migrate::diff_detail {
namespace {

std::vector<std::string> type_needs(const CompositeType& type, const Schema& schema) {
  std::vector<std::string> keys{schema_key(type.name.schema)};
  for (const Extension& extension : schema.extensions) keys.push_back("ext:" + extension.name);
  for (const CompositeAttribute& attribute : type.attributes) {
    if (auto used = user_type_of(attribute.type, schema)) keys.push_back(type_key(*used));
  }
  return keys;
}

PlannedOperation create_type(const CompositeType& type, const Schema& schema) {
  return {CreateCompositeType{type}, {type_key(type.name)}, {}, type_needs(type, schema)};
}

PlannedOperation drop_type(const CompositeType& type, const Schema& schema) {
  return {DropCompositeType{type},
          {absent_type(type.name)},
          {type_key(type.name), retyped_key(type.name)},
          {},
          type_needs(type, schema)};
}

// Whether dropping, altering and adding at the end gives b's attributes from a's (a's kept ones
// in their order, then b's new ones), none changing type under a column of the type.
bool alters_in_place(const CompositeType& a, const CompositeType& b, bool used) {
  std::vector<std::string> in_place, wanted;
  for (const CompositeAttribute& old : a.attributes) {
    const CompositeAttribute* kept = find_named(b.attributes, old.name);
    if (!kept) continue;
    if (used && (old.type != kept->type || old.collation != kept->collation)) return false;
    in_place.push_back(old.name);
  }
  for (const CompositeAttribute& attribute : b.attributes) {
    if (!find_named(a.attributes, attribute.name)) in_place.push_back(attribute.name);
    wanted.push_back(attribute.name);
  }
  return in_place == wanted;
}

void plan_type_changes(const CompositeType& a, const CompositeType& b, const Schema& from,
                       const Schema& to, Plan& plan) {
  if (a.attributes != b.attributes) {
    const auto uses = uses_of(a.name, from);
    PlannedOperation op{AlterCompositeType{b.name, {a.attributes, b.attributes}}};
    auto& alter = std::get<AlterCompositeType>(op.op);
    op.needs = type_needs(b, to);
    if (!alters_in_place(a, b, !uses.empty())) {
      alter.rebuild = true;
      alter.comment = a.comment;  // then changed, below, as for a type kept
      // Converted where on both sides: those the same change drops go first, as for an enum.
      for (const TypeUse& use : uses) {
        const Table* kept = to.find_table(use.column.table);
        const Column* column = kept ? kept->find_column(use.column.column) : nullptr;
        if (column && user_type_of(column->type, to) == b.name) {
          alter.uses.push_back(use);
          op.removes.push_back(column_key(use.column.table, use.column.column));
          op.creates.push_back(column_key(use.column.table, use.column.column));
        } else {
          op.needs.push_back("absent:" + column_key(use.column.table, use.column.column));
        }
      }
      op.removes.push_back(retyped_key(b.name));
    }
    op.creates.push_back(type_key(b.name));
    plan.push_back(op);
  }
  if (a.comment != b.comment) {
    plan.push_back({SetComment{CommentTarget::type, b.name, "", {a.comment, b.comment}}});
  }
}

}  // namespace

void plan_composite_types(const Schema& from, const Schema& to, Plan& plan) {
  for (const CompositeType& type : to.composite_types) {
    const CompositeType* existing = from.find_composite_type(type.name);
    if (!existing) {
      plan.push_back(create_type(type, to));
    } else {
      plan_type_changes(*existing, type, from, to, plan);
    }
  }
  for (const CompositeType& type : from.composite_types) {
    if (!to.find_composite_type(type.name)) plan.push_back(drop_type(type, from));
  }
}

}  // namespace migrate::diff_detail
