#pragma once
// Reading a whole input file (model, revision, configuration) into memory.

#include <filesystem>
#include <string>

namespace migrate {

// The file's bytes. Throws FileError naming the file and the system's reason when it cannot be
// read; an empty file is "".
std::string read_input_file(const std::filesystem::path& path);

}  // namespace migrate
