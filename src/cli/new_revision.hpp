#pragma once
// Writing a new revision file, shared by `revision` and `merge`.

#include <filesystem>
#include <string>

#include "cli/context.hpp"

namespace migrate::cli {

// The current time as ISO 8601 UTC ("2026-11-24T12:00:00Z").
std::string now_utc();

// Writes the revision into `directory` (created if missing); refuses an id that exists already.
// Returns the file's path.
std::filesystem::path write_new_revision(const RevisionGraph& graph, const Revision& revision,
                                         const std::filesystem::path& directory);

}  // namespace migrate::cli
