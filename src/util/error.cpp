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

MigrationError::MigrationError(std::string revision, Direction direction,
                               std::size_t operation_index, std::string operation_kind,
                               std::string sql, std::string server_message, std::string sqlstate,
                               const std::string& note)
    : Error(fmt::format("{} of revision {} failed at operation {} ({}):\n  {}\n{}{}",
                        direction == Direction::upgrade ? "upgrade" : "downgrade", revision,
                        operation_index, operation_kind, sql, server_message,
                        note.empty() ? "" : "\n" + note)),
      direction_(direction),
      revision_(std::move(revision)),
      operation_index_(operation_index),
      operation_kind_(std::move(operation_kind)),
      sql_(std::move(sql)),
      server_message_(std::move(server_message)),
      sqlstate_(std::move(sqlstate)),
      note_(note) {}

MigrationError MigrationError::with_note(const std::string& more) const {
  return MigrationError(revision_, direction_, operation_index_, operation_kind_, sql_,
                        server_message_, sqlstate_, note_.empty() ? more : note_ + "\n" + more);
}

}  // namespace migrate
