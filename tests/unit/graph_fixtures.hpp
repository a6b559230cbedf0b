#pragma once
// Small revision graphs for the [graph] tests, built in code.

#include <string>
#include <vector>

#include "migrate/graph.hpp"

namespace migrate::testing {

using Ids = std::vector<std::string>;

inline Revision rev(const std::string& id, Ids parents = {}, Ids depends_on = {}, Ids labels = {}) {
  Revision revision;
  revision.id = id;
  revision.parents = std::move(parents);
  revision.depends_on = std::move(depends_on);
  revision.branch_labels = std::move(labels);
  return revision;
}

}  // namespace migrate::testing
