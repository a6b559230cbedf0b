// Broken input files: each is refused with exit 2 naming the file and line, nothing crashes, and
// the database is not touched.

#include <catch2/catch.hpp>

#include "cli/project.hpp"

using namespace migrate::testing;

namespace {

struct BadFile {
  const char* what;
  std::string text;
  const char* expected;  // part of the error
};

std::vector<BadFile> bad_revision_files() {
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) % 256);
  std::string large = "revision: aaa\nparents: []\nupgrade:\n";
  while (large.size() < 8 * 1024 * 1024)
    large += "  - sql: {up: \"SELECT 1\", down: \"SELECT 1\"}\n";
  large += "  - sql: [unclosed\n";
  return {
      {"empty", "", "aaa_bad.yaml:1:1: expected a mapping at the top level"},
      {"binary", binary, "aaa_bad.yaml:"},
      {"syntax", "revision: aaa\nparents: [\n", "aaa_bad.yaml:3:1: YAML syntax error"},
      {"type", "revision: aaa\nparents: {a: b}\n", "aaa_bad.yaml:2:10:"},
      {"unknown key", "revision: aaa\nparent: []\n", "aaa_bad.yaml:2:1: unknown key 'parent'"},
      {"missing parent", "revision: aaa\nparents: [zzz]\n",
       "aaa_bad.yaml:2:10: parent 'zzz' of revision 'aaa' names no revision"},
      {"own parent", "revision: aaa\nparents: [aaa]\n", "revision graph has a cycle: aaa -> aaa"},
      {"large", large, "aaa_bad.yaml:"},
  };
}

}  // namespace

TEST_CASE("broken revision files exit 2 with file and line, and leave the database alone",
          "[cli][bad-input]") {
  for (const BadFile& bad : bad_revision_files()) {
    const Project project = example_project();
    write_file(project.dir / "versions" / "aaa_bad.yaml", bad.text);
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"upgrade", "head"}, {"heads"}, {"check"}, {"stamp", "head"}}) {
      const auto result = project.run(args);
      INFO(bad.what << ": migrate " << args[0] << "\n" << result.err);
      CHECK(result.exit_code == 2);
      CHECK_THAT(result.err, Catch::Contains(bad.expected));
    }
    INFO(bad.what);
    CHECK(query(project.database.url, "SELECT to_regclass('migrate_version') IS NULL") == "t");
  }
}

TEST_CASE("a duplicate revision id names both files", "[cli][bad-input]") {
  const Project project = example_project();
  write_file(project.dir / "versions" / "aaa_one.yaml", "revision: aaa\nparents: []\n");
  write_file(project.dir / "versions" / "aaa_two.yaml", "revision: aaa\nparents: []\n");
  const auto result = project.run({"upgrade"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("aaa_one.yaml") && Catch::Contains("aaa_two.yaml"));
  CHECK(query(project.database.url, "SELECT to_regclass('migrate_version') IS NULL") == "t");
}

TEST_CASE("broken model files exit 2 with file and line", "[cli][bad-input]") {
  const Project project = example_project();
  for (const auto& [text, expected] : std::vector<std::pair<std::string, std::string>>{
           {"tables: [", "blog.yaml:1:1: YAML syntax error: end of sequence flow not found"},
           {"tables:\n  t:\n    columns:\n      id: {type: int, nulable: true}\n",
            "blog.yaml:4:23: unknown key 'nulable'"},
           {std::string("\x00\x01\x02\xff\xfe", 5), "blog.yaml:"},
       }) {
    write_file(project.dir / "models" / "blog.yaml", text);
    const auto result = project.run({"check"});
    INFO(text);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains(expected));
  }
}
