#pragma once
// One tree of exceptions. cli/ maps them to exit codes: InputError and its children exit 2,
// everything else under Error exits 1.

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

}  // namespace migrate
