#include "cli/new_revision.hpp"

#include <chrono>
#include <fstream>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "migrate/error.hpp"

namespace migrate::cli {

std::string now_utc() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(now)));
}

std::filesystem::path write_new_revision(const RevisionGraph& graph, Revision revision,
                                         const std::filesystem::path& directory) {
  if (graph.contains(revision.id)) {
    throw InputError(fmt::format("revision '{}' already exists in {}", revision.id,
                                 graph.get(revision.id).file.string()));
  }
  // The new graph must still be valid (parents exist, labels unique) before anything is written.
  std::vector<Revision> all = graph.revisions();
  all.push_back(revision);
  RevisionGraph check(std::move(all));
  std::filesystem::create_directories(directory);
  const auto path = directory / revision_file_name(revision);
  std::ofstream out(path);
  out << write_revision_yaml(revision);
  if (!out) throw InputError("cannot write " + path.string());
  return path;
}

}  // namespace migrate::cli
