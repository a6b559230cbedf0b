// Namespaces, extensions, enums, domains and sequences.
#include <algorithm>

#include "migrate/render.hpp"

#include "diff/plan.hpp"

namespace migrate::diff_detail {
namespace {

template <typename T, typename Key, typename OnAdded, typename OnRemoved, typename OnBoth>
void match_by(const std::vector<T>& from, const std::vector<T>& to, Key key, OnAdded on_added,
              OnRemoved on_removed, OnBoth on_both) {
  for (const T& item : to) {
    auto it =
        std::find_if(from.begin(), from.end(), [&](const T& x) { return key(x) == key(item); });
    if (it == from.end()) {
      on_added(item);
    } else {
      on_both(*it, item);
    }
  }
  for (const T& item : from) {
    if (std::none_of(to.begin(), to.end(), [&](const T& x) { return key(x) == key(item); })) {
      on_removed(item);
    }
  }
}

}  // namespace

std::vector<TypeUse> uses_of(const QualifiedName& type, const Schema& schema) {
  std::vector<TypeUse> uses;
  const std::string key = type_key(type);
  for (const Table& table : schema.tables) {
    for (const Column& column : table.columns) {
      const auto deps = column_dependencies(column, schema);
      if (std::find(deps.begin(), deps.end(), key) != deps.end()) {
        uses.push_back({{table.name, column.name},
                        column.default_expr,
                        element_type(column.type) != column.type});
      }
    }
  }
  return uses;
}

std::string absent_type(const QualifiedName& name) { return "absent:" + type_key(name); }

namespace {

// A rebuilt enum converts the columns that use it on both sides: those dropped in the same
// change go first (they no longer exist), those added come after (the new type exists). In the
// inverse the same columns exist, so the inverse is right too.
PlannedOperation plan_enum_values(const Enum& from_enum, const Enum& to_enum, const Schema& from,
                                  const Schema& to) {
  const auto before = uses_of(from_enum.name, from);
  const auto after = uses_of(to_enum.name, to);
  PlannedOperation op{AlterEnumValues{to_enum.name, {from_enum.values, to_enum.values}}};
  auto& alter = std::get<AlterEnumValues>(op.op);
  for (const TypeUse& use : after) {
    auto kept = std::find_if(before.begin(), before.end(),
                             [&](const TypeUse& u) { return u.column == use.column; });
    if (kept != before.end()) alter.uses.push_back(use);
  }
  for (const TypeUse& use : before) {
    if (std::none_of(alter.uses.begin(), alter.uses.end(),
                     [&](const TypeUse& kept) { return kept.column == use.column; })) {
      op.needs.push_back("absent:" + column_key(use.column.table, use.column.column));
    }
  }
  op.creates = {type_key(to_enum.name)};
  return op;
}

std::optional<std::string> comment_of(const Schema& schema, const std::string& name) {
  auto it = schema.schema_comments.find(name);
  if (it == schema.schema_comments.end()) return std::nullopt;
  return it->second;
}

void plan_schema_comment(const std::string& name, const std::optional<std::string>& from,
                         const std::optional<std::string>& to, Plan& plan) {
  if (from == to) return;
  PlannedOperation op{SetComment{CommentTarget::schema, {"", name}, "", {from, to}}};
  // Set once the schema exists; taken off before it is dropped, so that the drop's inverse
  // leaves it to be set again.
  if (to) op.needs = {schema_key(name)};
  if (!to) op.releases = {schema_key(name)};
  plan.push_back(op);
}

void plan_schemas(const Schema& from, const Schema& to, Plan& plan) {
  auto name = [](const std::string& s) { return s; };
  match_by(
      from.schemas, to.schemas, name,
      [&](const std::string& s) {
        plan.push_back({CreateSchema{s}, {schema_key(s)}});
        plan_schema_comment(s, std::nullopt, comment_of(to, s), plan);
      },
      [&](const std::string& s) {
        plan_schema_comment(s, comment_of(from, s), std::nullopt, plan);
        plan.push_back({DropSchema{s}, {}, {schema_key(s)}});
      },
      [&](const std::string& s, const std::string&) {
        plan_schema_comment(s, comment_of(from, s), comment_of(to, s), plan);
      });
}

void plan_extensions(const Schema& from, const Schema& to, Plan& plan) {
  auto name = [](const Extension& e) { return e.name; };
  match_by(
      from.extensions, to.extensions, name,
      [&](const Extension& e) {
        plan.push_back({CreateExtension{e}, {"ext:" + e.name}, {}, {schema_key(e.schema)}});
      },
      [&](const Extension& e) {
        plan.push_back({DropExtension{e}, {}, {"ext:" + e.name}, {}, {schema_key(e.schema)}});
      },
      [&](const Extension& a, const Extension& b) {
        if (a == b) return;
        plan.push_back({DropExtension{a}, {}, {"ext:" + a.name}, {}, {schema_key(a.schema)}});
        plan.push_back({CreateExtension{b}, {"ext:" + b.name}, {}, {schema_key(b.schema)}});
      });
}

void plan_enums(const Schema& from, const Schema& to, Plan& plan) {
  auto name = [](const Enum& e) { return e.name; };
  match_by(
      from.enums, to.enums, name,
      [&](const Enum& e) {
        plan.push_back({CreateEnum{e}, {type_key(e.name)}, {}, {schema_key(e.name.schema)}});
      },
      [&](const Enum& e) {
        plan.push_back({DropEnum{e}, {}, {type_key(e.name)}, {}, {schema_key(e.name.schema)}});
      },
      [&](const Enum& a, const Enum& b) {
        if (a.values != b.values) plan.push_back(plan_enum_values(a, b, from, to));
        if (a.comment != b.comment) {
          plan.push_back({SetComment{CommentTarget::type, b.name, "", {a.comment, b.comment}}});
        }
      });
}

// What creating a domain needs: its schema, every extension (the base type may be one of theirs)
// and the enum, domain or table (its row type) that is its base type.
std::vector<std::string> domain_needs(const Domain& domain, const Schema& schema) {
  std::vector<std::string> keys{schema_key(domain.name.schema)};
  for (const Extension& extension : schema.extensions) keys.push_back("ext:" + extension.name);
  if (auto base = user_type_of(domain.type, schema)) keys.push_back(type_key(*base));
  for (const Table& table : schema.tables) {
    if (spelled(table.name) == element_type(domain.type)) keys.push_back(table_key(table.name));
  }
  return keys;
}

PlannedOperation create_domain(const Domain& domain, const Schema& schema) {
  return {CreateDomain{domain}, {type_key(domain.name)}, {}, domain_needs(domain, schema)};
}

PlannedOperation drop_domain(const Domain& domain, const Schema& schema) {
  return {DropDomain{domain},
          {absent_type(domain.name)},
          {type_key(domain.name)},
          {},
          domain_needs(domain, schema)};
}

bool used_in_array(const Domain& domain, const Schema& schema) {
  const std::string name = spelled(domain.name);
  for (const Table& table : schema.tables) {
    for (const Column& column : table.columns) {
      if (column.type != name && element_type(column.type) == name) return true;
    }
  }
  return false;
}

// Whether going from a to b adds a constraint that existing values must pass: PostgreSQL checks
// those values, and cannot when an array column holds them.
bool checks_values(const Domain& a, const Domain& b) {
  if (a.nullable && !b.nullable) return true;
  return std::any_of(b.checks.begin(), b.checks.end(), [&](const CheckConstraint& check) {
    return !check.not_valid &&
           std::none_of(a.checks.begin(), a.checks.end(),
                        [&](const CheckConstraint& old) { return equal_but_comment(old, check); });
  });
}

// A new base type or collation cannot be altered in place (nor a new constraint checked on the
// values of an array column): the columns of the domain are turned to the old base type, the
// domain is dropped and created anew, and they are turned back.
void plan_domain_rebuild(const Domain& old_domain, const Domain& new_domain, const Schema& from,
                         const Schema& to, Plan& plan) {
  const std::string name = spelled(old_domain.name);
  plan.push_back(drop_domain(old_domain, from));
  PlannedOperation created = create_domain(new_domain, to);
  created.needs.push_back(absent_type(new_domain.name));
  plan.push_back(created);
  for (const Table& table : from.tables) {
    const Table* kept = to.find_table(table.name);
    for (const Column& column : table.columns) {
      const std::string arrays = element_type(column.type);
      const Column* still = kept ? kept->find_column(column.name) : nullptr;
      if (arrays != name || !still || still->type != column.type) continue;
      const std::string suffix = column.type.substr(arrays.size());
      const std::string key = column_key(table.name, column.name);
      AlterColumn to_base{table.name, column.name};
      to_base.type = Change<std::string>{column.type, old_domain.type + suffix};
      plan.push_back({to_base, {}, {key}, {}, {type_key(old_domain.name)}});
      AlterColumn back{table.name, column.name};
      back.type = Change<std::string>{new_domain.type + suffix, column.type};
      plan.push_back({back, {key}, {}, {type_key(new_domain.name), key}});
    }
  }
}

// A check kept by name whose comment changes; one that AlterDomain adds again gets its comment
// there too, which this sets a second time, to the same text.
void plan_domain_check_comments(const Domain& a, const Domain& b, Plan& plan) {
  for (const CheckConstraint& check : b.checks) {
    const CheckConstraint* old = find_named(a.checks, check.name);
    if (!old || old->comment == check.comment) continue;
    plan.push_back({SetComment{
        CommentTarget::domain_constraint, b.name, check.name, {old->comment, check.comment}}});
  }
}

void plan_domain_changes(const Domain& a, const Domain& b, const Schema& from, const Schema& to,
                         Plan& plan) {
  if (a.type != b.type || a.collation != b.collation ||
      (checks_values(a, b) && used_in_array(a, from))) {
    plan_domain_rebuild(a, b, from, to, plan);
    return;
  }
  AlterDomain alter{b.name};
  if (a.default_expr != b.default_expr) alter.default_expr = Change{a.default_expr, b.default_expr};
  if (a.nullable != b.nullable) alter.nullable = Change{a.nullable, b.nullable};
  if (!std::equal(a.checks.begin(), a.checks.end(), b.checks.begin(), b.checks.end(),
                  [](const auto& x, const auto& y) { return equal_but_comment(x, y); })) {
    alter.checks = Change{a.checks, b.checks};
  }
  if (alter.default_expr || alter.nullable || alter.checks) plan.push_back({alter});
  if (a.comment != b.comment) {
    plan.push_back({SetComment{CommentTarget::domain, b.name, "", {a.comment, b.comment}}});
  }
  plan_domain_check_comments(a, b, plan);
}

void plan_domains(const Schema& from, const Schema& to, Plan& plan) {
  auto name = [](const Domain& d) { return d.name; };
  match_by(
      from.domains, to.domains, name,
      [&](const Domain& d) { plan.push_back(create_domain(d, to)); },
      [&](const Domain& d) { plan.push_back(drop_domain(d, from)); },
      [&](const Domain& a, const Domain& b) { plan_domain_changes(a, b, from, to, plan); });
}

void plan_sequences(const Schema& from, const Schema& to, Plan& plan) {
  auto name = [](const Sequence& s) { return s.name; };
  match_by(
      from.sequences, to.sequences, name,
      [&](const Sequence& s) {
        Sequence created = s;
        created.owned_by.reset();
        plan.push_back({CreateSequence{created},
                        {sequence_key(s.name)},
                        {},
                        {schema_key(s.name.schema), absent_relation(s.name, s.name.name)}});
        plan_sequence_owner(s.name, std::nullopt, s.owned_by, plan);
      },
      [&](const Sequence& s) {
        plan_sequence_owner(s.name, s.owned_by, std::nullopt, plan);
        Sequence dropped = s;
        dropped.owned_by.reset();
        plan.push_back({DropSequence{dropped},
                        {absent_relation(s.name, s.name.name)},
                        {sequence_key(s.name)},
                        {},
                        {schema_key(s.name.schema)}});
      },
      [&](const Sequence& a, const Sequence& b) {
        AlterSequence alter{b.name};
        if (a.type != b.type) alter.type = Change<std::string>{a.type, b.type};
        if (a.options != b.options) alter.options = Change<SequenceOptions>{a.options, b.options};
        if (alter.type || alter.options) plan.push_back({alter});
        plan_sequence_owner(b.name, a.owned_by, b.owned_by, plan);
        if (a.comment != b.comment) {
          plan.push_back({SetComment{CommentTarget::sequence, b.name, "", {a.comment, b.comment}}});
        }
      });
}

// Sets rebuild on each enum that only gains values when another step uses a new one.
void mark_enum_rebuilds(Plan& plan) {
  for (PlannedOperation& step : plan) {
    auto* alter = std::get_if<AlterEnumValues>(&step.op);
    if (!alter || alter->rebuild) continue;
    const auto& before = alter->values.from;
    const std::string type = spelled(alter->name);
    std::vector<std::string> used;  // the new values as the catalog prints a use of them
    for (const std::string& value : alter->values.to) {
      if (std::find(before.begin(), before.end(), value) == before.end()) {
        used.push_back(quote_literal(value) + "::" + type);
      }
    }
    for (const PlannedOperation& other : plan) {
      if (&other == &step || alter->rebuild) continue;
      for (const std::string& sql : render(other.op)) {
        if (std::any_of(used.begin(), used.end(), [&](const std::string& use) {
              return sql.find(use) != std::string::npos;
            })) {
          alter->rebuild = true;
        }
      }
    }
  }
}

}  // namespace

namespace {

std::optional<Change<std::optional<ColumnRef>>> owner_change(const std::optional<ColumnRef>& from,
                                                             const std::optional<ColumnRef>& to) {
  if (from == to) return std::nullopt;
  return Change<std::optional<ColumnRef>>{from, to};
}

}  // namespace

void plan_sequence_owner(const QualifiedName& name, const std::optional<ColumnRef>& from,
                         const std::optional<ColumnRef>& to, Plan& plan) {
  if (from == to) return;
  PlannedOperation owner{AlterSequence{name, std::nullopt, std::nullopt, owner_change(from, to)}};
  if (to) owner.needs = {table_key(to->table), column_key(to->table, to->column)};
  if (from) owner.releases = {table_key(from->table), column_key(from->table, from->column)};
  owner.needs.push_back(sequence_key(name));
  plan.push_back(owner);
}

void plan_enum_rebuilds(Plan& plan) {
  mark_enum_rebuilds(plan);
  // A rebuilt type is gone, and so are its columns as they were: what reads them (views,
  // triggers) is dropped before and created again after.
  for (PlannedOperation& step : plan) {
    const auto* alter = std::get_if<AlterEnumValues>(&step.op);
    if (!alter || !rebuilds_type(*alter)) continue;
    step.removes.push_back(retyped_key(alter->name));
    for (const TypeUse& use : alter->uses) {
      step.removes.push_back(column_key(use.column.table, use.column.column));
      step.creates.push_back(column_key(use.column.table, use.column.column));
    }
  }
}

void plan_types(const Schema& from, const Schema& to, Plan& plan) {
  plan_schemas(from, to, plan);
  plan_extensions(from, to, plan);
  plan_enums(from, to, plan);
  plan_domains(from, to, plan);
  plan_composite_types(from, to, plan);
  plan_sequences(from, to, plan);
}

}  // namespace migrate::diff_detail
