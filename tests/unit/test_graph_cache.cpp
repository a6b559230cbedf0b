#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include "migrate/error.hpp"
#include "migrate/revision.hpp"

#include "unit/temp_dir.hpp"

using namespace migrate;
using migrate::testing::TempDir;
namespace fs = std::filesystem;

namespace {

fs::path versions(const TempDir& dir) { return dir.path() / "versions"; }
fs::path cache_of(const TempDir& dir) { return dir.path() / "cache"; }

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The one cache file of the cache directory.
fs::path cache_file(const TempDir& dir) {
  fs::path found;
  for (const auto& entry : fs::directory_iterator(cache_of(dir))) found = entry.path();
  REQUIRE_FALSE(found.empty());
  return found;
}

// The cache text with the k-th number of the stamp recorded for `name` (size, inode, device,
// modification seconds and nanoseconds, change seconds and nanoseconds) replaced.
std::string with_stamp_number(std::string text, const std::string& name, int k,
                              const std::string& number) {
  std::size_t at = text.find(name + "\n");
  REQUIRE(at != std::string::npos);
  at += name.size() + 1;
  for (int i = 0; i < k; ++i) at = text.find(' ', at) + 1;
  text.replace(at, text.find(' ', at) - at, number);
  return text;
}

const std::string first_text =
    "revision: a1\nmessage: first message\ncreated: 2026-11-24T12:00:00Z\n"
    "upgrade:\n  - sql: {up: select 1, down: select 2}\ndowngrade: []\n";
const std::string second_text =
    "revision: b2\nparents: [a1]\nbranch_labels: [feature]\ndepends_on: []\n"
    "message: second\ntransactional: false\nstatement_timeout_ms: 500\nupgrade: []\n"
    "downgrade: []\n";

// The cache keeps even files changed just now: tests cannot wait for the clock.
GraphCache at_once(const TempDir& dir) {
  return GraphCache{.directory = cache_of(dir), .settle = std::chrono::seconds(0)};
}

std::vector<Revision> load_graph(const TempDir& dir, const GraphCache& cache) {
  return load_revisions({versions(dir)}, RevisionParts::graph, cache);
}

// Writes the two revisions and loads them once through the cache; returns them as the files
// give them.
std::vector<Revision> two_revisions_cached(const TempDir& dir) {
  write(versions(dir) / "a1_first.yaml", first_text);
  write(versions(dir) / "b2_second.yaml", second_text);
  auto read_from_files = load_revisions({versions(dir)}, RevisionParts::graph);
  load_graph(dir, at_once(dir));
  return read_from_files;
}

}  // namespace

TEST_CASE("the graph cache gives back what reading the files gives", "[revision][cache]") {
  const TempDir dir;
  write(versions(dir) / "a1_first.yaml", first_text);
  write(versions(dir) / "b2_second.yaml", second_text);
  const auto read_from_files = load_revisions({versions(dir)}, RevisionParts::graph);
  const auto first_run = load_graph(dir, at_once(dir));
  const auto second_run = load_graph(dir, at_once(dir));  // from the cache
  REQUIRE(second_run.size() == 2);
  CHECK(first_run == read_from_files);
  CHECK(second_run == read_from_files);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(second_run[i].file == read_from_files[i].file);
    CHECK_FALSE(second_run[i].operations_read);
    CHECK(second_run[i].places.parents.line == read_from_files[i].places.parents.line);
    CHECK(second_run[i].places.branch_labels.column ==
          read_from_files[i].places.branch_labels.column);
    CHECK(second_run[i].places.depends_on.line == read_from_files[i].places.depends_on.line);
  }
  CHECK(second_run[1].statement_timeout_ms == 500);
  CHECK_FALSE(second_run[1].transactional);
}

TEST_CASE("an unchanged file is taken from the cache, not read", "[revision][cache]") {
  const TempDir dir;
  write(versions(dir) / "a1_first.yaml", first_text);
  load_graph(dir, at_once(dir));
  // Change the cached message (same length): what the next load says shows where it came from.
  std::string cached = read(cache_file(dir));
  const auto at = cached.find("first message");
  REQUIRE(at != std::string::npos);
  cached.replace(at, 13, "FIRST MESSAGE");
  write(cache_file(dir), cached);
  CHECK(load_graph(dir, at_once(dir)).at(0).message == "FIRST MESSAGE");
  // Commands that run operations never use it.
  CHECK(load_revisions({versions(dir)}, RevisionParts::everything, at_once(dir)).at(0).message ==
        "first message");
}

TEST_CASE("a changed file is read again", "[revision][cache]") {
  const TempDir dir;
  const fs::path file = versions(dir) / "a1_first.yaml";
  write(file, first_text);
  load_graph(dir, at_once(dir));

  SECTION("another size") {
    write(file, "revision: a1\nmessage: a longer message than before\n");
    CHECK(load_graph(dir, at_once(dir)).at(0).message == "a longer message than before");
  }
  SECTION("the same size and modification time, another change time") {
    // What `touch -d` or `cp -p` after an edit of the same size leaves: only the change time
    // differs. The cached message is changed too, to show which one is used.
    std::string cached = read(cache_file(dir));
    cached.replace(cached.find("first message"), 13, "FIRST MESSAGE");
    write(cache_file(dir), with_stamp_number(cached, "a1_first.yaml", 6, "12345"));
    CHECK(load_graph(dir, at_once(dir)).at(0).message == "first message");
  }
  SECTION("replaced by a broken file") {
    write(file, "revision: a1\nmessage: [unclosed\n");
    CHECK_THROWS_AS(load_graph(dir, at_once(dir)), FileError);
  }
}

