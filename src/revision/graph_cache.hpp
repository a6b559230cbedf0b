#pragma once
// The graph cache: what RevisionParts::graph read of each revision file, kept between runs in
// one file per set of version directories, so that heads, history and current read only the
// files that changed since. A file is known unchanged by its size, inode, device and modification
// and change times, as git's index knows its work tree (docs/revisions.md, "The graph cache").

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/revision.hpp"

#include "revision/revision_reader.hpp"
#include "util/mapped_file.hpp"

namespace migrate::revision {

// What tells a file's versions apart without reading it.
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t inode = 0;
  std::int64_t device = 0;
  std::int64_t modified_ns = 0;
  std::int64_t changed_ns = 0;  // ctime: set by every write and every change of the times
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

// The stamp of the regular file `name` in the open directory `directory_fd` (links followed);
// nothing when it is not a regular file or cannot be read.
std::optional<FileStamp> stamp_of(int directory_fd, const char* name);

class GraphCacheFile {
 public:
  // Reads the cache of these directories (as given: their absolute, canonical form names the
  // cache). A missing, unreadable, foreign or damaged cache holds nothing: it is only a cache.
  GraphCacheFile(const GraphCache& options, const std::vector<std::filesystem::path>& directories);

  // Fills revision and id_at with what was kept for the file `name` of directory number
  // `directory`, when it was kept with this stamp; false otherwise. The revision's `file` is
  // left for the caller to set.
  bool take(std::size_t directory, std::string_view name, const FileStamp& stamp,
            Revision& revision, Position& id_at) const;

  // How many files the cache holds.
  std::size_t size() const { return records_.size(); }

  // One file as this run found it.
  struct Seen {
    std::size_t directory;
    std::string_view name;
    FileStamp stamp;
    const Revision* revision;
    Position id_at;
  };

  // Replaces the cache file with these files, when they differ from what was read. A file
  // changed too recently for its stamp to tell a later edit apart (GraphCache::settle) is left
  // out, and so are files no longer there. Errors are ignored: the next run reads the files
  // again.
  void save(const std::vector<Seen>& files) const;

 private:
  struct Record {
    std::size_t directory;
    std::string_view name;  // in text_
    FileStamp stamp;
    std::size_t revision_at;  // where the revision's fields start in text_
  };

  std::filesystem::path cache_file_;
  std::string identity_;  // the first line: ties the cache to this tool and these directories
  std::chrono::seconds settle_;
  std::optional<MappedFile> mapped_;
  std::string_view text_;
  std::vector<Record> records_;  // sorted by directory and name
};

}  // namespace migrate::revision
