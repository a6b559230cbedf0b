#pragma once
// A file's bytes mapped read-only into memory, for a large file read once and not kept: no copy,
// and its pages mapped in one system call rather than a page fault each. A mapping shows what
// the file holds now: for files that are replaced by rename, never rewritten in place.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>

#include <sys/types.h>

namespace migrate {

class MappedFile {
 public:
  // Nothing when the path is not a regular file, or cannot be opened or mapped; an empty file
  // maps to "". Never waits (a FIFO is not opened for reading).
  static std::optional<MappedFile> open(const std::filesystem::path& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view text() const;
  uid_t owner() const { return owner_; }

 private:
  MappedFile(void* data, std::size_t size, uid_t owner) : data_(data), size_(size), owner_(owner) {}

  void* data_ = nullptr;
  std::size_t size_ = 0;
  uid_t owner_ = 0;
};

}  // namespace migrate
