// Checks of a revision graph while it is built: ids, references, branch labels, cycles.

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "migrate/graph.hpp"

#include "graph/graph_internal.hpp"

namespace migrate::graph {
namespace {

// "versions/ab_x.yaml:3:10: " where the key's value stands, "versions/ab_x.yaml: " when the
// key was not read from the file, or nothing for a revision built in code.
std::string where(const Revision& revision, const std::string& key = {}) {
  if (revision.file.empty()) return {};
  const Revision::Place none;
  const Revision::Place& place = key == "parents"         ? revision.places.parents
                                 : key == "branch_labels" ? revision.places.branch_labels
                                 : key == "depends_on"    ? revision.places.depends_on
                                                          : none;
  if (place.line == 0) return revision.file.string() + ": ";
  return fmt::format("{}:{}:{}: ", revision.file.string(), place.line, place.column);
}

// kind: how one entry is named in messages; key: the file's key that lists them.
void check_list(const Revision& revision, const std::vector<std::string>& ids,
                const std::map<std::string, std::size_t>& index, const char* kind,
                const char* key) {
  for (auto it = ids.begin(); it != ids.end(); ++it) {
    const std::string& id = *it;
    if (!index.contains(id)) {
      throw RevisionError(fmt::format("{}{} '{}' of revision '{}' names no revision{}",
                                      where(revision, key), kind, id, revision.id,
                                      std::string(key) == "depends_on" ? " or branch label" : ""));
    }
    if (std::find(ids.begin(), it, id) != it) {  // lists are short: no set needed
      throw RevisionError(fmt::format("{}{} '{}' of revision '{}' is listed twice",
                                      where(revision, key), kind, id, revision.id));
    }
  }
}

// Why a label cannot be one, if it cannot: it would read as a keyword or a relative target.
std::optional<std::string> label_problem(const std::string& label) {
  if (label.empty()) return "is empty";
  if (label == "head" || label == "heads" || label == "base") return "is a reserved word";
  if (label.find_first_of("@+-:") != std::string::npos) {
    return "may not contain '@', '+', '-' or ':'";
  }
  return std::nullopt;
}

// The predecessors (parents and depends_on) of each revision.
std::map<std::string, std::set<std::string>> predecessors(const std::vector<Revision>& revisions,
                                                          const Dependencies& dependencies) {
  std::map<std::string, std::set<std::string>> result;
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    auto& preds = result[revisions[i].id];
    preds.insert(revisions[i].parents.begin(), revisions[i].parents.end());
    preds.insert(dependencies[i].begin(), dependencies[i].end());
  }
  return result;
}

// Every unplaceable revision has an unplaceable predecessor, so walking down from the smallest
// one repeats a revision: the repeated stretch is a cycle.
std::vector<std::string> find_cycle(const std::map<std::string, std::set<std::string>>& preds,
                                    const std::set<std::string>& rest) {
  std::vector<std::string> path{*rest.begin()};
  while (std::count(path.begin(), path.end(), path.back()) < 2) {
    const auto& before = preds.at(path.back());
    path.push_back(*std::find_if(before.begin(), before.end(),
                                 [&](const std::string& id) { return rest.contains(id); }));
  }
  // path ends v, …, v, each entry a predecessor of the one before: reverse for upgrade direction.
  auto first = std::find(path.begin(), path.end(), path.back());
  std::vector<std::string> cycle(std::next(first), path.end());
  std::reverse(cycle.begin(), cycle.end());
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  cycle.push_back(cycle.front());
  return cycle;
}

}  // namespace

std::map<std::string, std::size_t> index_ids(const std::vector<Revision>& revisions) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    const auto [it, added] = index.emplace(revisions[i].id, i);
    if (!added) {
      throw RevisionError(
          fmt::format("{}revision id '{}' is also used by {}", where(revisions[i]), revisions[i].id,
                      revisions[it->second].file.empty() ? "another revision"
                                                         : revisions[it->second].file.string()));
    }
  }
  return index;
}

void check_references(const std::vector<Revision>& revisions,
                      const std::map<std::string, std::size_t>& index,
                      const Dependencies& dependencies) {
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    check_list(revisions[i], revisions[i].parents, index, "parent", "parents");
    check_list(revisions[i], dependencies[i], index, "depends_on", "depends_on");
  }
}

