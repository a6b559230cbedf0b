#pragma once
// A file's bytes mapped read-only into memory, for a large file read once and not kept: no copy,
// and its pages mapped in one system call rather than a page fault each.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>

namespace migrate {

class MappedFile {
 public:
  // Nothing when the file cannot be opened or mapped; an empty file maps to "".
  static std::optional<MappedFile> open(const std::filesystem::path& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view text() const;

 private:
  MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}

  void* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace migrate
