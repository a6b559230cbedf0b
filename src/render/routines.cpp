// Functions, procedures and triggers: their definitions are the server's own statements (or the
// declared ones), so rendering is choosing CREATE or CREATE OR REPLACE and adding what the
// definition does not hold (a trigger's state, comments).

#include <fmt/format.h>

#include "migrate/render.hpp"

#include "render/render_internal.hpp"
#include "sql/routine_text.hpp"

namespace migrate {
namespace {

std::string routine_signature(const Function& function) {
  return fmt::format("{} {}({})", function.procedure ? "PROCEDURE" : "FUNCTION",
                     quote_name(function.name), function.arguments);
}

std::string trigger_target(const Trigger& trigger) {
  return fmt::format("{} ON {}", quote_ident(trigger.name), quote_name(trigger.table));
}

std::string function_comment(const Function& function) {
  return fmt::format("COMMENT ON {} IS {}", routine_signature(function),
                     function.comment ? quote_literal(*function.comment) : "NULL");
}

std::string trigger_comment(const Trigger& trigger) {
  return fmt::format("COMMENT ON TRIGGER {} IS {}", trigger_target(trigger),
                     trigger.comment ? quote_literal(*trigger.comment) : "NULL");
}

std::string trigger_state(const Trigger& trigger) {
  const char* clause = "ENABLE";
  if (trigger.enabled == TriggerEnabled::disabled) clause = "DISABLE";
  if (trigger.enabled == TriggerEnabled::replica) clause = "ENABLE REPLICA";
  if (trigger.enabled == TriggerEnabled::always) clause = "ENABLE ALWAYS";
  return fmt::format("ALTER TABLE {} {} TRIGGER {}", quote_name(trigger.table), clause,
                     quote_ident(trigger.name));
}

// The definition starting with CREATE [OR REPLACE] as asked, whichever it was written with.
std::string routine_statement(const Function& function, bool replace) {
  const auto head = sql::routine_head(function.definition);
  if (!head) return function.definition;
  return fmt::format("CREATE {}{} {}", replace ? "OR REPLACE " : "",
                     head->procedure ? "PROCEDURE" : "FUNCTION",
                     function.definition.substr(head->name.begin));
}

Statements with_bodies_unchecked(const Function& function, std::string statement) {
  // A LANGUAGE sql body is checked when created, and may read tables created after it (as a
  // default of theirs may call it): unchecked, as pg_dump creates it.
  if (!sql::routine_head(function.definition).value_or(sql::RoutineHead{}).sql_string_body) {
    return {std::move(statement)};
  }
  return {"SET check_function_bodies = false", std::move(statement), "RESET check_function_bodies"};
}

std::string trigger_statement(const Trigger& trigger, bool replace) {
  const auto head = sql::trigger_head(trigger.definition);
  if (!replace || !head) return trigger.definition;
  return "CREATE OR REPLACE TRIGGER " + trigger.definition.substr(head->name.begin);
}

}  // namespace

Statements create_function(const Function& function) {
  Statements statements = with_bodies_unchecked(function, routine_statement(function, false));
  if (function.comment) statements.push_back(function_comment(function));
  return statements;
}

Statements drop_function(const Function& function) {
  return {"DROP " + routine_signature(function)};
}

Statements replace_function(const Change<Function>& change) {
  Statements statements;
  if (change.from.definition != change.to.definition) {
    statements = with_bodies_unchecked(change.to, routine_statement(change.to, true));
  }
  if (change.from.comment != change.to.comment) statements.push_back(function_comment(change.to));
  return statements;
}

Statements create_trigger(const Trigger& trigger) {
  Statements statements = {trigger.definition};
  if (trigger.enabled != TriggerEnabled::origin) statements.push_back(trigger_state(trigger));
  if (trigger.comment) statements.push_back(trigger_comment(trigger));
  return statements;
}

Statements drop_trigger(const Trigger& trigger) {
  return {"DROP TRIGGER " + trigger_target(trigger)};
}

Statements alter_trigger(const Change<Trigger>& change) {
  Statements statements;
  if (change.from.definition != change.to.definition) {
    statements.push_back(trigger_statement(change.to, true));
  }
  if (change.from.enabled != change.to.enabled) statements.push_back(trigger_state(change.to));
  if (change.from.comment != change.to.comment) statements.push_back(trigger_comment(change.to));
  return statements;
}

}  // namespace migrate
