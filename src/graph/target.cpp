// Targets: resolving a revision, parsing what was typed, and what a target names.

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "migrate/graph.hpp"

#include "graph/graph_internal.hpp"

namespace migrate {
namespace {

constexpr std::size_t shown_matches = 10;

// Adds the keys of `map` starting with `prefix`, and the revisions they name.
template <typename Map, typename RevisionOf>
void add_prefixed(const Map& map, const std::string& prefix, RevisionOf revision_of,
                  std::vector<std::string>& keys, std::set<std::string>& revisions) {
  for (auto it = map.lower_bound(prefix); it != map.end() && it->first.starts_with(prefix); ++it) {
    keys.push_back(it->first);
    revisions.insert(revision_of(*it));
  }
}

RevisionError ambiguous(const std::string& target, std::vector<std::string> keys) {
  std::sort(keys.begin(), keys.end());
  const std::size_t shown = std::min(keys.size(), shown_matches);
  std::string list = graph::join({keys.begin(), keys.begin() + shown});
  if (keys.size() > shown) list += fmt::format(" and {} more", keys.size() - shown);
  return RevisionError(fmt::format("ambiguous revision '{}': matches {}", target, list));
}

}  // namespace

std::string RevisionGraph::resolve(const std::string& target) const {
  if (index_.contains(target)) return target;
  if (const auto it = labels_.find(target); it != labels_.end()) return it->second;
  std::vector<std::string> keys;
  std::set<std::string> matched;
  if (!target.empty()) {
    add_prefixed(
        index_, target, [](const auto& entry) { return entry.first; }, keys, matched);
    add_prefixed(
        labels_, target, [](const auto& entry) { return entry.second; }, keys, matched);
  }
  if (matched.size() == 1) return *matched.begin();
  if (matched.empty()) throw RevisionError(fmt::format("no revision matches '{}'", target));
  throw ambiguous(target, std::move(keys));
}

}  // namespace migrate

namespace migrate::graph {
namespace {

RevisionError malformed(const std::string& text) {
  return RevisionError(fmt::format(
      "malformed target '{}' (expected a revision, head, heads, base, LABEL@head, LABEL@base, "
      "+N, -N, REV+N, REV-N, LABEL@+N or LABEL@-N, with N at least 1)",
      text));
}

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::vector<std::string> single_head(const RevisionGraph& graph) {
  std::vector<std::string> heads = graph.heads();
  if (heads.size() > 1) {
    throw RevisionError(fmt::format(
        "'head' is ambiguous: there are {} heads: {}. Use 'heads' for all of them, 'LABEL@head' "
        "for one branch, or join them with 'migrate merge'",
        heads.size(), describe_heads(graph, heads)));
  }
  return heads;
}

// LABEL@head, LABEL@heads, LABEL@REV: the heads on the label's line, or REV checked to be on it.
std::vector<std::string> on_branch(const RevisionGraph& graph, const Target& target) {
  const std::set<std::string> line = lineage(graph, graph.resolve(target.label));
  if (target.symbol == "head" || target.symbol == "heads") {
    std::vector<std::string> heads = graph.heads();
    std::erase_if(heads, [&](const std::string& id) { return !line.contains(id); });
    if (target.symbol == "head" && heads.size() > 1) {
      throw RevisionError(fmt::format("'{}' is ambiguous: branch '{}' has {} heads: {}. Name one",
                                      target.text, target.label, heads.size(),
                                      describe_heads(graph, heads)));
    }
    return heads;
  }
  const std::string revision = graph.resolve(target.symbol);
  if (!line.contains(revision)) {
    throw RevisionError(fmt::format("'{}': revision '{}' is not on branch '{}'", target.text,
                                    revision, target.label));
  }
  return {revision};
}

}  // namespace

Target parse_target(const std::string& text) {
  Target target{text};
  std::string rest = text;
  const auto at = text.find('@');
  if (at != std::string::npos) {
    target.label = text.substr(0, at);
    rest = text.substr(at + 1);
    if (target.label.empty()) throw malformed(text);
  }
  const auto sign = rest.find_first_of("+-");
  if (sign != std::string::npos) {
    const std::string digits = rest.substr(sign + 1);
    if (!all_digits(digits) || digits.size() > 9 || std::stoi(digits) == 0) throw malformed(text);
    target.delta = std::stoi(digits) * (rest[sign] == '-' ? -1 : 1);
    rest.resize(sign);
  }
  target.symbol = rest;
  if (target.symbol.empty() && !target.delta) throw malformed(text);
  return target;
}

std::vector<std::string> named_revisions(const RevisionGraph& graph, const Target& target) {
  if (target.symbol == "base") return {};
  if (!target.label.empty()) return on_branch(graph, target);
  if (target.symbol == "head") return single_head(graph);
  if (target.symbol == "heads") return graph.real_heads();
  return {graph.resolve(target.symbol)};
}

Position named_position(const RevisionGraph& graph, const Target& target) {
  if (target.symbol == "base") return std::nullopt;
  const std::vector<std::string> named = named_revisions(graph, target);
  if (named.size() != 1) {
    throw RevisionError(fmt::format("'{}' needs one revision to start from, but '{}' names {}",
                                    target.text, target.symbol,
                                    named.empty() ? "none" : join(named)));
  }
  return named.front();
}

}  // namespace migrate::graph
