#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "migrate/error.hpp"
#include "migrate/model.hpp"

using namespace migrate;
namespace fs = std::filesystem;

namespace {

// A directory of model files, removed at the end of the test.
class ModelDir {
 public:
  ModelDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("migrate_model_test_" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~ModelDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ModelDir(const ModelDir&) = delete;
  ModelDir& operator=(const ModelDir&) = delete;

  const fs::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

const char* const users_file =
    "tables:\n  users:\n    columns:\n      id: {type: bigint, primary_key: true}\n";
const char* const posts_file =
    "tables:\n  posts:\n    columns:\n      id: {type: bigint, primary_key: true}\n"
    "      author_id: {type: bigint, references: users.id}\n";

}  // namespace

TEST_CASE("model files under a directory are merged into one schema", "[model]") {
  ModelDir dir;
  dir.write("a_users.yaml", users_file);
  dir.write("nested/posts.yml", posts_file);
  dir.write("empty.yaml", "");
  dir.write("notes.txt", "not: [a model");
  const Schema schema = load_model_files({dir.path()});
  REQUIRE(schema.tables.size() == 2);
  CHECK(schema.tables[0].name.name == "posts");
  CHECK(schema.tables[1].name.name == "users");
  CHECK(schema.tables[0].foreign_keys.at(0).name == "posts_author_id_fkey");
}

TEST_CASE("a foreign key to a table no model file defines is an error at the key", "[model]") {
  ModelDir dir;
  dir.write("posts.yaml", posts_file);
  dir.write("tags.yaml", "tables:\n  tags:\n    columns:\n      id: {type: int}\n");
  CHECK_THROWS_WITH(load_model_files({dir.path()}),
                    dir.file("posts.yaml") +
                        ":5:45: foreign key posts_author_id_fkey of table posts references table "
                        "'users', which no model file defines");
}

TEST_CASE("a foreign key to a missing column names the columns the table has", "[model]") {
  ModelDir dir;
  dir.write("users.yaml", users_file);
  dir.write("posts.yaml",
            "tables:\n  posts:\n    columns:\n      author_id: {type: bigint}\n"
            "    foreign_keys:\n      - {columns: [author_id], references: users(uid)}\n");
  CHECK_THROWS_WITH(load_model_files({dir.file("users.yaml"), dir.file("posts.yaml")}),
                    dir.file("posts.yaml") +
                        ":6:44: foreign key posts_author_id_fkey of table posts references column "
                        "'uid', which table users lacks (expected: id)");
}

TEST_CASE("a foreign key must reference a primary key or unique columns", "[model]") {
  ModelDir dir;
  dir.write("m.yaml",
            "tables:\n  users:\n    columns:\n      id: {type: int}\n  posts:\n    columns:\n"
            "      author: {type: int, references: users.id}\n");
  CHECK_THROWS_WITH(load_model_files({dir.path()}),
                    dir.file("m.yaml") +
                        ":7:39: foreign key posts_author_fkey of table posts references users(id), "
                        "which is neither the primary key nor unique");
}

TEST_CASE("a table defined in two files is an error naming both", "[model]") {
  ModelDir dir;
  dir.write("models/a.yaml", users_file);
  dir.write("models/b.yaml", "# the same table again\ntables:\n  users:\n    columns: {}\n");
  CHECK_THROWS_WITH(load_model_files({dir.path() / "models"}),
                    dir.file("models/b.yaml") + ":3:3: table 'users' is already defined at " +
                        dir.file("models/a.yaml") + ":2:3");
}

TEST_CASE("an enum or sequence defined in two files is an error naming both", "[model]") {
  ModelDir dir;
  dir.write("a.yaml", "enums:\n  mood: [happy]\nsequences:\n  s: {}\n");
  dir.write("b.yaml", "enums:\n  mood: [sad]\n");
  CHECK_THROWS_WITH(load_model_files({dir.path()}), dir.file("b.yaml") +
                                                        ":2:3: enum 'mood' is already defined at " +
                                                        dir.file("a.yaml") + ":2:3");
  dir.write("b.yaml", "sequences:\n  s: {}\n");
  CHECK_THROWS_WITH(load_model_files({dir.path()}),
                    dir.file("b.yaml") + ":2:3: sequence 's' is already defined at " +
                        dir.file("a.yaml") + ":4:3");
}

TEST_CASE("a sequence must be owned by a column of the merged model", "[model]") {
  ModelDir dir;
  dir.write("users.yaml", users_file);
  dir.write("seq.yaml", "sequences:\n  s: {owned_by: users.uid}\n");
  CHECK_THROWS_WITH(load_model_files({dir.path()}),
                    dir.file("seq.yaml") +
                        ":2:17: sequence s is owned by column 'uid', which table users lacks "
                        "(expected: id)");
}

TEST_CASE("a model path that does not exist is an error without a position", "[model]") {
  ModelDir dir;
  const fs::path missing = dir.path() / "nope";
  try {
    load_model_files({missing});
    FAIL("no error");
  } catch (const FileError& e) {
    CHECK(e.line() == 0);
    CHECK(std::string(e.what()) == missing.string() + ": no such file or directory");
  }
}

TEST_CASE("errors in a model file under a directory name that file", "[model]") {
  ModelDir dir;
  dir.write("bad.yaml", "tables:\n  t:\n    colums: {}\n");
  CHECK_THROWS_WITH(load_model_files({dir.path()}),
                    Catch::StartsWith(dir.file("bad.yaml") + ":3:5: unknown key 'colums'"));
}
