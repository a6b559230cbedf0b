#pragma once
// The PostgreSQL server that integration and CLI tests run against, and helpers to drive it and
// the programs around it. Failures throw: std::runtime_error and its kin, pqxx errors from SQL.

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace migrate::testing {

// The URL of the maintenance database ("postgres") of this test run's server: MIGRATE_TEST_URL
// when set; otherwise a throwaway cluster that scripts/dev-postgres starts on the first call.
// release_server() ends it, at exit or on a fatal signal if not before.
std::string server_url();

// Ends this process's use of the server: stops the throwaway cluster, or drops the databases
// fresh_database() made on the MIGRATE_TEST_URL server. Does nothing the second time; a later
// server_url() starts a new cluster.
void release_server();

// Makes SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE and SIGILL stop the
// throwaway cluster and then take their default action, for each signal whose action is still the
// default (an ignored SIGHUP under nohup stays ignored). server_url() calls it too, but a test main
// should call it before Catch2 runs: within a test case, Catch2's handlers are in place (and would
// be skipped), and Catch2 hands a signal on to the handlers it found when the test case began.
void stop_server_on_signals();

struct TestDatabase {
  std::string name;
  std::string url;
};

// Creates an empty database, migrate_test_<pid>_<n>, on server_url()'s server. n counts up, and
// the pid keeps concurrent test processes sharing a MIGRATE_TEST_URL server apart. Dropped by
// release_server() on such a server; a throwaway cluster's go with the cluster.
TestDatabase fresh_database();

// Runs a script of one or more statements as one simple query. PostgreSQL runs such a script in
// one implicit transaction: a failing statement undoes the ones before it, and statements that
// refuse a transaction block (CREATE DATABASE, VACUUM) must come alone. Throws pqxx::sql_error,
// whose what() holds the server's message.
void execute_sql(const std::string& url, const std::string& sql);

// A PostgreSQL client program ("psql", "pg_dump") by its path in `pg_config --bindir` when it is
// there, else by name: Debian's /usr/bin ones are a Perl wrapper that costs more than the
// program itself, which adds up over the corpus's thousands of runs.
const std::string& client_program(const std::string& name);

// Runs `psql -v ON_ERROR_STOP=1 -X -q -f file` and returns its stdout. Throws with psql's stderr
// when psql fails.
std::string psql_file(const std::string& url, const std::string& file);

// `pg_dump --schema-only --no-owner` without what varies between equal schemas or runs: comment
// lines, SET and set_config lines, \restrict keys; runs of blank lines become one, none at the
// ends. Two databases with equal schemas give equal strings.
std::string pg_dump_schema(const std::string& url);

struct CommandResult {
  int exit_code = 0;  // the exit status, or 128 + the signal's number when a signal ended it
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH) with stdin from /dev/null, capturing stdout and stderr
// separately. extra_env adds to or overrides this process's environment; an empty working_dir
// means this process's. Exit code 127 and a message on err mean argv[0] could not be run.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& extra_env = {},
                          const std::string& working_dir = "");

// As run_command, but sends SIGKILL to the child if it still runs `kill_after` after it started
// (exit_code 137 then): a crash at an arbitrary point.
CommandResult run_command_killed_after(const std::vector<std::string>& argv,
                                       std::chrono::microseconds kill_after,
                                       const std::map<std::string, std::string>& extra_env = {},
                                       const std::string& working_dir = "");

// Creates a new directory <system temp dir>/<prefix>.XXXXXX, removed with its contents at exit.
std::filesystem::path make_temp_dir(const std::string& prefix);

}  // namespace migrate::testing
