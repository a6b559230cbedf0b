// Renames and data loss end to end: with rows in the tables, nothing is lost by accident, and the
// one edit a flag spells out keeps the data both ways.
#include <fstream>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "cli/project.hpp"

using namespace migrate::testing;
namespace fs = std::filesystem;

namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

void edit_model(const Project& project,
                const std::vector<std::pair<std::string, std::string>>& edits) {
  const fs::path model = project.dir / "models" / "blog.yaml";
  std::string text = read_file(model);
  for (const auto& [from, to] : edits) {
    REQUIRE(text.find(from) != std::string::npos);
    replace_all(text, from, to);
  }
  write_file(model, text);
}

// The revision file autogenerate wrote: the path is the first line of its output.
fs::path written_file(const Project& project, const CommandResult& result) {
  const std::string first = result.out.substr(0, result.out.find('\n'));
  REQUIRE(first.rfind("wrote ", 0) == 0);
  return project.dir / first.substr(6);
}

// What a person does with each flag: an item whose flag says "replace this ... with `OP`" becomes
// OP, and its partner ("see the drop_...") goes.
std::string resolve_rename_flags(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> items;  // an item starts at "  - "; other lines stand alone
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("    ", 0) == 0 && !items.empty()) {
      items.back() += "\n" + line;
    } else {
      items.push_back(line);
    }
  }
  const std::regex suggestion("replace this [^`]*`([^`]*)`");
  std::string out;
  for (const std::string& item : items) {
    std::smatch match;
    if (item.find("possible rename") != std::string::npos) {
      if (std::regex_search(item, match, suggestion)) out += "  - " + match[1].str() + "\n";
      continue;  // the partner of the replaced drop
    }
    out += item + "\n";
  }
  return out;
}

// The blog at head, with a user, a post and two tags in it.
void blog_with_rows(const Project& project) {
  REQUIRE(project.run({"revision", "--autogenerate", "-m", "blog"}).exit_code == 0);
  REQUIRE(project.run({"upgrade", "head"}).exit_code == 0);
  const std::string& url = project.database.url;
  query(url,
        "INSERT INTO users (username, email) VALUES ('ann', 'ann@example.com');"
        "INSERT INTO posts (author_id, title, content) VALUES (1, 'Hello', 'First post');"
        "INSERT INTO tags (name) VALUES ('cpp'), ('sql');"
        "INSERT INTO post_tags VALUES (1, 2)");
}

}  // namespace

