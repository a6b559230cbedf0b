#pragma once
// The line an input error points at, with a caret under its column, as ninja shows a manifest
// error.

#include <string>

#include "migrate/error.hpp"

namespace migrate::cli {

// "  <the line>\n  <blanks>^\n", or "" when the error has no line or its file cannot be read.
std::string source_excerpt(const FileError& error);

}  // namespace migrate::cli
