// With the system calls themselves: a history of 1,000 revision files is read on every command,
// and an ifstream costs a locale, an 8 KiB buffer and a copy per file.

#include "util/read_file.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "migrate/error.hpp"

namespace migrate {
namespace {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void fail(const std::filesystem::path& path, int error) {
  throw FileError(path.string(), 0, 0,
                  std::string("cannot read the file: ") + std::strerror(error));
}

}  // namespace

std::string read_input_file(const std::filesystem::path& path) {
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) fail(path, errno);
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) fail(path, errno);
  if (S_ISDIR(status.st_mode)) fail(path, EISDIR);
  // The size is a first guess (files under /proc say 0); reading goes on to the end.
  std::string text(static_cast<std::size_t>(status.st_size > 0 ? status.st_size : 4096), '\0');
  std::size_t size = 0;
  for (;;) {
    if (size == text.size()) text.resize(2 * text.size());
    const ssize_t got = ::read(file.get(), text.data() + size, text.size() - size);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail(path, errno);
    }
    if (got == 0) break;
    size += static_cast<std::size_t>(got);
    if (status.st_size > 0 && size == static_cast<std::size_t>(status.st_size)) break;
  }
  text.resize(size);
  return text;
}

}  // namespace migrate
