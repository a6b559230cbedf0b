#pragma once
// Where the names are in the text of a CREATE FUNCTION, CREATE PROCEDURE or CREATE TRIGGER
// statement, found by PostgreSQL's scanner and parser: so that a declared definition can be
// given its schema, or created under another name to be put in the server's words, without
// touching its body.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::sql {

// A statement as definitions hold it: without the blanks around it and its semicolons.
std::string definition_text(std::string_view statement);

// A name in a statement: its byte range and its parts as the parser reads them ("app.f": app, f).
struct NameSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<std::string> parts = {};
};

// CREATE [OR REPLACE] FUNCTION|PROCEDURE name (...) ...
struct RoutineHead {
  NameSpan name = {};
  bool procedure = false;
  // Identity arguments as written, each "[mode ]name type" with the type normalized as a
  // column's is ("a integer, OUT b text"), as pg_get_function_identity_arguments prints them
  // for built-in types.
  std::string arguments = {};
  std::string argument_types = {};  // the same without modes and names: what makes it one routine
  bool sql_string_body = false;     // LANGUAGE sql with an AS '...' body, checked when created
};
std::optional<RoutineHead> routine_head(std::string_view statement);

// CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name ... ON relation ...
struct TriggerHead {
  NameSpan name = {};
  NameSpan relation = {};
  bool constraint = false;
};
std::optional<TriggerHead> trigger_head(std::string_view statement);

}  // namespace migrate::sql
