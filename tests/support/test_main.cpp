// The main of integration_tests and cli_tests. The throwaway cluster starts only when a test first
// asks for server_url(); this makes sure it is gone when the run ends.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "support/postgres.hpp"

int main(int argc, char* argv[]) {
  // Before Catch2 installs its per-test-case handlers, which hand a signal on to these.
  migrate::testing::stop_server_on_signals();
  const int result = Catch::Session().run(argc, argv);
  migrate::testing::release_server();
  return result;
}
