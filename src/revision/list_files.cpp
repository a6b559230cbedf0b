// With readdir rather than std::filesystem's directory iterator, which builds and parses a path
// object for every entry: heads lists every revision file on every run.

#include "revision/list_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include <dirent.h>
#include <sys/stat.h>

#include "migrate/error.hpp"

namespace migrate::revision {
namespace {

namespace fs = std::filesystem;

bool is_yaml_name(std::string_view name) {
  // As fs::path::extension: a name that is only ".yaml" is a hidden file without one.
  return name.size() > 5 && name.substr(name.size() - 5) == ".yaml";
}

class Directory {
 public:
  explicit Directory(DIR* dir) : dir_(dir) {}
  ~Directory() {
    if (dir_) ::closedir(dir_);
  }
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;
  DIR* get() const { return dir_; }

 private:
  DIR* dir_;
};

[[noreturn]] void fail(const fs::path& path, int error) {
  throw FileError(path.string(), 0, 0, std::strerror(error));
}

FileTime file_time(const struct timespec& time) {
  return {static_cast<std::int64_t>(time.tv_sec), static_cast<std::int64_t>(time.tv_nsec)};
}

// The stamp of the entry `name` of the open directory, links followed; nothing when it does not
// lead to a regular file. A link that cannot be followed for another reason than a missing
// target (a loop, no permission) is a FileError, as it was when std::filesystem listed them.
std::optional<FileStamp> stamp_of(int directory_fd, const fs::path& directory, const char* name) {
  struct stat status {};
  if (::fstatat(directory_fd, name, &status, 0) != 0) {
    if (errno == ENOENT) return std::nullopt;
    fail(directory / name, errno);
  }
  if (!S_ISREG(status.st_mode)) return std::nullopt;
  return FileStamp{
      .size = static_cast<std::int64_t>(status.st_size),
      .inode = static_cast<std::int64_t>(status.st_ino),
      .device = static_cast<std::int64_t>(status.st_dev),
      .modified = file_time(status.st_mtim),
      .changed = file_time(status.st_ctim),
  };
}

// The *.yaml files of one directory (regular files, or links to them), sorted by name, added to
// `files`; with `stamped`, the stamp of each, taken from the open directory.
void list_directory(const fs::path& directory, std::size_t number, bool stamped,
                    std::vector<RevisionFile>& files) {
  const Directory dir(::opendir(directory.c_str()));
  if (!dir.get()) {
    const int error = errno;
    struct stat status {};
    // A version path not made yet holds no revisions, whether it or a directory above it is
    // missing (or is a file).
    if (error == ENOENT || (error == ENOTDIR && ::stat(directory.c_str(), &status) != 0)) return;
    if (error == ENOTDIR) {
      throw FileError(directory.string(), 0, 0,
                      "not a directory (expected a directory of revision files)");
    }
    fail(directory, error);
  }
  const std::size_t first = files.size();
  for (;;) {
    errno = 0;
    const struct dirent* entry = ::readdir(dir.get());
    if (!entry) {
      if (errno != 0) fail(directory, errno);
      break;
    }
    if (!is_yaml_name(entry->d_name)) continue;
    const bool regular = entry->d_type == DT_REG;
    if (!regular && entry->d_type != DT_LNK && entry->d_type != DT_UNKNOWN) continue;
    std::optional<FileStamp> stamp;
    if (stamped || !regular) {
      stamp = stamp_of(::dirfd(dir.get()), directory, entry->d_name);
      if (!regular && !stamp) continue;
    }
    files.push_back({{}, number, entry->d_name, stamped ? stamp : std::nullopt});
  }
  std::sort(files.begin() + static_cast<std::ptrdiff_t>(first), files.end(),
            [](const RevisionFile& a, const RevisionFile& b) { return a.name < b.name; });
  // One string made and split into components once: operator/ copies, appends and splits again.
  const std::string prefix = directory.empty() || directory.native().back() == '/'
                                 ? directory.native()
                                 : directory.native() + '/';
  for (auto file = files.begin() + static_cast<std::ptrdiff_t>(first); file != files.end(); ++file)
    file->path = fs::path(prefix + file->name);
}

}  // namespace

std::vector<RevisionFile> list_revision_files(const std::vector<fs::path>& directories,
                                              bool stamped) {
  std::vector<RevisionFile> files;
  files.reserve(256);
  for (std::size_t number = 0; number < directories.size(); ++number) {
    list_directory(directories[number], number, stamped, files);
  }
  return files;
}

}  // namespace migrate::revision
