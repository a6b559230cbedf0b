#pragma once
// What upgrade and downgrade share: the --sql range, progress lines, the run itself.

#include <string>

#include "cli/context.hpp"

namespace migrate::cli {

struct RunArgs {
  std::string target;
  bool sql = false;
  bool rerun_partial = false;
};

// Runs or, with --sql, prints the script of `upgrade`/`downgrade` to args.target.
int run_migration(Context& ctx, Direction direction, const RunArgs& args);

}  // namespace migrate::cli
