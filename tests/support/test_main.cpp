// The main of integration_tests and cli_tests. The throwaway cluster starts only when a test first
// asks for server_url(); this makes sure it is gone when the run ends.
#define CATCH_CONFIG_RUNNER
#include <cstdlib>

#include <catch2/catch.hpp>

#include "support/postgres.hpp"

int main(int argc, char* argv[]) {
  // Before Catch2 installs its per-test-case handlers, which hand a signal on to these.
  migrate::testing::stop_server_on_signals();
  // The migrate processes the tests run keep their graph cache in a directory of this run's,
  // not in the user's ~/.cache.
  const auto cache = migrate::testing::make_temp_dir("migrate-graph-cache");
  ::setenv("MIGRATE_CACHE_DIR", cache.c_str(), 1);
  const int result = Catch::Session().run(argc, argv);
  migrate::testing::release_server();
  return result;
}
