#pragma once
// The revision files of the version directories, in the order load_revisions reads them, and
// what tells a file's versions apart without reading it.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace migrate::revision {

// A time as the file system keeps it: seconds and nanoseconds since the epoch.
struct FileTime {
  std::int64_t seconds = 0;
  std::int64_t nanoseconds = 0;
  friend auto operator<=>(const FileTime&, const FileTime&) = default;
};

// As git's index tells a file's versions apart.
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t inode = 0;
  std::int64_t device = 0;
  FileTime modified = {};
  FileTime changed = {};  // ctime: moved by every write, and by every change of the other times
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

struct RevisionFile {
  std::filesystem::path path = {};
  std::size_t directory = 0;  // its number in the list of directories
  std::string name = {};
  std::optional<FileStamp> stamp = {};  // when asked for
};

// The *.yaml files of each directory (regular files, or links to them), directory by directory,
// sorted by name within each. A directory that does not exist holds none; a path that is not a
// directory is a FileError. With `stamped`, each file's stamp, for the graph cache.
std::vector<RevisionFile> list_revision_files(const std::vector<std::filesystem::path>& directories,
                                              bool stamped);

}  // namespace migrate::revision
