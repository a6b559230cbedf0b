#pragma once
// Operations rendered as PostgreSQL SQL. This is the only place that writes SQL for operations:
// statements come without a trailing semicolon and without a connection, so `--sql` prints
// exactly what an upgrade runs.

#include <string>
#include <vector>

#include "migrate/operations.hpp"

namespace migrate {

// An identifier quoted where PostgreSQL's quote_ident() would quote it: anything but lowercase
// letters, digits, '_' (not leading a digit) that is not a non-unreserved keyword.
std::string quote_ident(const std::string& identifier);

// "schema.name", each part through quote_ident.
std::string quote_name(const QualifiedName& name);

// A string literal: 'it''s'; with backslashes, an E'' literal as quote_literal() does.
std::string quote_literal(const std::string& value);

// Whether an alter_enum renders as a rebuild of the type (not ADD VALUE): every use is converted.
bool rebuilds_type(const AlterEnumValues& op);

// The statements that perform op, in order.
std::vector<std::string> render(const Operation& op);

// The statements of a whole list, in order.
std::vector<std::string> render(const std::vector<Operation>& ops);

// A column's definition inside CREATE TABLE / ADD COLUMN: name, type, NOT NULL, DEFAULT, ...
std::string column_definition(const Column& column);

// A constraint's definition after "CONSTRAINT name": "PRIMARY KEY (id)", "CHECK (x > 0)" ...
std::string constraint_definition(const Constraint& constraint);

}  // namespace migrate
