#pragma once
// A schema as PostgreSQL holds it after ALTER ... RENAME: the catalog refers to tables and
// columns by number, so every reference follows the new name, and deparsed expressions print it.

#include <string>

#include "migrate/schema.hpp"

namespace migrate::diff_detail {

// `expression` with each unqualified reference to column `from` spelled `to` (quoted as needed),
// as PostgreSQL's parser finds them: not a function, type, literal, qualified name or keyword.
// An expression that does not parse is returned as it is.
std::string rename_column_in_expression(const std::string& expression, const std::string& from,
                                        const std::string& to);

// The same for a table constraint's definition as pg_get_constraintdef prints it, where an
// exclusion's elements and INCLUDE list name columns too.
std::string rename_column_in_constraint(const std::string& definition, const std::string& from,
                                        const std::string& to);

// Renames the table and every foreign key and owned sequence that names it. Leaves schema's
// tables unsorted.
void rename_table_in(Schema& schema, const QualifiedName& table, const std::string& to);

// Renames the column and every key, index, expression, foreign key and owned sequence naming it.
void rename_column_in(Schema& schema, const QualifiedName& table, const std::string& from,
                      const std::string& to);

}  // namespace migrate::diff_detail
