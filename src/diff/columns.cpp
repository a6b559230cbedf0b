#include <utility>

#include "migrate/names.hpp"
#include "migrate/render.hpp"

#include "diff/table_parts.hpp"

namespace migrate::diff_detail {
namespace {

std::string absent_column(const QualifiedName& table, const std::string& column) {
  return "absent:" + column_key(table, column);
}

template <typename T>
std::optional<Change<T>> change_of(const T& from, const T& to) {
  if (from == to) return std::nullopt;
  return Change<T>{from, to};
}

void plan_add_column(const QualifiedName& table, const Column& column, const Schema& schema,
                     Plan& plan) {
  Column added = column;
  added.comment.reset();
  added.renamed_from.reset();
  PlannedOperation op{AddColumn{table, added},
                      {column_key(table, column.name)},
                      {},
                      column_dependencies(column, schema)};
  op.needs.push_back(absent_column(table, column.name));
  plan.push_back(op);
  if (column.comment) {
    plan.push_back(
        {SetComment{CommentTarget::column, table, column.name, {std::nullopt, column.comment}},
         {},
         {},
         {column_key(table, column.name)}});
  }
}

// A dropped column takes its constraints and indexes with it, so theirs are dropped first (a
// check's columns are not known without parsing it, hence every drop on the table).
void plan_drop_column(const QualifiedName& table, const Column& column, const Schema& schema,
                      Plan& plan) {
  plan.push_back({DropColumn{table, column},
                  {absent_column(table, column.name)},
                  {column_key(table, column.name)},
                  {dependents_dropped_key(table)},
                  column_dependencies(column, schema)});
}

bool uses_user_type(const Column& column, const Schema& schema) {
  for (const auto& key : column_dependencies(column, schema)) {
    if (key.rfind("type:", 0) == 0) return true;
  }
  return false;
}

AlterColumn alter_of(const QualifiedName& table, const Column& a, const Column& b,
                     const Schema& from_schema, const Schema& to_schema) {
  AlterColumn alter{table, b.name};
  alter.type = change_of(a.type, b.type);
  alter.collation = change_of(a.collation, b.collation);
  // ALTER ... TYPE states the type even when only the collation changes.
  if (alter.collation && !alter.type) alter.type = Change<std::string>{a.type, b.type};
  // No cast joins two enums (or an enum and most types): go through text.
  if (a.type != b.type && (uses_user_type(a, from_schema) || uses_user_type(b, to_schema))) {
    alter.using_expr = Change<std::optional<std::string>>{
        quote_ident(a.name) + "::text::" + a.type, quote_ident(b.name) + "::text::" + b.type};
  }
  alter.nullable = change_of(a.nullable, b.nullable);
  alter.default_expr = change_of(a.default_expr, b.default_expr);
  // A default is cast to the new type only where an assignment cast exists ('x'::text to an
  // enum has none), so it is dropped before the type changes and set again after.
  if (alter.type && a.default_expr && !alter.default_expr) {
    alter.default_expr = Change<std::optional<std::string>>{a.default_expr, b.default_expr};
  }
  alter.identity = change_of(a.identity, b.identity);
  alter.statistics = change_of(a.statistics, b.statistics);
  alter.storage = change_of(a.storage, b.storage);
  // A new type brings its own storage: the declared one is set again after it.
  if (alter.type && b.storage && !alter.storage) {
    alter.storage = Change<std::optional<std::string>>{a.storage, b.storage};
  }
  alter.compression = change_of(a.compression, b.compression);
  return alter;
}

}  // namespace

void plan_columns(const Table& from, const Table& to, const Schema& from_schema,
                  const Schema& to_schema, Plan& plan) {
  for (const Column& column : from.columns) {
    const Column* kept = to.find_column(column.name);
    // A generation expression cannot be changed in place: the column is built again.
    if (!kept || kept->generated != column.generated) {
      plan_drop_column(from.name, column, from_schema, plan);
    }
  }
  for (const Column& column : to.columns) {
    const Column* existing = from.find_column(column.name);
    if (!existing || existing->generated != column.generated) {
      plan_add_column(to.name, column, to_schema, plan);
      continue;
    }
    AlterColumn alter = alter_of(to.name, *existing, column, from_schema, to_schema);
    // A serial turned identity, or back: the identity and the serial's sequence want the same
    // name (table_column_seq), so the identity is a step of its own. Added, it comes after the
    // default and the old sequence are gone; dropped, before the new sequence is created.
    const std::string altered = "altered:" + column_key(to.name, column.name);
    const std::string identity_dropped = "identity-dropped:" + column_key(to.name, column.name);
    if (alter.identity && alter.default_expr && !alter.identity->from != !alter.identity->to) {
      const std::string sequence =
          absent_relation(to.name, make_object_name(to.name.name, column.name, "seq"));
      AlterColumn identity{to.name, column.name};
      identity.identity = std::exchange(alter.identity, std::nullopt);
      if (identity.identity->to) {
        plan.push_back({identity, {}, {}, {sequence, altered}});
      } else {
        plan.push_back({identity, {sequence, identity_dropped}});
      }
    }
    if (alter.type || alter.collation || alter.nullable || alter.default_expr || alter.identity ||
        alter.statistics || alter.storage || alter.compression) {
      PlannedOperation op{alter,
                          {},
                          {},
                          column_dependencies(column, to_schema),
                          column_dependencies(*existing, from_schema)};
      // A new type makes the column another: what is dropped that uses it goes before (a check
      // written for the old type), what is added that uses it comes after.
      if (alter.type && alter.type->from != alter.type->to) {
        op.removes.push_back(column_key(to.name, column.name));
        op.creates.push_back(column_key(to.name, column.name));
      }
      // An identity's sequence takes PostgreSQL's name for it (table_column_seq) when that is
      // free: a serial's sequence of that name goes first, a new one comes after.
      if (alter.identity) {
        const std::string sequence = make_object_name(to.name.name, column.name, "seq");
        if (alter.identity->from && !alter.identity->to) {
          op.creates.push_back(absent_relation(to.name, sequence));
        }
        if (!alter.identity->from && alter.identity->to) {
          op.needs.push_back(absent_relation(to.name, sequence));
        }
      }
      op.creates.push_back(altered);
      op.needs.push_back(identity_dropped);
      // DROP NOT NULL waits for the drop of the primary key that holds the column.
      if (alter.nullable && alter.nullable->to) {
        op.needs.push_back(unpinned_key(to.name, column.name));
      }
      plan.push_back(op);
    }
    if (existing->comment != column.comment) {
      plan.push_back({SetComment{
          CommentTarget::column, to.name, column.name, {existing->comment, column.comment}}});
    }
  }
}

}  // namespace migrate::diff_detail
