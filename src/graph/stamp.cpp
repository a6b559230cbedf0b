// RevisionGraph::stamp: the version table rows after `stamp TARGET`, which runs nothing.

#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "migrate/graph.hpp"

#include "graph/graph_internal.hpp"

namespace migrate {

// rows' = (rows − (anc*(REV) ∪ desc*(REV))) ∪ {REV}, for each revision the target names.
std::vector<std::string> RevisionGraph::stamp(const std::vector<std::string>& rows,
                                              const std::string& target) const {
  const graph::Target parsed = graph::parse_target(target);
  if (parsed.delta || (parsed.symbol == "base" && !parsed.label.empty())) {
    throw RevisionError(fmt::format(
        "'{}' is not a stamp target (expected a revision, head, heads, LABEL@head or base)",
        target));
  }
  // base clears the table even when it lists unknown revisions: that is how one recovers.
  if (parsed.symbol == "base") return {};
  graph::applied_set(*this, rows);  // checks the rows
  std::set<std::string> result(rows.begin(), rows.end());
  for (const std::string& id : graph::named_revisions(*this, parsed)) {
    std::set<std::string> line = ancestors({id});
    line.merge(descendants({id}));
    std::erase_if(result, [&](const std::string& row) { return line.contains(row); });
    result.insert(id);
  }
  return graph::to_vector(result);
}

}  // namespace migrate
