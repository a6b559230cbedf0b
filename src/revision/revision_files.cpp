// Revision files on disk: loading every file of the version directories, checking each id
// against its file name and across files, and naming new files and ids.

#include <algorithm>
#include <cctype>
#include <map>
#include <random>

#include <fmt/format.h>

#include "migrate/error.hpp"
#include "migrate/revision.hpp"

#include "revision/revision_reader.hpp"
#include "util/read_file.hpp"

namespace migrate {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t max_slug_length = 40;

// The *.yaml files of each directory, sorted; a directory that does not exist holds none.
std::vector<fs::path> revision_files(const std::vector<fs::path>& directories) {
  std::vector<fs::path> all;
  for (const fs::path& directory : directories) {
    std::error_code error;
    if (!fs::exists(directory, error)) continue;
    if (!fs::is_directory(directory, error)) {
      throw FileError(directory.string(), 0, 0,
                      "not a directory (expected a directory of revision files)");
    }
    std::vector<fs::path> files;
    try {
      for (const auto& entry : fs::directory_iterator(directory)) {
        if (entry.is_regular_file() && entry.path().extension() == ".yaml")
          files.push_back(entry.path());
      }
    } catch (const fs::filesystem_error& e) {
      throw FileError(e.path1().string(), 0, 0, e.code().message());
    }
    std::sort(files.begin(), files.end());
    all.insert(all.end(), files.begin(), files.end());
  }
  return all;
}

// Ids may hold '_' themselves, so "abc_def_x.yaml" may hold revision abc or abc_def.
bool matches_file_name(const std::string& id, const std::string& file_name) {
  return file_name == id + ".yaml" || file_name.rfind(id + "_", 0) == 0;
}

void check_file_name(const revision::ParsedRevision& parsed, const fs::path& file) {
  const std::string name = file.filename().string();
  const std::string& id = parsed.revision.id;
  if (matches_file_name(id, name)) return;
  const std::string stem = file.stem().string();
  throw FileError(file.string(), parsed.id_at.line, parsed.id_at.column,
                  fmt::format("revision '{}' does not match the file name (expected '{}')", id,
                              stem.substr(0, stem.find('_'))));
}

}  // namespace

std::vector<Revision> load_revisions(const std::vector<std::filesystem::path>& directories) {
  std::vector<Revision> revisions;
  std::map<std::string, std::string> defined;  // id -> "file:line:column"
  for (const fs::path& file : revision_files(directories)) {
    revision::ParsedRevision parsed = revision::parse_revision(file.string(), read_input_file(file));
    check_file_name(parsed, file);
    const auto [line, column] = parsed.id_at;
    const auto [first, inserted] =
        defined.emplace(parsed.revision.id, fmt::format("{}:{}:{}", file.string(), line, column));
    if (!inserted) {
      throw FileError(
          file.string(), line, column,
          fmt::format("revision '{}' is already defined at {}", parsed.revision.id, first->second));
    }
    parsed.revision.file = file;
    revisions.push_back(std::move(parsed.revision));
  }
  std::sort(revisions.begin(), revisions.end(),
            [](const Revision& a, const Revision& b) { return a.id < b.id; });
  return revisions;
}

std::string revision_file_name(const Revision& revision) {
  std::string slug;
  bool separate = false;
  for (const char c : revision.message) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!word) {
      separate = !slug.empty();
      continue;
    }
    if (separate) slug += '_';
    separate = false;
    slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (slug.size() > max_slug_length) {
    // Cut at a word's end when one fits; a single long word is cut where it must be.
    const bool mid_word = slug[max_slug_length] != '_';
    slug.resize(max_slug_length);
    const auto last_break = slug.rfind('_');
    if (mid_word && last_break != std::string::npos) slug.resize(last_break);
    while (!slug.empty() && slug.back() == '_') slug.pop_back();
  }
  return fmt::format("{}_{}.yaml", revision.id, slug.empty() ? "revision" : slug);
}

bool is_revision_id(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string new_revision_id() {
  std::random_device source;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string id;
  for (int i = 0; i < 12; ++i) id += "0123456789abcdef"[digit(source)];
  return id;
}

}  // namespace migrate
