#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "migrate/error.hpp"
#include "migrate/revision.hpp"

#include "unit/temp_dir.hpp"

using namespace migrate;
using migrate::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::string load_error(const std::vector<fs::path>& directories) {
  try {
    load_revisions(directories);
  } catch (const FileError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string file_name_for(const std::string& message) {
  return revision_file_name(Revision{.id = "abc", .message = message});
}

}  // namespace

TEST_CASE("revisions are read from every yaml file of the directories and sorted by id",
          "[revision]") {
  const TempDir dir;
  const fs::path second = dir.write("a/b_2_second.yaml", "revision: b_2\nparents: a1\n");
  const fs::path first = dir.write("b/a1.yaml", "revision: a1\n");
  dir.write("a/notes.txt", "not a revision");
  dir.write("a/nested/c3_nested.yaml", "revision: c3\n");
  const auto revisions = load_revisions({dir.path() / "a", dir.path() / "b", dir.path() / "none"});
  REQUIRE(revisions.size() == 2);
  CHECK(revisions[0].id == "a1");
  CHECK(revisions[0].file == first);
  CHECK(revisions[1].id == "b_2");
  CHECK(revisions[1].file == second);
  CHECK(revisions[1].parents == std::vector<std::string>{"a1"});
}

TEST_CASE("a directory that does not exist holds no revisions", "[revision]") {
  const TempDir dir;
  CHECK(load_revisions({dir.path() / "versions"}).empty());
}

TEST_CASE("an id holding '_' matches a file name that starts with it", "[revision]") {
  const TempDir dir;
  dir.write("my_rev_add_users.yaml", "revision: my_rev\n");
  dir.write("my_rev_add.yaml", "revision: my_rev_add\n");
  const auto revisions = load_revisions({dir.path()});
  REQUIRE(revisions.size() == 2);
  CHECK(revisions[0].id == "my_rev");
  CHECK(revisions[1].id == "my_rev_add");
}

TEST_CASE("a revision whose id is not its file name's prefix names the file and the id",
          "[revision]") {
  const TempDir dir;
  const fs::path file = dir.write("abc_x.yaml", "revision: abd\n");
  CHECK(load_error({dir.path()}) ==
        file.string() + ":1:11: revision 'abd' does not match the file name (expected 'abc')");
}

TEST_CASE("two files with the same revision id are an error naming both files", "[revision]") {
  const TempDir dir;
  const fs::path first = dir.write("one/abc_first.yaml", "revision: abc\n");
  const fs::path second = dir.write("two/abc_second.yaml", "# the same id\nrevision: abc\n");
  CHECK(load_error({dir.path() / "one", dir.path() / "two"}) ==
        second.string() + ":2:11: revision 'abc' is already defined at " + first.string() +
            ":1:11");
}

TEST_CASE("an error inside a revision file names that file", "[revision]") {
  const TempDir dir;
  const fs::path file = dir.write("abc_x.yaml", "revision: abc\nupgrade:\n  - drop: {}\n");
  CHECK_THAT(load_error({dir.path()}),
             Catch::StartsWith(file.string() + ":3:5: unknown operation 'drop'"));
}

TEST_CASE("a revision's file name is its id and a slug of its message", "[revision]") {
  CHECK(file_name_for("add tags table") == "abc_add_tags_table.yaml");
  CHECK(file_name_for("  Add Users' e-mail!! ") == "abc_add_users_e_mail.yaml");
  CHECK(file_name_for("Crème brûlée 2") == "abc_cr_me_br_l_e_2.yaml");
  CHECK(file_name_for("") == "abc_revision.yaml");
  CHECK(file_name_for("!!! ???") == "abc_revision.yaml");
  CHECK(file_name_for("a very long message that goes on and on beyond forty characters") ==
        "abc_a_very_long_message_that_goes_on_and_on.yaml");
  CHECK(file_name_for(std::string(50, 'x')) == "abc_" + std::string(40, 'x') + ".yaml");
}

TEST_CASE("new revision ids are twelve random lowercase hex digits", "[revision]") {
  const std::string id = new_revision_id();
  CHECK(id.size() == 12);
  CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(new_revision_id() != id);
}

TEST_CASE("RevisionParts::graph reads the graph keys and leaves the operations unread",
          "[revision]") {
  const TempDir dir;
  dir.write("v/a1_first.yaml",
            "revision: a1\nparents: []\nmessage: first\nupgrade:\n  - no_such_operation: {}\n"
            "downgrade: []\n");
  const auto graph_only = load_revisions({dir.path() / "v"}, RevisionParts::graph);
  REQUIRE(graph_only.size() == 1);
  CHECK(graph_only[0].message == "first");
  CHECK_FALSE(graph_only[0].operations_read);
  CHECK(graph_only[0].upgrade.empty());
  // Whatever would run, check or write the revision refuses it.
  CHECK_THROWS_AS(graph_only[0].require_operations(), std::logic_error);
  CHECK_THROWS_AS(checksum(graph_only[0]), std::logic_error);
  CHECK_THROWS_AS(write_revision_yaml(graph_only[0]), std::logic_error);
  // Read whole, the same file's unknown operation is an error.
  CHECK_THAT(load_error({dir.path() / "v"}), Catch::Contains("no_such_operation"));
  // The graph keys are still checked.
  dir.write("v/a1_first.yaml", "revision: a1\nparents: [\nupgrade: []\n");
  CHECK_THROWS_AS(load_revisions({dir.path() / "v"}, RevisionParts::graph), FileError);
}

TEST_CASE("the graph commands parse only what comes before the operations, unless a key follows",
          "[revision]") {
  const TempDir dir;
  const auto graph = [&] { return load_revisions({dir.path() / "v"}, RevisionParts::graph); };
  // Past 'upgrade:', only list items, comments and 'downgrade:': not parsed at all.
  dir.write("v/a1_first.yaml",
            "revision: a1\nmessage: first\nupgrade:\n  - sql: [unclosed\n# note\n- x: {\n"
            "downgrade: }\n");
  REQUIRE(graph().size() == 1);
  CHECK(graph()[0].message == "first");
  CHECK_THAT(load_error({dir.path() / "v"}), Catch::Contains("a1_first.yaml:"));
  // A key after the operations: the whole file is read, and that key counts.
  dir.write("v/a1_first.yaml", "revision: a1\nupgrade: []\nparents: [a0]\n");
  CHECK(graph()[0].parents == std::vector<std::string>{"a0"});
  dir.write("v/a1_first.yaml", "upgrade: []\nrevision: a1\n");
  CHECK(graph()[0].id == "a1");
  // So is a second document, or a key written twice.
  dir.write("v/a1_first.yaml", "revision: a1\nupgrade: []\n---\nrevision: a2\n");
  CHECK_THROWS_WITH(graph(), Catch::Contains("expected one YAML document"));
  dir.write("v/a1_first.yaml", "revision: a1\nmessage: a\nupgrade: []\nmessage: b\n");
  CHECK_THROWS_WITH(graph(), Catch::Contains("a1_first.yaml:4:1:"));
}

TEST_CASE("a long history is read in two threads and the first broken file in order is named",
          "[revision]") {
  const TempDir dir;
  std::string parent;
  for (int i = 0; i < 300; ++i) {
    const std::string id = fmt::format("r{:04d}", i);
    dir.write("v/" + id + "_step.yaml", "revision: " + id + "\nparents: [" + parent +
                                            "]\nmessage: step " + std::to_string(i) + "\n");
    parent = id;
  }
  CHECK(load_revisions({dir.path() / "v"}).size() == 300);
  dir.write("v/r0250_step.yaml", "revision: r0250\nparents: [\n");
  dir.write("v/r0050_step.yaml", "revision: r0050\nmessage: [\n");
  CHECK_THAT(load_error({dir.path() / "v"}), Catch::Contains("r0050_step.yaml"));
  dir.write("v/r0050_step.yaml", "revision: r0050\nparents: [r0049]\n");
  CHECK_THAT(load_error({dir.path() / "v"}), Catch::Contains("r0250_step.yaml"));
}
