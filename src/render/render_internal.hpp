#pragma once
// Helpers shared by the files of src/render/.

#include <string>
#include <vector>

#include "migrate/schema.hpp"

namespace migrate {

std::string quote_list(const std::vector<std::string>& identifiers);
std::string identity_clause(const Identity& identity);
std::string sequence_clauses(const SequenceOptions& options);  // " START WITH 1 ..." or ""
std::string index_definition(const QualifiedName& table, const Index& index);

}  // namespace migrate
