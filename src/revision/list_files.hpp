#pragma once
// The revision files of the version directories, in the order load_revisions reads them.

#include <filesystem>
#include <vector>

namespace migrate::revision {

// The *.yaml files of each directory (regular files, or links to them), directory by directory,
// sorted by name within each. A directory that does not exist holds none; a path that is not a
// directory, or an entry that cannot be looked at (a loop of links, no permission), is a
// FileError.
std::vector<std::filesystem::path> list_revision_files(
    const std::vector<std::filesystem::path>& directories);

}  // namespace migrate::revision
