// Revision files on disk: loading every file of the version directories, checking each id against
// its file name and across files, and naming new files and ids.

#include <algorithm>
#include <cctype>
#include <exception>
#include <random>
#include <system_error>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "migrate/error.hpp"
#include "migrate/revision.hpp"

#include "revision/list_files.hpp"
#include "revision/revision_reader.hpp"
#include "util/read_file.hpp"

namespace migrate {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t max_slug_length = 40;
// Below this many files per thread, starting a thread costs more than it saves.
constexpr std::size_t min_files_per_thread = 64;

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

void parse_file(const fs::path& file, RevisionParts parts, Revision& revision,
                revision::Position& id_at) {
  revision::ParsedRevision parsed =
      revision::parse_revision(file.string(), read_input_file(file), parts);
  check_file_name(parsed, file);
  revision = std::move(parsed.revision);
  revision.file = file;
  id_at = parsed.id_at;
}

// Every file, in order. A long history is read by two threads:
// reading and parsing a thousand small files is most of what heads, history and current do. The
// error reported is the first file's in order, whichever thread met it first.
void parse_files(const std::vector<fs::path>& files, RevisionParts parts,
                 std::vector<Revision>& revisions, std::vector<revision::Position>& id_at) {
  std::vector<std::exception_ptr> errors(files.size());
  const auto parse_range = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      try {
        parse_file(files[i], parts, revisions[i], id_at[i]);
      } catch (...) {
        errors[i] = std::current_exception();
        return;  // the files after it are not needed: its error is reported before theirs
      }
    }
  };
  std::thread second_half;
  std::size_t half = files.size();
  if (files.size() >= min_files_per_thread * 2 && std::thread::hardware_concurrency() >= 2) {
    try {
      second_half = std::thread(parse_range, files.size() / 2, files.size());
      half = files.size() / 2;
    } catch (const std::system_error&) {
      // No thread to be had (a process limit): one thread reads them all.
    }
  }
  parse_range(0, half);
  if (second_half.joinable()) second_half.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace

std::vector<Revision> load_revisions(const std::vector<std::filesystem::path>& directories,
                                     RevisionParts parts) {
  const std::vector<fs::path> files = revision::list_revision_files(directories);
  std::vector<Revision> revisions(files.size());
  std::vector<revision::Position> id_at(files.size());
  parse_files(files, parts, revisions, id_at);
  std::unordered_map<std::string_view, std::size_t> defined;  // id -> its file's index
  defined.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto [first, inserted] = defined.emplace(revisions[i].id, i);
    if (!inserted) {
      const revision::Position at = id_at[first->second];
      throw FileError(revisions[i].file.string(), id_at[i].line, id_at[i].column,
                      fmt::format("revision '{}' is already defined at {}:{}:{}", revisions[i].id,
                                  revisions[first->second].file.string(), at.line, at.column));
    }
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
