// Functions, procedures and triggers from their catalog rows (queries::functions, triggers and
// their dependencies).

#include "catalog/connection.hpp"
#include "catalog/reflect_rows.hpp"
#include "sql/routine_text.hpp"

namespace migrate {
namespace {

TriggerEnabled trigger_enabled(const std::string& tgenabled) {
  if (tgenabled == "D") return TriggerEnabled::disabled;
  if (tgenabled == "R") return TriggerEnabled::replica;
  if (tgenabled == "A") return TriggerEnabled::always;
  return TriggerEnabled::origin;
}

}  // namespace

void read_functions(const pqxx::result& rows, FunctionsByOid& functions) {
  for (const auto& row : rows) {
    Function function{{row[1].as<std::string>(), row[2].as<std::string>()},
                      row[3].as<std::string>(),
                      row[4].as<bool>(),
                      sql::definition_text(row[5].as<std::string>()) + "\n"};
    if (!row[6].is_null()) function.comment = row[6].as<std::string>();
    functions.emplace(row[0].as<pqxx::oid>(), std::move(function));
  }
}

void read_function_dependencies(const pqxx::result& rows, FunctionsByOid& functions) {
  read_dependencies(rows, functions);
}

void read_triggers(const pqxx::result& rows, TriggersByOid& triggers) {
  for (const auto& row : rows) {
    Trigger trigger{{row[1].as<std::string>(), row[2].as<std::string>()},
                    row[3].as<std::string>(),
                    sql::definition_text(row[4].as<std::string>()),
                    trigger_enabled(row[5].as<std::string>())};
    if (!row[6].is_null()) trigger.comment = row[6].as<std::string>();
    trigger.depends_on.push_back({"function",
                                  {row[7].as<std::string>(), row[8].as<std::string>()},
                                  row[9].as<std::string>()});
    triggers.emplace(row[0].as<pqxx::oid>(), std::move(trigger));
  }
}

void read_trigger_dependencies(const pqxx::result& rows, TriggersByOid& triggers) {
  read_dependencies(rows, triggers);
}

}  // namespace migrate
