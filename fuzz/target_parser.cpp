// Targets as typed on the command line (head, ab12, north@-2, a:b ...) against a branched,
// merged, labeled graph: every command that takes a target plans or refuses with InputError.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "migrate/error.hpp"
#include "migrate/graph.hpp"

namespace {

migrate::Revision rev(std::string id, std::vector<std::string> parents,
                      std::vector<std::string> labels = {},
                      std::vector<std::string> depends_on = {}) {
  migrate::Revision revision;
  revision.id = std::move(id);
  revision.parents = std::move(parents);
  revision.branch_labels = std::move(labels);
  revision.depends_on = std::move(depends_on);
  return revision;
}

// aaa111 branches into bbb222 (north) -> ccc333 and ddd444 (south) -> eee555, merged by fff666;
// ggg777 (other) is a second base that depends on north.
const migrate::RevisionGraph& graph() {
  static const migrate::RevisionGraph instance({
      rev("aaa111", {}),
      rev("bbb222", {"aaa111"}, {"north"}),
      rev("ccc333", {"bbb222"}),
      rev("ddd444", {"aaa111"}, {"south"}),
      rev("eee555", {"ddd444"}),
      rev("fff666", {"ccc333", "eee555"}),
      rev("ggg777", {}, {"other"}, {"north"}),
  });
  return instance;
}

template <typename Call>
void refused_or_done(Call call) {
  try {
    call();
  } catch (const migrate::InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string target(reinterpret_cast<const char*>(data), size);
  const auto& g = graph();
  const std::vector<std::vector<std::string>> row_sets = {{}, {"ccc333"}, {"eee555", "ggg777"}};
  for (const auto& rows : row_sets) {
    refused_or_done([&] { g.plan_upgrade(rows, target); });
    refused_or_done([&] { g.plan_downgrade(rows, target); });
    refused_or_done([&] { g.stamp(rows, target); });
  }
  refused_or_done([&] { g.resolve(target); });
  return 0;
}
