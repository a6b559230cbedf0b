#pragma once
// A schema as PostgreSQL holds it after ALTER ... RENAME: the catalog refers to tables and
// columns by number, so every reference follows the new name, and deparsed expressions print it.

#include <string>

#include "migrate/schema.hpp"

namespace migrate::diff_detail {

// `expression` with each reference to column `from` spelled `to` (quoted as needed): bare and
// quoted identifiers outside string literals, except a function's name (followed by "("), a type
// (after "::"), a name qualified by another (after "."), the field of EXTRACT, and a bare
// keyword (a name quote_ident quotes is a column only when quoted).
std::string rename_column_in_expression(const std::string& expression, const std::string& from,
                                        const std::string& to);

// Renames the table and every foreign key and owned sequence that names it. Leaves schema's
// tables unsorted.
void rename_table_in(Schema& schema, const QualifiedName& table, const std::string& to);

// Renames the column and every key, index, expression, foreign key and owned sequence naming it.
void rename_column_in(Schema& schema, const QualifiedName& table, const std::string& from,
                      const std::string& to);

}  // namespace migrate::diff_detail
