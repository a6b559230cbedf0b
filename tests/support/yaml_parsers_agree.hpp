#pragma once
// Whether migrate's two YAML parsers read a text the same way. When the common-subset parser
// takes the text, yaml-cpp's must read it too, into the same documents (kinds, scalar text, plain
// or not, the marks of every node).

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "migrate/error.hpp"

#include "yaml/node.hpp"
#include "yaml/subset_parser.hpp"
#include "yaml/tree_builder.hpp"

namespace migrate::test {

inline std::string yaml_node_difference(yaml::Node a, yaml::Node b, const std::string& path) {
  const auto where = [&](yaml::Node n) {
    return fmt::format("kind {} at {}:{}", static_cast<int>(n.kind()), n.mark().line,
                       n.mark().column);
  };
  if (a.kind() != b.kind() || a.mark().line != b.mark().line ||
      a.mark().column != b.mark().column) {
    return fmt::format("{}: subset {}, yaml-cpp {}", path, where(a), where(b));
  }
  if (a.is_scalar() && (a.view() != b.view() || a.is_plain() != b.is_plain())) {
    return fmt::format("{}: subset '{}' (plain {}), yaml-cpp '{}' (plain {})", path, a.view(),
                       a.is_plain(), b.view(), b.is_plain());
  }
  if (a.size() != b.size()) {
    return fmt::format("{}: subset {} entries, yaml-cpp {}", path, a.size(), b.size());
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::string difference;
    if (a.is_map()) {
      difference = yaml_node_difference(a.key(i), b.key(i), fmt::format("{}/key {}", path, i));
      if (difference.empty()) {
        difference = yaml_node_difference(a.value(i), b.value(i),
                                          fmt::format("{}/{}", path, a.key(i).view()));
      }
    } else {
      difference = yaml_node_difference(a.item(i), b.item(i), fmt::format("{}/{}", path, i));
    }
    if (!difference.empty()) return difference;
  }
  return {};
}

// "" when the two agree (or the subset parser leaves the text to yaml-cpp), else what differs.
// subset_took, when given, says whether the subset parser took the text.
inline std::string yaml_parsers_disagree(std::string_view text, bool* subset_took = nullptr) {
  const std::string file = "text.yaml";
  yaml::Store subset_store;
  yaml::TreeBuilder builder(subset_store, file);
  const bool took = yaml::parse_common_subset(text, builder);
  if (subset_took != nullptr) *subset_took = took;
  if (!took) return {};
  const std::vector<yaml::Node>& subset = builder.documents;

  yaml::Store full_store;
  std::vector<yaml::Node> full;
  try {
    full = yaml::parse_with_yaml_cpp(text, full_store, file);
  } catch (const FileError& e) {
    return fmt::format("the subset parser read it, yaml-cpp: {}", e.what());
  }
  if (subset.size() != full.size()) {
    return fmt::format("subset {} documents, yaml-cpp {}", subset.size(), full.size());
  }
  for (std::size_t i = 0; i < subset.size(); ++i) {
    std::string difference = yaml_node_difference(subset[i], full[i], fmt::format("doc {}", i));
    if (!difference.empty()) return difference;
  }
  return {};
}

}  // namespace migrate::test
