#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "migrate/operations.hpp"
#include "migrate/render.hpp"

namespace migrate {
namespace {

// Names in summaries are spelled as SQL spells them, so `"Weird Schema"."order"` cannot be
// misread; a table in public goes without its schema.
std::string shown(const QualifiedName& name) {
  return name.schema == default_schema_name ? quote_ident(name.name) : quote_name(name);
}
std::string shown(const std::string& identifier) { return quote_ident(identifier); }

std::string routine(const Function& function) {
  return fmt::format("{} {}({})", function.procedure ? "procedure" : "function",
                     shown(function.name), function.arguments);
}

std::string trigger(const Trigger& trigger) {
  return fmt::format("trigger {} on {}", shown(trigger.name), shown(trigger.table));
}

template <typename T>
struct Names;  // kind_name per operation type, checked at compile time by the visit below

#define MIGRATE_KIND_NAME(Type, text)          \
  template <>                                  \
  struct Names<Type> {                         \
    static constexpr const char* value = text; \
  };
MIGRATE_KIND_NAME(CreateSchema, "create_schema")
MIGRATE_KIND_NAME(DropSchema, "drop_schema")
MIGRATE_KIND_NAME(CreateExtension, "create_extension")
MIGRATE_KIND_NAME(DropExtension, "drop_extension")
MIGRATE_KIND_NAME(CreateEnum, "create_enum")
MIGRATE_KIND_NAME(DropEnum, "drop_enum")
MIGRATE_KIND_NAME(AlterEnumValues, "alter_enum")
MIGRATE_KIND_NAME(RenameEnumValue, "rename_enum_value")
MIGRATE_KIND_NAME(AlterTable, "alter_table")
MIGRATE_KIND_NAME(AttachPartition, "attach_partition")
MIGRATE_KIND_NAME(DetachPartition, "detach_partition")
MIGRATE_KIND_NAME(CreateDomain, "create_domain")
MIGRATE_KIND_NAME(DropDomain, "drop_domain")
MIGRATE_KIND_NAME(AlterDomain, "alter_domain")
MIGRATE_KIND_NAME(CreateCompositeType, "create_composite_type")
MIGRATE_KIND_NAME(DropCompositeType, "drop_composite_type")
MIGRATE_KIND_NAME(AlterCompositeType, "alter_composite_type")
MIGRATE_KIND_NAME(CreateSequence, "create_sequence")
MIGRATE_KIND_NAME(DropSequence, "drop_sequence")
MIGRATE_KIND_NAME(AlterSequence, "alter_sequence")
MIGRATE_KIND_NAME(CreateTable, "create_table")
MIGRATE_KIND_NAME(DropTable, "drop_table")
MIGRATE_KIND_NAME(RenameTable, "rename_table")
MIGRATE_KIND_NAME(AddColumn, "add_column")
MIGRATE_KIND_NAME(DropColumn, "drop_column")
MIGRATE_KIND_NAME(RenameColumn, "rename_column")
MIGRATE_KIND_NAME(AlterColumn, "alter_column")
MIGRATE_KIND_NAME(CreateIndex, "create_index")
MIGRATE_KIND_NAME(DropIndex, "drop_index")
MIGRATE_KIND_NAME(RenameIndex, "rename_index")
MIGRATE_KIND_NAME(AddConstraint, "add_constraint")
MIGRATE_KIND_NAME(DropConstraint, "drop_constraint")
MIGRATE_KIND_NAME(RenameConstraint, "rename_constraint")
MIGRATE_KIND_NAME(CreateView, "create_view")
MIGRATE_KIND_NAME(DropView, "drop_view")
MIGRATE_KIND_NAME(CreateFunction, "create_function")
MIGRATE_KIND_NAME(DropFunction, "drop_function")
MIGRATE_KIND_NAME(ReplaceFunction, "replace_function")
MIGRATE_KIND_NAME(CreateTrigger, "create_trigger")
MIGRATE_KIND_NAME(DropTrigger, "drop_trigger")
MIGRATE_KIND_NAME(AlterTrigger, "alter_trigger")
MIGRATE_KIND_NAME(SetComment, "comment")
MIGRATE_KIND_NAME(Sql, "sql")
#undef MIGRATE_KIND_NAME

std::string constraint_kind(const Constraint& constraint) {
  static constexpr const char* kinds[] = {"primary key", "unique", "foreign key", "check",
                                          "exclusion"};
  return kinds[constraint.index()];
}

std::string optional_text(const std::optional<std::string>& value) {
  return value ? *value : "(none)";
}

std::string describe_alter(const AlterColumn& op) {
  std::vector<std::string> parts;
  if (op.type) parts.push_back(fmt::format("type {} -> {}", op.type->from, op.type->to));
  if (op.collation) {
    parts.push_back(fmt::format("collation {} -> {}", optional_text(op.collation->from),
                                optional_text(op.collation->to)));
  }
  if (op.nullable) {
    parts.push_back(op.nullable->to ? "drop not null" : "set not null");
  }
  if (op.default_expr && op.default_expr->from == op.default_expr->to) {
    parts.push_back(fmt::format("default {} set again", optional_text(op.default_expr->to)));
  } else if (op.default_expr) {
    parts.push_back(fmt::format("default {} -> {}", optional_text(op.default_expr->from),
                                optional_text(op.default_expr->to)));
  }
  if (op.identity) {
    auto text = [](const std::optional<Identity>& identity) {
      if (!identity) return std::string("no identity");
      const auto& o = identity->options;
      std::string options;
      auto add = [&](const char* name, const std::optional<std::int64_t>& value) {
        if (value) options += fmt::format("{}{} {}", options.empty() ? "" : ", ", name, *value);
      };
      add("start", o.start);
      add("increment", o.increment);
      add("min", o.min_value);
      add("max", o.max_value);
      add("cache", o.cache);
      if (o.cycle) options += options.empty() ? "cycle" : ", cycle";
      return "identity " + to_string(identity->kind) +
             (options.empty() ? "" : " (" + options + ")");
    };
    parts.push_back(fmt::format("{} -> {}", text(op.identity->from), text(op.identity->to)));
  }
  if (op.statistics) {
    auto text = [](const std::optional<int>& target) {
      return target ? std::to_string(*target) : std::string("(default)");
    };
    parts.push_back(
        fmt::format("statistics {} -> {}", text(op.statistics->from), text(op.statistics->to)));
  }
  if (op.storage) {
    parts.push_back(fmt::format("storage {} -> {}", optional_text(op.storage->from),
                                optional_text(op.storage->to)));
  }
  if (op.compression) {
    parts.push_back(fmt::format("compression {} -> {}", optional_text(op.compression->from),
                                optional_text(op.compression->to)));
  }
  return fmt::format("alter column {}.{}: {}", shown(op.table), shown(op.column),
                     fmt::join(parts, ", "));
}

std::string describe_alter(const AlterTable& op) {
  std::vector<std::string> parts;
  if (op.unlogged) parts.push_back(op.unlogged->to ? "set unlogged" : "set logged");
  if (op.storage) {
    parts.push_back(fmt::format("storage ({}) -> ({})", fmt::join(op.storage->from, ", "),
                                fmt::join(op.storage->to, ", ")));
  }
  if (op.cluster_on) {
    parts.push_back(fmt::format("cluster on {} -> {}", optional_text(op.cluster_on->from),
                                optional_text(op.cluster_on->to)));
  }
  if (op.replica_identity) {
    parts.push_back(fmt::format("replica identity {} -> {}",
                                op.replica_identity->from.value_or("default"),
                                op.replica_identity->to.value_or("default")));
  }
  return fmt::format("alter table {}: {}", shown(op.name), fmt::join(parts, ", "));
}

std::string describe_alter(const AlterDomain& op) {
  std::vector<std::string> parts;
  if (op.default_expr) {
    parts.push_back(fmt::format("default {} -> {}", optional_text(op.default_expr->from),
                                optional_text(op.default_expr->to)));
  }
  if (op.nullable) parts.push_back(op.nullable->to ? "drop not null" : "set not null");
  if (op.checks) {
    const auto& from = op.checks->from;
    const auto& to = op.checks->to;
    auto named = [](const std::vector<CheckConstraint>& checks, const std::string& name) {
      return std::find_if(checks.begin(), checks.end(),
                          [&](const CheckConstraint& c) { return c.name == name; });
    };
    for (const CheckConstraint& check : from) {
      if (named(to, check.name) == to.end()) parts.push_back("drop check " + shown(check.name));
    }
    for (const CheckConstraint& check : to) {
      const auto old = named(from, check.name);
      if (old == from.end()) {
        parts.push_back("add check " + shown(check.name));
      } else if (old->expression != check.expression) {
        parts.push_back("replace check " + shown(check.name));
      } else if (old->not_valid != check.not_valid) {
        parts.push_back((check.not_valid ? "add again NOT VALID check " : "validate check ") +
                        shown(check.name));
      }
    }
  }
  return fmt::format("alter domain {}: {}", shown(op.name), fmt::join(parts, ", "));
}

struct Describer {
  std::string operator()(const CreateSchema& op) const { return "create schema " + shown(op.name); }
  std::string operator()(const DropSchema& op) const { return "drop schema " + shown(op.name); }
  std::string operator()(const CreateExtension& op) const {
    return "create extension " + shown(op.extension.name);
  }
  std::string operator()(const DropExtension& op) const {
    return "drop extension " + shown(op.extension.name);
  }
  std::string operator()(const CreateEnum& op) const {
    return "create enum " + shown(op.enum_type.name);
  }
  std::string operator()(const DropEnum& op) const {
    return "drop enum " + shown(op.enum_type.name);
  }
  std::string operator()(const AlterEnumValues& op) const {
    return fmt::format("alter enum {}: ({}) -> ({})", shown(op.name),
                       fmt::join(op.values.from, ", "), fmt::join(op.values.to, ", "));
  }
  std::string operator()(const RenameEnumValue& op) const {
    return fmt::format("rename value '{}' of enum {} to '{}'", op.from, shown(op.name), op.to);
  }
  std::string operator()(const CreateDomain& op) const {
    return "create domain " + shown(op.domain.name);
  }
  std::string operator()(const DropDomain& op) const {
    return "drop domain " + shown(op.domain.name);
  }
  std::string operator()(const AlterDomain& op) const { return describe_alter(op); }
  std::string operator()(const CreateCompositeType& op) const {
    return "create composite type " + shown(op.type.name);
  }
  std::string operator()(const DropCompositeType& op) const {
    return "drop composite type " + shown(op.type.name);
  }
  std::string operator()(const AlterCompositeType& op) const {
    const auto list = [](const std::vector<CompositeAttribute>& attributes) {
      std::vector<std::string> parts;
      for (const auto& a : attributes) parts.push_back(shown(a.name) + " " + a.type);
      return fmt::format("({})", fmt::join(parts, ", "));
    };
    return fmt::format("alter composite type {}: {} -> {}", shown(op.name),
                       list(op.attributes.from), list(op.attributes.to));
  }
  std::string operator()(const CreateSequence& op) const {
    return "create sequence " + shown(op.sequence.name);
  }
  std::string operator()(const DropSequence& op) const {
    return "drop sequence " + shown(op.sequence.name);
  }
  std::string operator()(const AlterSequence& op) const {
    return "alter sequence " + shown(op.name);
  }
  std::string operator()(const CreateTable& op) const {
    return "create table " + shown(op.table.name);
  }
  std::string operator()(const DropTable& op) const { return "drop table " + shown(op.table.name); }
  std::string operator()(const RenameTable& op) const {
    return fmt::format("rename table {} to {}", shown(op.from), shown(op.to));
  }
  std::string operator()(const AlterTable& op) const { return describe_alter(op); }
  std::string operator()(const AttachPartition& op) const {
    return fmt::format("attach partition {} to {} {}", shown(op.partition), shown(op.table),
                       op.bounds);
  }
  std::string operator()(const DetachPartition& op) const {
    return fmt::format("detach partition {} from {}", shown(op.partition), shown(op.table));
  }
  std::string operator()(const AddColumn& op) const {
    return fmt::format("add column {}.{} {}", shown(op.table), shown(op.column.name),
                       op.column.type);
  }
  std::string operator()(const DropColumn& op) const {
    return fmt::format("drop column {}.{}", shown(op.table), shown(op.column.name));
  }
  std::string operator()(const RenameColumn& op) const {
    return fmt::format("rename column {}.{} to {}", shown(op.table), shown(op.from), shown(op.to));
  }
  std::string operator()(const AlterColumn& op) const { return describe_alter(op); }
  std::string operator()(const CreateIndex& op) const {
    return fmt::format("create index {} on {}", shown(op.index.name), shown(op.table));
  }
  std::string operator()(const DropIndex& op) const {
    return fmt::format("drop index {} on {}", shown(op.index.name), shown(op.table));
  }
  std::string operator()(const RenameIndex& op) const {
    return fmt::format("rename index {} to {}", shown(op.from), shown(op.to));
  }
  std::string operator()(const AddConstraint& op) const {
    return fmt::format("add {} constraint {} on {}", constraint_kind(op.constraint),
                       shown(constraint_name(op.constraint)), shown(op.table));
  }
  std::string operator()(const DropConstraint& op) const {
    return fmt::format("drop {} constraint {} on {}", constraint_kind(op.constraint),
                       shown(constraint_name(op.constraint)), shown(op.table));
  }
  std::string operator()(const RenameConstraint& op) const {
    return fmt::format("rename constraint {} on {} to {}", shown(op.from), shown(op.table),
                       shown(op.to));
  }
  std::string operator()(const CreateView& op) const {
    if (!op.view.materialized) return "create view " + shown(op.view.name);
    // Said, since on a large table it is the slow step of the migration.
    return fmt::format("create materialized view {}{}", shown(op.view.name),
                       op.view.with_data ? ", running its query to fill it" : ", left empty");
  }
  std::string operator()(const DropView& op) const {
    return fmt::format("drop {}view {}", op.view.materialized ? "materialized " : "",
                       shown(op.view.name));
  }
  std::string operator()(const CreateFunction& op) const {
    return "create " + routine(op.function);
  }
  std::string operator()(const DropFunction& op) const { return "drop " + routine(op.function); }
  std::string operator()(const ReplaceFunction& op) const {
    const Function& from = op.function.from;
    const Function& to = op.function.to;
    if (from.definition == to.definition) {
      return fmt::format("comment on {}: {} -> {}", routine(to), optional_text(from.comment),
                         optional_text(to.comment));
    }
    return "replace " + routine(to);
  }
  std::string operator()(const CreateTrigger& op) const { return "create " + trigger(op.trigger); }
  std::string operator()(const DropTrigger& op) const { return "drop " + trigger(op.trigger); }
  std::string operator()(const AlterTrigger& op) const {
    const Trigger& from = op.trigger.from;
    const Trigger& to = op.trigger.to;
    std::vector<std::string> changes;
    if (from.definition != to.definition) changes.push_back("definition replaced");
    if (from.enabled != to.enabled) {
      changes.push_back(
          fmt::format("enabled {} -> {}", to_string(from.enabled), to_string(to.enabled)));
    }
    if (from.comment != to.comment) {
      changes.push_back(
          fmt::format("comment {} -> {}", optional_text(from.comment), optional_text(to.comment)));
    }
    return fmt::format("alter {}: {}", trigger(to), fmt::join(changes, ", "));
  }
  std::string operator()(const SetComment& op) const {
    std::string object =
        op.target == CommentTarget::schema ? "schema " + shown(op.object.name) : shown(op.object);
    if (op.target == CommentTarget::column) object += "." + shown(op.part);
    if (op.target == CommentTarget::constraint || op.target == CommentTarget::domain_constraint) {
      object = "constraint " + shown(op.part) + " on " + object;
    }
    if (op.target == CommentTarget::index) object = "index " + object;
    if (op.target == CommentTarget::sequence) object = "sequence " + object;
    return fmt::format("comment on {}: {} -> {}", object, optional_text(op.comment.from),
                       optional_text(op.comment.to));
  }
  std::string operator()(const Sql& op) const { return "sql: " + op.sql; }
};

// The length or precision in "character varying(50)", "numeric(10,2)": {50} or {10, 2}.
std::vector<int> modifiers(const std::string& type) {
  std::vector<int> numbers;
  const auto open = type.find('(');
  if (open == std::string::npos) return numbers;
  std::size_t pos = open + 1;
  while (pos < type.size() && std::isdigit(static_cast<unsigned char>(type[pos]))) {
    std::size_t end = pos;
    numbers.push_back(std::stoi(type.substr(pos), &end));
    pos += end + 1;
  }
  return numbers;
}

std::string base_type(const std::string& type) { return type.substr(0, type.find('(')); }

// Changes every value of `from` survives unchanged: longer strings, wider integers, more
// precision. Anything else may lose or alter data and is flagged.
bool widens(const std::string& from, const std::string& to) {
  static const std::vector<std::vector<std::string>> chains = {
      {"smallint", "integer", "bigint", "numeric"},
      {"character", "character varying", "text"},
      {"real", "double precision"},
  };
  const std::string a = base_type(from), b = base_type(to);
  const auto ma = modifiers(from), mb = modifiers(to);
  if (a == b) {
    if (mb.empty()) return true;  // varchar(50) -> varchar, numeric(10,2) -> numeric
    if (ma.empty() || ma.size() != mb.size()) return false;
    // numeric(p, s): the integer digits (p - s) and the scale must both not shrink.
    if (ma.size() == 2) return mb[1] >= ma[1] && mb[0] - mb[1] >= ma[0] - ma[1];
    return mb[0] >= ma[0];
  }
  for (const auto& chain : chains) {
    const auto ia = std::find(chain.begin(), chain.end(), a);
    const auto ib = std::find(chain.begin(), chain.end(), b);
    if (ia == chain.end() || ib == chain.end() || ib < ia) continue;
    if (b == "numeric" || b == "text") return mb.empty();
    if (mb.empty()) return true;
    return !ma.empty() && mb[0] >= ma[0];
  }
  return false;
}

}  // namespace

std::string kind_name(const Operation& op) {
  return std::visit(
      [](const auto& kind) -> std::string { return Names<std::decay_t<decltype(kind)>>::value; },
      op);
}

std::string describe(const Operation& op) { return std::visit(Describer{}, op); }

std::optional<std::string> data_loss(const Operation& op) {
  if (auto* drop = std::get_if<DropTable>(&op)) {
    return "drops table " + shown(drop->table.name) + " and its rows";
  }
  if (auto* drop = std::get_if<DropColumn>(&op)) {
    return fmt::format("drops column {}.{} and its values", shown(drop->table),
                       shown(drop->column.name));
  }
  if (auto* alter = std::get_if<AlterColumn>(&op);
      alter && alter->type && !widens(alter->type->from, alter->type->to)) {
    return fmt::format("narrows column {}.{} from {} to {}", shown(alter->table),
                       shown(alter->column), alter->type->from, alter->type->to);
  }
  if (auto* alter = std::get_if<AlterCompositeType>(&op)) {
    for (const auto& attribute : alter->attributes.from) {
      const auto& to = alter->attributes.to;
      if (std::none_of(to.begin(), to.end(),
                       [&](const auto& a) { return a.name == attribute.name; })) {
        return fmt::format(
            "drops attribute {} of composite type {}, and its values in every "
            "column of that type",
            shown(attribute.name), shown(alter->name));
      }
    }
  }
  if (auto* alter = std::get_if<AlterEnumValues>(&op)) {
    for (const auto& value : alter->values.from) {
      if (std::find(alter->values.to.begin(), alter->values.to.end(), value) ==
          alter->values.to.end()) {
        return fmt::format("removes value '{}' from enum {}", value, shown(alter->name));
      }
    }
  }
  return std::nullopt;
}

std::ostream& operator<<(std::ostream& out, const Operation& op) { return out << describe(op); }

}  // namespace migrate
