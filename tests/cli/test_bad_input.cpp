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
  // False when the damage is in the operations alone, which the graph commands do not read.
  bool in_graph_keys = true;
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
      {"large", large, "aaa_bad.yaml:", false},
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
      if (args[0] == "heads" && !bad.in_graph_keys) {
        CHECK(result.exit_code == 0);
        continue;
      }
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

TEST_CASE("an input error shows the line it points at, with a caret under the column",
          "[cli][bad-input]") {
  const Project project = example_project();
  const auto model = project.dir / "models" / "blog.yaml";
  std::string text = read_file(model);
  const std::string line = "      is_active:  {type: boolean, nullable: false, default: \"true\"}";
  REQUIRE(text.find(line) != std::string::npos);
  const std::string typo = "      is_active:\t{type: boolean, nulable: false, default: \"true\"}";
  text.replace(text.find(line), line.size(), typo);
  write_file(model, text);
  const auto result = project.run({"check"});
  CHECK(result.exit_code == 2);
  // Column 34 in bytes; the tab is kept so that the caret lines up under it.
  CHECK_THAT(result.err, Catch::Contains(":12:34: unknown key 'nulable'"));
  CHECK_THAT(result.err, Catch::EndsWith("\n  " + typo + "\n  " + std::string(16, ' ') + "\t" +
                                         std::string(16, ' ') + "^\n"));
}

TEST_CASE("a failed statement of an operation that runs several is named", "[cli][runner]") {
  const Project project = example_project();
  std::filesystem::remove_all(project.dir / "versions");
  std::filesystem::create_directories(project.dir / "versions");
  write_file(project.dir / "versions" / "aaa_table.yaml",
             "revision: aaa\nparents: []\nupgrade:\n"
             "  - create_table:\n      name: t\n      columns:\n        a: {type: integer}\n"
             "      indexes:\n        t_bad_idx: {expressions: [\"no_such_function(a)\"]}\n"
             "downgrade:\n  - drop_table: {name: t}\n");
  const auto result = project.run({"upgrade", "head"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("upgrade of revision aaa failed at operation 1 "
                                         "(create_table, statement 2 of 2: CREATE INDEX)"));
}