std::map<std::string, std::string> index_labels(const std::vector<Revision>& revisions,
                                                const std::map<std::string, std::size_t>& index) {
  std::map<std::string, std::string> labels;
  for (const Revision& revision : revisions) {
    for (const std::string& label : revision.branch_labels) {
      const auto prefix = fmt::format("{}branch label '{}' of revision '{}'",
                                      where(revision, "branch_labels"), label, revision.id);
      if (const auto problem = label_problem(label)) {
        throw RevisionError(fmt::format("{} {}", prefix, *problem));
      }
      if (index.contains(label)) throw RevisionError(prefix + " is also a revision id");
      const auto [it, added] = labels.emplace(label, revision.id);
      if (!added && it->second == revision.id) throw RevisionError(prefix + " is listed twice");
      if (!added) {
        throw RevisionError(fmt::format("{} is already used by revision '{}'", prefix, it->second));
      }
    }
  }
  return labels;
}

Dependencies resolve_dependencies(const std::vector<Revision>& revisions,
                                  const std::map<std::string, std::size_t>& index,
                                  const std::map<std::string, std::string>& labels) {
  Dependencies result(revisions.size());
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    std::vector<std::string>& ids = result[i];
    for (const std::string& dependency : revisions[i].depends_on) {
      const auto label = labels.find(dependency);
      ids.push_back(index.contains(dependency) || label == labels.end() ? dependency
                                                                        : label->second);
    }
  }
  return result;
}

namespace {

// Kahn's algorithm over positions in `revisions`, edges stored as one array; what it cannot
// place lies on or above a cycle. The usual graph, one without a cycle, is checked without
// building a string per edge.
std::set<std::string> unplaceable(const std::vector<Revision>& revisions,
                                  const std::map<std::string, std::size_t>& index,
                                  const Dependencies& dependencies) {
  const std::size_t count = revisions.size();
  std::vector<std::pair<std::size_t, std::size_t>> edges;  // (predecessor, successor)
  edges.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    for (const std::string& parent : revisions[i].parents) edges.emplace_back(index.at(parent), i);
    for (const std::string& target : dependencies[i]) {
      edges.emplace_back(index.at(target), i);
    }
  }
  std::vector<std::size_t> first_successor(count + 1, 0);
  std::vector<std::size_t> waiting(count, 0);
  for (const auto& [before, after] : edges) {
    ++first_successor[before + 1];
    ++waiting[after];
  }
  for (std::size_t i = 0; i < count; ++i) first_successor[i + 1] += first_successor[i];
  std::vector<std::size_t> successors(edges.size());
  std::vector<std::size_t> filled(first_successor.begin(), first_successor.end() - 1);
  for (const auto& [before, after] : edges) successors[filled[before]++] = after;
  std::vector<std::size_t> ready;
  for (std::size_t i = 0; i < count; ++i) {
    if (waiting[i] == 0) ready.push_back(i);
  }
  while (!ready.empty()) {
    const std::size_t at = ready.back();
    ready.pop_back();
    for (std::size_t k = first_successor[at]; k < first_successor[at + 1]; ++k) {
      if (--waiting[successors[k]] == 0) ready.push_back(successors[k]);
    }
  }
  std::set<std::string> rest;
  for (std::size_t i = 0; i < count; ++i) {
    if (waiting[i] != 0) rest.insert(revisions[i].id);
  }
  return rest;
}

}  // namespace

void check_acyclic(const std::vector<Revision>& revisions,
                   const std::map<std::string, std::size_t>& index,
                   const Dependencies& dependencies) {
  const std::set<std::string> rest = unplaceable(revisions, index, dependencies);
  if (rest.empty()) return;
  const std::vector<std::string> cycle = find_cycle(predecessors(revisions, dependencies), rest);
  // Point at the edge that closes the cycle: the first revision's entry naming the last one.
  const Revision& first = revisions[index.at(cycle[1])];
  const bool by_parent =
      std::find(first.parents.begin(), first.parents.end(), cycle[0]) != first.parents.end();
  throw RevisionError(fmt::format("{}revision graph has a cycle: {}",
                                  where(first, by_parent ? "parents" : "depends_on"),
                                  fmt::join(cycle, " -> ")));
}

}  // namespace migrate::graph