TEST_CASE("a file changed within the settle time is not kept", "[revision][cache]") {
  const TempDir dir;
  const fs::path file = versions(dir) / "a1_first.yaml";
  write(file, first_text);
  const GraphCache cache{.directory = cache_of(dir)};  // the default: two seconds
  load_graph(dir, cache);
  // A second edit of the same size within the same tick of the clock would keep the stamp; the
  // file was not kept, so it is read again.
  std::string text = first_text;
  text.replace(text.find("first message"), 13, "other message");
  write(file, text);
  CHECK(load_graph(dir, cache).at(0).message == "other message");
  const bool kept =
      fs::exists(cache_of(dir)) && read(cache_file(dir)).find("a1_first") != std::string::npos;
  CHECK_FALSE(kept);
}

TEST_CASE("a deleted file leaves the cache", "[revision][cache]") {
  const TempDir dir;
  two_revisions_cached(dir);
  fs::remove(versions(dir) / "b2_second.yaml");
  const auto revisions = load_graph(dir, at_once(dir));
  REQUIRE(revisions.size() == 1);
  CHECK(read(cache_file(dir)).find("b2_second") == std::string::npos);
}

TEST_CASE("a damaged or foreign cache is ignored and replaced", "[revision][cache]") {
  const TempDir dir;
  const auto expected = two_revisions_cached(dir);
  const std::string whole = read(cache_file(dir));
  for (const std::string& damaged :
       {whole.substr(0, whole.size() / 2), whole.substr(0, whole.size() - 1), std::string(),
        std::string("migrate graph cache 0\n"), whole + "x", "garbage " + whole}) {
    write(cache_file(dir), damaged);
    CHECK(load_graph(dir, at_once(dir)) == expected);
    CHECK(read(cache_file(dir)) == whole);  // written anew
  }
}

TEST_CASE("extreme values come back from the cache as they were read", "[revision][cache]") {
  const TempDir dir;
  write(versions(dir) / "a1_first.yaml",
        "revision: a1\nmessage: \"two\\nlines and a \\\"quote\\\"\"\n"
        "statement_timeout_ms: 2147483647\nstatement_lock_timeout_ms: 0\n");
  const auto expected = load_revisions({versions(dir)}, RevisionParts::graph);
  REQUIRE(expected.at(0).statement_timeout_ms == 2147483647);
  load_graph(dir, at_once(dir));
  const std::string kept = read(cache_file(dir));
  CHECK(load_graph(dir, at_once(dir)) == expected);
  CHECK(read(cache_file(dir)) == kept);  // read back whole, so not written again
}

TEST_CASE("a cache file owned by someone else is not used", "[revision][cache]") {
  if (::geteuid() != 0) {
    WARN("not root: cannot give the cache file to another user");
    return;
  }
  const TempDir dir;
  write(versions(dir) / "a1_first.yaml", first_text);
  load_graph(dir, at_once(dir));
  std::string cached = read(cache_file(dir));
  cached.replace(cached.find("first message"), 13, "FIRST MESSAGE");
  write(cache_file(dir), cached);
  REQUIRE(::chown(cache_file(dir).c_str(), 12345, static_cast<gid_t>(-1)) == 0);
  CHECK(load_graph(dir, at_once(dir)).at(0).message == "first message");
}

TEST_CASE("a cache directory that cannot be written leaves loading as it is", "[revision][cache]") {
  const TempDir dir;
  write(versions(dir) / "a1_first.yaml", first_text);
  write(dir.path() / "cache", "a file where the directory would be");
  CHECK(load_graph(dir, at_once(dir)).size() == 1);
  CHECK(load_graph(dir, at_once(dir)).size() == 1);
}

TEST_CASE("each set of version directories has its own cache", "[revision][cache]") {
  const TempDir dir;
  fs::create_directories(dir.path() / "other");
  write(versions(dir) / "a1_first.yaml", first_text);
  write(dir.path() / "other" / "a1_first.yaml", "revision: a1\n");
  load_graph(dir, at_once(dir));
  const auto other = load_revisions({dir.path() / "other"}, RevisionParts::graph, at_once(dir));
  REQUIRE(other.size() == 1);
  CHECK(other[0].message.empty());
  CHECK(std::distance(fs::directory_iterator(cache_of(dir)), fs::directory_iterator()) == 2);
}

TEST_CASE("no cut or changed byte of the cache breaks loading", "[revision][cache]") {
  const TempDir dir;
  const auto expected = two_revisions_cached(dir);
  const fs::path file = cache_file(dir);
  const std::string whole = read(file);
  for (std::size_t length = 0; length < whole.size(); ++length) {
    write(file, whole.substr(0, length));
    REQUIRE(load_graph(dir, at_once(dir)) == expected);  // a cut cache is never read
  }
  for (std::size_t at = 0; at < whole.size(); ++at) {
    for (const char replacement : {'\0', '9', ' ', '\n', '-'}) {
      std::string changed = whole;
      changed[at] = replacement;
      write(file, changed);
      // A change may still read as a cache (an edited message); it must load without harm.
      REQUIRE(load_graph(dir, at_once(dir)).size() == 2);
    }
  }
}
