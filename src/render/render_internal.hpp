#pragma once
// Helpers shared by the files of src/render/.

#include <string>
#include <vector>

#include "migrate/operations.hpp"

namespace migrate {

using Statements = std::vector<std::string>;

std::string quote_list(const std::vector<std::string>& identifiers);
std::string identity_clause(const Identity& identity);
std::string sequence_clauses(const SequenceOptions& options);  // " START WITH 1 ..." or ""
// Every option spelled out, defaults included ("NO MINVALUE", "CACHE 1"), so that an alter
// leaves exactly these options whatever they were before.
std::vector<std::string> every_sequence_option(const SequenceOptions& options);
std::string index_definition(const QualifiedName& table, const Index& index);
// CREATE INDEX, then its comment.
Statements index_statements(const QualifiedName& relation, const Index& index);
std::string comment_statement(const SetComment& op);
// The comment of a created object, where it has one.
void add_comment(Statements& sql, CommentTarget target, const QualifiedName& object,
                 const std::string& part, const std::optional<std::string>& comment);

// Domains (domains.cpp).
Statements create_domain(const Domain& domain);
Statements drop_domain(const Domain& domain);
Statements alter_domain(const AlterDomain& op);

// Composite types (composite_types.cpp).
Statements create_composite_type(const CompositeType& type);
Statements alter_composite_type(const AlterCompositeType& op);

// Functions, procedures and triggers (routines.cpp).
Statements create_function(const Function& function);
Statements drop_function(const Function& function);
Statements replace_function(const Change<Function>& change);
Statements create_trigger(const Trigger& trigger);
Statements drop_trigger(const Trigger& trigger);
Statements alter_trigger(const Change<Trigger>& change);

}  // namespace migrate
