#pragma once
// How revisions are written in listings (current, heads, branches, history, show).

#include <string>

#include "migrate/graph.hpp"

namespace migrate::cli {

// "<id> (label, ...)" or "<id>".
std::string with_labels(const Revision& revision);
// " (head)", " (effective head)", " (branchpoint)", " (mergepoint)" as they apply.
std::string markers(const RevisionGraph& graph, const std::string& id);
// "<parents> -> <id>[ markers], <message>" as Alembic's history prints.
std::string history_line(const RevisionGraph& graph, const Revision& revision);

}  // namespace migrate::cli
