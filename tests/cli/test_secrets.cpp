// A password given to migrate, in any form, never shows in what it prints (results, logs at -v,
// errors, libpq's own messages), in --sql scripts, or in the history table.

#include <catch2/catch.hpp>

#include "cli/project.hpp"

using namespace migrate::testing;

namespace {

const std::string secret = "Sup3r-S3cret";

// postgresql://user@host... -> postgresql://user:<password>@host...
std::string with_password(const std::string& url, const std::string& password) {
  const auto at = url.find('@');
  REQUIRE(at != std::string::npos);
  return url.substr(0, at) + ":" + password + url.substr(at);
}

void check_clean(const CommandResult& result, const std::string& what) {
  INFO(what << "\nstdout:\n" << result.out << "\nstderr:\n" << result.err);
  CHECK(result.out.find(secret) == std::string::npos);
  CHECK(result.err.find(secret) == std::string::npos);
}

}  // namespace

TEST_CASE("passwords never appear in output, errors, scripts or the history table",
          "[cli][secrets]") {
  const Project project = example_project();
  // The test cluster trusts local connections, so the password is accepted and ignored: what
  // is tested is where migrate could repeat it.
  const std::string url = with_password(project.database.url, secret);
  write_file(project.dir / "versions" / "aaa_ok.yaml",
             "revision: aaa\nparents: []\nmessage: ok\ncreated: 2026-11-24T12:00:00Z\n"
             "upgrade:\n  - sql: {up: \"CREATE TABLE one (id int)\", down: \"DROP TABLE one\"}\n"
             "downgrade:\n  - sql: \"DROP TABLE one\"\n");
  write_file(project.dir / "versions" / "bbb_broken.yaml",
             "revision: bbb\nparents: [aaa]\nmessage: broken\ncreated: 2026-11-24T12:00:00Z\n"
             "upgrade:\n  - sql: \"SELECT 1/0\"\ndowngrade: []\n");
  const std::vector<std::vector<std::string>> commands = {
      {"-v", "upgrade", "aaa"},
      {"-v", "current", "--verbose"},
      {"-v", "check"},
      {"-v", "upgrade", "head"},
      {"upgrade", "head", "--sql"},
      {"history", "-i"},
      {"--format", "json", "-v", "check"},
      {"verify"},
  };
  for (auto args : commands) {
    args.insert(args.begin(), {"--url", url});
    std::string line;
    for (const auto& arg : args) line += arg + " ";
    check_clean(project.run(args), line);
  }
  // In the environment, in key=value form, and in a URL libpq cannot connect to.
  check_clean(
      project.run({"current"}, {{"DATABASE_URL", project.database.url}, {"PGPASSWORD", secret}}),
      "PGPASSWORD");
  check_clean(project.run({"-v", "current"},
                          {{"DATABASE_URL", "host=127.0.0.1 port=1 password=" + secret}}),
              "key=value, refused");
  check_clean(project.run({"-v", "check"},
                          {{"DATABASE_URL", "postgresql://u:" + secret + "@nowhere.invalid/db"}}),
              "unknown host");
  check_clean(project.run({"current"}, {{"DATABASE_URL", "postgresql://u:" + secret +
                                                             "@127.0.0.1:1/db?sslmode=bogus"}}),
              "bad option");
  write_file(project.dir / "migrate.yaml", "database_url: " + url + "\n");
  check_clean(project.run({"-v", "upgrade", "head"}, {{"DATABASE_URL", ""}}), "migrate.yaml");

  CHECK(query(project.database.url,
              "SELECT count(*) FROM migrate_history WHERE migrate_history::text LIKE '%" + secret +
                  "%'") == "0");
  CHECK(query(project.database.url, "SELECT count(*) FROM migrate_history") != "0");
}
