#pragma once
// The graph cache: what RevisionParts::graph read of each revision file, kept between runs in
// one file per set of version directories, so that heads, history and current read only the
// files that changed since (docs/revisions.md, "The graph cache").

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/revision.hpp"

#include "revision/list_files.hpp"
#include "revision/revision_reader.hpp"
#include "util/mapped_file.hpp"

namespace migrate::revision {

class GraphCacheFile {
 public:
  // Reads the cache of these directories (as given: their absolute, canonical form names the
  // cache). A missing, unreadable, foreign, damaged or someone else's cache holds nothing: it
  // is only a cache.
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
    std::size_t directory = 0;
    std::string_view name = {};
    FileStamp stamp = {};
    const Revision* revision = nullptr;
    Position id_at = {};
  };

  // Replaces the cache file with these files, unless they are what it holds. A file changed
  // less than GraphCache::settle before `started` (when this run began to look at the files) is
  // left out: a second edit of the same size within the same tick of the file system's clock
  // would leave its stamp as it was. Errors are ignored: the next run reads the files again.
  void save(const std::vector<Seen>& files, std::chrono::system_clock::time_point started) const;

 private:
  struct Record {
    std::size_t directory = 0;
    std::string_view name = {};  // in the mapped file
    FileStamp stamp = {};
    std::size_t revision_at = 0;  // where the revision's fields start in the mapped file
  };

  std::filesystem::path cache_file_ = {};
  std::string identity_ = {};  // the first lines: tie the cache to this tool and these directories
  std::chrono::seconds settle_ = {};
  std::optional<MappedFile> mapped_ = {};
  std::string_view text_ = {};
  bool intact_ = false;               // the cache file was there and read whole
  std::vector<Record> records_ = {};  // sorted by directory and name
};

}  // namespace migrate::revision
