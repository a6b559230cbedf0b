#include "revision/list_files.hpp"

#include <algorithm>
#include <system_error>

#include "migrate/error.hpp"

namespace migrate::revision {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& path, const std::error_code& error) {
  throw FileError(path.string(), 0, 0, error.message());
}

// A version path not made yet holds no revisions, whether it or a directory above it is missing.
bool lists_nothing(const fs::path& directory) {
  std::error_code error;
  const fs::file_status status = fs::status(directory, error);
  if (status.type() == fs::file_type::not_found) return true;
  if (error) fail(directory, error);
  if (status.type() != fs::file_type::directory) {
    throw FileError(directory.string(), 0, 0,
                    "not a directory (expected a directory of revision files)");
  }
  return false;
}

void list_directory(const fs::path& directory, std::vector<fs::path>& files) {
  if (lists_nothing(directory)) return;
  std::error_code error;
  const auto first = static_cast<std::ptrdiff_t>(files.size());
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const fs::path& path = it->path();
    // As fs::path::extension: a name that is only ".yaml" is a hidden file without one.
    if (path.extension() != ".yaml") continue;
    std::error_code status_error;
    const fs::file_status status = it->status(status_error);  // links followed
    if (status.type() == fs::file_type::not_found) continue;  // a dangling link
    if (status_error) fail(path, status_error);
    if (status.type() == fs::file_type::regular) files.push_back(path);
  }
  if (error) fail(directory, error);
  std::sort(files.begin() + first, files.end());
}

}  // namespace

std::vector<fs::path> list_revision_files(const std::vector<fs::path>& directories) {
  std::vector<fs::path> files;
  for (const fs::path& directory : directories) list_directory(directory, files);
  return files;
}

}  // namespace migrate::revision
