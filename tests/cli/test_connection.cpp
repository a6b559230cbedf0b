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
  CHECK_THAT(missing.err,
             Catch::Contains("environment variable 'MIGRATE_TEST_BLOG_URL' is not set"));
}

TEST_CASE("an unreachable database is exit 1 with a one-line error", "[cli]") {
  const Project project = example_project();
  const auto result = project.run({"check", "--url", "postgresql://nobody@127.0.0.1:1/none"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err,
             Catch::StartsWith("error: cannot connect to postgresql://nobody@127.0.0.1:1/none"));
  CHECK_THAT(result.err, !Catch::Contains("terminate called"));
}

#if MIGRATE_LAZY_LIBPQ
TEST_CASE("libpq is loaded by the commands that connect, and only by them", "[cli][connection]") {
  const Project project = example_project();
  // A file the dynamic loader finds first under libpq's name, and cannot load.
  const auto libraries = make_temp_dir("migrate-broken-libpq");
  write_file(libraries / "libpq.so.5", "not a shared library\n");
  const std::map<std::string, std::string> env = {{"LD_LIBRARY_PATH", libraries.string()}};

  const auto revision = project.run({"revision", "-m", "first"}, env);
  CHECK(revision.exit_code == 0);
  const auto history = project.run({"history"}, env);
  CHECK(history.exit_code == 0);
  CHECK_THAT(history.out, Catch::Contains("first"));

  const auto check = project.run({"check"}, env);
  CHECK(check.exit_code == 1);
  CHECK_THAT(check.err, Catch::Contains("cannot load PostgreSQL's client library (libpq.so.5"));
  const auto upgrade = project.run({"upgrade", "head"}, env);
  CHECK(upgrade.exit_code == 1);
  CHECK_THAT(upgrade.err, Catch::Contains("libpq.so.5"));
}
#endif
