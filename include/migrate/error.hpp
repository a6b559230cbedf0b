#pragma once
// Every exception migrate throws, in one tree. cli/ maps them to exit codes: InputError and its
// children exit 2, everything else under Error exits 1.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace migrate {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad arguments, files, targets or configuration: the user must change an input (exit 2).
class InputError : public Error {
 public:
  using Error::Error;
};

// An input error at a place in a file. what() reads "file:line:column: message".
class FileError : public InputError {
 public:
  FileError(std::string file, int line, int column, const std::string& message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_ = 0;
  int column_ = 0;
  std::string message_;
};

// A refused target or an invalid graph: an input error (exit 2).
class RevisionError : public InputError {
 public:
  using InputError::InputError;
};

// The database refused or could not be reached (exit 1). Messages never hold passwords.
class DatabaseError : public Error {
 public:
  using Error::Error;
};

// A broken invariant of migrate itself (exit 1).
class InternalError : public Error {
 public:
  using Error::Error;
};

// Which way a revision runs.
enum class Direction { upgrade, downgrade };

// A revision failed: what ran, where, and what the server said. Nothing of that revision remains
// (unless it is transactional: false, which `completed_statements` then describes).
class MigrationError : public Error {
 public:
  // `sqlstate` is the server's error code; `note` is appended to the message (what stays in
  // place, why it gave up).
  MigrationError(std::string revision, Direction direction, std::size_t operation_index,
                 std::string operation_kind, std::string sql, std::string server_message,
                 std::string sqlstate = {}, const std::string& note = {});
  const std::string& revision() const { return revision_; }
  std::size_t operation_index() const { return operation_index_; }  // 1-based
  const std::string& operation_kind() const { return operation_kind_; }
  const std::string& sql() const { return sql_; }
  const std::string& server_message() const { return server_message_; }
  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& note() const { return note_; }
  // The same error with `more` added to its note, on a line of its own.
  MigrationError with_note(const std::string& more) const;
  Direction direction() const { return direction_; }

 private:
  Direction direction_ = Direction::upgrade;
  std::string revision_;
  std::size_t operation_index_ = 0;
  std::string operation_kind_;
  std::string sql_;
  std::string server_message_;
  std::string sqlstate_;
  std::string note_;
};

// A `transactional: false` revision stopped part-way when it last ran; a person must make the
// database fit before it runs again (exit 1).
class PartialRevisionError : public Error {
 public:
  using Error::Error;
};

// A revision still carries flags a person must resolve before it may run (exit 1).
class FlaggedRevisionError : public Error {
 public:
  using Error::Error;
};

}  // namespace migrate
