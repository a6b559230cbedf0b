// The common-subset YAML parser against yaml-cpp's: on every text it takes, the two must build the
// same tree with the same marks, or refuse it with the same error.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "migrate/model.hpp"
#include "migrate/revision.hpp"

#include "support/yaml_parsers_agree.hpp"

using namespace migrate;
namespace fs = std::filesystem;

namespace {

bool subset_takes(const std::string& text) {
  bool took = false;
  INFO(text);
  CHECK(test::yaml_parsers_disagree(text, &took).empty());
  return took;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE(
    "yaml subset: the project's own YAML files are read by the subset parser, as yaml-cpp reads "
    "them") {
  std::vector<fs::path> files;
  for (const char* dir : {"migrations_example", "fuzz/corpus", "tests/integration/fixtures"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(MIGRATE_SOURCE_DIR) / dir)) {
      if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    }
  }
  REQUIRE(files.size() >= 10);
  for (const fs::path& file : files) {
    INFO(file.string());
    CHECK(subset_takes(read_file(file)));
  }
}

TEST_CASE("yaml subset: what migrate writes is in the subset") {
  const std::string example = std::string(MIGRATE_SOURCE_DIR) + "/migrations_example";
  const Schema schema = load_model_text("blog.yaml", read_file(example + "/models/blog.yaml"));
  CHECK(subset_takes(write_model_yaml(schema)));
  for (const auto& entry : fs::directory_iterator(example + "/versions")) {
    const Revision revision = load_revision_text(entry.path().string(), read_file(entry.path()));
    CHECK(subset_takes(write_revision_yaml(revision)));
  }
}

TEST_CASE("yaml subset: block and flow collections, scalars and comments") {
  const std::vector<std::string> taken = {
      "a: 1\n",
      "a: 1",
      "a: b c  \nd: e # comment\n",
      "# leading comment\n\n  # indented comment\na:\n  b: c\n\n  d: [x, y]\n",
      "a:\n- 1\n- 2\nb: 3\n",
      "a:\n  - 1\n  -   2\n",
      "- a\n- b: c\n  d: e\n- [f]\n- {g: h}\n",
      "- x: 1\n  y:\n    - z\n",
      "-\n  a: 1\n",
      "- a: 1\n  b:\n  - 2\n",
      "a: {b: [c, d], e: {f: g}, h: 'i''j', k: \"l\\\"m\\n\"}\n",
      "a: [ ]\nb: {}\nc: []\n",
      "a: [x , y ]\n",
      "a: {type: character varying(255), default: now(), where: status = 'p'}\n",
      "a: {type: \"timestamp with time zone\", nullable: false, default: \"now()\"}\n",
      "a: ~\nb: null\nc: Null\nd: NULL\ne: nulls\nf: [~, null]\n",
      "a: -1\nb: :x\nc: ?x\nd: x-y\ne: a:b\nf: a#b\n",
      "\"quoted key\": 1\n'single': 2\n\"k\" : 3\n",
      "a: |\n  line one\n    indented\n\n  line three\n\nb: 2\n",
      "a: |-\n  no final break\nb: |\n  kept\n\n\n",
      "- |\n  in a sequence\n- sql: |\n    SELECT 1;\n    SELECT 2;\n",
      "a: 1\n---\nb: 2\n",
      "---\na: 1\n---\n- 2\n",
      "a: caf\xc3\xa9 \xe2\x82\xac\n",
      "k: v\n# trailing comment",
      "a:\n  b:\n    c:\n      d: e\n  f: g\nh: i\n",
      "key with spaces: value\n",
      "a: \"\"\nb: ''\n",
      "a: [\"x, y\", 'z]']\n",
      "a: 'x' # c\nb: [1] # c\n",
  };
  for (const std::string& text : taken) {
    INFO(text);
    CHECK(subset_takes(text));
  }
}

TEST_CASE("yaml subset: what it leaves to yaml-cpp") {
  const std::vector<std::string> left = {
      "",
      "# only a comment\n",
      "plain scalar\n",
      "a: &x 1\nb: *x\n",
      "a: !tag 1\n",
      "a:\tb\n",
      "a: 1\r\n",
      "a: multi\n  line\n",
      "a: [1,\n  2]\n",
      "a: \"multi\n  line\"\n",
      "a: \"\\x41\"\n",
      "a: >\n  folded\n",
      "a: |+\n  keep\n",
      "a: |2\n  x\n",
      "a: |\n\n  leading empty line\n",
      "a: |\n x\n  ",
      "a:\nb: 1\n",
      "- \n- 1\n",
      "? complex\n: key\n",
      "%YAML 1.2\n---\na: 1\n",
      "a: 1\n...\n",
      "--- a\n",
      "a: 1\n---\n",
      "{a: 1}\n",
      "a: [1, ]\n",
      "a: {b}\n",
      "a: {b: }\n",
      "\xef\xbb\xbf"
      "a: 1\n",
      "a: b: c\n",
      "- - a\n",
      "a: [b?c]\n",
  };
  for (const std::string& text : left) {
    INFO(text);
    CHECK_FALSE(subset_takes(text));
  }
}

TEST_CASE("yaml subset: invalid YAML is never taken") {
  const std::vector<std::string> invalid = {
      "a: 1\n b: 2\n",
      "a: 1\n  - 2\n",
      "a:\n  - 1\n b: 2\n",
      "- a\nb: 1\n",
      "a: [1\n",
      "a: 'x\n",
      "a: \"x\\q\"\n",
      "a: \"x\"y\n",
      "  a: 1\nb: 2\n",
      "a: }\n",
      "a: {b: 1]\n",
      "- a\n  - b\n",
      "a: |\nb: 1\n",
      "a:\n    b: 1\n  c: 2\n",
  };
  for (const std::string& text : invalid) {
    INFO(text);
    CHECK_FALSE(subset_takes(text));
  }
}

TEST_CASE("yaml subset: what the tree builder refuses goes to yaml-cpp, which names the error") {
  // A duplicate key, then a syntax error yaml-cpp reports first.
  const std::string text = "a: 1\nb: 2\na: 3\nc: [\n";
  yaml::Store store;
  yaml::TreeBuilder builder(store, "t.yaml");
  CHECK_FALSE(yaml::parse_common_subset(text, builder));
  CHECK_THROWS_WITH(yaml::parse(text, store, "t.yaml"), Catch::Contains("YAML syntax error"));
  // Duplicate keys, in a small map and in one past the size where keys are hashed.
  std::string many;
  for (int i = 0; i < 12; ++i) many += "k" + std::to_string(i) + ": 1\n";
  for (const std::string& duplicate :
       {std::string("a: 1\nb: 2\na: 3\n"), many + "k3: 2\n", std::string("a: {x: 1, x: 2}\n")}) {
    CHECK_FALSE(subset_takes(duplicate));
    CHECK_THROWS_WITH(yaml::parse(duplicate, store, "t.yaml"), Catch::Contains("duplicate key"));
  }
}
