#pragma once
// How revisions are written in listings (current, heads, branches, history, show).

#include <string>

#include "migrate/graph.hpp"

namespace migrate::cli {

// "<id> (label, ...)" or "<id>", with the labels spread as RevisionGraph::branch_labels says.
std::string with_labels(const RevisionGraph& graph, const std::string& id);
// " (head)" or " (effective head)", " (current)" when asked, " (branchpoint)", " (mergepoint)",
// as they apply and in Alembic's order.
std::string markers(const RevisionGraph& graph, const std::string& id, bool current = false);
// "<parents>[ (<depends_on as written>)] -> <id>[ (labels)][ markers], <message>", as Alembic's
// history prints.
std::string history_line(const RevisionGraph& graph, const Revision& revision,
                         bool current = false);

}  // namespace migrate::cli