TEST_CASE("a renamed column and table keep their rows once the flagged pairs become renames",
          "[cli][renames]") {
  const Project project = example_project();
  blog_with_rows(project);
  const std::string& url = project.database.url;
  edit_model(project, {{"      email:      {", "      email_address: {"},
                       {"  tags:\n", "  labels:\n"},
                       {"references: tags(id)", "references: labels(id)"}});

  const auto generated = project.run({"revision", "--autogenerate", "-m", "rename"});
  REQUIRE(generated.exit_code == 0);
  CHECK_THAT(generated.out,
             Catch::Contains("FLAG possible rename of column users.email to email_address"));
  CHECK_THAT(generated.out, Catch::Contains("FLAG possible rename of table tags to labels"));
  CHECK_THAT(generated.out, Catch::Contains("FLAG in downgrade: possible rename of column "
                                            "users.email_address to email"));

  const auto refused = project.run({"upgrade", "head"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err,
             Catch::Contains("possible rename of column users.email to email_address"));
  CHECK_THAT(refused.err, Catch::Contains("possible rename of table tags to labels"));
  CHECK(query(url, "SELECT email FROM users") == "ann@example.com");

  const fs::path file = written_file(project, generated);
  write_file(file, resolve_rename_flags(read_file(file)));
  INFO(read_file(file));
  const auto upgraded = project.run({"upgrade", "head"});
  INFO(upgraded.err);
  REQUIRE(upgraded.exit_code == 0);
  CHECK(query(url, "SELECT email_address FROM users") == "ann@example.com");
  CHECK(query(url, "SELECT string_agg(name, ',' ORDER BY id) FROM labels") == "cpp,sql");
  CHECK(query(url, "SELECT tag_id FROM post_tags") == "2");

  REQUIRE(project.run({"downgrade", "-1"}).exit_code == 0);
  CHECK(query(url, "SELECT email FROM users") == "ann@example.com");
  CHECK(query(url, "SELECT string_agg(name, ',' ORDER BY id) FROM tags") == "cpp,sql");
  CHECK(query(url, "SELECT tag_id FROM post_tags") == "2");

  // What PostgreSQL leaves named after the old table is renamed next, unflagged.
  REQUIRE(project.run({"upgrade", "head"}).exit_code == 0);
  const auto follow_up = project.run({"revision", "--autogenerate", "-m", "constraint names"});
  REQUIRE(follow_up.exit_code == 0);
  CHECK_THAT(follow_up.out, !Catch::Contains("FLAG"));
  CHECK_THAT(follow_up.out,
             Catch::Contains("rename constraint tags_pkey on labels to labels_pkey"));
  REQUIRE(project.run({"upgrade", "head"}).exit_code == 0);
  CHECK(project.run({"check"}).exit_code == 0);
  CHECK(query(url, "SELECT email_address FROM users") == "ann@example.com");
}

TEST_CASE("renamed_from in the model writes the renames unflagged and check is clean after",
          "[cli][renames]") {
  const Project project = example_project();
  blog_with_rows(project);
  const std::string& url = project.database.url;
  edit_model(project, {{"      email:      {type: varchar(255), nullable: false, unique: true}",
                        "      email_address: {type: varchar(255), nullable: false, unique: true, "
                        "renamed_from: email}"},
                       {"  tags:\n", "  labels:\n    renamed_from: tags\n"},
                       {"references: tags(id)", "references: labels(id)"}});

  const auto generated = project.run({"revision", "--autogenerate", "-m", "rename"});
  REQUIRE(generated.exit_code == 0);
  CHECK_THAT(generated.out, !Catch::Contains("FLAG"));
  CHECK_THAT(generated.out, Catch::Contains("rename table tags to labels"));
  CHECK_THAT(generated.out, Catch::Contains("rename column users.email to email_address"));
  CHECK_THAT(generated.out, Catch::Contains("rename constraint users_email_key on users to "
                                            "users_email_address_key"));

  const auto upgraded = project.run({"upgrade", "head"});
  INFO(upgraded.err);
  REQUIRE(upgraded.exit_code == 0);
  CHECK(query(url, "SELECT email_address FROM users") == "ann@example.com");
  CHECK(query(url, "SELECT string_agg(name, ',' ORDER BY id) FROM labels") == "cpp,sql");
  const auto checked = project.run({"check"});
  INFO(checked.out);
  CHECK(checked.exit_code == 0);
  CHECK_THAT(project.run({"revision", "--autogenerate", "-m", "again"}).out,
             Catch::Contains("no changes"));

  REQUIRE(project.run({"downgrade", "-1"}).exit_code == 0);
  CHECK(query(url, "SELECT email FROM users") == "ann@example.com");
  CHECK(query(url, "SELECT count(*) FROM tags") == "2");
}

TEST_CASE("a drop is refused until its flag line is deleted, then it runs", "[cli][renames]") {
  const Project project = example_project();
  blog_with_rows(project);
  edit_model(project,
             {{"      is_active:  {type: boolean, nullable: false, default: \"true\"}\n", ""}});
  const auto generated = project.run({"revision", "--autogenerate", "-m", "drop is_active"});
  REQUIRE(generated.exit_code == 0);
  CHECK_THAT(generated.out,
             Catch::Contains("FLAG data loss: drops column users.is_active and its values"));
  const auto refused = project.run({"upgrade", "head"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("data loss: drops column users.is_active"));
  CHECK(query(project.database.url, "SELECT count(*) FROM users WHERE is_active") == "1");

  const fs::path file = written_file(project, generated);
  std::string text = read_file(file);
  text = std::regex_replace(text, std::regex(", flag: \"data loss[^\"]*\""), "");
  text = std::regex_replace(text, std::regex("\n *flag: \"?data loss[^\n]*"), "");
  write_file(file, text);
  INFO(text);
  REQUIRE(project.run({"upgrade", "head"}).exit_code == 0);
  CHECK(query(project.database.url,
              "SELECT count(*) FROM information_schema.columns WHERE column_name = 'is_active'") ==
        "0");
  CHECK(query(project.database.url, "SELECT username FROM users") == "ann");
}
