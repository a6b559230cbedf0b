#include "migrate/error.hpp"

#include <fmt/format.h>

namespace migrate {

FileError::FileError(std::string file, int line, int column, const std::string& message)
    : InputError(line > 0 ? fmt::format("{}:{}:{}: {}", file, line, column, message)
                          : fmt::format("{}: {}", file, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(message) {}

}  // namespace migrate
