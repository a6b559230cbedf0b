#include <fstream>
#include <regex>

#include <catch2/catch.hpp>

#include "cli/project.hpp"

using namespace migrate::testing;

namespace {

// host:port of the test server, for URLs with a user and password over TCP.
std::string host_and_port() {
  std::smatch match;
  const std::string url = server_url();
  REQUIRE(std::regex_search(url, match, std::regex(R"(@([^/?]+))")));
  return match[1];
}

}  // namespace

TEST_CASE("a wrong password never appears in any output, even with -v", "[cli][secrets]") {
  execute_sql(server_url(),
              "DO $$ BEGIN CREATE ROLE secret_user LOGIN PASSWORD 'right-pass'; "
              "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
  const Project project = example_project();
  const std::string url =
      "postgresql://secret_user:Wr0ng-S3cret@" + host_and_port() + "/" + project.database.name;
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"-v", "check", "--url", url},
                                             {"check", "--url", url, "--format", "json"},
                                             {"diff", "--from", url, "--to", "models"}}) {
    const auto result = project.run(args);
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Catch::Contains("password authentication failed"));
    CHECK_THAT(result.err + result.out, !Catch::Contains("Wr0ng-S3cret"));
  }
  const auto keyword =
      project.run({"check", "--url",
                   "host=127.0.0.1 port=" + host_and_port().substr(host_and_port().find(':') + 1) +
                       " user=secret_user password=Wr0ng-S3cret dbname=x"});
  CHECK(keyword.exit_code == 1);
  CHECK_THAT(keyword.err, !Catch::Contains("Wr0ng-S3cret"));
}

TEST_CASE("--url wins over DATABASE_URL and migrate.yaml's database_url", "[cli][config]") {
  const Project project = example_project();
  std::ofstream(project.dir / "migrate.yaml", std::ios::app)
      << "database_url: postgresql://nobody@127.0.0.1:1/none\n";
  const auto with_option = project.run({"check", "--url", project.database.url},
                                       {{"DATABASE_URL", "postgresql://nobody@127.0.0.1:1/env"}});
  CHECK(with_option.exit_code == 1);
  CHECK_THAT(with_option.out, Catch::Contains("create table users"));
  const auto with_env = project.run({"check"});  // DATABASE_URL is the project's database
  CHECK_THAT(with_env.out, Catch::Contains("create table users"));
}

TEST_CASE("database_url may name an environment variable; a missing one is exit 2",
          "[cli][config]") {
  const Project project = example_project();
  std::ofstream(project.dir / "migrate.yaml", std::ios::app)
      << "database_url: ${MIGRATE_TEST_BLOG_URL}\n";
  auto run_without_database_url = [&](std::map<std::string, std::string> env) {
    env["DATABASE_URL"] = "";
    std::vector<std::string> args = {MIGRATE_BINARY, "check"};
    return run_command(args, env, project.dir.string());
  };
  const auto found = run_without_database_url({{"MIGRATE_TEST_BLOG_URL", project.database.url}});
  CHECK(found.exit_code == 1);
  CHECK_THAT(found.out, Catch::Contains("create table users"));
  const auto missing = run_without_database_url({});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("migrate.yaml:") &&
                              Catch::Contains("environment variable 'MIGRATE_TEST_BLOG_URL' is "
                                              "not set"));
  // With the URL given otherwise, migrate.yaml's is not used, and its variable need not be set.
  const auto given = run_command({MIGRATE_BINARY, "check", "--url", project.database.url},
                                 {{"DATABASE_URL", ""}}, project.dir.string());
  CHECK(given.exit_code == 1);
  CHECK_THAT(given.out, Catch::Contains("create table users"));
  const auto from_environment = run_command(
      {MIGRATE_BINARY, "check"}, {{"DATABASE_URL", project.database.url}}, project.dir.string());
  CHECK(from_environment.exit_code == 1);
  CHECK_THAT(from_environment.err, !Catch::Contains("is not set"));
}

TEST_CASE("an unreachable database is exit 1 with a one-line error", "[cli]") {
  const Project project = example_project();
  const auto result = project.run({"check", "--url", "postgresql://nobody@127.0.0.1:1/none"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err,
             Catch::StartsWith("error: cannot connect to postgresql://nobody@127.0.0.1:1/none"));
  CHECK_THAT(result.err, !Catch::Contains("terminate called"));
}
