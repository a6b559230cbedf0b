#pragma once
// The revision files of the version directories, in the order load_revisions reads them.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "revision/graph_cache.hpp"

namespace migrate::revision {

struct RevisionFile {
  std::filesystem::path path;
  std::size_t directory = 0;  // its number in the list of directories
  std::string name;
  std::optional<FileStamp> stamp;  // when asked for
};

// The *.yaml files of each directory (regular files, or links to them), directory by directory,
// sorted by name within each; a directory that does not exist holds none, a path that is not a
// directory is a FileError. With `stamped`, each file's stamp, for the graph cache.
std::vector<RevisionFile> list_revision_files(const std::vector<std::filesystem::path>& directories,
                                              bool stamped);

}  // namespace migrate::revision
