// Functions, procedures and triggers: created once what their signatures use exists (and before
// tables, whose defaults and checks may call them), replaced in place where PostgreSQL allows
// it, and dropped and created again, with the triggers and views that use them, where it does
// not.

#include <algorithm>
#include <set>

#include "diff/plan.hpp"
#include "sql/parse_tree.hpp"
#include "sql/routine_text.hpp"

namespace migrate::diff_detail {
namespace {

// Exists once no function of that name and arguments is left: a replacement is created after.
std::string absent_function(const Function& function) {
  return "absent-" + function_key(function.name, function.arguments);
}

std::vector<std::string> function_uses(const Function& function, const Schema& schema) {
  std::vector<std::string> keys = dependency_keys(function.depends_on, schema);
  keys.push_back(schema_key(function.name.schema));
  // Types of the model: what a signature names is known to the server only.
  if (function.depends_on.empty()) {
    for (const Enum& enum_type : schema.enums) keys.push_back(type_key(enum_type.name));
  }
  return keys;
}

std::vector<std::string> trigger_uses(const Trigger& trigger, const Schema& schema) {
  std::vector<std::string> keys = dependency_keys(trigger.depends_on, schema);
  if (schema.find_view(trigger.table)) {
    keys.push_back(view_key(trigger.table));
  } else {
    keys.push_back(table_key(trigger.table));
    if (const Table* table = schema.find_table(trigger.table)) {
      for (const Column& column : table->columns) {
        keys.push_back(column_key(table->name, column.name));
      }
    }
  }
  // A declared trigger the server has not read: its function may be any of the model's.
  if (std::none_of(trigger.depends_on.begin(), trigger.depends_on.end(),
                   [](const Dependency& d) { return d.kind == "function"; })) {
    for (const Function& function : schema.functions) {
      keys.push_back(function_key(function.name, function.arguments));
    }
  }
  return keys;
}

Function without_dependencies(Function function) {
  function.depends_on.clear();
  return function;
}

Trigger without_dependencies(Trigger trigger) {
  trigger.depends_on.clear();
  return trigger;
}

PlannedOperation create_function(const Function& function, const Schema& schema) {
  return {CreateFunction{without_dependencies(function)},
          {function_key(function.name, function.arguments)},
          {},
          function_uses(function, schema)};
}

PlannedOperation drop_function(const Function& function, const Schema& schema) {
  return {DropFunction{without_dependencies(function)},
          {absent_function(function)},
          {function_key(function.name, function.arguments)},
          {},
          function_uses(function, schema)};
}

// The head of a definition in the server's words: everything before " LANGUAGE", that is the
// name, the arguments with their defaults, and the result. CREATE OR REPLACE keeps all of it.
std::optional<std::string> signature_part(const std::string& definition) {
  const auto language = definition.find("\n LANGUAGE ");
  if (language == std::string::npos) return std::nullopt;
  return definition.substr(0, language);
}

bool replaceable(const Function& from, const Function& to) {
  const auto before = signature_part(from.definition);
  return before && from.procedure == to.procedure && before == signature_part(to.definition);
}

PlannedOperation create_trigger(const Trigger& trigger, const Schema& schema) {
  return {CreateTrigger{without_dependencies(trigger)}, {}, {}, trigger_uses(trigger, schema)};
}

PlannedOperation drop_trigger(const Trigger& trigger, const Schema& schema) {
  return {DropTrigger{without_dependencies(trigger)}, {}, {}, {}, trigger_uses(trigger, schema)};
}

bool is_constraint_trigger(const Trigger& trigger) {
  const auto head = sql::trigger_head(trigger.definition);
  return !head || head->constraint;
}

bool trigger_dropped(const Plan& plan, const Trigger& trigger) {
  return std::any_of(plan.begin(), plan.end(), [&](const PlannedOperation& step) {
    const auto* drop = std::get_if<DropTrigger>(&step.op);
    const auto* alter = std::get_if<AlterTrigger>(&step.op);
    return (drop && drop->trigger.table == trigger.table && drop->trigger.name == trigger.name) ||
           (alter && alter->trigger.to.table == trigger.table &&
            alter->trigger.to.name == trigger.name);
  });
}

// Removed by a function's drop, released by what stops calling a function of that name (a
// default, a check, an index expression): the catalog tracks those calls by oid, the model by
// text, so they are matched by name.
std::string called_key(const QualifiedName& function) {
  return "calls:" + function.schema + "." + function.name;
}

void add_calls(const std::optional<std::string>& expression, std::vector<std::string>& keys) {
  if (!expression || expression->empty()) return;
  const auto tree = sql::parse_expression(*expression);
  if (!tree) return;
  for (const auto& name : sql::function_names(*tree)) {
    // Unqualified names are looked up with search_path = public, as reflection prints them.
    if (name.size() == 1) keys.push_back(called_key({default_schema_name, name[0]}));
    if (name.size() == 2) keys.push_back(called_key({name[0], name[1]}));
  }
}

void add_calls(const Column& column, std::vector<std::string>& keys) {
  add_calls(column.default_expr, keys);
  add_calls(column.generated, keys);
}

void add_calls(const Index& index, std::vector<std::string>& keys) {
  add_calls(index.where, keys);
  for (const IndexKey& key : index.keys) add_calls(key.expression, keys);
}

void add_calls(const Constraint& constraint, std::vector<std::string>& keys) {
  if (const auto* check = std::get_if<CheckConstraint>(&constraint)) {
    add_calls(check->expression, keys);
  }
}

// The function names a step stops calling.
std::vector<std::string> calls_given_up(const Operation& op) {
  std::vector<std::string> keys;
  if (const auto* drop = std::get_if<DropTable>(&op)) {
    for (const Column& column : drop->table.columns) add_calls(column, keys);
    for (const CheckConstraint& check : drop->table.checks) add_calls(check.expression, keys);
    for (const Index& index : drop->table.indexes) add_calls(index, keys);
  } else if (const auto* drop = std::get_if<DropColumn>(&op)) {
    add_calls(drop->column, keys);
  } else if (const auto* alter = std::get_if<AlterColumn>(&op)) {
    if (alter->default_expr) add_calls(alter->default_expr->from, keys);
  } else if (const auto* drop = std::get_if<DropConstraint>(&op)) {
    add_calls(drop->constraint, keys);
  } else if (const auto* drop = std::get_if<DropIndex>(&op)) {
    add_calls(drop->index, keys);
  } else if (const auto* drop = std::get_if<DropDomain>(&op)) {
    add_calls(drop->domain.default_expr, keys);
    for (const CheckConstraint& check : drop->domain.checks) add_calls(check.expression, keys);
  } else if (const auto* alter = std::get_if<AlterDomain>(&op)) {
    if (alter->default_expr) add_calls(alter->default_expr->from, keys);
    if (alter->checks) {
      for (const CheckConstraint& check : alter->checks->from) add_calls(check.expression, keys);
    }
  }
  return keys;
}

}  // namespace

// The function names a step starts calling and must find created: a domain's checks and
// default. (A table's are left in plan order: a function's signature may use the table.)
std::vector<std::string> calls_taken_up(const Operation& op) {
  std::vector<std::string> keys;
  const auto add_domain = [&](const Domain& domain) {
    add_calls(domain.default_expr, keys);
    for (const CheckConstraint& check : domain.checks) add_calls(check.expression, keys);
  };
  if (const auto* create = std::get_if<CreateDomain>(&op)) {
    add_domain(create->domain);
  } else if (const auto* alter = std::get_if<AlterDomain>(&op)) {
    if (alter->default_expr) add_calls(alter->default_expr->to, keys);
    if (alter->checks) {
      for (const CheckConstraint& check : alter->checks->to) add_calls(check.expression, keys);
    }
  }
  return keys;
}

void plan_function_users(Plan& plan) {
  for (PlannedOperation& step : plan) {
    if (const auto* drop = std::get_if<DropFunction>(&step.op)) {
      step.removes.push_back(called_key(drop->function.name));
      continue;
    }
    if (const auto* create = std::get_if<CreateFunction>(&step.op)) {
      step.creates.push_back(called_key(create->function.name));
      continue;
    }
    for (std::string& key : calls_given_up(step.op)) step.releases.push_back(std::move(key));
    for (std::string& key : calls_taken_up(step.op)) step.needs.push_back(std::move(key));
  }
}

std::string function_key(const QualifiedName& function, const std::string& arguments) {
  return "function:" + function.schema + "." + function.name + "(" + arguments + ")";
}

void plan_functions(const Schema& from, const Schema& to, Plan& plan) {
  for (const Function& function : to.functions) {
    const Function* existing = from.find_function(function.name, function.arguments);
    if (!existing) {
      PlannedOperation created = create_function(function, to);
      // An overload that replaces another: calls that named the old one would find two.
      for (const Function& old : from.functions) {
        if (old.name == function.name && !to.find_function(old.name, old.arguments)) {
          created.needs.push_back(absent_function(old));
        }
      }
      plan.push_back(std::move(created));
    } else if (!(*existing == function)) {
      if (replaceable(*existing, function)) {
        plan.push_back(
            {ReplaceFunction{{without_dependencies(*existing), without_dependencies(function)}},
             {},
             {},
             function_uses(function, to)});
      } else {
        plan.push_back(drop_function(*existing, from));
        PlannedOperation created = create_function(function, to);
        created.needs.push_back(absent_function(function));
        plan.push_back(std::move(created));
      }
    }
  }
}

void plan_function_drops(const Schema& from, const Schema& to, Plan& plan) {
  for (const Function& function : from.functions) {
    if (!to.find_function(function.name, function.arguments)) {
      plan.push_back(drop_function(function, from));
    }
  }
}

void plan_rebuilt_functions(const Schema& from, const Schema& to, Plan& plan) {
  std::set<std::string> retyped;
  std::set<std::string> dropped;
  for (const PlannedOperation& step : plan) {
    for (const std::string& key : step.removes) {
      if (key.rfind("retyped:", 0) == 0) retyped.insert(key);
    }
    if (const auto* drop = std::get_if<DropFunction>(&step.op)) {
      dropped.insert(function_key(drop->function.name, drop->function.arguments));
    }
  }
  if (retyped.empty()) return;
  for (const Function& function : from.functions) {
    const Function* kept = to.find_function(function.name, function.arguments);
    if (!kept || dropped.count(function_key(function.name, function.arguments))) continue;
    const auto keys = function_uses(function, from);
    if (std::none_of(keys.begin(), keys.end(),
                     [&](const std::string& key) { return retyped.count(key) > 0; })) {
      continue;
    }
    plan.push_back(drop_function(function, from));
    PlannedOperation created = create_function(*kept, to);
    created.needs.push_back(absent_function(*kept));
    plan.push_back(std::move(created));
  }
}

void plan_triggers(const Schema& from, const Schema& to, Plan& plan) {
  for (const Trigger& trigger : to.triggers) {
    const Trigger* existing = from.find_trigger(trigger.table, trigger.name);
    if (!existing) {
      plan.push_back(create_trigger(trigger, to));
    } else if (!(*existing == trigger)) {
      if (existing->definition != trigger.definition &&
          (is_constraint_trigger(*existing) || is_constraint_trigger(trigger))) {
        plan.push_back(drop_trigger(*existing, from));
        plan.push_back(create_trigger(trigger, to));
      } else {
        PlannedOperation altered = create_trigger(trigger, to);
        altered.op = AlterTrigger{{without_dependencies(*existing), without_dependencies(trigger)}};
        altered.releases = trigger_uses(*existing, from);  // a function it no longer calls
        plan.push_back(std::move(altered));
      }
    }
  }
  for (const Trigger& trigger : from.triggers) {
    if (!to.find_trigger(trigger.table, trigger.name)) plan.push_back(drop_trigger(trigger, from));
  }
}

void plan_rebuilt_triggers(const Schema& from, const Schema& to, Plan& plan) {
  std::set<std::string> removed;
  for (const PlannedOperation& step : plan)
    removed.insert(step.removes.begin(), step.removes.end());
  for (const Trigger& trigger : from.triggers) {
    const Trigger* kept = to.find_trigger(trigger.table, trigger.name);
    if (!kept || trigger_dropped(plan, trigger)) continue;
    const auto keys = trigger_uses(trigger, from);
    if (std::none_of(keys.begin(), keys.end(),
                     [&](const std::string& key) { return removed.count(key) > 0; })) {
      continue;
    }
    plan.push_back(drop_trigger(trigger, from));
    plan.push_back(create_trigger(*kept, to));
  }
}

}  // namespace migrate::diff_detail
